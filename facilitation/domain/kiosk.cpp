#include "facilitation/domain/kiosk.h"

#include <algorithm>
#include <cctype>

namespace facilitation {

// ---- What is open at the kiosk now ----------------------------------------------------------
namespace {
// The order a person meets the parts of a ballot: the stage's main question first, then a tasks stage's
// energy and importance ratings before the dots (which are easier to spend once every task was weighed).
int PurposeRank(const std::string& purpose) {
    static const char* const kOrder[] = {"main", "health", "energy", "importance", "dots"};
    for (int i = 0; i < 5; ++i)
        if (purpose == kOrder[i]) return i;
    return 5;
}
}  // namespace

bool KioskOffer::GuestMayVote() const {
    return !polls.empty() && std::all_of(polls.begin(), polls.end(), [](const Poll& p) { return p.anonymous; });
}

std::vector<std::string> KioskOffer::PollIds() const {
    std::vector<std::string> ids;
    for (const Poll& poll : polls) ids.push_back(poll.id);
    return ids;
}

KioskOffer WhatTheKioskOffers(const Workshop& workshop, const std::vector<Stage>& stages, const std::vector<Poll>& polls) {
    KioskOffer offer;
    if (!workshop.IsRunning()) return offer;
    offer.roles = workshop.kiosk_roles_open;
    offer.commitments = workshop.kiosk_commitments_open;
    const auto stage = std::find_if(stages.begin(), stages.end(),
                                    [&](const Stage& s) { return s.position == workshop.current_stage; });
    if (stage == stages.end()) return offer;
    for (const Poll& poll : polls)
        if (poll.stage_key == stage->key && poll.status == PollStatus::Open && !poll.options.empty())
            offer.polls.push_back(poll);
    std::stable_sort(offer.polls.begin(), offer.polls.end(),
                     [](const Poll& a, const Poll& b) { return PurposeRank(a.purpose) < PurposeRank(b.purpose); });
    return offer;
}

std::string KioskPollName(const Poll& poll) {
    if (poll.purpose == "energy") return "Energy";
    if (poll.purpose == "importance") return "Importance";
    if (poll.purpose == "dots") return "Dots";
    if (poll.purpose == "health") return "Health pulse";
    return poll.question;
}

std::string KioskVoteTitle(const std::vector<Poll>& polls) {
    if (polls.empty()) return "";
    if (polls.size() == 1) return "Vote: " + polls.front().question;
    std::string parts;
    for (size_t i = 0; i < polls.size(); ++i) {
        std::string name = KioskPollName(polls[i]);
        if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
        parts += (i == 0 ? "" : i + 1 == polls.size() ? " and " : ", ") + name;
    }
    const bool tasks = std::any_of(polls.begin(), polls.end(), [](const Poll& p) { return p.purpose == "dots"; });
    return std::string(tasks ? "Vote on the tasks: " : "Vote: ") + parts;
}

std::string KioskRatingWords(const Poll& poll, int value) {
    const std::string number = (value > 0 && poll.scale_min < 0 ? "+" : value < 0 ? "\u2212" : "") + std::to_string(value < 0 ? -value : value);
    if (poll.purpose == "energy" && poll.scale_min == -2 && poll.scale_max == 2) {
        static const char* const kWords[] = {"very draining", "draining", "neutral", "energizing", "very energizing"};
        return number + " " + kWords[value + 2];
    }
    if (poll.purpose == "importance" && poll.scale_min == 1 && poll.scale_max == 3) {
        static const char* const kWords[] = {"low", "medium", "high"};
        return kWords[value - 1];
    }
    if (poll.scale_min == 1 && poll.scale_max == 5) {
        static const char* const kWords[] = {"not at all", "a little", "somewhat", "a lot", "very much"};
        return number + " " + kWords[value - 1];
    }
    return number;
}

const char* DevelopmentStageHint(const std::string& key) {
    if (key == "discovering") return "a few people see the potential";
    if (key == "coalescing") return "exploring the value of being together";
    if (key == "committing") return "designing ourselves: rhythm, roles";
    if (key == "stewarding") return "putting ourselves to work";
    if (key == "renewing") return "reinventing ourselves";
    return "";
}

// ---- The ballot draft ---------------------------------------------------------------------------
namespace {
bool IsOption(const Poll& poll, const std::string& key) {
    return std::any_of(poll.options.begin(), poll.options.end(), [&](const PollOption& o) { return o.key == key; });
}
}  // namespace

void KioskBallot::Choose(const Poll& poll, const std::string& option_key) {
    if (poll.Kind() != PollKind::Single || !IsOption(poll, option_key)) return;
    m_entries[poll.id] = BallotEntries{{option_key, 1}};
}

void KioskBallot::Rate(const Poll& poll, const std::string& option_key, int value) {
    if (poll.Kind() != PollKind::Rating || !IsOption(poll, option_key)) return;
    if (value < poll.scale_min || value > poll.scale_max) return;
    m_entries[poll.id][option_key] = value;
}

bool KioskBallot::CanAddDot(const Poll& poll, const std::string& option_key) const {
    if (poll.Kind() != PollKind::Dots || !IsOption(poll, option_key)) return false;
    if (DotsLeft(poll) <= 0) return false;
    return poll.cap <= 0 || ValueOf(poll, option_key) < poll.cap;
}

bool KioskBallot::AddDot(const Poll& poll, const std::string& option_key) {
    if (!CanAddDot(poll, option_key)) return false;
    ++m_entries[poll.id][option_key];
    return true;
}

bool KioskBallot::RemoveDot(const Poll& poll, const std::string& option_key) {
    auto found = m_entries.find(poll.id);
    if (found == m_entries.end()) return false;
    auto entry = found->second.find(option_key);
    if (entry == found->second.end() || entry->second <= 0) return false;
    if (--entry->second == 0) found->second.erase(entry);
    return true;
}

bool KioskBallot::Has(const Poll& poll, const std::string& option_key) const {
    auto found = m_entries.find(poll.id);
    return found != m_entries.end() && found->second.count(option_key) > 0;
}

int KioskBallot::ValueOf(const Poll& poll, const std::string& option_key, int none) const {
    auto found = m_entries.find(poll.id);
    if (found == m_entries.end()) return none;
    auto entry = found->second.find(option_key);
    return entry == found->second.end() ? none : entry->second;
}

int KioskBallot::DotsSpent(const Poll& poll) const {
    auto found = m_entries.find(poll.id);
    if (found == m_entries.end()) return 0;
    int spent = 0;
    for (const auto& [key, value] : found->second) spent += value;
    return spent;
}

std::string KioskBallot::Missing(const Poll& poll) const {
    switch (poll.Kind()) {
        case PollKind::Single: {
            for (const PollOption& option : poll.options)
                if (ValueOf(poll, option.key) > 0) return "";
            return "Pick one answer.";
        }
        case PollKind::Rating: {
            size_t missing = 0;
            for (const PollOption& option : poll.options) missing += Has(poll, option.key) ? 0 : 1;
            if (missing == 0) return "";
            const bool tasks = poll.purpose == "energy" || poll.purpose == "importance";
            const std::string what = tasks ? (missing == 1 ? "task" : "tasks") : (missing == 1 ? "item" : "items");
            return std::to_string(missing) + " " + what + " still to rate.";
        }
        case PollKind::Dots:
            return DotsSpent(poll) > 0 ? "" : "Place at least one dot.";
    }
    return "";
}

std::string KioskBallot::Missing(const std::vector<Poll>& polls) const {
    for (const Poll& poll : polls) {
        const std::string missing = Missing(poll);
        if (!missing.empty()) return polls.size() > 1 ? KioskPollName(poll) + ": " + missing : missing;
    }
    return "";
}

std::vector<std::pair<std::string, BallotEntries>> KioskBallot::Ballots(const std::vector<Poll>& polls) const {
    std::vector<std::pair<std::string, BallotEntries>> ballots;
    for (const Poll& poll : polls) {
        auto found = m_entries.find(poll.id);
        ballots.emplace_back(poll.id, found == m_entries.end() ? BallotEntries{} : found->second);
    }
    return ballots;
}

std::vector<std::string> KioskBallot::ReviewLines(const Poll& poll) const {
    std::vector<std::string> lines;
    for (const PollOption& option : poll.options) {
        if (!Has(poll, option.key)) continue;
        const int value = ValueOf(poll, option.key);
        switch (poll.Kind()) {
            case PollKind::Single:
                if (value > 0) lines.push_back(option.label);
                break;
            case PollKind::Rating: lines.push_back(option.label + ": " + KioskRatingWords(poll, value)); break;
            case PollKind::Dots:
                if (value > 0) lines.push_back(option.label + ": " + std::to_string(value) + (value == 1 ? " dot" : " dots"));
                break;
        }
    }
    if (lines.empty()) lines.push_back(poll.Kind() == PollKind::Dots ? "(no dots)" : "(nothing chosen)");
    return lines;
}

// ---- Due dates ---------------------------------------------------------------------------------------
CivilDate AddMonthsClamped(const CivilDate& date, int months) {
    const int index = date.year * 12 + (date.month - 1) + months;
    CivilDate out{index / 12, index % 12 + 1, date.day};
    for (int day = date.day; day >= 28; --day) {
        out.day = day;
        CivilDate parsed;
        if (CivilDate::Parse(out.Iso(), parsed)) return parsed;
    }
    return out;
}

std::vector<DuePick> KioskDuePicks(const CivilDate& today) {
    return {{"2weeks", "In 2 weeks", AddDays(today, 14)},
            {"1month", "In 1 month", AddMonthsClamped(today, 1)},
            {"3months", "In 3 months", AddMonthsClamped(today, 3)}};
}

std::string LongDate(const CivilDate& date) {
    static const char* const kDays[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    static const char* const kMonths[12] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
    return std::string(kDays[WeekdayOf(date)]) + " " + std::to_string(date.day) + " " + kMonths[date.month - 1] + " " +
           std::to_string(date.year);
}

// ---- Idle reset ------------------------------------------------------------------------------------
double KioskIdle::SecondsLeft(double now) const { return std::max(0.0, m_last_touch + m_timeout - now); }

}  // namespace facilitation
