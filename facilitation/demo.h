// Demo data: a community with a completed launch workshop and a completed renewal a year later, so every
// screen and every export has content.
#pragma once
#include <string>
#include "facilitation/store/store.h"

namespace facilitation {
// Adds the demo community to `store`; returns the renewal's id (the latest workshop).
std::string CreateDemo(Store& store, const std::string& templates_dir);
}  // namespace facilitation
