// UTC ISO-8601 timestamps, the only time format stored.
#pragma once
#include <chrono>
#include <optional>
#include <string>

namespace facilitation {

// "2026-11-24T06:01:02.123Z"
std::string FormatUtc(std::chrono::system_clock::time_point when);
std::string NowUtc();
std::optional<std::chrono::system_clock::time_point> ParseUtc(const std::string& text);
// Seconds from `from` to `to`; 0 if either is unreadable.
long long SecondsBetween(const std::string& from, const std::string& to);

}  // namespace facilitation
