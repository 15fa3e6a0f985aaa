#include "facilitation/domain/navigation.h"

#include <algorithm>
#include <cstdio>

namespace facilitation {

int StageNavigation::Step(int delta) const {
    if (stage_count <= 0) return 0;
    return std::clamp(current + delta, 0, stage_count - 1);
}

namespace {
std::string MinutesSeconds(long long seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", seconds / 60, seconds % 60);
    return buffer;
}
}  // namespace

std::string Countdown::Text() const {
    if (over_time) return MinutesSeconds(-remaining_seconds) + " over";
    return MinutesSeconds(remaining_seconds) + " left";
}

std::string Countdown::Clock() const {
    if (over_time) return "+" + MinutesSeconds(-remaining_seconds);
    return MinutesSeconds(remaining_seconds);
}

Countdown ComputeCountdown(int planned_minutes, long long elapsed_seconds) {
    Countdown countdown;
    const long long planned = std::max(0, planned_minutes) * 60LL;
    elapsed_seconds = std::max(0LL, elapsed_seconds);
    countdown.remaining_seconds = planned - elapsed_seconds;
    countdown.over_time = countdown.remaining_seconds < 0;
    countdown.fraction_left = planned > 0 && !countdown.over_time
                                  ? static_cast<double>(countdown.remaining_seconds) / static_cast<double>(planned)
                                  : 0.0;
    if (countdown.over_time) countdown.urgency = Urgency::OverTime;
    else if (planned > 0 && countdown.fraction_left <= kAlmostUpFraction) countdown.urgency = Urgency::AlmostUp;
    else if (planned > 0 && countdown.fraction_left <= kNearlyTimeFraction) countdown.urgency = Urgency::NearlyTime;
    return countdown;
}

}  // namespace facilitation
