// A new community: its name and its domain statement.
#include <imgui.h>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

void DrawNewCommunityScreen(App& app) {
    NewCommunityScratch& s = app.new_community;
    ImGui::PushFont(app.GetFonts().display);
    ImGui::TextUnformatted("New community");
    ImGui::PopFont();
    ImGui::Spacing();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::TextUnformatted("Name");
    bool submitted = false;
    TextField(app, "community.name", "e.g. Water Quality Practitioners", s.name, sizeof s.name, width * 0.7f,
              &submitted, s.focus_name);
    s.focus_name = false;
    ImGui::Spacing();
    ImGui::TextUnformatted("Domain: what is this community about, and why does it matter now? (one or two sentences)");
    TextArea(app, "community.domain", s.domain, sizeof s.domain, ImVec2(width * 0.9f, 5.0f * Em()));
    ImGui::Spacing();
    Message(s.message, true);
    if (Button(app, "community.create", "Create community") || submitted) {
        if (app.Try(s.message, [&] { app.Store()->CreateCommunity(s.name, s.domain); })) {
            app.home.message.clear();
            app.Show(ScreenId::Home);
        }
    }
    ImGui::SameLine();
    if (Button(app, "community.cancel", "Cancel", ImVec2(0, 0), ButtonStyle::Secondary)) app.Show(ScreenId::Home);
}

}  // namespace kiosk
