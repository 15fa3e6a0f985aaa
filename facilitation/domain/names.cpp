#include "facilitation/domain/names.h"

#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

namespace facilitation {
namespace {

// Decodes UTF-8 into code points; false on invalid or overlong sequences.
bool DecodeUtf8(const std::string& text, std::vector<char32_t>& out) {
    out.clear();
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        int extra = 0;
        char32_t cp = 0;
        if (c < 0x80) { cp = c; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
        else return false;
        if (i + static_cast<size_t>(extra) >= text.size() && extra > 0) return false;  // truncated sequence
        for (int k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static const char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.push_back(cp);
        i += static_cast<size_t>(extra) + 1;
    }
    return true;
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Rule 2: what counts as whitespace (trimmed at the ends, collapsed inside).
bool IsSpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Pictographs, flags, tag sequences and the emoji presentation selector: the projector's font cannot draw
// them, so a name made of them would show as boxes in front of the room. (The joiner U+200D is not one of
// them: scripts need it too, and an emoji sequence built with it contains pictographs anyway.)
bool IsEmoji(char32_t cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F || cp == 0x20E3 ||
           (cp >= 0x1F1E6 && cp <= 0x1F1FF) || (cp >= 0xE0000 && cp <= 0xE007F);
}

bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

// Rule 5: invisible characters that reorder the text on screen or hide inside it.
bool IsInvisible(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C || cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x206A && cp <= 0x206F) ||
           cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

// Rules 1 and 3..6 on decoded text; the caller has applied rule 2. Fills the refusal in `check`.
bool Refuse(TextCheck& check, TextProblem problem, std::string error, char32_t cp = 0) {
    check.ok = false;
    check.problem = problem;
    check.error = std::move(error);
    check.character = cp;
    return false;
}

// The character rules (5) for one code point, with messages naming the field.
bool CharacterAllowed(TextCheck& check, char32_t cp, const std::string& what, bool keep_line_breaks) {
    if (keep_line_breaks && (cp == '\n' || cp == '\t')) return true;
    if (IsControl(cp))
        return Refuse(check, TextProblem::ControlCharacter,
                      "The " + what + " contains a control character (" + CodePointName(cp) +
                          "); please use letters, digits and punctuation.",
                      cp);
    if (IsInvisible(cp))
        return Refuse(check, TextProblem::InvisibleCharacter,
                      "The " + what + " contains an invisible formatting character (" + CodePointName(cp) +
                          ") that can change how it reads on screen; please type it again without it.",
                      cp);
    if (cp == 0xFFFD)
        return Refuse(check, TextProblem::Unreadable,
                      "The " + what + " contains a character that could not be read, perhaps an emoji (this "
                                      "screen cannot take them); please use letters, digits and punctuation.",
                      cp);
    if (IsEmoji(cp))
        return Refuse(check, TextProblem::Emoji,
                      "The " + what + " contains an emoji, which the projector cannot show; please use letters only.",
                      cp);
    return true;
}

bool LengthAllowed(TextCheck& check, const std::vector<char32_t>& cleaned, const std::string& what, int max_chars) {
    check.length = static_cast<int>(cleaned.size());
    if (cleaned.empty()) {
        const bool vowel = !what.empty() && std::string("aeiou").find(what[0]) != std::string::npos;
        return Refuse(check, TextProblem::Empty, std::string("Please type ") + (vowel ? "an " : "a ") + what + ": it cannot be empty.");
    }
    if (check.length > max_chars)
        return Refuse(check, TextProblem::TooLong,
                      "The " + what + " is too long (" + std::to_string(check.length) + " characters); please keep it to " +
                          std::to_string(max_chars) + ".");
    return true;
}

}  // namespace

std::string CodePointName(char32_t cp) {
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(cp));
    return text;
}

int Utf8Length(const std::string& text) {
    std::vector<char32_t> cps;
    if (!DecodeUtf8(text, cps)) return -1;
    return static_cast<int>(cps.size());
}

TextCheck CheckName(const std::string& raw, const std::string& what, int max_chars) {
    TextCheck check;
    std::vector<char32_t> cps;
    if (!DecodeUtf8(raw, cps)) {
        Refuse(check, TextProblem::NotUtf8, "The " + what + " contains characters that are not valid text; please type it again.");
        return check;
    }
    // Trim and collapse runs of whitespace so "Ann  Lee " and "Ann Lee" are one person.
    std::vector<char32_t> cleaned;
    bool pending_space = false;
    for (char32_t cp : cps) {
        if (IsSpace(cp)) { pending_space = !cleaned.empty(); continue; }
        if (!CharacterAllowed(check, cp, what, false)) return check;
        if (pending_space) { cleaned.push_back(' '); pending_space = false; }
        cleaned.push_back(cp);
    }
    if (!LengthAllowed(check, cleaned, what, max_chars)) return check;
    for (char32_t cp : cleaned) AppendUtf8(check.cleaned, cp);
    check.ok = true;
    return check;
}

TextCheck CheckParagraphs(const std::string& raw, const std::string& what, int max_chars) {
    TextCheck check;
    std::vector<char32_t> cps;
    if (!DecodeUtf8(raw, cps)) {
        Refuse(check, TextProblem::NotUtf8, "The " + what + " contains characters that are not valid text.");
        return check;
    }
    std::vector<char32_t> kept;
    for (size_t i = 0; i < cps.size(); ++i) {
        const char32_t cp = cps[i];
        if (cp == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n') continue;  // "\r\n" -> "\n"
        const bool plain_space = IsSpace(cp) && !IsControl(cp);       // " ", no-break and other Unicode spaces
        if (!plain_space && !CharacterAllowed(check, cp, what, true)) return check;  // "\n" and tab pass
        kept.push_back(cps[i]);
    }
    size_t begin = 0, end = kept.size();
    while (begin < end && IsSpace(kept[begin])) ++begin;
    while (end > begin && IsSpace(kept[end - 1])) --end;
    const std::vector<char32_t> trimmed(kept.begin() + static_cast<long>(begin), kept.begin() + static_cast<long>(end));
    if (!LengthAllowed(check, trimmed, what, max_chars)) return check;
    for (char32_t cp : trimmed) AppendUtf8(check.cleaned, cp);
    check.ok = true;
    return check;
}

TextCheck CheckPersonName(const std::string& raw) { return CheckName(raw, "name", kMaxNameChars); }
TextCheck CheckCommunityName(const std::string& raw) { return CheckName(raw, "community name", kMaxCommunityNameChars); }

TextCheck CheckDomainStatement(const std::string& raw) {
    // Blank means "no statement yet": whitespace of any kind, as rule 2 counts it.
    std::vector<char32_t> cps;
    bool blank = DecodeUtf8(raw, cps);
    for (char32_t cp : cps) blank = blank && IsSpace(cp);
    if (blank) return TextCheck{true, "", "", TextProblem::None, 0, 0};
    return CheckName(raw, "domain statement", kMaxDomainChars);
}

namespace {
// Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F without their accents; '?' marks the
// ligatures and letters spelt with two ASCII letters, '/' the signs that are not letters (x and ÷).
constexpr const char* kLatin1 = "aaaaaa?ceeeeiiiidnooooo/ouuuuy??aaaaaa?ceeeeiiiidnooooo/ouuuuy?y";
constexpr const char* kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuu"
    "uuuuuuwwyyyzzzzzzs";
}  // namespace

std::string AsciiFold(char32_t cp) {
    if (cp < 0x80) return std::string(1, static_cast<char>(std::tolower(static_cast<int>(cp))));
    switch (cp) {
        case 0xC6: case 0xE6: return "ae";
        case 0xDE: case 0xFE: return "th";
        case 0xDF: return "ss";
        case 0x132: case 0x133: return "ij";
        case 0x152: case 0x153: return "oe";
        default: break;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        const char c = kLatin1[cp - 0xC0];
        return c == '/' || c == '?' ? "" : std::string(1, c);
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        const char c = kLatinExtendedA[cp - 0x100];
        return c == '?' ? "" : std::string(1, c);
    }
    return "";
}

std::string SearchKey(const std::string& text) {
    std::vector<char32_t> cps;
    if (!DecodeUtf8(text, cps)) return NameKey(text);
    std::string key;
    bool pending_space = false;
    for (char32_t cp : cps) {
        if (IsSpace(cp)) { pending_space = !key.empty(); continue; }
        if (pending_space) { key += ' '; pending_space = false; }
        const std::string folded = AsciiFold(cp);
        if (!folded.empty()) key += folded;
        else AppendUtf8(key, cp);  // beyond Latin: kept as it is
    }
    return key;
}

std::string NameKey(const std::string& cleaned) {
    std::vector<char32_t> cps;
    if (!DecodeUtf8(cleaned, cps)) return cleaned;
    std::string key;
    bool pending_space = false;
    for (char32_t cp : cps) {
        if (IsSpace(cp)) { pending_space = !key.empty(); continue; }
        if (pending_space) { key += ' '; pending_space = false; }
        if (cp >= 'A' && cp <= 'Z') cp += 0x20;
        else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;  // Latin-1 capitals: É -> é
        else if (cp == 0x178) cp = 0xFF;                              // Ÿ -> ÿ
        else if (cp == 0x152) cp = 0x153;                             // Œ -> œ
        AppendUtf8(key, cp);
    }
    return key;
}

}  // namespace facilitation
