// Names typed by people: communities, members, domain statements.
#pragma once
#include <string>

namespace facilitation {

struct TextCheck {
    bool ok = false;
    std::string cleaned;  // trimmed, inner whitespace collapsed; valid only if ok
    std::string error;    // a sentence to show the user; empty if ok
};

constexpr int kMaxNameChars = 60;
constexpr int kMaxCommunityNameChars = 80;
constexpr int kMaxDomainChars = 500;

// `what` names the field in messages ("name", "community name").
TextCheck CheckName(const std::string& raw, const std::string& what, int max_chars);
TextCheck CheckPersonName(const std::string& raw);
TextCheck CheckCommunityName(const std::string& raw);
TextCheck CheckDomainStatement(const std::string& raw);  // may be empty

// Key under which two names count as the same person: case folded (ASCII and Latin-1), spaces collapsed.
std::string NameKey(const std::string& cleaned);

// A letter of Latin-1 or Latin Extended-A without its accent, in lower case ("É" -> "e", "œ" -> "oe"); ASCII
// lower-cased; "" for anything else (signs, other scripts).
std::string AsciiFold(char32_t cp);
// Key for finding and sorting names as people expect: case and accents aside, spaces collapsed ("Élodie" sorts
// with "Elodie", "zo" finds "Zoë"). Letters beyond Latin are kept as they are.
std::string SearchKey(const std::string& text);

// Number of code points in valid UTF-8 (or -1 if invalid).
int Utf8Length(const std::string& text);

}  // namespace facilitation
