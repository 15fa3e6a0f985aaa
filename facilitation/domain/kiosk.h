// The participants' kiosk: what it offers now, the ballot a person fills in before confirming it, the
// commitment's due-date picks, and the idle reset. Rules only: the screens in kiosk/screens/kiosk_*.cpp
// draw them. Sections: what is open · the ballot draft · due dates · idle.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "facilitation/domain/recurrence.h"
#include "facilitation/model.h"

namespace facilitation {

// ---- What is open at the kiosk now ----------------------------------------------------------
// The kiosk follows the running workshop's current stage: every open poll of that stage (a tasks stage opens
// its energy, importance and dot votes together), and what the facilitator opened for the kiosk.
struct KioskOffer {
    std::vector<Poll> polls;    // open polls of the current stage, in ballot order (main, energy, importance, dots...)
    bool roles = false;         // participants may claim a role
    bool commitments = false;   // participants may state a commitment
    bool Vote() const { return !polls.empty(); }
    bool Nothing() const { return polls.empty() && !roles && !commitments; }
    // A guest not on the list may vote without a name only when every open poll is anonymous.
    bool GuestMayVote() const;
    // The open polls' ids, in ballot order: a ballot in progress belongs to exactly this set.
    std::vector<std::string> PollIds() const;
};
// `polls` are the workshop's polls (any stage, any status). A finished workshop offers nothing.
KioskOffer WhatTheKioskOffers(const Workshop& workshop, const std::vector<Stage>& stages, const std::vector<Poll>& polls);

// "Vote: <question>" for one poll; for a tasks stage's three polls "Vote on the tasks: energy, importance, dots".
std::string KioskVoteTitle(const std::vector<Poll>& polls);
// A poll's name in the ballot's parts and the review: "Energy", "Importance", "Dots", "Health", or its question.
std::string KioskPollName(const Poll& poll);
// A rating in words: energy -2..+2 ("−2 very draining" .. "+2 very energizing"), importance 1..3 ("low" ..
// "high"), a health rating 1..5 ("1 not at all", "2 a little", "3 somewhat", "4 a lot", "5 very much"); any other scale: the number.
std::string KioskRatingWords(const Poll& poll, int value);

// What each stage of development means (DOMAIN.md), shown under its choice; "" for any other key.
const char* DevelopmentStageHint(const std::string& key);

// ---- The ballot draft ---------------------------------------------------------------------------
// One person's ballot over every open poll, filled in step by step, reviewed, then cast in one action.
// Nothing in it is read from the database: a kiosk never shows anyone's earlier ballot.
class KioskBallot {
public:
    void Clear() { m_entries.clear(); }
    void Choose(const Poll& poll, const std::string& option_key);        // single: the one choice
    void Rate(const Poll& poll, const std::string& option_key, int value);  // rating: within the scale
    bool AddDot(const Poll& poll, const std::string& option_key);        // false when the budget or cap says no
    bool RemoveDot(const Poll& poll, const std::string& option_key);
    // Value of an option in a poll's draft: the choice (1), the rating, or the dots; `none` when not set.
    int ValueOf(const Poll& poll, const std::string& option_key, int none = 0) const;
    bool Has(const Poll& poll, const std::string& option_key) const;
    int DotsSpent(const Poll& poll) const;
    int DotsLeft(const Poll& poll) const { return poll.budget - DotsSpent(poll); }
    bool CanAddDot(const Poll& poll, const std::string& option_key) const;
    // What is still to do in one poll ("Pick one answer.", "2 tasks still to rate.", "Place at least one dot.")
    // or "" when that part is complete.
    std::string Missing(const Poll& poll) const;
    // The first poll's missing part, prefixed with its name when there are several; "" when all are complete.
    std::string Missing(const std::vector<Poll>& polls) const;
    // What CastBallots takes: (poll id, entries) in the polls' order.
    std::vector<std::pair<std::string, BallotEntries>> Ballots(const std::vector<Poll>& polls) const;
    // The review in words, one line per choice: "Stewarding", "Write the guide: +1 energizing", "Write the
    // guide: 2 dots". Options with no dot are left out; a dots part with nothing is "(no dots)".
    std::vector<std::string> ReviewLines(const Poll& poll) const;

private:
    std::map<std::string, BallotEntries> m_entries;  // poll id -> entries
};

// ---- Due dates of a commitment made at the kiosk --------------------------------------------
// The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 month = 28/29 Feb).
CivilDate AddMonthsClamped(const CivilDate& date, int months);
struct DuePick {
    const char* key;    // "2weeks", "1month", "3months"
    const char* label;  // "In 2 weeks"
    CivilDate date;
};
std::vector<DuePick> KioskDuePicks(const CivilDate& today);
// "Tuesday 3 March 2026"
std::string LongDate(const CivilDate& date);

// ---- Idle reset ------------------------------------------------------------------------------------
// A kiosk left untouched goes back to its start and drops whatever was not confirmed. `now` is any
// monotonic clock in seconds.
class KioskIdle {
public:
    explicit KioskIdle(double timeout_seconds) : m_timeout(timeout_seconds) {}
    void Touch(double now) { m_last_touch = now; }
    double SecondsLeft(double now) const;  // >= 0
    bool Expired(double now) const { return SecondsLeft(now) <= 0.0; }
    double Timeout() const { return m_timeout; }

private:
    double m_timeout;
    double m_last_touch = 0.0;
};

}  // namespace facilitation
