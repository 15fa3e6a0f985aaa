// The room's shared rules: the stage timer, the facilitator's kiosk PIN, who has not voted yet, and the
// kiosk's idle reset. Sections: timer · PIN · lockout · voters · kiosk.
#pragma once
#include <string>
#include <vector>

#include "facilitation/domain/navigation.h"
#include "facilitation/model.h"

namespace facilitation {

// ---- Timer ---------------------------------------------------------------------------
// Seconds on a stage's clock at `now`: what ran before plus the current run, if it is running.
long long TimerElapsedSeconds(const Stage& stage, const std::string& now);
bool TimerPaused(const Stage& stage);  // not running (paused, or not the current stage)
int TimerPlannedMinutes(const Stage& stage);  // planned plus what the facilitator added
Countdown StageCountdown(const Stage& stage, const std::string& now);
// The planned length in words, showing what the facilitator added: "25 min", or "25 min (+5)".
std::string TimerPlanText(const Stage& stage);
constexpr int kTimerExtendMinutes = 5;   // one press of "+5 min"
constexpr int kTimerMostExtraMinutes = 240;

// ---- PIN -------------------------------------------------------------------------------
constexpr int kPinShortest = 4;
constexpr int kPinLongest = 8;
// Why `pin` cannot be a PIN (4 to 8 digits), or "" when it can.
std::string PinProblem(const std::string& pin);
// Why the PIN typed again to confirm (`again`) cannot be set with `first`, or "" when it can.
std::string PinConfirmProblem(const std::string& first, const std::string& again);
// A fresh random salt, hex.
std::string NewPinSalt();
// The salted hash that is stored instead of the PIN: SHA-256 iterated kPinHashRounds times over the salt
// and the previous round, so a copied database does not give the PIN away at a glance. (A 4-digit PIN
// has only 10,000 values: the lockout below, not the hash, is what protects it at the kiosk.)
constexpr int kPinHashRounds = 20000;
std::string HashPin(const std::string& salt, const std::string& pin);

// ---- Lockout ---------------------------------------------------------------------------
// Five wrong PINs lock the prompt for a minute. Kept by the process that shows the prompt.
constexpr int kPinAttempts = 5;
constexpr double kPinLockSeconds = 60.0;
class PinLockout {
public:
    // `now` is any monotonic clock in seconds.
    bool Locked(double now) const { return now < m_locked_until; }
    int SecondsLeft(double now) const;
    int AttemptsLeft() const { return kPinAttempts - m_failures; }
    void RecordFailure(double now);
    void RecordSuccess() { m_failures = 0; }

private:
    int m_failures = 0;
    double m_locked_until = -1.0;
};

// ---- Voters ---------------------------------------------------------------------------
// The participants who have not voted yet, in check-in order: names only, never what anyone chose.
std::vector<Participant> NotVotedYet(const std::vector<Participant>& participants,
                                     const std::vector<std::string>& voter_ids);

// The community's members who are not checked in yet, by name (case and accents folded): at the check-in
// each is one tap away, a roster imported beforehand or last workshop's people. With `typed` (what is in the
// name field so far), only the names containing it, case and accents aside.
std::vector<Participant> NotHereYet(const std::vector<Member>& members, const std::vector<Participant>& here,
                                    const std::string& typed = "");

// ---- Kiosk -----------------------------------------------------------------------------
// A kiosk left untouched this long goes back to its start and drops any unconfirmed ballot.
constexpr double kKioskIdleResetSeconds = 30.0;

}  // namespace facilitation
