// The CSV files of one workshop: participants, roles, rhythm, tasks, votes and commitments (csv.h for the
// dialect). Ids, dates and numbers are written as values; everything people typed as neutralised text.
#include <map>

#include "facilitation/domain/recurrence.h"
#include "facilitation/export/csv.h"
#include "facilitation/export/export.h"
#include "facilitation/export/text.h"

namespace facilitation::exporting {
namespace {

CsvCell Optional(const std::optional<double>& value) { return value ? Number(*value) : Value(""); }
CsvCell YesNo(bool value) { return Value(value ? "yes" : "no"); }

std::string TimeOfDay(int minutes) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
    return text;
}

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
    return out;
}

std::string Participants(const ExportData& d) {
    CsvTable table({"member_id", "name", "checked_in_at", "roles"});
    for (const Participant& p : d.record.participants) {
        std::vector<std::string> roles;
        for (const RoleDefinition& role : d.record.roles)
            for (const RoleAssignment& a : d.record.assignments)
                if (a.role_key == role.key && a.member_id == p.id) roles.push_back(role.key);
        table.Add({Value(p.id), Text(p.name), Value(p.checked_in_at), Value(Join(roles, " "))});
    }
    return table.Render();
}

std::string Roles(const ExportData& d) {
    CsvTable table({"role", "title", "member_id", "member_name", "vacant"});
    for (const RoleDefinition& role : d.record.roles) {
        bool held = false;
        for (const RoleAssignment& a : d.record.assignments) {
            if (a.role_key != role.key) continue;
            held = true;
            table.Add({Value(role.key), Text(role.title), Value(a.member_id), Text(a.member_name), YesNo(false)});
        }
        if (!held) table.Add({Value(role.key), Text(role.title), Value(""), Value(""), YesNo(true)});
    }
    return table.Render();
}

std::string Rhythm(const ExportData& d) {
    CsvTable table({"id", "activity", "description", "rrule", "start_date", "start_time", "duration_minutes",
                    "format", "membership", "convener_id", "convener_name", "next_dates"});
    CivilDate from;
    CivilDate::Parse(d.record.workshop.started_at.substr(0, 10), from);
    for (const RhythmDecision& r : d.record.rhythm) {
        std::vector<std::string> next;
        for (const CivilDate& date : NextOccurrences(r.recurrence, from, 3)) next.push_back(date.Iso());
        table.Add({Value(r.id), Text(r.activity), Value(Describe(r.recurrence)), Value(ToRRule(r.recurrence)),
                   Value(r.recurrence.start_date.Iso()), Value(TimeOfDay(r.recurrence.start_minutes)),
                   Number(static_cast<long long>(r.recurrence.duration_minutes)), Value(r.format), Value(r.membership),
                   Value(r.convener_id), Text(r.convener_name), Value(Join(next, " "))});
    }
    return table.Render();
}

std::string Tasks(const ExportData& d) {
    CsvTable table({"stage", "rank", "task_id", "title", "dots", "energy_mean", "importance_mean", "energy_ratings",
                    "importance_ratings", "quadrant"});
    for (const Stage& s : d.record.stages) {
        auto it = d.record.tasks.find(s.key);
        if (it == d.record.tasks.end()) continue;
        for (size_t i = 0; i < it->second.size(); ++i) {
            const TaskResult& t = it->second[i];
            table.Add({Value(s.key), Number(static_cast<long long>(i + 1)), Value(t.task.id), Text(t.task.title),
                       Number(static_cast<long long>(t.dots)), Optional(t.energy_mean), Optional(t.importance_mean),
                       Number(static_cast<long long>(t.energy_raters)),
                       Number(static_cast<long long>(t.importance_raters)), Value(ToString(t.quadrant))});
        }
    }
    return table.Render();
}

// One row per option of every poll (its aggregate), then, for named polls only, one row per voter and option
// they gave something to. Anonymous polls have aggregate rows and nothing else.
std::string Votes(const ExportData& d) {
    CsvTable table({"row", "poll_id", "stage", "purpose", "kind", "question", "anonymous", "status", "ballots",
                    "option_key", "option_label", "count", "mean", "leading", "voter_id", "voter_name", "value"});
    for (const PollRecord& p : d.record.polls) {
        const Poll& poll = p.poll;
        auto common = [&](const char* row) {
            return std::vector<CsvCell>{Value(row), Value(poll.id), Value(poll.stage_key), Value(poll.purpose),
                                        Value(poll.kind), Text(poll.question), YesNo(poll.anonymous),
                                        Value(ToString(poll.status)), Number(static_cast<long long>(p.tally.ballots))};
        };
        std::map<std::string, std::string> labels;
        for (const OptionCount& o : p.tally.options) {
            labels[o.key] = o.label;
            auto row = common("option");
            const bool leading = std::find(p.tally.leaders.begin(), p.tally.leaders.end(), o.key) != p.tally.leaders.end();
            row.insert(row.end(), {Value(o.key), Text(o.label), Number(static_cast<long long>(o.votes)),
                                   poll.Kind() == PollKind::Rating && o.votes ? Number(o.Mean()) : Value(""),
                                   YesNo(leading), Value(""), Value(""), Value("")});
            table.Add(row);
        }
        if (poll.anonymous) continue;
        for (const NamedBallot& b : d.ballots) {
            if (b.poll_id != poll.id) continue;
            for (const OptionCount& o : p.tally.options) {  // in the poll's order
                auto entry = b.entries.find(o.key);
                if (entry == b.entries.end()) continue;
                auto row = common("ballot");
                row.insert(row.end(), {Value(o.key), Text(o.label), Value(""), Value(""), Value(""), Value(b.member_id),
                                       Text(b.member_name), Number(static_cast<long long>(entry->second))});
                table.Add(row);
            }
        }
    }
    return table.Render();
}

// Commitments made in this workshop ("made"), then the earlier ones it reviews ("reviewed").
std::string Commitments(const ExportData& d) {
    CsvTable table({"relation", "id", "what", "due", "status", "who", "member_ids", "whole_community", "role",
                    "task_id", "origin_workshop", "carried_from"});
    auto add = [&](const char* relation, const Commitment& c) {
        table.Add({Value(relation), Value(c.id), Text(c.what), Value(c.due), Value(ToString(c.status)),
                   Text(c.whole_community ? "the whole community" : Join(c.member_names, "; ")),
                   Value(Join(c.member_ids, " ")), YesNo(c.whole_community), Value(c.role_key), Value(c.task_id),
                   Value(c.workshop_id), Value(c.carried_from_id)});
    };
    for (const Commitment& c : d.record.commitments) add("made", c);
    for (const Commitment& c : d.record.reviewed) add("reviewed", c);
    return table.Render();
}

}  // namespace

std::map<std::string, std::string> RenderCsvFiles(const ExportData& data) {
    return {{"participants.csv", Participants(data)}, {"roles.csv", Roles(data)},   {"rhythm.csv", Rhythm(data)},
            {"tasks.csv", Tasks(data)},               {"votes.csv", Votes(data)},   {"commitments.csv", Commitments(data)}};
}

}  // namespace facilitation::exporting
