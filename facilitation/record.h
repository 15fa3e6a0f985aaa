// Everything one workshop recorded, loaded in one go: what the screens show, what outcome.json holds,
// and what a renewal compares with its previous workshop.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "facilitation/domain/decisions.h"
#include "facilitation/domain/tally.h"
#include "facilitation/model.h"
#include "facilitation/store/store.h"

namespace facilitation {

struct PollRecord {
    Poll poll;
    Tally tally;
    std::vector<std::string> voters;  // member ids who voted (never what)
};

struct WorkshopRecord {
    Workshop workshop;
    Community community;
    std::vector<Stage> stages;
    std::vector<Participant> participants;
    std::vector<PollRecord> polls;
    std::vector<RoleDefinition> roles;
    std::vector<RoleAssignment> assignments;
    std::vector<std::string> role_warnings;
    std::vector<RhythmDecision> rhythm;
    std::map<std::string, std::vector<TaskResult>> tasks;  // by stage key, ranked
    std::vector<Commitment> commitments;  // made in this workshop
    std::vector<Commitment> reviewed;     // earlier commitments this workshop reviews (open, or reviewed here)
    std::optional<double> kept_rate;      // over the commitments reviewed here
    std::vector<VoiceItem> voice;

    // The first poll of a stage of `kind` with `purpose`, if any.
    const PollRecord* FindPoll(StageKind kind, const std::string& purpose = "main") const;
    const PollRecord* FindPollOfStage(const std::string& stage_key, const std::string& purpose = "main") const;
    // Tasks of the first tasks stage (launch: energizing tasks; renewal: new challenges).
    const std::vector<TaskResult>* MainTasks() const;
};

WorkshopRecord LoadWorkshopRecord(Store& store, const std::string& workshop_id);

// ---- What changed since the previous workshop ------------------------------------
struct RoleChange {
    std::string role_key, title;
    std::vector<std::string> before, after;  // holders' names
    bool Changed() const { return before != after; }
};
struct TaskChange {
    std::string title;
    int before_rank = 0, after_rank = 0;  // 1-based; 0 = not on that list
    std::string before_quadrant, after_quadrant;
};
struct HealthChange {
    std::string key, label;
    std::optional<double> before, after;  // mean rating 1..5
};
struct WorkshopChanges {
    std::string previous_workshop_id;
    std::vector<std::string> stage_before, stage_after;  // leading stage keys (more than one: a tie)
    std::vector<RoleChange> roles;
    std::vector<std::string> rhythm_added, rhythm_removed, rhythm_kept;  // described
    std::vector<TaskChange> tasks;   // every task of either list, by the new rank, then dropped ones
    std::vector<HealthChange> health;
};
WorkshopChanges CompareWorkshops(const WorkshopRecord& before, const WorkshopRecord& after);

}  // namespace facilitation
