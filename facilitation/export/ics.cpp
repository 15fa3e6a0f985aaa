#include "facilitation/export/ics.h"

namespace facilitation::exporting {

std::string IcsEscapeText(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default:
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) out += ' ';
                else out += c;
        }
    }
    return out;
}

std::string IcsFold(const std::string& line) {
    constexpr size_t kMaxOctets = 75;
    std::string out;
    size_t used = 0;  // octets on the current physical line
    size_t i = 0;
    while (i < line.size()) {
        // The length of the UTF-8 sequence starting here (1 for a stray continuation byte: never split more).
        const auto lead = static_cast<unsigned char>(line[i]);
        size_t length = 1;
        if ((lead & 0xE0) == 0xC0) length = 2;
        else if ((lead & 0xF0) == 0xE0) length = 3;
        else if ((lead & 0xF8) == 0xF0) length = 4;
        if (i + length > line.size()) length = line.size() - i;
        if (used + length > kMaxOctets) {
            out += "\r\n ";
            used = 1;  // the leading space counts
        }
        out.append(line, i, length);
        used += length;
        i += length;
    }
    return out;
}

namespace {
// True when text[from, to) are all ASCII digits: a DATE-TIME or DATE value holds nothing else.
bool Digits(const std::string& text, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    return true;
}
}  // namespace

std::string IcsUtcStamp(const std::string& iso) {
    // YYYY-MM-DDTHH:MM:SS[.fff]Z
    if (iso.size() < 19 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' ||
        !Digits(iso, 0, 4) || !Digits(iso, 5, 7) || !Digits(iso, 8, 10) || !Digits(iso, 11, 13) ||
        !Digits(iso, 14, 16) || !Digits(iso, 17, 19))
        return "";
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" + iso.substr(11, 2) + iso.substr(14, 2) +
           iso.substr(17, 2) + "Z";
}

std::string IcsDate(const std::string& iso_date) {
    // YYYY-MM-DD
    if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-' || !Digits(iso_date, 0, 4) ||
        !Digits(iso_date, 5, 7) || !Digits(iso_date, 8, 10))
        return "";
    return iso_date.substr(0, 4) + iso_date.substr(5, 2) + iso_date.substr(8, 2);
}

IcsWriter::IcsWriter() {
    Line("BEGIN", "VCALENDAR");
    Line("VERSION", "2.0");
    Line("PRODID", kIcsProductId);
    Line("CALSCALE", "GREGORIAN");
}

void IcsWriter::Line(const std::string& name, const std::string& value) { m_out += IcsFold(name + ":" + value) + "\r\n"; }

void IcsWriter::TextLine(const std::string& name, const std::string& text) { Line(name, IcsEscapeText(text)); }

std::string IcsWriter::Finish() {
    Line("END", "VCALENDAR");
    return m_out;
}

}  // namespace facilitation::exporting
