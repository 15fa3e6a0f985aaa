// Counting a single-choice poll: votes per option, leaders, ties shown as ties.
#pragma once
#include <string>
#include <vector>
#include "facilitation/model.h"

namespace facilitation {

struct OptionCount {
    std::string key;
    std::string label;
    int votes = 0;      // single: ballots for it; dots: dots on it; rating: how many rated it
    long long sum = 0;  // rating: the sum of its scores
    double Mean() const { return votes > 0 ? static_cast<double>(sum) / votes : 0.0; }
};

struct Tally {
    std::vector<OptionCount> options;  // in the poll's order
    int ballots = 0;
    // Keys with the most votes (single, dots) or the highest mean (rating); empty when no ballot.
    // More than one is a tie, shown as such: never broken silently.
    std::vector<std::string> leaders;
    bool IsTie() const { return leaders.size() > 1; }
    int MaxVotes() const;
};

// `ballot_options` holds the option key of every current ballot of a single-choice poll.
Tally CountBallots(const std::vector<PollOption>& options, const std::vector<std::string>& ballot_options);
// Any kind of poll: every current ballot's entries.
Tally TallyBallots(const Poll& poll, const std::vector<BallotEntries>& ballots);

// Why a ballot may not be cast, or empty when it may.
std::string BallotRefusal(const Poll& poll, bool voter_checked_in, const std::string& option_key);
std::string BallotRefusal(const Poll& poll, bool voter_checked_in, const BallotEntries& entries);

// Why a poll cannot be created or changed with these rules (a dot budget of 0, or more dots than the
// options can take, a scale upside down...), or empty when it can.
std::string PollSpecProblem(const PollSpec& spec);

}  // namespace facilitation

namespace facilitation {
// Why a poll may not move from `from` to `to`, or empty when it may.
// draft -> open -> closed -> revealed; a closed or revealed poll can be reopened.
std::string PollTransitionRefusal(PollStatus from, PollStatus to);
}  // namespace facilitation
