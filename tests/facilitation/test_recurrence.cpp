// A rhythm's recurrence: what is refused, the RRULE a calendar receives, the next dates, and the sentence.
// Every expected date below was worked out by hand from a calendar (2026-01-01 is a Thursday), and the same
// rules were checked once against python's dateutil.rrule while writing this file.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "facilitation/domain/recurrence.h"

using namespace facilitation;
using Catch::Matchers::Contains;

namespace {

CivilDate D(const char* iso) {
    CivilDate date;
    REQUIRE(CivilDate::Parse(iso, date));
    return date;
}

std::vector<std::string> Isos(const std::vector<CivilDate>& dates) {
    std::vector<std::string> out;
    for (const CivilDate& date : dates) out.push_back(date.Iso());
    return out;
}

std::vector<std::string> Next(const Recurrence& r, const char* from, int count = 3) {
    return Isos(NextOccurrences(r, D(from), count));
}

Recurrence Monthly(const char* start, int weekday, int position) {
    Recurrence r;
    r.frequency = Frequency::Monthly;
    r.weekdays = {weekday};
    r.set_position = position;
    r.start_date = D(start);
    return r;
}

using V = std::vector<std::string>;

}  // namespace

// ---- the four rhythms ----------------------------------------------------------------------------

TEST_CASE("recurrence: every first Tuesday of the month at 12:00 for 60 minutes", "[recurrence]") {
    Recurrence r = Monthly("2026-01-01", 1, 1);
    r.start_minutes = 12 * 60;
    r.duration_minutes = 60;
    REQUIRE(RecurrenceProblem(r).empty());
    CHECK(ToRRule(r) == "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1");
    // January 2026 starts on a Thursday, February and March on a Sunday.
    CHECK(Next(r, "2026-01-01") == V{"2026-01-06", "2026-02-03", "2026-03-03"});
    CHECK(Describe(r) == "Every first Tuesday of the month at 12:00 for 60 minutes");
}

TEST_CASE("recurrence: every 2 weeks on Thursday", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Weekly;
    r.interval = 2;
    r.weekdays = {3};
    r.start_date = D("2026-01-05");  // a Monday: the first Thursday is 8 January
    r.start_minutes = 18 * 60 + 30;
    r.duration_minutes = 90;
    REQUIRE(RecurrenceProblem(r).empty());
    CHECK(ToRRule(r) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH");
    CHECK(Next(r, "2026-01-01") == V{"2026-01-08", "2026-01-22", "2026-02-05"});
    // From the off week (15 January is skipped) the next is the 22nd.
    CHECK(Next(r, "2026-01-12") == V{"2026-01-22", "2026-02-05", "2026-02-19"});
    CHECK(Describe(r) == "Every 2 weeks on Thursday at 18:30 for 90 minutes");
}

TEST_CASE("recurrence: yearly on 15 March", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Yearly;
    r.start_date = D("2026-03-15");
    r.start_minutes = 9 * 60;
    r.duration_minutes = 480;
    REQUIRE(RecurrenceProblem(r).empty());
    CHECK(ToRRule(r) == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15");
    CHECK(Next(r, "2026-01-01") == V{"2026-03-15", "2027-03-15", "2028-03-15"});
    CHECK(Next(r, "2026-03-16") == V{"2027-03-15", "2028-03-15", "2029-03-15"});
    CHECK(Describe(r) == "Every year on 15 March at 09:00 for 480 minutes");
}

TEST_CASE("recurrence: last Friday of the month", "[recurrence]") {
    Recurrence r = Monthly("2026-01-01", 4, -1);
    r.start_minutes = 16 * 60;
    r.duration_minutes = 45;
    REQUIRE(RecurrenceProblem(r).empty());
    CHECK(ToRRule(r) == "FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1");
    // 31 January 2026 is a Saturday, 28 February a Saturday, 31 March a Tuesday.
    CHECK(Next(r, "2026-01-01") == V{"2026-01-30", "2026-02-27", "2026-03-27"});
    CHECK(Describe(r) == "Every last Friday of the month at 16:00 for 45 minutes");
}

// ---- refusals ---------------------------------------------------------------------------------------------

TEST_CASE("recurrence: a weekly rhythm with no weekday is refused", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Weekly;
    CHECK(RecurrenceProblem(r) == "Pick at least one weekday for a weekly rhythm.");
    CHECK(NextOccurrences(r, D("2026-01-01"), 3).empty());
}

TEST_CASE("recurrence: an interval of 0 or above 99 is refused", "[recurrence]") {
    Recurrence r;  // monthly on the start date's day
    REQUIRE(RecurrenceProblem(r).empty());
    r.interval = 0;
    CHECK_THAT(RecurrenceProblem(r), Contains("interval"));
    r.interval = -3;
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.interval = 100;
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.interval = 99;
    CHECK(RecurrenceProblem(r).empty());
}

TEST_CASE("recurrence: durations, times and dates out of range are refused", "[recurrence]") {
    Recurrence r;
    r.duration_minutes = 0;
    CHECK_THAT(RecurrenceProblem(r), Contains("duration"));
    r.duration_minutes = 24 * 60 + 1;
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.duration_minutes = 24 * 60;
    CHECK(RecurrenceProblem(r).empty());

    r.start_minutes = -1;
    CHECK_THAT(RecurrenceProblem(r), Contains("start time"));
    r.start_minutes = 1440;
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.start_minutes = 1439;
    CHECK(RecurrenceProblem(r).empty());

    r.start_date = CivilDate{2026, 2, 30};
    CHECK_THAT(RecurrenceProblem(r), Contains("start date"));
    r.start_date = CivilDate{1899, 12, 31};
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.start_date = CivilDate{2024, 2, 29};
    CHECK(RecurrenceProblem(r).empty());

    r.month_day = 32;
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.month_day = -1;
    CHECK_FALSE(RecurrenceProblem(r).empty());
}

TEST_CASE("recurrence: weekdays out of range or repeated are refused", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Weekly;
    r.weekdays = {0, 7};
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.weekdays = {-1};
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.weekdays = {2, 0, 2};
    CHECK_THAT(RecurrenceProblem(r), Contains("Wednesday"));
    r.weekdays = {2, 0, 6};
    CHECK(RecurrenceProblem(r).empty());
}

TEST_CASE("recurrence: monthly positions need exactly one weekday and a known position", "[recurrence]") {
    Recurrence r = Monthly("2026-01-01", 1, 5);
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.set_position = -2;
    CHECK_FALSE(RecurrenceProblem(r).empty());
    for (int position : {1, 2, 3, 4, -1}) {
        r.set_position = position;
        CHECK(RecurrenceProblem(r).empty());
    }
    r.set_position = 1;
    r.weekdays = {};
    CHECK_FALSE(RecurrenceProblem(r).empty());  // "first" without a weekday
    r.weekdays = {1, 3};
    CHECK_FALSE(RecurrenceProblem(r).empty());
    r.set_position = 0;  // weekdays but no position: which Tuesday?
    r.weekdays = {1};
    CHECK_FALSE(RecurrenceProblem(r).empty());
}

TEST_CASE("recurrence: daily and yearly rhythms refuse weekdays and positions", "[recurrence]") {
    for (Frequency frequency : {Frequency::Daily, Frequency::Yearly}) {
        Recurrence r;
        r.frequency = frequency;
        REQUIRE(RecurrenceProblem(r).empty());
        r.weekdays = {0};
        CHECK_FALSE(RecurrenceProblem(r).empty());
        r.weekdays = {};
        r.set_position = 1;
        CHECK_FALSE(RecurrenceProblem(r).empty());
    }
}

// ---- dates ------------------------------------------------------------------------------------------------

TEST_CASE("recurrence: monthly on the 31st skips the months without one", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Monthly;
    r.month_day = 31;
    r.start_date = D("2026-01-31");
    CHECK(ToRRule(r) == "FREQ=MONTHLY;BYMONTHDAY=31");
    CHECK(Next(r, "2026-02-01") == V{"2026-03-31", "2026-05-31", "2026-07-31"});
    CHECK(Next(r, "2026-07-01", 4) == V{"2026-07-31", "2026-08-31", "2026-10-31", "2026-12-31"});

    // month_day 0 means the start date's day, so the same rule comes from the start date alone.
    r.month_day = 0;
    CHECK(ToRRule(r) == "FREQ=MONTHLY;BYMONTHDAY=31");
    CHECK(Next(r, "2026-02-01") == V{"2026-03-31", "2026-05-31", "2026-07-31"});
}

TEST_CASE("recurrence: a rule that can never match returns nothing, quickly", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Monthly;
    r.interval = 12;  // every April, which has no 31st
    r.month_day = 31;
    r.start_date = D("2026-04-30");
    CHECK(NextOccurrences(r, D("2026-01-01"), 3).empty());
}

TEST_CASE("recurrence: yearly on 29 February only in leap years", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Yearly;
    r.start_date = D("2024-02-29");
    CHECK(ToRRule(r) == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29");
    CHECK(Next(r, "2024-03-01") == V{"2028-02-29", "2032-02-29", "2036-02-29"});
    // 2100 is not a leap year.
    r.start_date = D("2096-02-29");
    CHECK(Next(r, "2096-02-29") == V{"2096-02-29", "2104-02-29", "2108-02-29"});
    CHECK_THAT(Describe(r), Contains("leap years"));
}

TEST_CASE("recurrence: nothing is produced before a start date later than from", "[recurrence]") {
    Recurrence r = Monthly("2026-05-06", 1, 1);  // the first Tuesday of May 2026 is the 5th: already past
    CHECK(Next(r, "2026-01-01") == V{"2026-06-02", "2026-07-07", "2026-08-04"});

    Recurrence weekly;
    weekly.frequency = Frequency::Weekly;
    weekly.weekdays = {2, 0};  // Monday and Wednesday, given out of order
    weekly.start_date = D("2026-01-07");  // a Wednesday: Monday 5 January is before it
    CHECK(ToRRule(weekly) == "FREQ=WEEKLY;BYDAY=MO,WE");
    CHECK(Next(weekly, "2026-01-01") == V{"2026-01-07", "2026-01-12", "2026-01-14"});
    CHECK_THAT(Describe(weekly), Contains("Every week on Monday and Wednesday at "));
}

TEST_CASE("recurrence: a from date exactly on an occurrence includes it", "[recurrence]") {
    Recurrence r = Monthly("2026-01-01", 1, 1);
    CHECK(Next(r, "2026-02-03") == V{"2026-02-03", "2026-03-03", "2026-04-07"});
    CHECK(Next(r, "2026-02-04") == V{"2026-03-03", "2026-04-07", "2026-05-05"});
}

TEST_CASE("recurrence: weekly intervals count Monday-to-Sunday weeks from the start date's week", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Weekly;
    r.interval = 2;
    r.weekdays = {0};
    r.start_date = D("2026-01-04");  // a Sunday, in the week of Monday 29 December 2025
    // Monday 29 December is before the start; 5 January is in the off week.
    CHECK(Next(r, "2025-12-01") == V{"2026-01-12", "2026-01-26", "2026-02-09"});
}

TEST_CASE("recurrence: daily and monthly intervals count from the start date", "[recurrence]") {
    Recurrence daily;
    daily.frequency = Frequency::Daily;
    daily.interval = 3;
    daily.start_date = D("2026-01-30");
    CHECK(ToRRule(daily) == "FREQ=DAILY;INTERVAL=3");
    CHECK(Next(daily, "2026-02-01") == V{"2026-02-02", "2026-02-05", "2026-02-08"});
    CHECK(Describe(daily) == "Every 3 days at 12:00 for 60 minutes");
    daily.interval = 1;
    CHECK(ToRRule(daily) == "FREQ=DAILY");
    CHECK_THAT(Describe(daily), Contains("Every day at "));

    Recurrence monthly;
    monthly.frequency = Frequency::Monthly;
    monthly.interval = 3;
    monthly.month_day = 10;
    monthly.start_date = D("2026-01-01");
    CHECK(ToRRule(monthly) == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10");
    CHECK(Next(monthly, "2026-02-01") == V{"2026-04-10", "2026-07-10", "2026-10-10"});
    monthly.interval = 1;
    CHECK_THAT(Describe(monthly), Contains("Every month on day 10 at "));
}

TEST_CASE("recurrence: far-future and zero counts", "[recurrence]") {
    Recurrence r;
    r.frequency = Frequency::Yearly;
    r.start_date = D("2026-03-15");
    CHECK(Next(r, "9998-01-01", 5) == V{"9998-03-15", "9999-03-15"});  // the calendar ends with 9999
    CHECK(NextOccurrences(r, D("2026-01-01"), 0).empty());
}

TEST_CASE("recurrence: WeekdayOf known dates", "[recurrence]") {
    CHECK(WeekdayOf(D("2026-11-24")) == 1);  // Tuesday
    CHECK(WeekdayOf(D("2026-01-01")) == 3);  // Thursday
    CHECK(WeekdayOf(D("2000-01-01")) == 5);  // Saturday
    CHECK(WeekdayOf(D("1970-01-01")) == 3);  // Thursday
    CHECK(WeekdayOf(D("2024-02-29")) == 3);  // Thursday
    CHECK(WeekdayOf(D("1900-01-01")) == 0);  // Monday
    CHECK(WeekdayOf(D("2026-03-15")) == 6);  // Sunday
}

TEST_CASE("recurrence: AddDays crosses months, leap days and years", "[recurrence]") {
    CHECK(AddDays(D("2024-02-28"), 1).Iso() == "2024-02-29");
    CHECK(AddDays(D("2026-02-28"), 1).Iso() == "2026-03-01");
    CHECK(AddDays(D("2026-12-31"), 1).Iso() == "2027-01-01");
    CHECK(AddDays(D("2026-01-01"), -1).Iso() == "2025-12-31");
    CHECK(AddDays(D("2026-01-01"), 365).Iso() == "2027-01-01");
}

TEST_CASE("recurrence: Parse accepts real dates and refuses everything else", "[recurrence]") {
    CivilDate date;
    CHECK(CivilDate::Parse("2024-02-29", date));
    CHECK(date == CivilDate{2024, 2, 29});
    CHECK(CivilDate::Parse("2000-02-29", date));
    CHECK(CivilDate::Parse("1900-01-01", date));
    CHECK(CivilDate::Parse("9999-12-31", date));

    for (const char* bad : {"2026-02-30", "2025-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                            "2026-01-00", "2026-1-05", "2026-01-5", "26-01-05", "2026/01/05", "2026-01-05 ",
                            " 2026-01-05", "2026-01-05T00:00", "1899-12-31", "", "2026-01-0a", "+026-01-05",
                            "2026--1-05", "20260105"}) {
        CAPTURE(bad);
        CivilDate out{1999, 9, 9};
        CHECK_FALSE(CivilDate::Parse(bad, out));
        CHECK(out == CivilDate{1999, 9, 9});  // untouched on failure
    }
}

TEST_CASE("recurrence: Iso zero-pads and dates order", "[recurrence]") {
    CHECK((CivilDate{2026, 3, 5}).Iso() == "2026-03-05");
    CHECK((CivilDate{1905, 10, 1}).Iso() == "1905-10-01");
    CHECK(CivilDate{2026, 1, 31} < CivilDate{2026, 2, 1});
    CHECK(CivilDate{2025, 12, 31} < CivilDate{2026, 1, 1});
    CHECK_FALSE(CivilDate{2026, 2, 1} < CivilDate{2026, 2, 1});
}

TEST_CASE("recurrence: frequency names round-trip in lowercase", "[recurrence]") {
    for (Frequency frequency : {Frequency::Daily, Frequency::Weekly, Frequency::Monthly, Frequency::Yearly}) {
        Frequency back = frequency == Frequency::Daily ? Frequency::Yearly : Frequency::Daily;
        CHECK(FrequencyFromString(ToString(frequency), back));
        CHECK(back == frequency);
    }
    CHECK(std::string(ToString(Frequency::Weekly)) == "weekly");
    Frequency out = Frequency::Monthly;
    CHECK_FALSE(FrequencyFromString("Weekly", out));
    CHECK_FALSE(FrequencyFromString("fortnightly", out));
    CHECK_FALSE(FrequencyFromString("", out));
    CHECK(out == Frequency::Monthly);
}
