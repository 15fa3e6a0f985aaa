// The room's rules without a database: the stage clock, PIN rules and hashing, the wrong-PIN lockout, and
// who has not voted yet.
#include <catch2/catch.hpp>

#include <set>

#include "facilitation/domain/room.h"

using namespace facilitation;

namespace {
Stage StageOf(int planned, long long elapsed, const std::string& running_since, int extra = 0) {
    Stage s;
    s.planned_minutes = planned;
    s.timer_elapsed_seconds = elapsed;
    s.timer_running_since = running_since;
    s.timer_extra_minutes = extra;
    return s;
}
}  // namespace

TEST_CASE("room: a paused clock keeps the time it ran", "[room][timer]") {
    const Stage paused = StageOf(10, 125, "");
    CHECK(TimerPaused(paused));
    CHECK(TimerElapsedSeconds(paused, "2026-11-24T10:00:00.000Z") == 125);
    CHECK(TimerElapsedSeconds(paused, "2026-11-24T11:00:00.000Z") == 125);
}

TEST_CASE("room: a running clock adds the current run to what ran before", "[room][timer]") {
    const Stage running = StageOf(10, 60, "2026-11-24T10:00:00.000Z");
    CHECK_FALSE(TimerPaused(running));
    CHECK(TimerElapsedSeconds(running, "2026-11-24T10:02:30.000Z") == 60 + 150);
    // A clock set in the future (another machine's clock) never runs backwards.
    CHECK(TimerElapsedSeconds(running, "2026-11-24T09:59:00.000Z") == 60);
}

TEST_CASE("room: extra minutes lengthen the countdown and move its thresholds", "[room][timer]") {
    // 10 min planned, 8:30 on the clock: 1:30 left of 10 min is under 20%: nearly time.
    const Stage plain = StageOf(10, 510, "");
    const Countdown before = StageCountdown(plain, "2026-11-24T10:00:00.000Z");
    CHECK(before.remaining_seconds == 90);
    CHECK(before.urgency == Urgency::NearlyTime);
    // +5 min: 6:30 left of 15 min, plenty.
    const Stage extended = StageOf(10, 510, "", 5);
    CHECK(TimerPlannedMinutes(extended) == 15);
    const Countdown after = StageCountdown(extended, "2026-11-24T10:00:00.000Z");
    CHECK(after.remaining_seconds == 390);
    CHECK(after.urgency == Urgency::Plenty);
}

TEST_CASE("room: a PIN is 4 to 8 digits", "[room][pin]") {
    CHECK(PinProblem("1234").empty());
    CHECK(PinProblem("12345678").empty());
    CHECK_FALSE(PinProblem("").empty());
    CHECK_FALSE(PinProblem("123").empty());
    CHECK_FALSE(PinProblem("123456789").empty());
    CHECK_FALSE(PinProblem("12a4").empty());
    CHECK_FALSE(PinProblem("12 34").empty());
    CHECK_FALSE(PinProblem("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4").empty());  // Arabic-Indic digits are not 0-9
}

TEST_CASE("room: the stored PIN hash depends on the salt and hides the PIN", "[room][pin]") {
    const std::string salt = NewPinSalt();
    CHECK(salt.size() == 32);
    CHECK(NewPinSalt() != salt);
    const std::string hash = HashPin(salt, "2468");
    CHECK(hash.size() == 64);
    CHECK(hash == HashPin(salt, "2468"));
    CHECK(hash != HashPin(salt, "2469"));
    CHECK(hash != HashPin(NewPinSalt(), "2468"));
    CHECK(hash.find("2468") == std::string::npos);
}

TEST_CASE("room: five wrong PINs lock the prompt for a minute", "[room][pin]") {
    PinLockout lockout;
    double now = 100.0;
    for (int i = 0; i < kPinAttempts - 1; ++i) {
        lockout.RecordFailure(now);
        CHECK_FALSE(lockout.Locked(now));
    }
    CHECK(lockout.AttemptsLeft() == 1);
    lockout.RecordFailure(now);
    CHECK(lockout.Locked(now));
    CHECK(lockout.SecondsLeft(now) == 60);
    CHECK(lockout.Locked(now + 59.5));
    CHECK(lockout.SecondsLeft(now + 59.5) == 1);
    CHECK_FALSE(lockout.Locked(now + 60.0));
    // After the lock the count starts again; a right PIN clears failures.
    CHECK(lockout.AttemptsLeft() == kPinAttempts);
    lockout.RecordFailure(now + 61);
    lockout.RecordSuccess();
    CHECK(lockout.AttemptsLeft() == kPinAttempts);
}

TEST_CASE("room: failures during the lock do not extend it", "[room][pin]") {
    PinLockout lockout;
    for (int i = 0; i < kPinAttempts; ++i) lockout.RecordFailure(0.0);
    lockout.RecordFailure(30.0);
    CHECK_FALSE(lockout.Locked(60.0));
}

TEST_CASE("room: who has not voted yet, in check-in order, names only", "[room][voters]") {
    const std::vector<Participant> people = {{"a", "Amélie", ""}, {"b", "Bongani", ""}, {"c", "Chen", ""}, {"d", "Dara", ""}};
    const auto waiting = NotVotedYet(people, {"c", "a"});
    REQUIRE(waiting.size() == 2);
    CHECK(waiting[0].name == "Bongani");
    CHECK(waiting[1].name == "Dara");
    CHECK(NotVotedYet(people, {"a", "b", "c", "d"}).empty());
    CHECK(NotVotedYet({}, {"a"}).empty());
}

TEST_CASE("room: members not here yet, by name with accents aside, narrowed by what is typed", "[room][checkin]") {
    auto member = [](const char* id, const char* name) {
        Member m;
        m.id = id;
        m.name = name;
        return m;
    };
    const std::vector<Member> members = {member("z", "Zoë Ndiaye"), member("e", "Élodie Dupré"), member("a", "Amélie Laurent"),
                                         member("d", "Dev Patel"), member("o", "Œdipe Roy")};
    const std::vector<Participant> here = {{"d", "Dev Patel", ""}};
    const auto waiting = NotHereYet(members, here);
    std::vector<std::string> names;
    for (const auto& p : waiting) names.push_back(p.name);
    CHECK(names == std::vector<std::string>{"Amélie Laurent", "Élodie Dupré", "Œdipe Roy", "Zoë Ndiaye"});
    CHECK(NotHereYet(members, here, "zo").size() == 1);
    CHECK(NotHereYet(members, here, "ZOË").at(0).id == "z");
    CHECK(NotHereYet(members, here, "elo").at(0).id == "e");
    CHECK(NotHereYet(members, here, "oedipe").at(0).id == "o");
    CHECK(NotHereYet(members, here, "dev").empty());  // here already
    CHECK(NotHereYet(members, here, "xyz").empty());
}
