// Review: a community's commitment ledger across all its workshops, newest first: who, what, due, status
// (open, kept, partly kept, dropped, carried forward with a link to its continuation), the workshop that made
// it (the group's heading) and the one that reviewed it; the kept rate overall and per workshop. The rows come
// from facilitation::LoadLedger. Readouts: review.ledger.kept_rate, review.ledger.workshop.<w>,
// review.ledger.row.<i> ("who | what | due | status | reviewed in"); ids review.ledger.row.<i>.continuation.
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
// The status in a mark and words: never colour alone.
std::string StatusText(CommitmentStatus status) {
    switch (status) {
        case CommitmentStatus::Open: return "\u25CB open";
        case CommitmentStatus::Kept: return "\u2713 kept";
        case CommitmentStatus::Partly: return "\u25D0 partly kept";
        case CommitmentStatus::Dropped: return "\u2717 dropped";
        case CommitmentStatus::Carried: return "\u2192 carried forward";
    }
    return "";
}

std::string Summary(const CommitmentLedger& ledger) {
    auto count = [&](CommitmentStatus s) {
        auto it = ledger.by_status.find(s);
        return it == ledger.by_status.end() ? 0 : it->second;
    };
    const int reviewed = static_cast<int>(ledger.rows.size()) - count(CommitmentStatus::Open);
    return "Kept rate overall: " + PercentText(ledger.kept_rate) + " (" + std::to_string(count(CommitmentStatus::Kept)) +
           " kept of " + std::to_string(reviewed) + " reviewed)  \u00B7  " + std::to_string(ledger.rows.size()) +
           " commitments: " + std::to_string(count(CommitmentStatus::Open)) + " open, " +
           std::to_string(count(CommitmentStatus::Kept)) + " kept, " + std::to_string(count(CommitmentStatus::Partly)) +
           " partly, " + std::to_string(count(CommitmentStatus::Dropped)) + " dropped, " +
           std::to_string(count(CommitmentStatus::Carried)) + " carried forward";
}

std::string WorkshopLine(const LedgerWorkshop& w) {
    std::string line = "Made in the " + WorkshopLabel(w.workshop) + ": " + std::to_string(w.made) + " commitment" +
                       (w.made == 1 ? "" : "s");
    if (w.made > 0)
        line += ", " + std::to_string(w.made_reviewed) + " reviewed since" +
                (w.made_reviewed > 0 ? ", kept " + PercentText(w.made_kept_rate) : std::string());
    if (w.reviewed_here > 0)
        line += ".  Its review settled " + std::to_string(w.reviewed_here) + " earlier: kept " + PercentText(w.review_kept_rate);
    return line + ".";
}
}  // namespace

void DrawReviewLedgerScreen(App& app) {
    if (app.IsProjector() || app.IsKiosk()) return app.Show(ScreenId::Home);
    HistoryScratch& h = app.history;
    const Community* community = ReviewedCommunity(app);
    const bool pressed = DrawReviewHeader(app, "review.ledger",
                                          "Commitments: " + (community ? community->name : std::string("no community")),
                                          community ? "Export the community" : "");
    if (!community) return;
    if (pressed) ExportFromReview(app, community->id, "");
    if (ReviewNeedsLoad(app, "ledger:" + community->id)) {
        h.ledger.reset();
        try {
            h.ledger = LoadLedger(*app.Store(), community->id);
        } catch (const std::exception& error) {
            app.ShowError(std::string("The commitments could not be read: ") + error.what(), false);
        }
    }
    if (!h.ledger) return;
    const CommitmentLedger& ledger = *h.ledger;
    ImGui::PushFont(app.GetFonts().bold);
    const std::string summary = Summary(ledger);
    Wrapped(summary);
    ImGui::PopFont();
    RecordReadout(app, "review.ledger.kept_rate", summary);

    BeginReviewBody("##review-ledger");
    int jump = h.jump_to_row;
    h.jump_to_row = -1;
    for (size_t wi = 0; wi < ledger.workshops.size(); ++wi) {
        const LedgerWorkshop& w = ledger.workshops[wi];
        ImGui::Spacing();
        ImGui::PushFont(app.GetFonts().bold);
        const std::string line = WorkshopLine(w);
        Wrapped(line);
        ImGui::PopFont();
        RecordReadout(app, "review.ledger.workshop." + std::to_string(wi), line);
        if (w.made == 0) continue;
        ImGui::PushID(static_cast<int>(wi));
        const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
        if (ImGui::BeginTable("##ledger", 6, flags)) {
            ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 2.2f * Em());
            ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 1.8f);
            ImGui::TableSetupColumn("due", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("2026-12-31").x + 0.5f * Em());
            ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn("reviewed", ImGuiTableColumnFlags_WidthStretch, 0.9f);
            const char* heads[6] = {"#", "Who", "What", "Due", "Status", "Reviewed in"};
            ImGui::TableNextRow();
            ImGui::PushFont(app.GetFonts().bold);
            for (int c = 0; c < 6; ++c) {
                ImGui::TableSetColumnIndex(c);
                Wrapped(heads[c], theme::kMuted);
            }
            ImGui::PopFont();
            for (size_t i = 0; i < ledger.rows.size(); ++i) {
                const LedgerRow& row = ledger.rows[i];
                if (row.made_in != static_cast<int>(wi)) continue;
                const Commitment& c = row.commitment;
                const std::string reviewed_in =
                    row.reviewed_in >= 0 ? WorkshopLabel(ledger.workshops[static_cast<size_t>(row.reviewed_in)].workshop)
                                         : std::string("not yet");
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                if (jump == static_cast<int>(i)) ImGui::SetScrollHereY(0.3f);
                Wrapped(std::to_string(i + 1));
                ImGui::TableSetColumnIndex(1);
                Wrapped(row.who);
                ImGui::TableSetColumnIndex(2);
                Wrapped(c.what);
                if (row.continues >= 0) Wrapped("\u21B3 carries #" + std::to_string(row.continues + 1) + " forward", theme::kMuted);
                ImGui::TableSetColumnIndex(3);
                Wrapped(c.due);
                ImGui::TableSetColumnIndex(4);
                const std::string status = StatusText(c.status);
                Wrapped(status);
                const std::string said = row.who + " | " + c.what + " | " + c.due + " | " + StatusWords(c.status) + " | " + reviewed_in;
                RecordReadout(app, "review.ledger.row." + std::to_string(i), said);
                if (row.continued_by >= 0 &&
                    Button(app, "review.ledger.row." + std::to_string(i) + ".continuation",
                           "\u2192 see #" + std::to_string(row.continued_by + 1), ImVec2(0, 0), ButtonStyle::Secondary))
                    h.jump_to_row = row.continued_by;
                ImGui::TableSetColumnIndex(5);
                Wrapped(reviewed_in, row.reviewed_in >= 0 ? theme::kInk : theme::kMuted);
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
    EndReviewBody();
}

}  // namespace kiosk
