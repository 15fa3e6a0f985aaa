#pragma once
#include <cstddef>
#include <string>

namespace facilitation {
// A random (version 4) UUID from the system's entropy source.
std::string NewUuid();
// A time-ordered (version 7, RFC 9562) UUID: the Unix time in milliseconds, then 74 random bits. Rows written
// one after another then sort together, so a commit's inserts share the last leaf page of the key's index instead of
// each landing on a random one. Only for rows whose time is on record anyway (a named ballot, an event), never
// for a row whose order must not show (an anonymous ballot).
std::string NewTimeOrderedUuid();
bool LooksLikeUuid(const std::string& text);
// `bytes` random bytes from the system's entropy source, as lowercase hex (keys, salts).
std::string RandomHex(size_t bytes);
}  // namespace facilitation
