#include "facilitation/record.h"

#include <algorithm>

#include "facilitation/domain/names.h"
#include "facilitation/domain/recurrence.h"

namespace facilitation {

const PollRecord* WorkshopRecord::FindPollOfStage(const std::string& stage_key, const std::string& purpose) const {
    for (const auto& p : polls)
        if (p.poll.stage_key == stage_key && p.poll.purpose == purpose) return &p;
    return nullptr;
}

const PollRecord* WorkshopRecord::FindPoll(StageKind kind, const std::string& purpose) const {
    for (const Stage& s : stages)
        if (s.kind == kind)
            if (const PollRecord* p = FindPollOfStage(s.key, purpose)) return p;
    return nullptr;
}

const std::vector<TaskResult>* WorkshopRecord::MainTasks() const {
    for (const Stage& s : stages)
        if (s.kind == StageKind::Tasks) {
            auto it = tasks.find(s.key);
            return it == tasks.end() ? nullptr : &it->second;
        }
    return nullptr;
}

WorkshopRecord LoadWorkshopRecord(Store& store, const std::string& workshop_id) {
    WorkshopRecord r;
    r.workshop = store.GetWorkshop(workshop_id);
    r.community = store.GetCommunity(r.workshop.community_id);
    r.stages = store.StagesOf(workshop_id);
    r.participants = store.ParticipantsOf(workshop_id);
    for (const Poll& poll : store.PollsOf(workshop_id))
        r.polls.push_back(PollRecord{poll, store.TallyOf(poll.id), store.VotersOf(poll.id)});
    r.roles = store.RolesOf(workshop_id);
    r.assignments = store.AssignmentsOf(workshop_id);
    r.role_warnings = RoleWarnings(r.roles, r.assignments);
    r.rhythm = store.RhythmOf(workshop_id);
    for (const Stage& s : r.stages)
        if (s.kind == StageKind::Tasks) r.tasks[s.key] = store.TaskResultsOf(workshop_id, s.key);
    r.commitments = store.CommitmentsOf(workshop_id);
    r.reviewed = store.CommitmentsToReview(workshop_id);
    std::vector<CommitmentStatus> outcomes;
    for (const Commitment& c : r.reviewed)
        if (c.reviewed_in_workshop_id == workshop_id) outcomes.push_back(c.status);
    r.kept_rate = KeptRate(outcomes);
    r.voice = store.VoiceOf(workshop_id);
    return r;
}

namespace {
std::string RhythmKey(const RhythmDecision& d) {
    return NameKey(d.activity) + "|" + ToRRule(d.recurrence) + "|" + std::to_string(d.recurrence.start_minutes) + "|" +
           std::to_string(d.recurrence.duration_minutes) + "|" + d.format + "|" + d.membership;
}
std::string RhythmText(const RhythmDecision& d) { return d.activity + ": " + Describe(d.recurrence); }
}  // namespace

WorkshopChanges CompareWorkshops(const WorkshopRecord& before, const WorkshopRecord& after) {
    WorkshopChanges changes;
    changes.previous_workshop_id = before.workshop.id;
    if (const PollRecord* p = before.FindPoll(StageKind::StageCheck)) changes.stage_before = p->tally.leaders;
    if (const PollRecord* p = after.FindPoll(StageKind::StageCheck)) changes.stage_after = p->tally.leaders;

    // Roles: every role either workshop knows, in the new workshop's order.
    std::vector<RoleDefinition> roles = after.roles;
    for (const auto& role : before.roles)
        if (std::none_of(roles.begin(), roles.end(), [&](const RoleDefinition& r) { return r.key == role.key; }))
            roles.push_back(role);
    for (const auto& role : roles) {
        RoleChange change{role.key, role.title, {}, {}};
        for (const auto& a : before.assignments)
            if (a.role_key == role.key) change.before.push_back(a.member_name);
        for (const auto& a : after.assignments)
            if (a.role_key == role.key) change.after.push_back(a.member_name);
        std::sort(change.before.begin(), change.before.end());
        std::sort(change.after.begin(), change.after.end());
        changes.roles.push_back(change);
    }

    for (const auto& d : after.rhythm) {
        const bool kept = std::any_of(before.rhythm.begin(), before.rhythm.end(),
                                      [&](const RhythmDecision& b) { return RhythmKey(b) == RhythmKey(d); });
        (kept ? changes.rhythm_kept : changes.rhythm_added).push_back(RhythmText(d));
    }
    for (const auto& b : before.rhythm)
        if (std::none_of(after.rhythm.begin(), after.rhythm.end(), [&](const RhythmDecision& d) { return RhythmKey(b) == RhythmKey(d); }))
            changes.rhythm_removed.push_back(RhythmText(b));

    // Tasks are matched by title across the two lists.
    static const std::vector<TaskResult> none;
    const std::vector<TaskResult>& old_tasks = before.MainTasks() ? *before.MainTasks() : none;
    const std::vector<TaskResult>& new_tasks = after.MainTasks() ? *after.MainTasks() : none;
    auto rank_in = [](const std::vector<TaskResult>& list, const std::string& title) -> std::pair<int, std::string> {
        for (size_t i = 0; i < list.size(); ++i)
            if (NameKey(list[i].task.title) == NameKey(title)) return {static_cast<int>(i) + 1, ToString(list[i].quadrant)};
        return {0, ""};
    };
    for (size_t i = 0; i < new_tasks.size(); ++i) {
        const auto [old_rank, old_quadrant] = rank_in(old_tasks, new_tasks[i].task.title);
        changes.tasks.push_back({new_tasks[i].task.title, old_rank, static_cast<int>(i) + 1, old_quadrant,
                                 ToString(new_tasks[i].quadrant)});
    }
    for (size_t i = 0; i < old_tasks.size(); ++i)
        if (rank_in(new_tasks, old_tasks[i].task.title).first == 0)
            changes.tasks.push_back({old_tasks[i].task.title, static_cast<int>(i) + 1, 0, ToString(old_tasks[i].quadrant), ""});

    const PollRecord* old_health = before.FindPoll(StageKind::Health, "health");
    const PollRecord* new_health = after.FindPoll(StageKind::Health, "health");
    if (old_health || new_health) {
        for (const PollOption& mode : FailureModes()) {
            HealthChange change{mode.key, mode.label, std::nullopt, std::nullopt};
            auto mean = [&](const PollRecord* p) -> std::optional<double> {
                if (!p) return std::nullopt;
                for (const auto& o : p->tally.options)
                    if (o.key == mode.key && o.votes > 0) return o.Mean();
                return std::nullopt;
            };
            change.before = mean(old_health);
            change.after = mean(new_health);
            changes.health.push_back(change);
        }
    }
    return changes;
}

}  // namespace facilitation
