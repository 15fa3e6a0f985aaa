// Review: every community (left) and the chosen one's workshops, newest first (right), each with its outcome,
// a comparison with the workshop before it, and an export. Ids: review.community.<i>, review.workshop.<i>.open,
// .compare, .export (i counts the community's workshops from the newest, 0).
#include <imgui.h>

#include "facilitation/history.h"
#include "kiosk/app.h"
#include "kiosk/screens/review_common.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
// A label cut with "…" to fit `width`, so a long community name never runs out of its button.
std::string Fit(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "\u2026").c_str()).x > width) {
        cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // whole UTF-8
        if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80)) cut.pop_back();
    }
    return cut + "\u2026";
}
}  // namespace

void DrawReviewListScreen(App& app) {
    if (app.IsProjector() || app.IsKiosk()) return app.Show(ScreenId::Home);
    HistoryScratch& h = app.history;
    const Community* community = ReviewedCommunity(app);
    const bool export_pressed = DrawReviewHeader(app, "review.tolist", "Review: communities and their workshops",
                                                 community ? "Export the community" : "");
    if (!community) {
        Wrapped("No community yet: create one on the home screen and run its first workshop.", theme::kMuted);
        return;
    }
    if (export_pressed) ExportFromReview(app, community->id, "");
    ImGui::Spacing();

    const float em = Em();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float list_width = std::min(16.0f * em, avail.x * 0.32f);
    ImGui::BeginChild("##review-communities", ImVec2(list_width, 0), false);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted("Communities");
    ImGui::PopFont();
    const auto& communities = app.Communities();
    const float button_width = ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < communities.size(); ++i) {
        const bool chosen = communities[i].id == community->id;
        const std::string label = Fit(communities[i].name, button_width - ToggleWidth(""));
        if (Toggle(app, "review.community." + std::to_string(i), label, chosen, button_width)) {
            h.community_id = communities[i].id;
            h.picks.clear();
        }
    }
    ImGui::EndChild();
    ImGui::SameLine(0, 1.5f * em);

    ImGui::BeginChild("##review-workshops", ImVec2(0, 0), false);
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(community->name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    RecordReadout(app, "review.community", community->name);
    if (!community->domain.empty()) Wrapped(community->domain, theme::kMuted);
    const std::vector<Workshop> workshops = WorkshopsOfCommunity(app, community->id);
    Wrapped(workshops.empty() ? "No workshop yet." : std::to_string(workshops.size()) + " workshop(s), newest first.",
            theme::kMuted);
    for (size_t i = 0; i < workshops.size(); ++i) {
        const Workshop& w = workshops[i];
        const std::string prefix = "review.workshop." + std::to_string(i);
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::PushFont(app.GetFonts().bold);
        const std::string label = WorkshopLabel(w);
        ImGui::TextUnformatted(label.c_str());
        ImGui::PopFont();
        RecordReadout(app, prefix, label);
        int people = 0;
        for (const auto& summary : app.Workshops())
            if (summary.workshop.id == w.id) people = summary.participant_count;
        Wrapped(w.template_name + (w.IsRunning() ? " \u00B7 running now" : " \u00B7 finished " + w.ended_at.substr(0, 10)) +
                    " \u00B7 " + std::to_string(people) + (people == 1 ? " person" : " people"),
                theme::kMuted);
        if (Button(app, prefix + ".open", "Outcome", ImVec2(0, 0), ButtonStyle::Primary)) {
            h.outcome_id = w.id;
            app.Show(ScreenId::ReviewOutcome);
        }
        ImGui::SameLine();
        // Compared with the workshop before it; any other pair is picked on the comparison itself.
        const bool has_previous = i + 1 < workshops.size();
        if (Button(app, prefix + ".compare", has_previous ? "Compare with the one before" : "Nothing before it to compare",
                   ImVec2(0, 0), ButtonStyle::Secondary, has_previous)) {
            h.picks = {workshops[i + 1].id, w.id};
            app.Show(ScreenId::ReviewCompare);
        }
        ImGui::SameLine();
        if (Button(app, prefix + ".export", "\u21E9  Export", ImVec2(0, 0), ButtonStyle::Secondary))
            ExportFromReview(app, community->id, w.id);
    }
    ImGui::EndChild();
}

}  // namespace kiosk
