#include "kiosk/fonts.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace kiosk {

float Fonts::BodyPixels(int window_height) {
    // 1/30 of the height: 24 px at 720p, 36 px at 1080p, 72 px at 2160p.
    return std::max(14.0f, static_cast<float>(window_height) / 30.0f);
}

namespace {
// Latin with French accents (œ, Ÿ), typographic punctuation, arrows, ticks and warning signs.
const ImWchar* GlyphRanges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF,  // Basic Latin, Latin-1
        0x0100, 0x017F,  // Latin Extended-A
        0x2010, 0x205E,  // punctuation: dashes, quotes, ellipsis, narrow no-break space
        0x20AC, 0x20AC,  // euro
        0x2190, 0x21FF,  // arrows
        0x2212, 0x2212,  // minus sign
        0x25A0, 0x25FF,  // geometric shapes: ▶ ◀ ● ○
        0x2713, 0x2717,  // check and cross marks
        0x26A0, 0x26A0,  // warning sign
        0,
    };
    return ranges;
}
}  // namespace

void Fonts::Build(int window_height, const std::string& assets_dir) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    warning.clear();
    const float body_px = BodyPixels(window_height);
    const std::string regular = assets_dir + "/fonts/DejaVuSans.ttf";
    const std::string bold_file = assets_dir + "/fonts/DejaVuSans-Bold.ttf";
    // ImGui aborts on a missing font file, so check first and fall back to its built-in font.
    auto load = [&](const std::string& path, float px) -> ImFont* {
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), px, nullptr, GlyphRanges());
            if (font) return font;
        }
        warning = "The font file " + path + " is missing, so a plain fallback font is used (no accents). "
                  "Reinstall cop-kiosk or restore assets/fonts.";
        ImFontConfig config;
        config.SizePixels = px;
        return io.Fonts->AddFontDefault(&config);
    };
    body = load(regular, body_px);
    bold = load(bold_file, body_px);
    heading = load(bold_file, body_px * 1.45f);
    display = load(bold_file, body_px * 2.2f);
    io.FontDefault = body;
    io.Fonts->Build();
    built_for_height = window_height;
}

}  // namespace kiosk
