#include "facilitation/export/text.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace facilitation::exporting {

std::string HtmlEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string MarkdownEscape(const std::string& text) {
    static const char* kMarkup = "\\`*_[]<>|~&";  // anywhere
    static const char* kLineStart = "#+-=";        // only where a line starts: headings, lists, underlines
    std::string out;
    out.reserve(text.size() + 16);
    bool line_start = true;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\\n  ";
            line_start = true;
            continue;
        }
        if (line_start && c >= '0' && c <= '9') {
            // "1." or "1)" opening a line would start an ordered list.
            size_t j = i;
            while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
            out.append(text, i, j - i);
            if (j < text.size() && (text[j] == '.' || text[j] == ')')) {
                out += '\\';
                out += text[j];
                ++j;
            }
            i = j - 1;
            line_start = false;
            continue;
        }
        if (c != '\0' && (std::strchr(kMarkup, c) != nullptr || (line_start && std::strchr(kLineStart, c) != nullptr)))
            out += '\\';
        if (c != ' ') line_start = false;
        out += c;
    }
    return out;
}

std::string FormatDecimal(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

std::string FormatOptional(const std::optional<double>& value, int decimals) {
    return value ? FormatDecimal(*value, decimals) : "n/a";
}

std::string JoinAnd(const std::vector<std::string>& items, const std::string& empty) {
    if (items.empty()) return empty;
    std::string out = items.front();
    for (size_t i = 1; i < items.size(); ++i) out += (i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

std::string Percent(double fraction) { return std::to_string(static_cast<int>(std::lround(fraction * 100))) + "%"; }

}  // namespace facilitation::exporting
