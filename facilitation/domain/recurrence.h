// A rhythm decision's recurrence: stored field by field so that it becomes an RFC 5545 RRULE without loss,
// and so the screen can show the next dates.
#pragma once
#include <string>
#include <vector>

namespace facilitation {

enum class Frequency { Daily, Weekly, Monthly, Yearly };
const char* ToString(Frequency frequency);             // "daily", "weekly", "monthly", "yearly"
bool FrequencyFromString(const std::string& text, Frequency& out);

// Weekdays as RFC 5545 names them; index 0 = Monday.
constexpr const char* kWeekdayCodes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

struct CivilDate {
    int year = 2026, month = 1, day = 1;
    bool operator==(const CivilDate& o) const { return year == o.year && month == o.month && day == o.day; }
    bool operator<(const CivilDate& o) const;
    std::string Iso() const;                          // "2026-03-15"
    static bool Parse(const std::string& iso, CivilDate& out);  // strict YYYY-MM-DD, a real date
};
int WeekdayOf(const CivilDate& date);
CivilDate TodayUtc();                                 // the date the store stamps things with                 // 0 = Monday .. 6 = Sunday
CivilDate AddDays(const CivilDate& date, int days);

struct Recurrence {
    Frequency frequency = Frequency::Monthly;
    int interval = 1;                  // every `interval` days/weeks/months/years, >= 1
    std::vector<int> weekdays;         // 0 = Monday; weekly: the days of the week; monthly with
                                       // `set_position`: the weekday of "first Tuesday"
    int set_position = 0;              // monthly: 1..4 = first..fourth, -1 = last; 0 = none
    int month_day = 0;                 // monthly: a day of the month 1..31 (0 = the start date's day)
    CivilDate start_date;              // first possible occurrence
    int start_minutes = 12 * 60;       // local time of day, minutes after midnight
    int duration_minutes = 60;
};

// Why the recurrence cannot be stored, in a sentence for the screen; empty when it is valid.
// E.g. a weekly rhythm with no weekday, an interval of 0, "first Tuesday" without a weekday, a duration of 0.
std::string RecurrenceProblem(const Recurrence& recurrence);

// "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1" or "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH" (INTERVAL only when > 1);
// yearly uses BYMONTH and BYMONTHDAY of the start date. Precondition: RecurrenceProblem() is empty.
std::string ToRRule(const Recurrence& recurrence);

// The first `count` occurrence dates on or after `from` (and on or after the start date).
std::vector<CivilDate> NextOccurrences(const Recurrence& recurrence, const CivilDate& from, int count);

// "Every first Tuesday of the month at 12:00 for 60 minutes", "Every 2 weeks on Thursday at 18:30 ...".
std::string Describe(const Recurrence& recurrence);

}  // namespace facilitation
