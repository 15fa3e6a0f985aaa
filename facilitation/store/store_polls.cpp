// Polls and ballots: one engine for single-choice, dot and rating votes, named or anonymous. Sections:
//   1. Anonymous ballot keys (outside the database)
//   2. Creating and reading polls
//   3. The lifecycle: open, close, reveal, reopen
//   4. Ballots
//   5. Tallies and the audit trail
#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "facilitation/domain/sha256.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"
#include "facilitation/store/store_impl.h"

namespace facilitation {
namespace fs = std::filesystem;

// ---- 1. Anonymous ballot keys ----------------------------------------------------
// While an anonymous poll is open, a voter's ballot carries token = SHA-256(key + member id), so that the
// same voter can replace it. The key lives in a file beside the database, never in it, and is destroyed
// (with every token) when the poll closes: from then on nothing can link a ballot to a person, and while
// the poll is open the database alone cannot either.
namespace {
fs::path KeyFolder(const Store::Impl& impl) { return fs::path(impl.path + "-poll-keys"); }
fs::path KeyFile(const Store::Impl& impl, const std::string& poll_id) { return KeyFolder(impl) / (poll_id + ".key"); }

void CreateKey(const Store::Impl& impl, const std::string& poll_id) {
    std::error_code error;
    fs::create_directories(KeyFolder(impl), error);
    fs::permissions(KeyFolder(impl), fs::perms::owner_all, fs::perm_options::replace, error);
    const fs::path target = KeyFile(impl, poll_id);
    const fs::path temporary = target.string() + ".tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << RandomHex(32);
        if (!file) throw StoreError(StoreError::Kind::ReadOnly, "Cannot keep the anonymous vote's key beside " + impl.path + ".");
    }
    fs::rename(temporary, target, error);
    if (error) throw StoreError(StoreError::Kind::ReadOnly, "Cannot keep the anonymous vote's key beside " + impl.path + ".");
}

std::string ReadKey(const Store::Impl& impl, const std::string& poll_id) {
    std::ifstream file(KeyFile(impl, poll_id), std::ios::binary);
    std::string key;
    file >> key;
    return key;
}

void DestroyKey(const Store::Impl& impl, const std::string& poll_id) {
    std::error_code error;
    const fs::path path = KeyFile(impl, poll_id);
    if (fs::exists(path, error)) {
        // Overwrite before unlinking, so the key does not linger in the file's old blocks.
        const auto size = fs::file_size(path, error);
        if (!error) {
            std::ofstream file(path, std::ios::binary | std::ios::in | std::ios::out);
            file << std::string(static_cast<size_t>(size), '0');
        }
        fs::remove(path, error);
    }
    fs::remove(KeyFolder(impl), error);  // only succeeds when empty
}

std::string TokenFor(const std::string& key, const std::string& member_id) { return Sha256Hex(key + ":" + member_id); }
}  // namespace

void ForgetPollKeys(Store::Impl& impl, const std::vector<std::string>& poll_ids) {
    if (poll_ids.empty()) return;
    for (const auto& id : poll_ids) DestroyKey(impl, id);
    CheckpointQuietly(impl);
}

namespace {

// ---- 2. Creating and reading polls -------------------------------------------------
void InsertOptions(Store::Impl& impl, const std::string& poll_id, const std::vector<PollOption>& options,
                   const std::string& now) {
    for (size_t i = 0; i < options.size(); ++i) {
        auto option = impl.Query(
            "INSERT INTO poll_option (id, poll_id, position, key, label, created_at, updated_at) "
            "VALUES (:id, :p, :pos, :key, :label, :now, :now)");
        option.bind(":id", NewUuid());
        option.bind(":p", poll_id);
        option.bind(":pos", static_cast<int>(i));
        option.bind(":key", options[i].key);
        option.bind(":label", options[i].label);
        option.bind(":now", now);
        option.exec();
    }
}

std::optional<std::string> FindPollId(Store::Impl& impl, const std::string& workshop_id, const std::string& stage_key,
                                      const std::string& purpose) {
    auto q = impl.Query("SELECT id FROM poll WHERE workshop_id = :w AND stage_key = :s AND purpose = :purpose");
    q.bind(":w", workshop_id);
    q.bind(":s", stage_key);
    q.bind(":purpose", purpose);
    if (!q.executeStep()) return std::nullopt;
    return Text(q, "id");
}

void BindNullableInt(Stmt& q, const char* name, int value) {
    if (value == 0) q.bind(name); else q.bind(name, value);
}
}  // namespace

Poll Store::EnsurePoll(const std::string& workshop_id, const std::string& stage_key, const PollSpec& spec) {
    const std::string problem = PollSpecProblem(spec);
    if (!problem.empty()) throw RuleError(problem);
    if (auto existing = FindPoll(workshop_id, stage_key, spec.purpose)) return *existing;
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        // Another process may have created it between the look-up and the lock.
        if (auto id = FindPollId(*m_impl, workshop_id, stage_key, spec.purpose)) {
            transaction.commit();
            return GetPoll(*id);
        }
        GetWorkshop(workshop_id);
        const std::string now = NowUtc();
        // Time-ordered: a task vote's three polls, made together, keep their ballots, voters and events side by side
        // in the indexes that start with the poll, so one action's three ballots touch a few pages, not three times as many.
        const std::string id = NewTimeOrderedUuid();
        auto insert = m_impl->Query(
            "INSERT INTO poll (id, workshop_id, stage_key, purpose, kind, question, anonymous, live_results, status, "
            "budget, cap, scale_min, scale_max, created_at, updated_at) "
            "VALUES (:id, :w, :s, :purpose, :kind, :q, :anon, :live, 'draft', :budget, :cap, :min, :max, :now, :now)");
        insert.bind(":id", id);
        insert.bind(":w", workshop_id);
        insert.bind(":s", stage_key);
        insert.bind(":purpose", spec.purpose);
        insert.bind(":kind", ToString(spec.kind));
        insert.bind(":q", spec.question);
        insert.bind(":anon", spec.anonymous ? 1 : 0);
        insert.bind(":live", spec.live_results ? 1 : 0);
        BindNullableInt(insert, ":budget", spec.kind == PollKind::Dots ? spec.budget : 0);
        BindNullableInt(insert, ":cap", spec.kind == PollKind::Dots ? spec.cap : 0);
        if (spec.kind == PollKind::Rating) {
            insert.bind(":min", spec.scale_min);
            insert.bind(":max", spec.scale_max);
        } else {
            insert.bind(":min");
            insert.bind(":max");
        }
        insert.bind(":now", now);
        insert.exec();
        InsertOptions(*m_impl, id, spec.options, now);
        transaction.commit();
        return GetPoll(id);
    });
}

Poll Store::EnsureStageCheckPoll(const std::string& workshop_id, const std::string& stage_key) {
    PollSpec spec;
    spec.kind = PollKind::Single;
    spec.question = "Which stage of development describes our community today?";
    spec.options = DevelopmentStages();
    return EnsurePoll(workshop_id, stage_key, spec);
}

std::optional<Poll> Store::FindPoll(const std::string& workshop_id, const std::string& stage_key,
                                    const std::string& purpose) {
    return Guarded(m_impl->path, [&]() -> std::optional<Poll> {
        const auto id = FindPollId(*m_impl, workshop_id, stage_key, purpose);
        if (!id) return std::nullopt;
        return GetPoll(*id);
    });
}

Poll Store::GetPoll(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] {
        auto q = m_impl->Query(
            "SELECT id, workshop_id, stage_key, purpose, kind, question, anonymous, live_results, status, "
            "budget, cap, scale_min, scale_max FROM poll WHERE id = :id");
        q.bind(":id", poll_id);
        if (!q.executeStep()) throw NotFound("vote", poll_id);
        Poll poll;
        poll.id = Text(q, "id");
        poll.workshop_id = Text(q, "workshop_id");
        poll.stage_key = Text(q, "stage_key");
        poll.purpose = Text(q, "purpose");
        poll.kind = Text(q, "kind");
        poll.question = Text(q, "question");
        poll.anonymous = q.getColumn("anonymous").getInt() != 0;
        poll.live_results = q.getColumn("live_results").getInt() != 0;
        poll.status = PollStatusFromString(Text(q, "status")).value_or(PollStatus::Closed);
        poll.budget = q.getColumn("budget").getInt();  // NULL reads as 0
        poll.cap = q.getColumn("cap").getInt();
        poll.scale_min = q.getColumn("scale_min").getInt();
        poll.scale_max = q.getColumn("scale_max").getInt();
        q.reset();
        // Put in order here: ORDER BY would build a temporary b-tree for a handful of rows on every ballot cast.
        auto options = m_impl->Query("SELECT position, key, label FROM poll_option WHERE poll_id = :p");
        options.bind(":p", poll_id);
        std::vector<std::pair<int, PollOption>> placed;
        while (options.executeStep())
            placed.push_back({options.getColumn(0).getInt(), {Text(options, "key"), Text(options, "label")}});
        std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        poll.options.reserve(placed.size());
        for (auto& [position, option] : placed) poll.options.push_back(std::move(option));
        return poll;
    });
}

std::vector<Poll> Store::PollsOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<std::string> ids;
        auto q = m_impl->Query(
            "SELECT p.id FROM poll p LEFT JOIN workshop_stage s ON s.workshop_id = p.workshop_id AND s.key = p.stage_key "
            "WHERE p.workshop_id = :w ORDER BY s.position, p.created_at, p.purpose");
        q.bind(":w", workshop_id);
        while (q.executeStep()) ids.push_back(Text(q, "id"));
        q.reset();
        std::vector<Poll> polls;
        for (const auto& id : ids) polls.push_back(GetPoll(id));
        return polls;
    });
}

Poll Store::SetPollOptions(const std::string& poll_id, const std::vector<PollOption>& options) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        Poll poll = SetOptionsWithin(poll_id, options);
        transaction.commit();
        return poll;
    });
}

Poll Store::SetOptionsWithin(const std::string& poll_id, const std::vector<PollOption>& options) {
        Poll poll = GetPoll(poll_id);
        if (poll.options.size() == options.size() &&
            std::equal(options.begin(), options.end(), poll.options.begin(),
                       [](const PollOption& a, const PollOption& b) { return a.key == b.key && a.label == b.label; }))
            return poll;
        if (poll.status != PollStatus::Draft)
            throw RuleError("The options of a vote can change only before it opens.");
        PollSpec spec;
        spec.kind = poll.Kind();
        spec.question = poll.question;
        spec.purpose = poll.purpose;
        spec.budget = poll.budget;
        spec.cap = poll.cap;
        spec.scale_min = poll.scale_min;
        spec.scale_max = poll.scale_max;
        spec.options = options;
        const std::string problem = PollSpecProblem(spec);
        if (!problem.empty()) throw RuleError(problem);
        auto remove = m_impl->Query("DELETE FROM poll_option WHERE poll_id = :p");  // a draft's options: no votes yet
        remove.bind(":p", poll_id);
        remove.exec();
        InsertOptions(*m_impl, poll_id, options, NowUtc());
        poll.options = options;
        return poll;
}

Poll Store::SetPollSettings(const std::string& poll_id, bool anonymous, bool live_results) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        Poll poll = GetPoll(poll_id);
        if (poll.anonymous != anonymous && poll.status != PollStatus::Draft)
            throw RuleError("A vote can be made anonymous or named only before it opens.");
        auto q = m_impl->Query("UPDATE poll SET anonymous = :a, live_results = :l, updated_at = :now WHERE id = :id");
        q.bind(":a", anonymous ? 1 : 0);
        q.bind(":l", live_results ? 1 : 0);
        q.bind(":now", NowUtc());
        q.bind(":id", poll_id);
        q.exec();
        transaction.commit();
        poll.anonymous = anonymous;
        poll.live_results = live_results;
        return poll;
    });
}

Poll Store::SetDotRules(const std::string& poll_id, int budget, int cap) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        Poll poll = GetPoll(poll_id);
        if (poll.Kind() != PollKind::Dots) throw RuleError("Only a dot vote has a dot budget.");
        if (poll.status != PollStatus::Draft) throw RuleError("The dot budget can change only before the vote opens.");
        PollSpec spec;
        spec.kind = PollKind::Dots;
        spec.question = poll.question;
        spec.purpose = poll.purpose;
        spec.budget = budget;
        spec.cap = cap;
        spec.options = poll.options;
        const std::string problem = PollSpecProblem(spec);
        if (!problem.empty()) throw RuleError(problem);
        auto q = m_impl->Query("UPDATE poll SET budget = :budget, cap = :cap, updated_at = :now WHERE id = :id");
        q.bind(":budget", budget);
        if (cap > 0) q.bind(":cap", cap); else q.bind(":cap");
        q.bind(":now", NowUtc());
        q.bind(":id", poll_id);
        q.exec();
        transaction.commit();
        poll.budget = budget;
        poll.cap = cap;
        return poll;
    });
}

// ---- 3. The lifecycle ------------------------------------------------------------
// SQLite lays rows out in a page in the order they were written, so the order of casting could pair the
// who-voted rows with the ballot rows. After every anonymous ballot and at close, the poll's rows are
// deleted (secure_delete zeroes them) and written again in key order (member ids, random ballot ids):
// their physical order then follows nothing about the voters.
void RewriteAnonymousRows(Store::Impl& impl, const std::string& poll_id) {
    std::vector<std::string> voters;
    {
        auto q = impl.Query("SELECT member_id FROM poll_voter WHERE poll_id = :p ORDER BY member_id");
        q.bind(":p", poll_id);
        while (q.executeStep()) voters.push_back(Text(q, "member_id"));
    }
    struct Row { std::string id, token; int superseded; };
    std::vector<Row> ballots;
    {
        auto q = impl.Query("SELECT id, token, superseded FROM anonymous_ballot WHERE poll_id = :p ORDER BY id");
        q.bind(":p", poll_id);
        while (q.executeStep()) ballots.push_back({Text(q, "id"), Text(q, "token"), q.getColumn("superseded").getInt()});
    }
    struct Entry { std::string ballot, option; int value; };
    std::vector<Entry> entries;
    {
        auto q = impl.Query(
            "SELECT e.ballot_id, e.option_key, e.value FROM ballot_entry e JOIN anonymous_ballot a ON a.id = e.ballot_id "
            "WHERE a.poll_id = :p ORDER BY e.ballot_id, e.option_key");
        q.bind(":p", poll_id);
        while (q.executeStep()) entries.push_back({Text(q, "ballot_id"), Text(q, "option_key"), q.getColumn("value").getInt()});
    }
    auto drop_entries = impl.Query(
        "DELETE FROM ballot_entry WHERE ballot_id IN (SELECT id FROM anonymous_ballot WHERE poll_id = :p)");
    drop_entries.bind(":p", poll_id);
    drop_entries.exec();
    auto drop_ballots = impl.Query("DELETE FROM anonymous_ballot WHERE poll_id = :p");
    drop_ballots.bind(":p", poll_id);
    drop_ballots.exec();
    auto drop_voters = impl.Query("DELETE FROM poll_voter WHERE poll_id = :p");
    drop_voters.bind(":p", poll_id);
    drop_voters.exec();
    for (const auto& member : voters) {
        auto q = impl.Query("INSERT INTO poll_voter (poll_id, member_id) VALUES (:p, :m)");
        q.bind(":p", poll_id);
        q.bind(":m", member);
        q.exec();
    }
    for (const auto& b : ballots) {
        auto q = impl.Query("INSERT INTO anonymous_ballot (id, poll_id, token, superseded) VALUES (:id, :p, :t, :s)");
        q.bind(":id", b.id);
        q.bind(":p", poll_id);
        if (b.token.empty()) q.bind(":t"); else q.bind(":t", b.token);
        q.bind(":s", b.superseded);
        q.exec();
    }
    for (const auto& e : entries) {
        auto q = impl.Query("INSERT INTO ballot_entry (ballot_id, option_key, value) VALUES (:b, :k, :v)");
        q.bind(":b", e.ballot);
        q.bind(":k", e.option);
        q.bind(":v", e.value);
        q.exec();
    }
}

// Pushes what was just committed out of the write-ahead log, so earlier page images (which could show the
// order of casting, or tokens) do not stay in it. Best effort: a reader may be holding the log.
void CheckpointQuietly(Store::Impl& impl) {
    try {
        impl.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SQLite::Exception&) {
    }
}

void ClosePollWithin(Store::Impl& impl, const std::string& poll_id, const std::string& now) {
    auto update = impl.Query("UPDATE poll SET status = 'closed', updated_at = :now WHERE id = :id");
    update.bind(":now", now);
    update.bind(":id", poll_id);
    update.exec();
    auto erase = impl.Query("UPDATE anonymous_ballot SET token = NULL WHERE poll_id = :p AND token IS NOT NULL");
    erase.bind(":p", poll_id);
    if (erase.exec() > 0) RewriteAnonymousRows(impl, poll_id);
    RecordPollEvent(impl, poll_id, "closed", "", now);
}

namespace {
// Moves one poll inside the caller's transaction. Returns true when an anonymous poll closed, so that the
// caller destroys its key once the transaction has committed.
bool MoveWithin(Store& store, Store::Impl& impl, Poll& poll, PollStatus to, const char* action, const std::string& now) {
    if (!store.GetWorkshop(poll.workshop_id).IsRunning())
        throw RuleError("This workshop is finished: its votes are final.");
    const std::string refusal = PollTransitionRefusal(poll.status, to);
    if (!refusal.empty()) throw RuleError(refusal);
    if (poll.status == to) return false;
    if (poll.options.empty() && to == PollStatus::Open) throw RuleError("This vote has no options yet.");
    if (to == PollStatus::Closed) {
        ClosePollWithin(impl, poll.id, now);
    } else {
        if (to == PollStatus::Open && poll.anonymous) CreateKey(impl, poll.id);
        auto update = impl.Query("UPDATE poll SET status = :status, updated_at = :now WHERE id = :id");
        update.bind(":status", ToString(to));
        update.bind(":now", now);
        update.bind(":id", poll.id);
        update.exec();
        RecordPollEvent(impl, poll.id, action, "", now);
    }
    poll.status = to;
    return to == PollStatus::Closed && poll.anonymous;
}


const char* ActionFor(PollStatus from, PollStatus to) {
    switch (to) {
        case PollStatus::Open: return from == PollStatus::Draft ? "opened" : "reopened";
        case PollStatus::Closed: return "closed";
        case PollStatus::Revealed: return "revealed";
        case PollStatus::Draft: return "draft";
    }
    return "changed";
}

Poll MovePoll(Store& store, Store::Impl& impl, const std::string& poll_id, PollStatus to, bool reopen_only) {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    Poll poll = store.GetPoll(poll_id);
    if (reopen_only && poll.status == PollStatus::Draft) throw RuleError("This vote has not been opened yet.");
    const bool forget = MoveWithin(store, impl, poll, to, ActionFor(poll.status, to), NowUtc());
    transaction.commit();
    if (forget) ForgetPollKeys(impl, {poll_id});
    return poll;
}
}  // namespace

Poll Store::OpenPoll(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] { return MovePoll(*this, *m_impl, poll_id, PollStatus::Open, false); });
}
Poll Store::ClosePoll(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] { return MovePoll(*this, *m_impl, poll_id, PollStatus::Closed, false); });
}
Poll Store::RevealPoll(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] { return MovePoll(*this, *m_impl, poll_id, PollStatus::Revealed, false); });
}
Poll Store::ReopenPoll(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] { return MovePoll(*this, *m_impl, poll_id, PollStatus::Open, true); });
}

Store::TaskPolls Store::OpenTaskVote(const std::string& workshop_id, const std::string& stage_key,
                                     const TaskVoteRules& rules) {
    TaskPolls polls = EnsureTaskPolls(workshop_id, stage_key);  // drafts, created once
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = NowUtc();
        for (Poll* poll : {&polls.energy, &polls.importance, &polls.dots}) {
            *poll = GetPoll(poll->id);
            if (poll->status != PollStatus::Draft) throw RuleError("This vote has already been opened.");
            PollSpec spec;
            spec.kind = poll->Kind();
            spec.question = poll->question;
            spec.purpose = poll->purpose;
            spec.budget = rules.budget > 0 ? rules.budget : poll->budget;
            spec.cap = rules.cap;
            spec.scale_min = poll->scale_min;
            spec.scale_max = poll->scale_max;
            spec.options = poll->options;
            const std::string problem = PollSpecProblem(spec);
            if (!problem.empty()) throw RuleError(problem);
            auto q = m_impl->Query(
                "UPDATE poll SET anonymous = :a, live_results = :l, budget = :b, cap = :c, updated_at = :now WHERE id = :id");
            q.bind(":a", rules.anonymous ? 1 : 0);
            q.bind(":l", rules.live_results ? 1 : 0);
            if (spec.kind == PollKind::Dots) q.bind(":b", spec.budget); else q.bind(":b");
            if (spec.kind == PollKind::Dots && spec.cap > 0) q.bind(":c", spec.cap); else q.bind(":c");
            q.bind(":now", now);
            q.bind(":id", poll->id);
            q.exec();
            poll->anonymous = rules.anonymous;
            poll->live_results = rules.live_results;
            if (spec.kind == PollKind::Dots) {
                poll->budget = spec.budget;
                poll->cap = spec.cap;
            }
            MoveWithin(*this, *m_impl, *poll, PollStatus::Open, "opened", now);
        }
        transaction.commit();
        return polls;
    });
}

std::vector<Poll> Store::MovePolls(const std::vector<std::string>& poll_ids, PollStatus to) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = NowUtc();
        std::vector<Poll> polls;
        std::vector<std::string> forget;
        for (const auto& id : poll_ids) {
            Poll poll = GetPoll(id);
            if (MoveWithin(*this, *m_impl, poll, to, ActionFor(poll.status, to), now)) forget.push_back(id);
            polls.push_back(poll);
        }
        transaction.commit();
        ForgetPollKeys(*m_impl, forget);
        return polls;
    });
}

std::vector<Poll> Store::ResetPolls(const std::vector<std::string>& poll_ids) {
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const std::string now = NowUtc();
        std::vector<Poll> polls;
        std::vector<std::string> forget;
        for (const auto& id : poll_ids) {
            Poll poll = GetPoll(id);
            if (!GetWorkshop(poll.workshop_id).IsRunning()) throw RuleError("This workshop is finished: its votes are final.");
            if (poll.status == PollStatus::Draft) {
                polls.push_back(poll);
                continue;
            }
            // Ballots are set aside, never erased: the audit trail and a merge still see them.
            auto named = m_impl->Query(
                "UPDATE ballot SET superseded_at = :now, updated_at = :now WHERE poll_id = :p AND superseded_at IS NULL");
            named.bind(":now", now);
            named.bind(":p", id);
            named.exec();
            auto anonymous = m_impl->Query(
                "UPDATE anonymous_ballot SET superseded = 1, token = NULL WHERE poll_id = :p");
            anonymous.bind(":p", id);
            const bool had_anonymous = anonymous.exec() > 0;
            auto voters = m_impl->Query("DELETE FROM poll_voter WHERE poll_id = :p");
            voters.bind(":p", id);
            voters.exec();
            auto update = m_impl->Query("UPDATE poll SET status = 'draft', updated_at = :now WHERE id = :id");
            update.bind(":now", now);
            update.bind(":id", id);
            update.exec();
            if (had_anonymous) RewriteAnonymousRows(*m_impl, id);
            RecordPollEvent(*m_impl, id, "reset", "", now);
            if (poll.anonymous) forget.push_back(id);
            poll.status = PollStatus::Draft;
            polls.push_back(poll);
        }
        transaction.commit();
        ForgetPollKeys(*m_impl, forget);
        return polls;
    });
}

// ---- 4. Ballots --------------------------------------------------------------------
namespace {
void InsertEntries(Store::Impl& impl, const std::string& ballot_id, const BallotEntries& entries, PollKind kind) {
    for (const auto& [key, value] : entries) {
        // An unspent dot or an unpicked choice is not an entry; a rating of 0 is a score like any other.
        if (value == 0 && kind != PollKind::Rating) continue;
        auto entry = impl.Query("INSERT INTO ballot_entry (ballot_id, option_key, value) VALUES (:b, :key, :value)");
        entry.bind(":b", ballot_id);
        entry.bind(":key", key);
        entry.bind(":value", value);
        entry.exec();
    }
}

bool HasVoted(Store::Impl& impl, const std::string& poll_id, const std::string& member_id) {
    auto voted = impl.Query("SELECT 1 FROM poll_voter WHERE poll_id = :p AND member_id = :m");
    voted.bind(":p", poll_id);
    voted.bind(":m", member_id);
    return voted.executeStep();
}
}  // namespace

bool Store::CastWithin(const std::string& poll_id, const std::string& member_id, const BallotEntries& entries,
                       CastChecks& checks) {
        const Poll poll = GetPoll(poll_id);
        if (checks.running_workshop != poll.workshop_id) {
            if (!GetWorkshop(poll.workshop_id).IsRunning())
                throw RuleError("This workshop is finished: its votes are final.");
            checks.running_workshop = poll.workshop_id;
        }
        BallotEntries ballot;
        for (const auto& [key, value] : entries)
            if (value != 0 || poll.Kind() == PollKind::Rating) ballot[key] = value;
        // An unnamed ballot (no member) exists only in anonymous polls: a guest not on the list.
        const bool unnamed = member_id.empty();
        if (unnamed && !poll.anonymous) throw RuleError("This vote is named: pick your name to vote.");
        const bool present = unnamed || checks.present_in == poll.workshop_id || IsCheckedIn(poll.workshop_id, member_id);
        if (present && !unnamed) checks.present_in = poll.workshop_id;
        const std::string refusal = BallotRefusal(poll, present, ballot);
        if (!refusal.empty()) throw RuleError(refusal);
        const std::string now = NowUtc();
        const bool voted = !unnamed && HasVoted(*m_impl, poll_id, member_id);
        const char* action = voted ? "ballot replaced" : "ballot cast";
        if (poll.anonymous) {
            const std::string key = ReadKey(*m_impl, poll_id);
            if (key.empty())
                throw RuleError("This anonymous vote lost its key (its folder was changed): close and reopen the vote.");
            const std::string token = unnamed ? std::string() : TokenFor(key, member_id);
            if (voted) {
                auto supersede = m_impl->Query(
                    "UPDATE anonymous_ballot SET superseded = 1 WHERE poll_id = :p AND token = :t AND superseded = 0");
                supersede.bind(":p", poll_id);
                supersede.bind(":t", token);
                if (supersede.exec() == 0)
                    throw RuleError("You voted before the vote was reopened; an anonymous ballot cannot be traced back "
                                    "to be changed, so your earlier ballot stands.");
            }
            const std::string id = NewUuid();  // random (version 4): its order must not show the order of casting
            auto insert = m_impl->Query("INSERT INTO anonymous_ballot (id, poll_id, token) VALUES (:id, :p, :t)");
            insert.bind(":id", id);
            insert.bind(":p", poll_id);
            if (unnamed) insert.bind(":t"); else insert.bind(":t", token);
            insert.exec();
            InsertEntries(*m_impl, id, ballot, poll.Kind());
        } else {
            auto current = m_impl->Query(
                "SELECT id FROM ballot WHERE poll_id = :p AND voter_id = :m AND superseded_at IS NULL");
            current.bind(":p", poll_id);
            current.bind(":m", member_id);
            if (current.executeStep()) {
                const std::string old_id = Text(current, "id");
                current.reset();
                auto supersede = m_impl->Query("UPDATE ballot SET superseded_at = :now, updated_at = :now WHERE id = :id");
                supersede.bind(":now", now);
                supersede.bind(":id", old_id);
                supersede.exec();
            }
            const std::string id = NewTimeOrderedUuid();  // a named ballot's time is on record (created_at)
            auto insert = m_impl->Query(
                "INSERT INTO ballot (id, poll_id, voter_id, created_at, updated_at) VALUES (:id, :p, :m, :now, :now)");
            insert.bind(":id", id);
            insert.bind(":p", poll_id);
            insert.bind(":m", member_id);
            insert.bind(":now", now);
            insert.exec();
            InsertEntries(*m_impl, id, ballot, poll.Kind());
        }
        if (!unnamed) {
            auto voter = m_impl->Query("INSERT OR IGNORE INTO poll_voter (poll_id, member_id) VALUES (:p, :m)");
            voter.bind(":p", poll_id);
            voter.bind(":m", member_id);
            voter.exec();
        }
        if (poll.anonymous) RewriteAnonymousRows(*m_impl, poll_id);
        RecordPollEvent(*m_impl, poll_id, action, poll.anonymous ? "" : member_id, now);
        return poll.anonymous;
}

void Store::CastBallot(const std::string& poll_id, const std::string& member_id, const BallotEntries& entries) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        CastChecks checks;
        const bool anonymous = CastWithin(poll_id, member_id, entries, checks);
        transaction.commit();
        if (anonymous) CheckpointQuietly(*m_impl);
    });
}

void Store::CastBallots(const std::string& member_id,
                        const std::vector<std::pair<std::string, BallotEntries>>& ballots) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        bool anonymous = false;
        CastChecks checks;
        for (const auto& [poll_id, entries] : ballots) {
            try {
                anonymous = CastWithin(poll_id, member_id, entries, checks) || anonymous;
            } catch (const RuleError& refusal) {
                // Say which part of the ballot was refused: "Energy: ...", "Dots: ...".
                std::string part = GetPoll(poll_id).purpose;
                if (!part.empty()) part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
                throw RuleError(part + ": " + refusal.what());
            }
        }
        transaction.commit();
        if (anonymous) CheckpointQuietly(*m_impl);
    });
}

void Store::CastUnnamedBallots(const std::vector<std::pair<std::string, BallotEntries>>& ballots) {
    CastBallots("", ballots);
}

void Store::CastBallot(const std::string& poll_id, const std::string& member_id, const std::string& option_key) {
    CastBallot(poll_id, member_id, BallotEntries{{option_key, 1}});
}

std::optional<BallotEntries> Store::BallotEntriesOf(const std::string& poll_id, const std::string& member_id) {
    return Guarded(m_impl->path, [&]() -> std::optional<BallotEntries> {
        auto q = m_impl->Query(
            "SELECT b.id AS ballot_id, e.option_key, e.value FROM ballot b LEFT JOIN ballot_entry e ON e.ballot_id = b.id "
            "WHERE b.poll_id = :p AND b.voter_id = :m AND b.superseded_at IS NULL");
        q.bind(":p", poll_id);
        q.bind(":m", member_id);
        std::optional<BallotEntries> entries;
        while (q.executeStep()) {
            if (!entries) entries.emplace();
            if (!q.getColumn("option_key").isNull()) (*entries)[Text(q, "option_key")] = q.getColumn("value").getInt();
        }
        return entries;
    });
}

std::optional<std::string> Store::BallotOf(const std::string& poll_id, const std::string& member_id) {
    const auto entries = BallotEntriesOf(poll_id, member_id);
    if (!entries) return std::nullopt;
    for (const auto& [key, value] : *entries)
        if (value != 0) return key;
    return std::nullopt;
}

std::vector<std::string> Store::VotersOf(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<std::string> voters;
        auto q = m_impl->Query("SELECT member_id FROM poll_voter WHERE poll_id = :p ORDER BY member_id");
        q.bind(":p", poll_id);
        while (q.executeStep()) voters.push_back(Text(q, "member_id"));
        return voters;
    });
}

// ---- 5. Tallies and the audit trail -------------------------------------------------
Tally Store::TallyOf(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] {
        const Poll poll = GetPoll(poll_id);
        // Each query returns a ballot's entries one after another, ballots in id order as their index (poll, current,
        // id) keeps them, so nothing is sorted and the entries are looked up in their own key order: a ballot ends
        // where the next begins. Gathering them in a map keyed by ballot id instead cost string comparisons per row
        // and level, and with random look-ups made the time per ballot grow with the poll.
        std::vector<BallotEntries> list;
        auto gather = [&list](Stmt& q) {
            std::string current;  // ids are never empty: the first row starts a ballot
            while (q.executeStep()) {
                const char* id = q.getColumn(0).getText();
                if (current != id) {
                    current = id;
                    list.emplace_back();
                }
                list.back()[Text(q, "option_key")] = q.getColumn("value").getInt();
            }
        };
        auto named = m_impl->Query(
            "SELECT b.id, e.option_key, e.value FROM ballot b JOIN ballot_entry e ON e.ballot_id = b.id "
            "WHERE b.poll_id = :p AND b.superseded_at IS NULL ORDER BY b.id");
        named.bind(":p", poll_id);
        gather(named);
        named.reset();
        auto anonymous = m_impl->Query(
            "SELECT a.id, e.option_key, e.value FROM anonymous_ballot a JOIN ballot_entry e ON e.ballot_id = a.id "
            "WHERE a.poll_id = :p AND a.superseded = 0 ORDER BY a.id");
        anonymous.bind(":p", poll_id);
        gather(anonymous);
        return TallyBallots(poll, list);
    });
}

std::vector<Store::PollEvent> Store::PollEventsOf(const std::string& poll_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<PollEvent> events;
        auto q = m_impl->Query("SELECT action, member_id, at FROM poll_event WHERE poll_id = :p ORDER BY at, rowid");
        q.bind(":p", poll_id);
        while (q.executeStep()) events.push_back(PollEvent{Text(q, "action"), Text(q, "member_id"), Text(q, "at")});
        return events;
    });
}

}  // namespace facilitation
