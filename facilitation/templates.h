// Workshop templates: hand-editable TOML files in data/templates/.
#pragma once
#include <string>
#include <vector>
#include "facilitation/model.h"

namespace facilitation {

// A template that could not be read: names its file, line and reason.
class TemplateError : public Error {
public:
    TemplateError(const std::string& file, int line, const std::string& reason);
    std::string file;
    int line;
    std::string reason;
};

Template LoadTemplateFile(const std::string& path);
Template ParseTemplate(const std::string& text, const std::string& source_name);
// Loads "<dir>/<key>.toml".
Template LoadTemplate(const std::string& templates_dir, const std::string& key);

}  // namespace facilitation
