// Workshop templates: the two shipped with the product, and every way a hand-edited one can be wrong.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "facilitation/templates.h"

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

// Loads a fixture that must be refused and returns the error.
TemplateError RefusalOf(const std::string& fixture) {
    const std::string path = Fixture(fixture);
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
