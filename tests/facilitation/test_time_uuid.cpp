// UTC ISO-8601 timestamps and version-4 and version-7 UUIDs: the formats every stored row uses.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <set>
#include <string>

#include "facilitation/domain/time_util.h"
#include "facilitation/domain/uuid.h"

using namespace facilitation;
using namespace std::chrono;

namespace {
system_clock::time_point Utc(int year, int month, int day, int hour, int minute, int second, int millis) {
    struct tm t {};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_sec = second;
    return system_clock::from_time_t(timegm(&t)) + milliseconds(millis);
}
}  // namespace

TEST_CASE("time: timestamps are UTC ISO-8601 with milliseconds and a Z", "[time]") {
    CHECK(FormatUtc(Utc(2026, 11, 24, 6, 1, 2, 123)) == "2026-11-24T06:01:02.123Z");
    CHECK(FormatUtc(Utc(1999, 1, 2, 23, 59, 59, 7)) == "1999-01-02T23:59:59.007Z");
    CHECK(FormatUtc(Utc(2024, 2, 29, 0, 0, 0, 0)) == "2024-02-29T00:00:00.000Z");
}

TEST_CASE("time: formatting does not depend on the local time zone", "[time]") {
    const char* old = getenv("TZ");
    const std::string saved = old ? old : "";
    setenv("TZ", "NST+3:30", 1);  // POSIX form of UTC-3:30, no tzdata needed: any use of local time shows
    tzset();
    const std::string text = FormatUtc(Utc(2026, 6, 1, 12, 0, 0, 0));
    const auto parsed = ParseUtc("2026-06-01T12:00:00.000Z");
    if (old) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
    tzset();
    CHECK(text == "2026-06-01T12:00:00.000Z");
    REQUIRE(parsed.has_value());
    CHECK(*parsed == Utc(2026, 6, 1, 12, 0, 0, 0));
}

TEST_CASE("time: parsing reads back what formatting wrote", "[time]") {
    const auto when = Utc(2026, 11, 24, 6, 1, 2, 123);
    const auto back = ParseUtc(FormatUtc(when));
    REQUIRE(back.has_value());
    CHECK(*back == when);
}

TEST_CASE("time: unreadable timestamps are refused", "[time]") {
    CHECK_FALSE(ParseUtc("").has_value());
    CHECK_FALSE(ParseUtc("yesterday").has_value());
    CHECK_FALSE(ParseUtc("2026-11-24").has_value());
    CHECK_FALSE(ParseUtc("2026-13-01T00:00:00.000Z").has_value());
    CHECK_FALSE(ParseUtc("2026-11-24T25:00:00.000Z").has_value());
    CHECK_FALSE(ParseUtc("2026-02-30T00:00:00.000Z").has_value());
    CHECK_FALSE(ParseUtc("2026-11-24T06:01:02X").has_value());
}

TEST_CASE("time: seconds between two timestamps, signed, and 0 if unreadable", "[time]") {
    CHECK(SecondsBetween("2026-11-24T06:00:00.000Z", "2026-11-24T06:10:05.000Z") == 605);
    CHECK(SecondsBetween("2026-11-24T06:10:05.000Z", "2026-11-24T06:00:00.000Z") == -605);
    CHECK(SecondsBetween("2026-11-24T23:59:00.000Z", "2026-11-25T00:01:00.000Z") == 120);
    CHECK(SecondsBetween("", "2026-11-24T06:10:05.000Z") == 0);
    CHECK(SecondsBetween("2026-11-24T06:10:05.000Z", "garbage") == 0);
}

TEST_CASE("time: now is readable, close to the system clock, and sorts as text in time order", "[time]") {
    const auto before = system_clock::now();
    const std::string now = NowUtc();
    const auto after = system_clock::now();
    const auto parsed = ParseUtc(now);
    REQUIRE(parsed.has_value());
    CHECK(*parsed >= time_point_cast<milliseconds>(before) - milliseconds(1));
    CHECK(*parsed <= after + milliseconds(1));
    CHECK(now.size() == std::string("2026-11-24T06:01:02.123Z").size());
    CHECK(now.back() == 'Z');
    // Fixed width: text order is time order (rows and stamps are compared as text).
    CHECK(FormatUtc(Utc(2026, 9, 30, 23, 0, 0, 0)) < FormatUtc(Utc(2026, 10, 1, 1, 0, 0, 0)));
    CHECK(FormatUtc(Utc(2026, 1, 1, 0, 0, 0, 999)) < FormatUtc(Utc(2026, 1, 1, 0, 0, 1, 0)));
}

TEST_CASE("uuid: new ids are canonical version-4 UUIDs", "[uuid]") {
    const std::regex canonical("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    for (int i = 0; i < 100; ++i) {
        const std::string id = NewUuid();
        CAPTURE(id);
        CHECK(std::regex_match(id, canonical));
        CHECK(LooksLikeUuid(id));
    }
}

TEST_CASE("uuid: ids do not repeat", "[uuid]") {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) seen.insert(NewUuid());
    CHECK(seen.size() == 10000);
}

TEST_CASE("uuid: time-ordered ids are version 7, carry the time in milliseconds and sort by it", "[uuid]") {
    const std::regex canonical("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    auto millis = [](const std::string& id) { return std::stoull(id.substr(0, 8) + id.substr(9, 4), nullptr, 16); };
    auto now_ms = [] {
        return static_cast<unsigned long long>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
    };
    std::string previous;
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const unsigned long long before = now_ms();
        const std::string id = NewTimeOrderedUuid();
        const unsigned long long after = now_ms();
        CAPTURE(id, previous);
        CHECK(std::regex_match(id, canonical));
        CHECK(LooksLikeUuid(id));
        CHECK(millis(id) >= before);
        CHECK(millis(id) <= after);
        // A later millisecond sorts later as text, which is how the indexes compare keys.
        if (!previous.empty() && millis(id) > millis(previous)) CHECK(previous < id);
        seen.insert(id);
        previous = id;
    }
    CHECK(seen.size() == 2000);  // 74 random bits: no repeats within a millisecond either
}

TEST_CASE("uuid: LooksLikeUuid refuses what is not a UUID", "[uuid]") {
    CHECK(LooksLikeUuid("123e4567-e89b-42d3-a456-426614174000"));
    CHECK_FALSE(LooksLikeUuid(""));
    CHECK_FALSE(LooksLikeUuid("not-a-uuid"));
    CHECK_FALSE(LooksLikeUuid("123e4567e89b42d3a456426614174000"));       // no hyphens
    CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456-42661417400"));    // one digit short
    CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456-4266141740000"));  // one digit long
    CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456-42661417400g"));   // not hex
    CHECK_FALSE(LooksLikeUuid("123e4567-e89b-42d3-a456-426614174000 "));  // trailing space
}

TEST_CASE("uuid: a forked process draws ids of its own", "[uuid]") {
    // Ids come from the system's entropy source: a child process must not repeat its parent's next ids.
    NewUuid();
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(fds[0]);
        const std::string id = NewUuid();
        const ssize_t written = write(fds[1], id.data(), id.size());
        _exit(written == ssize_t(id.size()) ? 0 : 1);
    }
    close(fds[1]);
    const std::string mine = NewUuid();
    char buffer[64];
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    close(fds[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(n == 36);
    const std::string theirs(buffer, size_t(n));
    CHECK(LooksLikeUuid(theirs));
    CHECK(theirs != mine);
}
