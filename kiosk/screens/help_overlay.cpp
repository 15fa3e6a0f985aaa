// F1: every keyboard shortcut of the facilitator's console.
#include <imgui.h>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

namespace {
struct Shortcut {
    const char* keys;
    const char* action;
};
constexpr Shortcut kShortcuts[] = {
    {"\u2192  or  Page Down", "next stage (for the whole room)"},
    {"\u2190  or  Page Up", "previous stage"},
    {"Enter", "in a text field: check in the name, create the community"},
    {"Tab", "move between fields and buttons; Space presses the focused button"},
    {"F1", "show or hide this help"},
    {"F12", "save a screenshot next to the database"},
    {"Esc", "leave a text field (then the arrows move stages), close this help, dismiss an error"},
    {"Ctrl + Q", "quit (everything is already saved)"},
};
}  // namespace

void DrawHelpOverlay(App& app) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(display.x * 0.7f, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(1.2f * Em(), 1.0f * Em()));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::Vec(0xFFFFFF));
    ImGui::Begin("##help", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    Heading(app, "Keyboard shortcuts");
    ImGui::Spacing();
    const float keys_width = ImGui::GetContentRegionAvail().x * 0.35f;
    for (const auto& shortcut : kShortcuts) {
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted(shortcut.keys);
        ImGui::PopFont();
        ImGui::SameLine(keys_width);
        ImGui::TextUnformatted(shortcut.action);
    }
    ImGui::Spacing();
    if (Button(app, "help.close", "Close")) app.ToggleHelp();
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
}

}  // namespace kiosk
