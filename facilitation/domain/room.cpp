#include "facilitation/domain/room.h"

#include <algorithm>
#include <cmath>

#include "facilitation/domain/names.h"
#include "facilitation/domain/sha256.h"
#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"

namespace facilitation {

// ---- Timer ---------------------------------------------------------------------------
long long TimerElapsedSeconds(const Stage& stage, const std::string& now) {
    long long elapsed = stage.timer_elapsed_seconds;
    if (!stage.timer_running_since.empty()) elapsed += std::max(0LL, SecondsBetween(stage.timer_running_since, now));
    return elapsed;
}

bool TimerPaused(const Stage& stage) { return stage.timer_running_since.empty(); }

int TimerPlannedMinutes(const Stage& stage) { return stage.planned_minutes + stage.timer_extra_minutes; }

Countdown StageCountdown(const Stage& stage, const std::string& now) {
    return ComputeCountdown(TimerPlannedMinutes(stage), TimerElapsedSeconds(stage, now));
}

std::string TimerPlanText(const Stage& stage) {
    std::string text = std::to_string(TimerPlannedMinutes(stage)) + " min";
    if (stage.timer_extra_minutes > 0) text += " (+" + std::to_string(stage.timer_extra_minutes) + ")";
    return text;
}

// ---- PIN -------------------------------------------------------------------------------
std::string PinProblem(const std::string& pin) {
    if (pin.empty()) return "Choose a PIN of 4 to 8 digits.";
    for (char c : pin)
        if (c < '0' || c > '9') return "A PIN has digits only (0 to 9).";
    if (static_cast<int>(pin.size()) < kPinShortest) return "A PIN has at least 4 digits.";
    if (static_cast<int>(pin.size()) > kPinLongest) return "A PIN has at most 8 digits.";
    return "";
}

std::string PinConfirmProblem(const std::string& first, const std::string& again) {
    const std::string problem = PinProblem(first);
    if (!problem.empty()) return problem;
    if (again != first) return "The two PINs differ: choose the PIN again.";
    return "";
}

std::string NewPinSalt() { return RandomHex(16); }

std::string HashPin(const std::string& salt, const std::string& pin) {
    std::string digest = Sha256Hex(salt + ":" + pin);
    for (int round = 1; round < kPinHashRounds; ++round) digest = Sha256Hex(salt + digest);
    return digest;
}

// ---- Lockout ---------------------------------------------------------------------------
int PinLockout::SecondsLeft(double now) const {
    return Locked(now) ? static_cast<int>(std::ceil(m_locked_until - now)) : 0;
}

void PinLockout::RecordFailure(double now) {
    if (Locked(now)) return;
    if (++m_failures >= kPinAttempts) {
        m_failures = 0;
        m_locked_until = now + kPinLockSeconds;
    }
}

// ---- Voters ---------------------------------------------------------------------------
std::vector<Participant> NotVotedYet(const std::vector<Participant>& participants,
                                     const std::vector<std::string>& voter_ids) {
    std::vector<Participant> waiting;
    for (const auto& person : participants)
        if (std::find(voter_ids.begin(), voter_ids.end(), person.id) == voter_ids.end()) waiting.push_back(person);
    return waiting;
}

std::vector<Participant> NotHereYet(const std::vector<Member>& members, const std::vector<Participant>& here,
                                    const std::string& typed) {
    const std::string wanted = SearchKey(typed);
    std::vector<std::pair<std::string, Participant>> keyed;
    for (const auto& member : members) {
        const bool present = std::any_of(here.begin(), here.end(), [&](const Participant& p) { return p.id == member.id; });
        std::string key = SearchKey(member.name);
        if (!present && key.find(wanted) != std::string::npos)
            keyed.push_back({std::move(key), Participant{member.id, member.name, ""}});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Participant> waiting;
    for (auto& entry : keyed) waiting.push_back(std::move(entry.second));
    return waiting;
}

}  // namespace facilitation
