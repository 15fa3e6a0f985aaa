// Putting a drawn frame on screen, redrawing only what changed since the last one.
// With a software OpenGL (Mesa llvmpipe: a laptop without a GPU driver, or Xvfb), every pixel costs CPU: a
// whole frame of a busy screen at 1920x1080 is 15 to 30 ms on Mesa's threads, paid again for every second of a
// running countdown, every pressed button and every burst frame after input. There each frame's ImGui draw
// data is compared with the last one's: the triangles that changed (moved, recoloured, appeared) give the
// rectangle to draw again; the back buffer keeps the rest, because frames are shown with
// GLX_MESA_copy_sub_buffer, which copies it to the window and leaves it intact. Anything that changes the
// structure of the draw data (an item more or less, text of another length) draws the whole frame. On a GPU,
// or without that extension, every frame is whole and shown with glfwSwapBuffers.
#pragma once
#include <imgui.h>

#include <vector>

struct GLFWwindow;

namespace kiosk {

struct PixelRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // window pixels, y down
    bool Empty() const { return x1 <= x0 || y1 <= y0; }
    void Add(const PixelRect& other);      // the union
};

class Presenter {
public:
    void Init(GLFWwindow* window);  // after the window's context is made current
    bool CanRedrawPart() const { return m_copy_sub_buffer != nullptr; }
    // The next frame is drawn whole (the window was exposed or resized, the font texture changed...).
    void ForgetLastFrame() { m_last.clear(); }

    // After ImGui::Render: what to draw of this frame. Whole: everything. Otherwise `part` (whole pixels;
    // empty when nothing changed at all). Remembers the frame for the next comparison.
    struct Plan {
        bool whole = true;
        PixelRect part;
    };
    Plan Compare(const ImDrawData* data, int width, int height);
    // Draws the plan's part: clears it, and limits every draw command to it. Call before RenderDrawData.
    void Limit(ImDrawData* data, const PixelRect& part, int height);
    // For tests (COPK_CHECK_PARTIAL_REDRAW=1 in the environment): after a frame drawn in part (or not at all),
    // draws it whole and compares every pixel; a difference is written to stderr. Call after RenderDrawData.
    void Verify(ImDrawData* data, const Plan& plan, int width, int height);
    // Shows the back buffer: the whole window, or the part.
    void Present(const Plan& plan, int width, int height);
    ~Presenter();  // with COPK_CHECK_PARTIAL_REDRAW, says how many frames were checked

private:
    struct List {
        std::vector<ImDrawVert> vertices;
        std::vector<ImDrawIdx> indices;
        std::vector<ImDrawCmd> commands;
    };
    GLFWwindow* m_window = nullptr;
    void* m_display = nullptr;
    unsigned long m_drawable = 0;
    void (*m_copy_sub_buffer)(void*, unsigned long, int, int, int, int) = nullptr;
    std::vector<List> m_last;  // the last frame's draw data; empty: draw the next whole
    int m_last_width = 0, m_last_height = 0;
    std::vector<unsigned char> m_changed;  // per vertex of the list being compared
    bool m_check = false;                  // COPK_CHECK_PARTIAL_REDRAW
    std::vector<ImVec4> m_clips;           // the draw commands' own clip rectangles, while checking
    long m_checked = 0, m_mismatched = 0;
};

}  // namespace kiosk
