// Workshop templates: the two shipped with the product, and every way a hand-edited one can be wrong: each
// malformed fixture in tests/fixtures/templates/ is refused with its file, its line where one makes sense and the
// reason in plain words, and is left byte for byte as it was (checksum before and after).
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "facilitation/domain/sha256.h"
#include "facilitation/templates.h"
#include "temp_dir.h"

using namespace facilitation;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {

const std::string kTemplatesDir = COPK_TEST_DATA_DIR "/templates";
const std::string kFixturesDir = COPK_TEST_FIXTURES_DIR "/templates";

std::string Fixture(const std::string& name) { return kFixturesDir + "/" + name; }

std::string ReadText(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> KindsOf(const Template& t) {
    std::vector<std::string> kinds;
    for (const auto& s : t.stages) kinds.push_back(ToString(s.kind));
    return kinds;
}

std::string Checksum(const std::string& path) {
    const auto bytes = copk_test::ReadBytes(path);
    return Sha256Hex(std::string(bytes.begin(), bytes.end()));
}

// Loads a fixture that must be refused and returns the error; the file must be unchanged afterwards.
TemplateError RefusalOf(const std::string& fixture) {
    const std::string path = Fixture(fixture);
    const std::string before = Checksum(path);
    struct Unchanged {
        const std::string& path;
        const std::string& before;
        ~Unchanged() { CHECK(Checksum(path) == before); }
    } unchanged{path, before};
    try {
        const Template t = LoadTemplateFile(path);
        FAIL("the template " << fixture << " was accepted with " << t.stages.size() << " stages");
    } catch (const TemplateError& e) {
        CHECK(e.file == path);
        CHECK_FALSE(e.reason.empty());
        // The message shown to the user names the file, the line and the reason.
        const std::string message = e.what();
        CHECK_THAT(message, Contains(fixture));
        if (e.line > 0) CHECK_THAT(message, Contains(std::to_string(e.line)));
        CHECK_THAT(message, Contains(e.reason));
        return e;
    }
    return TemplateError(path, 0, "unreachable");
}

void CheckStagesAreComplete(const Template& t) {
    std::set<std::string> keys;
    for (const auto& s : t.stages) {
        CAPTURE(s.key);
        CHECK_FALSE(s.key.empty());
        CHECK_FALSE(s.title.empty());
        CHECK_FALSE(s.prompt.empty());
        CHECK(s.planned_minutes > 0);
        keys.insert(s.key);
    }
    CHECK(keys.size() == t.stages.size());
}

}  // namespace

TEST_CASE("templates: the shipped launch template has the nine launch stages in order", "[templates]") {
    const Template t = LoadTemplate(kTemplatesDir, "launch");
    CHECK(t.key == "launch");
    CHECK(t.workshop_kind == "launch");
    CHECK_FALSE(t.name.empty());
    CHECK_THAT(t.source, EndsWith("launch.toml"));
    CHECK(KindsOf(t) == std::vector<std::string>{"checkin", "domain", "stage_check", "roles", "rhythm", "tasks",
                                                 "commitments", "voice", "close"});
    CheckStagesAreComplete(t);
}

TEST_CASE("templates: the shipped renewal template has the renewal stages in order", "[templates]") {
    const Template t = LoadTemplate(kTemplatesDir, "renewal");
    CHECK(t.key == "renewal");
    CHECK(t.workshop_kind == "renewal");
    CHECK_FALSE(t.name.empty());
    // DOMAIN.md: check-in; review of commitments; health pulse; stage check; new challenges and tasks;
    // roles rotation; rhythm revisited; new commitments; voice; close.
    CHECK(KindsOf(t) == std::vector<std::string>{"checkin", "review", "health", "stage_check", "tasks", "roles",
                                                 "rhythm", "commitments", "voice", "close"});
    CheckStagesAreComplete(t);
}

TEST_CASE("templates: a valid template is read field by field", "[templates]") {
    const std::string path = Fixture("valid_minimal.toml");
    const Template t = LoadTemplateFile(path);
    CHECK(t.key == "mini");
    CHECK(t.name == "Mini workshop");
    CHECK(t.workshop_kind == "launch");
    CHECK(t.source == path);
    REQUIRE(t.stages.size() == 2);
    CHECK(t.stages[0].key == "check-in");
    CHECK(t.stages[0].title == "Check-in");
    CHECK(t.stages[0].kind == StageKind::CheckIn);
    CHECK(t.stages[0].planned_minutes == 5);
    CHECK(t.stages[0].prompt == "Who is here?");
    CHECK(t.stages[1].key == "stage-check");
    CHECK(t.stages[1].title == "Where do we stand?");
    CHECK(t.stages[1].kind == StageKind::StageCheck);
    CHECK(t.stages[1].planned_minutes == 7);
    CHECK(t.stages[1].prompt == "Vote for one stage.");
}

TEST_CASE("templates: comments and multi-line prompts are allowed", "[templates]") {
    const Template t = LoadTemplateFile(Fixture("multiline_prompt.toml"));
    CHECK(t.key == "edited");
    CHECK(t.workshop_kind == "renewal");
    REQUIRE(t.stages.size() == 1);
    CHECK(t.stages[0].prompt == "Who is here?\nSay your name.");
    CHECK(t.stages[0].planned_minutes == 12);
}

TEST_CASE("templates: parsing text gives the same template as loading its file", "[templates]") {
    const std::string path = kTemplatesDir + "/launch.toml";
    const Template from_text = ParseTemplate(ReadText(path), "pasted.toml");
    const Template from_file = LoadTemplateFile(path);
    CHECK(from_text.key == from_file.key);
    CHECK(from_text.source == "pasted.toml");
    REQUIRE(from_text.stages.size() == from_file.stages.size());
    for (size_t i = 0; i < from_text.stages.size(); ++i) {
        CHECK(from_text.stages[i].key == from_file.stages[i].key);
        CHECK(from_text.stages[i].prompt == from_file.stages[i].prompt);
        CHECK(from_text.stages[i].planned_minutes == from_file.stages[i].planned_minutes);
    }
}

TEST_CASE("templates: malformed TOML is refused at the line of the mistake", "[templates][errors]") {
    const TemplateError e = RefusalOf("malformed_syntax.toml");
    CHECK(e.line == 15);
}

TEST_CASE("templates: a stage without a required key is refused, naming the key", "[templates][errors]") {
    const TemplateError e = RefusalOf("missing_title.toml");
    // The second stage (lines 13-17) lacks its title.
    CHECK(e.line >= 13);
    CHECK(e.line <= 17);
    CHECK_THAT(e.reason, Contains("title"));
}

TEST_CASE("templates: an unknown stage kind is refused at its line, naming it", "[templates][errors]") {
    const TemplateError e = RefusalOf("unknown_kind.toml");
    CHECK(e.line == 16);
    CHECK_THAT(e.reason, Contains("brainstorm"));
}

TEST_CASE("templates: a duplicate stage key is refused at the second stage, naming the key", "[templates][errors]") {
    const TemplateError e = RefusalOf("duplicate_stage_key.toml");
    // The second stage starts at line 13 and repeats the key on line 14.
    CHECK(e.line >= 13);
    CHECK(e.line <= 14);
    CHECK_THAT(e.reason, Contains("check-in"));
}

TEST_CASE("templates: planned minutes must be a positive whole number", "[templates][errors]") {
    for (const std::string& fixture : {std::string("minutes_zero.toml"), std::string("minutes_negative.toml"),
                                      std::string("minutes_text.toml"), std::string("minutes_fraction.toml")}) {
        CAPTURE(fixture);
        const TemplateError e = RefusalOf(fixture);
        CHECK(e.line == 17);
        CHECK_THAT(e.reason, Contains("planned_minutes"));
    }
}

TEST_CASE("templates: a template without stages is refused", "[templates][errors]") {
    const TemplateError e = RefusalOf("no_stages.toml");
    CHECK_THAT(e.reason, Contains("stage", Catch::CaseSensitive::No));
}

TEST_CASE("templates: errors in parsed text name the given source", "[templates][errors]") {
    const std::string text =
        "key = \"x\"\n"
        "name = \"X\"\n"
        "kind = \"launch\"\n"
        "[[stage]]\n"
        "key = \"a\"\n"
        "title = \"A\"\n"
        "kind = \"nonsense\"\n"
        "planned_minutes = 3\n"
        "prompt = \"P\"\n";
    try {
        ParseTemplate(text, "typed-in.toml");
        FAIL("an unknown kind was accepted");
    } catch (const TemplateError& e) {
        CHECK(e.file == "typed-in.toml");
        CHECK(e.line == 7);
        CHECK_THAT(e.reason, Contains("nonsense"));
    }
}

TEST_CASE("templates: a missing template file is refused, naming the file", "[templates][errors]") {
    try {
        LoadTemplate(kFixturesDir, "absent");
        FAIL("a missing template loaded");
    } catch (const TemplateError& e) {
        CHECK_THAT(e.file, EndsWith("absent.toml"));
        CHECK_FALSE(e.reason.empty());
        CHECK_THAT(std::string(e.what()), Contains("absent.toml"));
    }
}

TEST_CASE("templates: a template error is a facilitation error", "[templates][errors]") {
    CHECK_THROWS_AS(LoadTemplateFile(Fixture("unknown_kind.toml")), Error);
}

// ---- The bad input corpus: every realistic mistake, one fixture each ----------------------------------------
namespace {
struct Malformed {
    const char* fixture;
    int line;              // the line the message must name; 0: none (the whole file is wrong)
    const char* reason;    // words the reason must contain
};

// Fixtures derived from valid_minimal.toml change its second stage (lines 13..18) unless said otherwise.
const Malformed kMalformed[] = {
    // Not text, or not TOML.
    {"empty.toml", 0, "empty"},
    {"binary.toml", 1, "not UTF-8 text"},
    {"invalid_utf8.toml", 15, "save the file as UTF-8"},           // a title saved in Latin-1
    {"nul_byte.toml", 15, "control character (byte 0x00)"},
    {"malformed_syntax.toml", 15, "not closed"},                  // a title with no closing quote
    {"unterminated_multiline.toml", 18, "never closed"},          // a prompt's """ never closed
    {"duplicate_setting.toml", 16, "\"title\" is given twice"},
    {"stage_single_brackets.toml", 13, "write [[stage]] (two brackets)"},
    {"minutes_overflow.toml", 17, "far too large"},               // 99999999999999999999
    {"deep_nesting.toml", 20, "nested more than 256 deep"},
    {"deep_dotted_name.toml", 20, "more than 32 parts"},
    {"only_unknown_keys.toml", 0, "not a workshop template"},     // another program's settings file
    // The template's own settings.
    {"template_setting_typo.toml", 3, "unknown setting \"nmae\""},
    {"template_kind_unknown.toml", 4, "\"kickoff\""},
    {"task_examples_not_list.toml", 5, "must be a list of texts"},
    {"task_examples_empty_entry.toml", 7, "task example 2 is empty"},
    // Stages.
    {"no_stages.toml", 0, "no [[stage]] sections"},
    {"stage_empty_list.toml", 6, "it is empty"},
    {"stage_not_table.toml", 6, "stage 1 is not a [[stage]] section"},
    {"missing_stage_key.toml", 13, "has no \"key\""},
    {"stage_key_not_a_key.toml", 14, "lower-case letters"},       // key = "Stage check"
    {"duplicate_stage_key.toml", 14, "\"check-in\" is used twice"},
    {"missing_title.toml", 13, "has no \"title\""},
    {"title_whitespace.toml", 15, "\"title\" is empty"},
    {"title_too_long.toml", 15, "too long (10000 characters; at most 60)"},
    {"title_emoji.toml", 15, "emoji"},
    {"title_control_escape.toml", 15, "U+0007"},                  // "\u0007" written as an escape
    {"missing_prompt.toml", 13, "has no \"prompt\""},
    {"missing_stage_kind.toml", 13, "has no \"kind\""},
    {"unknown_kind.toml", 16, "\"brainstorm\""},
    {"unknown_stage_setting.toml", 18, "unknown setting \"promt\""},
    {"minutes_zero.toml", 17, "from 1 to 480, not 0"},
    {"minutes_negative.toml", 17, "not -5"},
    {"minutes_too_many.toml", 17, "not 481"},
    {"minutes_fraction.toml", 17, "not 7.5"},
    {"minutes_huge_float.toml", 17, "not 1e+30"},
    {"minutes_text.toml", 17, "not \"ten\""},
    {"minutes_quoted.toml", 17, "without quotes: planned_minutes = 10"},
    {"dots_zero.toml", 18, "dots must be a whole number from 1 to 20, not 0"},
    {"dots_too_many.toml", 18, "not 21"},
    {"dots_text.toml", 18, "not \"three\""},
    // Roles (appended after the two stages).
    {"duplicate_role_key.toml", 25, "role key \"sponsor\" is used twice"},
    {"role_without_title.toml", 24, "role 2 (coordinator) has no \"title\""},
};
}  // namespace

TEST_CASE("templates: the bad input corpus, each malformed template refused with file, line and reason",
          "[templates][errors][corpus]") {
    CHECK(sizeof kMalformed / sizeof kMalformed[0] >= 20);
    for (const Malformed& m : kMalformed) {
        CAPTURE(m.fixture);
        const TemplateError e = RefusalOf(m.fixture);
        CHECK(e.line == m.line);
        CHECK_THAT(e.reason, Contains(m.reason));
        // Plain words: no parser jargon reaches the user.
        CHECK_THAT(e.reason, !Contains("Error while parsing") && !Contains("TOML_MAX"));
    }
}

TEST_CASE("templates: a UTF-8 byte order mark and CRLF line endings are accepted (editors write them)", "[templates]") {
    const Template plain = LoadTemplateFile(Fixture("valid_minimal.toml"));
    for (const std::string& fixture : {std::string("bom.toml"), std::string("crlf.toml")}) {
        CAPTURE(fixture);
        const std::string before = Checksum(Fixture(fixture));
        const Template t = LoadTemplateFile(Fixture(fixture));
        CHECK(Checksum(Fixture(fixture)) == before);
        CHECK(t.key == plain.key);  // no BOM glued to the first key
        CHECK(t.name == plain.name);
        REQUIRE(t.stages.size() == plain.stages.size());
        CHECK(t.stages[0].title == plain.stages[0].title);
        CHECK(t.stages[1].planned_minutes == 7);
    }
    // The CRLF file's multi-line prompt keeps its line breaks, as "\n" only.
    CHECK(LoadTemplateFile(Fixture("crlf.toml")).stages[1].prompt == "Vote for one stage.\nThen say why.");
}

TEST_CASE("templates: a template's key must be its file name, and a key is never a path", "[templates][errors]") {
    const std::string before = Checksum(Fixture("key_not_file_name.toml"));
    CHECK(LoadTemplateFile(Fixture("key_not_file_name.toml")).key == "mini-workshop");  // fine as a file
    try {
        LoadTemplate(kFixturesDir, "key_not_file_name");
        FAIL("a template whose key is not its file name was loaded by that name");
    } catch (const TemplateError& e) {
        CHECK(e.line == 2);
        CHECK_THAT(e.reason, Contains("\"mini-workshop\"") && Contains("file name"));
    }
    CHECK(Checksum(Fixture("key_not_file_name.toml")) == before);
    for (const std::string& key : {std::string("../templates/valid_minimal"), std::string("/etc/passwd"),
                                  std::string(""), std::string("Launch")}) {
        CAPTURE(key);
        try {
            LoadTemplate(kFixturesDir, key);
            FAIL("a template key that is a path was followed");
        } catch (const TemplateError& e) {
            CHECK_THAT(e.reason, Contains("not a template key"));
        }
    }
}

TEST_CASE("templates: a dotted name deep enough to overflow the parser's stack is refused, not a crash",
          "[templates][errors][corpus]") {
    // toml++ recursed once per part and crashed (SIGSEGV) at about 35,000 parts; 100,000 is 200 KB of file.
    copk_test::TempDir dir;
    std::string header = "[a";
    for (int i = 1; i < 100000; ++i) header += ".a";
    const std::string path = dir.File("deep.toml");
    copk_test::WriteText(path, "key = \"deep\"\n" + header + "]\nx = 1\n");
    const std::string before = Checksum(path);
    try {
        LoadTemplateFile(path);
        FAIL("a 100,000-part dotted name was accepted");
    } catch (const TemplateError& e) {
        CHECK(e.line == 2);
        CHECK_THAT(e.reason, Contains("more than 32 parts"));
    }
    CHECK(Checksum(path) == before);
    // A prompt may say a.b.c.d... in words: only names outside quotes and comments count.
    const std::string dots(200, '.');
    const Template ok = ParseTemplate("key = \"k\" # a" + dots + "\nname = \"N\"\nkind = \"launch\"\n[[stage]]\nkey = \"s\"\n"
                                      "title = \"T\"\nkind = \"domain\"\nplanned_minutes = 5\nprompt = \"\"\"one" + dots +
                                          "\\\n two " + dots + "\"\"\"\n",
                                      "dots.toml");
    CHECK(ok.stages.at(0).prompt == "one" + dots + "two " + dots);
}

TEST_CASE("templates: a file over 1 MB is refused before it is read", "[templates][errors][corpus]") {
    copk_test::TempDir dir;
    const std::string path = dir.File("huge.toml");
    {
        const std::string text = ReadText(Fixture("valid_minimal.toml"));
        std::ofstream out(path, std::ios::binary);
        out << text << "# " << std::string(2 * 1024 * 1024, 'x') << "\n";
    }
    const std::string before = Checksum(path);
    try {
        LoadTemplateFile(path);
        FAIL("a 2 MB template was accepted");
    } catch (const TemplateError& e) {
        CHECK(e.line == 0);
        CHECK_THAT(e.reason, Contains("too big") && Contains("1 MB"));
    }
    CHECK(Checksum(path) == before);
}
