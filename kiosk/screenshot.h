#pragma once
#include <string>

namespace kiosk {
// Saves the current back buffer (width x height) as a PNG, atomically. Returns an error message or "".
std::string SaveScreenshot(const std::string& path, int width, int height);
}  // namespace kiosk
