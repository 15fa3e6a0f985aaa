// A light, high-contrast theme; chart colours from the Okabe–Ito palette (safe for colour-blind viewers).
#pragma once
#include <imgui.h>

namespace kiosk::theme {

// Text colours keep at least 7:1 contrast against kBackground and kPanel.
constexpr ImU32 Rgb(unsigned rgb) {
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 0xFF);
}
inline const ImVec4 Vec(unsigned rgb) {
    return ImVec4(((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, 1.0f);
}

constexpr unsigned kBackground = 0xFAFAF7;
constexpr unsigned kPanel = 0xECECE6;
constexpr unsigned kInk = 0x111111;
constexpr unsigned kMuted = 0x3B3B3B;       // 10:1 on the background
constexpr unsigned kPrimary = 0x0A4A7A;     // white text on it: 9:1
constexpr unsigned kPrimaryHover = 0x0D5A93;
constexpr unsigned kPrimaryActive = 0x06355A;
constexpr unsigned kSecondary = 0xDADAD3;   // ink on it: 14:1
constexpr unsigned kSecondaryHover = 0xCACAC2;
constexpr unsigned kDisabled = 0xEFEFEA;     // lighter than kSecondary, so a disabled button looks emptier
constexpr unsigned kDisabledInk = 0x4A4A4A;  // 7.7:1 on kDisabled, 8:1 on the background
constexpr unsigned kError = 0x8C1D00;       // a dark vermillion: 8.5:1
constexpr unsigned kErrorBack = 0xFBE3D9;
constexpr unsigned kSuccess = 0x00513A;     // a dark bluish green: 9:1
constexpr unsigned kSelected = 0xE69F00;    // Okabe–Ito orange: outline of a picked name
constexpr unsigned kAmber = 0xE69F00;       // the countdown bar when time is nearly up (a shape, not text)

// Okabe–Ito, for bars and series; always paired with a label, never colour alone.
constexpr unsigned kChart[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};

void Apply();

}  // namespace kiosk::theme
