// What the Review screens share. Sections: 1. the community and its workshops · 2. loading · 3. the header ·
// 4. exporting · 5. the body.
#include "kiosk/screens/review_common.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>

#include "facilitation/export/export.h"
#include "kiosk/app.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;
namespace fs = std::filesystem;

// ---- 1. The community and its workshops ----------------------------------------------------------
const Community* ReviewedCommunity(App& app) {
    const auto& communities = app.Communities();
    for (const Community& c : communities)
        if (c.id == app.history.community_id) return &c;
    if (communities.empty()) return nullptr;
    app.history.community_id = communities.front().id;
    return &communities.front();
}

std::vector<Workshop> WorkshopsOfCommunity(App& app, const std::string& community_id) {
    std::vector<Workshop> workshops;
    for (const auto& summary : app.Workshops())  // newest first
        if (summary.workshop.community_id == community_id) workshops.push_back(summary.workshop);
    return workshops;
}

std::string WorkshopLabel(const Workshop& workshop) {
    std::string kind = workshop.kind.empty() ? std::string("Workshop") : workshop.kind;
    kind[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(kind[0])));
    return kind + " \u00B7 " + workshop.started_at.substr(0, 10) + (workshop.IsRunning() ? " \u00B7 running" : "");
}

// ---- 2. Loading -------------------------------------------------------------------------------------
bool ReviewNeedsLoad(App& app, const std::string& key) {
    HistoryScratch& h = app.history;
    if (h.loaded_key == key && h.loaded_version == app.ReloadCount()) return false;
    h.loaded_key = key;
    h.loaded_version = app.ReloadCount();
    return true;
}

// ---- 3. The header -------------------------------------------------------------------------------------
namespace {
float ButtonWidth(const std::string& label) { return ImGui::CalcTextSize(label.c_str()).x + 2.0f * Em(); }  // as Button sizes it
}  // namespace

bool DrawReviewHeader(App& app, const std::string& here, const std::string& title, const std::string& export_label) {
    const auto& view = app.Workshop();
    const bool running = view && view->workshop.IsRunning();
    const float left = ImGui::GetCursorPosX();
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string back = view ? (running ? "\u25C0  Back to the workshop" : "\u25C0  Back to the outcome") : "\u25C0  Home";
    if (Button(app, "review.back", back, ImVec2(0, 0), ButtonStyle::Secondary)) app.LeaveReview();
    struct View {
        const char* id;
        const char* label;
        ScreenId screen;
    };
    const View views[] = {{"review.tolist", "Workshops", ScreenId::ReviewList},
                          {"review.compare", "Compare", ScreenId::ReviewCompare},
                          {"review.ledger", "Ledger", ScreenId::ReviewLedger}};
    for (const View& v : views) {
        ImGui::SameLine();
        if (Toggle(app, v.id, v.label, here == v.id)) app.Show(v.screen);
    }
    const std::string export_text = "\u21E9  " + export_label;
    ImGui::SameLine(left + width - ButtonWidth(export_text));
    const bool export_pressed = Button(app, "review.export", export_text, ImVec2(0, 0), ButtonStyle::Primary, !export_label.empty());

    ImGui::PushFont(app.GetFonts().heading);
    ImGui::PushTextWrapPos(left + width);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    RecordReadout(app, "review.title", title);
    if (running) {
        const int stage = view->workshop.current_stage;
        std::string where = "\u25B6 The " + view->workshop.template_name + " of " + view->community.name + " keeps running";
        if (stage >= 0 && stage < static_cast<int>(view->stages.size()))
            where += " at stage " + std::to_string(stage + 1) + ": " + view->stages[static_cast<size_t>(stage)].title;
        Wrapped(where + ". Nothing here changes it.", theme::kMuted);
        RecordReadout(app, "review.running", where);
    }
    HistoryScratch& h = app.history;
    if (!h.export_message.empty()) {
        Message(h.export_message, h.export_error);
        RecordReadout(app, "review.export.result", h.export_message);
        if (!h.export_files.empty()) {
            std::string files;
            for (const auto& f : h.export_files) files += (files.empty() ? "" : ", ") + f;
            Wrapped(files, theme::kMuted);
            RecordReadout(app, "review.export.files", files);
        }
    }
    ImGui::Separator();
    return export_pressed;
}

// ---- 4. Exporting -------------------------------------------------------------------------------------
void ExportFromReview(App& app, const std::string& community_id, const std::string& workshop_id) {
    HistoryScratch& h = app.history;
    h.export_files.clear();
    fs::path folder = fs::path(app.Options().db_path).parent_path();
    if (folder.empty()) folder = ".";
    std::error_code ignored;
    const fs::path base = fs::absolute(folder, ignored) / "cop-kiosk-exports";
    try {
        std::string name;
        exporting::Selection selection;
        if (workshop_id.empty()) {
            selection.workshop = "all";
            selection.community = community_id;
            name = exporting::Slug(app.Store()->GetCommunity(community_id).name) + "-all";
        } else {
            selection.workshop = workshop_id;
            const Workshop w = app.Store()->GetWorkshop(workshop_id);
            name = exporting::WorkshopFolderName(app.Store()->GetCommunity(w.community_id), w);
        }
        // A new folder each time, named by the local time: an earlier export is never overwritten.
        char stamp[32];
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        localtime_r(&now, &tm);
        std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        fs::path out = base / (std::string(stamp) + "-" + name);
        for (int n = 2; fs::exists(out); ++n) out = base / (std::string(stamp) + "-" + name + "-" + std::to_string(n));
        const exporting::ExportReport report = exporting::RunExport(*app.Store(), selection, out, exporting::FormatSet{});
        for (const auto& entry : fs::recursive_directory_iterator(out))
            if (entry.is_regular_file()) h.export_files.push_back(fs::relative(entry.path(), out).string());
        std::sort(h.export_files.begin(), h.export_files.end());
        h.export_message = "Exported " + std::to_string(h.export_files.size()) + " files (" +
                           std::to_string(report.folders.size()) + " workshop" + (report.folders.size() == 1 ? "" : "s") +
                           ") to " + out.string();
        h.export_error = false;
    } catch (const std::exception& error) {
        h.export_message = std::string("The export could not be written: ") + error.what() +
                           ". Make sure the folder " + base.string() +
                           " can be written (or free some disk space), then press Export again; or export from a "
                           "terminal with: cop-kiosk export --db <database> --workshop all --out <folder>.";
        h.export_error = true;
    }
}

// ---- 5. The body ---------------------------------------------------------------------------------------
void BeginReviewBody(const char* id) {
    ImGui::Spacing();
    ImGui::BeginChild(id, ImVec2(0, 0), false);
}

void EndReviewBody() { ImGui::EndChild(); }

}  // namespace kiosk
