// The countdown's urgency: amber with 20% of the planned time left, red with 5%, then over time.
#include <catch2/catch.hpp>

#include "facilitation/domain/navigation.h"

using namespace facilitation;

TEST_CASE("navigation: the countdown turns urgent at 20% and 5% left, then over time", "[navigation][countdown]") {
    // 10 planned minutes = 600 s: 20% is 120 s left (480 s elapsed), 5% is 30 s left (570 s elapsed).
    CHECK(ComputeCountdown(10, 0).urgency == Urgency::Plenty);
    CHECK(ComputeCountdown(10, 479).urgency == Urgency::Plenty);
    CHECK(ComputeCountdown(10, 480).urgency == Urgency::NearlyTime);
    CHECK(ComputeCountdown(10, 569).urgency == Urgency::NearlyTime);
    CHECK(ComputeCountdown(10, 570).urgency == Urgency::AlmostUp);
    CHECK(ComputeCountdown(10, 600).urgency == Urgency::AlmostUp);  // exactly on time: not over yet
    CHECK(ComputeCountdown(10, 601).urgency == Urgency::OverTime);
    CHECK(ComputeCountdown(10, 601).over_time);
}
