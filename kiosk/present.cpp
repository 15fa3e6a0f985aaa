// Sections: 1. the software path · 2. comparing frames · 3. drawing and showing a part.
#include "kiosk/present.h"

#define GLFW_EXPOSE_NATIVE_X11
#define GLFW_EXPOSE_NATIVE_GLX
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kiosk {

void PixelRect::Add(const PixelRect& other) {
    if (other.Empty()) return;
    if (Empty()) {
        *this = other;
        return;
    }
    x0 = std::min(x0, other.x0);
    y0 = std::min(y0, other.y0);
    x1 = std::max(x1, other.x1);
    y1 = std::max(y1, other.y1);
}

// ---- 1. The software path --------------------------------------------------------------------
void Presenter::Init(GLFWwindow* window) {
    m_window = window;
    // Only where pixels cost CPU: a GPU draws a whole frame for next to nothing, and its swap may exchange
    // buffers rather than copy them.
    const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const bool software = renderer && (std::strstr(renderer, "llvmpipe") || std::strstr(renderer, "softpipe") ||
                                       std::strstr(renderer, "Software Rasterizer") || std::strstr(renderer, "swrast"));
    if (!software || !glfwExtensionSupported("GLX_MESA_copy_sub_buffer")) return;
    Display* display = glfwGetX11Display();
    const GLXWindow drawable = glfwGetGLXWindow(window);
    GLFWglproc copy = glfwGetProcAddress("glXCopySubBufferMESA");
    if (!display || !drawable || !copy) return;
    const char* check = std::getenv("COPK_CHECK_PARTIAL_REDRAW");
    m_check = check && std::strcmp(check, "1") == 0;
    m_display = display;
    m_drawable = drawable;
    m_copy_sub_buffer = reinterpret_cast<void (*)(void*, unsigned long, int, int, int, int)>(copy);
}

// ---- 2. Comparing frames ------------------------------------------------------------------------
namespace {
bool SameCommand(const ImDrawCmd& a, const ImDrawCmd& b) {
    return a.ClipRect.x == b.ClipRect.x && a.ClipRect.y == b.ClipRect.y && a.ClipRect.z == b.ClipRect.z &&
           a.ClipRect.w == b.ClipRect.w && a.TextureId == b.TextureId && a.VtxOffset == b.VtxOffset &&
           a.IdxOffset == b.IdxOffset && a.ElemCount == b.ElemCount && a.UserCallback == b.UserCallback;
}

void AddVertex(PixelRect& box, const ImDrawVert& v) {
    box.Add(PixelRect{v.pos.x, v.pos.y, v.pos.x + 0.001f, v.pos.y + 0.001f});
}
}  // namespace

Presenter::Plan Presenter::Compare(const ImDrawData* data, int width, int height) {
    Plan plan;
    if (!CanRedrawPart()) return plan;  // whole, always: nothing to keep
    const bool comparable = !m_last.empty() && width == m_last_width && height == m_last_height &&
                            static_cast<int>(m_last.size()) == data->CmdListsCount;
    PixelRect changed;
    bool whole = !comparable;
    for (int n = 0; n < data->CmdListsCount && !whole; ++n) {
        const ImDrawList& list = *data->CmdLists[n];
        const List& last = m_last[static_cast<size_t>(n)];
        // The same commands (clip rectangles, textures, counts) over the same triangles: only vertices differ.
        whole = static_cast<size_t>(list.CmdBuffer.Size) != last.commands.size() ||
                static_cast<size_t>(list.VtxBuffer.Size) != last.vertices.size() ||
                static_cast<size_t>(list.IdxBuffer.Size) != last.indices.size() ||
                std::memcmp(list.IdxBuffer.Data, last.indices.data(), last.indices.size() * sizeof(ImDrawIdx)) != 0;
        for (int c = 0; c < list.CmdBuffer.Size && !whole; ++c)
            whole = !SameCommand(list.CmdBuffer[c], last.commands[static_cast<size_t>(c)]) ||
                    list.CmdBuffer[c].UserCallback != nullptr;
        if (whole) break;
        if (std::memcmp(list.VtxBuffer.Data, last.vertices.data(), last.vertices.size() * sizeof(ImDrawVert)) == 0) continue;
        // Every triangle that uses a changed vertex: where it was and where it is now.
        m_changed.assign(last.vertices.size(), 0);
        for (size_t v = 0; v < last.vertices.size(); ++v)
            m_changed[v] = std::memcmp(&list.VtxBuffer[static_cast<int>(v)], &last.vertices[v], sizeof(ImDrawVert)) != 0;
        for (int c = 0; c < list.CmdBuffer.Size; ++c) {
            const ImDrawCmd& cmd = list.CmdBuffer[c];
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawIdx* t = &list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
                const size_t a = cmd.VtxOffset + t[0], b = cmd.VtxOffset + t[1], d = cmd.VtxOffset + t[2];
                if (!(m_changed[a] || m_changed[b] || m_changed[d])) continue;
                PixelRect box;
                for (size_t v : {a, b, d}) {
                    AddVertex(box, list.VtxBuffer[static_cast<int>(v)]);
                    AddVertex(box, last.vertices[v]);
                }
                // Only what the command's clip rectangle lets through was ever drawn.
                box.x0 = std::max(box.x0, cmd.ClipRect.x);
                box.y0 = std::max(box.y0, cmd.ClipRect.y);
                box.x1 = std::min(box.x1, cmd.ClipRect.z);
                box.y1 = std::min(box.y1, cmd.ClipRect.w);
                changed.Add(box);
            }
        }
    }
    // Keep this frame for the next comparison.
    m_last.resize(static_cast<size_t>(data->CmdListsCount));
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList& list = *data->CmdLists[n];
        List& keep = m_last[static_cast<size_t>(n)];
        keep.vertices.assign(list.VtxBuffer.Data, list.VtxBuffer.Data + list.VtxBuffer.Size);
        keep.indices.assign(list.IdxBuffer.Data, list.IdxBuffer.Data + list.IdxBuffer.Size);
        keep.commands.assign(list.CmdBuffer.Data, list.CmdBuffer.Data + list.CmdBuffer.Size);
    }
    m_last_width = width;
    m_last_height = height;
    plan.whole = whole;
    if (!whole && !changed.Empty()) {
        // Out to whole pixels, with a pixel to spare for the anti-aliased fringe's rounding.
        plan.part = PixelRect{std::max(0.0f, std::floor(changed.x0) - 1), std::max(0.0f, std::floor(changed.y0) - 1),
                              std::min(static_cast<float>(width), std::ceil(changed.x1) + 1),
                              std::min(static_cast<float>(height), std::ceil(changed.y1) + 1)};
        // Most of the window: drawing it whole costs no more.
        if ((plan.part.x1 - plan.part.x0) * (plan.part.y1 - plan.part.y0) > 0.6f * static_cast<float>(width) * height)
            plan = Plan{};
    }
    return plan;
}

// ---- 3. Drawing and showing a part ---------------------------------------------------------------
void Presenter::Limit(ImDrawData* data, const PixelRect& part, int height) {
    if (m_check) {
        m_clips.clear();
        for (int n = 0; n < data->CmdListsCount; ++n)
            for (const ImDrawCmd& cmd : data->CmdLists[n]->CmdBuffer) m_clips.push_back(cmd.ClipRect);
    }
    const int x0 = static_cast<int>(part.x0), y0 = static_cast<int>(part.y0);
    const int x1 = static_cast<int>(part.x1), y1 = static_cast<int>(part.y1);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, height - y1, x1 - x0, y1 - y0);  // OpenGL counts rows from the bottom
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    // The OpenGL3 backend scissors each command by its clip rectangle, truncated to whole pixels its own way,
    // and skips one that is left empty, vertices and all. Each rectangle becomes the whole pixels the backend
    // scissored it to in the whole frame, cut to the part: inside the part, every pixel is drawn exactly as it
    // was then.
    for (int n = 0; n < data->CmdListsCount; ++n)
        for (ImDrawCmd& cmd : data->CmdLists[n]->CmdBuffer) {
            ImVec4& clip = cmd.ClipRect;
            if (clip.z <= clip.x || clip.w <= clip.y) continue;
            const int sx0 = static_cast<int>(clip.x), sx1 = sx0 + static_cast<int>(clip.z - clip.x);
            const int gl_y = static_cast<int>(static_cast<float>(height) - clip.w);
            const int sy1 = height - gl_y, sy0 = sy1 - static_cast<int>(clip.w - clip.y);
            const int cx0 = std::max(sx0, x0), cy0 = std::max(sy0, y0);
            const int cx1 = std::max(cx0, std::min(sx1, x1)), cy1 = std::max(cy0, std::min(sy1, y1));
            clip = ImVec4(static_cast<float>(cx0), static_cast<float>(cy0), static_cast<float>(cx1), static_cast<float>(cy1));
        }
}

namespace {
std::vector<unsigned char> ReadBack(int width, int height) {
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    return pixels;
}
}  // namespace

void Presenter::Verify(ImDrawData* data, const Plan& plan, int width, int height) {
    if (!m_check || plan.whole) return;
    const std::vector<unsigned char> drawn = ReadBack(width, height);
    if (!plan.part.Empty()) {
        size_t i = 0;
        for (int n = 0; n < data->CmdListsCount; ++n)
            for (ImDrawCmd& cmd : data->CmdLists[n]->CmdBuffer) cmd.ClipRect = m_clips[i++];
    }
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(data);
    const std::vector<unsigned char> whole = ReadBack(width, height);
    ++m_checked;
    long differing = 0;
    int x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const size_t at = (static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
            if (std::memcmp(&drawn[at], &whole[at], 3) == 0) continue;
            ++differing;
            x0 = std::min(x0, x), x1 = std::max(x1, x);
            const int top = height - 1 - y;  // window rows from the top
            y0 = std::min(y0, top), y1 = std::max(y1, top);
        }
    if (differing == 0) return;
    ++m_mismatched;
    std::fprintf(stderr,
                 "cop-kiosk: partial redraw mismatch: %ld pixels differ from the whole frame, in [%d, %d]-[%d, %d]; "
                 "the part drawn was [%.0f, %.0f]-[%.0f, %.0f]\n",
                 differing, x0, y0, x1, y1, plan.part.x0, plan.part.y0, plan.part.x1, plan.part.y1);
}

Presenter::~Presenter() {
    if (m_check)
        std::fprintf(stderr, "cop-kiosk: partial redraw checked %ld frames, %ld mismatched\n", m_checked, m_mismatched);
}

void Presenter::Present(const Plan& plan, int width, int height) {
    if (!m_copy_sub_buffer) {
        glfwSwapBuffers(m_window);
        return;
    }
    if (plan.whole) {
        m_copy_sub_buffer(m_display, m_drawable, 0, 0, width, height);
        return;
    }
    if (plan.part.Empty()) return;  // nothing changed: the window already shows this frame
    const int x = static_cast<int>(plan.part.x0), y = static_cast<int>(plan.part.y0);
    const int w = static_cast<int>(plan.part.x1) - x, h = static_cast<int>(plan.part.y1) - y;
    m_copy_sub_buffer(m_display, m_drawable, x, height - y - h, w, h);
}

}  // namespace kiosk
