// The domain's types: plain data, no storage, no GUI.
// Sections: errors · communities and people · templates · workshops and stages · polls.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace facilitation {

// ---- Errors ----------------------------------------------------------------
// Every failure the user can cause is one of these, with a message fit to show as is.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A rule of the workshop was broken (vote on a closed poll, duplicate name...).
class RuleError : public Error {
public:
    using Error::Error;
};

// ---- Communities and people ------------------------------------------------
struct Community {
    std::string id;
    std::string name;
    std::string domain;   // what the community is about, one or two sentences
    std::string created_at;
    std::string updated_at;
};

// A member of a community; attendance at a workshop makes them a participant.
struct Participant {
    std::string id;        // the member's id: stable across the community's workshops
    std::string name;
    std::string checked_in_at;
};

// ---- Templates -------------------------------------------------------------
enum class StageKind {
    CheckIn, Domain, StageCheck, Roles, Rhythm, Tasks, Commitments, Voice, Close, Review, Health
};
const char* ToString(StageKind kind);
std::optional<StageKind> StageKindFromString(const std::string& text);
// True where this version records what the stage decides; the others show their prompt only.
bool IsRecordedInThisVersion(StageKind kind);

struct TemplateStage {
    std::string key;
    std::string title;
    std::string prompt;
    StageKind kind = StageKind::CheckIn;
    int planned_minutes = 10;
};

struct Template {
    std::string key;        // "launch", "renewal"
    std::string name;       // "Launch workshop"
    std::string workshop_kind;  // "launch" or "renewal"
    std::string source;     // file it was read from
    std::vector<TemplateStage> stages;
};

// ---- Workshops and stages --------------------------------------------------
struct Stage {
    int position = 0;
    std::string key;
    std::string title;
    std::string prompt;
    StageKind kind = StageKind::CheckIn;
    int planned_minutes = 0;
    std::string started_at;  // first entered; empty if never
    std::string ended_at;    // last left; empty if never left
};

struct Workshop {
    std::string id;
    std::string community_id;
    std::string kind;          // "launch" or "renewal"
    std::string template_key;
    std::string template_name;
    std::string previous_workshop_id;
    int current_stage = 0;
    std::string started_at;
    std::string ended_at;      // empty while running
    bool IsRunning() const { return ended_at.empty(); }
};

// ---- Polls -----------------------------------------------------------------
enum class PollStatus { Draft, Open, Closed, Revealed };
const char* ToString(PollStatus status);
std::optional<PollStatus> PollStatusFromString(const std::string& text);

struct PollOption {
    std::string key;
    std::string label;
};

struct Poll {
    std::string id;
    std::string workshop_id;
    std::string stage_key;
    std::string kind = "single";   // single choice; dot and rating polls come later
    std::string question;
    bool anonymous = false;
    PollStatus status = PollStatus::Draft;
    std::vector<PollOption> options;
};

// The five stages of development, in order: the options of every stage check.
const std::vector<PollOption>& DevelopmentStages();

}  // namespace facilitation
