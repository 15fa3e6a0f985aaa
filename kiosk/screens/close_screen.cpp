// Close: the outcome on one screen (panels: stage, roles, rhythm, tasks, commitments, voice; for a renewal
// also the review, the health pulse and what changed), and the button that finishes the workshop.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "facilitation/domain/text.h"
#include "facilitation/domain/recurrence.h"
#include "facilitation/domain/time_util.h"
#include "kiosk/app.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {

std::string LabelOf(const std::vector<PollOption>& options, const std::string& key) {
    for (const auto& o : options)
        if (o.key == key) return o.label;
    return key;
}


std::string Percent(double fraction) { return std::to_string(static_cast<int>(fraction * 100.0 + 0.5)) + "%"; }


// A panel: a bold heading, then items of wrapped text, as many as fit whole. The facilitator's screen ends
// with "… and N more" (each stage's own screen has the detail); the projector shows the whole outcome in
// pages that turn by themselves, so a panel starts where its previous page ended.
struct PanelContent {
    std::string heading;
    std::vector<std::string> lines;
};

// Where each page of a panel starts, for a panel of `size`: at least one page.
std::vector<size_t> PageStarts(App& app, const PanelContent& content, ImVec2 size) {
    ImGui::PushFont(app.GetFonts().bold);
    const float heading = ImGui::GetTextLineHeightWithSpacing();
    ImGui::PopFont();
    const float wrap = size.x - kWrapMargin;  // as Wrapped() wraps
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float more_line = ImGui::GetTextLineHeightWithSpacing();
    std::vector<size_t> starts{0};
    float left = size.y - heading;
    for (size_t i = 0; i < content.lines.size(); ++i) {
        const float needed = ImGui::CalcTextSize(content.lines[i].c_str(), nullptr, false, wrap).y + spacing;
        const float room = left - (i + 1 < content.lines.size() ? more_line : 0.0f);
        if (needed > room && i > starts.back()) {
            starts.push_back(i);
            left = size.y - heading;
        }
        left -= needed;
    }
    return starts;
}

// The longest beginning of `text` that, with "…", wraps at `wrap` within `height`: one item taller than its
// whole panel (a 280-character message at 720p) is shortened rather than cut off mid-line at the panel's edge.
std::string FitText(const std::string& text, float wrap, float height) {
    if (ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y <= height) return text;
    std::vector<size_t> ends;  // byte offsets that end a whole UTF-8 character
    for (size_t i = 1; i <= text.size(); ++i)
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
    size_t low = 0, high = ends.size();  // the answer keeps ends[0..low) characters
    while (low < high) {
        const size_t mid = (low + high + 1) / 2;
        const std::string candidate = text.substr(0, ends[mid - 1]) + "\u2026";
        if (ImGui::CalcTextSize(candidate.c_str(), nullptr, false, wrap).y <= height) low = mid;
        else high = mid - 1;
    }
    return (low ? text.substr(0, ends[low - 1]) : std::string()) + "\u2026";
}

void Panel(App& app, const char* id, const PanelContent& content, ImVec2 size, int page, bool paged) {
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollbar);
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted(content.heading.c_str());
    ImGui::PopFont();
    const auto& lines = content.lines;
    if (lines.empty()) Wrapped("(nothing recorded)", theme::kMuted);
    const std::vector<size_t> starts = PageStarts(app, content, size);
    const size_t shown_page = std::min(static_cast<size_t>(std::max(page, 0)), starts.size() - 1);
    const size_t first = paged ? starts[shown_page] : 0;
    const size_t end = paged && shown_page + 1 < starts.size() ? starts[shown_page + 1] : lines.size();
    const float wrap = WrapWidth();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float more_line = ImGui::GetTextLineHeightWithSpacing();
    for (size_t i = first; i < end; ++i) {
        const float needed = ImGui::CalcTextSize(lines[i].c_str(), nullptr, false, wrap).y + spacing;
        const float left = ImGui::GetContentRegionAvail().y - (i + 1 < lines.size() ? more_line : 0.0f);
        if (needed > left && i > first) {
            Wrapped("\u2026 and " + std::to_string(lines.size() - i) + " more", theme::kMuted);
            break;
        }
        // A quarter line to spare: wrapped text's height is measured in fractions of a pixel, and the panel's
        // edge, in whole pixels, would otherwise make the panel scroll by a pixel.
        const float room = ImGui::GetContentRegionAvail().y - (paged && end < lines.size() ? more_line : 0.0f) - spacing -
                           0.25f * ImGui::GetTextLineHeight();
        Wrapped(needed > left ? FitText(lines[i], wrap, room) : lines[i]);
    }
    if (paged && end < lines.size()) Wrapped("\u2026 " + std::to_string(lines.size() - end) + " more on the next page", theme::kMuted);
    ImGui::EndChild();
}

std::vector<std::string> StageLines(const WorkshopView& view) {
    std::vector<std::string> lines;
    auto describe = [](const PollRecord* p) -> std::string {
        if (!p || p->tally.ballots == 0) return "no vote";
        std::vector<std::string> names;
        for (const auto& key : p->tally.leaders) names.push_back(LabelOf(p->poll.options, key));
        return (p->tally.IsTie() ? "a tie: " : "") + Joined(names, " and ") + " (" + std::to_string(p->tally.MaxVotes()) +
               " of " + std::to_string(p->tally.ballots) + ")";
    };
    lines.push_back("Now: " + describe(view.record.FindPoll(StageKind::StageCheck)));
    if (view.previous) lines.push_back("Last time: " + describe(view.previous->FindPoll(StageKind::StageCheck)));
    return lines;
}

std::string FirstName(const std::string& name) { return name.substr(0, name.find(' ')); }

// Warnings first (they matter most), then each held role with first names, then the vacancies.
std::vector<std::string> RoleLines(const WorkshopView& view) {
    std::vector<std::string> lines, vacant;
    for (const auto& warning : view.record.role_warnings) lines.push_back("\u26A0 " + warning.substr(0, warning.find(':')));
    for (const auto& role : view.record.roles) {
        std::vector<std::string> holders;
        for (const auto& a : view.record.assignments)
            if (a.role_key == role.key) holders.push_back(FirstName(a.member_name));
        if (holders.empty()) vacant.push_back(role.title);
        else lines.push_back(role.title + ": " + Joined(holders));
    }
    if (!vacant.empty()) lines.push_back("Vacant: " + Joined(vacant));
    return lines;
}

std::vector<std::string> RhythmLines(const WorkshopView& view) {
    std::vector<std::string> lines;
    CivilDate from;
    CivilDate::Parse(view.workshop.started_at.substr(0, 10), from);
    for (const auto& d : view.record.rhythm) {
        const auto next = NextOccurrences(d.recurrence, from, 1);
        lines.push_back(d.activity + (next.empty() ? "" : ", next " + next[0].Iso()));
    }
    return lines;
}

std::vector<std::string> TaskLines(const WorkshopView& view) {
    std::vector<std::string> lines;
    if (const auto* tasks = view.record.MainTasks())
        for (size_t i = 0; i < tasks->size(); ++i) {
            const TaskResult& t = (*tasks)[i];
            lines.push_back(std::to_string(i + 1) + ". " + t.task.title + " (" + ToString(t.quadrant) + ")");
        }
    return lines;
}

std::vector<std::string> CommitmentLines(const WorkshopView& view) {
    std::vector<std::string> lines;
    for (const auto& c : view.record.commitments)
    {
        std::vector<std::string> who;
        for (const auto& name : c.member_names) who.push_back(FirstName(name));
        lines.push_back((c.whole_community ? std::string("Everyone") : Joined(who)) + ": " + c.what + " (" + c.due + ")");
    }
    return lines;
}

std::vector<std::string> VoiceLines(const WorkshopView& view) {
    std::vector<std::string> lines;
    for (const auto& v : view.record.voice)
        lines.push_back((v.audience == "sponsor" ? "To our sponsor: " : "To the organization: ") + v.text);
    return lines;
}

// A renewal: the review's kept rate, then what changed since last time, one short line each.
std::vector<std::string> RenewalLines(const WorkshopView& view) {
    std::vector<std::string> lines;
    if (view.record.kept_rate) lines.push_back("Kept: " + Percent(*view.record.kept_rate) + " of commitments reviewed");
    if (!view.changes) return lines;
    const WorkshopChanges& c = *view.changes;
    for (const auto& role : c.roles) {
        if (!role.Changed()) continue;
        // Who joined and who left the role: "Amélie → Bongani" for a hand-over, "+Élodie" for a newcomer.
        std::vector<std::string> joined, left;
        for (const auto& name : role.after)
            if (std::find(role.before.begin(), role.before.end(), name) == role.before.end()) joined.push_back(FirstName(name));
        for (const auto& name : role.before)
            if (std::find(role.after.begin(), role.after.end(), name) == role.after.end()) left.push_back(FirstName(name));
        std::string change;
        if (joined.size() == 1 && left.size() == 1) change = left[0] + " \u2192 " + joined[0];
        else {
            for (const auto& name : joined) change += (change.empty() ? "+" : ", +") + name;
            for (const auto& name : left) change += (change.empty() ? "\u2212" : ", \u2212") + name;
        }
        if (role.after.empty()) change += " (now vacant)";
        lines.push_back(role.title + ": " + change);
    }
    for (const auto& r : c.rhythm_added) lines.push_back("New: " + r.substr(0, r.find(':')));
    for (const auto& r : c.rhythm_removed) lines.push_back("Stopped: " + r.substr(0, r.find(':')));
    for (const auto& t : c.tasks) {
        if (t.before_rank > 0 && t.after_rank > 0 && t.before_quadrant != t.after_quadrant)
            lines.push_back(t.title + ": " + t.before_quadrant + " \u2192 " + t.after_quadrant);
        else if (t.before_rank == 0 && t.after_rank > 0 && t.after_rank <= 3)
            lines.push_back("New task #" + std::to_string(t.after_rank) + ": " + t.title);
    }
    std::vector<HealthChange> health = c.health;
    std::stable_sort(health.begin(), health.end(), [](const HealthChange& a, const HealthChange& b) {
        return a.after.value_or(0) > b.after.value_or(0);
    });
    for (size_t i = 0; i < health.size() && i < 2; ++i)
        if (health[i].after)
            lines.push_back("Threat: " + health[i].label + " " + OneDecimal(*health[i].after) +
                            (health[i].before ? " (was " + OneDecimal(*health[i].before) + ")" : ""));
    return lines;
}

}  // namespace


void DrawCloseScreen(App& app) {
    if (!BeginStage(app)) return;
    const auto& view = *app.Workshop();
    const bool running = app.CanRecord();
    const bool paged = app.IsProjector();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float footer = running ? TouchHeight() + style.ItemSpacing.y : ImGui::GetTextLineHeightWithSpacing();
    const bool renewal = view.workshop.kind == "renewal";
    // Three columns by two rows of panels, each sized to its share of the body.
    const float gap = Em();
    const float panel_width = (avail.x - 2 * gap) / 3.0f;
    const float panel_height = (avail.y - footer - style.ItemSpacing.y) / 2.0f - style.ItemSpacing.y;
    const ImVec2 size(panel_width, panel_height);
    const float tall = avail.y - footer - style.ItemSpacing.y;

    // The panels, in reading order, with their place: (column, row); a renewal's changes run the full height.
    struct Placed {
        const char* id;
        PanelContent content;
        ImVec2 size;
    };
    std::vector<Placed> panels;
    if (renewal) {
        std::vector<std::string> decided = CommitmentLines(view);
        for (const auto& line : VoiceLines(view)) decided.push_back(line);
        panels = {{"##close-stage", {"Where we stand", StageLines(view)}, size},
                  {"##close-roles", {"Roles", RoleLines(view)}, size},
                  {"##close-tasks", {"Energizing tasks", TaskLines(view)}, size},
                  {"##close-commitments", {"Commitments and voice", decided}, size},
                  {"##close-changes", {"Since last time", RenewalLines(view)}, ImVec2(panel_width, tall)}};
    } else {
        panels = {{"##close-stage", {"Where we stand", StageLines(view)}, size},
                  {"##close-roles", {"Roles", RoleLines(view)}, size},
                  {"##close-rhythm", {"Rhythm", RhythmLines(view)}, size},
                  {"##close-tasks", {"Energizing tasks", TaskLines(view)}, size},
                  {"##close-commitments",
                   {"Commitments (" + std::to_string(view.record.commitments.size()) + ")", CommitmentLines(view)}, size},
                  {"##close-voice", {"Our voice", VoiceLines(view)}, size}};
    }
    // The projector turns the pages by itself, so the room sees all of the outcome.
    int pages = 1;
    if (paged)
        for (const auto& p : panels) pages = std::max(pages, static_cast<int>(PageStarts(app, p.content, p.size).size()));
    const int page = TurnedPage(app, pages);
    auto draw = [&](size_t i) { Panel(app, panels[i].id, panels[i].content, panels[i].size, page, paged); };
    if (renewal) {
        ImGui::BeginGroup();
        draw(0);
        draw(1);
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        draw(2);
        draw(3);
        ImGui::EndGroup();
        ImGui::SameLine(0, gap);
        draw(4);
    } else {
        draw(0);
        ImGui::SameLine(0, gap);
        draw(1);
        ImGui::SameLine(0, gap);
        draw(2);
        draw(3);
        ImGui::SameLine(0, gap);
        draw(4);
        ImGui::SameLine(0, gap);
        draw(5);
    }
    if (pages > 1) {
        const std::string where = PageText(page, pages);
        ImGui::TextUnformatted(where.c_str());
        RecordReadout(app, "close.page", where);
    } else if (running) {
        std::string message;
        if (Button(app, "workshop.finish", "\u2713  Finish the workshop"))
            if (!app.Try(message, [&] { app.Store()->FinishWorkshop(view.workshop.id); })) app.ShowError(message, false);
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (TouchHeight() - ImGui::GetTextLineHeight()) * 0.5f);
        Wrapped("Finishing closes any open vote and records the end time.", theme::kMuted);
    } else if (!view.workshop.IsRunning()) {
        Message("Finished on " + view.workshop.ended_at.substr(0, 10) + " at " + view.workshop.ended_at.substr(11, 5) +
                    " UTC. " + std::to_string(view.participants.size()) + " people took part.",
                false);
    }
    EndStage(app);
}

}  // namespace kiosk
