#pragma once
#include <string>

namespace facilitation {
// A random (version 4) UUID from the system's entropy source.
std::string NewUuid();
bool LooksLikeUuid(const std::string& text);
}  // namespace facilitation
