// Rules that scripts/fuzz found broken, pinned here as plain examples (the inputs themselves are replayed by
// ctest "fuzz regressions: <harness>" from tests/fuzz/regressions/).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "facilitation/export/csv.h"
#include "facilitation/export/ics.h"

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
