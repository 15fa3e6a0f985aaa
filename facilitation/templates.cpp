// Workshop templates: reading a hand-edited TOML file and saying, in plain words, what is wrong with it.
// Sections: errors · before parsing (size, UTF-8, control characters, dotted names) · TOML errors in plain words ·
// fields (keys, texts, numbers) · the template · loading files.
#include "facilitation/templates.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "facilitation/domain/decisions.h"
#include "facilitation/domain/names.h"
#include "facilitation/toml_guard.h"

namespace facilitation {

TemplateError::TemplateError(const std::string& file_, int line_, const std::string& reason_)
    : Error(file_ + (line_ > 0 ? ":" + std::to_string(line_) : std::string()) + ": " + reason_),
      file(file_),
      line(line_),
      reason(reason_) {}

namespace {

// A template is a few kilobytes (the shipped ones about 4 KB); a bigger file is not one.
constexpr size_t kMaxTemplateBytes = 1024 * 1024;
// toml++ builds one nested table per part of a dotted name ([a.b.c]) and recurses once per level: some 35,000
// parts overflow the stack. A template needs two at most.
constexpr int kMaxDottedParts = 32;
constexpr int kMaxStages = 40;
constexpr int kMaxKeyChars = 40;
constexpr int kMaxTemplateNameChars = 80;
constexpr int kMaxStageTitleChars = 60;
constexpr int kMaxPromptChars = 600;
constexpr int kMaxRoleTitleChars = 40;
constexpr int kMaxRoleDescriptionChars = 200;
constexpr int kMinMinutes = 1, kMaxMinutes = 480;
constexpr int kMinDots = 1, kMaxDots = 20;

const char* const kKnownKinds =
    "checkin, domain, stage_check, roles, rhythm, tasks, commitments, voice, close, review, health";

// ---- Before parsing ------------------------------------------------------------------------------
[[noreturn]] void TooBig(const std::string& file, size_t bytes);

// Refuses what is not text at all (binary bytes, another encoding, control characters), naming the first line
// with such a byte. toml++ would refuse most of it too, but in words about its grammar.
void CheckIsText(const std::string& text, const std::string& file) {
    if (text.size() > kMaxTemplateBytes) TooBig(file, text.size());
    int line = 1;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string content = text.substr(start, end - start);
        if (line == 1 && content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);  // editors write a BOM
        if (Utf8Length(content) < 0)
            throw TemplateError(file, line,
                                "this line holds bytes that are not UTF-8 text (a binary file, or text saved in another "
                                "encoding such as Latin-1); save the file as UTF-8 in your text editor");
        for (size_t i = 0; i < content.size(); ++i) {
            const auto c = static_cast<unsigned char>(content[i]);
            const bool crlf = c == '\r' && i + 1 == content.size() && end < text.size();
            if ((c < 0x20 && c != '\t' && !crlf) || c == 0x7F) {
                char code[8];
                std::snprintf(code, sizeof code, "0x%02X", c);
                throw TemplateError(file, line,
                                    std::string("this line holds a control character (byte ") + code +
                                        ") that is not text; remove it (a template holds only text)");
            }
        }
        ++line;
        start = end + 1;
    }
}

// Skips a TOML string starting at text[i] (a quote), counting the lines it spans; i ends after it. A multi-line
// text never closed is reported at its first line (toml++ would name the file's last line).
void SkipString(const std::string& text, size_t& i, int& line, const std::string& file) {
    const int first_line = line;
    const char quote = text[i];
    const bool triple = text.compare(i, 3, std::string(3, quote)) == 0;
    i += triple ? 3 : 1;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\\' && quote == '"') {  // an escape; a backslash ending a line continues a multi-line text
            if (i + 1 < text.size() && text[i + 1] == '\n') ++line;
            i += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple) return;  // not closed: toml++ says so
            ++line;
        }
        if (c == quote && (!triple || text.compare(i, 3, std::string(3, quote)) == 0)) {
            i += triple ? 3 : 1;
            return;
        }
        ++i;
    }
    if (triple)
        throw TemplateError(file, first_line,
                            std::string("the text in triple quotes (") + std::string(3, quote) +
                                ") that starts on this line is never closed: add the closing " + std::string(3, quote));
}

// Refuses a dotted name (outside texts and comments) of more parts than a template could need.
void CheckDottedNames(const std::string& text, const std::string& file) {
    int line = 1, parts = 0;
    bool after_dot = false;
    size_t i = 0;
    const auto part = [&] {
        parts = after_dot ? parts + 1 : 1;
        after_dot = false;
        if (parts > kMaxDottedParts)
            throw TemplateError(file, line,
                                "a dotted name on this line has more than " + std::to_string(kMaxDottedParts) +
                                    " parts (a.b.c...); a template needs [[stage]] and [[role]] sections, not nested ones");
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n') { ++line; parts = 0; after_dot = false; ++i; continue; }
        if (c == '#') { while (i < text.size() && text[i] != '\n') ++i; continue; }
        if (c == '"' || c == '\'') { part(); SkipString(text, i, line, file); continue; }
        if (c == '.') { after_dot = parts > 0; ++i; continue; }
        if (c == ' ' || c == '\t') { ++i; continue; }
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+' || c == ':') {
            while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' ||
                                       text[i] == '-' || text[i] == '+' || text[i] == ':'))
                ++i;
            part();
            continue;
        }
        parts = 0;  // = [ ] { } , and the rest end a name
        after_dot = false;
        ++i;
    }
}

// ---- TOML errors in plain words --------------------------------------------------------------------
std::string PlainWords(const std::string& description) {
    const auto has = [&](const char* words) { return description.find(words) != std::string::npos; };
    if (has("cannot redefine existing")) {  // "... cannot redefine existing array 'stage' as table"
        const size_t open = description.find('\'');
        const size_t close = open == std::string::npos ? std::string::npos : description.find('\'', open + 1);
        const std::string name = close == std::string::npos ? "" : description.substr(open + 1, close - open - 1);
        if ((name == "stage" || name == "role") && has("table header"))
            return "this [" + name + "] has single brackets; write [[" + name + "]] (two brackets) for every " + name;
        return (name.empty() ? std::string("a setting") : "\"" + name + "\"") +
               " is given twice in the same section; keep only one";
    }
    if (has("unescaped control characters") || (has("parsing string") && has("end-of-file")))
        return "a text in quotes is not closed: add the missing closing quote";
    if (has("not representable in 64 bits")) return "a number on this line is far too large";
    if (has("exceeded maximum nested value depth"))
        return "lists or { } tables are nested more than 256 deep; a template needs no nesting";
    return "this line is not valid TOML (" + description + "); compare it with the shipped launch.toml";
}

// ---- Fields ------------------------------------------------------------------------------------------
int LineOf(const toml::node& node, int fallback) {
    const auto line = node.source().begin.line;
    return line > 0 ? static_cast<int>(line) : fallback;
}

// What a wrong value is, in words: "0", "7.5", "\"ten\"", "a list".
std::string Describe(const toml::node& node) {
    if (const auto i = node.value_exact<int64_t>()) return std::to_string(*i);
    if (const auto d = node.value_exact<double>()) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", *d);
        return text;
    }
    if (const auto s = node.value_exact<std::string>()) {
        const int length = Utf8Length(*s);
        return "\"" + (length >= 0 && length <= 40 ? *s : std::string("...")) + "\" (text in quotes)";
    }
    if (const auto b = node.value_exact<bool>()) return *b ? "true" : "false";
    if (node.is_array()) return "a list";
    if (node.is_table()) return "a section";
    return "a date or time";
}

// Settings the section does not know, in file order: a typo ("promt") would otherwise be ignored or
// reported as a missing setting.
void RefuseUnknownKeys(const toml::table& table, const std::set<std::string>& known, const std::string& file,
                       int fallback_line, const std::string& where, const std::string& known_list) {
    const toml::node* first = nullptr;
    std::string first_name;
    for (const auto& [key, node] : table) {  // the table is sorted by name: report the first in the file
        const std::string name(key.str());
        if (!known.count(name) && (!first || LineOf(node, fallback_line) < LineOf(*first, fallback_line))) {
            first = &node;
            first_name = name;
        }
    }
    if (first)
        throw TemplateError(file, LineOf(*first, fallback_line),
                            where + " has an unknown setting \"" + first_name + "\" (known: " + known_list + ")");
}

// Keys name a template's file, and stages and roles in the database and in the screens' ids.
std::string CheckKey(const std::string& value, const std::string& file, int line, const std::string& where) {
    bool ok = !value.empty() && static_cast<int>(value.size()) <= kMaxKeyChars;
    for (char c : value) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    if (!ok) {
        std::string suggestion;
        for (char c : value) {
            if (c >= 'A' && c <= 'Z') suggestion += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') suggestion += c;
            else if (c == ' ' && !suggestion.empty() && suggestion.back() != '-') suggestion += '-';
        }
        throw TemplateError(file, line,
                            where + ": \"key\" may hold only lower-case letters a-z, digits, \"-\" and \"_\", at most " +
                                std::to_string(kMaxKeyChars) + (suggestion.empty() || suggestion.size() > kMaxKeyChars
                                                                     ? std::string()
                                                                     : " (for example \"" + suggestion + "\")"));
    }
    return value;
}

// A required text setting, checked with the rules people's typing follows (names.h), in the template's words.
std::string RequireText(const toml::table& table, const char* key, const std::string& file, const std::string& where,
                        int max_chars, bool paragraphs = false) {
    const toml::node* node = table.get(key);
    const int table_line = LineOf(table, 1);
    if (!node) throw TemplateError(file, table_line, where + " has no \"" + key + "\"");
    const int line = LineOf(*node, table_line);
    const auto value = node->value_exact<std::string>();
    if (!value)
        throw TemplateError(file, line, where + ": \"" + key + "\" must be text in quotes, not " + Describe(*node));
    const TextCheck check = paragraphs ? CheckParagraphs(*value, key, max_chars) : CheckName(*value, key, max_chars);
    const std::string start = where + ": \"" + key + "\" ";
    switch (check.problem) {
        case TextProblem::None: return check.cleaned;
        case TextProblem::Empty: throw TemplateError(file, line, start + "is empty");
        case TextProblem::TooLong:
            throw TemplateError(file, line, start + "is too long (" + std::to_string(check.length) +
                                                " characters; at most " + std::to_string(max_chars) + ")");
        case TextProblem::Emoji:
            throw TemplateError(file, line, start + "holds an emoji (" + CodePointName(check.character) +
                                                "), which the projector cannot show");
        default:
            throw TemplateError(file, line, start + "holds a character that cannot be shown (" +
                                                CodePointName(check.character) + "); remove it");
    }
}

std::string RequireKey(const toml::table& table, const std::string& file, const std::string& where) {
    const std::string key = RequireText(table, "key", file, where, 1000);
    return CheckKey(key, file, LineOf(*table.get("key"), LineOf(table, 1)), where);
}

// A whole number within [low, high]; "10" in quotes gets its own hint.
int RequireWholeNumber(const toml::node& node, const char* key, int low, int high, const std::string& file,
                       const std::string& where) {
    const auto value = node.value_exact<int64_t>();
    if (value && *value >= low && *value <= high) return static_cast<int>(*value);
    std::string reason = where + ": " + key + " must be a whole number from " + std::to_string(low) + " to " +
                         std::to_string(high) + ", not " + Describe(node);
    if (const auto text = node.value_exact<std::string>();
        text && !text->empty() && text->size() < 10 && text->find_first_not_of("0123456789") == std::string::npos)
        reason += "; write the number without quotes: " + std::string(key) + " = " + *text;
    throw TemplateError(file, LineOf(node, 1), reason);
}

// ---- The template ----------------------------------------------------------------------------------
TemplateStage ReadStage(const toml::table& table, int number, std::set<std::string>& keys, const std::string& file) {
    const int line = LineOf(table, 1);
    std::string where = "stage " + std::to_string(number);
    RefuseUnknownKeys(table, {"key", "title", "kind", "planned_minutes", "prompt", "dots"}, file, line, where,
                      "key, title, kind, planned_minutes, prompt, dots");
    TemplateStage stage;
    stage.key = RequireKey(table, file, where);
    if (!keys.insert(stage.key).second)
        throw TemplateError(file, LineOf(*table.get("key"), line), "stage key \"" + stage.key + "\" is used twice");
    where += " (" + stage.key + ")";
    stage.title = RequireText(table, "title", file, where, kMaxStageTitleChars);
    stage.prompt = RequireText(table, "prompt", file, where, kMaxPromptChars, true);
    const std::string kind = RequireText(table, "kind", file, where, 1000);
    const auto parsed_kind = StageKindFromString(kind);
    if (!parsed_kind)
        throw TemplateError(file, LineOf(*table.get("kind"), line),
                            "stage \"" + stage.key + "\" has unknown kind \"" + kind + "\" (known: " + kKnownKinds + ")");
    stage.kind = *parsed_kind;
    const toml::node* minutes = table.get("planned_minutes");
    if (!minutes) throw TemplateError(file, line, "stage \"" + stage.key + "\" has no \"planned_minutes\"");
    stage.planned_minutes = RequireWholeNumber(*minutes, "planned_minutes", kMinMinutes, kMaxMinutes, file,
                                               "stage \"" + stage.key + "\"");
    if (const toml::node* dots = table.get("dots"))
        stage.dots = RequireWholeNumber(*dots, "dots", kMinDots, kMaxDots, file, "stage \"" + stage.key + "\"");
    return stage;
}

RoleDefinition ReadRole(const toml::table& table, int number, std::set<std::string>& keys, const std::string& file) {
    const int line = LineOf(table, 1);
    std::string where = "role " + std::to_string(number);
    RefuseUnknownKeys(table, {"key", "title", "description"}, file, line, where, "key, title, description");
    RoleDefinition role;
    role.key = RequireKey(table, file, where);
    if (!keys.insert(role.key).second)
        throw TemplateError(file, LineOf(*table.get("key"), line), "role key \"" + role.key + "\" is used twice");
    where += " (" + role.key + ")";
    role.title = RequireText(table, "title", file, where, kMaxRoleTitleChars);
    if (table.get("description"))
        role.description = RequireText(table, "description", file, where, kMaxRoleDescriptionChars, true);
    return role;
}

// A list of [[name]] sections; `what` is "stage" or "role".
const toml::array& SectionList(const toml::node& node, const char* what, const std::string& file) {
    const toml::array* list = node.as_array();
    const std::string sections = std::string("[[") + what + "]]";
    if (!list) {
        throw TemplateError(file, LineOf(node, 1),
                            "\"" + std::string(what) + "\" must be a list of " + sections + " sections, not " +
                                Describe(node) + (node.is_table() ? " (write " + sections + " with two brackets)" : ""));
    }
    if (list->empty())
        throw TemplateError(file, LineOf(node, 1),
                            "\"" + std::string(what) + "\" must be a list of " + sections + " sections, and it is empty");
    int number = 0;
    for (const toml::node& item : *list) {
        ++number;
        if (!item.is_table())
            throw TemplateError(file, LineOf(item, LineOf(node, 1)),
                                std::string(what) + " " + std::to_string(number) + " is not a " + sections +
                                    " section but " + Describe(item));
    }
    return *list;
}

[[noreturn]] void TooBig(const std::string& file, size_t bytes) {
    throw TemplateError(file, 0,
                        "the file is " + std::to_string(bytes / 1024) +
                            " KB, far too big for a workshop template (at most 1 MB; the shipped ones are about 4 KB)");
}

// `expected_key`: the key the file must hold (LoadTemplate: its file name), or null.
Template Parse(const std::string& text, const std::string& source_name, const std::string* expected_key) {
    const std::string& file = source_name;
    CheckIsText(text, file);
    CheckDottedNames(text, file);
    toml::table root;
    try {
        // GuardTomlText first: toml++ 3.3 faults on some non-ASCII text (toml_guard.h says where).
        root = toml::parse(GuardTomlText(text, source_name), source_name);
    } catch (const toml::parse_error& error) {
        throw TemplateError(file, static_cast<int>(error.source().begin.line), PlainWords(std::string(error.description())));
    }
    if (root.empty())
        throw TemplateError(file, 0,
                            "the file holds no settings (it is empty, or only comments); a template needs key, name, "
                            "kind and [[stage]] sections: start from a copy of the shipped launch.toml");
    const std::string top_keys = "key, name, kind, task_examples, [[stage]], [[role]]";
    if (!root.get("key") && !root.get("name") && !root.get("kind") && !root.get("stage"))
        throw TemplateError(file, 0,
                            "this is not a workshop template: it has none of key, name, kind and [[stage]] (another "
                            "program's file?); start from a copy of the shipped launch.toml");
    RefuseUnknownKeys(root, {"key", "name", "kind", "task_examples", "stage", "role"}, file, 1, "the template",
                      top_keys);

    Template tmpl;
    tmpl.source = source_name;
    tmpl.key = RequireKey(root, file, "the template");
    if (expected_key && tmpl.key != *expected_key)
        throw TemplateError(file, LineOf(*root.get("key"), 1),
                            "the file says key = \"" + tmpl.key + "\", but it is read as the template \"" + *expected_key +
                                "\": a template's key must be its file name without .toml");
    tmpl.name = RequireText(root, "name", file, "the template", kMaxTemplateNameChars);
    tmpl.workshop_kind = RequireText(root, "kind", file, "the template", 1000);
    if (tmpl.workshop_kind != "launch" && tmpl.workshop_kind != "renewal")
        throw TemplateError(file, LineOf(*root.get("kind"), 1),
                            "kind must be \"launch\" or \"renewal\", not \"" + tmpl.workshop_kind + "\"");

    const toml::node* stages_node = root.get("stage");
    if (!stages_node) throw TemplateError(file, 0, "the template has no [[stage]] sections");
    const toml::array& stages = SectionList(*stages_node, "stage", file);
    if (stages.size() > static_cast<size_t>(kMaxStages))
        throw TemplateError(file, LineOf(stages[static_cast<size_t>(kMaxStages)], 1),
                            "the template has " + std::to_string(stages.size()) + " stages, more than a workshop can hold (at most " +
                                std::to_string(kMaxStages) + ")");
    std::set<std::string> keys;
    int number = 0;
    for (const toml::node& node : stages) tmpl.stages.push_back(ReadStage(*node.as_table(), ++number, keys, file));

    // Roles: [[role]] sections, or the roles of DOMAIN.md when the template lists none.
    if (const toml::node* roles_node = root.get("role")) {
        std::set<std::string> role_keys;
        int role_number = 0;
        for (const toml::node& node : SectionList(*roles_node, "role", file))
            tmpl.roles.push_back(ReadRole(*node.as_table(), ++role_number, role_keys, file));
    } else {
        tmpl.roles = DefaultRoles();
    }

    // Task examples become tasks when the room picks them: they follow a task's rules (names.h, decisions.h).
    if (const toml::node* examples_node = root.get("task_examples")) {
        const toml::array* examples = examples_node->as_array();
        const int line = LineOf(*examples_node, 1);
        if (!examples)
            throw TemplateError(file, line, "\"task_examples\" must be a list of texts [\"...\", \"...\"], not " +
                                                Describe(*examples_node));
        if (examples->size() > static_cast<size_t>(kMaxTasksPerStage))
            throw TemplateError(file, line, "\"task_examples\" lists " + std::to_string(examples->size()) +
                                                " tasks, more than a room can rate (at most " +
                                                std::to_string(kMaxTasksPerStage) + ")");
        std::set<std::string> seen;
        int number = 0;
        for (const toml::node& example : *examples) {
            ++number;
            const int example_line = LineOf(example, line);
            const std::string where = "task example " + std::to_string(number);
            const auto text = example.value_exact<std::string>();
            if (!text) throw TemplateError(file, example_line, where + " must be text in quotes, not " + Describe(example));
            const TextCheck check = CheckName(*text, "task", kMaxTaskChars);
            if (check.problem == TextProblem::Empty) throw TemplateError(file, example_line, where + " is empty");
            if (!check.ok) throw TemplateError(file, example_line, where + ": " + check.error);
            if (!seen.insert(NameKey(check.cleaned)).second)
                throw TemplateError(file, example_line, where + " \"" + check.cleaned + "\" is listed twice");
            tmpl.task_examples.push_back(check.cleaned);
        }
    }
    return tmpl;
}

}  // namespace

Template ParseTemplate(const std::string& text, const std::string& source_name) {
    return Parse(text, source_name, nullptr);
}

// ---- Loading files ---------------------------------------------------------------------------------
namespace {
std::string ReadTemplateFile(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) throw TemplateError(path, 0, "this is a folder, not a template file");
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxTemplateBytes) TooBig(path, size);  // not read into memory at all
    std::ifstream file(path, std::ios::binary);
    if (!file) throw TemplateError(path, 0, "the template file cannot be read (missing or not permitted)");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}
}  // namespace

Template LoadTemplateFile(const std::string& path) { return Parse(ReadTemplateFile(path), path, nullptr); }

Template LoadTemplate(const std::string& templates_dir, const std::string& key) {
    // The key comes from a button or from a database (perhaps merged from another kiosk): never a path.
    const std::string path = templates_dir + "/" + key + ".toml";
    bool safe = !key.empty() && key.size() <= static_cast<size_t>(kMaxKeyChars);
    for (char c : key) safe = safe && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    if (!safe) throw TemplateError(path, 0, "\"" + key + "\" is not a template key (lower-case letters, digits, - and _)");
    return Parse(ReadTemplateFile(path), path, &key);
}

}  // namespace facilitation
