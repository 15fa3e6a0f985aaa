// The facilitator's keyboard shortcuts. Sections: 1. the help list · 2. pressing.
#include "kiosk/shortcuts.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "kiosk/app.h"

namespace kiosk {

// ---- 1. The help list --------------------------------------------------------------------
// Letters, not arrows, for the commands: the arrows move the room, and no command fires while a text field
// has the keyboard. Destructive or room-changing commands take a modifier (Ctrl+Backspace, Ctrl+K, Shift+T).
const std::vector<ShortcutHelp>& ShortcutHelpList() {
    static const std::vector<ShortcutHelp> list = {
        {"Moving", "\u2192  or  Page Down", "next stage, for the whole room"},
        {"Moving", "\u2190  or  Page Up", "previous stage"},
        {"Timer", "T", "pause or start the clock"},
        {"Timer", "+  or  =", "add 5 minutes"},
        {"Timer", "Shift + T", "restart the clock from zero"},
        {"Votes", "O", "open the vote"},
        {"Votes", "C", "close the vote"},
        {"Votes", "R", "show the results"},
        {"Votes", "Shift + O", "reopen the vote"},
        {"Votes", "Ctrl + Backspace", "reset the vote: press twice"},
        {"Votes", "A", "anonymous or named ballots"},
        {"Votes", "L", "live results or at the end"},
        {"Kiosk", "Ctrl + K", "hand the screen to participants (or set the PIN first)"},
        {"Kiosk", "K", "open roles or commitments at the kiosk, or close them"},
        {"Review", "Ctrl + R", "review past workshops and export (a running workshop keeps running); again: back"},
        {"Typing and the app", "Enter", "add what was typed; confirm a PIN"},
        {"Typing and the app", "Tab", "next field or button (Space presses it)"},
        {"Typing and the app", "Esc", "leave a text field, close this help, keep a vote instead of resetting it, dismiss an error"},
        {"Typing and the app", "F1", "show or hide this help"},
        {"Typing and the app", "F12", "save a screenshot next to the database"},
        {"Typing and the app", "Ctrl + Q", "quit (everything is already saved)"},
    };
    return list;
}

// ---- 2. Pressing -------------------------------------------------------------------------
bool CommandsAllowed(App& app) {
    return app.CanRecord() && !ImGui::GetIO().WantTextInput && !app.HelpOpen() && !app.facilitator.PinOpen();
}

bool CommandPressed(App& app, Command command) {
    if (!CommandsAllowed(app)) return false;
    const ImGuiIO& io = ImGui::GetIO();
    const bool plain = !io.KeyCtrl && !io.KeyShift && !io.KeyAlt && !io.KeySuper;
    const bool shift = io.KeyShift && !io.KeyCtrl && !io.KeyAlt && !io.KeySuper;
    const bool ctrl = io.KeyCtrl && !io.KeyShift && !io.KeyAlt && !io.KeySuper;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    switch (command) {
        case Command::TimerStartPause: return plain && pressed(GLFW_KEY_T);
        // "+" is Shift and "=" on most layouts: either, with or without Shift, and the keypad's +.
        case Command::TimerExtend:
            return !io.KeyCtrl && !io.KeyAlt && (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD));
        case Command::TimerRestart: return shift && pressed(GLFW_KEY_T);
        case Command::VoteOpen: return plain && pressed(GLFW_KEY_O);
        case Command::VoteClose: return plain && pressed(GLFW_KEY_C);
        case Command::VoteReveal: return plain && pressed(GLFW_KEY_R);
        case Command::VoteReopen: return shift && pressed(GLFW_KEY_O);
        case Command::VoteReset: return ctrl && pressed(GLFW_KEY_BACKSPACE);
        case Command::VoteAnonymous: return plain && pressed(GLFW_KEY_A);
        case Command::VoteLive: return plain && pressed(GLFW_KEY_L);
        case Command::KioskHandOver: return ctrl && pressed(GLFW_KEY_K);
        case Command::KioskOpening: return plain && pressed(GLFW_KEY_K);
    }
    return false;
}

}  // namespace kiosk
