// Moving through a workshop's stages, and each stage's countdown.
#pragma once
#include <string>

namespace facilitation {

struct StageNavigation {
    int stage_count = 0;
    int current = 0;
    bool CanGoNext() const { return current + 1 < stage_count; }
    bool CanGoBack() const { return current > 0; }
    bool IsLast() const { return current + 1 == stage_count; }
    // Index after a step of +1/-1, clamped to the stages that exist.
    int Step(int delta) const;
};

// How pressing the time is: shown in words and shape as well as colour (amber at 20% left, red at 5%).
enum class Urgency { Plenty, NearlyTime, AlmostUp, OverTime };
constexpr double kNearlyTimeFraction = 0.20;
constexpr double kAlmostUpFraction = 0.05;

struct Countdown {
    Urgency urgency = Urgency::Plenty;
    long long remaining_seconds = 0;  // negative when over time
    bool over_time = false;
    double fraction_left = 1.0;       // of the planned time, 0 when over
    std::string Text() const;         // "12:05 left" or "3:10 over"
    std::string Clock() const;        // "12:05" or "+3:10"
};

Countdown ComputeCountdown(int planned_minutes, long long elapsed_seconds);

}  // namespace facilitation
