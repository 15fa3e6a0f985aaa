// Scratch state of the tasks screen: owned by the App, reset when a workshop opens; never in static locals.
// It holds only what is being typed or filled in; everything recorded is read from the view each frame.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace kiosk {

struct TasksScratch {
    std::string stage_key;           // the stage the form below belongs to; another stage resets it
    // Collecting: the task being typed.
    char text[256] = {};
    bool focus_text = false;  // not on arrival: the arrow keys keep moving the room
    // The template's examples, read once per workshop (a missing template is a message, not a crash).
    bool examples_loaded = false;
    std::vector<std::string> examples;
    std::string examples_problem;
    // The vote's rules, chosen before it opens.
    int budget = 0;                  // dots per person; 0 until the stage's own is shown
    int cap = 0;                     // most dots on one task; 0 = no cap
    bool anonymous = false;
    bool live_results = false;
    bool show_rules = false;         // the rules row is folded away until asked for
    // Voting: whose ballot is being filled in, and what it holds so far (task id -> value).
    std::string voter_id;            // empty: pick a name first
    std::map<std::string, int> energy;       // -2..+2
    std::map<std::string, int> importance;   // 1..3
    std::map<std::string, int> dots;         // 0..budget
    std::string message;
    bool message_is_error = false;

    void ClearBallot() {
        voter_id.clear();
        energy.clear();
        importance.clear();
        dots.clear();
    }
};

}  // namespace kiosk
