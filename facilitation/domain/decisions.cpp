#include "facilitation/domain/decisions.h"

#include <algorithm>
#include <map>

#include "facilitation/domain/names.h"
#include "facilitation/domain/recurrence.h"

namespace facilitation {

std::vector<std::string> RoleWarnings(const std::vector<RoleDefinition>& roles,
                                      const std::vector<RoleAssignment>& assignments) {
    std::vector<std::string> warnings;
    auto held = [&](const std::string& key) {
        return std::any_of(assignments.begin(), assignments.end(), [&](const RoleAssignment& a) { return a.role_key == key; });
    };
    auto defined = [&](const std::string& key) {
        return std::any_of(roles.begin(), roles.end(), [&](const RoleDefinition& r) { return r.key == key; });
    };
    if (defined("sponsor") && !held("sponsor"))
        warnings.push_back("No sponsor: nobody lends the community positional power so that its voice is heard.");
    if (defined("coordinator") && !held("coordinator"))
        warnings.push_back("No coordinator: nobody tends the community day to day or keeps its rhythm.");
    std::map<std::string, std::pair<std::string, int>> per_person;  // id -> (name, roles)
    for (const auto& a : assignments) {
        auto& entry = per_person[a.member_id];
        entry.first = a.member_name;
        ++entry.second;
    }
    for (const auto& [id, entry] : per_person)
        if (entry.second > kMaxRolesBeforeWarning)
            warnings.push_back(entry.first + " holds " + std::to_string(entry.second) +
                               " roles: the community depends on a single person.");
    return warnings;
}

Quadrant ClassifyTask(std::optional<double> energy_mean, std::optional<double> importance_mean) {
    if (!energy_mean || !importance_mean) return Quadrant::Unrated;
    const bool energizing = *energy_mean > kEnergizingAbove;
    const bool important = *importance_mean >= kImportantFrom;
    if (energizing && important) return Quadrant::TakeOn;
    if (important) return Quadrant::SupportNeeded;
    if (energizing) return Quadrant::Learning;
    return Quadrant::Drop;
}

std::vector<TaskResult> ComputeTaskResults(const std::vector<Task>& tasks, const Tally* energy,
                                           const Tally* importance, const Tally* dots) {
    auto find = [](const Tally* tally, const std::string& key) -> const OptionCount* {
        if (!tally) return nullptr;
        for (const auto& option : tally->options)
            if (option.key == key) return &option;
        return nullptr;
    };
    std::vector<TaskResult> results;
    for (const Task& task : tasks) {
        TaskResult r;
        r.task = task;
        if (const OptionCount* d = find(dots, task.id)) r.dots = d->votes;
        if (const OptionCount* e = find(energy, task.id); e && e->votes > 0) {
            r.energy_mean = e->Mean();
            r.energy_raters = e->votes;
        }
        if (const OptionCount* i = find(importance, task.id); i && i->votes > 0) {
            r.importance_mean = i->Mean();
            r.importance_raters = i->votes;
        }
        r.quadrant = ClassifyTask(r.energy_mean, r.importance_mean);
        results.push_back(r);
    }
    std::stable_sort(results.begin(), results.end(), [](const TaskResult& a, const TaskResult& b) {
        if (a.dots != b.dots) return a.dots > b.dots;
        const double ea = a.energy_mean.value_or(-99), eb = b.energy_mean.value_or(-99);
        if (ea != eb) return ea > eb;
        return a.task.title < b.task.title;
    });
    return results;
}

std::string CommitmentProblem(const std::string& what, const std::string& due, const std::string& today,
                              bool whole_community, size_t named_people) {
    const TextCheck text = CheckName(what, "commitment", kMaxCommitmentChars);
    if (!text.ok) return text.error;
    CivilDate due_date;
    if (!CivilDate::Parse(due, due_date)) return "Give the date it is due by, as YYYY-MM-DD.";
    CivilDate today_date;
    if (CivilDate::Parse(today, today_date) && due_date < today_date)
        return "The due date " + due + " is in the past; pick today or a later day.";
    if (!whole_community && named_people == 0) return "Say who commits: one or more people, or the whole community.";
    return "";
}

std::optional<double> KeptRate(const std::vector<CommitmentStatus>& reviewed) {
    int counted = 0, kept = 0;
    for (CommitmentStatus status : reviewed) {
        if (status == CommitmentStatus::Open) continue;
        ++counted;
        if (status == CommitmentStatus::Kept) ++kept;
    }
    if (counted == 0) return std::nullopt;
    return static_cast<double>(kept) / counted;
}

std::string RhythmProblem(const RhythmDecision& decision) {
    const TextCheck activity = CheckName(decision.activity, "activity", kMaxActivityChars);
    if (!activity.ok) return activity.error;
    if (decision.format != "online" && decision.format != "face-to-face" && decision.format != "hybrid")
        return "The format must be online, face-to-face or hybrid.";
    if (decision.membership != "open" && decision.membership != "closed")
        return "Membership must be open or closed.";
    return RecurrenceProblem(decision.recurrence);
}

}  // namespace facilitation

namespace facilitation {
PollSpec HealthPulseSpec() {
    PollSpec spec;
    spec.purpose = "health";
    spec.kind = PollKind::Rating;
    spec.question = "How much does each of these threaten our community? (1 not at all .. 5 very much)";
    spec.anonymous = true;
    spec.scale_min = 1;
    spec.scale_max = 5;
    spec.options = FailureModes();
    return spec;
}
}  // namespace facilitation
