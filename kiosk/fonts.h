// Fonts sized from the window height, so a 720p projector and a 4K screen read alike from the back.
#pragma once
#include <string>

struct ImFont;

namespace kiosk {

struct Fonts {
    ImFont* body = nullptr;       // running text and buttons: 1/30 of the window height
    ImFont* bold = nullptr;       // names, emphasis
    ImFont* heading = nullptr;    // section headings
    ImFont* display = nullptr;    // stage title and countdown
    int built_for_height = 0;
    std::string warning;          // set when a font file is missing and a fallback is used
    unsigned texture = 0;         // the atlas on the GPU (an OpenGL texture name), owned here
    int atlas_width = 0, atlas_height = 0;

    // Clears the atlas and loads the fonts for `window_height`. Call outside a frame. It needs no OpenGL, so it
    // may run on another thread while the window opens, as long as nothing else calls ImGui meanwhile.
    void Build(int window_height, const std::string& assets_dir);
    // Puts the atlas Build made into `texture` (replacing the previous one), then frees the atlas's pixels in
    // memory. Needs the OpenGL context; call after Build, outside a frame.
    void Upload();
    void DeleteTexture();  // before the OpenGL context goes
    static float BodyPixels(int window_height);
};

}  // namespace kiosk
