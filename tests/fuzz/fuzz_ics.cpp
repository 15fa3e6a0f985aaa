// Fuzz harness: the iCalendar writer of the exports (facilitation/export/ics.h).
// Properties: a calendar written by IcsWriter with TEXT properties made from the input
//  - has only CRLF line ends, and no physical line longer than 75 octets;
//  - continues a folded line with a line starting with one space, folds only when the next character would not
//    fit, and never splits a UTF-8 character (every physical line of valid UTF-8 text is valid UTF-8);
//  - unfolds and unescapes, with a reader written here, into the texts that went in after the documented
//    normalisation (every line break becomes LF, other control characters but tab become a space), with no
//    unescaped ';' or ',' and no escape the RFC does not define;
// and IcsUtcStamp and IcsDate give either nothing or a well-formed value.
//
// Input: cut at 0x1F into up to 32 texts, written as SUMMARY, DESCRIPTION, LOCATION, X-WR-CALNAME in turn.
#include <string>
#include <vector>

#include "facilitation/export/ics.h"
#include "fuzz_common.h"

using copk_fuzz::Show;
namespace ex = facilitation::exporting;

namespace {

const char* const kNames[] = {"SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME"};

// ics.h: CRLF, CR and LF each become one line break; other control characters but tab become a space.
std::string Normalised(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += '\n';
        } else if (c == '\n') {
            out += '\n';
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            out += ' ';
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

// RFC 5545 3.3.11 TEXT, read back: \\ \; \, \n \N are the only escapes; ';' ',' and controls but tab never
// appear bare.
std::string Unescaped(const std::string& value) {
    std::string out;
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == '\\') {
            COPK_CHECK(i + 1 < value.size(), "a TEXT value does not end with a lone backslash");
            const char next = value[++i];
            if (next == '\\' || next == ';' || next == ',') out += next;
            else if (next == 'n' || next == 'N') out += '\n';
            else COPK_CHECK(false, std::string("a TEXT value has no escape \\") + next);
        } else {
            COPK_CHECK(c != ';' && c != ',', "';' and ',' are escaped in a TEXT value: " + Show(value));
            COPK_CHECK((c >= 0x20 || c == '\t') && c != 0x7F, "no control character in a TEXT value: " + Show(value));
            out += static_cast<char>(c);
        }
    }
    return out;
}

// The length of the UTF-8 character at the start of `text` when it is valid UTF-8.
size_t FirstCharLength(const std::string& text) {
    for (size_t n = 1; n <= 4 && n <= text.size(); ++n)
        if (copk_fuzz::ValidUtf8(text.substr(0, n))) return n;
    return 1;
}

bool AllDigits(const std::string& text, size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}

void CheckStamps(const std::string& text) {
    const std::string stamp = ex::IcsUtcStamp(text);
    COPK_CHECK(stamp.empty() || (stamp.size() == 16 && AllDigits(stamp, 0, 8) && stamp[8] == 'T' &&
                                 AllDigits(stamp, 9, 6) && stamp[15] == 'Z'),
               "IcsUtcStamp gives nothing or YYYYMMDDTHHMMSSZ, not " + Show(stamp) + " for " + Show(text));
    const std::string date = ex::IcsDate(text);
    COPK_CHECK(date.empty() || (date.size() == 8 && AllDigits(date, 0, 8)),
               "IcsDate gives nothing or YYYYMMDD, not " + Show(date) + " for " + Show(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::vector<std::string> texts = copk_fuzz::Split(data, size, '\x1F', 32);
    ex::IcsWriter writer;
    for (size_t i = 0; i < texts.size(); ++i) {
        writer.TextLine(kNames[i % 4], texts[i]);
        CheckStamps(texts[i]);
    }
    const std::string file = writer.Finish();

    // Physical lines: CRLF only, 75 octets at most, continuations start with a space.
    COPK_CHECK(file.size() >= 2 && file.compare(file.size() - 2, 2, "\r\n") == 0, "the file ends with CRLF");
    std::vector<std::string> physical;
    for (size_t start = 0; start < file.size();) {
        const size_t end = file.find("\r\n", start);
        physical.push_back(file.substr(start, end - start));
        start = end + 2;
    }
    for (const std::string& line : physical) {
        COPK_CHECK(line.find_first_of("\r\n") == std::string::npos, "no bare CR or LF: lines end with CRLF");
        COPK_CHECK(line.size() <= 75, "no line is longer than 75 octets: " + Show(line));
    }

    // Unfold: a line starting with a space continues the one before. Each content line is kept as its pieces.
    std::vector<std::vector<std::string>> folded;
    for (const std::string& line : physical) {
        if (!line.empty() && line[0] == ' ') {
            COPK_CHECK(!folded.empty(), "the first line is not a continuation");
            COPK_CHECK(line.size() > 1, "a continuation line carries something");
            folded.back().push_back(line.substr(1));
        } else {
            folded.push_back({line});
        }
    }
    std::vector<std::string> content;
    for (const std::vector<std::string>& pieces : folded) {
        std::string whole;
        for (const std::string& piece : pieces) whole += piece;
        // Folds respect the characters of valid UTF-8 text (of other bytes there is nothing to respect).
        if (copk_fuzz::ValidUtf8(whole)) {
            for (size_t k = 0; k < pieces.size(); ++k) {
                COPK_CHECK(copk_fuzz::ValidUtf8(pieces[k]), "a fold never splits a UTF-8 character: " + Show(pieces[k]));
                if (k + 1 < pieces.size()) {
                    const size_t octets = pieces[k].size() + (k > 0 ? 1 : 0);  // a continuation's space counts
                    COPK_CHECK(octets + FirstCharLength(pieces[k + 1]) > 75,
                               "a line is folded only when its next character would not fit: " + Show(pieces[k]));
                }
            }
        }
        content.push_back(whole);
    }

    const std::vector<std::string> head = {"BEGIN:VCALENDAR", "VERSION:2.0",
                                           std::string("PRODID:") + ex::kIcsProductId, "CALSCALE:GREGORIAN"};
    COPK_CHECK(content.size() == head.size() + texts.size() + 1, "one content line per property");
    for (size_t i = 0; i < head.size(); ++i) COPK_CHECK(content[i] == head[i], "the calendar opens with " + head[i]);
    COPK_CHECK(content.back() == "END:VCALENDAR", "the calendar ends with END:VCALENDAR");
    for (size_t i = 0; i < texts.size(); ++i) {
        const std::string& line = content[head.size() + i];
        const std::string name = std::string(kNames[i % 4]) + ":";
        COPK_CHECK(line.compare(0, name.size(), name) == 0, "property " + std::to_string(i) + " is " + name);
        const std::string back = Unescaped(line.substr(name.size()));
        COPK_CHECK(back == Normalised(texts[i]),
                   "text " + std::to_string(i) + " reads back as " + Show(back) + ", not " + Show(Normalised(texts[i])));
    }
    return 0;
}
