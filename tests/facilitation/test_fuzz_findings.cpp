// Rules that scripts/fuzz found broken, pinned here as plain examples (the inputs themselves are replayed by
// ctest "fuzz regressions: <harness>" from tests/fuzz/regressions/).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "facilitation/export/csv.h"
#include "facilitation/export/ics.h"
#include "facilitation/templates.h"

using namespace facilitation;
using namespace facilitation::exporting;

TEST_CASE("export csv: a large number is written with all its digits, never cut short", "[export][csv][fuzz]") {
    // fuzz_csv: %.4f of 1.7e304 was cut at 63 characters, a wrong number in the spreadsheet.
    for (const double value : {1e20, -3.5e100, 1.6843209780585938e304, 1.7976931348623157e308}) {
        const std::string text = Number(value).text;
        CHECK(text.find('.') == std::string::npos);  // whole: the 4 decimals were zeros and are dropped
        CHECK(std::strtod(text.c_str(), nullptr) == value);
    }
    CHECK(Number(1e20).text == "100000000000000000000");
    CHECK(Number(-1.7976931348623157e308).text.size() == 310);
}

TEST_CASE("export ics: a date or time stamp that is not digits gives nothing, not a broken value",
          "[export][ics][fuzz]") {
    // fuzz_ics: any 10 bytes were taken for a date, so a malformed due date wrote "DUE;VALUE=DATE:xxxxxxxx".
    CHECK(IcsDate("2026-03-15") == "20260315");
    CHECK(IcsDate("abcd-ef-gh").empty());
    CHECK(IcsDate("2026/03/15").empty());
    CHECK(IcsDate(std::string("\xED\xA0\x80l\x7F tab\t")).empty());
    CHECK(IcsUtcStamp("2026-03-15T09:05:07Z") == "20260315T090507Z");
    CHECK(IcsUtcStamp("abcd-ef-ghTij:kl:mnZ").empty());
    CHECK(IcsUtcStamp("2026-03-15T9:05:07.1Z").empty());
}

TEST_CASE("templates: a table header without a key is refused with its line, never a crash",
          "[templates][fuzz]") {
    // fuzz_template: toml++ 3.3.0 asserts on these in a debug build (upstream pull request 301); the library
    // the product links reports them, and the template is refused with the line to fix.
    for (const std::string header : {"[#", "[[[1]]]", "[[=", "[ ]"}) {
        const std::string text = "key = \"k\"\nname = \"n\"\nkind = \"launch\"\n" + header + "\n";
        try {
            facilitation::ParseTemplate(text, "broken.toml");
            FAIL("accepted " << header);
        } catch (const facilitation::TemplateError& error) {
            CHECK(error.file == "broken.toml");
            CHECK(error.line == 4);
        }
    }
}

namespace {
const std::string kHead = "key = \"k\"\nname = \"n\"\nkind = \"launch\"\n";
const std::string kStage = "[[stage]]\nkey = \"s\"\ntitle = \"T\"\nkind = \"checkin\"\nplanned_minutes = 5\n";
}  // namespace

TEST_CASE("templates: a non-ASCII letter outside quotes is refused with its line", "[templates][fuzz]") {
    // fuzz_template: toml++ 3.3.0 reaches __builtin_unreachable() when it asks whether such a letter is a space
    // (upstream issues 190 and 295); GuardTomlText refuses it first, with the line to fix.
    for (const std::string& bad : {std::string("kind2 = \"launch\"\xC3\xA9"), std::string("\xC3\xA9 = 1"),
                                   std::string("a = 1 \xC3\xA9"), std::string("n = 1\xC4\x92"),
                                   std::string("x = \xE2\xB4\x80"), std::string("n = -\"x\xC3\xA9\""),
                                   std::string("y = 1['\xCF\xBE'")}) {
        try {
            ParseTemplate(kHead + bad + "\n" + kStage + "prompt = \"p\"\n", "t.toml");
            FAIL("accepted " << bad);
        } catch (const TemplateError& error) {
            CHECK(error.line == 4);
            CHECK_THAT(error.reason, Catch::Contains("outside quotes"));
        }
    }
    // A backslash before a letter is no escape, in either kind of string.
    CHECK_THROWS_AS(ParseTemplate(kHead + kStage + "prompt = \"\"\"a\\\xC3\xA9\"\"\"\n", "t.toml"), TemplateError);
    CHECK_THROWS_AS(ParseTemplate(kHead + kStage + "prompt = \"a\\\xC3\xA9\"\n", "t.toml"), TemplateError);
}

TEST_CASE("templates: text in quotes and comments may hold any letter, also after a line-ending backslash",
          "[templates][fuzz]") {
    const Template t = ParseTemplate(
        "# Atelier de lancement: caf\xC3\xA9, \xC3\xA9t\xC3\xA9\n" + kHead + kStage +
            "prompt = \"\"\"Qui est l\xC3\xA0 ? \\\n    \xC3\x89t\xC3\xA9 \xE2\x86\x92\"\"\"\n" +
            "[[role]]\nkey = \"r\"\ntitle = 'R\xC3\xA9union'\n",
        "t.toml");
    REQUIRE(t.stages.size() == 1);
    // The line-ending backslash trims the break and the indent; the letter after it is kept as it was.
    CHECK(t.stages[0].prompt == "Qui est l\xC3\xA0 ? \xC3\x89t\xC3\xA9 \xE2\x86\x92");
    REQUIRE(t.roles.size() == 1);
    CHECK(t.roles[0].title == "R\xC3\xA9union");  // a literal string ('...') holds it too
    // A no-break space outside quotes (pasted from a word processor) is toml++'s to judge, without fault: TOML
    // spaces are space and tab, so it is refused with its line.
    try {
        ParseTemplate(kHead + kStage + "prompt =\xC2\xA0\"p\"\n", "t.toml");
        FAIL("accepted a no-break space");
    } catch (const TemplateError& error) {
        CHECK(error.line == 9);
    }
}
