#include "kiosk/theme.h"

namespace kiosk::theme {

void Apply() {
    ImGuiStyle& style = ImGui::GetStyle();
    ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = Vec(kBackground);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = Vec(0xFFFFFF);
    c[ImGuiCol_Text] = Vec(kInk);
    c[ImGuiCol_TextDisabled] = Vec(kDisabledInk);
    c[ImGuiCol_Border] = Vec(0x6B6B6B);
    c[ImGuiCol_FrameBg] = Vec(0xFFFFFF);
    c[ImGuiCol_FrameBgHovered] = Vec(0xF2F7FB);
    c[ImGuiCol_FrameBgActive] = Vec(0xFFFFFF);
    c[ImGuiCol_Button] = Vec(kPrimary);
    c[ImGuiCol_ButtonHovered] = Vec(kPrimaryHover);
    c[ImGuiCol_ButtonActive] = Vec(kPrimaryActive);
    c[ImGuiCol_TextSelectedBg] = Vec(0xB9D7F0);
    c[ImGuiCol_ScrollbarBg] = Vec(kPanel);
    c[ImGuiCol_ScrollbarGrab] = Vec(0x8A8A85);
    c[ImGuiCol_NavHighlight] = Vec(kSelected);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.1f, 0.1f, 0.55f);
    // Disabled items are told apart by their own colours (kDisabled, kDisabledInk), not by fading: faded
    // text would fall below the 7:1 contrast every text keeps.
    style.DisabledAlpha = 1.0f;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FrameBorderSize = 2;
    style.FrameRounding = 6;
    style.WindowRounding = 0;
    style.PopupRounding = 8;
    style.GrabRounding = 4;
    style.ScrollbarRounding = 6;
}

}  // namespace kiosk::theme
