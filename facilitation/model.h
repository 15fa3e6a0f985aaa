// The domain's types: plain data, no storage, no GUI.
// Sections: errors · communities and people · templates · workshops and stages · polls.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "facilitation/domain/recurrence.h"

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

// A person of the community, as the roster knows them (cop-kiosk roster import).
struct Member {
    std::string id;
    std::string community_id;
    std::string name;
    std::string email;          // '' when not known
    std::string participation;  // "core", "active", "peripheral" (DOMAIN.md's levels), '' when not known
    std::string created_at;
    std::string updated_at;
};

// ---- Templates -------------------------------------------------------------
enum class StageKind {
    CheckIn, Domain, StageCheck, Roles, Rhythm, Tasks, Commitments, Voice, Close, Review, Health
};
const char* ToString(StageKind kind);
std::optional<StageKind> StageKindFromString(const std::string& text);

struct TemplateStage {
    std::string key;
    std::string title;
    std::string prompt;
    StageKind kind = StageKind::CheckIn;
    int planned_minutes = 10;
    int dots = 3;           // tasks stages: each participant's dot budget
};

// A role of the community (DOMAIN.md "Roles"); a template may add its own.
struct RoleDefinition {
    std::string key;        // "sponsor", "coordinator", "core-group", ...
    std::string title;
    std::string description;
};
const std::vector<RoleDefinition>& DefaultRoles();

struct Template {
    std::string key;        // "launch", "renewal"
    std::string name;       // "Launch workshop"
    std::string workshop_kind;  // "launch" or "renewal"
    std::string source;     // file it was read from
    std::vector<TemplateStage> stages;
    std::vector<RoleDefinition> roles;       // DefaultRoles() when the file lists none
    std::vector<std::string> task_examples;  // offered when proposing energizing tasks
};

// ---- Workshops and stages --------------------------------------------------
struct Stage {
    int position = 0;
    std::string key;
    std::string title;
    std::string prompt;
    StageKind kind = StageKind::CheckIn;
    int planned_minutes = 0;
    int dots = 3;            // tasks stages: each participant's dot budget
    std::string started_at;  // first entered; empty if never
    std::string ended_at;    // last left; empty if never left
    // The countdown (domain/room.h reads it): time already on the clock, when it last started running
    // (empty while paused or not the current stage), and minutes the facilitator added.
    long long timer_elapsed_seconds = 0;
    std::string timer_running_since;
    int timer_extra_minutes = 0;
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
    // The kiosk: whether a facilitator's PIN is set (only its salted hash is stored), and what participants
    // may do at a kiosk besides voting.
    bool has_kiosk_pin = false;
    bool kiosk_roles_open = false;
    bool kiosk_commitments_open = false;
};

// ---- Polls -----------------------------------------------------------------
enum class PollStatus { Draft, Open, Closed, Revealed };
const char* ToString(PollStatus status);
std::optional<PollStatus> PollStatusFromString(const std::string& text);

struct PollOption {
    std::string key;
    std::string label;
};

// single: one choice; dots: a budget of dots spread over options (at most `cap` on one);
// rating: every option (item) scored on the scale scale_min..scale_max.
enum class PollKind { Single, Dots, Rating };
const char* ToString(PollKind kind);
std::optional<PollKind> PollKindFromString(const std::string& text);

// What a new poll is: its question, options and rules. Options may change while the poll is a draft.
struct PollSpec {
    std::string purpose = "main";   // a stage may hold several polls: "energy", "importance", "dots", "health"
    PollKind kind = PollKind::Single;
    std::string question;
    bool anonymous = false;
    bool live_results = false;      // results shown while voting, not only once revealed
    int budget = 0;                 // dots
    int cap = 0;                    // dots: 0 = no cap
    int scale_min = 0, scale_max = 0;  // rating
    std::vector<PollOption> options;
};

struct Poll {
    std::string id;
    std::string workshop_id;
    std::string stage_key;
    std::string purpose = "main";
    std::string kind = "single";    // ToString(PollKind)
    std::string question;
    bool anonymous = false;
    bool live_results = false;
    PollStatus status = PollStatus::Draft;
    int budget = 0;
    int cap = 0;
    int scale_min = 0, scale_max = 0;
    std::vector<PollOption> options;
    PollKind Kind() const { return PollKindFromString(kind).value_or(PollKind::Single); }
};

// A ballot's content: option key -> value (1 for the choice, the number of dots, or the score).
using BallotEntries = std::map<std::string, int>;

// The five stages of development, in order: the options of every stage check.
const std::vector<PollOption>& DevelopmentStages();

// The ways communities fail (DOMAIN.md): the items of a renewal's health pulse, each rated 1..5.
const std::vector<PollOption>& FailureModes();

// ---- What the stages record --------------------------------------------------
struct RoleAssignment {
    std::string role_key;
    std::string member_id;
    std::string member_name;
};

struct Task {
    std::string id;
    std::string stage_key;
    std::string title;
};

enum class Quadrant { TakeOn, SupportNeeded, Learning, Drop, Unrated };
const char* ToString(Quadrant quadrant);  // "take on", "support needed", "learning", "drop", "unrated"

struct TaskResult {
    Task task;
    int dots = 0;
    std::optional<double> energy_mean;      // -2 draining .. +2 energizing
    std::optional<double> importance_mean;  // 1..3
    int energy_raters = 0, importance_raters = 0;
    Quadrant quadrant = Quadrant::Unrated;
};

enum class CommitmentStatus { Open, Kept, Partly, Dropped, Carried };
const char* ToString(CommitmentStatus status);  // "open", "kept", "partly", "dropped", "carried"
std::optional<CommitmentStatus> CommitmentStatusFromString(const std::string& text);

struct Commitment {
    std::string id;
    std::string workshop_id;       // the workshop that made it (its origin)
    std::string what;
    std::string due;               // YYYY-MM-DD
    bool whole_community = false;  // "the whole community" rather than named people
    std::vector<std::string> member_ids;
    std::vector<std::string> member_names;
    std::string task_id;           // optional link
    std::string role_key;          // optional link
    CommitmentStatus status = CommitmentStatus::Open;
    std::string carried_from_id;
    std::string reviewed_in_workshop_id;
    std::string updated_at;        // last change (UTC ISO-8601): an export's DTSTAMP
};

struct RhythmDecision {
    std::string id;
    std::string activity;          // "monthly call"
    Recurrence recurrence;
    std::string format = "online"; // "online", "face-to-face", "hybrid"
    std::string convener_id;       // a member, or empty
    std::string convener_name;
    std::string membership = "open";  // "open" or "closed"
    std::string updated_at;        // last change (UTC ISO-8601): an export's DTSTAMP
};

struct VoiceItem {
    std::string id;
    std::string audience = "sponsor";  // "sponsor" or "organization"
    std::string text;
};

}  // namespace facilitation
