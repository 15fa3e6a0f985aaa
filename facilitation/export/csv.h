// RFC 4180 CSV for spreadsheets: UTF-8, CRLF row ends, every cell that needs it quoted with quotes doubled,
// and text cells that a spreadsheet would run as a formula neutralised.
#pragma once
#include <string>
#include <vector>

namespace facilitation::exporting {

// A cell: free text is neutralised (see NeutraliseFormula); numbers, ids and dates the program wrote are not,
// so "-0.5" stays a number a spreadsheet can sum.
struct CsvCell {
    std::string text;
    bool free_text = true;
};
CsvCell Text(const std::string& text);  // typed by people: neutralised
CsvCell Value(const std::string& text);  // written by the program: kept as is
CsvCell Number(long long value);
CsvCell Number(double value);            // up to 4 decimals, trailing zeros dropped: 1.625, 2, -0.5

// A text starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before one) gets a
// single quote in front, so a spreadsheet shows it instead of evaluating it. Other text is returned unchanged.
std::string NeutraliseFormula(const std::string& text);

// One field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF (quotes doubled).
std::string CsvField(const std::string& text);

class CsvTable {
public:
    explicit CsvTable(std::vector<std::string> header);
    // A row must have as many cells as the header: a programming error otherwise (std::logic_error).
    void Add(const std::vector<CsvCell>& row);
    size_t Rows() const { return m_rows.size(); }
    // The whole file: a UTF-8 byte order mark (spreadsheets need it to read UTF-8), the header, the rows,
    // each line ending with CRLF.
    std::string Render() const;

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<CsvCell>> m_rows;
};

constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace facilitation::exporting
