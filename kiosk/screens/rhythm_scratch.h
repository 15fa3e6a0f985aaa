// Scratch state of the rhythm screen: owned by the App, reset when a workshop opens; never in static locals.
#pragma once
#include <string>

namespace kiosk {

struct RhythmScratch {
    std::string message;
    bool message_is_error = false;
};

}  // namespace kiosk
