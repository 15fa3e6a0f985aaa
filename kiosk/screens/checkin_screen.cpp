// Check-in: who is here. Type a name, press Enter or "Check in"; the roster grows below.
#include <imgui.h>

#include <algorithm>

#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {

void DrawCheckInScreen(App& app) {
    if (!BeginStage(app)) return;
    CheckInScratch& s = app.checkin;
    const auto& view = *app.Workshop();
    const bool running = app.CanRecord();
    if (running) {
        bool submitted = false;
        const float width = ImGui::GetContentRegionAvail().x;
        TextField(app, "checkin.name", "Type a name, then press Enter", s.name, sizeof s.name, width * 0.55f,
                  &submitted, s.focus_name);
        s.focus_name = false;
        ImGui::SameLine();
        if (Button(app, "checkin.add", "Check in") || submitted) {
            const std::string typed = s.name;
            if (app.Try(s.message, [&] { app.Store()->CheckIn(view.workshop.id, typed); })) {
                s.message = "Welcome, " + typed + "!";
                s.message_is_error = false;
                s.name[0] = '\0';
            } else {
                s.message_is_error = true;
            }
            s.focus_name = true;  // ready for the next name
        }
        Message(s.message, s.message_is_error);
    }
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::Text("%zu %s here", view.participants.size(), view.participants.size() == 1 ? "person" : "people");
    ImGui::PopFont();
    // The roster in columns: names as large as the room needs.
    const float column = 13.0f * Em();
    const int columns = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / column));
    for (size_t i = 0; i < view.participants.size(); ++i) {
        if (i % static_cast<size_t>(columns) != 0) ImGui::SameLine(static_cast<float>(i % static_cast<size_t>(columns)) * column);
        ImGui::PushID(static_cast<int>(i));
        if (running) {
            if (Button(app, "checkin.remove." + std::to_string(i), "\u2717", ImVec2(1.6f * Em(), 1.6f * Em()),
                       ButtonStyle::Secondary)) {
                const std::string id = view.participants[i].id;
                app.Try(s.message, [&] { app.Store()->CheckOut(view.workshop.id, id); });
                s.message_is_error = !s.message.empty();
            }
            ImGui::SameLine();
        }
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted(view.participants[i].name.c_str());
        ImGui::PopFont();
        ImGui::PopID();
    }
    EndStage(app);
}

}  // namespace kiosk
