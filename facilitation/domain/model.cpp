#include "facilitation/model.h"

namespace facilitation {
namespace {
struct KindName {
    StageKind kind;
    const char* name;
};
// The names used in templates, the database and outcome.json.
constexpr KindName kStageKinds[] = {
    {StageKind::CheckIn, "checkin"},         {StageKind::Domain, "domain"}, {StageKind::StageCheck, "stage_check"},
    {StageKind::Roles, "roles"},             {StageKind::Rhythm, "rhythm"}, {StageKind::Tasks, "tasks"},
    {StageKind::Commitments, "commitments"}, {StageKind::Voice, "voice"},   {StageKind::Close, "close"},
    {StageKind::Review, "review"},           {StageKind::Health, "health"},
};
}  // namespace

const char* ToString(StageKind kind) {
    for (const auto& entry : kStageKinds)
        if (entry.kind == kind) return entry.name;
    return "unknown";
}

std::optional<StageKind> StageKindFromString(const std::string& text) {
    for (const auto& entry : kStageKinds)
        if (text == entry.name) return entry.kind;
    return std::nullopt;
}


const char* ToString(PollStatus status) {
    switch (status) {
        case PollStatus::Draft: return "draft";
        case PollStatus::Open: return "open";
        case PollStatus::Closed: return "closed";
        case PollStatus::Revealed: return "revealed";
    }
    return "draft";
}

std::optional<PollStatus> PollStatusFromString(const std::string& text) {
    if (text == "draft") return PollStatus::Draft;
    if (text == "open") return PollStatus::Open;
    if (text == "closed") return PollStatus::Closed;
    if (text == "revealed") return PollStatus::Revealed;
    return std::nullopt;
}

const std::vector<PollOption>& DevelopmentStages() {
    static const std::vector<PollOption> stages = {
        {"discovering", "Discovering"}, {"coalescing", "Coalescing"}, {"committing", "Committing"},
        {"stewarding", "Stewarding"},   {"renewing", "Renewing"},
    };
    return stages;
}

}  // namespace facilitation

namespace facilitation {

const std::vector<RoleDefinition>& DefaultRoles() {
    static const std::vector<RoleDefinition> roles = {
        {"sponsor", "Sponsor", "lends positional power so the community's voice is heard; not its manager"},
        {"coordinator", "Coordinator", "tends the community day to day, connects people, keeps the rhythm"},
        {"core-group", "Core group", "cares for the community as a community"},
        {"active-member", "Active member", "takes part regularly"},
        {"peripheral-member", "Peripheral member", "follows and contributes now and then"},
        {"facilitator", "Facilitator", "runs the workshops"},
        {"liaison", "Liaison", "manages relations with outside bodies"},
    };
    return roles;
}

const char* ToString(PollKind kind) {
    switch (kind) {
        case PollKind::Single: return "single";
        case PollKind::Dots: return "dots";
        case PollKind::Rating: return "rating";
    }
    return "single";
}

std::optional<PollKind> PollKindFromString(const std::string& text) {
    if (text == "single") return PollKind::Single;
    if (text == "dots") return PollKind::Dots;
    if (text == "rating") return PollKind::Rating;
    return std::nullopt;
}

const std::vector<PollOption>& FailureModes() {
    static const std::vector<PollOption> modes = {
        {"neglect", "Neglect"},
        {"closed-mindedness", "Closed-mindedness"},
        {"lack-of-challenge", "Lack of challenge"},
        {"competing-demands", "Competing demands on our time"},
        {"inability-to-adapt", "Inability to adapt"},
        {"single-person", "Dependence on a single person"},
        {"imposed-tasks", "Tasks imposed from outside"},
        {"no-voice", "No voice in decisions on our domain"},
    };
    return modes;
}

const char* ToString(Quadrant quadrant) {
    switch (quadrant) {
        case Quadrant::TakeOn: return "take on";
        case Quadrant::SupportNeeded: return "support needed";
        case Quadrant::Learning: return "learning";
        case Quadrant::Drop: return "drop";
        case Quadrant::Unrated: return "unrated";
    }
    return "unrated";
}

const char* ToString(CommitmentStatus status) {
    switch (status) {
        case CommitmentStatus::Open: return "open";
        case CommitmentStatus::Kept: return "kept";
        case CommitmentStatus::Partly: return "partly";
        case CommitmentStatus::Dropped: return "dropped";
        case CommitmentStatus::Carried: return "carried";
    }
    return "open";
}

std::optional<CommitmentStatus> CommitmentStatusFromString(const std::string& text) {
    if (text == "open") return CommitmentStatus::Open;
    if (text == "kept") return CommitmentStatus::Kept;
    if (text == "partly") return CommitmentStatus::Partly;
    if (text == "dropped") return CommitmentStatus::Dropped;
    if (text == "carried") return CommitmentStatus::Carried;
    return std::nullopt;
}

}  // namespace facilitation
