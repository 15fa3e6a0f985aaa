// The facilitator's way out of the kiosk: a PIN pad, checked against the running workshop's PIN (stored only
// as a salted hash). Five wrong PINs lock the pad for a minute (PinLockout, kept by this process). The digits
// are shown as dots only, never logged, and dropped as soon as they are checked. With the right PIN:
// "Leave the kiosk" (quit in --role kiosk; back to the facilitator's console when the screen was handed over).
#include <imgui.h>

#include <algorithm>

#include "facilitation/domain/room.h"
#include "kiosk/app.h"
#include "kiosk/screens/kiosk_common.h"
#include "kiosk/screens/screens.h"
#include "kiosk/theme.h"
#include "kiosk/widgets.h"

namespace kiosk {
using namespace facilitation;

namespace {
void CheckPin(App& app) {
    KioskScratch& k = app.kiosk;
    const double now = App::MonotonicSeconds();
    const auto& view = app.Workshop();
    std::string pin;
    pin.swap(k.pin);  // the scratch forgets the digits whatever happens
    if (!view || !view->workshop.IsRunning() || !view->workshop.has_kiosk_pin) {
        k.pin_message = "No running workshop has a facilitator's PIN, so the kiosk cannot be left from here. The "
                        "facilitator sets the PIN when starting the workshop.";
        return;
    }
    bool right = false;
    std::string refusal;
    if (!app.Try(refusal, [&] { right = app.Store()->CheckKioskPin(view->workshop.id, pin); })) right = false;
    std::fill(pin.begin(), pin.end(), '\0');
    if (right) {
        k.lockout.RecordSuccess();
        k.pin_accepted = true;
        k.pin_message.clear();
        return;
    }
    k.lockout.RecordFailure(now);
    k.pin_message = k.lockout.Locked(now) ? "" : "That is not the PIN. " + std::to_string(k.lockout.AttemptsLeft()) +
                                                     (k.lockout.AttemptsLeft() == 1 ? " try left." : " tries left.");
}

void DrawAccepted(App& app) {
    KioskHeader(app, "Facilitator", "The PIN is right.");
    ImGui::Dummy(ImVec2(0, Em()));
    const std::string label = app.Options().role == "kiosk" ? "Leave the kiosk (close it)" : "Leave the kiosk (back to the console)";
    ImGui::PushFont(app.GetFonts().heading);
    const float width = ImGui::CalcTextSize(label.c_str()).x + 3.0f * Em();
    if (Button(app, "kiosk.leave", label, ImVec2(width, KioskButtonHeight()))) app.LeaveKiosk();
    ImGui::PopFont();
    if (KioskFooter(app, "\u25C0 Back to the kiosk", "", "", false, "", false) == FooterPress::Back) app.KioskStartOver();
}
}  // namespace

void DrawKioskPinScreen(App& app) {
    KioskScratch& k = app.kiosk;
    if (k.pin_accepted) {
        DrawAccepted(app);
        return;
    }
    const double now = App::MonotonicSeconds();
    const bool locked = k.lockout.Locked(now);
    KioskHeader(app, "Facilitator's PIN", "Only the facilitator can leave the kiosk.");
    // What was typed: one dot per digit, never the digits.
    std::string dots;
    for (size_t i = 0; i < k.pin.size(); ++i) dots += i ? " \u25CF" : "\u25CF";
    const float pad_width = 3.0f * 5.0f * Em() + 2.0f * 0.6f * Em();
    const float left = ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - pad_width) * 0.5f);
    ImGui::SetCursorPosX(left);
    ImGui::PushFont(app.GetFonts().display);
    ImGui::TextUnformatted(dots.empty() ? " " : dots.c_str());
    ImGui::PopFont();
    RecordReadout(app, "kiosk.pin.entered", std::to_string(k.pin.size()) + " digits");
    if (locked) {
        const std::string text = "\u26A0 Locked after " + std::to_string(kPinAttempts) + " wrong PINs: try again in " +
                                 std::to_string(k.lockout.SecondsLeft(now)) + " s.";
        // Centred over the keypad when it fits, else from the keypad's left edge, wrapped before the window's.
        ImGui::PushFont(app.GetFonts().heading);
        const float text_width = ImGui::CalcTextSize(text.c_str()).x;
        const float centre = left + pad_width * 0.5f;
        const float window_right = ImGui::GetWindowContentRegionMax().x;
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorStartPos().x, std::min(centre - text_width * 0.5f, window_right - text_width)));
        ImGui::PushTextWrapPos(window_right);
        ImGui::TextColored(theme::Vec(theme::kError), "%s", text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        RecordReadout(app, "kiosk.pin.locked", text);
    } else if (!k.pin_message.empty()) {
        ImGui::SetCursorPosX(left);
        ImGui::PushTextWrapPos(left + std::max(pad_width, 30.0f * Em()));
        ImGui::PushFont(app.GetFonts().bold);
        ImGui::TextColored(theme::Vec(theme::kError), "\u26A0 %s", k.pin_message.c_str());
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
        RecordReadout(app, "kiosk.pin.message", k.pin_message);
    }
    // The pad: 1 2 3 / 4 5 6 / 7 8 9 / Delete 0 OK. Locked: drawn disabled (and so not in the layout dump).
    const float key_width = 5.0f * Em();
    const float key_height = std::min(KioskButtonHeight(), (KioskBodyHeight() - 3.0f * 0.6f * Em()) / 4.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.6f * Em(), 0.6f * Em()));
    ImGui::PushFont(app.GetFonts().heading);
    const bool full = static_cast<int>(k.pin.size()) >= kPinLongest;
    for (int row = 0; row < 3; ++row) {
        ImGui::SetCursorPosX(left);
        for (int column = 0; column < 3; ++column) {
            const int digit = row * 3 + column + 1;
            if (column > 0) ImGui::SameLine();
            if (Button(app, "kiosk.pin.digit." + std::to_string(digit), std::to_string(digit), ImVec2(key_width, key_height),
                       ButtonStyle::Secondary, !locked && !full))
                k.pin += static_cast<char>('0' + digit);
        }
    }
    ImGui::SetCursorPosX(left);
    if (Button(app, "kiosk.pin.backspace", "\u2190", ImVec2(key_width, key_height), ButtonStyle::Secondary,
               !locked && !k.pin.empty()))
        k.pin.pop_back();
    ImGui::SameLine();
    if (Button(app, "kiosk.pin.digit.0", "0", ImVec2(key_width, key_height), ButtonStyle::Secondary, !locked && !full))
        k.pin += '0';
    ImGui::SameLine();
    if (Button(app, "kiosk.pin.ok", "OK", ImVec2(key_width, key_height), ButtonStyle::Primary,
               !locked && static_cast<int>(k.pin.size()) >= kPinShortest))
        CheckPin(app);
    ImGui::PopFont();
    ImGui::PopStyleVar();
    if (KioskFooter(app, "\u25C0 Back to the kiosk", "", "", false, "", false) == FooterPress::Back) app.KioskStartOver();
}

}  // namespace kiosk
