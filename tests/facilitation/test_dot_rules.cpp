// Dot votes: the budget and cap of a draft can be set per poll, within the rules, and never once it opens.
#include <catch2/catch.hpp>

#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;

TEST_CASE("store: a dot vote's budget and cap are set per poll, only while a draft", "[store][polls][dots]") {
    RunningWorkshop w;
    const std::string stage = "energizing-tasks";
    for (const char* title : {"Compare lab methods", "Write a newcomer guide", "Debate the new standard"})
        w.store->ProposeTask(w.workshop.id, stage, title);
    const Poll dots = w.store->EnsureTaskPolls(w.workshop.id, stage).dots;
    CHECK(dots.budget == 3);  // the template's default
    CHECK(dots.cap == 0);

    CHECK_THROWS_AS(w.store->SetDotRules(dots.id, 0, 0), RuleError);  // a budget of 0
    CHECK_THROWS_AS(w.store->SetDotRules(dots.id, 7, 2), RuleError);  // 7 dots cannot go on 3 options of at most 2
    CHECK(w.store->GetPoll(dots.id).budget == 3);                    // nothing half-saved

    const Poll changed = w.store->SetDotRules(dots.id, 6, 2);
    CHECK(changed.budget == 6);
    CHECK(w.store->GetPoll(dots.id).budget == 6);
    CHECK(w.store->GetPoll(dots.id).cap == 2);

    const Participant ann = w.store->CheckIn(w.workshop.id, "Ann Lee");
    const auto tasks = w.store->TasksOf(w.workshop.id, stage);
    w.store->OpenPoll(dots.id);
    CHECK_THROWS_AS(w.store->SetDotRules(dots.id, 4, 0), RuleError);  // open: the rules are fixed
    CHECK_THROWS_AS(w.store->CastBallot(dots.id, ann.id, BallotEntries{{tasks[0].id, 3}}), RuleError);  // over the cap
    w.store->CastBallot(dots.id, ann.id, BallotEntries{{tasks[0].id, 2}, {tasks[1].id, 2}, {tasks[2].id, 2}});
    CHECK(w.store->TallyOf(dots.id).options[0].votes == 2);

    const Poll energy = w.store->EnsureTaskPolls(w.workshop.id, stage).energy;
    CHECK_THROWS_AS(w.store->SetDotRules(energy.id, 3, 0), RuleError);  // not a dot vote
}
