// Close: the outcome on one screen, and the button that finishes the workshop.
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

void DrawCloseScreen(App& app) {
    if (!BeginStage(app)) return;
    const auto& view = *app.Workshop();
    const float width = ImGui::GetContentRegionAvail().x;
    const float column = width * 0.5f - 0.5f * Em();

    ImGui::BeginChild("##outcome-left", ImVec2(column, 0), false);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("Our domain");
    ImGui::PopFont();
    Wrapped(view.community.domain.empty() ? "(not stated)" : view.community.domain);
    ImGui::Spacing();
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::Text("Who was here: %zu", view.participants.size());
    ImGui::PopFont();
    std::string names;
    for (size_t i = 0; i < view.participants.size(); ++i) names += (i ? ", " : "") + view.participants[i].name;
    Wrapped(names.empty() ? "(nobody checked in)" : names);
    ImGui::Spacing();
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("##outcome-right", ImVec2(0, 0), false);
    for (size_t i = 0; i < view.all_polls.size(); ++i) {
        const Poll& poll = view.all_polls[i];
        const Tally& tally = view.all_tallies[i];
        ImGui::PushFont(app.GetFonts().bold);
        Wrapped(poll.question);
        ImGui::PopFont();
        if (poll.status != PollStatus::Revealed && poll.status != PollStatus::Closed) {
            Wrapped("The vote was not closed.", theme::kMuted);
            continue;
        }
        ImGui::Text("%d ballots%s", tally.ballots, tally.IsTie() ? ", a tie" : "");
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        BarChart(app, tally, ImVec2(avail.x, std::clamp(avail.y - 4.0f * Em(), 6.0f * Em(), 12.0f * Em())));
    }
    if (view.all_polls.empty()) Wrapped("No vote was held.", theme::kMuted);
    ImGui::Spacing();
    if (view.workshop.IsRunning()) {
        if (app.Options().tour_dir.empty()) {
            std::string message;
            if (Button(app, "workshop.finish", "\u2713  Finish the workshop"))
                if (!app.Try(message, [&] { app.Store()->FinishWorkshop(view.workshop.id); })) app.ShowError(message, false);
            Wrapped("Finishing closes any open vote and records the end time. Next: a renewal workshop in about a year.",
                    theme::kMuted);
        }
    } else {
        Message("Finished on " + view.workshop.ended_at.substr(0, 10) + " at " + view.workshop.ended_at.substr(11, 5) +
                    " UTC.",
                false);
    }
    ImGui::EndChild();
    EndStage(app);
}

}  // namespace kiosk
