// What the stages decide: roles, rhythm, energizing tasks, commitments and their review, voice. Sections:
//   1. Roles
//   2. Rhythm
//   3. Energizing tasks
//   4. Commitments and their review
//   5. Voice
//   6. A renewal's starting point
#include <algorithm>
#include <chrono>
#include <sstream>

#include "facilitation/domain/names.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"
#include "facilitation/store/store_impl.h"

namespace facilitation {

namespace {
// The workshop must exist and still be running to record anything in it.
Workshop RunningWorkshop(Store& store, const std::string& workshop_id) {
    Workshop w = store.GetWorkshop(workshop_id);
    if (!w.IsRunning()) throw RuleError("This workshop is finished; what it decided can be reviewed but not changed.");
    return w;
}
// Marks one row of a running workshop retracted (rows are never deleted). `sql` updates the row's table.
void RetractRow(Store& store, Store::Impl& impl, const char* sql, const std::string& workshop_id, const std::string& id) {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    RunningWorkshop(store, workshop_id);
    auto q = impl.Query(sql);
    q.bind(":now", NowUtc());
    q.bind(":id", id);
    q.bind(":w", workshop_id);
    q.exec();
    transaction.commit();
}
}  // namespace

// ---- 1. Roles ------------------------------------------------------------------------
std::vector<RoleDefinition> Store::RolesOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<RoleDefinition> roles;
        auto q = m_impl->Query("SELECT key, title, description FROM workshop_role WHERE workshop_id = :w ORDER BY position");
        q.bind(":w", workshop_id);
        while (q.executeStep()) roles.push_back({Text(q, "key"), Text(q, "title"), Text(q, "description")});
        return roles;
    });
}

std::vector<RoleAssignment> Store::AssignmentsOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<RoleAssignment> list;
        auto q = m_impl->Query(
            "SELECT r.role_key, r.member_id, m.name FROM role_assignment r JOIN member m ON m.id = r.member_id "
            "LEFT JOIN workshop_role d ON d.workshop_id = r.workshop_id AND d.key = r.role_key "
            "WHERE r.workshop_id = :w AND r.retracted_at IS NULL ORDER BY d.position, m.name_key");
        q.bind(":w", workshop_id);
        while (q.executeStep()) list.push_back({Text(q, "role_key"), Text(q, "member_id"), Text(q, "name")});
        return list;
    });
}

void Store::AssignRole(const std::string& workshop_id, const std::string& role_key, const std::string& member_id) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        const auto roles = RolesOf(workshop_id);
        if (std::none_of(roles.begin(), roles.end(), [&](const RoleDefinition& r) { return r.key == role_key; }))
            throw RuleError("There is no role \"" + role_key + "\" in this workshop.");
        if (!IsCheckedIn(workshop_id, member_id)) throw RuleError("Only people checked in can take a role.");
        auto held = m_impl->Query(
            "SELECT 1 FROM role_assignment WHERE workshop_id = :w AND role_key = :r AND member_id = :m "
            "AND retracted_at IS NULL");
        held.bind(":w", workshop_id);
        held.bind(":r", role_key);
        held.bind(":m", member_id);
        if (held.executeStep()) return;  // already holds it: nothing to do
        held.reset();
        const std::string now = NowUtc();
        auto insert = m_impl->Query(
            "INSERT INTO role_assignment (id, workshop_id, role_key, member_id, created_at, updated_at) "
            "VALUES (:id, :w, :r, :m, :now, :now)");
        insert.bind(":id", NewUuid());
        insert.bind(":w", workshop_id);
        insert.bind(":r", role_key);
        insert.bind(":m", member_id);
        insert.bind(":now", now);
        insert.exec();
        transaction.commit();
    });
}

void Store::UnassignRole(const std::string& workshop_id, const std::string& role_key, const std::string& member_id) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        auto q = m_impl->Query(
            "UPDATE role_assignment SET retracted_at = :now, updated_at = :now "
            "WHERE workshop_id = :w AND role_key = :r AND member_id = :m AND retracted_at IS NULL");
        q.bind(":now", NowUtc());
        q.bind(":w", workshop_id);
        q.bind(":r", role_key);
        q.bind(":m", member_id);
        q.exec();
        transaction.commit();
    });
}

// ---- 2. Rhythm -------------------------------------------------------------------------
namespace {
std::string WeekdaysText(const std::vector<int>& days) {
    std::string text;
    for (int day : days)
        if (day >= 0 && day < 7) text += (text.empty() ? "" : ",") + std::string(kWeekdayCodes[day]);
    return text;
}

std::vector<int> WeekdaysFrom(const std::string& text) {
    std::vector<int> days;
    std::stringstream stream(text);
    std::string code;
    while (std::getline(stream, code, ','))
        for (int i = 0; i < 7; ++i)
            if (code == kWeekdayCodes[i]) days.push_back(i);
    return days;
}

void BindRhythm(Stmt& q, const RhythmDecision& d) {
    const Recurrence& r = d.recurrence;
    q.bind(":activity", CheckName(d.activity, "activity", kMaxActivityChars).cleaned);
    q.bind(":frequency", ToString(r.frequency));
    q.bind(":interval", r.interval);
    q.bind(":weekdays", WeekdaysText(r.weekdays));
    q.bind(":set_position", r.set_position);
    q.bind(":month_day", r.month_day);
    q.bind(":start_date", r.start_date.Iso());
    q.bind(":start_minutes", r.start_minutes);
    q.bind(":duration", r.duration_minutes);
    q.bind(":format", d.format);
    if (d.convener_id.empty()) q.bind(":convener"); else q.bind(":convener", d.convener_id);
    q.bind(":membership", d.membership);
}

std::vector<RhythmDecision> ReadRhythm(Store::Impl& impl, const std::string& workshop_id) {
    std::vector<RhythmDecision> list;
    auto q = impl.Query(
        "SELECT r.*, m.name AS convener_name FROM rhythm_decision r LEFT JOIN member m ON m.id = r.convener_id "
        "WHERE r.workshop_id = :w AND r.retracted_at IS NULL ORDER BY r.created_at, r.rowid");
    q.bind(":w", workshop_id);
    while (q.executeStep()) {
        RhythmDecision d;
        d.id = Text(q, "id");
        d.activity = Text(q, "activity");
        FrequencyFromString(Text(q, "frequency"), d.recurrence.frequency);
        d.recurrence.interval = q.getColumn("interval").getInt();
        d.recurrence.weekdays = WeekdaysFrom(Text(q, "weekdays"));
        d.recurrence.set_position = q.getColumn("set_position").getInt();
        d.recurrence.month_day = q.getColumn("month_day").getInt();
        CivilDate::Parse(Text(q, "start_date"), d.recurrence.start_date);
        d.recurrence.start_minutes = q.getColumn("start_minutes").getInt();
        d.recurrence.duration_minutes = q.getColumn("duration_minutes").getInt();
        d.format = Text(q, "format");
        d.convener_id = Text(q, "convener_id");
        d.convener_name = Text(q, "convener_name");
        d.membership = Text(q, "membership");
        d.updated_at = Text(q, "updated_at");
        list.push_back(d);
    }
    return list;
}

void CheckConvener(Store& store, const std::string& workshop_id, const RhythmDecision& decision) {
    if (!decision.convener_id.empty() && !store.IsCheckedIn(workshop_id, decision.convener_id))
        throw RuleError("The convener must be one of the people checked in.");
}
}  // namespace

std::vector<RhythmDecision> Store::RhythmOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] { return ReadRhythm(*m_impl, workshop_id); });
}

RhythmDecision Store::AddRhythm(const std::string& workshop_id, const RhythmDecision& decision) {
    const std::string problem = RhythmProblem(decision);
    if (!problem.empty()) throw RuleError(problem);
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        CheckConvener(*this, workshop_id, decision);
        RhythmDecision stored = decision;
        stored.id = NewUuid();
        const std::string now = NowUtc();
        auto q = m_impl->Query(
            "INSERT INTO rhythm_decision (id, workshop_id, activity, frequency, interval, weekdays, set_position, "
            "month_day, start_date, start_minutes, duration_minutes, format, convener_id, membership, created_at, "
            "updated_at) VALUES (:id, :w, :activity, :frequency, :interval, :weekdays, :set_position, :month_day, "
            ":start_date, :start_minutes, :duration, :format, :convener, :membership, :now, :now)");
        q.bind(":id", stored.id);
        q.bind(":w", workshop_id);
        BindRhythm(q, decision);
        q.bind(":now", now);
        q.exec();
        transaction.commit();
        stored.activity = CheckName(decision.activity, "activity", kMaxActivityChars).cleaned;
        return stored;
    });
}

RhythmDecision Store::UpdateRhythm(const std::string& workshop_id, const RhythmDecision& decision) {
    const std::string problem = RhythmProblem(decision);
    if (!problem.empty()) throw RuleError(problem);
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        // A convener carried over from the previous workshop may stay even if absent today.
        const auto current = ReadRhythm(*m_impl, workshop_id);
        const auto same = std::find_if(current.begin(), current.end(), [&](const RhythmDecision& d) { return d.id == decision.id; });
        if (same == current.end() || same->convener_id != decision.convener_id) CheckConvener(*this, workshop_id, decision);
        auto q = m_impl->Query(
            "UPDATE rhythm_decision SET activity = :activity, frequency = :frequency, interval = :interval, "
            "weekdays = :weekdays, set_position = :set_position, month_day = :month_day, start_date = :start_date, "
            "start_minutes = :start_minutes, duration_minutes = :duration, format = :format, convener_id = :convener, "
            "membership = :membership, updated_at = :now WHERE id = :id AND workshop_id = :w AND retracted_at IS NULL");
        BindRhythm(q, decision);
        q.bind(":now", NowUtc());
        q.bind(":id", decision.id);
        q.bind(":w", workshop_id);
        if (q.exec() == 0) throw NotFound("rhythm decision", decision.id);
        transaction.commit();
        return decision;
    });
}

void Store::RetractRhythm(const std::string& workshop_id, const std::string& decision_id) {
    Guarded(m_impl->path, [&] {
        RetractRow(*this, *m_impl,
                   "UPDATE rhythm_decision SET retracted_at = :now, updated_at = :now "
                   "WHERE id = :id AND workshop_id = :w AND retracted_at IS NULL",
                   workshop_id, decision_id);
    });
}

// ---- 3. Energizing tasks ---------------------------------------------------------------
namespace {
std::vector<Task> ReadTasks(Store::Impl& impl, const std::string& workshop_id, const std::string& stage_key) {
    std::vector<Task> tasks;
    auto q = impl.Query(
        "SELECT id, stage_key, title FROM task WHERE workshop_id = :w AND stage_key = :s AND retracted_at IS NULL "
        "ORDER BY created_at, rowid");
    q.bind(":w", workshop_id);
    q.bind(":s", stage_key);
    while (q.executeStep()) tasks.push_back({Text(q, "id"), Text(q, "stage_key"), Text(q, "title")});
    return tasks;
}

std::vector<PollOption> TaskOptions(const std::vector<Task>& tasks) {
    std::vector<PollOption> options;
    for (const Task& t : tasks) options.push_back({t.id, t.title});
    return options;
}

int StageDots(Store& store, const std::string& workshop_id, const std::string& stage_key) {
    for (const Stage& s : store.StagesOf(workshop_id))
        if (s.key == stage_key) return s.dots;
    throw RuleError("There is no stage \"" + stage_key + "\" in this workshop.");
}
}  // namespace

std::vector<Task> Store::TasksOf(const std::string& workshop_id, const std::string& stage_key) {
    return Guarded(m_impl->path, [&] { return ReadTasks(*m_impl, workshop_id, stage_key); });
}

Task Store::ProposeTask(const std::string& workshop_id, const std::string& stage_key, const std::string& title) {
    const TextCheck checked = CheckName(title, "task", kMaxTaskChars);
    if (!checked.ok) throw RuleError(checked.error);
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        StageDots(*this, workshop_id, stage_key);
        auto existing = ReadTasks(*m_impl, workshop_id, stage_key);
        const std::string key = NameKey(checked.cleaned);
        for (const Task& t : existing)
            if (NameKey(t.title) == key) throw RuleError("\"" + t.title + "\" is already on the list.");
        if (static_cast<int>(existing.size()) >= kMaxTasksPerStage)
            throw RuleError("The list already holds " + std::to_string(kMaxTasksPerStage) +
                            " tasks, more than a room can rate; merge or drop some first.");
        if (auto polls = FindPoll(workshop_id, stage_key, "energy"); polls && polls->status != PollStatus::Draft)
            throw RuleError("The rating has started: new tasks can no longer be added to this vote.");
        Task task{NewUuid(), stage_key, checked.cleaned};
        const std::string now = NowUtc();
        auto q = m_impl->Query(
            "INSERT INTO task (id, workshop_id, stage_key, title, title_key, created_at, updated_at) "
            "VALUES (:id, :w, :s, :title, :key, :now, :now)");
        q.bind(":id", task.id);
        q.bind(":w", workshop_id);
        q.bind(":s", stage_key);
        q.bind(":title", task.title);
        q.bind(":key", key);
        q.bind(":now", now);
        q.exec();
        existing.push_back(task);
        for (const char* purpose : {"energy", "importance", "dots"})
            if (auto poll = FindPoll(workshop_id, stage_key, purpose)) SetOptionsWithin(poll->id, TaskOptions(existing));
        transaction.commit();
        return task;
    });
}

void Store::RetractTask(const std::string& workshop_id, const std::string& task_id) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        auto find = m_impl->Query("SELECT stage_key FROM task WHERE id = :id AND workshop_id = :w AND retracted_at IS NULL");
        find.bind(":id", task_id);
        find.bind(":w", workshop_id);
        if (!find.executeStep()) throw NotFound("task", task_id);
        const std::string stage_key = Text(find, "stage_key");
        find.reset();
        if (auto poll = FindPoll(workshop_id, stage_key, "energy"); poll && poll->status != PollStatus::Draft)
            throw RuleError("The rating has started: tasks can no longer be removed from this vote.");
        auto q = m_impl->Query("UPDATE task SET retracted_at = :now, updated_at = :now WHERE id = :id");
        q.bind(":now", NowUtc());
        q.bind(":id", task_id);
        q.exec();
        const auto tasks = ReadTasks(*m_impl, workshop_id, stage_key);
        for (const char* purpose : {"energy", "importance", "dots"})
            if (auto poll = FindPoll(workshop_id, stage_key, purpose)) SetOptionsWithin(poll->id, TaskOptions(tasks));
        transaction.commit();
    });
}

Store::TaskPolls Store::EnsureTaskPolls(const std::string& workshop_id, const std::string& stage_key) {
    const auto tasks = TasksOf(workshop_id, stage_key);
    PollSpec energy;
    energy.purpose = "energy";
    energy.kind = PollKind::Rating;
    energy.question = "How much energy does each task give you? (-2 draining .. +2 energizing)";
    energy.scale_min = -2;
    energy.scale_max = 2;
    energy.options = TaskOptions(tasks);
    PollSpec importance = energy;
    importance.purpose = "importance";
    importance.question = "How important is each task to the organization? (1 low .. 3 high)";
    importance.scale_min = 1;
    importance.scale_max = 3;
    PollSpec dots;
    dots.purpose = "dots";
    dots.kind = PollKind::Dots;
    dots.question = "Which tasks do you want the community to take on? Spend your dots.";
    dots.budget = StageDots(*this, workshop_id, stage_key);
    dots.options = energy.options;
    return TaskPolls{EnsurePoll(workshop_id, stage_key, energy), EnsurePoll(workshop_id, stage_key, importance),
                     EnsurePoll(workshop_id, stage_key, dots)};
}

std::vector<TaskResult> Store::TaskResultsOf(const std::string& workshop_id, const std::string& stage_key) {
    const auto tasks = TasksOf(workshop_id, stage_key);
    std::optional<Tally> energy, importance, dots;
    if (auto p = FindPoll(workshop_id, stage_key, "energy")) energy = TallyOf(p->id);
    if (auto p = FindPoll(workshop_id, stage_key, "importance")) importance = TallyOf(p->id);
    if (auto p = FindPoll(workshop_id, stage_key, "dots")) dots = TallyOf(p->id);
    return ComputeTaskResults(tasks, energy ? &*energy : nullptr, importance ? &*importance : nullptr,
                              dots ? &*dots : nullptr);
}

// ---- 4. Commitments and their review ----------------------------------------------------
namespace {
constexpr const char* kCommitmentColumns =
    "c.id, c.workshop_id, c.what, c.due, c.whole_community, c.task_id, c.role_key, c.status, c.carried_from_id, "
    "c.reviewed_in_workshop_id, c.updated_at";

Commitment ReadCommitmentRow(Stmt& q) {
    Commitment c;
    c.id = Text(q, "id");
    c.workshop_id = Text(q, "workshop_id");
    c.what = Text(q, "what");
    c.due = Text(q, "due");
    c.whole_community = q.getColumn("whole_community").getInt() != 0;
    c.task_id = Text(q, "task_id");
    c.role_key = Text(q, "role_key");
    c.status = CommitmentStatusFromString(Text(q, "status")).value_or(CommitmentStatus::Open);
    c.carried_from_id = Text(q, "carried_from_id");
    c.reviewed_in_workshop_id = Text(q, "reviewed_in_workshop_id");
    c.updated_at = Text(q, "updated_at");
    return c;
}

void FillMembers(Store::Impl& impl, Commitment& c) {
    auto q = impl.Query(
        "SELECT m.id, m.name FROM commitment_member cm JOIN member m ON m.id = cm.member_id "
        "WHERE cm.commitment_id = :c ORDER BY m.name_key");
    q.bind(":c", c.id);
    while (q.executeStep()) {
        c.member_ids.push_back(Text(q, "id"));
        c.member_names.push_back(Text(q, "name"));
    }
}

std::vector<Commitment> ReadCommitments(Store::Impl& impl, const char* sql, const std::string& workshop_id) {
    std::vector<Commitment> list;
    auto q = impl.Query(sql);
    q.bind(":w", workshop_id);
    while (q.executeStep()) list.push_back(ReadCommitmentRow(q));
    q.reset();
    for (Commitment& c : list) FillMembers(impl, c);
    return list;
}

std::string InsertCommitment(Store::Impl& impl, const std::string& workshop_id, const Store::CommitmentDraft& draft,
                             const std::string& what, const std::string& carried_from, const std::string& now) {
    const std::string id = NewUuid();
    auto q = impl.Query(
        "INSERT INTO commitment (id, workshop_id, what, due, whole_community, task_id, role_key, carried_from_id, "
        "created_at, updated_at) VALUES (:id, :w, :what, :due, :whole, :task, :role, :from, :now, :now)");
    q.bind(":id", id);
    q.bind(":w", workshop_id);
    q.bind(":what", what);
    q.bind(":due", draft.due);
    q.bind(":whole", draft.whole_community ? 1 : 0);
    if (draft.task_id.empty()) q.bind(":task"); else q.bind(":task", draft.task_id);
    if (draft.role_key.empty()) q.bind(":role"); else q.bind(":role", draft.role_key);
    if (carried_from.empty()) q.bind(":from"); else q.bind(":from", carried_from);
    q.bind(":now", now);
    q.exec();
    for (const std::string& member : draft.member_ids) {
        auto m = impl.Query("INSERT OR IGNORE INTO commitment_member (commitment_id, member_id) VALUES (:c, :m)");
        m.bind(":c", id);
        m.bind(":m", member);
        m.exec();
    }
    return id;
}
}  // namespace

Commitment Store::GetCommitment(const std::string& commitment_id) {
    return Guarded(m_impl->path, [&] {
        static const std::string sql = std::string("SELECT ") + kCommitmentColumns + " FROM commitment c WHERE c.id = :w";
        auto list = ReadCommitments(*m_impl, sql.c_str(), commitment_id);
        if (list.empty()) throw NotFound("commitment", commitment_id);
        return list.front();
    });
}

Commitment Store::AddCommitment(const std::string& workshop_id, const CommitmentDraft& draft, const std::string& today) {
    std::vector<std::string> people = draft.member_ids;
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    const std::string problem = CommitmentProblem(draft.what, draft.due, today, draft.whole_community, people.size());
    if (!problem.empty()) throw RuleError(problem);
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        for (const std::string& member : people)
            if (!IsCheckedIn(workshop_id, member)) throw RuleError("Only people checked in can make a commitment here.");
        if (!draft.role_key.empty()) {
            const auto roles = RolesOf(workshop_id);
            if (std::none_of(roles.begin(), roles.end(), [&](const RoleDefinition& r) { return r.key == draft.role_key; }))
                throw RuleError("There is no role \"" + draft.role_key + "\" in this workshop.");
        }
        if (!draft.task_id.empty()) {
            auto task = m_impl->Query("SELECT 1 FROM task WHERE id = :t AND workshop_id = :w AND retracted_at IS NULL");
            task.bind(":t", draft.task_id);
            task.bind(":w", workshop_id);
            if (!task.executeStep()) throw RuleError("That task is not on this workshop's list.");
        }
        CommitmentDraft clean = draft;
        clean.member_ids = people;
        const std::string id =
            InsertCommitment(*m_impl, workshop_id, clean, CheckName(draft.what, "commitment", kMaxCommitmentChars).cleaned, "", NowUtc());
        transaction.commit();
        return GetCommitment(id);
    });
}

void Store::RetractCommitment(const std::string& workshop_id, const std::string& commitment_id) {
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        auto q = m_impl->Query(
            "UPDATE commitment SET retracted_at = :now, updated_at = :now "
            "WHERE id = :id AND workshop_id = :w AND retracted_at IS NULL");
        q.bind(":now", NowUtc());
        q.bind(":id", commitment_id);
        q.bind(":w", workshop_id);
        if (q.exec() == 0) throw NotFound("commitment", commitment_id);
        // A carried commitment withdrawn: the one it continued is open again for review.
        auto reopen = m_impl->Query(
            "UPDATE commitment SET status = 'open', reviewed_in_workshop_id = NULL, updated_at = :now "
            "WHERE id = (SELECT carried_from_id FROM commitment WHERE id = :id) AND status = 'carried'");
        reopen.bind(":now", NowUtc());
        reopen.bind(":id", commitment_id);
        reopen.exec();
        transaction.commit();
    });
}

std::vector<Commitment> Store::CommitmentsOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        static const std::string sql = std::string("SELECT ") + kCommitmentColumns +
                                       " FROM commitment c WHERE c.workshop_id = :w AND c.retracted_at IS NULL "
                                       "ORDER BY c.due, c.created_at, c.rowid";
        return ReadCommitments(*m_impl, sql.c_str(), workshop_id);
    });
}

std::vector<Commitment> Store::CommitmentsToReview(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        // Earlier workshops of the same community: still open, or reviewed in this very workshop.
        static const std::string sql =
            std::string("SELECT ") + kCommitmentColumns +
            " FROM commitment c JOIN workshop origin ON origin.id = c.workshop_id "
            "JOIN workshop here ON here.id = :w "
            "WHERE origin.community_id = here.community_id AND origin.id <> here.id AND origin.started_at < here.started_at "
            "AND c.retracted_at IS NULL AND (c.status = 'open' OR c.reviewed_in_workshop_id = here.id) "
            "ORDER BY origin.started_at, c.due, c.id";
        return ReadCommitments(*m_impl, sql.c_str(), workshop_id);
    });
}

void Store::ReviewCommitment(const std::string& workshop_id, const std::string& commitment_id, CommitmentStatus outcome,
                             const std::string& new_due) {
    if (outcome == CommitmentStatus::Open) throw RuleError("A review says kept, partly kept, dropped or carried forward.");
    Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        const Workshop here = RunningWorkshop(*this, workshop_id);
        const auto reviewable = CommitmentsToReview(workshop_id);
        auto it = std::find_if(reviewable.begin(), reviewable.end(), [&](const Commitment& c) { return c.id == commitment_id; });
        if (it == reviewable.end()) throw RuleError("That commitment is not one this workshop reviews.");
        const std::string now = NowUtc();
        // Changing one's mind: a carry made earlier in this review is withdrawn first.
        if (it->status == CommitmentStatus::Carried) {
            auto withdraw = m_impl->Query(
                "UPDATE commitment SET retracted_at = :now, updated_at = :now "
                "WHERE carried_from_id = :id AND workshop_id = :w AND retracted_at IS NULL");
            withdraw.bind(":now", now);
            withdraw.bind(":id", commitment_id);
            withdraw.bind(":w", workshop_id);
            withdraw.exec();
        }
        if (outcome == CommitmentStatus::Carried) {
            CommitmentDraft draft;
            draft.what = it->what;
            draft.due = new_due;
            draft.whole_community = it->whole_community;
            draft.role_key = it->role_key;
            for (const std::string& member : it->member_ids)
                draft.member_ids.push_back(member);  // the same people carry it, here or not
            CivilDate due;
            if (!CivilDate::Parse(new_due, due)) throw RuleError("Carrying forward needs a new due date, as YYYY-MM-DD.");
            const std::string today = NowUtc().substr(0, 10);
            if (new_due < today) throw RuleError("The new due date " + new_due + " is in the past.");
            InsertCommitment(*m_impl, workshop_id, draft, it->what, commitment_id, now);
        }
        auto q = m_impl->Query(
            "UPDATE commitment SET status = :status, reviewed_in_workshop_id = :w, updated_at = :now WHERE id = :id");
        q.bind(":status", ToString(outcome));
        q.bind(":w", here.id);
        q.bind(":now", now);
        q.bind(":id", commitment_id);
        q.exec();
        transaction.commit();
    });
}

// ---- 5. Voice ---------------------------------------------------------------------------
std::vector<VoiceItem> Store::VoiceOf(const std::string& workshop_id) {
    return Guarded(m_impl->path, [&] {
        std::vector<VoiceItem> items;
        auto q = m_impl->Query(
            "SELECT id, audience, text FROM voice_item WHERE workshop_id = :w AND retracted_at IS NULL "
            "ORDER BY created_at, rowid");
        q.bind(":w", workshop_id);
        while (q.executeStep()) items.push_back({Text(q, "id"), Text(q, "audience"), Text(q, "text")});
        return items;
    });
}

VoiceItem Store::AddVoice(const std::string& workshop_id, const std::string& audience, const std::string& text) {
    const TextCheck checked = CheckName(text, "message", kMaxVoiceChars);
    if (!checked.ok) throw RuleError(checked.error);
    if (audience != "sponsor" && audience != "organization")
        throw RuleError("A message goes to the sponsor or to the organization.");
    return Guarded(m_impl->path, [&] {
        SQLite::Transaction transaction(m_impl->db, SQLite::TransactionBehavior::IMMEDIATE);
        RunningWorkshop(*this, workshop_id);
        VoiceItem item{NewUuid(), audience, checked.cleaned};
        const std::string now = NowUtc();
        auto q = m_impl->Query(
            "INSERT INTO voice_item (id, workshop_id, audience, text, created_at, updated_at) "
            "VALUES (:id, :w, :audience, :text, :now, :now)");
        q.bind(":id", item.id);
        q.bind(":w", workshop_id);
        q.bind(":audience", audience);
        q.bind(":text", item.text);
        q.bind(":now", now);
        q.exec();
        transaction.commit();
        return item;
    });
}

void Store::RetractVoice(const std::string& workshop_id, const std::string& item_id) {
    Guarded(m_impl->path, [&] {
        RetractRow(*this, *m_impl,
                   "UPDATE voice_item SET retracted_at = :now, updated_at = :now "
                   "WHERE id = :id AND workshop_id = :w AND retracted_at IS NULL",
                   workshop_id, item_id);
    });
}

// ---- 6. A renewal's starting point --------------------------------------------------------
// Role holders are carried over only into roles the new template still has; the people become members
// of the new workshop's roles even before they check in, so the rotation starts from who held what.
void CopyDecisionsWithin(Store::Impl& impl, const std::string& from, const std::string& to, const std::string& now) {
    auto roles = impl.Query(
        "SELECT r.role_key, r.member_id FROM role_assignment r "
        "JOIN workshop_role d ON d.workshop_id = :to AND d.key = r.role_key "
        "WHERE r.workshop_id = :from AND r.retracted_at IS NULL");
    roles.bind(":from", from);
    roles.bind(":to", to);
    std::vector<std::pair<std::string, std::string>> holders;
    while (roles.executeStep()) holders.emplace_back(Text(roles, "role_key"), Text(roles, "member_id"));
    roles.reset();
    for (const auto& [role, member] : holders) {
        auto insert = impl.Query(
            "INSERT INTO role_assignment (id, workshop_id, role_key, member_id, created_at, updated_at) "
            "VALUES (:id, :w, :r, :m, :now, :now)");
        insert.bind(":id", NewUuid());
        insert.bind(":w", to);
        insert.bind(":r", role);
        insert.bind(":m", member);
        insert.bind(":now", now);
        insert.exec();
    }
    // The rhythm keeps last time's order: each copy is stamped one millisecond after the one before it.
    std::vector<std::string> ids;
    {
        auto q = impl.Query(
            "SELECT id FROM rhythm_decision WHERE workshop_id = :from AND retracted_at IS NULL ORDER BY created_at, rowid");
        q.bind(":from", from);
        while (q.executeStep()) ids.push_back(Text(q, "id"));
    }
    auto start = ParseUtc(now).value_or(std::chrono::system_clock::now());
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string stamp = FormatUtc(start + std::chrono::milliseconds(static_cast<long long>(i)));
        auto copy = impl.Query(
            "INSERT INTO rhythm_decision (id, workshop_id, activity, frequency, interval, weekdays, set_position, "
            "month_day, start_date, start_minutes, duration_minutes, format, convener_id, membership, created_at, "
            "updated_at) SELECT :id, :to, activity, frequency, interval, weekdays, set_position, month_day, start_date, "
            "start_minutes, duration_minutes, format, convener_id, membership, :stamp, :stamp "
            "FROM rhythm_decision WHERE id = :source");
        copy.bind(":id", NewUuid());
        copy.bind(":to", to);
        copy.bind(":stamp", stamp);
        copy.bind(":source", ids[i]);
        copy.exec();
    }
}

}  // namespace facilitation
