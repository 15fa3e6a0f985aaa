// The rules of what stages decide, without a database: role warnings, task quadrants at their boundaries,
// the ranking of task results, commitment checks, the kept rate and rhythm checks.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "facilitation/domain/decisions.h"

using namespace facilitation;
using Catch::Matchers::Contains;

namespace {

RoleAssignment Holds(const std::string& role, const std::string& id, const std::string& name) {
    return RoleAssignment{role, id, name};
}

int CountContaining(const std::vector<std::string>& warnings, const std::string& text) {
    int n = 0;
    for (const auto& w : warnings)
        if (Catch::Matchers::Contains(text, Catch::CaseSensitive::No).match(w)) ++n;
    return n;
}

// A rating or dots tally over `tasks`, with (votes, sum) per task id.
Tally TallyOver(const std::vector<Task>& tasks, const std::vector<std::pair<int, long long>>& counts) {
    Tally t;
    for (size_t i = 0; i < tasks.size(); ++i) {
        OptionCount c;
        c.key = tasks[i].id;
        c.label = tasks[i].title;
        c.votes = counts[i].first;
        c.sum = counts[i].second;
        t.options.push_back(c);
    }
    return t;
}

std::vector<std::string> TitlesOf(const std::vector<TaskResult>& results) {
    std::vector<std::string> titles;
    for (const auto& r : results) titles.push_back(r.task.title);
    return titles;
}

const TaskResult& ResultFor(const std::vector<TaskResult>& results, const std::string& title) {
    for (const auto& r : results)
        if (r.task.title == title) return r;
    FAIL("no result for " << title);
    return results.front();
}

Recurrence WeeklyOn(std::vector<int> days) {
    Recurrence r;
    r.frequency = Frequency::Weekly;
    r.weekdays = std::move(days);
    CivilDate::Parse("2027-01-07", r.start_date);
    return r;
}

}  // namespace

// ---- Roles ------------------------------------------------------------------------------------------------------

TEST_CASE("decisions: no sponsor and no coordinator are warnings", "[decisions][roles]") {
    const auto& roles = DefaultRoles();
    const auto none = RoleWarnings(roles, {});
    CHECK(none.size() == 2);
    CHECK(CountContaining(none, "sponsor") == 1);
    CHECK(CountContaining(none, "coordinator") == 1);

    const auto no_coordinator = RoleWarnings(roles, {Holds("sponsor", "m1", "Ana")});
    CHECK(no_coordinator.size() == 1);
    CHECK(CountContaining(no_coordinator, "coordinator") == 1);
    CHECK(CountContaining(no_coordinator, "sponsor") == 0);

    const auto no_sponsor = RoleWarnings(roles, {Holds("coordinator", "m1", "Ana"), Holds("core-group", "m2", "Bo")});
    CHECK(no_sponsor.size() == 1);
    CHECK(CountContaining(no_sponsor, "sponsor") == 1);

    CHECK(RoleWarnings(roles, {Holds("sponsor", "m1", "Ana"), Holds("coordinator", "m2", "Bo")}).empty());
    // Several people may share a role; that is no warning.
    CHECK(RoleWarnings(roles, {Holds("sponsor", "m1", "Ana"), Holds("coordinator", "m2", "Bo"),
                               Holds("coordinator", "m3", "Cy")})
              .empty());
}

TEST_CASE("decisions: three roles for one person are fine, a fourth is a warning naming them", "[decisions][roles]") {
    const auto& roles = DefaultRoles();
    std::vector<RoleAssignment> three = {Holds("sponsor", "m1", "Ana"), Holds("coordinator", "m1", "Ana"),
                                         Holds("core-group", "m1", "Ana")};
    CHECK(RoleWarnings(roles, three).empty());

    std::vector<RoleAssignment> four = three;
    four.push_back(Holds("liaison", "m1", "Ana"));
    four.push_back(Holds("active-member", "m2", "Bo"));
    const auto warnings = RoleWarnings(roles, four);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Contains("Ana"));
    CHECK_THAT(warnings[0], Contains("4"));

    // Two people with the same name are two people: 2 + 2 roles, no warning.
    const std::vector<RoleAssignment> namesakes = {Holds("sponsor", "m1", "Sam"), Holds("coordinator", "m1", "Sam"),
                                                   Holds("core-group", "m2", "Sam"), Holds("liaison", "m2", "Sam")};
    CHECK(RoleWarnings(roles, namesakes).empty());
}

// ---- Quadrants ------------------------------------------------------------------------------------------------

TEST_CASE("decisions: quadrants at their boundaries", "[decisions][quadrant]") {
    // Energizing means a mean above 0; important means a mean of 2 or more.
    CHECK(ClassifyTask(0.0, 2.0) == Quadrant::SupportNeeded);   // energy exactly 0 is not energizing
    CHECK(ClassifyTask(0.01, 2.0) == Quadrant::TakeOn);         // importance exactly 2.0 is important
    CHECK(ClassifyTask(0.01, 1.99) == Quadrant::Learning);      // 1.99 is not
    CHECK(ClassifyTask(0.0, 1.99) == Quadrant::Drop);
    CHECK(ClassifyTask(2.0, 3.0) == Quadrant::TakeOn);
    CHECK(ClassifyTask(-2.0, 3.0) == Quadrant::SupportNeeded);
    CHECK(ClassifyTask(2.0, 1.0) == Quadrant::Learning);
    CHECK(ClassifyTask(-2.0, 1.0) == Quadrant::Drop);
    CHECK(ClassifyTask(-0.01, 2.5) == Quadrant::SupportNeeded);
}

TEST_CASE("decisions: a task without energy or importance ratings is unrated", "[decisions][quadrant]") {
    CHECK(ClassifyTask(std::nullopt, std::nullopt) == Quadrant::Unrated);
    CHECK(ClassifyTask(1.0, std::nullopt) == Quadrant::Unrated);
    CHECK(ClassifyTask(std::nullopt, 3.0) == Quadrant::Unrated);
    CHECK(std::string(ToString(Quadrant::Unrated)) == "unrated");
    CHECK(std::string(ToString(Quadrant::TakeOn)) == "take on");
    CHECK(std::string(ToString(Quadrant::SupportNeeded)) == "support needed");
    CHECK(std::string(ToString(Quadrant::Learning)) == "learning");
    CHECK(std::string(ToString(Quadrant::Drop)) == "drop");

    const std::vector<Task> tasks = {{"t1", "s", "Write a FAQ"}};
    const Tally zero_votes = TallyOver(tasks, {{0, 0}});
    const auto results = ComputeTaskResults(tasks, &zero_votes, &zero_votes, &zero_votes);
    REQUIRE(results.size() == 1);
    CHECK(results[0].quadrant == Quadrant::Unrated);
    CHECK_FALSE(results[0].energy_mean.has_value());
    CHECK_FALSE(results[0].importance_mean.has_value());
    CHECK(results[0].dots == 0);

    const auto no_polls = ComputeTaskResults(tasks, nullptr, nullptr, nullptr);
    REQUIRE(no_polls.size() == 1);
    CHECK(no_polls[0].quadrant == Quadrant::Unrated);
    CHECK(no_polls[0].dots == 0);
}

TEST_CASE("decisions: task results carry dots, means and quadrant, ranked by dots, then energy, then title",
          "[decisions][quadrant]") {
    const std::vector<Task> tasks = {
        {"t1", "s", "Collect data"},          // 2 dots, energy -1.0
        {"t2", "s", "Debate a hot issue"},    // 5 dots, energy 0.5
        {"t3", "s", "Solve a hard problem"},  // 5 dots, energy 1.5
        {"t4", "s", "Answer questions"},      // 2 dots, energy -1.0 (same as t1: by title)
        {"t5", "s", "Zebra crossings"},       // 2 dots, no energy rating
        {"t6", "s", "Inspect a product"},     // 7 dots, energy -2.0
    };
    const Tally energy = TallyOver(tasks, {{2, -2}, {2, 1}, {2, 3}, {1, -1}, {0, 0}, {3, -6}});
    const Tally importance = TallyOver(tasks, {{2, 4}, {2, 3}, {2, 6}, {1, 1}, {2, 5}, {3, 6}});
    const Tally dots = TallyOver(tasks, {{2, 0}, {5, 0}, {5, 0}, {2, 0}, {2, 0}, {7, 0}});
    const auto results = ComputeTaskResults(tasks, &energy, &importance, &dots);
    CHECK(TitlesOf(results) == std::vector<std::string>{"Inspect a product", "Solve a hard problem",
                                                        "Debate a hot issue", "Answer questions", "Collect data",
                                                        "Zebra crossings"});
    const TaskResult& solve = ResultFor(results, "Solve a hard problem");
    CHECK(solve.dots == 5);
    CHECK(*solve.energy_mean == Approx(1.5));
    CHECK(*solve.importance_mean == Approx(3.0));
    CHECK(solve.energy_raters == 2);
    CHECK(solve.quadrant == Quadrant::TakeOn);
    CHECK(ResultFor(results, "Debate a hot issue").quadrant == Quadrant::Learning);     // 0.5, 1.5
    CHECK(ResultFor(results, "Collect data").quadrant == Quadrant::SupportNeeded);      // -1, 2.0
    CHECK(ResultFor(results, "Answer questions").quadrant == Quadrant::Drop);           // -1, 1.0
    CHECK(ResultFor(results, "Inspect a product").quadrant == Quadrant::SupportNeeded); // -2, 2.0
    CHECK(ResultFor(results, "Zebra crossings").quadrant == Quadrant::Unrated);
    CHECK(*ResultFor(results, "Zebra crossings").importance_mean == Approx(2.5));
}

// ---- Commitments --------------------------------------------------------------------------------------------

TEST_CASE("decisions: a commitment needs what, a due date not in the past, and someone", "[decisions][commitments]") {
    const std::string today = "2027-03-10";
    CHECK(CommitmentProblem("Write the newcomer guide", "2027-04-01", today, false, 1) == "");
    CHECK(CommitmentProblem("Write the newcomer guide", today, today, false, 2) == "");  // due today is fine
    CHECK_FALSE(CommitmentProblem("", "2027-04-01", today, false, 1).empty());
    CHECK_FALSE(CommitmentProblem("   \t ", "2027-04-01", today, false, 1).empty());
    CHECK_FALSE(CommitmentProblem("Write it", "2027-03-09", today, false, 1).empty());  // yesterday
    CHECK_FALSE(CommitmentProblem("Write it", "2026-12-31", today, true, 0).empty());
    CHECK_FALSE(CommitmentProblem("Write it", "", today, false, 1).empty());
    CHECK_FALSE(CommitmentProblem("Write it", "2027-02-30", today, false, 1).empty());
    CHECK_FALSE(CommitmentProblem("Write it", "next week", today, false, 1).empty());
    CHECK_FALSE(CommitmentProblem("Write it", "2027-04-01", today, false, 0).empty());  // nobody
    CHECK(CommitmentProblem("Write it", "2027-04-01", today, true, 0) == "");           // the whole community
    CHECK_FALSE(CommitmentProblem(std::string(kMaxCommitmentChars + 1, 'x'), "2027-04-01", today, true, 0).empty());
}

TEST_CASE("decisions: the kept rate is kept over reviewed; open ones do not count", "[decisions][commitments]") {
    using S = CommitmentStatus;
    CHECK_FALSE(KeptRate({}).has_value());
    CHECK_FALSE(KeptRate({S::Open, S::Open}).has_value());
    REQUIRE(KeptRate({S::Kept}).has_value());
    CHECK(*KeptRate({S::Kept}) == Approx(1.0));
    CHECK(*KeptRate({S::Kept, S::Partly, S::Dropped}) == Approx(1.0 / 3));
    CHECK(*KeptRate({S::Kept, S::Partly, S::Dropped, S::Open, S::Open}) == Approx(1.0 / 3));
    CHECK(*KeptRate({S::Partly, S::Dropped}) == Approx(0.0));
    CHECK(*KeptRate({S::Kept, S::Kept, S::Carried, S::Dropped}) == Approx(0.5));
}

TEST_CASE("decisions: commitment statuses round-trip through their names", "[decisions][commitments]") {
    for (auto s : {CommitmentStatus::Open, CommitmentStatus::Kept, CommitmentStatus::Partly, CommitmentStatus::Dropped,
                   CommitmentStatus::Carried})
        CHECK(CommitmentStatusFromString(ToString(s)) == std::optional<CommitmentStatus>(s));
    CHECK_FALSE(CommitmentStatusFromString("done").has_value());
}

// ---- Rhythm -----------------------------------------------------------------------------------------------

TEST_CASE("decisions: a rhythm needs an activity, a known format and membership, and a valid recurrence",
          "[decisions][rhythm]") {
    RhythmDecision d;
    d.activity = "Weekly call";
    d.recurrence = WeeklyOn({3});
    CHECK(RhythmProblem(d) == "");
    for (const char* format : {"online", "face-to-face", "hybrid"}) {
        d.format = format;
        CHECK(RhythmProblem(d) == "");
    }
    d.membership = "closed";
    CHECK(RhythmProblem(d) == "");

    RhythmDecision bad = d;
    bad.recurrence.weekdays.clear();
    CHECK_THAT(RhythmProblem(bad), Contains("weekday"));
    bad = d;
    bad.activity = "  ";
    CHECK_FALSE(RhythmProblem(bad).empty());
    bad = d;
    bad.format = "carrier pigeon";
    CHECK_FALSE(RhythmProblem(bad).empty());
    bad = d;
    bad.membership = "secret";
    CHECK_FALSE(RhythmProblem(bad).empty());
    bad = d;
    bad.recurrence.interval = 0;
    CHECK_FALSE(RhythmProblem(bad).empty());
}
