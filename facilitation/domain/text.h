// Small pieces of wording shared by the screens and the exports.
#pragma once
#include <string>
#include <vector>

namespace facilitation {

// "a, b, c" (or with another separator).
std::string Joined(const std::vector<std::string>& items, const char* separator = ", ");
// "3.9": one decimal, as means are shown everywhere.
std::string OneDecimal(double value);

}  // namespace facilitation
