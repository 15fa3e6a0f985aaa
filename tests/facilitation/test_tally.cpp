// Counting single-choice polls (ties shown as ties), who may cast a ballot, and the domain's fixed vocabularies.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "facilitation/domain/tally.h"
#include "facilitation/model.h"

using namespace facilitation;
using Catch::Matchers::UnorderedEquals;

namespace {

std::vector<std::string> KeysOf(const std::vector<OptionCount>& counts) {
    std::vector<std::string> keys;
    for (const auto& c : counts) keys.push_back(c.key);
    return keys;
}

std::vector<std::string> KeysOf(const std::vector<PollOption>& options) {
    std::vector<std::string> keys;
    for (const auto& o : options) keys.push_back(o.key);
    return keys;
}

int VotesFor(const Tally& tally, const std::string& key) {
    for (const auto& c : tally.options)
        if (c.key == key) return c.votes;
    FAIL("no option " << key << " in the tally");
    return -1;
}

Poll OpenStageCheck() {
    Poll poll;
    poll.id = "poll-1";
    poll.stage_key = "stage-check";
    poll.question = "Where do we stand?";
    poll.status = PollStatus::Open;
    poll.options = DevelopmentStages();
    return poll;
}

}  // namespace

TEST_CASE("tally: the stage check offers the five stages of development in order", "[tally]") {
    const auto& stages = DevelopmentStages();
    CHECK(KeysOf(stages) ==
          std::vector<std::string>{"discovering", "coalescing", "committing", "stewarding", "renewing"});
    for (const auto& s : stages) CHECK_FALSE(s.label.empty());
}

TEST_CASE("tally: one leader with the most votes", "[tally]") {
    const auto& options = DevelopmentStages();
    const Tally t = CountBallots(options, {"committing", "coalescing", "committing"});
    CHECK(t.ballots == 3);
    CHECK(VotesFor(t, "committing") == 2);
    CHECK(VotesFor(t, "coalescing") == 1);
    CHECK(VotesFor(t, "discovering") == 0);
    CHECK(t.leaders == std::vector<std::string>{"committing"});
    CHECK_FALSE(t.IsTie());
    CHECK(t.MaxVotes() == 2);
}

TEST_CASE("tally: two options with the most votes are a tie", "[tally]") {
    const auto& options = DevelopmentStages();
    const Tally t = CountBallots(options, {"stewarding", "discovering", "discovering", "stewarding", "renewing"});
    CHECK(t.ballots == 5);
    CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"discovering", "stewarding"}));
    CHECK(t.IsTie());
    CHECK(t.MaxVotes() == 2);
}

TEST_CASE("tally: every option tied at one vote leads together", "[tally]") {
    const std::vector<PollOption> options{{"a", "A"}, {"b", "B"}, {"c", "C"}};
    const Tally t = CountBallots(options, {"c", "a", "b"});
    CHECK_THAT(t.leaders, UnorderedEquals(std::vector<std::string>{"a", "b", "c"}));
    CHECK(t.IsTie());
}

TEST_CASE("tally: no ballots means no leaders and no tie", "[tally]") {
    const auto& options = DevelopmentStages();
    const Tally t = CountBallots(options, {});
    CHECK(t.ballots == 0);
    CHECK(t.leaders.empty());
    CHECK_FALSE(t.IsTie());
    CHECK(t.MaxVotes() == 0);
    REQUIRE(t.options.size() == options.size());
    for (const auto& c : t.options) CHECK(c.votes == 0);
}

TEST_CASE("tally: options keep the poll's order and labels whatever the ballots' order", "[tally]") {
    const std::vector<PollOption> options{{"zeta", "Zeta"}, {"alpha", "Alpha"}, {"mid", "Middle"}};
    const Tally t = CountBallots(options, {"mid", "alpha", "mid", "alpha", "alpha"});
    REQUIRE(t.options.size() == 3);
    CHECK(KeysOf(t.options) == std::vector<std::string>{"zeta", "alpha", "mid"});
    CHECK(t.options[0].label == "Zeta");
    CHECK(t.options[1].label == "Alpha");
    CHECK(t.options[2].label == "Middle");
    CHECK(t.options[0].votes == 0);
    CHECK(t.options[1].votes == 3);
    CHECK(t.options[2].votes == 2);
    CHECK(t.leaders == std::vector<std::string>{"alpha"});
}

TEST_CASE("tally: the votes of all options add up to the ballots", "[tally]") {
    const auto& options = DevelopmentStages();
    const std::vector<std::string> ballots{"renewing", "renewing", "committing", "discovering", "renewing",
                                           "coalescing", "stewarding", "committing"};
    const Tally t = CountBallots(options, ballots);
    int sum = 0;
    for (const auto& c : t.options) sum += c.votes;
    CHECK(sum == t.ballots);
    CHECK(t.ballots == static_cast<int>(ballots.size()));
}

TEST_CASE("tally: a ballot may be cast only on an open poll, by a checked-in voter, for a listed option",
          "[tally][ballot]") {
    Poll poll = OpenStageCheck();
    CHECK(BallotRefusal(poll, true, "committing").empty());

    SECTION("poll not open") {
        for (PollStatus status : {PollStatus::Draft, PollStatus::Closed, PollStatus::Revealed}) {
            poll.status = status;
            CAPTURE(ToString(status));
            CHECK_FALSE(BallotRefusal(poll, true, "committing").empty());
        }
    }
    SECTION("voter not checked in") {
        CHECK_FALSE(BallotRefusal(poll, false, "committing").empty());
    }
    SECTION("unknown option") {
        CHECK_FALSE(BallotRefusal(poll, true, "flourishing").empty());
        CHECK_FALSE(BallotRefusal(poll, true, "").empty());
    }
}

TEST_CASE("tally: each refusal gives its own reason", "[tally][ballot]") {
    Poll open = OpenStageCheck();
    Poll closed = open;
    closed.status = PollStatus::Closed;
    const std::string not_open = BallotRefusal(closed, true, "committing");
    const std::string not_here = BallotRefusal(open, false, "committing");
    const std::string no_option = BallotRefusal(open, true, "flourishing");
    const std::set<std::string> reasons{not_open, not_here, no_option};
    CHECK(reasons.size() == 3);
}

TEST_CASE("tally: poll statuses and stage kinds read back from their names", "[tally][model]") {
    for (PollStatus s : {PollStatus::Draft, PollStatus::Open, PollStatus::Closed, PollStatus::Revealed}) {
        const auto back = PollStatusFromString(ToString(s));
        REQUIRE(back.has_value());
        CHECK(*back == s);
    }
    CHECK_FALSE(PollStatusFromString("ajar").has_value());

    const std::vector<StageKind> all{StageKind::CheckIn,  StageKind::Domain,      StageKind::StageCheck,
                                     StageKind::Roles,    StageKind::Rhythm,      StageKind::Tasks,
                                     StageKind::Commitments, StageKind::Voice,    StageKind::Close,
                                     StageKind::Review,   StageKind::Health};
    std::set<std::string> names;
    for (StageKind k : all) {
        const std::string name = ToString(k);
        names.insert(name);
        const auto back = StageKindFromString(name);
        REQUIRE(back.has_value());
        CHECK(*back == k);
    }
    CHECK(names.size() == all.size());
    CHECK_FALSE(StageKindFromString("brainstorm").has_value());
    CHECK_FALSE(StageKindFromString("").has_value());
}

TEST_CASE("tally: stage kinds are spelled as in the templates", "[tally][model]") {
    CHECK(std::string(ToString(StageKind::CheckIn)) == "checkin");
    CHECK(std::string(ToString(StageKind::StageCheck)) == "stage_check");
    CHECK(std::string(ToString(StageKind::Commitments)) == "commitments");
    CHECK(std::string(ToString(StageKind::Review)) == "review");
    CHECK(std::string(ToString(StageKind::Health)) == "health");
}
