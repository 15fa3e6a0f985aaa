#include "facilitation/domain/time_util.h"

#include <cstdio>
#include <ctime>

namespace facilitation {

std::string FormatUtc(std::chrono::system_clock::time_point when) {
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(when.time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    int millis = static_cast<int>(ms % 1000);
    if (millis < 0) { millis += 1000; --seconds; }
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
    return buffer;
}

std::string NowUtc() { return FormatUtc(std::chrono::system_clock::now()); }

std::optional<std::chrono::system_clock::time_point> ParseUtc(const std::string& text) {
    int year, month, day, hour, minute, second;
    int millis = 0;
    char tail = 0;
    const int read = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &year, &month, &day, &hour, &minute,
                                 &second, &millis, &tail);
    if (read < 6) return std::nullopt;
    if (read == 6 && (text.size() != 20 || text[19] != 'Z')) return std::nullopt;  // "YYYY-MM-DDTHH:MM:SSZ"
    if (read >= 7 && (tail != 'Z' || text.size() != 24)) return std::nullopt;      // "...SS.mmmZ"
    // timegm() would roll 2026-02-30 over into March: refuse what is not a real time instead.
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60 || hour < 0 || minute < 0 ||
        second < 0 || millis < 0)
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    const std::time_t seconds = timegm(&tm);
    return std::chrono::system_clock::from_time_t(seconds) + std::chrono::milliseconds(read >= 7 ? millis : 0);
}

long long SecondsBetween(const std::string& from, const std::string& to) {
    const auto a = ParseUtc(from);
    const auto b = ParseUtc(to);
    if (!a || !b) return 0;
    return std::chrono::duration_cast<std::chrono::seconds>(*b - *a).count();
}

}  // namespace facilitation
