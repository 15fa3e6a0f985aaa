// What the stages record, through the store on a real file: roles, rhythm, energizing tasks and their polls,
// commitments, their review and carry-forward, voice, a renewal's starting point, and finished workshops.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "facilitation/domain/uuid.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using Catch::Matchers::Contains;
using Catch::Matchers::UnorderedEquals;

namespace {

const char* const kTasks = "energizing-tasks";

Template RenewalTemplate() { return LoadTemplate(COPK_TEST_DATA_DIR "/templates", "renewal"); }

// A launch workshop with three people checked in.
struct DecisionRoom : RunningWorkshop {
    Participant ana = store->CheckIn(workshop.id, "Ana");
    Participant bo = store->CheckIn(workshop.id, "Bo");
    Participant cy = store->CheckIn(workshop.id, "Cy");
    std::string today = IsoDayFromToday(0);

    Commitment Commit(const std::string& what, std::vector<std::string> people, int due_in_days = 30) {
        Store::CommitmentDraft d;
        d.what = what;
        d.due = IsoDayFromToday(due_in_days);
        d.member_ids = std::move(people);
        d.whole_community = d.member_ids.empty();
        return store->AddCommitment(workshop.id, d, today);
    }
    long long Rows(const std::string& table) {
        RawDb raw(path, SQLITE_OPEN_READONLY);
        return std::stoll(raw.Text("SELECT count(*) FROM " + table));
    }
};

std::vector<std::string> KeysOf(const std::vector<RoleDefinition>& roles) {
    std::vector<std::string> keys;
    for (const auto& r : roles) keys.push_back(r.key);
    return keys;
}

std::vector<std::string> HoldersOf(const std::vector<RoleAssignment>& assignments) {
    std::vector<std::string> list;
    for (const auto& a : assignments) list.push_back(a.role_key + "=" + a.member_id);
    return list;
}

std::vector<std::string> TitlesOf(const std::vector<Task>& tasks) {
    std::vector<std::string> titles;
    for (const auto& t : tasks) titles.push_back(t.title);
    return titles;
}

std::vector<std::string> OptionKeys(const Poll& poll) {
    std::vector<std::string> keys;
    for (const auto& o : poll.options) keys.push_back(o.key);
    return keys;
}

std::vector<std::string> TaskIds(const std::vector<Task>& tasks) {
    std::vector<std::string> ids;
    for (const auto& t : tasks) ids.push_back(t.id);
    return ids;
}

std::vector<std::string> IdsOf(const std::vector<Commitment>& list) {
    std::vector<std::string> ids;
    for (const auto& c : list) ids.push_back(c.id);
    return ids;
}

const Commitment* Find(const std::vector<Commitment>& list, const std::string& id) {
    for (const auto& c : list)
        if (c.id == id) return &c;
    return nullptr;
}

const Commitment* CarriedFrom(const std::vector<Commitment>& list, const std::string& from) {
    const Commitment* found = nullptr;
    int n = 0;
    for (const auto& c : list)
        if (c.carried_from_id == from) {
            found = &c;
            ++n;
        }
    CHECK(n <= 1);
    return found;
}

CivilDate Date(const char* iso) {
    CivilDate d;
    REQUIRE(CivilDate::Parse(iso, d));
    return d;
}

RhythmDecision MonthlyCall(const std::string& convener) {
    RhythmDecision d;
    d.activity = "Monthly call";
    d.recurrence.frequency = Frequency::Monthly;
    d.recurrence.interval = 2;
    d.recurrence.weekdays = {4};       // Friday
    d.recurrence.set_position = -1;    // the last one of the month
    d.recurrence.start_date = Date("2027-01-29");
    d.recurrence.start_minutes = 18 * 60 + 30;
    d.recurrence.duration_minutes = 90;
    d.format = "hybrid";
    d.convener_id = convener;
    d.membership = "closed";
    return d;
}

RhythmDecision WeeklyStandup() {
    RhythmDecision d;
    d.activity = "Weekly stand-up";
    d.recurrence.frequency = Frequency::Weekly;
    d.recurrence.interval = 3;
    d.recurrence.weekdays = {0, 3};  // Monday and Thursday
    d.recurrence.start_date = Date("2027-02-01");
    d.recurrence.start_minutes = 9 * 60;
    d.recurrence.duration_minutes = 15;
    d.format = "online";
    d.membership = "open";
    return d;
}

RhythmDecision MonthlyOnThe15th() {
    RhythmDecision d;
    d.activity = "Show and tell";
    d.recurrence.frequency = Frequency::Monthly;
    d.recurrence.month_day = 15;
    d.recurrence.start_date = Date("2027-03-15");
    d.recurrence.start_minutes = 12 * 60;
    d.recurrence.duration_minutes = 45;
    d.format = "face-to-face";
    return d;
}

void CheckSameRhythm(const RhythmDecision& got, const RhythmDecision& want) {
    CHECK(got.activity == want.activity);
    CHECK(got.recurrence.frequency == want.recurrence.frequency);
    CHECK(got.recurrence.interval == want.recurrence.interval);
    CHECK(got.recurrence.weekdays == want.recurrence.weekdays);
    CHECK(got.recurrence.set_position == want.recurrence.set_position);
    CHECK(got.recurrence.month_day == want.recurrence.month_day);
    CHECK(got.recurrence.start_date == want.recurrence.start_date);
    CHECK(got.recurrence.start_minutes == want.recurrence.start_minutes);
    CHECK(got.recurrence.duration_minutes == want.recurrence.duration_minutes);
    CHECK(got.format == want.format);
    CHECK(got.convener_id == want.convener_id);
    CHECK(got.membership == want.membership);
    CHECK(ToRRule(got.recurrence) == ToRRule(want.recurrence));
}

const RhythmDecision* ByActivity(const std::vector<RhythmDecision>& list, const std::string& activity) {
    for (const auto& d : list)
        if (d.activity == activity) return &d;
    return nullptr;
}

}  // namespace

// ---- Roles ------------------------------------------------------------------------------------------------------

TEST_CASE("store: a workshop's roles come from its template; a person may hold several", "[store][roles]") {
    DecisionRoom f;
    CHECK(KeysOf(f.store->RolesOf(f.workshop.id)) == KeysOf(f.launch.roles));
    CHECK(KeysOf(f.store->RolesOf(f.workshop.id)) ==
          std::vector<std::string>{"sponsor", "coordinator", "core-group", "active-member", "peripheral-member",
                                   "facilitator", "liaison"});
    CHECK(f.store->AssignmentsOf(f.workshop.id).empty());
    CHECK(RoleWarnings(f.store->RolesOf(f.workshop.id), f.store->AssignmentsOf(f.workshop.id)).size() == 2);

    f.store->AssignRole(f.workshop.id, "sponsor", f.ana.id);
    f.store->AssignRole(f.workshop.id, "coordinator", f.ana.id);
    f.store->AssignRole(f.workshop.id, "core-group", f.ana.id);
    f.store->AssignRole(f.workshop.id, "coordinator", f.bo.id);
    f.store->AssignRole(f.workshop.id, "coordinator", f.bo.id);  // already held: no second row
    auto held = f.store->AssignmentsOf(f.workshop.id);
    CHECK_THAT(HoldersOf(held), UnorderedEquals(std::vector<std::string>{
                                    "sponsor=" + f.ana.id, "coordinator=" + f.ana.id, "core-group=" + f.ana.id,
                                    "coordinator=" + f.bo.id}));
    for (const auto& a : held) CHECK(a.member_name == (a.member_id == f.ana.id ? "Ana" : "Bo"));
    CHECK(RoleWarnings(f.store->RolesOf(f.workshop.id), held).empty());

    f.store->AssignRole(f.workshop.id, "liaison", f.ana.id);
    auto warnings = RoleWarnings(f.store->RolesOf(f.workshop.id), f.store->AssignmentsOf(f.workshop.id));
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Contains("Ana"));

    f.store->UnassignRole(f.workshop.id, "liaison", f.ana.id);
    f.store->UnassignRole(f.workshop.id, "sponsor", f.ana.id);
    warnings = RoleWarnings(f.store->RolesOf(f.workshop.id), f.store->AssignmentsOf(f.workshop.id));
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Contains("sponsor", Catch::CaseSensitive::No));
}

TEST_CASE("store: unknown roles and people not checked in cannot take a role", "[store][roles]") {
    DecisionRoom f;
    CHECK_THROWS_AS(f.store->AssignRole(f.workshop.id, "emperor", f.ana.id), RuleError);
    CHECK_THROWS_AS(f.store->AssignRole(f.workshop.id, "sponsor", NewUuid()), RuleError);
    f.store->CheckOut(f.workshop.id, f.cy.id);
    CHECK_THROWS_AS(f.store->AssignRole(f.workshop.id, "sponsor", f.cy.id), RuleError);
    CHECK(f.store->AssignmentsOf(f.workshop.id).empty());
}

// ---- Rhythm --------------------------------------------------------------------------------------------------

TEST_CASE("store: a weekly rhythm with no weekday is refused and nothing is saved", "[store][rhythm]") {
    DecisionRoom f;
    RhythmDecision d = WeeklyStandup();
    d.recurrence.weekdays.clear();
    CHECK_THROWS_AS(f.store->AddRhythm(f.workshop.id, d), RuleError);
    CHECK(f.store->RhythmOf(f.workshop.id).empty());
    CHECK(f.Rows("rhythm_decision") == 0);

    d = MonthlyCall(NewUuid());  // a convener who is not here
    CHECK_THROWS_AS(f.store->AddRhythm(f.workshop.id, d), RuleError);
    CHECK(f.Rows("rhythm_decision") == 0);
}

TEST_CASE("store: rhythm decisions keep every field through the database", "[store][rhythm]") {
    DecisionRoom f;
    const RhythmDecision call = MonthlyCall(f.bo.id);
    const RhythmDecision standup = WeeklyStandup();
    const RhythmDecision show = MonthlyOnThe15th();
    const RhythmDecision added = f.store->AddRhythm(f.workshop.id, call);
    CHECK(LooksLikeUuid(added.id));
    f.store->AddRhythm(f.workshop.id, standup);
    f.store->AddRhythm(f.workshop.id, show);

    // Read back through a fresh connection, as another kiosk would.
    const std::string path = f.path;
    const std::string workshop_id = f.workshop.id;
    f.store.reset();
    auto store = Store::Open(path);
    const auto list = store->RhythmOf(workshop_id);
    REQUIRE(list.size() == 3);
    REQUIRE(ByActivity(list, "Monthly call"));
    REQUIRE(ByActivity(list, "Weekly stand-up"));
    REQUIRE(ByActivity(list, "Show and tell"));
    CheckSameRhythm(*ByActivity(list, "Monthly call"), call);
    CHECK(ByActivity(list, "Monthly call")->convener_name == "Bo");
    CHECK(ByActivity(list, "Monthly call")->id == added.id);
    CheckSameRhythm(*ByActivity(list, "Weekly stand-up"), standup);
    CHECK(ByActivity(list, "Weekly stand-up")->convener_name.empty());
    CheckSameRhythm(*ByActivity(list, "Show and tell"), show);
    CHECK(ToRRule(ByActivity(list, "Monthly call")->recurrence) == "FREQ=MONTHLY;INTERVAL=2;BYDAY=FR;BYSETPOS=-1");

    SECTION("an update keeps every new field, and retracting removes it") {
        RhythmDecision changed = *ByActivity(list, "Monthly call");
        changed.activity = "Quarterly meeting";
        changed.recurrence.interval = 3;
        changed.recurrence.weekdays = {1};
        changed.recurrence.set_position = 1;
        changed.recurrence.start_minutes = 8 * 60;
        changed.recurrence.duration_minutes = 120;
        changed.format = "face-to-face";
        changed.convener_id = "";
        changed.membership = "open";
        store->UpdateRhythm(workshop_id, changed);
        const auto after = store->RhythmOf(workshop_id);
        REQUIRE(after.size() == 3);
        REQUIRE(ByActivity(after, "Quarterly meeting"));
        CheckSameRhythm(*ByActivity(after, "Quarterly meeting"), changed);
        CHECK(ByActivity(after, "Monthly call") == nullptr);

        RhythmDecision broken = changed;
        broken.recurrence.weekdays.clear();
        CHECK_THROWS_AS(store->UpdateRhythm(workshop_id, broken), RuleError);
        CheckSameRhythm(*ByActivity(store->RhythmOf(workshop_id), "Quarterly meeting"), changed);

        store->RetractRhythm(workshop_id, changed.id);
        CHECK(store->RhythmOf(workshop_id).size() == 2);
        CHECK(ByActivity(store->RhythmOf(workshop_id), "Quarterly meeting") == nullptr);
    }
}

// ---- Energizing tasks ------------------------------------------------------------------------------------------

TEST_CASE("store: blank and duplicate tasks are refused", "[store][tasks]") {
    DecisionRoom f;
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, ""), RuleError);
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "   \t "), RuleError);
    CHECK(f.store->TasksOf(f.workshop.id, kTasks).empty());

    const Task guide = f.store->ProposeTask(f.workshop.id, kTasks, "  Write a   newcomer guide ");
    CHECK(guide.title == "Write a newcomer guide");
    CHECK(LooksLikeUuid(guide.id));
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "Write a newcomer guide"), RuleError);
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "WRITE A NEWCOMER GUIDE"), RuleError);
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "write  a newcomer   Guide"), RuleError);
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, std::string(kMaxTaskChars + 1, 'x')), RuleError);
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, "no-such-stage", "Debate"), RuleError);
    CHECK(TitlesOf(f.store->TasksOf(f.workshop.id, kTasks)) == std::vector<std::string>{"Write a newcomer guide"});
    CHECK(f.Rows("task") == 1);
}

TEST_CASE("store: at most 60 tasks per stage; 200 proposals leave exactly 60, nothing half-saved", "[store][tasks]") {
    REQUIRE(kMaxTasksPerStage == 60);
    DecisionRoom f;
    bool polls_first = false;
    SECTION("before the task polls exist") { polls_first = false; }
    SECTION("with the task polls already made") { polls_first = true; }
    if (polls_first) CHECK(f.store->EnsureTaskPolls(f.workshop.id, kTasks).energy.options.empty());
    int accepted = 0, refused = 0;
    for (int i = 1; i <= 200; ++i) {
        try {
            f.store->ProposeTask(f.workshop.id, kTasks, "Task number " + std::to_string(i));
            ++accepted;
        } catch (const RuleError&) {
            ++refused;
        }
        if (i == 61) {
            INFO("the 61st proposal");
            CHECK(accepted == 60);
        }
    }
    CHECK(accepted == 60);
    CHECK(refused == 140);
    const auto tasks = f.store->TasksOf(f.workshop.id, kTasks);
    REQUIRE(tasks.size() == 60);
    std::vector<std::string> first_sixty;
    for (int i = 1; i <= 60; ++i) first_sixty.push_back("Task number " + std::to_string(i));
    CHECK_THAT(TitlesOf(tasks), UnorderedEquals(first_sixty));
    CHECK(f.Rows("task") == 60);
    if (!polls_first) f.store->EnsureTaskPolls(f.workshop.id, kTasks);
    for (const char* purpose : {"energy", "importance", "dots"}) {
        INFO(purpose);
        const auto poll = f.store->FindPoll(f.workshop.id, kTasks, purpose);
        REQUIRE(poll.has_value());
        CHECK_THAT(OptionKeys(*poll), UnorderedEquals(TaskIds(tasks)));
    }
    CHECK(f.Rows("poll_option") == 3 * 60);
    CHECK(f.store->PollsOf(f.workshop.id).size() == 3);
}

TEST_CASE("store: the three task polls follow the proposed tasks while they are drafts", "[store][tasks]") {
    DecisionRoom f;
    const Task solve = f.store->ProposeTask(f.workshop.id, kTasks, "Solve a hard problem together");
    const Task debate = f.store->ProposeTask(f.workshop.id, kTasks, "Debate a hot issue in our domain");
    const Store::TaskPolls polls = f.store->EnsureTaskPolls(f.workshop.id, kTasks);
    CHECK(polls.energy.Kind() == PollKind::Rating);
    CHECK(polls.energy.scale_min == -2);
    CHECK(polls.energy.scale_max == 2);
    CHECK(polls.importance.Kind() == PollKind::Rating);
    CHECK(polls.importance.scale_min == 1);
    CHECK(polls.importance.scale_max == 3);
    CHECK(polls.dots.Kind() == PollKind::Dots);
    CHECK(polls.dots.budget == 3);
    for (const Poll& p : {polls.energy, polls.importance, polls.dots}) {
        CHECK(p.status == PollStatus::Draft);
        CHECK_THAT(OptionKeys(p), UnorderedEquals(std::vector<std::string>{solve.id, debate.id}));
    }
    // Asking again gives the same polls.
    CHECK(f.store->EnsureTaskPolls(f.workshop.id, kTasks).energy.id == polls.energy.id);

    const Task faq = f.store->ProposeTask(f.workshop.id, kTasks, "Answer the same basic questions in a FAQ");
    for (const Poll* p : {&polls.energy, &polls.importance, &polls.dots}) {
        const Poll now = f.store->GetPoll(p->id);
        CHECK_THAT(OptionKeys(now), UnorderedEquals(std::vector<std::string>{solve.id, debate.id, faq.id}));
        for (const auto& o : now.options)
            if (o.key == faq.id) CHECK(o.label == faq.title);
    }
    f.store->RetractTask(f.workshop.id, debate.id);
    for (const Poll* p : {&polls.energy, &polls.importance, &polls.dots})
        CHECK_THAT(OptionKeys(f.store->GetPoll(p->id)), UnorderedEquals(std::vector<std::string>{solve.id, faq.id}));

    SECTION("once the energy poll opens, tasks can be neither added nor removed") {
        f.store->OpenPoll(polls.energy.id);
        CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "Inspect a competitor's product"), RuleError);
        CHECK_THROWS_AS(f.store->RetractTask(f.workshop.id, faq.id), RuleError);
        CHECK_THAT(TaskIds(f.store->TasksOf(f.workshop.id, kTasks)), UnorderedEquals(std::vector<std::string>{solve.id, faq.id}));
        for (const Poll* p : {&polls.energy, &polls.importance, &polls.dots})
            CHECK_THAT(OptionKeys(f.store->GetPoll(p->id)), UnorderedEquals(std::vector<std::string>{solve.id, faq.id}));
        f.store->ClosePoll(polls.energy.id);
        CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "Inspect a competitor's product"), RuleError);
        CHECK(f.store->TasksOf(f.workshop.id, kTasks).size() == 2);
    }
}

TEST_CASE("store: task results agree with the ballots cast", "[store][tasks]") {
    DecisionRoom f;
    const Task solve = f.store->ProposeTask(f.workshop.id, kTasks, "Solve a hard problem together");
    const Task data = f.store->ProposeTask(f.workshop.id, kTasks, "Collect data for a report");
    const Task debate = f.store->ProposeTask(f.workshop.id, kTasks, "Debate a hot issue");
    const Task logistics = f.store->ProposeTask(f.workshop.id, kTasks, "Organize the logistics");
    const Store::TaskPolls polls = f.store->EnsureTaskPolls(f.workshop.id, kTasks);
    for (const Poll& p : {polls.energy, polls.importance, polls.dots}) f.store->OpenPoll(p.id);

    // energy:      solve 2, 2, 1 (5/3)   data -2, 0, -1 (-1)   debate 1, 0, 0 (1/3)   logistics -1, 0, 1 (0)
    // importance:  solve 3, 2, 2 (7/3)   data 3, 3, 2 (8/3)    debate 1, 2, 2 (5/3)   logistics 1, 1, 1 (1)
    f.store->CastBallot(polls.energy.id, f.ana.id, {{solve.id, 2}, {data.id, -2}, {debate.id, 1}, {logistics.id, -1}});
    f.store->CastBallot(polls.energy.id, f.bo.id, {{solve.id, 2}, {data.id, 0}, {debate.id, 0}, {logistics.id, 0}});
    f.store->CastBallot(polls.energy.id, f.cy.id, {{solve.id, 1}, {data.id, -1}, {debate.id, 0}, {logistics.id, 1}});
    f.store->CastBallot(polls.importance.id, f.ana.id, {{solve.id, 3}, {data.id, 3}, {debate.id, 1}, {logistics.id, 1}});
    f.store->CastBallot(polls.importance.id, f.bo.id, {{solve.id, 2}, {data.id, 3}, {debate.id, 2}, {logistics.id, 1}});
    f.store->CastBallot(polls.importance.id, f.cy.id, {{solve.id, 2}, {data.id, 2}, {debate.id, 2}, {logistics.id, 1}});
    // dots: solve 3, debate 3 (a tie, broken for the ranking by energy), data 2, logistics 1.
    f.store->CastBallot(polls.dots.id, f.ana.id, {{solve.id, 3}});
    f.store->CastBallot(polls.dots.id, f.bo.id, {{debate.id, 2}, {data.id, 1}});
    f.store->CastBallot(polls.dots.id, f.cy.id, {{debate.id, 1}, {data.id, 1}, {logistics.id, 1}});
    // Ana changes her mind on energy for data: -2 -> -1 (mean -2/3).
    f.store->CastBallot(polls.energy.id, f.ana.id, {{solve.id, 2}, {data.id, -1}, {debate.id, 1}, {logistics.id, -1}});

    const auto results = f.store->TaskResultsOf(f.workshop.id, kTasks);
    REQUIRE(results.size() == 4);
    CHECK(results[0].task.id == solve.id);
    CHECK(results[1].task.id == debate.id);
    CHECK(results[2].task.id == data.id);
    CHECK(results[3].task.id == logistics.id);

    CHECK(results[0].dots == 3);
    CHECK(*results[0].energy_mean == Approx(5.0 / 3));
    CHECK(*results[0].importance_mean == Approx(7.0 / 3));
    CHECK(results[0].energy_raters == 3);
    CHECK(results[0].importance_raters == 3);
    CHECK(results[0].quadrant == Quadrant::TakeOn);

    CHECK(results[1].dots == 3);
    CHECK(*results[1].energy_mean == Approx(1.0 / 3));
    CHECK(*results[1].importance_mean == Approx(5.0 / 3));
    CHECK(results[1].quadrant == Quadrant::Learning);

    CHECK(results[2].dots == 2);
    CHECK(*results[2].energy_mean == Approx(-2.0 / 3));
    CHECK(*results[2].importance_mean == Approx(8.0 / 3));
    CHECK(results[2].quadrant == Quadrant::SupportNeeded);

    CHECK(results[3].dots == 1);
    CHECK(*results[3].energy_mean == Approx(0.0));  // exactly 0: not energizing
    CHECK(*results[3].importance_mean == Approx(1.0));
    CHECK(results[3].quadrant == Quadrant::Drop);
}

TEST_CASE("store: tasks with no ballots yet are unrated", "[store][tasks]") {
    DecisionRoom f;
    f.store->ProposeTask(f.workshop.id, kTasks, "Solve a hard problem together");
    auto results = f.store->TaskResultsOf(f.workshop.id, kTasks);  // no polls yet
    REQUIRE(results.size() == 1);
    CHECK(results[0].quadrant == Quadrant::Unrated);
    f.store->EnsureTaskPolls(f.workshop.id, kTasks);
    results = f.store->TaskResultsOf(f.workshop.id, kTasks);
    REQUIRE(results.size() == 1);
    CHECK(results[0].quadrant == Quadrant::Unrated);
    CHECK(results[0].dots == 0);
    CHECK_FALSE(results[0].energy_mean.has_value());
}

// ---- Commitments --------------------------------------------------------------------------------------------

TEST_CASE("store: commitments need what, a due date not in the past, and someone; nothing half-saved",
          "[store][commitments]") {
    DecisionRoom f;
    Store::CommitmentDraft d;
    d.what = "Write the newcomer guide";
    d.due = IsoDayFromToday(14);
    d.member_ids = {f.ana.id};

    Store::CommitmentDraft bad = d;
    bad.what = "   ";
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    bad = d;
    bad.due = IsoDayFromToday(-1);
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    bad = d;
    bad.due = "soon";
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    bad = d;
    bad.member_ids.clear();
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    bad = d;
    bad.member_ids = {f.ana.id, NewUuid()};
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    bad = d;
    bad.role_key = "emperor";
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    bad = d;
    bad.task_id = NewUuid();
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, bad, f.today), RuleError);
    CHECK(f.store->CommitmentsOf(f.workshop.id).empty());
    CHECK(f.Rows("commitment") == 0);
    CHECK(f.Rows("commitment_member") == 0);
}

TEST_CASE("store: commitments by people or the whole community keep their fields", "[store][commitments]") {
    DecisionRoom f;
    const Task guide = f.store->ProposeTask(f.workshop.id, kTasks, "Write a newcomer guide");

    Store::CommitmentDraft named;
    named.what = "  Write the   newcomer guide ";
    named.due = f.today;  // due today is allowed
    named.member_ids = {f.bo.id, f.ana.id, f.bo.id};
    named.task_id = guide.id;
    const Commitment a = f.store->AddCommitment(f.workshop.id, named, f.today);

    Store::CommitmentDraft everyone;
    everyone.what = "Meet the sponsor";
    everyone.due = IsoDayFromToday(90);
    everyone.whole_community = true;
    everyone.role_key = "sponsor";
    const Commitment b = f.store->AddCommitment(f.workshop.id, everyone, f.today);

    const auto list = f.store->CommitmentsOf(f.workshop.id);
    REQUIRE(list.size() == 2);
    const Commitment* got_a = Find(list, a.id);
    const Commitment* got_b = Find(list, b.id);
    REQUIRE(got_a);
    REQUIRE(got_b);
    CHECK(got_a->what == "Write the newcomer guide");
    CHECK(got_a->due == f.today);
    CHECK(got_a->workshop_id == f.workshop.id);
    CHECK_FALSE(got_a->whole_community);
    CHECK_THAT(got_a->member_ids, UnorderedEquals(std::vector<std::string>{f.ana.id, f.bo.id}));
    CHECK_THAT(got_a->member_names, UnorderedEquals(std::vector<std::string>{"Ana", "Bo"}));
    CHECK(got_a->task_id == guide.id);
    CHECK(got_a->role_key.empty());
    CHECK(got_a->status == CommitmentStatus::Open);
    CHECK(got_a->carried_from_id.empty());
    CHECK(got_b->whole_community);
    CHECK(got_b->member_ids.empty());
    CHECK(got_b->role_key == "sponsor");
    CHECK(got_b->due == IsoDayFromToday(90));

    f.store->RetractCommitment(f.workshop.id, a.id);
    CHECK(IdsOf(f.store->CommitmentsOf(f.workshop.id)) == std::vector<std::string>{b.id});
}

// ---- Renewal ------------------------------------------------------------------------------------------------

namespace {
// A finished launch (roles, rhythm, commitments), then a renewal started from it.
struct RenewalRoom : DecisionRoom {
    Commitment guide, sponsor_talk, faq, retracted;
    RhythmDecision call, dropped_rhythm;
    Workshop renewal;
    Template renewal_template = RenewalTemplate();

    RenewalRoom() {
        store->AssignRole(workshop.id, "sponsor", ana.id);
        store->AssignRole(workshop.id, "coordinator", bo.id);
        store->AssignRole(workshop.id, "core-group", ana.id);
        store->AssignRole(workshop.id, "liaison", cy.id);
        store->UnassignRole(workshop.id, "liaison", cy.id);
        call = store->AddRhythm(workshop.id, MonthlyCall(bo.id));
        dropped_rhythm = store->AddRhythm(workshop.id, WeeklyStandup());
        store->RetractRhythm(workshop.id, dropped_rhythm.id);
        guide = Commit("Write the newcomer guide", {ana.id}, 30);
        sponsor_talk = Commit("Talk to the sponsor", {bo.id, cy.id}, 60);
        faq = Commit("Start a FAQ", {}, 90);
        retracted = Commit("Something withdrawn", {cy.id}, 10);
        store->RetractCommitment(workshop.id, retracted.id);
        store->FinishWorkshop(workshop.id);
        renewal = store->StartWorkshop(community.id, renewal_template);
    }
};
}  // namespace

TEST_CASE("store: a renewal starts from the launch's role holders and rhythm", "[store][renewal]") {
    RenewalRoom f;
    CHECK(f.renewal.kind == "renewal");
    CHECK(f.renewal.previous_workshop_id == f.workshop.id);
    CHECK_THAT(HoldersOf(f.store->AssignmentsOf(f.renewal.id)),
               UnorderedEquals(std::vector<std::string>{"sponsor=" + f.ana.id, "coordinator=" + f.bo.id,
                                                        "core-group=" + f.ana.id}));
    const auto rhythm = f.store->RhythmOf(f.renewal.id);
    REQUIRE(rhythm.size() == 1);
    CheckSameRhythm(rhythm[0], MonthlyCall(f.bo.id));
    CHECK(rhythm[0].convener_name == "Bo");
    CHECK(rhythm[0].id != f.call.id);

    // Rotating roles and revisiting the rhythm in the renewal leaves the launch as it was.
    f.store->CheckIn(f.renewal.id, "Ana");
    f.store->UnassignRole(f.renewal.id, "sponsor", f.ana.id);
    f.store->RetractRhythm(f.renewal.id, rhythm[0].id);
    CHECK(f.store->AssignmentsOf(f.renewal.id).size() == 2);
    CHECK(f.store->RhythmOf(f.renewal.id).empty());
    CHECK(f.store->AssignmentsOf(f.workshop.id).size() == 3);
    REQUIRE(f.store->RhythmOf(f.workshop.id).size() == 1);
    CHECK(f.store->RhythmOf(f.workshop.id)[0].id == f.call.id);
}

TEST_CASE("store: a renewal reviews the launch's open commitments", "[store][renewal][commitments]") {
    RenewalRoom f;
    const auto to_review = f.store->CommitmentsToReview(f.renewal.id);
    CHECK_THAT(IdsOf(to_review), UnorderedEquals(std::vector<std::string>{f.guide.id, f.sponsor_talk.id, f.faq.id}));
    for (const auto& c : to_review) {
        CHECK(c.status == CommitmentStatus::Open);
        CHECK(c.workshop_id == f.workshop.id);
    }
    CHECK(f.store->CommitmentsOf(f.renewal.id).empty());
    // The launch has nothing earlier to review.
    CHECK(f.store->CommitmentsToReview(f.workshop.id).empty());
    CHECK_THROWS_AS(f.store->ReviewCommitment(f.renewal.id, f.retracted.id, CommitmentStatus::Kept), RuleError);
    CHECK_THROWS_AS(f.store->ReviewCommitment(f.renewal.id, f.guide.id, CommitmentStatus::Open), RuleError);
}

TEST_CASE("store: carrying a commitment forward creates a linked one in the renewal", "[store][renewal][commitments]") {
    RenewalRoom f;
    const std::string new_due = IsoDayFromToday(200);
    f.store->ReviewCommitment(f.renewal.id, f.sponsor_talk.id, CommitmentStatus::Carried, new_due);

    const Commitment old = f.store->GetCommitment(f.sponsor_talk.id);
    CHECK(old.status == CommitmentStatus::Carried);
    CHECK(old.reviewed_in_workshop_id == f.renewal.id);
    CHECK(old.due == f.sponsor_talk.due);
    CHECK(old.workshop_id == f.workshop.id);

    const auto made = f.store->CommitmentsOf(f.renewal.id);
    REQUIRE(made.size() == 1);
    const Commitment& copy = made[0];
    CHECK(copy.id != old.id);
    CHECK(copy.carried_from_id == f.sponsor_talk.id);
    CHECK(copy.workshop_id == f.renewal.id);
    CHECK(copy.due == new_due);
    CHECK(copy.what == "Talk to the sponsor");
    CHECK(copy.status == CommitmentStatus::Open);
    CHECK_THAT(copy.member_ids, UnorderedEquals(std::vector<std::string>{f.bo.id, f.cy.id}));

    // Still listed for review in this renewal, with its outcome.
    const auto listed = f.store->CommitmentsToReview(f.renewal.id);
    REQUIRE(Find(listed, f.sponsor_talk.id));
    CHECK(Find(listed, f.sponsor_talk.id)->status == CommitmentStatus::Carried);
    CHECK(Find(listed, copy.id) == nullptr);  // made in this workshop: reviewed next time

    SECTION("changing the review from carried to kept withdraws the carried copy") {
        f.store->ReviewCommitment(f.renewal.id, f.sponsor_talk.id, CommitmentStatus::Kept);
        CHECK(f.store->GetCommitment(f.sponsor_talk.id).status == CommitmentStatus::Kept);
        CHECK(f.store->CommitmentsOf(f.renewal.id).empty());
    }
    SECTION("carrying again replaces the copy: one copy, with the latest due date") {
        const std::string later = IsoDayFromToday(300);
        f.store->ReviewCommitment(f.renewal.id, f.sponsor_talk.id, CommitmentStatus::Carried, later);
        const auto again = f.store->CommitmentsOf(f.renewal.id);
        REQUIRE(again.size() == 1);
        const Commitment* latest = CarriedFrom(again, f.sponsor_talk.id);
        REQUIRE(latest);
        CHECK(latest->due == later);
    }
    SECTION("withdrawing the copy opens the original for review again") {
        f.store->RetractCommitment(f.renewal.id, copy.id);
        CHECK(f.store->GetCommitment(f.sponsor_talk.id).status == CommitmentStatus::Open);
        CHECK(f.store->CommitmentsOf(f.renewal.id).empty());
    }
    SECTION("a later renewal reviews the carried copy, not the original") {
        f.store->ReviewCommitment(f.renewal.id, f.guide.id, CommitmentStatus::Kept);
        f.store->FinishWorkshop(f.renewal.id);
        const Workshop next = f.store->StartWorkshop(f.community.id, f.renewal_template);
        CHECK_THAT(IdsOf(f.store->CommitmentsToReview(next.id)),
                   UnorderedEquals(std::vector<std::string>{copy.id, f.faq.id}));
    }
}

TEST_CASE("store: carrying forward needs a new due date that is not in the past", "[store][renewal][commitments]") {
    RenewalRoom f;
    CHECK_THROWS_AS(f.store->ReviewCommitment(f.renewal.id, f.guide.id, CommitmentStatus::Carried, ""), RuleError);
    CHECK_THROWS_AS(f.store->ReviewCommitment(f.renewal.id, f.guide.id, CommitmentStatus::Carried, "2027-02-30"),
                    RuleError);
    CHECK_THROWS_AS(
        f.store->ReviewCommitment(f.renewal.id, f.guide.id, CommitmentStatus::Carried, IsoDayFromToday(-1)),
        RuleError);
    CHECK(f.store->GetCommitment(f.guide.id).status == CommitmentStatus::Open);
    CHECK(f.store->CommitmentsOf(f.renewal.id).empty());
}

TEST_CASE("store: the kept rate of a review counts kept over reviewed", "[store][renewal][commitments]") {
    RenewalRoom f;
    auto rate = [&] {
        std::vector<CommitmentStatus> statuses;
        for (const auto& c : f.store->CommitmentsToReview(f.renewal.id)) statuses.push_back(c.status);
        return KeptRate(statuses);
    };
    CHECK_FALSE(rate().has_value());
    f.store->ReviewCommitment(f.renewal.id, f.guide.id, CommitmentStatus::Kept);
    REQUIRE(rate().has_value());
    CHECK(*rate() == Approx(1.0));
    f.store->ReviewCommitment(f.renewal.id, f.sponsor_talk.id, CommitmentStatus::Partly);
    CHECK(*rate() == Approx(0.5));
    f.store->ReviewCommitment(f.renewal.id, f.faq.id, CommitmentStatus::Dropped);
    CHECK(*rate() == Approx(1.0 / 3));
    f.store->ReviewCommitment(f.renewal.id, f.faq.id, CommitmentStatus::Kept);  // changed their mind
    CHECK(*rate() == Approx(2.0 / 3));
}

// ---- Voice ---------------------------------------------------------------------------------------------------

TEST_CASE("store: voice items go to the sponsor or the organization and are never blank", "[store][voice]") {
    DecisionRoom f;
    CHECK_THROWS_AS(f.store->AddVoice(f.workshop.id, "sponsor", ""), RuleError);
    CHECK_THROWS_AS(f.store->AddVoice(f.workshop.id, "sponsor", "  \t"), RuleError);
    CHECK_THROWS_AS(f.store->AddVoice(f.workshop.id, "manager", "We need time"), RuleError);
    CHECK_THROWS_AS(f.store->AddVoice(f.workshop.id, "", "We need time"), RuleError);
    CHECK_THROWS_AS(f.store->AddVoice(f.workshop.id, "sponsor", std::string(kMaxVoiceChars + 1, 'x')), RuleError);
    CHECK(f.store->VoiceOf(f.workshop.id).empty());

    const VoiceItem a = f.store->AddVoice(f.workshop.id, "sponsor", "  We need two hours a month ");
    const VoiceItem b = f.store->AddVoice(f.workshop.id, "organization", "Recognize our work in reviews");
    const auto items = f.store->VoiceOf(f.workshop.id);
    REQUIRE(items.size() == 2);
    const VoiceItem& got_a = items[0].id == a.id ? items[0] : items[1];
    const VoiceItem& got_b = items[0].id == a.id ? items[1] : items[0];
    CHECK(got_a.id == a.id);
    CHECK(got_a.audience == "sponsor");
    CHECK(got_a.text == "We need two hours a month");
    CHECK(got_b.id == b.id);
    CHECK(got_b.audience == "organization");
    CHECK(got_b.text == "Recognize our work in reviews");
    f.store->RetractVoice(f.workshop.id, a.id);
    REQUIRE(f.store->VoiceOf(f.workshop.id).size() == 1);
    CHECK(f.store->VoiceOf(f.workshop.id)[0].id == b.id);
}

// ---- Finished workshops --------------------------------------------------------------------------------------

TEST_CASE("store: a finished workshop refuses every change to what it decided", "[store][finished]") {
    DecisionRoom f;
    f.store->AssignRole(f.workshop.id, "sponsor", f.ana.id);
    const RhythmDecision call = f.store->AddRhythm(f.workshop.id, MonthlyCall(f.bo.id));
    const Task task = f.store->ProposeTask(f.workshop.id, kTasks, "Solve a hard problem");
    const Commitment c = f.Commit("Write the guide", {f.ana.id});
    const VoiceItem v = f.store->AddVoice(f.workshop.id, "sponsor", "Give us time");
    f.store->FinishWorkshop(f.workshop.id);

    CHECK_THROWS_AS(f.store->AssignRole(f.workshop.id, "coordinator", f.bo.id), RuleError);
    CHECK_THROWS_AS(f.store->UnassignRole(f.workshop.id, "sponsor", f.ana.id), RuleError);
    CHECK_THROWS_AS(f.store->AddRhythm(f.workshop.id, WeeklyStandup()), RuleError);
    RhythmDecision changed = call;
    changed.activity = "Changed";
    CHECK_THROWS_AS(f.store->UpdateRhythm(f.workshop.id, changed), RuleError);
    CHECK_THROWS_AS(f.store->RetractRhythm(f.workshop.id, call.id), RuleError);
    CHECK_THROWS_AS(f.store->ProposeTask(f.workshop.id, kTasks, "Another task"), RuleError);
    CHECK_THROWS_AS(f.store->RetractTask(f.workshop.id, task.id), RuleError);
    Store::CommitmentDraft d;
    d.what = "Late commitment";
    d.due = IsoDayFromToday(10);
    d.whole_community = true;
    CHECK_THROWS_AS(f.store->AddCommitment(f.workshop.id, d, f.today), RuleError);
    CHECK_THROWS_AS(f.store->RetractCommitment(f.workshop.id, c.id), RuleError);
    CHECK_THROWS_AS(f.store->AddVoice(f.workshop.id, "sponsor", "Too late"), RuleError);
    CHECK_THROWS_AS(f.store->RetractVoice(f.workshop.id, v.id), RuleError);

    CHECK(f.store->AssignmentsOf(f.workshop.id).size() == 1);
    REQUIRE(f.store->RhythmOf(f.workshop.id).size() == 1);
    CHECK(f.store->RhythmOf(f.workshop.id)[0].activity == "Monthly call");
    CHECK(f.store->TasksOf(f.workshop.id, kTasks).size() == 1);
    CHECK(f.store->CommitmentsOf(f.workshop.id).size() == 1);
    CHECK(f.store->VoiceOf(f.workshop.id).size() == 1);

    SECTION("a finished renewal's review cannot change either") {
        const Workshop renewal = f.store->StartWorkshop(f.community.id, RenewalTemplate());
        f.store->FinishWorkshop(renewal.id);
        CHECK_THROWS_AS(f.store->ReviewCommitment(renewal.id, c.id, CommitmentStatus::Kept), RuleError);
        CHECK(f.store->GetCommitment(c.id).status == CommitmentStatus::Open);
    }
}

TEST_CASE("store: a finished workshop's votes cannot be reopened or receive ballots", "[store][finished][polls]") {
    DecisionRoom f;
    const Poll poll = f.store->EnsureStageCheckPoll(f.workshop.id, StageCheckKey(f.launch));
    f.store->OpenPoll(poll.id);
    f.store->CastBallot(poll.id, f.ana.id, "committing");
    f.store->FinishWorkshop(f.workshop.id);
    CHECK(f.store->GetPoll(poll.id).status == PollStatus::Closed);
    CHECK_THROWS_AS(f.store->CastBallot(poll.id, f.bo.id, "renewing"), RuleError);
    CHECK_THROWS_AS(f.store->ReopenPoll(poll.id), RuleError);
    CHECK(f.store->GetPoll(poll.id).status != PollStatus::Open);
    try {
        f.store->CastBallot(poll.id, f.bo.id, "renewing");
    } catch (const RuleError&) {
    }
    const Tally t = f.store->TallyOf(poll.id);
    CHECK(t.ballots == 1);
    CHECK(t.leaders == std::vector<std::string>{"committing"});
}
