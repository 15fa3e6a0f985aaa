// Review: two workshops of a community side by side, by section (stage check, roles, rhythm, tasks, health,
// commitments), each row saying what changed in a mark and words ("▲ new", "→ changed", "✗ dropped"...) on a
// tinted row: never colour alone. Any two may be picked (review.compare.pick.<i>, newest first); they always
// read older → newer (facilitation/history.h). Readouts: review.compare.pair, review.compare.<section>.<i>
// ("label | before | after | mark").
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
constexpr unsigned kChangedRow = 0xFCEBCB;  // a pale amber behind a changed row (the mark says it in words)

const char* ShortTitle(const std::string& key) {
    if (key == "stage") return "Stage check";
    if (key == "roles") return "Roles";
    if (key == "rhythm") return "Rhythm";
    if (key == "tasks") return "Tasks";
    if (key == "health") return "Health";
    if (key == "commitments") return "Commitments";
    return "?";
}

// The picks: the scratch's when they are two workshops of this community, else the newest two.
std::optional<ComparisonPair> CurrentPair(App& app, const std::vector<Workshop>& workshops) {
    std::vector<std::string>& picks = app.history.picks;
    if (picks.size() == 2)
        if (auto pair = OrderComparisonPair(workshops, picks[0], picks[1])) return pair;
    if (picks.size() == 1) return std::nullopt;  // the second is being picked
    auto pair = DefaultComparisonPair(workshops);
    if (pair) picks = {pair->older_id, pair->newer_id};
    return pair;
}

void DrawPicks(App& app, const std::vector<Workshop>& workshops) {
    const float left = ImGui::GetCursorPosX();
    const float right = left + ImGui::GetContentRegionAvail().x;
    RowText("Pick two:", theme::kMuted);
    for (size_t i = 0; i < workshops.size(); ++i) {
        const std::string label = WorkshopLabel(workshops[i]);
        const bool chosen = std::find(app.history.picks.begin(), app.history.picks.end(), workshops[i].id) != app.history.picks.end();
        // Wrap to a new line rather than run off the window.
        ImGui::SameLine();
        if (ImGui::GetCursorPosX() + ToggleWidth(label) > right) ImGui::NewLine();
        if (Toggle(app, "review.compare.pick." + std::to_string(i), label, chosen)) TogglePick(app.history.picks, workshops[i].id);
    }
}

int ChangedRows(const ComparisonSection& s) {
    int n = 0;
    for (const auto& row : s.rows) n += row.mark != ChangeMark::Same;
    return n;
}

void DrawSection(App& app, const ComparisonSection& section, const WorkshopRecord& older, const WorkshopRecord& newer) {
    ImGui::PushFont(app.GetFonts().heading);
    ImGui::TextUnformatted(section.title.c_str());
    ImGui::PopFont();
    if (section.rows.empty()) {
        Wrapped("Neither workshop recorded this.", theme::kMuted);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("##compare", 4, flags)) return;
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("before", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("after", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("change", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    const std::string heads[4] = {"", "Before: " + WorkshopLabel(older.workshop), "After: " + WorkshopLabel(newer.workshop), "Change"};
    ImGui::TableNextRow();
    ImGui::PushFont(app.GetFonts().bold);
    for (int c = 0; c < 4; ++c) {
        ImGui::TableSetColumnIndex(c);
        Wrapped(heads[c], theme::kMuted);
    }
    ImGui::PopFont();
    for (size_t i = 0; i < section.rows.size(); ++i) {
        const ComparisonRow& row = section.rows[i];
        const bool changed = row.mark != ChangeMark::Same;
        ImGui::TableNextRow();
        if (changed) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, theme::Rgb(kChangedRow));
        ImGui::TableSetColumnIndex(0);
        Wrapped(row.label);
        ImGui::TableSetColumnIndex(1);
        Wrapped(row.before, changed ? theme::kMuted : theme::kInk);
        ImGui::TableSetColumnIndex(2);
        Wrapped(row.after);
        ImGui::TableSetColumnIndex(3);
        if (changed) ImGui::PushFont(app.GetFonts().bold);
        const std::string mark = ChangeMarkText(row.mark);
        Wrapped(mark, changed ? theme::kInk : theme::kMuted);
        if (changed) ImGui::PopFont();
        RecordReadout(app, "review.compare." + section.key + "." + std::to_string(i),
                      row.label + " | " + row.before + " | " + row.after + " | " + mark);
    }
    ImGui::EndTable();
}
}  // namespace

void DrawReviewCompareScreen(App& app) {
    if (app.IsProjector() || app.IsKiosk()) return app.Show(ScreenId::Home);
    HistoryScratch& h = app.history;
    const Community* community = ReviewedCommunity(app);
    const std::vector<Workshop> workshops = community ? WorkshopsOfCommunity(app, community->id) : std::vector<Workshop>{};
    const bool pressed = DrawReviewHeader(app, "review.compare", "Compare: " + (community ? community->name : std::string("no community")),
                                          community ? "Export the community" : "");
    if (!community) return;
    if (pressed) ExportFromReview(app, community->id, "");
    if (workshops.size() < 2) {
        Wrapped("A comparison needs two workshops of this community; it has " + std::to_string(workshops.size()) + ".",
                theme::kMuted);
        return;
    }
    const std::optional<ComparisonPair> pair = CurrentPair(app, workshops);
    DrawPicks(app, workshops);
    if (!pair) {
        Wrapped("Pick a second workshop to compare with.", theme::kMuted);
        return;
    }
    if (ReviewNeedsLoad(app, "compare:" + pair->older_id + ">" + pair->newer_id)) {
        h.older.reset();
        h.newer.reset();
        h.sections.clear();
        try {
            h.older = LoadWorkshopRecord(*app.Store(), pair->older_id);
            h.newer = LoadWorkshopRecord(*app.Store(), pair->newer_id);
            h.sections = BuildComparison(*h.older, *h.newer);
        } catch (const std::exception& error) {
            app.ShowError(std::string("These workshops could not be read: ") + error.what(), false);
        }
    }
    if (!h.older || !h.newer) return;
    const std::string said = "Before: " + WorkshopLabel(h.older->workshop) + "  \u2192  After: " + WorkshopLabel(h.newer->workshop);
    // The sections, one at a time; each button says how many of its rows changed.
    for (size_t i = 0; i < h.sections.size(); ++i) {
        const ComparisonSection& s = h.sections[i];
        const int changed = ChangedRows(s);
        const std::string label = std::string(ShortTitle(s.key)) + (changed ? " (" + std::to_string(changed) + ")" : "");
        if (i > 0) ImGui::SameLine();
        if (i > 0 && ImGui::GetCursorPosX() + ToggleWidth(label) > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
        if (Toggle(app, "review.compare.section." + s.key, label, h.section == s.key)) h.section = s.key;
    }
    Wrapped(said + "  \u00B7  (n): rows that changed", theme::kMuted);
    RecordReadout(app, "review.compare.pair", said);
    // A body of its own per section, so each opens at its top.
    BeginReviewBody(("##review-compare-" + h.section).c_str());
    for (const ComparisonSection& s : h.sections)
        if (s.key == h.section) DrawSection(app, s, *h.older, *h.newer);
    EndReviewBody();
}

}  // namespace kiosk
