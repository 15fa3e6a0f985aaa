// The SQLite store: the only place that speaks SQL. Takes and returns domain types.
// Sections: errors · opening · communities · the roster · workshops and stages · participants · polls · roles · rhythm ·
// tasks · commitments · voice · the room (timer, kiosk) · merging · change detection. Implemented in store.cpp,
// store_roster.cpp, store_polls.cpp, store_decisions.cpp, store_room.cpp and store_merge.cpp.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include "facilitation/domain/decisions.h"
#include "facilitation/domain/tally.h"
#include "facilitation/model.h"

namespace facilitation {

// ---- Errors ----------------------------------------------------------------
class StoreError : public Error {
public:
    enum class Kind {
        CannotOpen,     // missing folder, permission denied
        NotADatabase,   // not an SQLite file, or its header is damaged
        Corrupt,        // an SQLite file whose content is damaged
        NewerVersion,   // written by a newer cop-kiosk: refused, left untouched
        ReadOnly,       // the file or its folder cannot be written
        Busy,           // another process held the lock past the timeout
        NotFound,       // no such community, workshop, poll
        Other,
    };
    StoreError(Kind kind, const std::string& message) : Error(message), kind(kind) {}
    Kind kind;
};

constexpr int kSchemaVersion = 4;

struct WorkshopSummary {
    Workshop workshop;
    std::string community_name;
    int participant_count = 0;
};

class Store {
public:
    // ---- Opening -----------------------------------------------------------
    // Opens or creates the database at `path` and brings its schema up to date.
    // Refuses (and leaves byte-identical) a file it cannot understand or one from a newer version.
    static std::unique_ptr<Store> Open(const std::string& path);
    // Opens an existing database without changing it: for `check` and read-only viewers.
    static std::unique_ptr<Store> OpenForReading(const std::string& path);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& Path() const;
    int SchemaVersion();
    // The problems `PRAGMA integrity_check` lists; empty when the file is sound.
    std::vector<std::string> IntegrityProblems();

    // ---- Communities -------------------------------------------------------
    Community CreateCommunity(const std::string& name, const std::string& domain);
    std::vector<Community> ListCommunities();
    Community GetCommunity(const std::string& id);
    void SetCommunityDomain(const std::string& id, const std::string& domain);

    // A community by its id or its name (any case, spaces as the check-in counts them); nullopt if none.
    std::optional<Community> FindCommunity(const std::string& name_or_id);

    // ---- The roster (store_roster.cpp) ---------------------------------------
    // The community's current members by name: what the check-in can offer as tap targets.
    std::vector<Member> MembersOf(const std::string& community_id);
    struct RosterRow {
        std::string name;                          // already checked (exchange::ParseRoster)
        std::optional<std::string> email;          // nullopt: keep what is stored
        std::optional<std::string> participation;  // "core", "active", "peripheral"; nullopt: keep
    };
    struct RosterResult {
        int added = 0, updated = 0, unchanged = 0;
    };
    // Adds the members not known yet and updates the e-mail and level of those who are (same name key),
    // in one transaction: all rows, or none.
    RosterResult ImportRoster(const std::string& community_id, const std::vector<RosterRow>& rows);

    // ---- Workshops and stages ---------------------------------------------
    // Starts a workshop of `community_id` from `tmpl`, linked to the community's latest workshop, with the
    // facilitator's kiosk PIN (4 to 8 digits; stored only as a salted hash) when one is given.
    Workshop StartWorkshop(const std::string& community_id, const Template& tmpl, const std::string& kiosk_pin = "");
    Workshop GetWorkshop(const std::string& id);
    std::vector<WorkshopSummary> ListWorkshops();  // newest first, every community
    std::vector<Workshop> WorkshopsOf(const std::string& community_id);  // newest first
    std::optional<Workshop> LatestWorkshop();
    std::vector<Stage> StagesOf(const std::string& workshop_id);
    // Leaves the current stage and enters `position` (one transaction).
    Workshop GoToStage(const std::string& workshop_id, int position);
    Workshop FinishWorkshop(const std::string& workshop_id);
    // Sets every timestamp of a workshop (demo data, imports): `stamps[i]` are stage i's start and end.
    void BackdateWorkshop(const std::string& workshop_id, const std::string& started_at, const std::string& ended_at,
                          const std::vector<std::pair<std::string, std::string>>& stage_stamps);

    // ---- Participants ------------------------------------------------------
    // Checks a person in by name: the community's member of that name, or a new member.
    Participant CheckIn(const std::string& workshop_id, const std::string& name);
    void CheckOut(const std::string& workshop_id, const std::string& member_id);  // retracts, keeps the row
    std::vector<Participant> ParticipantsOf(const std::string& workshop_id);  // in check-in order
    bool IsCheckedIn(const std::string& workshop_id, const std::string& member_id);

    // ---- Polls (store_polls.cpp) ---------------------------------------------
    // The stage's poll for `spec.purpose`, created in draft from `spec` the first time it is asked for.
    Poll EnsurePoll(const std::string& workshop_id, const std::string& stage_key, const PollSpec& spec);
    // The stage check: one single-choice vote among the five stages of development.
    Poll EnsureStageCheckPoll(const std::string& workshop_id, const std::string& stage_key);
    std::optional<Poll> FindPoll(const std::string& workshop_id, const std::string& stage_key,
                                 const std::string& purpose = "main");
    Poll GetPoll(const std::string& poll_id);
    std::vector<Poll> PollsOf(const std::string& workshop_id);  // in stage order
    // A draft's options (a tasks stage's polls follow its tasks) and settings.
    Poll SetPollOptions(const std::string& poll_id, const std::vector<PollOption>& options);
    Poll SetPollSettings(const std::string& poll_id, bool anonymous, bool live_results);
    // A draft dot vote's budget per participant and cap per option (0 = no cap).
    Poll SetDotRules(const std::string& poll_id, int budget, int cap);
    Poll OpenPoll(const std::string& poll_id);
    Poll ClosePoll(const std::string& poll_id);
    Poll RevealPoll(const std::string& poll_id);
    Poll ReopenPoll(const std::string& poll_id);
    // Back to draft, every ballot set aside (superseded, never erased) and who-voted cleared, so the vote can
    // be set up again and rerun. Several polls reset together (a tasks stage's three votes).
    std::vector<Poll> ResetPolls(const std::vector<std::string>& poll_ids);
    // Moves several polls together, in one transaction (a tasks stage's energy, importance and dot votes).
    std::vector<Poll> MovePolls(const std::vector<std::string>& poll_ids, PollStatus to);
    // Casts or replaces `member_id`'s ballot; the poll must be open and the member checked in.
    void CastBallot(const std::string& poll_id, const std::string& member_id, const BallotEntries& entries);
    void CastBallot(const std::string& poll_id, const std::string& member_id, const std::string& option_key);
    // Several ballots of one person as one action: all are recorded, or none.
    void CastBallots(const std::string& member_id, const std::vector<std::pair<std::string, BallotEntries>>& ballots);
    // A ballot with no name, for anonymous polls only (a guest at the kiosk who is not on the list): counted,
    // but it marks nobody as having voted, so it cannot be replaced. All are recorded, or none.
    void CastUnnamedBallots(const std::vector<std::pair<std::string, BallotEntries>>& ballots);
    // The member's current ballot in a named poll. Never for an anonymous poll: nothing links it to them.
    std::optional<BallotEntries> BallotEntriesOf(const std::string& poll_id, const std::string& member_id);
    std::optional<std::string> BallotOf(const std::string& poll_id, const std::string& member_id);  // single choice
    std::vector<std::string> VotersOf(const std::string& poll_id);  // member ids who have voted
    Tally TallyOf(const std::string& poll_id);
    struct PollEvent {
        std::string action;     // "opened", "closed", "revealed", "reopened", "ballot cast", "ballot replaced"
        std::string member_id;  // named polls' ballots only
        std::string at;
    };
    std::vector<PollEvent> PollEventsOf(const std::string& poll_id);

    // ---- Roles (store_decisions.cpp) ------------------------------------------
    std::vector<RoleDefinition> RolesOf(const std::string& workshop_id);
    std::vector<RoleAssignment> AssignmentsOf(const std::string& workshop_id);
    void AssignRole(const std::string& workshop_id, const std::string& role_key, const std::string& member_id);
    void UnassignRole(const std::string& workshop_id, const std::string& role_key, const std::string& member_id);

    // ---- Rhythm ----------------------------------------------------------------
    std::vector<RhythmDecision> RhythmOf(const std::string& workshop_id);
    RhythmDecision AddRhythm(const std::string& workshop_id, const RhythmDecision& decision);
    RhythmDecision UpdateRhythm(const std::string& workshop_id, const RhythmDecision& decision);
    void RetractRhythm(const std::string& workshop_id, const std::string& decision_id);

    // ---- Energizing tasks ------------------------------------------------------
    std::vector<Task> TasksOf(const std::string& workshop_id, const std::string& stage_key);
    // Adds a candidate task; its polls (energy, importance, dots) gain it while they are drafts.
    Task ProposeTask(const std::string& workshop_id, const std::string& stage_key, const std::string& title);
    void RetractTask(const std::string& workshop_id, const std::string& task_id);
    // The stage's three polls, created on first use: energy (-2..+2), importance (1..3), dots (the stage's budget).
    struct TaskPolls {
        Poll energy, importance, dots;
    };
    TaskPolls EnsureTaskPolls(const std::string& workshop_id, const std::string& stage_key);
    std::vector<TaskResult> TaskResultsOf(const std::string& workshop_id, const std::string& stage_key);
    // Opens the stage's three votes together, in one transaction, with the rules chosen for them.
    struct TaskVoteRules {
        int budget = 0;  // dots per participant; 0 = the stage's own
        int cap = 0;     // most dots on one task; 0 = no cap
        bool anonymous = false;
        bool live_results = false;
    };
    TaskPolls OpenTaskVote(const std::string& workshop_id, const std::string& stage_key, const TaskVoteRules& rules);

    // ---- Commitments -----------------------------------------------------------
    struct CommitmentDraft {
        std::string what;
        std::string due;  // YYYY-MM-DD
        bool whole_community = false;
        std::vector<std::string> member_ids;
        std::string task_id;
        std::string role_key;
    };
    Commitment AddCommitment(const std::string& workshop_id, const CommitmentDraft& draft, const std::string& today);
    void RetractCommitment(const std::string& workshop_id, const std::string& commitment_id);
    std::vector<Commitment> CommitmentsOf(const std::string& workshop_id);  // made in this workshop
    // Every commitment of the community's earlier workshops still open, or reviewed in this one.
    std::vector<Commitment> CommitmentsToReview(const std::string& workshop_id);
    // kept, partly, dropped or carried (which creates a new commitment in this workshop, due `new_due`).
    void ReviewCommitment(const std::string& workshop_id, const std::string& commitment_id, CommitmentStatus outcome,
                          const std::string& new_due = "");
    Commitment GetCommitment(const std::string& commitment_id);

    // ---- Voice -----------------------------------------------------------------
    std::vector<VoiceItem> VoiceOf(const std::string& workshop_id);
    VoiceItem AddVoice(const std::string& workshop_id, const std::string& audience, const std::string& text);
    void RetractVoice(const std::string& workshop_id, const std::string& item_id);

    // ---- The room (store_room.cpp) ----------------------------------------------
    // The current stage's countdown: start (or resume), pause, restart from zero, add minutes.
    Stage StartTimer(const std::string& workshop_id);
    Stage PauseTimer(const std::string& workshop_id);
    Stage RestartTimer(const std::string& workshop_id);
    Stage ExtendTimer(const std::string& workshop_id, int minutes);
    // The facilitator's kiosk PIN (4 to 8 digits), stored only as a salted hash.
    void SetKioskPin(const std::string& workshop_id, const std::string& pin);
    bool CheckKioskPin(const std::string& workshop_id, const std::string& pin);
    // What participants may do at a kiosk besides voting: claim a role, state a commitment.
    Workshop SetKioskOpenings(const std::string& workshop_id, bool roles_open, bool commitments_open);

    // ---- Merging other kiosks' databases (store_merge.cpp) -------------------------
    struct MergeCounts {
        int added = 0, updated = 0, skipped = 0, conflicts = 0;
        int duplicates = 0;  // of the added or updated: kept, but no longer current (the same person, check-in...)
    };
    struct MergeReport {
        std::string source;
        std::vector<std::pair<std::string, MergeCounts>> tables;  // every table, in merge order
        std::vector<std::string> conflicts;                        // one sentence each: what was kept and why
        std::vector<std::string> duplicates;                       // one sentence each: what became one
    };
    // Merges the databases of other kiosks into this one, rows keyed by their UUID (or natural key where a table
    // has no id): a row not here is added, a newer version of a row here replaces it, an older or equal one is
    // skipped, a different one with the same updated_at is a conflict (this database's version kept). Two rows
    // that are one thing by the database's unique rules (one member per name, one current ballot per voter...)
    // are both kept, the one the rules prefer current. Each source is read from a snapshot taken with SQLite's
    // backup API (a source of an older schema version is migrated in that copy) and never changed; one
    // transaction for everything. Anonymous ballots arrive with no token.
    std::vector<MergeReport> MergeFrom(const std::vector<std::string>& source_paths);

    // ---- Reading many things at once -------------------------------------------
    // While one lives, everything this store reads sees one state of the database (an export stays consistent
    // while kiosks write) and the file's locks are taken once, not once per query. For reading only.
    class ReadScope {
    public:
        explicit ReadScope(Store& store);
        ~ReadScope();
        ReadScope(const ReadScope&) = delete;
        ReadScope& operator=(const ReadScope&) = delete;

    private:
        Store& m_store;
    };

    // ---- Change detection --------------------------------------------------
    // Changes whenever another connection commits (PRAGMA data_version); cheap to poll.
    long long DataVersion();

    struct Impl;  // the connection and its prepared statements (store.cpp)

private:
    // Inside the caller's transaction. CastWithin returns true for an anonymous poll. One action's ballots (a task
    // vote's three) share a workshop and a voter: what was checked for the first is not read again.
    struct CastChecks {
        std::string running_workshop;  // found running
        std::string present_in;        // the voter was found checked in to this workshop
    };
    bool CastWithin(const std::string& poll_id, const std::string& member_id, const BallotEntries& entries,
                    CastChecks& checks);
    Poll SetOptionsWithin(const std::string& poll_id, const std::vector<PollOption>& options);
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace facilitation
