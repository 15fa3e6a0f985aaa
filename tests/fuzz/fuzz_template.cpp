// Fuzz harness: the workshop template parser (facilitation::ParseTemplate, a TOML file a person edits by hand).
// Property: on any bytes it either returns a template that keeps every rule a template must keep, or throws
// TemplateError naming the file and a line of it; the guard that runs before toml++ (toml_guard.h) keeps the
// lines and leaves ASCII text alone. Any other exception, a crash or a sanitizer finding fails.
#include <algorithm>
#include <exception>
#include <set>
#include <string>

#include "facilitation/templates.h"
#include "facilitation/toml_guard.h"
#include "fuzz_common.h"

using copk_fuzz::Fail;

namespace {

constexpr const char* kSource = "fuzz.toml";

bool Blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

void CheckAccepted(const facilitation::Template& t) {
    COPK_CHECK(t.source == kSource, "the template remembers its source");
    COPK_CHECK(!Blank(t.key) && !Blank(t.name), "an accepted template has a key and a name");
    COPK_CHECK(t.workshop_kind == "launch" || t.workshop_kind == "renewal", "kind is launch or renewal");
    COPK_CHECK(!t.stages.empty(), "an accepted template has at least one stage");
    std::set<std::string> stage_keys;
    for (const facilitation::TemplateStage& stage : t.stages) {
        COPK_CHECK(!Blank(stage.key) && !Blank(stage.title) && !Blank(stage.prompt), "a stage has key, title and prompt");
        COPK_CHECK(stage_keys.insert(stage.key).second, "stage keys are unique");
        COPK_CHECK(stage.planned_minutes >= 1 && stage.planned_minutes <= 480, "planned_minutes is 1..480");
        COPK_CHECK(stage.dots >= 1 && stage.dots <= 20, "dots is 1..20");
    }
    COPK_CHECK(!t.roles.empty(), "a template has roles (its own or the default ones)");
    std::set<std::string> role_keys;
    for (const facilitation::RoleDefinition& role : t.roles) {
        COPK_CHECK(!Blank(role.key) && !Blank(role.title), "a role has a key and a title");
        COPK_CHECK(role_keys.insert(role.key).second, "role keys are unique");
    }
    for (const std::string& example : t.task_examples) COPK_CHECK(!example.empty(), "task examples are not empty");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto lines = 1 + std::count(text.begin(), text.end(), '\n');

    // The guard before toml++ keeps every line where it was, and leaves plain ASCII text as it is.
    try {
        const std::string guarded = facilitation::GuardTomlText(text, kSource);
        COPK_CHECK(std::count(guarded.begin(), guarded.end(), '\n') == lines - 1, "the guard keeps the lines");
        COPK_CHECK(guarded == text || std::any_of(text.begin(), text.end(), [](char c) { return c & 0x80; }),
                        "the guard changes no ASCII text");
    } catch (const facilitation::TemplateError& error) {
        COPK_CHECK(error.line >= 1 && error.line <= lines, "the guard names a line of the file");
    }

    try {
        CheckAccepted(facilitation::ParseTemplate(text, kSource));
    } catch (const facilitation::TemplateError& error) {
        // The error is shown to the person who edits the file: it must say where.
        COPK_CHECK(error.file == kSource, "a TemplateError names the file");
        // Line 0: the whole file is at fault (empty, too big, no [[stage]] at all), and the message says so.
        COPK_CHECK(error.line >= 0 && error.line <= lines,
                   "a TemplateError names a line of the file (line " + std::to_string(error.line) + " of " +
                       std::to_string(lines) + ": " + error.what() + ")");
        COPK_CHECK(!error.reason.empty(), "a TemplateError gives a reason");
    } catch (const std::exception& error) {
        Fail(std::string("ParseTemplate threw something other than TemplateError: ") + error.what());
    }
    return 0;
}
