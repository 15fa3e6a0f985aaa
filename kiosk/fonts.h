// Fonts sized from the window height, so a 720p projector and a 4K screen read alike from the back.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace kiosk {

struct Fonts {
    ImFont* body = nullptr;       // running text and buttons: 1/30 of the window height
    ImFont* bold = nullptr;       // names, emphasis
    ImFont* heading = nullptr;    // section headings
    ImFont* display = nullptr;    // stage title and countdown
    int built_for_height = 0;
    std::string warning;          // set when a font file is missing or damaged and a fallback is used
    unsigned texture = 0;         // the atlas on the GPU (an OpenGL texture name), owned here
    int atlas_width = 0, atlas_height = 0;

    // The font files' bytes, checked (font_check.h) and kept for the atlas, which reads them when it is built.
    std::vector<unsigned char> regular_data, bold_data;
    std::string warned;           // the warning last written to stderr: once, not at every rebuild

    // Clears the atlas and loads the fonts for `window_height`. Call outside a frame. It needs no OpenGL, so it
    // may run on another thread while the window opens, as long as nothing else calls ImGui meanwhile.
    void Build(int window_height, const std::string& assets_dir);
    // Puts the atlas Build made into `texture` (replacing the previous one), then frees the atlas's pixels in
    // memory. Needs the OpenGL context; call after Build, outside a frame.
    void Upload();
    void DeleteTexture();  // before the OpenGL context goes
    static float BodyPixels(int window_height);
    // The characters drawn: Latin with French accents, typographic punctuation, arrows, ticks, warning signs.
    static const ImWchar* GlyphRanges();
};

}  // namespace kiosk
