// A community's roster from a CSV file (cop-kiosk roster import): the reading rules, no storage.
// Sections: the CSV reader (RFC 4180, physical line numbers) · the roster's columns and checks.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace facilitation::exchange {

// One record of a CSV file and the physical line it starts on (1 = the first line of the file).
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

// Reads RFC 4180 CSV: fields separated by commas, quoted fields with doubled quotes that may hold commas and
// line breaks, rows ending with CRLF or LF, a UTF-8 byte order mark skipped. A line with nothing on it is
// no record. Throws RuleError("line N: ...") for a quote out of place or a quoted field never closed.
std::vector<CsvRecord> ReadCsv(const std::string& text);

// One member as the roster gives them. An absent column or an empty cell is nullopt: the import then keeps
// what the database already holds.
struct RosterEntry {
    int line = 0;
    std::string name;                          // checked and cleaned as at the check-in
    std::optional<std::string> email;          // a plausible address
    std::optional<std::string> participation;  // "core", "active" or "peripheral"
};

// The columns a roster may have, in any order and any case: name (required), email, level.
constexpr const char* kRosterColumns = "name, email, level";

// The whole file, checked: a header row naming the columns, then one member per row. The first problem found
// is thrown as RuleError("line N: reason"); a name given twice (the same person by the check-in's rules) is one.
std::vector<RosterEntry> ParseRoster(const std::string& text);

// "core", "core group", "active", "active member", "peripheral", "peripheral member" in any case, as the level's
// key; nullopt for anything else.
std::optional<std::string> ParticipationFromText(const std::string& text);
// A display word for a level key: "core group", "active", "peripheral", "" for none.
std::string ParticipationLabel(const std::string& key);
// An e-mail address a person could have typed: one @, something before it, a dotted domain after, no spaces.
bool PlausibleEmail(const std::string& text);

}  // namespace facilitation::exchange
