// Moving through a workshop's stages, and each stage's countdown.
#include <catch2/catch.hpp>

#include "facilitation/domain/navigation.h"

using namespace facilitation;

TEST_CASE("navigation: at the first stage one can go on but not back", "[navigation]") {
    const StageNavigation nav{9, 0};
    CHECK(nav.CanGoNext());
    CHECK_FALSE(nav.CanGoBack());
    CHECK_FALSE(nav.IsLast());
    CHECK(nav.Step(+1) == 1);
    CHECK(nav.Step(-1) == 0);
}

TEST_CASE("navigation: at the last stage one can go back but not on", "[navigation]") {
    const StageNavigation nav{9, 8};
    CHECK_FALSE(nav.CanGoNext());
    CHECK(nav.CanGoBack());
    CHECK(nav.IsLast());
    CHECK(nav.Step(+1) == 8);
    CHECK(nav.Step(-1) == 7);
}

TEST_CASE("navigation: in the middle both ways are open", "[navigation]") {
    const StageNavigation nav{9, 4};
    CHECK(nav.CanGoNext());
    CHECK(nav.CanGoBack());
    CHECK_FALSE(nav.IsLast());
    CHECK(nav.Step(+1) == 5);
    CHECK(nav.Step(-1) == 3);
    CHECK(nav.Step(0) == 4);
}

TEST_CASE("navigation: a single-stage workshop goes nowhere", "[navigation]") {
    const StageNavigation nav{1, 0};
    CHECK_FALSE(nav.CanGoNext());
    CHECK_FALSE(nav.CanGoBack());
    CHECK(nav.IsLast());
    CHECK(nav.Step(+1) == 0);
    CHECK(nav.Step(-1) == 0);
}

TEST_CASE("navigation: large steps are clamped to the stages that exist", "[navigation]") {
    const StageNavigation nav{9, 3};
    CHECK(nav.Step(+100) == 8);
    CHECK(nav.Step(-100) == 0);
    CHECK(nav.Step(+5) == 8);
    CHECK(nav.Step(-3) == 0);
}

TEST_CASE("navigation: walking forward visits every stage once and stops at the end", "[navigation]") {
    StageNavigation nav{9, 0};
    int visited = 1;
    while (nav.CanGoNext()) {
        const int next = nav.Step(+1);
        REQUIRE(next == nav.current + 1);
        nav.current = next;
        ++visited;
        REQUIRE(visited <= 9);
    }
    CHECK(visited == 9);
    CHECK(nav.current == 8);
    CHECK(nav.IsLast());
}

TEST_CASE("navigation: countdown at the start shows the whole planned time", "[navigation][countdown]") {
    const Countdown c = ComputeCountdown(10, 0);
    CHECK(c.remaining_seconds == 600);
    CHECK_FALSE(c.over_time);
    CHECK(c.fraction_left == Approx(1.0));
    CHECK(c.Text() == "10:00 left");
    CHECK(c.Clock() == "10:00");
}

TEST_CASE("navigation: countdown part way shows minutes and padded seconds left", "[navigation][countdown]") {
    const Countdown c = ComputeCountdown(15, 15 * 60 - (12 * 60 + 5));
    CHECK(c.remaining_seconds == 12 * 60 + 5);
    CHECK_FALSE(c.over_time);
    CHECK(c.Text() == "12:05 left");
    CHECK(c.Clock() == "12:05");

    const Countdown half = ComputeCountdown(10, 300);
    CHECK(half.fraction_left == Approx(0.5));

    const Countdown near_end = ComputeCountdown(1, 55);
    CHECK(near_end.remaining_seconds == 5);
    CHECK(near_end.Text() == "0:05 left");
    CHECK(near_end.Clock() == "0:05");
}

TEST_CASE("navigation: countdown past the planned time says how far over", "[navigation][countdown]") {
    const Countdown c = ComputeCountdown(10, 600 + 3 * 60 + 10);
    CHECK(c.remaining_seconds == -(3 * 60 + 10));
    CHECK(c.over_time);
    CHECK(c.fraction_left == Approx(0.0));
    CHECK(c.Text() == "3:10 over");
    CHECK(c.Clock() == "+3:10");
}

TEST_CASE("navigation: the fraction left never grows as time passes", "[navigation][countdown]") {
    double previous = 2.0;
    for (long long elapsed = 0; elapsed <= 20 * 60; elapsed += 37) {
        const Countdown c = ComputeCountdown(10, elapsed);
        CAPTURE(elapsed);
        CHECK(c.fraction_left <= previous);
        CHECK(c.fraction_left >= 0.0);
        CHECK(c.fraction_left <= 1.0);
        CHECK(c.over_time == (elapsed > 600));
        previous = c.fraction_left;
    }
}
