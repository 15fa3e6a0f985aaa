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

bool IsRecordedInThisVersion(StageKind kind) {
    return kind == StageKind::CheckIn || kind == StageKind::Domain || kind == StageKind::StageCheck ||
           kind == StageKind::Close;
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
