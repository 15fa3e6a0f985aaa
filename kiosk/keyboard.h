// The kiosk's on-screen keyboard: a participant types with touches only. Letters (with the French accented
// ones: é è ê ë à â ç î ï ô û ù ü ÿ œ æ), capitals through Shift, digits, a little punctuation, space and
// backspace. Every key is a Button recorded in the layout dump: "kiosk.key.<character>" (the lower-case
// character, whatever Shift shows), "kiosk.key.shift", "kiosk.key.backspace", "kiosk.key.space".
#pragma once
#include <string>

namespace kiosk {
class App;

// Code points in a UTF-8 string (what a length limit counts).
size_t CodePoints(const std::string& text);
// Removes the last code point.
void EraseLastCodePoint(std::string& text);
// The capital of one lower-case letter (UTF-8), or the character itself when it has none.
std::string Capital(const std::string& lower);

// Draws the keyboard across `width` (rows of touch-size keys). Shift is one-shot: it capitalises the next
// letter, then lets go. True when `text` changed; never longer than `max_code_points`.
bool OnScreenKeyboard(App& app, std::string& text, bool& shift, size_t max_code_points, float width);
// Its height for the current font: so a screen can lay out the rest around it.
float OnScreenKeyboardHeight();

}  // namespace kiosk
