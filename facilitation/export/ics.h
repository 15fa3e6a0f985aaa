// RFC 5545 iCalendar text: content lines ending with CRLF, folded at 75 octets without splitting a UTF-8
// character, TEXT values escaped.
#pragma once
#include <string>
#include <vector>

namespace facilitation::exporting {

constexpr const char* kIcsProductId = "-//cop-kiosk//Workshop export 1//EN";

// A TEXT value: backslash, semicolon and comma escaped with a backslash, every line break (CRLF, CR or LF)
// written as \n. Other control characters, which RFC 5545 forbids in TEXT, become spaces.
std::string IcsEscapeText(const std::string& text);

// One content line, unfolded, without its CRLF, folded: no physical line longer than 75 octets (CRLF not
// counted), continuation lines starting with one space, never splitting a UTF-8 sequence.
std::string IcsFold(const std::string& line);

// "2026-03-15T09:00:00.123Z" -> "20260315T090000Z" (UTC); empty if unreadable.
std::string IcsUtcStamp(const std::string& iso_utc);
// "2026-03-15" -> "20260315"; empty if it is not YYYY-MM-DD in digits.
std::string IcsDate(const std::string& iso_date);

// Builds a calendar line by line. Property values are given ready (escaped where they are TEXT).
class IcsWriter {
public:
    IcsWriter();  // BEGIN:VCALENDAR, VERSION, PRODID, CALSCALE
    void Line(const std::string& name, const std::string& value);      // NAME:value
    void TextLine(const std::string& name, const std::string& text);   // NAME:escaped text
    std::string Finish();  // END:VCALENDAR; the whole file

private:
    std::string m_out;
};

}  // namespace facilitation::exporting
