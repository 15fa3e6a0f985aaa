// Check-in: who is here. Type a name and press Enter or "Check in", or tap the name of a member not here yet
// (an imported roster, earlier workshops' people); the list of who is here grows below.
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/room.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using facilitation::NotHereYet;
using facilitation::Participant;

namespace {
// Checks `name` in (typed, or a member's tapped); welcomes them and empties the field, or says why not.
void CheckIn(App& app, const std::string& workshop_id, const std::string& name) {
    CheckInScratch& s = app.checkin;
    const std::string checking = name;  // `name` may be the field itself, emptied below
    s.message_is_error = !app.Try(s.message, [&] { app.Store()->CheckIn(workshop_id, checking); });
    if (s.message_is_error) return;
    s.message = "Welcome, " + checking + "!";
    s.name[0] = '\0';
}
}  // namespace

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
            CheckIn(app, view.workshop.id, s.name);
            s.focus_name = true;  // ready for the next name
        }
        Message(s.message, s.message_is_error);
        if (!s.message.empty()) RecordReadout(app, "checkin.message", s.message);
    }
    // Who is here, and (when the community has members not here yet) beside it the names to tap.
    // What is typed so far narrows the names to tap ("zo" finds Zoë).
    const std::vector<Participant> not_here_yet = running ? NotHereYet(view.members, view.participants, s.name)
                                                          : std::vector<Participant>();
    const bool offer = running && !NotHereYet(view.members, view.participants).empty();
    const float gap = 1.5f * Em();
    const float here_width = offer ? (ImGui::GetContentRegionAvail().x - gap) * 0.45f : 0.0f;
    ImGui::BeginChild("##checkin-here", ImVec2(here_width, 0), false);
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::Text("%zu %s here", view.participants.size(), view.participants.size() == 1 ? "person" : "people");
    ImGui::PopFont();
    // The roster in columns: names as large as the room needs, as many columns as the widest name allows.
    float widest = 0;
    ImGui::PushFont(app.GetFonts().bold);
    for (const auto& person : view.participants) widest = std::max(widest, ImGui::CalcTextSize(person.name.c_str()).x);
    ImGui::PopFont();
    const float column = std::clamp(widest + 3.0f * Em(), 8.0f * Em(), 13.0f * Em());
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
        // A name wider than its column (up to 60 characters) wraps inside it rather than running into the next.
        const size_t col = i % static_cast<size_t>(columns);
        ImGui::PushTextWrapPos(static_cast<float>(col + 1) * column - 0.5f * Em());
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextUnformatted(view.participants[i].name.c_str());
        RecordReadout(app, "checkin.here." + std::to_string(i), view.participants[i].name);
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
    ImGui::EndChild();
    if (offer) {
        ImGui::SameLine(0, gap);
        ImGui::BeginChild("##checkin-members", ImVec2(0, 0), false);
        ImGui::PushFont(app.GetFonts().heading);
        ImGui::TextUnformatted(s.name[0] ? "Not here yet, matching: tap a name" : "Not here yet: tap a name");
        ImGui::PopFont();
        if (not_here_yet.empty()) Wrapped("No member's name matches; press Enter to check in a new person.", theme::kMuted);
        int per_row = 1;
        const float button_width = NameButtonWidth(not_here_yet, ImGui::GetContentRegionAvail().x, &per_row);
        const int tapped = NameGrid(app, "checkin.member", not_here_yet, nullptr, nullptr, button_width);
        if (tapped >= 0) CheckIn(app, view.workshop.id, not_here_yet[static_cast<size_t>(tapped)].name);
        ImGui::EndChild();
    }
    EndStage(app);
}

}  // namespace kiosk
