// The poll engine's rules: dot budgets and caps, rating scales, one ballot per participant replaceable until
// the poll closes, ties shown as ties for every kind of poll, the lifecycle, and the audit trail.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "facilitation/domain/tally.h"
#include "store_helpers.h"

using namespace facilitation;
using namespace copk_test;
using Catch::Matchers::Contains;
using Catch::Matchers::UnorderedEquals;

namespace {

int VotesOn(const Tally& tally, const std::string& key) {
    for (const auto& c : tally.options)
        if (c.key == key) return c.votes;
    FAIL("no option " << key << " in the tally");
    return -1;
}

const OptionCount& CountOf(const Tally& tally, const std::string& key) {
    for (const auto& c : tally.options)
        if (c.key == key) return c;
    FAIL("no option " << key << " in the tally");
    return tally.options.front();
}

std::vector<PollOption> Options(int n) {
    std::vector<PollOption> options;
    for (int i = 0; i < n; ++i) options.push_back({std::string(1, char('a' + i)), "Option " + std::string(1, char('A' + i))});
    return options;
}

PollSpec DotsSpec(int options, int budget, int cap) {
    PollSpec spec;
    spec.purpose = "dots";
    spec.kind = PollKind::Dots;
    spec.question = "Where do your dots go?";
    spec.budget = budget;
    spec.cap = cap;
    spec.options = Options(options);
    return spec;
}

PollSpec RatingSpec(int options, int lo, int hi) {
    PollSpec spec;
    spec.purpose = "rating";
    spec.kind = PollKind::Rating;
    spec.question = "How much energy does each give you?";
    spec.scale_min = lo;
    spec.scale_max = hi;
    spec.options = Options(options);
    return spec;
}

PollSpec SingleSpec(int options) {
    PollSpec spec;
    spec.purpose = "single";
    spec.kind = PollKind::Single;
    spec.question = "Which one?";
    spec.options = Options(options);
    return spec;
}

// A domain-level poll, open, built from a spec: for BallotRefusal and TallyBallots.
Poll OpenPollFrom(const PollSpec& spec) {
    Poll poll;
    poll.id = "poll-1";
    poll.purpose = spec.purpose;
    poll.kind = ToString(spec.kind);
    poll.question = spec.question;
    poll.status = PollStatus::Open;
    poll.budget = spec.budget;
    poll.cap = spec.cap;
    poll.scale_min = spec.scale_min;
    poll.scale_max = spec.scale_max;
    poll.options = spec.options;
    return poll;
}

// A running workshop with four people checked in.
struct PollRoom : RunningWorkshop {
    Participant ana = store->CheckIn(workshop.id, "Ana");
    Participant bo = store->CheckIn(workshop.id, "Bo");
    Participant cy = store->CheckIn(workshop.id, "Cy");
    Participant dee = store->CheckIn(workshop.id, "Dee");
    Poll Make(const PollSpec& spec) { return store->EnsurePoll(workshop.id, "stage-check", spec); }
    Poll MakeOpen(const PollSpec& spec) {
        const Poll poll = Make(spec);
        return store->OpenPoll(poll.id);
    }
};

std::vector<std::string> ActionsOf(const std::vector<Store::PollEvent>& events) {
    std::vector<std::string> actions;
    for (const auto& e : events) actions.push_back(e.action);
    return actions;
}

}  // namespace

// ---- Dot budgets and caps -------------------------------------------------------------------------------

TEST_CASE("polls: a dot budget of 0 (or less) is refused, 1 is accepted", "[polls][dots]") {
    CHECK_FALSE(PollSpecProblem(DotsSpec(3, 0, 0)).empty());
    CHECK_FALSE(PollSpecProblem(DotsSpec(3, -1, 0)).empty());
    CHECK(PollSpecProblem(DotsSpec(3, 1, 0)) == "");
    CHECK(PollSpecProblem(DotsSpec(3, 3, 0)) == "");

    PollRoom room;
    CHECK_THROWS_AS(room.Make(DotsSpec(3, 0, 0)), RuleError);
    CHECK_FALSE(room.store->FindPoll(room.workshop.id, "stage-check", "dots").has_value());
}

TEST_CASE("polls: a budget above options x cap is refused; exactly options x cap is accepted", "[polls][dots]") {
    CHECK(PollSpecProblem(DotsSpec(3, 6, 2)) == "");
    CHECK_FALSE(PollSpecProblem(DotsSpec(3, 7, 2)).empty());
    CHECK_FALSE(PollSpecProblem(DotsSpec(2, 3, 1)).empty());
    CHECK(PollSpecProblem(DotsSpec(3, 3, 1)) == "");
    // No cap: any number of dots may go on one option.
    CHECK(PollSpecProblem(DotsSpec(2, 7, 0)) == "");
    CHECK_FALSE(PollSpecProblem(DotsSpec(3, 3, -1)).empty());

    PollRoom room;
    CHECK_THROWS_AS(room.Make(DotsSpec(3, 7, 2)), RuleError);
    CHECK(room.store->PollsOf(room.workshop.id).empty());

    SECTION("shrinking a capped draft's options below its budget is refused and keeps the options") {
        const Poll poll = room.Make(DotsSpec(3, 3, 1));
        CHECK_THROWS_AS(room.store->SetPollOptions(poll.id, Options(2)), RuleError);
        CHECK(room.store->GetPoll(poll.id).options.size() == 3);
    }
}

TEST_CASE("polls: dot ballots that overspend, exceed the cap or go negative are refused", "[polls][dots]") {
    const Poll capped = OpenPollFrom(DotsSpec(3, 3, 2));
    CHECK_FALSE(BallotRefusal(capped, true, BallotEntries{{"a", 2}, {"b", 2}}).empty());  // 4 of 3
    CHECK_FALSE(BallotRefusal(capped, true, BallotEntries{{"a", 3}}).empty());            // 3 > cap 2
    CHECK_FALSE(BallotRefusal(capped, true, BallotEntries{{"a", -1}, {"b", 2}}).empty());
    // A negative dot must not buy room for more dots elsewhere: -1 + 2 + 2 = 3 is still refused.
    CHECK_FALSE(BallotRefusal(capped, true, BallotEntries{{"a", -1}, {"b", 2}, {"c", 2}}).empty());
    CHECK_FALSE(BallotRefusal(capped, true, BallotEntries{{"zz", 1}}).empty());
    // Within the budget and the cap.
    CHECK(BallotRefusal(capped, true, BallotEntries{{"a", 2}, {"b", 1}}) == "");
    CHECK(BallotRefusal(capped, true, BallotEntries{{"a", 1}}) == "");  // fewer dots than the budget
    CHECK(BallotRefusal(capped, false, BallotEntries{{"a", 1}}) != "");  // not checked in

    PollRoom room;
    const Poll poll = room.MakeOpen(DotsSpec(3, 3, 2));
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 2}, {"b", 2}}), RuleError);
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"c", 3}}), RuleError);
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", -1}, {"b", 2}, {"c", 2}}),
                    RuleError);
    CHECK(room.store->TallyOf(poll.id).ballots == 0);
    CHECK(room.store->VotersOf(poll.id).empty());
    CHECK_FALSE(room.store->BallotEntriesOf(poll.id, room.ana.id).has_value());

    // Spending fewer dots than the budget is allowed.
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"b", 1}});
    room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"a", 2}, {"c", 1}});
    const Tally t = room.store->TallyOf(poll.id);
    CHECK(t.ballots == 2);
    CHECK(VotesOn(t, "a") == 2);
    CHECK(VotesOn(t, "b") == 1);
    CHECK(VotesOn(t, "c") == 1);
    CHECK(t.leaders == std::vector<std::string>{"a"});
    CHECK(room.store->BallotEntriesOf(poll.id, room.bo.id) == std::optional<BallotEntries>(BallotEntries{{"a", 2}, {"c", 1}}));
}

TEST_CASE("polls: without a cap all dots may go on one option, but never more than the budget", "[polls][dots]") {
    PollRoom room;
    const Poll poll = room.MakeOpen(DotsSpec(3, 3, 0));
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"c", 3}});
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"c", 4}}), RuleError);
    CHECK(VotesOn(room.store->TallyOf(poll.id), "c") == 3);
}

// ---- Rating scales ------------------------------------------------------------------------------------------

TEST_CASE("polls: a rating scale must run upwards; scores outside it are refused, its ends accepted", "[polls][rating]") {
    CHECK_FALSE(PollSpecProblem(RatingSpec(2, 2, 2)).empty());
    CHECK_FALSE(PollSpecProblem(RatingSpec(2, 3, 1)).empty());
    CHECK(PollSpecProblem(RatingSpec(2, -2, 2)) == "");
    CHECK(PollSpecProblem(RatingSpec(2, 1, 5)) == "");

    const Poll energy = OpenPollFrom(RatingSpec(2, -2, 2));
    CHECK(BallotRefusal(energy, true, BallotEntries{{"a", -2}, {"b", 2}}) == "");
    CHECK(BallotRefusal(energy, true, BallotEntries{{"a", 0}, {"b", 0}}) == "");
    // Every item is rated by every voter: a ballot that skips one is refused and says how many are left.
    CHECK_THAT(BallotRefusal(energy, true, BallotEntries{{"a", 0}}), Catch::Matchers::Contains("1 is still to rate"));
    CHECK_FALSE(BallotRefusal(energy, true, BallotEntries{{"a", -3}}).empty());
    CHECK_FALSE(BallotRefusal(energy, true, BallotEntries{{"a", 3}}).empty());
    CHECK_FALSE(BallotRefusal(energy, true, BallotEntries{{"a", 1}, {"b", 5}}).empty());

    PollRoom room;
    const Poll poll = room.MakeOpen(RatingSpec(2, 1, 5));
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 0}}), RuleError);
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 6}}), RuleError);
    CHECK(room.store->TallyOf(poll.id).ballots == 0);
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 1}, {"b", 5}});
    const Tally t = room.store->TallyOf(poll.id);
    CHECK(t.ballots == 1);
    CHECK(CountOf(t, "a").sum == 1);
    CHECK(CountOf(t, "b").sum == 5);
}

TEST_CASE("polls: a score of 0 on a -2..+2 scale is a rating, counted in the mean", "[polls][rating]") {
    PollRoom room;
    const Poll poll = room.MakeOpen(RatingSpec(1, -2, 2));
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 2}});
    room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"a", 0}});
    const Tally t = room.store->TallyOf(poll.id);
    CHECK(t.ballots == 2);
    CHECK(CountOf(t, "a").votes == 2);
    CHECK(CountOf(t, "a").Mean() == Approx(1.0));
}

// ---- One ballot per participant ---------------------------------------------------------------------------

TEST_CASE("polls: one ballot per participant, replaceable until the poll closes", "[polls][ballot]") {
    PollRoom room;
    const Poll poll = room.MakeOpen(DotsSpec(3, 3, 0));
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 3}});
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"b", 1}, {"c", 2}});
    Tally t = room.store->TallyOf(poll.id);
    CHECK(t.ballots == 1);
    CHECK(VotesOn(t, "a") == 0);
    CHECK(VotesOn(t, "b") == 1);
    CHECK(VotesOn(t, "c") == 2);
    CHECK(room.store->VotersOf(poll.id) == std::vector<std::string>{room.ana.id});
    CHECK(room.store->BallotEntriesOf(poll.id, room.ana.id) == std::optional<BallotEntries>(BallotEntries{{"b", 1}, {"c", 2}}));

    room.store->ClosePoll(poll.id);
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 1}}), RuleError);
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"a", 1}}), RuleError);
    t = room.store->TallyOf(poll.id);
    CHECK(t.ballots == 1);
    CHECK(VotesOn(t, "c") == 2);
    CHECK(VotesOn(t, "a") == 0);

    SECTION("reopening a named poll lets a voter replace their ballot and others vote") {
        room.store->ReopenPoll(poll.id);
        room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 1}});
        room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"a", 2}});
        t = room.store->TallyOf(poll.id);
        CHECK(t.ballots == 2);
        CHECK(VotesOn(t, "a") == 3);
        CHECK(VotesOn(t, "c") == 0);
        CHECK_THAT(room.store->VotersOf(poll.id), UnorderedEquals(std::vector<std::string>{room.ana.id, room.bo.id}));
    }
    SECTION("a revealed poll takes no replacement either") {
        room.store->RevealPoll(poll.id);
        CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 1}}), RuleError);
        CHECK(VotesOn(room.store->TallyOf(poll.id), "c") == 2);
    }
}

TEST_CASE("polls: a replaced rating ballot counts once, with its new scores", "[polls][ballot][rating]") {
    PollRoom room;
    const Poll poll = room.MakeOpen(RatingSpec(2, -2, 2));
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 2}, {"b", -2}});
    room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"a", 1}, {"b", 1}});
    room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", -1}, {"b", 2}});
    const Tally t = room.store->TallyOf(poll.id);
    CHECK(t.ballots == 2);
    CHECK(CountOf(t, "a").votes == 2);
    CHECK(CountOf(t, "a").sum == 0);
    CHECK(CountOf(t, "b").sum == 3);
    CHECK(t.leaders == std::vector<std::string>{"b"});
}

TEST_CASE("polls: a single-choice ballot must pick exactly one option", "[polls][ballot]") {
    const Poll poll = OpenPollFrom(SingleSpec(3));
    CHECK(BallotRefusal(poll, true, BallotEntries{{"b", 1}}) == "");
    CHECK_FALSE(BallotRefusal(poll, true, BallotEntries{{"a", 1}, {"b", 1}}).empty());
    CHECK_FALSE(BallotRefusal(poll, true, BallotEntries{}).empty());

    PollRoom room;
    const Poll stored = room.MakeOpen(SingleSpec(3));
    CHECK_THROWS_AS(room.store->CastBallot(stored.id, room.ana.id, BallotEntries{{"a", 1}, {"b", 1}}), RuleError);
    CHECK(room.store->TallyOf(stored.id).ballots == 0);
}

// ---- Ties -----------------------------------------------------------------------------------------------

TEST_CASE("polls: ties are shown as ties in single-choice, dot and rating tallies", "[polls][tally]") {
    SECTION("single choice") {
        const Poll poll = OpenPollFrom(SingleSpec(3));
        const Tally t = TallyBallots(poll, {{{"a", 1}}, {{"b", 1}}, {{"a", 1}}, {{"b", 1}}, {{"c", 1}}});
        CHECK(t.ballots == 5);
        CHECK(t.IsTie());
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b"}));
    }
    SECTION("dots") {
        const Poll poll = OpenPollFrom(DotsSpec(3, 3, 0));
        const Tally t = TallyBallots(poll, {{{"a", 3}}, {{"b", 2}, {"c", 1}}, {{"b", 1}, {"c", 2}}});
        CHECK(t.ballots == 3);
        CHECK(VotesOn(t, "a") == 3);
        CHECK(VotesOn(t, "b") == 3);
        CHECK(VotesOn(t, "c") == 3);
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b", "c"}));
    }
    SECTION("rating: equal means from different numbers of raters") {
        const Poll poll = OpenPollFrom(RatingSpec(3, -2, 2));
        // a: 2, 1 -> 1.5 (2 raters); b: 2, 1, 2, 1 -> 1.5 (4 raters); c: 1 (1 rater).
        const Tally t = TallyBallots(poll, {{{"a", 2}, {"b", 2}, {"c", 1}},
                                            {{"a", 1}, {"b", 1}},
                                            {{"b", 2}},
                                            {{"b", 1}}});
        CHECK(CountOf(t, "a").Mean() == Approx(1.5));
        CHECK(CountOf(t, "b").Mean() == Approx(1.5));
        CHECK(t.IsTie());
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b"}));
    }
    SECTION("no ballot, no leader") {
        const Tally t = TallyBallots(OpenPollFrom(SingleSpec(3)), {});
        CHECK(t.ballots == 0);
        CHECK(t.leaders.empty());
        CHECK_FALSE(t.IsTie());
    }
}

TEST_CASE("polls: a rating's leaders are found whatever the mean's rounding (7 raters, mean 29/7)", "[polls][tally][rating]") {
    // Seven people rate on 1..5: 5,5,5,5,3,3,3 -> 29/7 for "a"; "b" gets less. (29.0 / 7) * 7 != 29.0 in
    // floating point, so comparing a recomputed mean with == loses the leader.
    const Poll poll = OpenPollFrom(RatingSpec(2, 1, 5));
    std::vector<BallotEntries> ballots;
    for (int score : {5, 5, 5, 5, 3, 3, 3}) ballots.push_back({{"a", score}, {"b", 2}});
    Tally t = TallyBallots(poll, ballots);
    CHECK(CountOf(t, "a").sum == 29);
    CHECK(t.leaders == std::vector<std::string>{"a"});

    SECTION("and two options tied at 29/7 are both leaders") {
        for (auto& b : ballots) b["b"] = b["a"];
        t = TallyBallots(poll, ballots);
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b"}));
    }
    SECTION("eleven raters on -2..+2 with a sum of 15") {
        const Poll energy = OpenPollFrom(RatingSpec(1, -2, 2));
        std::vector<BallotEntries> eleven;
        for (int score : {2, 2, 2, 2, 2, 2, 2, 1, 0, 0, 0}) eleven.push_back({{"a", score}});
        t = TallyBallots(energy, eleven);
        CHECK(CountOf(t, "a").sum == 15);
        CHECK(t.leaders == std::vector<std::string>{"a"});
    }
}

TEST_CASE("polls: ties through the store, for each kind of poll", "[polls][tally]") {
    PollRoom room;
    SECTION("single") {
        const Poll poll = room.MakeOpen(SingleSpec(3));
        room.store->CastBallot(poll.id, room.ana.id, "a");
        room.store->CastBallot(poll.id, room.bo.id, "b");
        room.store->CastBallot(poll.id, room.cy.id, "c");
        room.store->CastBallot(poll.id, room.dee.id, "b");
        room.store->CastBallot(poll.id, room.cy.id, "a");  // replaces c: a and b tie at 2
        const Tally t = room.store->TallyOf(poll.id);
        CHECK(t.ballots == 4);
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b"}));
    }
    SECTION("dots") {
        const Poll poll = room.MakeOpen(DotsSpec(3, 3, 2));
        room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 2}, {"b", 1}});
        room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"b", 1}});
        const Tally t = room.store->TallyOf(poll.id);
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b"}));
    }
    SECTION("rating") {
        const Poll poll = room.MakeOpen(RatingSpec(3, 1, 3));
        room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 3}, {"b", 2}, {"c", 1}});
        room.store->CastBallot(poll.id, room.bo.id, BallotEntries{{"a", 1}, {"b", 2}, {"c", 1}});
        const Tally t = room.store->TallyOf(poll.id);
        CHECK(CountOf(t, "a").Mean() == Approx(2.0));
        CHECK(CountOf(t, "b").Mean() == Approx(2.0));
        CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b"}));
    }
}

// ---- Lifecycle and audit trail --------------------------------------------------------------------------------

TEST_CASE("polls: the lifecycle is draft, open, closed, revealed; closed or revealed polls can be reopened",
          "[polls][lifecycle]") {
    CHECK(PollTransitionRefusal(PollStatus::Draft, PollStatus::Open) == "");
    CHECK(PollTransitionRefusal(PollStatus::Open, PollStatus::Closed) == "");
    CHECK(PollTransitionRefusal(PollStatus::Closed, PollStatus::Revealed) == "");
    CHECK(PollTransitionRefusal(PollStatus::Closed, PollStatus::Open) == "");
    CHECK(PollTransitionRefusal(PollStatus::Revealed, PollStatus::Open) == "");
    CHECK_FALSE(PollTransitionRefusal(PollStatus::Draft, PollStatus::Closed).empty());
    CHECK_FALSE(PollTransitionRefusal(PollStatus::Draft, PollStatus::Revealed).empty());
    CHECK_FALSE(PollTransitionRefusal(PollStatus::Open, PollStatus::Revealed).empty());
    CHECK_FALSE(PollTransitionRefusal(PollStatus::Open, PollStatus::Draft).empty());
    CHECK_FALSE(PollTransitionRefusal(PollStatus::Closed, PollStatus::Draft).empty());

    PollRoom room;
    const Poll poll = room.Make(SingleSpec(2));
    CHECK_THROWS_AS(room.store->ClosePoll(poll.id), RuleError);
    CHECK_THROWS_AS(room.store->RevealPoll(poll.id), RuleError);
    room.store->OpenPoll(poll.id);
    CHECK_THROWS_AS(room.store->RevealPoll(poll.id), RuleError);
    CHECK(room.store->GetPoll(poll.id).status == PollStatus::Open);
    CHECK(room.store->ClosePoll(poll.id).status == PollStatus::Closed);
    CHECK(room.store->RevealPoll(poll.id).status == PollStatus::Revealed);
    CHECK(room.store->GetPoll(poll.id).status == PollStatus::Revealed);
    CHECK(room.store->ReopenPoll(poll.id).status == PollStatus::Open);
}

TEST_CASE("polls: a poll with no options cannot open, and only a draft's options or anonymity change",
          "[polls][lifecycle]") {
    PollRoom room;
    PollSpec empty = SingleSpec(0);
    const Poll poll = room.Make(empty);
    CHECK_THROWS_AS(room.store->OpenPoll(poll.id), RuleError);
    CHECK(room.store->GetPoll(poll.id).status == PollStatus::Draft);
    room.store->SetPollOptions(poll.id, Options(2));
    room.store->SetPollSettings(poll.id, true, false);
    CHECK(room.store->GetPoll(poll.id).anonymous);
    room.store->OpenPoll(poll.id);
    CHECK_THROWS_AS(room.store->SetPollOptions(poll.id, Options(3)), RuleError);
    CHECK_THROWS_AS(room.store->SetPollSettings(poll.id, false, false), RuleError);
    CHECK(room.store->GetPoll(poll.id).anonymous);
    CHECK(room.store->GetPoll(poll.id).options.size() == 2);
    // Live results may be switched while it runs.
    CHECK(room.store->SetPollSettings(poll.id, true, true).live_results);
    CHECK(room.store->GetPoll(poll.id).live_results);
}

TEST_CASE("polls: the audit trail of a named poll records every change and names the voter", "[polls][audit]") {
    PollRoom room;
    const Poll poll = room.Make(SingleSpec(3));
    room.store->OpenPoll(poll.id);
    room.store->CastBallot(poll.id, room.ana.id, "a");
    room.store->CastBallot(poll.id, room.bo.id, "b");
    room.store->CastBallot(poll.id, room.ana.id, "c");
    room.store->ClosePoll(poll.id);
    room.store->RevealPoll(poll.id);
    room.store->ReopenPoll(poll.id);
    room.store->CastBallot(poll.id, room.bo.id, "a");

    const auto events = room.store->PollEventsOf(poll.id);
    CHECK(ActionsOf(events) == std::vector<std::string>{"opened", "ballot cast", "ballot cast", "ballot replaced",
                                                        "closed", "revealed", "reopened", "ballot replaced"});
    REQUIRE(events.size() == 8);
    CHECK(events[1].member_id == room.ana.id);
    CHECK(events[2].member_id == room.bo.id);
    CHECK(events[3].member_id == room.ana.id);
    CHECK(events[7].member_id == room.bo.id);
    for (size_t i : {size_t(0), size_t(4), size_t(5), size_t(6)}) CHECK(events[i].member_id.empty());
    for (const auto& e : events) CHECK(ParseUtc(e.at).has_value());
    for (size_t i = 1; i < events.size(); ++i) CHECK(events[i - 1].at <= events[i].at);
}

TEST_CASE("polls: refused ballots and refused transitions leave no trace in the audit trail", "[polls][audit]") {
    PollRoom room;
    const Poll poll = room.Make(DotsSpec(2, 3, 0));
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 1}}), RuleError);
    room.store->OpenPoll(poll.id);
    CHECK_THROWS_AS(room.store->CastBallot(poll.id, room.ana.id, BallotEntries{{"a", 4}}), RuleError);
    CHECK_THROWS_AS(room.store->RevealPoll(poll.id), RuleError);
    CHECK(ActionsOf(room.store->PollEventsOf(poll.id)) == std::vector<std::string>{"opened"});
}

TEST_CASE("polls: the audit trail of an anonymous poll never names a voter", "[polls][audit][anonymity]") {
    PollRoom room;
    PollSpec spec = SingleSpec(3);
    spec.anonymous = true;
    const Poll poll = room.MakeOpen(spec);
    room.store->CastBallot(poll.id, room.ana.id, "a");
    room.store->CastBallot(poll.id, room.bo.id, "b");
    room.store->CastBallot(poll.id, room.ana.id, "c");
    room.store->ClosePoll(poll.id);
    room.store->RevealPoll(poll.id);
    const auto events = room.store->PollEventsOf(poll.id);
    CHECK(ActionsOf(events) ==
          std::vector<std::string>{"opened", "ballot cast", "ballot cast", "ballot replaced", "closed", "revealed"});
    for (const auto& e : events) CHECK(e.member_id.empty());
}
