// Text typed by people: names, community names, domain statements, and (through CheckName) every other field a
// person fills in (rhythm activities, tasks, commitments, messages to the sponsor). One set of rules for all:
//   1. It must be valid UTF-8.
//   2. Whitespace (spaces, tabs, line breaks, no-break and other Unicode spaces) is trimmed at both ends and every
//      inner run becomes one space: each field is one line, as the projector, the name grid and a CSV cell show it.
//   3. Empty after trimming: refused where the field is required (the domain statement may be empty).
//   4. Longer than the field's limit, counted in characters (code points), not bytes: refused, giving the count
//      and the limit. The limits are what a room reads from 10 m (see below and decisions.h).
//   5. Refused, never silently stripped, so that what is stored is exactly what was accepted:
//      - control characters (U+0000..U+001F other than whitespace, U+007F..U+009F);
//      - invisible characters that change how a text reads or hide in it: direction embeddings, overrides and
//        isolates (U+202A..U+202E, U+2066..U+2069), direction marks (U+200E, U+200F, U+061C), zero-width space,
//        word joiner and invisible operators (U+200B, U+2060..U+2064), U+FEFF, U+206A..U+206F, U+FFF9..U+FFFB.
//        A "Trojan Source" text such as "Ann\u202E..." would show one name and store another;
//      - U+FFFD, the replacement character: what a broken paste, or an emoji typed into this build's text fields
//        leaves behind, not what the person meant;
//      - emoji (pictographs, flags, keycaps, variation selector 16): the projector's font cannot draw them, so
//        the room would see "?" in their place.
//   6. Everything else is kept exactly as typed: every script, right-to-left ones included (with the joiners
//      U+200C and U+200D that some scripts need), accents, quotes, <, >, &, ;, "--", and a leading = + - @ (the
//      CSV export neutralises those, not the store). SQL-looking text is only text: the store binds every value.
#pragma once
#include <string>

namespace facilitation {

// Why a text was refused; each has its own sentence in TextCheck::error.
enum class TextProblem { None, NotUtf8, Empty, TooLong, ControlCharacter, InvisibleCharacter, Unreadable, Emoji };

struct TextCheck {
    bool ok = false;
    std::string cleaned;  // trimmed, inner whitespace collapsed; valid only if ok
    std::string error;    // a sentence to show the user; empty if ok
    TextProblem problem = TextProblem::None;
    int length = 0;            // characters after cleaning (for TooLong: how many were typed)
    char32_t character = 0;    // the refused character (ControlCharacter, InvisibleCharacter, Emoji)
};

// The limits of the fields people type, in characters (the others are in decisions.h: task 120, commitment 200,
// message to the sponsor or organization 280, rhythm activity 80).
constexpr int kMaxNameChars = 60;            // a person (check-in, kiosk guest, roster import)
constexpr int kMaxCommunityNameChars = 80;
constexpr int kMaxDomainChars = 500;         // one or two sentences; may be empty

// `what` names the field in messages ("name", "community name").
TextCheck CheckName(const std::string& raw, const std::string& what, int max_chars);
TextCheck CheckPersonName(const std::string& raw);
TextCheck CheckCommunityName(const std::string& raw);
TextCheck CheckDomainStatement(const std::string& raw);  // may be empty

// Rules 1 and 3..6 for a text whose line breaks matter (a template's prompt): kept as written, with "\r\n" made
// "\n", tabs allowed, and only the ends trimmed.
TextCheck CheckParagraphs(const std::string& raw, const std::string& what, int max_chars);

// "U+202E": how messages name a character that cannot be shown.
std::string CodePointName(char32_t cp);

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
