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

    // Clears the atlas and loads the fonts for `window_height`. Call outside a frame.
    void Build(int window_height, const std::string& assets_dir);
    static float BodyPixels(int window_height);
};

}  // namespace kiosk
