// Sections: 1. UTF-8 and the spaces toml++ knows · 2. strings · 3. the whole text.
#include "facilitation/toml_guard.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "facilitation/templates.h"

namespace facilitation {
namespace {

// ---- 1. UTF-8 and the spaces toml++ knows -------------------------------------------------------------
struct CodePoint {
    char32_t value = 0;
    size_t length = 0;  // 0: not a well-formed UTF-8 sequence
};

CodePoint DecodeAt(const std::string& text, size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) return {lead, 1};
    size_t length;
    char32_t cp;
    if (lead >= 0xC2 && lead <= 0xDF) { length = 2; cp = lead & 0x1Fu; }
    else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; cp = lead & 0x0Fu; }
    else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; cp = lead & 0x07u; }
    else return {};
    if (text.size() - i < length) return {};
    for (size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (next & 0x3Fu);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return {};
    return {cp, length};
}

// The non-ASCII characters toml++ 3.3 takes for horizontal spaces (and answers about without fault).
bool TomlSpace(char32_t cp) {
    return cp == 0xA0 || cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
           (cp >= 0x205F && cp <= 0x2060) || cp == 0x3000 || cp == 0xFEFF;
}

std::string EscapeOf(char32_t cp) {
    char text[16];
    if (cp <= 0xFFFF) std::snprintf(text, sizeof text, "\\u%04X", static_cast<unsigned>(cp));
    else std::snprintf(text, sizeof text, "\\U%08X", static_cast<unsigned>(cp));
    return text;
}

bool Blank(char c) { return c == ' ' || c == '\t'; }
bool Ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

class Guard {
public:
    Guard(const std::string& text, const std::string& source) : m_text(text), m_source(source) {}
    std::string Run();

private:
    [[noreturn]] void Refuse(const std::string& reason) const { throw TemplateError(m_source, m_line, reason); }
    CodePoint Character(size_t at) const {
        const CodePoint cp = DecodeAt(m_text, at);
        if (cp.length == 0) Refuse("the file is not UTF-8 text (save it as UTF-8)");
        return cp;
    }
    void String();
    void AfterLineEndingBackslash();

    const std::string& m_text;
    const std::string& m_source;
    std::string m_out;
    size_t m_at = 0;
    int m_line = 1;  // as toml++ counts: every LF
};

// ---- 2. Strings -----------------------------------------------------------------------------------------
// At a quote: copies the string through its closing quote (or up to the line break or end that leaves it
// unclosed: toml++ reports that), refusing or rewriting what toml++ would misread.
void Guard::String() {
    const std::string& t = m_text;
    const char quote = t[m_at];
    const bool basic = quote == '"';
    const std::string delimiter(t.compare(m_at, 3, std::string(3, quote)) == 0 ? 3 : 1, quote);
    const bool multi_line = delimiter.size() == 3;
    m_out += delimiter;
    m_at += delimiter.size();
    while (m_at < t.size()) {
        const char c = t[m_at];
        if (c == '\n') {
            if (!multi_line) return;
            ++m_line;
        } else if (basic && c == '\\' && m_at + 1 < t.size()) {
            const char next = t[m_at + 1];
            if (!Ascii(next))
                Refuse("a backslash before \"" + t.substr(m_at + 1, Character(m_at + 1).length) +
                       "\" is not an escape TOML knows (write \\\\ for a backslash)");
            if (multi_line && (Blank(next) || next == '\r' || next == '\n')) {
                AfterLineEndingBackslash();
                continue;
            }
            m_out.append(t, m_at, 2);  // an escape: \" and \\ close nothing
            m_at += 2;
            continue;
        } else if (c == quote) {
            if (!multi_line) {
                m_out += c;
                ++m_at;
                return;
            }
            if (t.compare(m_at, 3, delimiter) == 0) {
                // """ closes; one or two more quotes right after it still belong to the string (TOML 1.0).
                size_t end = m_at + 3;
                while (end < t.size() && end < m_at + 5 && t[end] == quote) ++end;
                m_out.append(t, m_at, end - m_at);
                m_at = end;
                return;
            }
        }
        m_out += c;
        ++m_at;
    }
}

// At a backslash followed by a space or a line break in a """ string. toml++ skips the spaces after it, the line
// break, then every space and line break up to the next character, asking of each non-ASCII one whether it is
// a space: the question that may fault. So: nothing but spaces may follow the backslash on its line, and the
// first character not skipped is written as its escape when it is not ASCII.
void Guard::AfterLineEndingBackslash() {
    const std::string& t = m_text;
    m_out += '\\';
    ++m_at;
    while (m_at < t.size() && Blank(t[m_at])) m_out += t[m_at++];
    if (m_at < t.size() && !Ascii(t[m_at]))
        Refuse("a backslash that ends a line must be the last thing on it (only spaces may follow it)");
    while (m_at < t.size()) {
        const char c = t[m_at];
        if (Blank(c) || c == '\r' || c == '\n') {
            if (c == '\n') ++m_line;
            m_out += c;
            ++m_at;
            continue;
        }
        if (Ascii(c)) return;
        const CodePoint cp = Character(m_at);
        if (TomlSpace(cp.value)) {
            m_out.append(t, m_at, cp.length);
        } else {
            m_out += EscapeOf(cp.value);
            m_at += cp.length;
            return;
        }
        m_at += cp.length;
    }
}

// ---- 3. The whole text ----------------------------------------------------------------------------------
// Outside strings and comments, the guard follows just enough of TOML to know where a quote opens a string:
// toml++ reads a bare value (a number, date or boolean) up to a space, line break, ',', ']', '}' or '#', asking
// of every character whether it ends the value, so a quote inside one ("-"x", "1['x") opens nothing. Anywhere
// else a quote opens a string in toml++ too, or toml++ stops at it with an error before reading further.
std::string Guard::Run() {
    const std::string& t = m_text;
    m_out.reserve(t.size());
    if (t.compare(0, 3, "\xEF\xBB\xBF") == 0) {  // a byte order mark, which toml++ skips
        m_out += "\xEF\xBB\xBF";
        m_at = 3;
    }
    std::vector<bool> nested;   // the arrays (true) and inline tables (false) open around here
    bool value_next = false;    // a value starts at the next character that is not a space
    bool bare_value = false;    // inside a bare value
    while (m_at < t.size()) {
        const char c = t[m_at];
        if (bare_value && (Blank(c) || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' || c == '#'))
            bare_value = false;
        if (!bare_value && (c == '"' || c == '\'')) {
            String();
            value_next = false;
            continue;
        }
        if (!bare_value && c == '#') {
            // A comment runs to the end of its line and may hold any text.
            const size_t end = std::min(t.find('\n', m_at), t.size());
            m_out.append(t, m_at, end - m_at);
            m_at = end;
            continue;
        }
        if (!Ascii(c)) {
            const CodePoint cp = Character(m_at);
            if (bare_value || !TomlSpace(cp.value))
                Refuse("\"" + t.substr(m_at, cp.length) +
                       "\" outside quotes: TOML allows only plain ASCII outside quotes and comments (put text in quotes)");
            m_out.append(t, m_at, cp.length);
            m_at += cp.length;
            continue;
        }
        if (c == '\n') {
            ++m_line;
            if (nested.empty()) value_next = false;  // a key-value pair ends with its line
        } else if (bare_value || Blank(c) || c == '\r') {
            // part of the bare value, or a space
        } else if (value_next) {
            value_next = c == '[';
            if (c == '[' || c == '{') nested.push_back(c == '[');
            else if (c == ']' && !nested.empty() && nested.back()) nested.pop_back();  // "[]"
            else bare_value = true;
        } else if (c == '=') {
            value_next = true;
        } else if (c == ',') {
            value_next = !nested.empty() && nested.back();  // in an array a value follows, in a table a key
        } else if ((c == ']' && !nested.empty() && nested.back()) || (c == '}' && !nested.empty() && !nested.back())) {
            nested.pop_back();
        }
        m_out += c;
        ++m_at;
    }
    return m_out;
}

}  // namespace

std::string GuardTomlText(const std::string& text, const std::string& source_name) {
    return Guard(text, source_name).Run();
}

}  // namespace facilitation
