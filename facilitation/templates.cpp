#include "facilitation/templates.h"

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "facilitation/toml_guard.h"

namespace facilitation {

TemplateError::TemplateError(const std::string& file_, int line_, const std::string& reason_)
    : Error(file_ + (line_ > 0 ? ":" + std::to_string(line_) : std::string()) + ": " + reason_),
      file(file_),
      line(line_),
      reason(reason_) {}

namespace {

int LineOf(const toml::node& node, int fallback) {
    const auto line = node.source().begin.line;
    return line > 0 ? static_cast<int>(line) : fallback;
}

std::string RequireString(const toml::table& table, const char* key, const std::string& file, const std::string& where) {
    const toml::node* node = table.get(key);
    const int line = LineOf(table, 1);
    if (!node) throw TemplateError(file, line, where + " has no \"" + key + "\"");
    const auto value = node->value<std::string>();
    if (!value) throw TemplateError(file, LineOf(*node, line), where + ": \"" + key + "\" must be text in quotes");
    if (value->find_first_not_of(" \t\r\n") == std::string::npos)
        throw TemplateError(file, LineOf(*node, line), where + ": \"" + key + "\" is empty");
    return *value;
}

}  // namespace

Template ParseTemplate(const std::string& text, const std::string& source_name) {
    toml::table root;
    try {
        // GuardTomlText first: toml++ 3.3 faults on some non-ASCII text (toml_guard.h says where).
        root = toml::parse(GuardTomlText(text, source_name), source_name);
    } catch (const toml::parse_error& error) {
        throw TemplateError(source_name, static_cast<int>(error.source().begin.line), std::string(error.description()));
    }
    Template tmpl;
    tmpl.source = source_name;
    tmpl.key = RequireString(root, "key", source_name, "the template");
    tmpl.name = RequireString(root, "name", source_name, "the template");
    tmpl.workshop_kind = RequireString(root, "kind", source_name, "the template");
    if (tmpl.workshop_kind != "launch" && tmpl.workshop_kind != "renewal")
        throw TemplateError(source_name, LineOf(*root.get("kind"), 1),
                            "kind must be \"launch\" or \"renewal\", not \"" + tmpl.workshop_kind + "\"");

    const toml::node* stages_node = root.get("stage");
    if (!stages_node) throw TemplateError(source_name, 1, "the template has no [[stage]] sections");
    const toml::array* stages = stages_node->as_array();
    if (!stages || stages->empty())
        throw TemplateError(source_name, LineOf(*stages_node, 1), "\"stage\" must be a list of [[stage]] sections");

    std::set<std::string> keys;
    int number = 0;
    for (const toml::node& node : *stages) {
        ++number;
        const toml::table* table = node.as_table();
        if (!table) throw TemplateError(source_name, LineOf(node, 1), "stage " + std::to_string(number) + " is not a [[stage]] section");
        const std::string where = "stage " + std::to_string(number);
        TemplateStage stage;
        stage.key = RequireString(*table, "key", source_name, where);
        const int line = LineOf(*table, 1);
        if (!keys.insert(stage.key).second)
            throw TemplateError(source_name, LineOf(*table->get("key"), line), "stage key \"" + stage.key + "\" is used twice");
        stage.title = RequireString(*table, "title", source_name, where + " (" + stage.key + ")");
        stage.prompt = RequireString(*table, "prompt", source_name, where + " (" + stage.key + ")");
        const std::string kind = RequireString(*table, "kind", source_name, where + " (" + stage.key + ")");
        const auto parsed_kind = StageKindFromString(kind);
        if (!parsed_kind)
            throw TemplateError(source_name, LineOf(*table->get("kind"), line),
                                "stage \"" + stage.key + "\" has unknown kind \"" + kind +
                                    "\" (known: checkin, domain, stage_check, roles, rhythm, tasks, commitments, voice, "
                                    "close, review, health)");
        stage.kind = *parsed_kind;
        const toml::node* minutes = table->get("planned_minutes");
        if (!minutes) throw TemplateError(source_name, line, "stage \"" + stage.key + "\" has no \"planned_minutes\"");
        const auto value = minutes->value_exact<int64_t>();
        if (!value || *value < 1 || *value > 480)
            throw TemplateError(source_name, LineOf(*minutes, line),
                                "stage \"" + stage.key + "\": planned_minutes must be a whole number from 1 to 480");
        stage.planned_minutes = static_cast<int>(*value);
        if (const toml::node* dots = table->get("dots")) {
            const auto budget = dots->value_exact<int64_t>();
            if (!budget || *budget < 1 || *budget > 20)
                throw TemplateError(source_name, LineOf(*dots, line),
                                    "stage \"" + stage.key + "\": dots must be a whole number from 1 to 20");
            stage.dots = static_cast<int>(*budget);
        }
        tmpl.stages.push_back(stage);
    }

    // Roles: [[role]] sections, or the roles of DOMAIN.md when the template lists none.
    if (const toml::node* roles_node = root.get("role")) {
        const toml::array* roles = roles_node->as_array();
        if (!roles || roles->empty())
            throw TemplateError(source_name, LineOf(*roles_node, 1), "\"role\" must be a list of [[role]] sections");
        std::set<std::string> role_keys;
        int role_number = 0;
        for (const toml::node& node : *roles) {
            ++role_number;
            const toml::table* table = node.as_table();
            if (!table) throw TemplateError(source_name, LineOf(node, 1), "role " + std::to_string(role_number) + " is not a [[role]] section");
            RoleDefinition role;
            const std::string where = "role " + std::to_string(role_number);
            role.key = RequireString(*table, "key", source_name, where);
            if (!role_keys.insert(role.key).second)
                throw TemplateError(source_name, LineOf(*table->get("key"), 1), "role key \"" + role.key + "\" is used twice");
            role.title = RequireString(*table, "title", source_name, where + " (" + role.key + ")");
            if (const toml::node* description = table->get("description")) {
                const auto text = description->value<std::string>();
                if (!text) throw TemplateError(source_name, LineOf(*description, 1), where + ": \"description\" must be text in quotes");
                role.description = *text;
            }
            tmpl.roles.push_back(role);
        }
    } else {
        tmpl.roles = DefaultRoles();
    }

    if (const toml::node* examples_node = root.get("task_examples")) {
        const toml::array* examples = examples_node->as_array();
        if (!examples) throw TemplateError(source_name, LineOf(*examples_node, 1), "\"task_examples\" must be a list of texts");
        for (const toml::node& example : *examples) {
            const auto text = example.value<std::string>();
            if (!text || text->empty())
                throw TemplateError(source_name, LineOf(example, LineOf(*examples_node, 1)), "every task example must be non-empty text in quotes");
            tmpl.task_examples.push_back(*text);
        }
    }
    return tmpl;
}

Template LoadTemplateFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw TemplateError(path, 0, "the template file cannot be read (missing or not permitted)");
    std::ostringstream text;
    text << file.rdbuf();
    return ParseTemplate(text.str(), path);
}

Template LoadTemplate(const std::string& templates_dir, const std::string& key) {
    return LoadTemplateFile(templates_dir + "/" + key + ".toml");
}

}  // namespace facilitation
