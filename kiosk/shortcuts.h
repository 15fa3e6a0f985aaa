// The facilitator's keyboard shortcuts: one table that the F1 help lists and the controls check, so the key the
// overlay shows is the key that works. Sections: commands · the help list · pressing.
#pragma once
#include <vector>

namespace kiosk {
class App;

// ---- Commands: what a key does on the facilitator's console -------------------------
// Each control checks its own command beside its button (`Button(...) || CommandPressed(...)`), so a key only
// acts when its button is on screen and enabled.
enum class Command {
    TimerStartPause,  // T
    TimerExtend,      // + or =
    TimerRestart,     // Shift+T
    VoteOpen,         // O
    VoteClose,        // C
    VoteReveal,       // R: show results
    VoteReopen,       // Shift+O
    VoteReset,        // Ctrl+Backspace, twice: the first asks, the second confirms
    VoteAnonymous,    // A: anonymous or named, before the vote opens
    VoteLive,         // L: live results or at the end, before the vote opens
    KioskHandOver,    // Ctrl+K: hand the screen to participants (or set the PIN first)
    KioskOpening,     // K: roles or commitments open at the kiosk
};

// ---- The help list: every shortcut, grouped ------------------------------------------
struct ShortcutHelp {
    const char* group;   // "Moving", "Timer", "Votes", "Kiosk", "Typing and the app"
    const char* keys;
    const char* action;
};
const std::vector<ShortcutHelp>& ShortcutHelpList();

// ---- Pressing ------------------------------------------------------------------------
// True on the frame the command's keys go down (no auto-repeat), when a facilitator command may run: the
// screens may record (a running workshop on the facilitator's console), no text field is being typed in, and
// neither the help overlay nor a PIN prompt is open.
bool CommandPressed(App& app, Command command);
bool CommandsAllowed(App& app);

}  // namespace kiosk
