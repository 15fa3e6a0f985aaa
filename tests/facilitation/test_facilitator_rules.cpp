// The rules behind the facilitator's controls: the countdown's planned time with what was added, a paused clock
// that does not move, the PIN typed twice at a workshop's start, and who has not voted yet.
#include <catch2/catch.hpp>

#include "facilitation/domain/room.h"

using namespace facilitation;

TEST_CASE("room: the planned time shows the minutes the facilitator added", "[room][timer]") {
    Stage stage;
    stage.planned_minutes = 20;
    CHECK(TimerPlanText(stage) == "20 min");
    stage.timer_extra_minutes = kTimerExtendMinutes;
    CHECK(TimerPlanText(stage) == "25 min (+5)");
    stage.timer_extra_minutes = 2 * kTimerExtendMinutes;
    CHECK(TimerPlanText(stage) == "30 min (+10)");
    CHECK(TimerPlannedMinutes(stage) == 30);
}

TEST_CASE("room: a paused clock keeps its time; a running one counts on", "[room][timer]") {
    Stage stage;
    stage.planned_minutes = 10;
    stage.timer_elapsed_seconds = 125;  // 2:05 on the clock before the pause
    REQUIRE(TimerPaused(stage));
    const Countdown early = StageCountdown(stage, "2024-05-01T10:00:00Z");
    const Countdown late = StageCountdown(stage, "2024-05-01T11:30:00Z");
    CHECK(early.remaining_seconds == 600 - 125);
    CHECK(late.remaining_seconds == early.remaining_seconds);
    stage.timer_running_since = "2024-05-01T10:00:00Z";
    CHECK_FALSE(TimerPaused(stage));
    CHECK(StageCountdown(stage, "2024-05-01T10:00:30Z").remaining_seconds == 600 - 155);
    // Extending gives the room more time at once, paused or not.
    stage.timer_extra_minutes = 5;
    CHECK(StageCountdown(stage, "2024-05-01T10:00:30Z").remaining_seconds == 900 - 155);
}

TEST_CASE("room: the PIN chosen at a workshop's start is typed twice", "[room][pin]") {
    CHECK(PinConfirmProblem("2468", "2468").empty());
    CHECK(PinConfirmProblem("24681357", "24681357").empty());
    CHECK_THAT(PinConfirmProblem("2468", "2469"), Catch::Contains("differ"));
    CHECK_THAT(PinConfirmProblem("2468", ""), Catch::Contains("differ"));
    // A bad first PIN is refused for what is wrong with it, whatever was typed again.
    CHECK(PinConfirmProblem("12", "12") == PinProblem("12"));
    CHECK(PinConfirmProblem("12a4", "12a4") == PinProblem("12a4"));
    CHECK(PinConfirmProblem("123456789", "123456789") == PinProblem("123456789"));
    CHECK_FALSE(PinProblem("12").empty());
}

TEST_CASE("room: not voted yet lists names in check-in order, never more", "[room][voters]") {
    std::vector<Participant> people(4);
    const char* names[] = {"Ana", "Ben", "Chlo\u00e9", "Dev"};
    for (size_t i = 0; i < people.size(); ++i) {
        people[i].id = "m" + std::to_string(i);
        people[i].name = names[i];
    }
    const auto waiting = NotVotedYet(people, {"m2", "m0", "someone-checked-out"});
    REQUIRE(waiting.size() == 2);
    CHECK(waiting[0].name == "Ben");
    CHECK(waiting[1].name == "Dev");
    CHECK(NotVotedYet(people, {"m0", "m1", "m2", "m3"}).empty());
    CHECK(NotVotedYet(people, {}).size() == 4);
}
