// Scratch state of the voice screen: owned by the App, reset when a workshop opens; never in static locals.
#pragma once
#include <string>

namespace kiosk {

struct VoiceScratch {
    // Room for more than the store accepts: a text that is too long is refused by the store, with a message.
    char text[2048] = {};
    std::string audience = "sponsor";  // "sponsor" or "organization": who the next item goes to
    // Not on entering the stage (the arrow keys keep moving the room until the field is clicked); after each
    // Add, so that the next item can be typed at once.
    bool focus_text = false;
    std::string message;
    bool message_is_error = false;
};

}  // namespace kiosk
