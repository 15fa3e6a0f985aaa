// Sections: 1. the CSV reader · 2. levels and e-mail addresses · 3. the roster.
#include "facilitation/exchange/roster.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "facilitation/domain/names.h"
#include "facilitation/model.h"

namespace facilitation::exchange {

namespace {
RuleError AtLine(int line, const std::string& reason) { return RuleError("line " + std::to_string(line) + ": " + reason); }

std::string Trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}
}  // namespace

// ---- 1. The CSV reader ----------------------------------------------------------------------
std::vector<CsvRecord> ReadCsv(const std::string& text) {
    std::vector<CsvRecord> records;
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int line = 1;  // the physical line at i: every LF counts, inside quotes too
    const size_t n = text.size();
    while (i < n) {
        CsvRecord record;
        record.line = line;
        std::string field;
        bool quoted_field = false;  // the current field was quoted (an empty quoted field is still a field)
        bool ended = false;
        while (!ended) {
            if (i >= n) break;
            const char c = text[i];
            if (c == '"' && field.empty() && !quoted_field) {
                // A quoted field: up to the closing quote, "" standing for one quote.
                quoted_field = true;
                const int opened_on = line;
                ++i;
                for (;;) {
                    if (i >= n) throw AtLine(opened_on, "a quoted field is never closed (a \" is missing)");
                    if (text[i] == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n') ++line;
                    field += text[i++];
                }
                // After the closing quote: a comma, the end of the line or of the file.
                if (i < n && text[i] != ',' && text[i] != '\n' && !(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n'))
                    throw AtLine(line, "a quoted field must end at its closing quote (write a quote inside it as \"\")");
                continue;
            }
            if (c == '"') throw AtLine(line, "a quote inside an unquoted field (quote the whole field and double the quote)");
            if (c == ',') {
                record.fields.push_back(field);
                field.clear();
                quoted_field = false;
                ++i;
                continue;
            }
            if (c == '\n' || (c == '\r' && i + 1 < n && text[i + 1] == '\n')) {
                i += c == '\r' ? 2 : 1;
                ++line;
                ended = true;
                continue;
            }
            field += c;
            ++i;
        }
        record.fields.push_back(field);
        const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !quoted_field;
        if (!blank) records.push_back(std::move(record));
    }
    return records;
}

// ---- 2. Levels and e-mail addresses -------------------------------------------------------------
std::optional<std::string> ParticipationFromText(const std::string& text) {
    std::string key = Lower(Trim(text));
    // "core group", "core-group", "active member": the DOMAIN's words, with or without the noun.
    for (const char* suffix : {" group", "-group", " member", "-member"}) {
        const std::string s = suffix;
        if (key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0) {
            key.erase(key.size() - s.size());
            break;
        }
    }
    if (key == "core" || key == "active" || key == "peripheral") return key;
    return std::nullopt;
}

std::string ParticipationLabel(const std::string& key) {
    if (key == "core") return "core group";
    return key;
}

bool PlausibleEmail(const std::string& text) {
    if (text.empty() || text.size() > 254 || Utf8Length(text) < 0) return false;
    const auto at = text.find('@');
    if (at == std::string::npos || at == 0 || text.find('@', at + 1) != std::string::npos) return false;
    for (unsigned char c : text)
        if (c <= 0x20 || c == 0x7F || c == ',' || c == ';' || c == '"' || c == '<' || c == '>') return false;
    const std::string domain = text.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string::npos && dot > 0 && domain.back() != '.' && domain.find("..") == std::string::npos;
}

// ---- 3. The roster --------------------------------------------------------------------------
std::vector<RosterEntry> ParseRoster(const std::string& text) {
    const std::vector<CsvRecord> records = ReadCsv(text);
    if (records.empty() || records.front().line != 1)
        throw AtLine(1, std::string("the first line must be the header row naming the columns (") + kRosterColumns + ")");
    int name_column = -1, email_column = -1, level_column = -1;
    const CsvRecord& header = records.front();
    for (size_t c = 0; c < header.fields.size(); ++c) {
        const std::string column = Lower(Trim(header.fields[c]));
        int* slot = column == "name" ? &name_column : column == "email" ? &email_column
                                                    : column == "level" ? &level_column : nullptr;
        if (!slot)
            throw AtLine(1, "unknown column \"" + header.fields[c] + "\" (a roster has the columns " + kRosterColumns + ")");
        if (*slot >= 0) throw AtLine(1, "the column \"" + column + "\" is given twice");
        *slot = static_cast<int>(c);
    }
    if (name_column < 0) throw AtLine(1, std::string("the header has no \"name\" column (the columns are ") + kRosterColumns + ")");

    std::vector<RosterEntry> entries;
    std::map<std::string, int> first_line_of;  // name key -> line
    for (size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        if (record.fields.size() != header.fields.size())
            throw AtLine(record.line, std::to_string(record.fields.size()) + " fields where the header has " +
                                          std::to_string(header.fields.size()) + " (a comma inside a name needs quotes)");
        RosterEntry entry;
        entry.line = record.line;
        const TextCheck name = CheckPersonName(record.fields[static_cast<size_t>(name_column)]);
        if (!name.ok) throw AtLine(record.line, name.error);
        entry.name = name.cleaned;
        const auto [it, fresh] = first_line_of.emplace(NameKey(entry.name), record.line);
        if (!fresh)
            throw AtLine(record.line, "\"" + entry.name + "\" is already on line " + std::to_string(it->second) +
                                          " (names are compared as at the check-in: case and spaces do not count)");
        if (email_column >= 0) {
            const std::string email = Trim(record.fields[static_cast<size_t>(email_column)]);
            if (!email.empty()) {
                if (!PlausibleEmail(email)) throw AtLine(record.line, "\"" + email + "\" is not an e-mail address");
                entry.email = email;
            }
        }
        if (level_column >= 0) {
            const std::string level = Trim(record.fields[static_cast<size_t>(level_column)]);
            if (!level.empty()) {
                entry.participation = ParticipationFromText(level);
                if (!entry.participation)
                    throw AtLine(record.line, "the level \"" + level + "\" is not one of core, active, peripheral");
            }
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace facilitation::exchange
