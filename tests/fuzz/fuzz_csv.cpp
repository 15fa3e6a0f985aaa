// Fuzz harness: the CSV writer of the exports (facilitation/export/csv.h).
// Property: a table written by CsvTable::Render reads back, with a strict RFC 4180 reader written here, as the
// header and rows that went in, after the documented neutralisation of formula-looking free text. The file
// starts with a UTF-8 byte order mark and every record ends with CRLF. Numbers the program writes read back
// as the number, to 4 decimals. The roster import's reader (exchange::ReadCsv) reads the same file as the same
// records (it drops a record that is one empty field, a blank line) with the right line numbers.
//
// Input: byte 0 picks the number of columns (1 to 6); bytes 1 and 2 give each column a kind (2 bits each:
// free text, program value, decimal number, whole number); the rest, cut at 0x1F, are the header's cells then
// the rows' cells (a last partial row is filled with empty cells). A number cell's bytes are the number's bytes.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "facilitation/exchange/roster.h"
#include "facilitation/export/csv.h"
#include "fuzz_common.h"

using copk_fuzz::Fail;
using copk_fuzz::Show;
namespace ex = facilitation::exporting;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// ---- The documented rules, written out again here ---------------------------------------------------
// csv.h: free text starting with = + - @ tab or CR gets a single quote in front; nothing else changes.
std::string Neutralised(const std::string& text) {
    if (text.empty()) return text;
    const char c = text.front();
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
}

// The text of Number(double): finite numbers only, no exponent, at most 4 decimals without trailing zeros,
// no "-0", and within half a ten-thousandth (plus rounding of the double itself) of the value.
void CheckDecimal(double value, const std::string& text) {
    if (!std::isfinite(value)) {
        COPK_CHECK(text.empty(), "a non-finite number is written as an empty cell");
        return;
    }
    size_t i = text[0] == '-' ? 1 : 0;
    const size_t digits_from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    COPK_CHECK(i > digits_from, "a number starts with a digit: " + Show(text));
    if (i < text.size()) {
        COPK_CHECK(text[i] == '.', "a number has only digits and one point: " + Show(text));
        const size_t decimals = text.size() - i - 1;
        COPK_CHECK(decimals >= 1 && decimals <= 4, "a number has 1 to 4 decimals after its point: " + Show(text));
        for (size_t k = i + 1; k < text.size(); ++k)
            COPK_CHECK(text[k] >= '0' && text[k] <= '9', "decimals are digits: " + Show(text));
        COPK_CHECK(text.back() != '0', "trailing zeros are dropped: " + Show(text));
    }
    COPK_CHECK(text != "-0", "minus zero is written 0");
    const double back = std::strtod(text.c_str(), nullptr);
    const double tolerance = 0.00005 + std::fabs(value) * 1e-15;
    COPK_CHECK(std::fabs(back - value) <= tolerance,
               "Number(" + std::to_string(value) + ") is written " + Show(text) + ", which reads back as another number");
}

// ---- A strict RFC 4180 reader -----------------------------------------------------------------------
// Every record ends with CRLF, a field with a comma, quote, CR or LF is quoted, quotes inside are doubled, and
// nothing else is accepted. An empty line is a record of one empty field (RFC 4180's grammar). `starts` gets
// the byte offset of each record.
Rows ReadStrict(const std::string& text, size_t from, std::vector<size_t>& starts) {
    Rows rows;
    size_t i = from;
    while (i < text.size()) {
        starts.push_back(i);
        std::vector<std::string> fields;
        for (;;) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                ++i;
                for (;;) {
                    COPK_CHECK(i < text.size(), "a quoted field is closed");
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field += text[i++];
                }
                // csv.h: quoted only when needed.
                COPK_CHECK(field.find_first_of(",\"\r\n") != std::string::npos,
                           "a field is quoted only when it holds a comma, quote, CR or LF: " + Show(field));
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    COPK_CHECK(text[i] != '"', "no quote in an unquoted field");
                    field += text[i++];
                }
            }
            fields.push_back(field);
            COPK_CHECK(i < text.size(), "the last record ends with CRLF");
            if (text[i] == ',') {
                ++i;
                continue;
            }
            COPK_CHECK(text.compare(i, 2, "\r\n") == 0, "a record ends with CRLF, never a bare CR or LF, at byte " +
                                                             std::to_string(i));
            i += 2;
            break;
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

// The bytes of a cell as a number: as many as fit, the rest zero.
template <typename T>
T NumberFrom(const std::string& bytes) {
    T value{};
    unsigned char raw[sizeof(T)] = {};
    std::memcpy(raw, bytes.data(), bytes.size() < sizeof(T) ? bytes.size() : sizeof(T));
    std::memcpy(&value, raw, sizeof(T));
    return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3) return 0;
    const size_t columns = 1 + data[0] % 6;
    const unsigned kinds = data[1] | (static_cast<unsigned>(data[2]) << 8);
    const std::vector<std::string> pieces = copk_fuzz::Split(data + 3, size - 3, '\x1F', columns * 40);

    const std::vector<std::string> header(pieces.begin(), pieces.begin() + std::min(columns, pieces.size()));
    Rows expected{header};
    expected.front().resize(columns);
    ex::CsvTable table(expected.front());
    for (size_t at = columns; at < pieces.size(); at += columns) {
        std::vector<ex::CsvCell> cells;
        std::vector<std::string> want;
        for (size_t c = 0; c < columns; ++c) {
            const std::string piece = at + c < pieces.size() ? pieces[at + c] : std::string();
            switch ((kinds >> (2 * c)) & 3u) {
                case 0:
                    cells.push_back(ex::Text(piece));
                    want.push_back(Neutralised(piece));
                    break;
                case 1:
                    cells.push_back(ex::Value(piece));
                    want.push_back(piece);
                    break;
                case 2: {
                    const auto value = NumberFrom<double>(piece);
                    cells.push_back(ex::Number(value));
                    CheckDecimal(value, cells.back().text);
                    want.push_back(cells.back().text);
                    break;
                }
                default: {
                    const auto value = NumberFrom<long long>(piece);
                    cells.push_back(ex::Number(value));
                    COPK_CHECK(cells.back().text == std::to_string(value), "a whole number is written in full");
                    want.push_back(cells.back().text);
                }
            }
        }
        table.Add(cells);
        expected.push_back(want);
    }
    const std::string file = table.Render();

    // What the writer wrote reads back as what went in.
    COPK_CHECK(file.compare(0, 3, ex::kUtf8Bom) == 0, "the file starts with a UTF-8 byte order mark");
    std::vector<size_t> starts;
    const Rows read = ReadStrict(file, 3, starts);
    COPK_CHECK(read.size() == expected.size(), "as many records read back as written (" + std::to_string(read.size()) +
                                                   " of " + std::to_string(expected.size()) + ")");
    for (size_t r = 0; r < read.size(); ++r) {
        COPK_CHECK(read[r].size() == columns, "record " + std::to_string(r) + " has one field per column");
        for (size_t c = 0; c < columns; ++c)
            COPK_CHECK(read[r][c] == expected[r][c], "record " + std::to_string(r) + " field " + std::to_string(c) +
                                                         " reads back as " + Show(read[r][c]) + ", not " + Show(expected[r][c]));
    }

    // The roster import's reader agrees, blank lines aside, and counts physical lines.
    std::vector<facilitation::exchange::CsvRecord> records;
    try {
        records = facilitation::exchange::ReadCsv(file);
    } catch (const std::exception& error) {
        Fail(std::string("exchange::ReadCsv refuses a file the writer wrote: ") + error.what());
    }
    size_t k = 0;
    for (size_t r = 0; r < expected.size(); ++r) {
        if (columns == 1 && expected[r][0].empty()) continue;  // an empty line: no record for ReadCsv
        COPK_CHECK(k < records.size(), "exchange::ReadCsv reads every record");
        COPK_CHECK(records[k].fields == expected[r], "exchange::ReadCsv reads record " + std::to_string(r) + " as written");
        long line = 1;
        for (size_t b = 0; b < starts[r]; ++b) line += file[b] == '\n';
        COPK_CHECK(records[k].line == line, "exchange::ReadCsv gives record " + std::to_string(r) + " its physical line");
        ++k;
    }
    COPK_CHECK(k == records.size(), "exchange::ReadCsv reads no extra record");
    return 0;
}
