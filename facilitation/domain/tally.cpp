#include "facilitation/domain/tally.h"

#include <algorithm>

namespace facilitation {

int Tally::MaxVotes() const {
    int most = 0;
    for (const auto& option : options) most = std::max(most, option.votes);
    return most;
}

Tally CountBallots(const std::vector<PollOption>& options, const std::vector<std::string>& ballot_options) {
    Tally tally;
    for (const auto& option : options) tally.options.push_back({option.key, option.label, 0});
    for (const auto& key : ballot_options) {
        auto it = std::find_if(tally.options.begin(), tally.options.end(), [&](const OptionCount& o) { return o.key == key; });
        if (it == tally.options.end()) continue;  // an option since removed: not counted, never guessed
        ++it->votes;
        ++tally.ballots;
    }
    const int most = tally.MaxVotes();
    if (most > 0) {
        for (const auto& option : tally.options)
            if (option.votes == most) tally.leaders.push_back(option.key);
    }
    return tally;
}

std::string BallotRefusal(const Poll& poll, bool voter_checked_in, const std::string& option_key) {
    if (poll.status != PollStatus::Open) {
        switch (poll.status) {
            case PollStatus::Draft: return "This vote has not been opened yet.";
            case PollStatus::Closed: return "This vote is closed; ask the facilitator to reopen it.";
            case PollStatus::Revealed: return "This vote is closed and its results are shown.";
            default: break;
        }
    }
    if (!voter_checked_in) return "Only people checked in to this workshop can vote; please check in first.";
    for (const auto& option : poll.options)
        if (option.key == option_key) return "";
    return "That choice is not one of this vote's options.";
}

}  // namespace facilitation

namespace facilitation {
std::string PollTransitionRefusal(PollStatus from, PollStatus to) {
    if (from == to) return "";
    switch (to) {
        case PollStatus::Open:
            if (from == PollStatus::Draft || from == PollStatus::Closed || from == PollStatus::Revealed) return "";
            break;
        case PollStatus::Closed:
            if (from == PollStatus::Open) return "";
            if (from == PollStatus::Draft) return "This vote has not been opened yet.";
            break;
        case PollStatus::Revealed:
            if (from == PollStatus::Closed) return "";
            if (from == PollStatus::Open) return "Close the vote before showing its results.";
            if (from == PollStatus::Draft) return "This vote has not been opened yet.";
            break;
        case PollStatus::Draft:
            return "A vote cannot go back to draft.";
    }
    return std::string("A vote cannot go from ") + ToString(from) + " to " + ToString(to) + ".";
}
}  // namespace facilitation
