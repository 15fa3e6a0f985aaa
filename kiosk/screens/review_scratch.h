// Scratch state of the review screen: owned by the App, reset when a workshop opens; never in static locals.
#pragma once
#include <string>

namespace kiosk {

struct ReviewScratch {
    std::string message;
    bool message_is_error = false;
};

}  // namespace kiosk
