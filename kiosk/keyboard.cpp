#include "kiosk/keyboard.h"

#include <imgui.h>

#include <algorithm>
#include <vector>

#include "kiosk/app.h"
#include "kiosk/widgets.h"

namespace kiosk {

namespace {
// A key: what it types (lower case), or a special action; its width in key units.
enum class Action { Type, Shift, Backspace, Space };
struct Key {
    const char* text;
    Action action;
    float units;
};

// Six rows: digits and backspace; three rows of QWERTY letters with some punctuation; the accented letters;
// the space bar. No quote or backslash (they would need escaping everywhere the text goes).
const std::vector<std::vector<Key>>& Rows() {
    static const std::vector<std::vector<Key>> rows = {
        {{"1", Action::Type, 1}, {"2", Action::Type, 1}, {"3", Action::Type, 1}, {"4", Action::Type, 1},
         {"5", Action::Type, 1}, {"6", Action::Type, 1}, {"7", Action::Type, 1}, {"8", Action::Type, 1},
         {"9", Action::Type, 1}, {"0", Action::Type, 1}, {"-", Action::Type, 1}, {"", Action::Backspace, 2.4f}},
        {{"q", Action::Type, 1}, {"w", Action::Type, 1}, {"e", Action::Type, 1}, {"r", Action::Type, 1},
         {"t", Action::Type, 1}, {"y", Action::Type, 1}, {"u", Action::Type, 1}, {"i", Action::Type, 1},
         {"o", Action::Type, 1}, {"p", Action::Type, 1}, {"'", Action::Type, 1}},
        {{"a", Action::Type, 1}, {"s", Action::Type, 1}, {"d", Action::Type, 1}, {"f", Action::Type, 1},
         {"g", Action::Type, 1}, {"h", Action::Type, 1}, {"j", Action::Type, 1}, {"k", Action::Type, 1},
         {"l", Action::Type, 1}, {",", Action::Type, 1}, {".", Action::Type, 1}},
        {{"", Action::Shift, 2.4f}, {"z", Action::Type, 1}, {"x", Action::Type, 1}, {"c", Action::Type, 1},
         {"v", Action::Type, 1}, {"b", Action::Type, 1}, {"n", Action::Type, 1}, {"m", Action::Type, 1},
         {"?", Action::Type, 1}, {"!", Action::Type, 1}, {":", Action::Type, 1}},
        {{"\u00e9", Action::Type, 1}, {"\u00e8", Action::Type, 1}, {"\u00ea", Action::Type, 1}, {"\u00eb", Action::Type, 1},
         {"\u00e0", Action::Type, 1}, {"\u00e2", Action::Type, 1}, {"\u00e7", Action::Type, 1}, {"\u00ee", Action::Type, 1},
         {"\u00ef", Action::Type, 1}, {"\u00f4", Action::Type, 1}, {"\u00fb", Action::Type, 1}, {"\u00f9", Action::Type, 1},
         {"\u00fc", Action::Type, 1}, {"\u00ff", Action::Type, 1}, {"\u0153", Action::Type, 1}, {"\u00e6", Action::Type, 1}},
        {{"", Action::Space, 8}},
    };
    return rows;
}

float Gap() { return 0.3f * Em(); }
float RowGap() { return 0.35f * Em(); }
}  // namespace

size_t CodePoints(const std::string& text) {
    size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

void EraseLastCodePoint(std::string& text) {
    while (!text.empty()) {
        const unsigned char c = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((c & 0xC0) != 0x80) break;  // the lead byte: the whole character is gone
    }
}

std::string Capital(const std::string& lower) {
    if (lower.size() == 1 && lower[0] >= 'a' && lower[0] <= 'z') return std::string(1, static_cast<char>(lower[0] - 'a' + 'A'));
    static const char* const kPairs[][2] = {
        {"\u00e9", "\u00c9"}, {"\u00e8", "\u00c8"}, {"\u00ea", "\u00ca"}, {"\u00eb", "\u00cb"}, {"\u00e0", "\u00c0"},
        {"\u00e2", "\u00c2"}, {"\u00e7", "\u00c7"}, {"\u00ee", "\u00ce"}, {"\u00ef", "\u00cf"}, {"\u00f4", "\u00d4"},
        {"\u00fb", "\u00db"}, {"\u00f9", "\u00d9"}, {"\u00fc", "\u00dc"}, {"\u00ff", "\u0178"}, {"\u0153", "\u0152"},
        {"\u00e6", "\u00c6"}};
    for (const auto& pair : kPairs)
        if (lower == pair[0]) return pair[1];
    return lower;
}

float OnScreenKeyboardHeight() {
    const float rows = static_cast<float>(Rows().size());
    return rows * TouchHeight() + (rows - 1) * RowGap();
}

bool OnScreenKeyboard(App& app, std::string& text, bool& shift, size_t max_code_points, float width) {
    const auto& rows = Rows();
    const float gap = Gap();
    // One key unit: the widest row (in units, with its gaps) fills the width, capped so keys stay keys.
    float unit = 4.0f * Em();
    for (const auto& row : rows) {
        float units = 0;
        for (const Key& key : row) units += key.units;
        unit = std::min(unit, (width - gap * static_cast<float>(row.size() - 1)) / units);
    }
    const bool room = CodePoints(text) < max_code_points;
    bool changed = false;
    const float left = ImGui::GetCursorPosX();
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, RowGap()));
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        float row_width = 0;
        for (const Key& key : row) row_width += key.units * unit;
        row_width += gap * static_cast<float>(row.size() - 1);
        ImGui::SetCursorPosX(left + std::max(0.0f, (width - row_width) * 0.5f));
        for (size_t k = 0; k < row.size(); ++k) {
            const Key& key = row[k];
            if (k > 0) ImGui::SameLine(0, gap);
            const ImVec2 size(key.units * unit + gap * (key.units - 1.0f), TouchHeight());
            switch (key.action) {
                case Action::Type: {
                    const std::string shown = shift ? Capital(key.text) : std::string(key.text);
                    if (Button(app, std::string("kiosk.key.") + key.text, shown, size, ButtonStyle::Secondary, room)) {
                        text += shown;
                        changed = true;
                        if (shift && shown != key.text) shift = false;  // one capital, as on a phone
                    }
                    break;
                }
                case Action::Shift:
                    if (Button(app, "kiosk.key.shift", shift ? "\u2713 \u21E7 Shift" : "\u21E7 Shift", size,
                               shift ? ButtonStyle::Selected : ButtonStyle::Secondary))
                        shift = !shift;
                    break;
                case Action::Backspace:
                    if (Button(app, "kiosk.key.backspace", "\u2190 Delete", size, ButtonStyle::Secondary, !text.empty())) {
                        EraseLastCodePoint(text);
                        changed = true;
                    }
                    break;
                case Action::Space:
                    if (Button(app, "kiosk.key.space", "Space", size, ButtonStyle::Secondary, room && !text.empty())) {
                        text += " ";
                        changed = true;
                    }
                    break;
            }
        }
    }
    ImGui::PopStyleVar();
    ImGui::PopFont();
    return changed;
}

}  // namespace kiosk
