// Fuzz harness: the roster import (facilitation/exchange/roster.h) on any bytes a coordinator might hand it.
// Properties:
//  - ReadCsv either reads records, each starting on a line of the file, in order, or throws RuleError
//    "line N: ..." with N a line of the file; what it reads, written back with every field quoted, reads again
//    as the same fields;
//  - ParseRoster either gives members that keep the roster's rules (a clean name, unique as the check-in
//    compares names, a plausible e-mail address, a known level, lines in order) or throws RuleError
//    "line N: ..." with N a line of the file. Any other exception, a crash or a sanitizer finding fails.
#include <algorithm>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include "facilitation/domain/names.h"
#include "facilitation/exchange/roster.h"
#include "facilitation/model.h"
#include "fuzz_common.h"

using copk_fuzz::Fail;
using copk_fuzz::Show;
namespace ex = facilitation::exchange;

namespace {

// "line N: reason" with 1 <= N <= lines.
void CheckLineError(const facilitation::RuleError& error, long lines, const char* who) {
    const std::string message = error.what();
    size_t i = 5;
    long line = 0;
    COPK_CHECK(message.compare(0, 5, "line ") == 0, std::string(who) + " says which line: " + Show(message));
    while (i < message.size() && message[i] >= '0' && message[i] <= '9' && line <= lines) line = line * 10 + (message[i++] - '0');
    COPK_CHECK(message.compare(i, 2, ": ") == 0 && message.size() > i + 2, std::string(who) + " says why: " + Show(message));
    COPK_CHECK(line >= 1 && line <= lines, std::string(who) + " names a line of the file: " + Show(message) + " in a file of " +
                                               std::to_string(lines) + " lines");
}

std::string QuotedCsv(const std::vector<ex::CsvRecord>& records) {
    std::string out;
    for (const ex::CsvRecord& record : records) {
        for (size_t f = 0; f < record.fields.size(); ++f) {
            out += f ? ",\"" : "\"";
            for (char c : record.fields[f]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const long lines = 1 + std::count(text.begin(), text.end(), '\n');

    // The CSV reader alone.
    try {
        const std::vector<ex::CsvRecord> records = ex::ReadCsv(text);
        int previous = 0;
        for (const ex::CsvRecord& record : records) {
            COPK_CHECK(record.line > previous && record.line <= lines, "records start on lines of the file, in order");
            COPK_CHECK(!record.fields.empty(), "a record has a field");
            previous = record.line;
        }
        std::vector<ex::CsvRecord> again;
        try {
            again = ex::ReadCsv(QuotedCsv(records));
        } catch (const std::exception& error) {
            Fail(std::string("ReadCsv refuses its own records written back: ") + error.what());
        }
        COPK_CHECK(again.size() == records.size(), "records written back read again as as many records");
        for (size_t r = 0; r < records.size(); ++r)
            COPK_CHECK(again[r].fields == records[r].fields, "record " + std::to_string(r) + " written back reads the same");
    } catch (const facilitation::RuleError& error) {
        CheckLineError(error, lines, "ReadCsv");
    } catch (const std::exception& error) {
        Fail(std::string("ReadCsv threw something other than RuleError: ") + error.what());
    }

    // The whole roster.
    try {
        const std::vector<ex::RosterEntry> entries = ex::ParseRoster(text);
        std::set<std::string> keys;
        int previous = 1;  // line 1 is the header
        for (const ex::RosterEntry& entry : entries) {
            COPK_CHECK(entry.line > previous && entry.line <= lines, "members come from lines of the file, in order");
            previous = entry.line;
            const facilitation::TextCheck name = facilitation::CheckPersonName(entry.name);
            COPK_CHECK(name.ok && name.cleaned == entry.name, "a member's name is clean as at the check-in: " + Show(entry.name));
            COPK_CHECK(keys.insert(facilitation::NameKey(entry.name)).second, "no member twice: " + Show(entry.name));
            if (entry.email) COPK_CHECK(ex::PlausibleEmail(*entry.email), "an e-mail address is plausible");
            if (entry.participation)
                COPK_CHECK(*entry.participation == "core" || *entry.participation == "active" ||
                               *entry.participation == "peripheral",
                           "a level is core, active or peripheral");
        }
    } catch (const facilitation::RuleError& error) {
        CheckLineError(error, lines, "ParseRoster");
    } catch (const std::exception& error) {
        Fail(std::string("ParseRoster threw something other than RuleError: ") + error.what());
    }
    return 0;
}
