// Counting a single-choice poll: votes per option, leaders, ties shown as ties.
#pragma once
#include <string>
#include <vector>
#include "facilitation/model.h"

namespace facilitation {

struct OptionCount {
    std::string key;
    std::string label;
    int votes = 0;
};

struct Tally {
    std::vector<OptionCount> options;  // in the poll's order
    int ballots = 0;
    std::vector<std::string> leaders;  // keys with the most votes; empty when no ballot
    bool IsTie() const { return leaders.size() > 1; }
    int MaxVotes() const;
};

// `ballot_options` holds the option key of every current ballot.
Tally CountBallots(const std::vector<PollOption>& options, const std::vector<std::string>& ballot_options);

// Why a ballot may not be cast, or empty when it may.
std::string BallotRefusal(const Poll& poll, bool voter_checked_in, const std::string& option_key);

}  // namespace facilitation

namespace facilitation {
// Why a poll may not move from `from` to `to`, or empty when it may.
// draft -> open -> closed -> revealed; a closed or revealed poll can be reopened.
std::string PollTransitionRefusal(PollStatus from, PollStatus to);
}  // namespace facilitation
