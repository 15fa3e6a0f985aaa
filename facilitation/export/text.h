// Escaping free text for the readable formats, and small formatting helpers shared by the renderers.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace facilitation::exporting {

// & < > " ' as character references: safe in element content and in quoted attributes.
std::string HtmlEscape(const std::string& text);

// CommonMark: \ ` * _ [ ] < > | ~ & backslash-escaped anywhere, # + - = where a line starts, a
// "1." at the start of a line escaped, and a line break written as a hard break ("\" then a new line indented
// by two spaces) so the text stays inside its list item. Reading it back: drop the backslashes.
std::string MarkdownEscape(const std::string& text);

// "1.6", "-0.4", "2": at most `decimals` decimals, trailing zeros dropped.
std::string FormatDecimal(double value, int decimals = 2);
std::string FormatOptional(const std::optional<double>& value, int decimals = 2);  // "n/a" when empty
// "a, b and c"; `empty` when there is nothing.
std::string JoinAnd(const std::vector<std::string>& items, const std::string& empty = "");
// Percentage, rounded: "75%".
std::string Percent(double fraction);

}  // namespace facilitation::exporting
