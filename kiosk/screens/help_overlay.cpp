// F1: every keyboard shortcut of the facilitator's console, grouped (moving, timer, votes, kiosk, typing and the
// app), from the one table the controls check (kiosk/shortcuts.h). Two columns, so that it reads at 1280x720.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/shortcuts.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

namespace {
// A group's rows take their heading's line, then one line per row, more where the words wrap.
float GroupHeight(const std::vector<const ShortcutHelp*>& rows, float action_width, float line, float gap) {
    float height = line + gap;
    for (const ShortcutHelp* row : rows)
        height += std::max(line, ImGui::CalcTextSize(row->action, nullptr, false, action_width).y) + gap;
    return height + gap;
}
}  // namespace

void DrawHelpOverlay(App& app) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float em = Em();
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(display.x * 0.94f, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(display.x, display.y - em));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(1.2f * em, 0.8f * em));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::Vec(0xFFFFFF));
    ImGui::Begin("##help", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    // The heading and Close share the first row.
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(top + (TouchHeight() - app.GetFonts().heading->FontSize) * 0.5f);
    Heading(app, "Keyboard shortcuts");
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Close  (F1, Esc)").x - 2.0f * em);
    ImGui::SetCursorPosY(top);
    if (Button(app, "help.close", "Close  (F1, Esc)", ImVec2(0, 0), ButtonStyle::Secondary)) app.ToggleHelp();
    ImGui::Spacing();

    // The groups in their order, then split in two columns of about equal height: a group never splits.
    std::vector<std::string> groups;
    std::vector<std::vector<const ShortcutHelp*>> rows;
    for (const ShortcutHelp& shortcut : ShortcutHelpList()) {
        if (groups.empty() || groups.back() != shortcut.group) {
            groups.push_back(shortcut.group);
            rows.emplace_back();
        }
        rows.back().push_back(&shortcut);
    }
    const float column_gap = 2.0f * em;
    const float column_width = (ImGui::GetContentRegionAvail().x - column_gap) * 0.5f;
    const float line = ImGui::GetTextLineHeight();
    const float gap = 0.2f * em;
    // Each column's keys as wide as its widest, so the words beside them have the most room.
    auto keys_width_of = [&](size_t from, size_t to) {
        float widest = 0;
        ImGui::PushFont(app.GetFonts().bold);
        for (size_t g = from; g < to; ++g)
            for (const ShortcutHelp* row : rows[g]) widest = std::max(widest, ImGui::CalcTextSize(row->keys).x);
        ImGui::PopFont();
        return widest + em;
    };
    // Split where the two columns are closest in height: a group never splits.
    size_t split = 1;
    float best = 1e9f;
    float keys_width[2] = {0, 0};
    for (size_t at = 1; at < rows.size(); ++at) {
        const float left_keys = keys_width_of(0, at), right_keys = keys_width_of(at, rows.size());
        float left = 0, right = 0;
        for (size_t g = 0; g < rows.size(); ++g)
            (g < at ? left : right) += GroupHeight(rows[g], column_width - (g < at ? left_keys : right_keys), line, gap);
        if (std::max(left, right) < best) {
            best = std::max(left, right);
            split = at;
            keys_width[0] = left_keys;
            keys_width[1] = right_keys;
        }
    }

    const ImVec2 origin = ImGui::GetCursorPos();
    float column_bottom[2] = {origin.y, origin.y};
    int shortcut_index = 0;
    for (size_t g = 0; g < groups.size(); ++g) {
        const int column = g < split ? 0 : 1;
        const float x = origin.x + static_cast<float>(column) * (column_width + column_gap);
        float y = column_bottom[column];
        ImGui::SetCursorPos(ImVec2(x, y));
        ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kPrimary));
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted(groups[g].c_str());
        ImGui::PopFont();
        ImGui::PopStyleColor();
        y += line + gap;
        for (const ShortcutHelp* row : rows[g]) {
            ImGui::SetCursorPos(ImVec2(x, y));
            ImGui::PushFont(app.GetFonts().bold);
            ImGui::TextUnformatted(row->keys);
            ImGui::PopFont();
            ImGui::SetCursorPos(ImVec2(x + keys_width[column], y));
            ImGui::PushTextWrapPos(x + column_width);
            ImGui::TextUnformatted(row->action);
            ImGui::PopTextWrapPos();
            // Each line is a readout, so a test can tell the overlay lists the shortcuts.
            RecordReadout(app, "help.shortcut." + std::to_string(shortcut_index++),
                          std::string(row->group) + ": " + row->keys + " = " + row->action);
            y += std::max(line, ImGui::GetItemRectSize().y) + gap;
        }
        column_bottom[column] = y + 2.0f * gap;
    }
    ImGui::SetCursorPos(ImVec2(origin.x, std::max(column_bottom[0], column_bottom[1])));
    ImGui::Dummy(ImVec2(1, 1));
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
}

}  // namespace kiosk
