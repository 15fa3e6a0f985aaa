#pragma once
#include <cstddef>
#include <string>

namespace facilitation {
// A random (version 4) UUID from the system's entropy source.
std::string NewUuid();
bool LooksLikeUuid(const std::string& text);
// `bytes` random bytes from the system's entropy source, as lowercase hex (keys, salts).
std::string RandomHex(size_t bytes);
}  // namespace facilitation
