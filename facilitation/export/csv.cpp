#include "facilitation/export/csv.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace facilitation::exporting {

CsvCell Text(const std::string& text) { return CsvCell{text, true}; }
CsvCell Value(const std::string& text) { return CsvCell{text, false}; }
CsvCell Number(long long value) { return CsvCell{std::to_string(value), false}; }

CsvCell Number(double value) {
    if (!std::isfinite(value)) return CsvCell{"", false};
    // %.4f writes every digit of the whole part (1e308 has 309): a fixed buffer would cut a large number short.
    std::vector<char> buffer(static_cast<size_t>(std::snprintf(nullptr, 0, "%.4f", value)) + 1);
    std::snprintf(buffer.data(), buffer.size(), "%.4f", value);
    std::string text = buffer.data();
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    return CsvCell{text, false};
}

std::string NeutraliseFormula(const std::string& text) {
    if (text.empty()) return text;
    switch (text.front()) {
        case '=': case '+': case '-': case '@': case '\t': case '\r': return "'" + text;
        default: return text;
    }
}

std::string CsvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

CsvTable::CsvTable(std::vector<std::string> header) : m_header(std::move(header)) {}

void CsvTable::Add(const std::vector<CsvCell>& row) {
    if (row.size() != m_header.size())
        throw std::logic_error("CSV row of " + std::to_string(row.size()) + " cells under a header of " +
                               std::to_string(m_header.size()));
    m_rows.push_back(row);
}

std::string CsvTable::Render() const {
    std::string out = kUtf8Bom;
    auto line = [&out](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvField(cells[i]);
        out += "\r\n";
    };
    line(m_header);
    for (const auto& row : m_rows) {
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (const CsvCell& cell : row) cells.push_back(cell.free_text ? NeutraliseFormula(cell.text) : cell.text);
        line(cells);
    }
    return out;
}

}  // namespace facilitation::exporting
