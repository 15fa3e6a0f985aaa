// Review: one workshop's outcome, read-only, in one scrolling page: who took part, the stage check, roles,
// rhythm, tasks, commitments, the review of earlier commitments with its kept rate, the health pulse, voice.
// Readouts: review.outcome.<section> (its heading line, with counts).
#include <imgui.h>

#include <cstdio>

#include "facilitation/domain/text.h"
#include "facilitation/domain/recurrence.h"
#include "facilitation/history.h"
#include "kiosk/app.h"
#include "kiosk/screens/review_common.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {


void Section(App& app, const std::string& key, const std::string& heading, const std::vector<std::string>& lines) {
    ImGui::Spacing();
    ImGui::PushFont(app.GetFonts().bold);
    ImGui::TextUnformatted(heading.c_str());
    ImGui::PopFont();
    RecordReadout(app, "review.outcome." + key, heading);
    if (lines.empty()) Wrapped("(nothing recorded)", theme::kMuted);
    ImGui::Indent(Em());
    for (const auto& line : lines) Wrapped(line);
    ImGui::Unindent(Em());
}

std::string Who(const Commitment& c) { return c.whole_community ? "The whole community" : Joined(c.member_names); }

void DrawOutcome(App& app, const WorkshopRecord& r) {
    std::vector<std::string> people;
    for (const auto& p : r.participants) people.push_back(p.name);
    Section(app, "participants", "Who took part (" + std::to_string(people.size()) + ")",
            people.empty() ? std::vector<std::string>{} : std::vector<std::string>{Joined(people)});

    for (const auto& p : r.polls) {
        if (p.poll.purpose != "main" && p.poll.purpose != "health") continue;
        std::vector<std::string> lines;
        for (const auto& o : p.tally.options) {
            std::string line = o.label + ": ";
            if (p.poll.Kind() == PollKind::Rating) line += o.votes > 0 ? "mean " + OneDecimal(o.Mean()) : "no rating";
            else line += std::to_string(o.votes);
            if (std::find(p.tally.leaders.begin(), p.tally.leaders.end(), o.key) != p.tally.leaders.end() &&
                p.poll.Kind() != PollKind::Rating)
                line += p.tally.IsTie() ? "  (tied lead)" : "  (leading)";
            lines.push_back(line);
        }
        const std::string key = p.poll.purpose == "health" ? "health" : "poll." + p.poll.stage_key;
        Section(app, key, p.poll.question + " (" + std::to_string(p.tally.ballots) + " ballots)", lines);
    }

    std::vector<std::string> roles;
    for (const auto& warning : r.role_warnings) roles.push_back("\u26A0 " + warning);
    for (const auto& role : r.roles) {
        std::vector<std::string> holders;
        for (const auto& a : r.assignments)
            if (a.role_key == role.key) holders.push_back(a.member_name);
        roles.push_back(role.title + ": " + (holders.empty() ? std::string("vacant") : Joined(holders)));
    }
    Section(app, "roles", "Roles", roles);

    std::vector<std::string> rhythm;
    for (const auto& d : r.rhythm)
        rhythm.push_back(d.activity + ": " + Describe(d.recurrence) + " \u00B7 " + d.format + " \u00B7 " + d.membership +
                         (d.convener_name.empty() ? "" : " \u00B7 convened by " + d.convener_name));
    Section(app, "rhythm", "Rhythm", rhythm);

    for (const auto& [stage_key, results] : r.tasks) {
        std::vector<std::string> lines;
        for (size_t i = 0; i < results.size(); ++i) {
            const TaskResult& t = results[i];
            lines.push_back("#" + std::to_string(i + 1) + " " + t.task.title + " \u00B7 " + ToString(t.quadrant) + " \u00B7 " +
                            std::to_string(t.dots) + " dots");
        }
        std::string title = "Tasks";
        for (const auto& s : r.stages)
            if (s.key == stage_key) title = s.title;
        Section(app, "tasks." + stage_key, title + " (" + std::to_string(results.size()) + ")", lines);
    }

    std::vector<std::string> made;
    for (const auto& c : r.commitments) made.push_back(Who(c) + ": " + c.what + " (due " + c.due + ") \u2014 " + StatusWords(c.status));
    Section(app, "commitments", "Commitments made (" + std::to_string(made.size()) + ")", made);

    if (!r.reviewed.empty()) {
        std::vector<std::string> reviewed;
        for (const auto& c : r.reviewed) reviewed.push_back(c.what + " \u2014 " + StatusWords(c.status));
        Section(app, "review", "Earlier commitments reviewed: kept rate " + PercentText(r.kept_rate), reviewed);
    }

    std::vector<std::string> voice;
    for (const auto& v : r.voice) voice.push_back((v.audience == "sponsor" ? "To our sponsor: " : "To the organization: ") + v.text);
    Section(app, "voice", "Voice", voice);
}
}  // namespace

void DrawReviewOutcomeScreen(App& app) {
    if (app.IsProjector() || app.IsKiosk()) return app.Show(ScreenId::Home);
    HistoryScratch& h = app.history;
    if (ReviewNeedsLoad(app, "outcome:" + h.outcome_id)) {
        h.outcome.reset();
        try {
            if (!h.outcome_id.empty()) h.outcome = LoadWorkshopRecord(*app.Store(), h.outcome_id);
        } catch (const std::exception& error) {
            app.ShowError(std::string("This workshop could not be read: ") + error.what(), false);
        }
    }
    if (!h.outcome) {  // gone, or never chosen: back to the list
        app.Show(ScreenId::ReviewList);
        return;
    }
    const WorkshopRecord& r = *h.outcome;
    h.community_id = r.community.id;
    const std::string title = r.community.name + ": " + WorkshopLabel(r.workshop);
    if (DrawReviewHeader(app, "review.outcome", title, "Export this workshop"))
        ExportFromReview(app, r.community.id, r.workshop.id);
    Wrapped(r.workshop.template_name + " \u00B7 started " + r.workshop.started_at.substr(0, 16) + " UTC" +
                (r.workshop.IsRunning() ? " \u00B7 still running: the outcome so far"
                                        : " \u00B7 finished " + r.workshop.ended_at.substr(0, 16) + " UTC"),
            theme::kMuted);
    BeginReviewBody("##review-outcome");
    DrawOutcome(app, r);
    EndReviewBody();
}

}  // namespace kiosk
