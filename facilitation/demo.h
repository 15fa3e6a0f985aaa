// Demo data: a community with one completed launch workshop, so every screen has content.
#pragma once
#include <string>
#include "facilitation/store/store.h"

namespace facilitation {
// Adds the demo community to `store`; returns the completed workshop's id.
std::string CreateDemo(Store& store, const std::string& templates_dir);
}  // namespace facilitation
