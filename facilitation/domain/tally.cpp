#include "facilitation/domain/tally.h"

#include <algorithm>
#include <string>

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

Tally TallyBallots(const Poll& poll, const std::vector<BallotEntries>& ballots) {
    Tally tally;
    for (const auto& option : poll.options) tally.options.push_back({option.key, option.label, 0, 0});
    const PollKind kind = poll.Kind();
    for (const BallotEntries& ballot : ballots) {
        bool counted = false;
        for (const auto& [key, value] : ballot) {
            // A named copy: C++17 lambdas cannot capture a structured binding (clang refuses, gcc allows it).
            const std::string& option_key = key;
            auto it = std::find_if(tally.options.begin(), tally.options.end(),
                                   [&](const OptionCount& o) { return o.key == option_key; });
            if (it == tally.options.end()) continue;  // an option since removed: not counted, never guessed
            if (kind == PollKind::Single) it->votes += value > 0 ? 1 : 0;
            else if (kind == PollKind::Dots) it->votes += value;
            else { ++it->votes; it->sum += value; }
            counted = true;
        }
        if (counted) ++tally.ballots;
    }
    if (tally.ballots == 0) return tally;
    if (kind == PollKind::Rating) {
        // Means compared exactly, as fractions (sum / raters): 29/7 equals 29/7 however it rounds.
        const OptionCount* best = nullptr;
        auto higher = [](const OptionCount& a, const OptionCount& b) { return a.sum * b.votes > b.sum * a.votes; };
        for (const auto& option : tally.options)
            if (option.votes > 0 && (!best || higher(option, *best))) best = &option;
        for (const auto& option : tally.options)
            if (best && option.votes > 0 && option.sum * best->votes == best->sum * option.votes)
                tally.leaders.push_back(option.key);
    } else {
        const int most = tally.MaxVotes();
        if (most > 0)
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

std::string BallotRefusal(const Poll& poll, bool voter_checked_in, const BallotEntries& entries) {
    const PollKind kind = poll.Kind();
    if (kind == PollKind::Single) {
        int chosen = 0;
        std::string key;
        for (const auto& [option, value] : entries)
            if (value != 0) { ++chosen; key = option; }
        if (chosen != 1) return "Pick exactly one choice.";
        return BallotRefusal(poll, voter_checked_in, key);
    }
    std::string state = BallotRefusal(poll, voter_checked_in, poll.options.empty() ? std::string() : poll.options[0].key);
    if (!state.empty()) return poll.options.empty() ? "This vote has no options yet." : state;
    auto known = [&](const std::string& key) {
        return std::any_of(poll.options.begin(), poll.options.end(), [&](const PollOption& o) { return o.key == key; });
    };
    for (const auto& [key, value] : entries)
        if (!known(key)) return "That choice is not one of this vote's options.";
    if (kind == PollKind::Dots) {
        int spent = 0;
        for (const auto& [key, value] : entries) {
            if (value < 0) return "Dots cannot be negative.";
            if (poll.cap > 0 && value > poll.cap)
                return "At most " + std::to_string(poll.cap) + " dots can go on one task.";
            spent += value;
        }
        if (spent == 0) return "Place at least one dot.";
        if (spent > poll.budget)
            return "You have " + std::to_string(poll.budget) + " dots to spend, not " + std::to_string(spent) + ".";
        return "";
    }
    for (const auto& [key, value] : entries)
        if (value < poll.scale_min || value > poll.scale_max)
            return "Ratings go from " + std::to_string(poll.scale_min) + " to " + std::to_string(poll.scale_max) + ".";
    // Every item is rated by every voter: a skipped item would make the means compare unlike crowds.
    const size_t missing = poll.options.size() - entries.size();
    if (missing > 0)
        return "Rate every item: " + std::to_string(missing) + (missing == 1 ? " is" : " are") + " still to rate.";
    return "";
}

std::string PollSpecProblem(const PollSpec& spec) {
    if (spec.question.find_first_not_of(" \t\r\n") == std::string::npos) return "A vote needs a question.";
    if (spec.purpose.empty()) return "A vote needs a purpose.";
    std::vector<std::string> keys;
    for (const auto& option : spec.options) {
        if (option.key.empty() || option.label.empty()) return "Every option needs a key and a label.";
        if (std::find(keys.begin(), keys.end(), option.key) != keys.end()) return "Two options share the key " + option.key + ".";
        keys.push_back(option.key);
    }
    switch (spec.kind) {
        case PollKind::Single: break;
        case PollKind::Dots:
            if (spec.budget < 1) return "The dot budget must be at least 1.";
            if (spec.cap < 0) return "The cap per option cannot be negative.";
            if (spec.cap > 0 && !spec.options.empty() && spec.budget > static_cast<int>(spec.options.size()) * spec.cap)
                return "A budget of " + std::to_string(spec.budget) + " dots cannot be spent on " +
                       std::to_string(spec.options.size()) + " options with at most " + std::to_string(spec.cap) +
                       " each.";
            if (spec.budget > 100) return "A dot budget above 100 is not a dot vote.";
            break;
        case PollKind::Rating:
            if (spec.scale_min >= spec.scale_max) return "A rating scale needs a lowest value below its highest.";
            if (spec.scale_max - spec.scale_min > 10) return "A rating scale may have at most 11 steps.";
            break;
    }
    return "";
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
