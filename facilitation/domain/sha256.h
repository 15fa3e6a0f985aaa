#pragma once
#include <string>

namespace facilitation {
// SHA-256 of `data`, as 64 lowercase hex digits (FIPS 180-4). Used for anonymous ballot tokens.
std::string Sha256Hex(const std::string& data);
}  // namespace facilitation
