// outcome.html: one self-contained page (no script, no link, no external file or URL) that reads on a screen
// and prints to PDF from a browser. Charts are inline SVG: a bar chart for every poll and the
// energy/importance quadrant chart for every tasks stage. Every text people typed goes through HtmlEscape.
// Sections: style · helpers · bar charts · quadrant chart · the page.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "facilitation/domain/decisions.h"
#include "facilitation/domain/recurrence.h"
#include "facilitation/export/export.h"
#include "facilitation/export/text.h"

namespace facilitation::exporting {
namespace {

// ---- Style: Okabe-Ito blue and vermillion, black text; print drops backgrounds and keeps charts whole. ----
constexpr const char* kStyle = R"(
:root { --ink: #111; --muted: #444; --bar: #0072B2; --accent: #D55E00; --line: #bbb; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: var(--ink); margin: 2em auto;
       max-width: 60em; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid var(--bar); margin-top: 1.6em; padding-bottom: .1em; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
.meta { color: var(--muted); margin: .2em 0; }
.text { white-space: pre-line; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .25em .5em; }
th { font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: .6em 0 1.2em; }
figcaption { font-weight: 600; margin-bottom: .3em; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { fill: var(--ink); font-size: 13px; }
.bar { fill: var(--bar); }
.lead { fill: var(--accent); }
.axis { stroke: var(--muted); stroke-width: 1; }
.grid { stroke: var(--line); stroke-width: 1; stroke-dasharray: 4 3; }
.point { fill: var(--bar); stroke: #fff; stroke-width: 1.5; }
.point-label { fill: #fff; font-size: 11px; font-weight: 700; }
.quadrant-name { fill: var(--muted); font-size: 12px; font-style: italic; }
.warning { border-left: 4px solid var(--accent); padding: .2em .6em; }
footer { margin-top: 2em; color: var(--muted); font-size: .9em; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, table, section.block { break-inside: avoid; page-break-inside: avoid; }
  .bar, .point { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)";

// ---- Helpers ----------------------------------------------------------------------------
std::string H(const std::string& text) { return HtmlEscape(text); }

std::string Number(double value, int decimals = 1) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// At most `max` code points, with an ellipsis when cut: SVG text does not wrap. The full text goes in <title>.
std::string Shorten(const std::string& text, size_t max) {
    size_t count = 0, i = 0;
    while (i < text.size()) {
        if (count == max) return text.substr(0, i) + "\xE2\x80\xA6";
        const auto lead = static_cast<unsigned char>(text[i]);
        i += (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
        ++count;
    }
    return text;
}

// One line for SVG text: line breaks become spaces.
std::string OneLine(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

// ---- Bar charts -------------------------------------------------------------------------------
// Horizontal bars, one per option: single-choice votes and dots from zero; ratings from the scale's low end,
// or from zero when the scale crosses it (energy -2..+2). The leader's bar is vermillion and says "leading".
std::string PollChart(const PollRecord& p) {
    constexpr int kLabelWidth = 300, kBarWidth = 280, kValueWidth = 170, kRow = 26, kTop = 8;
    const Poll& poll = p.poll;
    const bool rating = poll.Kind() == PollKind::Rating;
    const int rows = static_cast<int>(p.tally.options.size());
    const int width = kLabelWidth + kBarWidth + kValueWidth;
    const int height = kTop * 2 + rows * kRow + (rating ? 18 : 0);
    double low = 0, high = std::max(1, p.tally.MaxVotes());
    if (rating) {
        low = poll.scale_min;
        high = poll.scale_max;
        if (high <= low) high = low + 1;
    }
    const double origin = rating && low < 0 && high > 0 ? 0 : low;
    auto x = [&](double value) { return kLabelWidth + (value - low) / (high - low) * kBarWidth; };
    std::ostringstream svg;
    svg << "<svg viewBox=\"0 0 " << width << ' ' << height << "\" width=\"" << width << "\" height=\"" << height
        << "\" role=\"img\" aria-label=\"" << H(OneLine(poll.question)) << "\">\n";
    for (int i = 0; i < rows; ++i) {
        const OptionCount& o = p.tally.options[static_cast<size_t>(i)];
        const int y = kTop + i * kRow;
        const bool leading = std::find(p.tally.leaders.begin(), p.tally.leaders.end(), o.key) != p.tally.leaders.end();
        std::string value;
        double amount = origin;
        if (rating) {
            if (o.votes) amount = o.Mean();
            value = o.votes ? "mean " + Number(o.Mean(), 2) + " (" + std::to_string(o.votes) + ")" : "not rated";
        } else {
            amount = o.votes;
            value = std::to_string(o.votes) + (poll.Kind() == PollKind::Dots ? (o.votes == 1 ? " dot" : " dots")
                                                                              : (o.votes == 1 ? " vote" : " votes"));
        }
        if (leading) value += p.tally.IsTie() ? ", tied first" : ", leading";
        const double x0 = std::min(x(origin), x(amount)), x1 = std::max(x(origin), x(amount));
        svg << "<g><title>" << H(o.label) << ": " << H(value) << "</title>"
            << "<text x=\"" << kLabelWidth - 8 << "\" y=\"" << y + 17 << "\" text-anchor=\"end\">"
            << H(Shorten(OneLine(o.label), 38)) << "</text>"
            << "<rect class=\"" << (leading ? "lead" : "bar") << "\" x=\"" << Number(x0) << "\" y=\"" << y + 4
            << "\" width=\"" << Number(std::max(x1 - x0, 1.0)) << "\" height=\"" << kRow - 8 << "\"/>"
            << "<text x=\"" << kLabelWidth + kBarWidth + 8 << "\" y=\"" << y + 17 << "\">" << H(value) << "</text></g>\n";
    }
    svg << "<line class=\"axis\" x1=\"" << Number(x(origin)) << "\" y1=\"" << kTop << "\" x2=\"" << Number(x(origin))
        << "\" y2=\"" << kTop + rows * kRow << "\"/>\n";
    if (rating) {
        const int y = kTop + rows * kRow + 14;
        svg << "<text x=\"" << kLabelWidth << "\" y=\"" << y << "\" text-anchor=\"start\">" << poll.scale_min << "</text>"
            << "<text x=\"" << kLabelWidth + kBarWidth << "\" y=\"" << y << "\" text-anchor=\"end\">" << poll.scale_max
            << "</text>\n";
    }
    svg << "</svg>";
    return svg.str();
}

// ---- The quadrant chart ------------------------------------------------------------------------------
// Energy (-2 draining .. +2 energizing) across, importance to the organization (1..3) up; dashed lines at the
// rules' thresholds; each rated task a numbered dot, the numbers being the ranks listed under the chart.
std::string QuadrantChart(const std::vector<TaskResult>& tasks) {
    constexpr int kLeft = 60, kTop = 16, kWidth = 480, kHeight = 300, kBottom = 46;
    auto x = [&](double energy) { return kLeft + (energy + 2.0) / 4.0 * kWidth; };
    auto y = [&](double importance) { return kTop + (3.0 - importance) / 2.0 * kHeight; };
    std::ostringstream svg;
    svg << "<svg viewBox=\"0 0 " << kLeft + kWidth + 20 << ' ' << kTop + kHeight + kBottom << "\" width=\""
        << kLeft + kWidth + 20 << "\" height=\"" << kTop + kHeight + kBottom
        << "\" role=\"img\" aria-label=\"Tasks by energy and importance\">\n";
    svg << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << kWidth << "\" height=\"" << kHeight
        << "\" fill=\"none\" class=\"axis\"/>\n";
    svg << "<line class=\"grid\" x1=\"" << Number(x(kEnergizingAbove)) << "\" y1=\"" << kTop << "\" x2=\""
        << Number(x(kEnergizingAbove)) << "\" y2=\"" << kTop + kHeight << "\"/>\n";
    svg << "<line class=\"grid\" x1=\"" << kLeft << "\" y1=\"" << Number(y(kImportantFrom)) << "\" x2=\""
        << kLeft + kWidth << "\" y2=\"" << Number(y(kImportantFrom)) << "\"/>\n";
    svg << "<text class=\"quadrant-name\" x=\"" << kLeft + kWidth - 6 << "\" y=\"" << kTop + 16
        << "\" text-anchor=\"end\">take on</text>\n"
        << "<text class=\"quadrant-name\" x=\"" << kLeft + 6 << "\" y=\"" << kTop + 16 << "\">support needed</text>\n"
        << "<text class=\"quadrant-name\" x=\"" << kLeft + kWidth - 6 << "\" y=\"" << kTop + kHeight - 8
        << "\" text-anchor=\"end\">learning</text>\n"
        << "<text class=\"quadrant-name\" x=\"" << kLeft + 6 << "\" y=\"" << kTop + kHeight - 8 << "\">drop</text>\n";
    for (int e = -2; e <= 2; ++e)
        svg << "<text x=\"" << Number(x(e)) << "\" y=\"" << kTop + kHeight + 16 << "\" text-anchor=\"middle\">"
            << (e > 0 ? "+" : "") << e << "</text>";
    for (int i = 1; i <= 3; ++i)
        svg << "<text x=\"" << kLeft - 8 << "\" y=\"" << Number(y(i) + 4) << "\" text-anchor=\"end\">" << i << "</text>";
    svg << "\n<text x=\"" << kLeft + kWidth / 2 << "\" y=\"" << kTop + kHeight + 36
        << "\" text-anchor=\"middle\">energy for members (draining to energizing)</text>\n";
    svg << "<text transform=\"translate(14 " << kTop + kHeight / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
           "importance</text>\n";
    for (size_t i = 0; i < tasks.size(); ++i) {
        const TaskResult& t = tasks[i];
        if (!t.energy_mean || !t.importance_mean) continue;
        const double cx = x(*t.energy_mean), cy = y(*t.importance_mean);
        svg << "<g><title>" << i + 1 << ". " << H(t.task.title) << ": energy " << Number(*t.energy_mean, 2)
            << ", importance " << Number(*t.importance_mean, 2) << ", " << ToString(t.quadrant) << "</title>"
            << "<circle class=\"point\" cx=\"" << Number(cx) << "\" cy=\"" << Number(cy) << "\" r=\"11\"/>"
            << "<text class=\"point-label\" x=\"" << Number(cx) << "\" y=\"" << Number(cy + 4)
            << "\" text-anchor=\"middle\">" << i + 1 << "</text></g>\n";
    }
    svg << "</svg>";
    return svg.str();
}

std::string NameList(const std::vector<std::string>& names, const std::string& empty) {
    std::vector<std::string> escaped;
    for (const auto& n : names) escaped.push_back(H(n));
    return JoinAnd(escaped, empty);
}

}  // namespace

// ---- The page ---------------------------------------------------------------------------------
std::string RenderHtml(const ExportData& d) {
    const WorkshopRecord& r = d.record;
    const Workshop& w = r.workshop;
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>" << H(OneLine(r.community.name)) << ": " << H(w.kind) << " workshop of "
         << w.started_at.substr(0, 10) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    html << "<header>\n<h1 class=\"text\">" << H(r.community.name) << "</h1>\n";
    html << "<p class=\"meta\">" << H(w.template_name.empty() ? w.template_key : w.template_name) << " (" << H(w.kind)
         << "), started " << w.started_at << ", "
         << (w.IsRunning() ? std::string("still in progress") : "ended " + w.ended_at) << ". Workshop " << w.id
         << ".</p>\n";
    html << "<p class=\"text\"><strong>Domain:</strong> "
         << (r.community.domain.empty() ? std::string("not stated") : H(r.community.domain)) << "</p>\n</header>\n";

    html << "<section class=\"block\" id=\"participants\">\n<h2>Participants (" << r.participants.size() << ")</h2>\n<p class=\"text\">";
    std::vector<std::string> names;
    for (const Participant& p : r.participants) names.push_back(p.name);
    html << NameList(names, "Nobody checked in.") << "</p>\n</section>\n";

    html << "<section id=\"polls\">\n<h2>Polls</h2>\n";
    if (r.polls.empty()) html << "<p>No poll.</p>\n";
    for (const PollRecord& p : r.polls) {
        html << "<figure>\n<figcaption><span class=\"text\">" << H(p.poll.question) << "</span><br><span class=\"meta\">"
             << H(p.poll.stage_key) << ", " << p.poll.kind << " poll, " << (p.poll.anonymous ? "anonymous" : "named")
             << ", " << ToString(p.poll.status) << ", " << p.tally.ballots << (p.tally.ballots == 1 ? " ballot" : " ballots")
             << "</span></figcaption>\n"
             << PollChart(p) << "\n</figure>\n";
    }
    html << "</section>\n";

    html << "<section class=\"block\" id=\"roles\">\n<h2>Roles</h2>\n<table>\n<tr><th>Role</th><th>Held by</th></tr>\n";
    for (const RoleDefinition& role : r.roles) {
        std::vector<std::string> holders;
        for (const RoleAssignment& a : r.assignments)
            if (a.role_key == role.key) holders.push_back(a.member_name);
        html << "<tr><td>" << H(role.title) << "</td><td class=\"text\">" << NameList(holders, "<em>vacant</em>")
             << "</td></tr>\n";
    }
    html << "</table>\n";
    for (const std::string& warning : r.role_warnings) html << "<p class=\"warning text\">Warning: " << H(warning) << "</p>\n";
    html << "</section>\n";

    html << "<section class=\"block\" id=\"rhythm\">\n<h2>Rhythm</h2>\n";
    if (r.rhythm.empty()) html << "<p>No rhythm decided.</p>\n";
    else html << "<table>\n<tr><th>Activity</th><th>When</th><th>Format</th><th>Convener</th><th>Next</th></tr>\n";
    CivilDate from;
    CivilDate::Parse(w.started_at.substr(0, 10), from);
    for (const RhythmDecision& decision : r.rhythm) {
        std::vector<std::string> next;
        for (const CivilDate& date : NextOccurrences(decision.recurrence, from, 3)) next.push_back(date.Iso());
        html << "<tr><td class=\"text\">" << H(decision.activity) << "</td><td>" << H(Describe(decision.recurrence))
             << "</td><td>" << H(decision.format) << ", " << H(decision.membership) << "</td><td class=\"text\">"
             << (decision.convener_name.empty() ? std::string("nobody named") : H(decision.convener_name)) << "</td><td>"
             << JoinAnd(next, "none") << "</td></tr>\n";
    }
    if (!r.rhythm.empty()) html << "</table>\n";
    html << "</section>\n";

    for (const Stage& s : r.stages) {
        auto it = r.tasks.find(s.key);
        if (it == r.tasks.end()) continue;
        html << "<section id=\"tasks-" << H(s.key) << "\">\n<h2>" << H(s.title) << "</h2>\n";
        if (it->second.empty()) {
            html << "<p>No task proposed.</p>\n</section>\n";
            continue;
        }
        html << "<figure>\n<figcaption>Energy and importance</figcaption>\n" << QuadrantChart(it->second)
             << "\n</figure>\n<table>\n<tr><th>#</th><th>Task</th><th>Dots</th><th>Energy</th><th>Importance</th>"
                "<th>Quadrant</th></tr>\n";
        for (size_t i = 0; i < it->second.size(); ++i) {
            const TaskResult& t = it->second[i];
            html << "<tr><td class=\"num\">" << i + 1 << "</td><td class=\"text\">" << H(t.task.title)
                 << "</td><td class=\"num\">" << t.dots << "</td><td class=\"num\">" << FormatOptional(t.energy_mean)
                 << "</td><td class=\"num\">" << FormatOptional(t.importance_mean) << "</td><td>" << ToString(t.quadrant)
                 << "</td></tr>\n";
        }
        html << "</table>\n</section>\n";
    }

    html << "<section class=\"block\" id=\"commitments\">\n<h2>Commitments</h2>\n";
    if (r.commitments.empty()) html << "<p>No commitment made.</p>\n";
    else html << "<table>\n<tr><th>What</th><th>Who</th><th>Due</th><th>Status</th></tr>\n";
    for (const Commitment& c : r.commitments)
        html << "<tr><td class=\"text\">" << H(c.what) << "</td><td class=\"text\">"
             << (c.whole_community ? std::string("the whole community") : NameList(c.member_names, "nobody named"))
             << (c.role_key.empty() ? std::string() : " (" + H(c.role_key) + ")") << "</td><td>" << c.due << "</td><td>"
             << ToString(c.status) << "</td></tr>\n";
    if (!r.commitments.empty()) html << "</table>\n";
    html << "</section>\n";

    if (!r.reviewed.empty()) {
        html << "<section class=\"block\" id=\"review\">\n<h2>Review of earlier commitments</h2>\n<table>\n"
                "<tr><th>What</th><th>Due</th><th>Outcome</th></tr>\n";
        for (const Commitment& c : r.reviewed)
            html << "<tr><td class=\"text\">" << H(c.what) << "</td><td>" << c.due << "</td><td>"
                 << (c.reviewed_in_workshop_id == w.id ? ToString(c.status) : "not reviewed yet") << "</td></tr>\n";
        html << "</table>\n";
        if (r.kept_rate) html << "<p>Kept: " << Percent(*r.kept_rate) << "</p>\n";
        html << "</section>\n";
    }

    html << "<section class=\"block\" id=\"voice\">\n<h2>Voice</h2>\n";
    if (r.voice.empty()) html << "<p>Nothing recorded.</p>\n";
    for (const VoiceItem& v : r.voice)
        html << "<p class=\"text\"><strong>To the " << H(v.audience) << ":</strong> " << H(v.text) << "</p>\n";
    html << "</section>\n";

    if (d.changes) {
        const WorkshopChanges& c = *d.changes;
        html << "<section class=\"block\" id=\"changes\">\n<h2>Since the previous workshop</h2>\n<ul>\n";
        html << "<li>Stage of development: " << NameList(c.stage_before, "no vote") << " then "
             << NameList(c.stage_after, "no vote") << "</li>\n";
        for (const RoleChange& role : c.roles)
            if (role.Changed())
                html << "<li class=\"text\">" << H(role.title) << ": " << NameList(role.before, "vacant") << " then "
                     << NameList(role.after, "vacant") << "</li>\n";
        for (const auto& added : c.rhythm_added) html << "<li class=\"text\">Rhythm added: " << H(added) << "</li>\n";
        for (const auto& removed : c.rhythm_removed) html << "<li class=\"text\">Rhythm dropped: " << H(removed) << "</li>\n";
        for (const TaskChange& t : c.tasks)
            html << "<li class=\"text\">Task " << H(t.title) << ": "
                 << (t.before_rank ? "rank " + std::to_string(t.before_rank) : std::string("new")) << " then "
                 << (t.after_rank ? "rank " + std::to_string(t.after_rank) : std::string("not on the list")) << "</li>\n";
        html << "</ul>\n</section>\n";
    }
    html << "<footer>Exported by cop-kiosk. The full record is in outcome.json (format cop-kiosk.outcome/1).</footer>\n"
         << "</body>\n</html>\n";
    return html.str();
}

}  // namespace facilitation::exporting
