// Errors: a safe screen when the database cannot be used, and a banner for anything recoverable.
#include <imgui.h>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

void DrawErrorScreen(App& app) {
    ImGui::PushFont(app.GetFonts().display);
    ImGui::TextUnformatted("The workshop database cannot be used");
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::PushFont(app.GetFonts().heading);
    Wrapped("\u26A0 " + app.ErrorMessage(), theme::kError);
    RecordReadout(app, "error.message", app.ErrorMessage());
    ImGui::PopFont();
    ImGui::Spacing();
    Wrapped(app.ErrorAdvice(), theme::kInk);
    RecordReadout(app, "error.advice", app.ErrorAdvice());
    ImGui::Spacing();
    if (Button(app, "error.quit", "Quit")) app.RequestQuit();
}

void DrawErrorBanner(App& app) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::Vec(theme::kErrorBack));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.5f * Em(), 0.3f * Em()));
    const float height = TouchHeight() + 0.6f * Em();
    ImGui::BeginChild("##error-banner", ImVec2(0, height), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    const float dismiss = 7.0f * Em();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - dismiss);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::Vec(theme::kError));
    ImGui::TextUnformatted(("\u26A0 " + app.ErrorMessage()).c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetContentRegionMax().x - dismiss + 0.5f * Em());
    ImGui::SetCursorPosY(0.3f * Em());
    if (Button(app, "error.dismiss", "Dismiss", ImVec2(dismiss - 0.5f * Em(), 0), ButtonStyle::Secondary)) app.DismissError();
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace kiosk
