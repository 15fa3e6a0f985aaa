// The participants' kiosk: what it offers, the ballot draft a person fills in, due-date picks, the idle reset;
// and a draft cast through the real store (named, replaced, and a guest's unnamed ballot).
#include <catch2/catch.hpp>

#include <algorithm>

#include "facilitation/domain/kiosk.h"
#include "facilitation/domain/room.h"
#include "store_helpers.h"

using namespace facilitation;

namespace {
Poll MakePoll(const std::string& id, const std::string& stage, const std::string& purpose, PollKind kind,
              PollStatus status = PollStatus::Open) {
    Poll poll;
    poll.id = id;
    poll.stage_key = stage;
    poll.purpose = purpose;
    poll.kind = ToString(kind);
    poll.question = "Question " + id;
    poll.status = status;
    poll.options = {{"a", "Task A"}, {"b", "Task B"}, {"c", "Task C"}};
    if (kind == PollKind::Rating) {
        poll.scale_min = purpose == "energy" ? -2 : 1;
        poll.scale_max = purpose == "energy" ? 2 : 3;
    }
    if (kind == PollKind::Dots) poll.budget = 3;
    return poll;
}

std::vector<Stage> TwoStages() {
    Stage check;
    check.position = 0;
    check.key = "check";
    Stage tasks;
    tasks.position = 1;
    tasks.key = "tasks";
    return {check, tasks};
}
}  // namespace

TEST_CASE("kiosk: it offers the current stage's open polls, in ballot order, and what the facilitator opened", "[kiosk]") {
    Workshop workshop;
    workshop.current_stage = 1;
    const std::vector<Poll> polls = {
        MakePoll("old", "check", "main", PollKind::Single),  // open, but not the current stage
        MakePoll("dots", "tasks", "dots", PollKind::Dots),
        MakePoll("energy", "tasks", "energy", PollKind::Rating),
        MakePoll("importance", "tasks", "importance", PollKind::Rating),
        MakePoll("draft", "tasks", "other", PollKind::Single, PollStatus::Draft),
    };
    KioskOffer offer = WhatTheKioskOffers(workshop, TwoStages(), polls);
    REQUIRE(offer.polls.size() == 3);
    CHECK(offer.PollIds() == std::vector<std::string>{"energy", "importance", "dots"});
    CHECK(offer.Vote());
    CHECK_FALSE(offer.roles);
    CHECK_FALSE(offer.Nothing());
    CHECK(KioskVoteTitle(offer.polls) == "Vote on the tasks: energy, importance and dots");

    workshop.current_stage = 0;
    workshop.kiosk_commitments_open = true;
    offer = WhatTheKioskOffers(workshop, TwoStages(), polls);
    CHECK(offer.PollIds() == std::vector<std::string>{"old"});
    CHECK(offer.commitments);
    CHECK(KioskVoteTitle(offer.polls) == "Vote: Question old");

    SECTION("a finished workshop offers nothing, even with openings left on") {
        workshop.ended_at = "2026-01-01T10:00:00.000Z";
        workshop.kiosk_roles_open = true;
        CHECK(WhatTheKioskOffers(workshop, TwoStages(), polls).Nothing());
    }
    SECTION("closed and revealed polls are not offered") {
        std::vector<Poll> closed = polls;
        closed[0].status = PollStatus::Closed;
        workshop.kiosk_commitments_open = false;
        CHECK(WhatTheKioskOffers(workshop, TwoStages(), closed).Nothing());
    }
}

TEST_CASE("kiosk: a guest may vote without a name only when every open poll is anonymous", "[kiosk]") {
    KioskOffer offer;
    CHECK_FALSE(offer.GuestMayVote());
    offer.polls = {MakePoll("e", "tasks", "energy", PollKind::Rating), MakePoll("d", "tasks", "dots", PollKind::Dots)};
    offer.polls[0].anonymous = true;
    CHECK_FALSE(offer.GuestMayVote());
    offer.polls[1].anonymous = true;
    CHECK(offer.GuestMayVote());
}

TEST_CASE("kiosk: a single-choice draft holds one choice and is complete once chosen", "[kiosk]") {
    const Poll poll = MakePoll("p", "check", "main", PollKind::Single);
    KioskBallot ballot;
    CHECK(ballot.Missing(poll) == "Pick one answer.");
    ballot.Choose(poll, "a");
    ballot.Choose(poll, "b");
    ballot.Choose(poll, "nope");  // not an option: ignored
    CHECK(ballot.Missing(poll).empty());
    CHECK(ballot.ValueOf(poll, "a") == 0);
    CHECK(ballot.ValueOf(poll, "b") == 1);
    CHECK(ballot.ReviewLines(poll) == std::vector<std::string>{"Task B"});
    const auto ballots = ballot.Ballots({poll});
    REQUIRE(ballots.size() == 1);
    CHECK(ballots[0].first == "p");
    CHECK(ballots[0].second == BallotEntries{{"b", 1}});
}

TEST_CASE("kiosk: a rating draft keeps values on the scale and names them in words", "[kiosk]") {
    const Poll energy = MakePoll("e", "tasks", "energy", PollKind::Rating);
    KioskBallot ballot;
    CHECK(ballot.Missing(energy) == "3 tasks still to rate.");
    ballot.Rate(energy, "a", 2);
    ballot.Rate(energy, "b", 3);  // off the scale: ignored
    ballot.Rate(energy, "c", -2);
    CHECK(ballot.Missing(energy) == "1 task still to rate.");
    ballot.Rate(energy, "b", 0);  // 0 is a score like any other
    CHECK(ballot.Missing(energy).empty());
    CHECK(ballot.ReviewLines(energy) ==
          std::vector<std::string>{"Task A: +2 very energizing", "Task B: 0 neutral", "Task C: \u22122 very draining"});
    const Poll importance = MakePoll("i", "tasks", "importance", PollKind::Rating);
    CHECK(KioskRatingWords(importance, 3) == "high");
    Poll health = MakePoll("h", "health", "health", PollKind::Rating);
    health.scale_min = 1;
    health.scale_max = 5;
    CHECK(KioskRatingWords(health, 1) == "1 not at all");
    CHECK(KioskRatingWords(health, 4) == "4 a lot");
    CHECK(ballot.Missing(std::vector<Poll>{energy, importance}) == "Importance: 3 tasks still to rate.");
}

TEST_CASE("kiosk: a dots draft never spends more than the budget nor the cap", "[kiosk]") {
    Poll dots = MakePoll("d", "tasks", "dots", PollKind::Dots);
    dots.cap = 2;
    KioskBallot ballot;
    CHECK(ballot.Missing(dots) == "Place at least one dot.");
    CHECK(ballot.DotsLeft(dots) == 3);
    CHECK(ballot.AddDot(dots, "a"));
    CHECK(ballot.AddDot(dots, "a"));
    CHECK_FALSE(ballot.CanAddDot(dots, "a"));  // the cap
    CHECK_FALSE(ballot.AddDot(dots, "a"));
    CHECK(ballot.AddDot(dots, "b"));
    CHECK(ballot.DotsLeft(dots) == 0);
    CHECK_FALSE(ballot.AddDot(dots, "c"));  // the budget
    CHECK(ballot.Missing(dots).empty());
    CHECK(ballot.RemoveDot(dots, "b"));
    CHECK_FALSE(ballot.RemoveDot(dots, "b"));
    CHECK_FALSE(ballot.Has(dots, "b"));  // no dot left on it: not an entry
    CHECK(ballot.ReviewLines(dots) == std::vector<std::string>{"Task A: 2 dots"});
    ballot.Clear();
    CHECK(ballot.ReviewLines(dots) == std::vector<std::string>{"(no dots)"});
}

TEST_CASE("kiosk: due-date picks are 2 weeks, 1 month and 3 months from today, month ends clamped", "[kiosk]") {
    const auto picks = KioskDuePicks(CivilDate{2026, 1, 31});
    REQUIRE(picks.size() == 3);
    CHECK(picks[0].date.Iso() == "2026-02-14");
    CHECK(picks[1].date.Iso() == "2026-02-28");
    CHECK(picks[2].date.Iso() == "2026-04-30");
    CHECK(AddMonthsClamped(CivilDate{2028, 1, 30}, 1).Iso() == "2028-02-29");
    CHECK(AddMonthsClamped(CivilDate{2026, 11, 15}, 3).Iso() == "2027-02-15");
    CHECK(LongDate(CivilDate{2026, 3, 3}) == "Tuesday 3 March 2026");
}

TEST_CASE("kiosk: the idle reset comes after the timeout without a touch, and each touch restarts it", "[kiosk]") {
    KioskIdle idle(kKioskIdleResetSeconds);
    idle.Touch(100.0);
    CHECK(idle.SecondsLeft(110.0) == Approx(20.0));
    CHECK_FALSE(idle.Expired(129.9));
    idle.Touch(125.0);
    CHECK_FALSE(idle.Expired(150.0));
    CHECK(idle.Expired(155.0));
    CHECK(idle.SecondsLeft(200.0) == 0.0);
}

TEST_CASE("kiosk: a draft over the tasks stage's three polls is cast as one action, replaced, and a guest's counts",
          "[kiosk][store]") {
    copk_test::RunningWorkshop w;
    const auto ann = w.store->CheckIn(w.workshop.id, "Ann");
    std::string tasks_key;
    int tasks_position = 0;
    for (const auto& s : w.store->StagesOf(w.workshop.id))
        if (s.kind == StageKind::Tasks) {
            tasks_key = s.key;
            tasks_position = s.position;
        }
    REQUIRE(!tasks_key.empty());
    w.store->ProposeTask(w.workshop.id, tasks_key, "Write the newcomer guide");
    w.store->ProposeTask(w.workshop.id, tasks_key, "Answer the same questions again");
    Store::TaskVoteRules rules;
    rules.anonymous = true;
    w.store->OpenTaskVote(w.workshop.id, tasks_key, rules);
    const Workshop now = w.store->GoToStage(w.workshop.id, tasks_position);
    const KioskOffer offer = WhatTheKioskOffers(now, w.store->StagesOf(w.workshop.id), w.store->PollsOf(w.workshop.id));
    REQUIRE(offer.polls.size() == 3);
    REQUIRE(offer.GuestMayVote());

    auto fill = [&](int energy) {
        KioskBallot ballot;
        for (const Poll& poll : offer.polls)
            for (const PollOption& option : poll.options) {
                if (poll.purpose == "energy") ballot.Rate(poll, option.key, energy);
                if (poll.purpose == "importance") ballot.Rate(poll, option.key, 2);
            }
        ballot.AddDot(offer.polls[2], offer.polls[2].options[0].key);
        REQUIRE(ballot.Missing(offer.polls).empty());
        return ballot;
    };
    w.store->CastBallots(ann.id, fill(1).Ballots(offer.polls));
    w.store->CastBallots(ann.id, fill(-1).Ballots(offer.polls));  // a new ballot replaces the first
    w.store->CastUnnamedBallots(fill(2).Ballots(offer.polls));     // a guest: counted, marks nobody
    const Tally energy = w.store->TallyOf(offer.polls[0].id);
    CHECK(energy.ballots == 2);
    CHECK(energy.options[0].sum == 1);  // -1 from Ann's second ballot, +2 from the guest
    CHECK(w.store->VotersOf(offer.polls[2].id) == std::vector<std::string>{ann.id});
    CHECK(w.store->TallyOf(offer.polls[2].id).ballots == 2);
}
