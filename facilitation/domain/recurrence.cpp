// A rhythm's recurrence: validation, its RFC 5545 RRULE, the next dates a calendar would show, and a sentence.
// Civil-date arithmetic follows Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
#include "facilitation/domain/recurrence.h"

#include "facilitation/domain/time_util.h"

#include <algorithm>
#include <cstdio>

namespace facilitation {

namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;
constexpr int kMaxInterval = 99;
constexpr int kMaxDurationMinutes = 24 * 60;

constexpr const char* kWeekdayNames[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
constexpr const char* kMonthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && IsLeapYear(year)) return 29;
    return kDays[month - 1];
}

bool IsRealDate(const CivilDate& date) {
    return date.year >= kMinYear && date.year <= kMaxYear && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= DaysInMonth(date.year, date.month);
}

// Days since 1970-01-01.
long long DaysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;                                   // [0, 399]
    const long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
    return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;                                     // [0, 146096]
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
    const long long mp = (5 * doy + 2) / 153;                                    // [0, 11]
    CivilDate out;
    out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
    return out;
}

long long DaysOf(const CivilDate& date) { return DaysFromCivil(date.year, date.month, date.day); }

long long FloorDiv(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// 1970-01-01 was a Thursday (index 3 with Monday = 0).
int WeekdayOfDays(long long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

// The weekdays in Monday-first order, without repeats.
std::vector<int> SortedWeekdays(const std::vector<int>& weekdays) {
    std::vector<int> sorted = weekdays;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    return sorted;
}

int EffectiveMonthDay(const Recurrence& r) { return r.month_day != 0 ? r.month_day : r.start_date.day; }

// The day of `month` that is the `position`-th (1..4, or -1 for last) `weekday`, or 0 when there is none.
int NthWeekdayOfMonth(int year, int month, int weekday, int position) {
    const int length = DaysInMonth(year, month);
    if (position > 0) {
        const int first = WeekdayOfDays(DaysFromCivil(year, month, 1));
        const int day = 1 + (weekday - first + 7) % 7 + 7 * (position - 1);
        return day <= length ? day : 0;
    }
    const int last = WeekdayOfDays(DaysFromCivil(year, month, length));
    return length - (last - weekday + 7) % 7;
}

std::string TwoDigits(int value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d", value);
    return buffer;
}

std::string JoinWithAnd(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += (i + 1 == parts.size()) ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

std::string OrdinalWord(int position) {
    switch (position) {
        case 1: return "first";
        case 2: return "second";
        case 3: return "third";
        case 4: return "fourth";
        case -1: return "last";
        default: return std::to_string(position) + "th";
    }
}

}  // namespace

const char* ToString(Frequency frequency) {
    switch (frequency) {
        case Frequency::Daily: return "daily";
        case Frequency::Weekly: return "weekly";
        case Frequency::Monthly: return "monthly";
        case Frequency::Yearly: return "yearly";
    }
    return "monthly";
}

bool FrequencyFromString(const std::string& text, Frequency& out) {
    for (Frequency f : {Frequency::Daily, Frequency::Weekly, Frequency::Monthly, Frequency::Yearly}) {
        if (text == ToString(f)) {
            out = f;
            return true;
        }
    }
    return false;
}

bool CivilDate::operator<(const CivilDate& o) const {
    if (year != o.year) return year < o.year;
    if (month != o.month) return month < o.month;
    return day < o.day;
}

std::string CivilDate::Iso() const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

bool CivilDate::Parse(const std::string& iso, CivilDate& out) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (iso[i] < '0' || iso[i] > '9') return false;
    }
    auto number = [&](size_t at, size_t length) {
        int value = 0;
        for (size_t i = at; i < at + length; ++i) value = value * 10 + (iso[i] - '0');
        return value;
    };
    CivilDate parsed;
    parsed.year = number(0, 4);
    parsed.month = number(5, 2);
    parsed.day = number(8, 2);
    if (!IsRealDate(parsed)) return false;
    out = parsed;
    return true;
}

int WeekdayOf(const CivilDate& date) { return WeekdayOfDays(DaysOf(date)); }

CivilDate AddDays(const CivilDate& date, int days) { return CivilFromDays(DaysOf(date) + days); }

std::string RecurrenceProblem(const Recurrence& r) {
    if (r.interval < 1 || r.interval > kMaxInterval)
        return "The interval must be between 1 and " + std::to_string(kMaxInterval) + ".";
    if (r.duration_minutes < 1 || r.duration_minutes > kMaxDurationMinutes)
        return "The duration must be between 1 minute and 24 hours (" + std::to_string(kMaxDurationMinutes) +
               " minutes).";
    if (r.start_minutes < 0 || r.start_minutes > 24 * 60 - 1)
        return "The start time must be between 00:00 and 23:59.";
    if (!IsRealDate(r.start_date))
        return "The start date is not a real date between " + std::to_string(kMinYear) + " and " +
               std::to_string(kMaxYear) + ".";
    for (size_t i = 0; i < r.weekdays.size(); ++i) {
        if (r.weekdays[i] < 0 || r.weekdays[i] > 6) return "A weekday must be one of Monday to Sunday.";
        for (size_t j = 0; j < i; ++j) {
            if (r.weekdays[j] == r.weekdays[i])
                return std::string("The weekday ") + kWeekdayNames[r.weekdays[i]] + " is chosen twice.";
        }
    }
    if (r.month_day < 0 || r.month_day > 31) return "The day of the month must be between 1 and 31.";
    switch (r.frequency) {
        case Frequency::Daily:
        case Frequency::Yearly: {
            const std::string unit = r.frequency == Frequency::Daily ? "daily" : "yearly";
            if (!r.weekdays.empty()) return "A " + unit + " rhythm cannot also be tied to weekdays.";
            if (r.set_position != 0)
                return "A " + unit + " rhythm cannot have a position such as \"first\" or \"last\".";
            if (r.month_day != 0)
                return "A " + unit + " rhythm cannot have a separate day of the month.";
            break;
        }
        case Frequency::Weekly:
            if (r.weekdays.empty()) return "Pick at least one weekday for a weekly rhythm.";
            if (r.set_position != 0)
                return "A weekly rhythm cannot have a position such as \"first\" or \"last\"; use a monthly one.";
            if (r.month_day != 0) return "A weekly rhythm cannot have a day of the month; use a monthly one.";
            break;
        case Frequency::Monthly:
            if (r.set_position != 0) {
                if (r.set_position < -1 || r.set_position > 4)
                    return "The position in the month must be first, second, third, fourth or last.";
                if (r.weekdays.size() != 1)
                    return "Pick exactly one weekday for \"first\", \"second\", ... or \"last\" of the month.";
                if (r.month_day != 0)
                    return "Choose either a day of the month or a weekday such as \"first Tuesday\", not both.";
            } else if (!r.weekdays.empty()) {
                return "Say which one of the month's weekdays is meant (first, second, third, fourth or last), "
                       "or pick a day of the month instead.";
            }
            break;
    }
    return "";
}

std::string ToRRule(const Recurrence& r) {
    if (!RecurrenceProblem(r).empty()) return "";
    std::string rule = "FREQ=";
    switch (r.frequency) {
        case Frequency::Daily: rule += "DAILY"; break;
        case Frequency::Weekly: rule += "WEEKLY"; break;
        case Frequency::Monthly: rule += "MONTHLY"; break;
        case Frequency::Yearly: rule += "YEARLY"; break;
    }
    if (r.interval > 1) rule += ";INTERVAL=" + std::to_string(r.interval);
    switch (r.frequency) {
        case Frequency::Daily: break;
        case Frequency::Weekly: {
            rule += ";BYDAY=";
            const std::vector<int> days = SortedWeekdays(r.weekdays);
            for (size_t i = 0; i < days.size(); ++i) {
                if (i > 0) rule += ",";
                rule += kWeekdayCodes[days[i]];
            }
            break;
        }
        case Frequency::Monthly:
            if (r.set_position != 0) {
                rule += std::string(";BYDAY=") + kWeekdayCodes[r.weekdays[0]] +
                        ";BYSETPOS=" + std::to_string(r.set_position);
            } else {
                rule += ";BYMONTHDAY=" + std::to_string(EffectiveMonthDay(r));
            }
            break;
        case Frequency::Yearly:
            rule += ";BYMONTH=" + std::to_string(r.start_date.month) +
                    ";BYMONTHDAY=" + std::to_string(r.start_date.day);
            break;
    }
    return rule;
}

std::vector<CivilDate> NextOccurrences(const Recurrence& r, const CivilDate& from, int count) {
    std::vector<CivilDate> out;
    if (count <= 0 || !RecurrenceProblem(r).empty()) return out;
    const long long start = DaysOf(r.start_date);
    // Nothing before the start date, and nothing before `from` (an invalid `from` counts from the start).
    const long long first = IsRealDate(from) ? std::max(start, DaysOf(from)) : start;
    const long long last = DaysFromCivil(kMaxYear, 12, 31);  // bounds every rule, even one that never matches
    const long long interval = r.interval;
    auto wanted = [&](long long day) { return day >= first && day <= last; };

    switch (r.frequency) {
        case Frequency::Daily: {
            // Occurrences are start + k * interval; begin at the first k that is not before `first`.
            long long k = (first - start + interval - 1) / interval;
            for (long long day = start + k * interval; day <= last && static_cast<int>(out.size()) < count;
                 day += interval)
                out.push_back(CivilFromDays(day));
            break;
        }
        case Frequency::Weekly: {
            // Periods are weeks beginning on Monday (WKST=MO), counted from the week holding the start date.
            const long long start_monday = start - WeekdayOfDays(start);
            const long long first_monday = first - WeekdayOfDays(first);
            const long long weeks = (first_monday - start_monday) / 7;  // >= 0 since first >= start
            const std::vector<int> days = SortedWeekdays(r.weekdays);
            for (long long monday = start_monday + (weeks / interval) * interval * 7;
                 monday <= last && static_cast<int>(out.size()) < count; monday += interval * 7) {
                for (int weekday : days) {
                    const long long day = monday + weekday;
                    if (wanted(day) && static_cast<int>(out.size()) < count) out.push_back(CivilFromDays(day));
                }
            }
            break;
        }
        case Frequency::Monthly: {
            // Periods are months counted from the start month; a day the month lacks is skipped.
            const CivilDate first_date = CivilFromDays(first);
            const long long start_index = r.start_date.year * 12LL + (r.start_date.month - 1);
            const long long first_index = first_date.year * 12LL + (first_date.month - 1);
            const long long last_index = kMaxYear * 12LL + 11;
            for (long long index = start_index + ((first_index - start_index) / interval) * interval;
                 index <= last_index && static_cast<int>(out.size()) < count; index += interval) {
                const int year = static_cast<int>(FloorDiv(index, 12));
                const int month = static_cast<int>(index - year * 12LL) + 1;
                int day = 0;
                if (r.set_position != 0) {
                    day = NthWeekdayOfMonth(year, month, r.weekdays[0], r.set_position);
                } else {
                    const int wanted_day = EffectiveMonthDay(r);
                    day = wanted_day <= DaysInMonth(year, month) ? wanted_day : 0;
                }
                if (day == 0) continue;
                const long long days = DaysFromCivil(year, month, day);
                if (wanted(days)) out.push_back(CivilDate{year, month, day});
            }
            break;
        }
        case Frequency::Yearly: {
            // Periods are years counted from the start year; 29 February only exists in leap years.
            const int first_year = CivilFromDays(first).year;
            const int month = r.start_date.month;
            const int day = r.start_date.day;
            for (long long year = r.start_date.year + ((first_year - r.start_date.year) / interval) * interval;
                 year <= kMaxYear && static_cast<int>(out.size()) < count; year += interval) {
                const int y = static_cast<int>(year);
                if (day > DaysInMonth(y, month)) continue;
                if (wanted(DaysFromCivil(y, month, day))) out.push_back(CivilDate{y, month, day});
            }
            break;
        }
    }
    return out;
}

std::string Describe(const Recurrence& r) {
    const bool plural = r.interval > 1;
    const std::string every_n = "Every " + std::to_string(r.interval) + " ";
    std::string text;
    std::string note;
    switch (r.frequency) {
        case Frequency::Daily:
            text = plural ? every_n + "days" : "Every day";
            break;
        case Frequency::Weekly: {
            std::vector<std::string> names;
            for (int weekday : SortedWeekdays(r.weekdays)) {
                if (weekday >= 0 && weekday <= 6) names.push_back(kWeekdayNames[weekday]);
            }
            text = plural ? every_n + "weeks" : "Every week";
            if (!names.empty()) text += " on " + JoinWithAnd(names);
            break;
        }
        case Frequency::Monthly:
            if (r.set_position != 0 && !r.weekdays.empty() && r.weekdays[0] >= 0 && r.weekdays[0] <= 6) {
                const std::string which = OrdinalWord(r.set_position) + " " + kWeekdayNames[r.weekdays[0]];
                text = plural ? every_n + "months on the " + which : "Every " + which + " of the month";
            } else {
                const int day = EffectiveMonthDay(r);
                text = (plural ? every_n + "months" : std::string("Every month")) + " on day " + std::to_string(day);
                if (day > 28) note = ", skipping months without a day " + std::to_string(day);
            }
            break;
        case Frequency::Yearly: {
            const int month = r.start_date.month;
            const std::string month_name = month >= 1 && month <= 12 ? kMonthNames[month - 1] : "?";
            text = (plural ? every_n + "years" : std::string("Every year")) + " on " +
                   std::to_string(r.start_date.day) + " " + month_name;
            if (month == 2 && r.start_date.day == 29) note = ", in leap years only";
            break;
        }
    }
    const int minutes = ((r.start_minutes % (24 * 60)) + 24 * 60) % (24 * 60);
    text += " at " + TwoDigits(minutes / 60) + ":" + TwoDigits(minutes % 60);
    text += " for " + std::to_string(r.duration_minutes) + (r.duration_minutes == 1 ? " minute" : " minutes");
    return text + note;
}

CivilDate TodayUtc() {
    CivilDate today;
    CivilDate::Parse(NowUtc().substr(0, 10), today);
    return today;
}

}  // namespace facilitation
