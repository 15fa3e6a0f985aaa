// Scratch state of the roles screen: owned by the App, reset when a workshop opens; never in static locals.
#pragma once
#include <string>

namespace kiosk {

struct RolesScratch {
    std::string role_key;   // the role being assigned (its names are on screen); empty: the overview of all roles
    std::string message;
    bool message_is_error = false;
};

}  // namespace kiosk
