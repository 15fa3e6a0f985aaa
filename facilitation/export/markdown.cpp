// outcome.md: the workshop on one readable page. Every text people typed goes through MarkdownEscape.
// Sections follow the workshop: header · participants · stage check and other polls · roles · rhythm · tasks ·
// commitments · review · health · voice · changes since the previous workshop.
#include <sstream>

#include "facilitation/domain/recurrence.h"
#include "facilitation/export/export.h"
#include "facilitation/export/text.h"

namespace facilitation::exporting {
namespace {
std::string E(const std::string& text) { return MarkdownEscape(text); }

std::string PollLine(const Poll& poll, const OptionCount& o, const Tally& tally) {
    std::string line = "- " + E(o.label) + ": ";
    switch (poll.Kind()) {
        case PollKind::Single: line += std::to_string(o.votes) + (o.votes == 1 ? " vote" : " votes"); break;
        case PollKind::Dots: line += std::to_string(o.votes) + (o.votes == 1 ? " dot" : " dots"); break;
        case PollKind::Rating:
            line += o.votes ? "mean " + FormatDecimal(o.Mean()) + " from " + std::to_string(o.votes) + " ratings"
                            : "not rated";
            break;
    }
    for (const auto& leader : tally.leaders)
        if (leader == o.key) line += tally.IsTie() ? " **(tied first)**" : " **(leading)**";
    return line + "\n";
}

std::string Names(const std::vector<std::string>& names, const std::string& empty) {
    std::vector<std::string> escaped;
    for (const auto& n : names) escaped.push_back(E(n));
    return JoinAnd(escaped, empty);
}
}  // namespace

std::string RenderMarkdown(const ExportData& d) {
    const WorkshopRecord& r = d.record;
    const Workshop& w = r.workshop;
    std::ostringstream md;
    md << "# Workshop outcome: " << E(w.kind) << " workshop of " << w.started_at.substr(0, 10) << "\n\n";
    md << "- **Community:** " << E(r.community.name) << "\n";
    md << "- **Domain:** " << (r.community.domain.empty() ? "not stated" : E(r.community.domain)) << "\n";
    md << "- **Workshop:** " << E(w.template_name.empty() ? w.template_key : w.template_name) << ", started "
       << w.started_at << ", " << (w.IsRunning() ? "still in progress" : "ended " + w.ended_at) << "\n";
    md << "- **Workshop id:** " << w.id << "\n";
    if (!w.previous_workshop_id.empty()) md << "- **Previous workshop:** " << w.previous_workshop_id << "\n";
    md << "\n## Participants (" << r.participants.size() << ")\n\n";
    std::vector<std::string> names;
    for (const Participant& p : r.participants) names.push_back(p.name);
    md << Names(names, "Nobody checked in.") << "\n";

    md << "\n## Polls\n";
    if (r.polls.empty()) md << "\nNo poll.\n";
    for (const PollRecord& p : r.polls) {
        md << "\n### " << E(p.poll.question) << "\n\n";
        md << "*" << E(p.poll.stage_key) << ", " << p.poll.kind << " poll, "
           << (p.poll.anonymous ? "anonymous" : "named") << ", " << ToString(p.poll.status) << ", "
           << p.tally.ballots << (p.tally.ballots == 1 ? " ballot" : " ballots") << "*\n\n";
        for (const OptionCount& o : p.tally.options) md << PollLine(p.poll, o, p.tally);
    }

    md << "\n## Roles\n\n";
    for (const RoleDefinition& role : r.roles) {
        std::vector<std::string> holders;
        for (const RoleAssignment& a : r.assignments)
            if (a.role_key == role.key) holders.push_back(a.member_name);
        md << "- **" << E(role.title) << ":** " << Names(holders, "*vacant*") << "\n";
    }
    for (const std::string& warning : r.role_warnings) md << "\n> Warning: " << E(warning) << "\n";

    md << "\n## Rhythm\n\n";
    if (r.rhythm.empty()) md << "No rhythm decided.\n";
    CivilDate from;
    CivilDate::Parse(w.started_at.substr(0, 10), from);
    for (const RhythmDecision& decision : r.rhythm) {
        std::vector<std::string> next;
        for (const CivilDate& date : NextOccurrences(decision.recurrence, from, 3)) next.push_back(date.Iso());
        md << "- **" << E(decision.activity) << "**: " << E(Describe(decision.recurrence)) << "; " << decision.format
           << ", " << decision.membership << " membership";
        if (!decision.convener_name.empty()) md << ", convened by " << E(decision.convener_name);
        md << ". Next: " << JoinAnd(next, "none") << ".\n";
    }

    for (const Stage& s : r.stages) {
        auto it = r.tasks.find(s.key);
        if (it == r.tasks.end()) continue;
        md << "\n## " << E(s.title) << "\n\n";
        if (it->second.empty()) md << "No task proposed.\n";
        for (size_t i = 0; i < it->second.size(); ++i) {
            const TaskResult& t = it->second[i];
            md << i + 1 << "\\. " << E(t.task.title) << ": " << t.dots << (t.dots == 1 ? " dot" : " dots")
               << ", energy " << FormatOptional(t.energy_mean) << ", importance " << FormatOptional(t.importance_mean)
               << ": **" << ToString(t.quadrant) << "**\n";
        }
    }

    md << "\n## Commitments\n\n";
    if (r.commitments.empty()) md << "No commitment made.\n";
    for (const Commitment& c : r.commitments) {
        md << "- " << E(c.what) << ": "
           << (c.whole_community ? std::string("the whole community") : Names(c.member_names, "nobody named"))
           << ", due " << c.due;
        if (!c.role_key.empty()) md << " (" << E(c.role_key) << ")";
        md << "; " << ToString(c.status) << "\n";
    }

    if (!r.reviewed.empty()) {
        md << "\n## Review of earlier commitments\n\n";
        for (const Commitment& c : r.reviewed)
            md << "- " << E(c.what) << ", due " << c.due << ": "
               << (c.reviewed_in_workshop_id == w.id ? ToString(c.status) : "not reviewed yet") << "\n";
        if (r.kept_rate) md << "\nKept: " << Percent(*r.kept_rate) << "\n";
    }

    if (const PollRecord* pulse = r.FindPoll(StageKind::Health, "health")) {
        md << "\n## Health pulse (1 = fine, 5 = a real problem)\n\n";
        for (const OptionCount& o : pulse->tally.options)
            md << "- " << E(o.label) << ": " << (o.votes ? FormatDecimal(o.Mean()) : std::string("not rated")) << "\n";
    }

    md << "\n## Voice\n\n";
    if (r.voice.empty()) md << "Nothing recorded.\n";
    for (const VoiceItem& v : r.voice) md << "- **To the " << E(v.audience) << ":** " << E(v.text) << "\n";

    if (d.changes) {
        const WorkshopChanges& c = *d.changes;
        md << "\n## Since the previous workshop\n\n";
        md << "- Stage of development: " << Names(c.stage_before, "no vote") << " then " << Names(c.stage_after, "no vote")
           << "\n";
        for (const RoleChange& role : c.roles)
            if (role.Changed())
                md << "- " << E(role.title) << ": " << Names(role.before, "vacant") << " then "
                   << Names(role.after, "vacant") << "\n";
        for (const auto& added : c.rhythm_added) md << "- Rhythm added: " << E(added) << "\n";
        for (const auto& removed : c.rhythm_removed) md << "- Rhythm dropped: " << E(removed) << "\n";
        for (const TaskChange& t : c.tasks) {
            md << "- Task " << E(t.title) << ": ";
            md << (t.before_rank ? "rank " + std::to_string(t.before_rank) : std::string("new"));
            md << " then " << (t.after_rank ? "rank " + std::to_string(t.after_rank) : std::string("not on the list"))
               << "\n";
        }
    }
    md << "\n---\n\nExported by cop-kiosk. The full record is in outcome.json (format cop-kiosk.outcome/1).\n";
    return md.str();
}

}  // namespace facilitation::exporting
