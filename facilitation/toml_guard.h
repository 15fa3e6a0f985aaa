// A check of a template's text before toml++ reads it.
//
// toml++ 3.3.0 (Debian 12) asks "is this a space?" of a character in places where TOML allows only ASCII, and
// for most non-ASCII letters that question reaches __builtin_unreachable(): undefined behaviour (upstream
// issues marzer/tomlplusplus#190 and #295, found here by tests/fuzz/fuzz_template.cpp). A person editing a
// template in French or German can type such a letter there ("kind = "launch"é", "é = 1", a backslash before
// "é"), so the text is checked first:
//  - outside quotes and comments (a quote opens a string only where a key or a value starts), a non-ASCII
//    character other than the spaces toml++ knows (no-break space, em space...) is refused with its line, as
//    TOML refuses it;
//  - in a "..." or """...""" string, a backslash before a non-ASCII character is refused (no such escape), and so
//    is anything but spaces after a backslash that ends a line;
//  - after a backslash that ends a line in a """...""" string, the first character toml++ does not skip is
//    written as its \u escape when it is not ASCII: the same text, read without the faulty question.
#pragma once
#include <string>

namespace facilitation {

// The text to give toml++ (the same lines; see above); throws TemplateError(source_name, line, reason).
std::string GuardTomlText(const std::string& text, const std::string& source_name);

}  // namespace facilitation
