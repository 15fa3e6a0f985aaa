#include "kiosk/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace kiosk {

std::string SaveScreenshot(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no size";
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    std::vector<unsigned char> flipped(pixels.size());
    const size_t row = static_cast<size_t>(width) * 4;
    for (int y = 0; y < height; ++y)
        std::copy_n(&pixels[static_cast<size_t>(height - 1 - y) * row], row, &flipped[static_cast<size_t>(y) * row]);
    for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // opaque, whatever the framebuffer's alpha
    const std::string temporary = path + ".tmp." + std::to_string(getpid()) + ".png";
    if (!stbi_write_png(temporary.c_str(), width, height, 4, flipped.data(), static_cast<int>(row))) {
        std::remove(temporary.c_str());
        return "cannot write " + path;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        return "cannot write " + path;
    }
    return "";
}

}  // namespace kiosk
