#include "kiosk/fonts.h"

#include <GL/gl.h>
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
            // ImGui oversamples 3x across by default, for sub-pixel placement of small text. At 14 px and more
            // (the smallest body size) that adds nothing visible but triples the glyphs' area: the time to build
            // the atlas at start-up, and its memory (at 4K, hundreds of megabytes).
            ImFontConfig config;
            config.OversampleH = 1;
            config.OversampleV = 1;
            config.PixelSnapH = true;
            ImFont* font = io.Fonts->AddFontFromFileTTF(path.c_str(), px, &config, GlyphRanges());
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
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // as tall as the glyphs need, not the next power of 2
    io.Fonts->Build();
    built_for_height = window_height;
}

// One channel (coverage) instead of the RGBA32 ImGui's OpenGL3 backend uploads: a quarter of the memory, in
// the process and in Mesa's copy. The texture is read as white with that coverage as its alpha (a swizzle,
// OpenGL 3.3), which is what the backend's shader expects of the RGBA one. Without swizzles (an older
// OpenGL), the RGBA32 upload.
void Fonts::Upload() {
    ImGuiIO& io = ImGui::GetIO();
    GLint last_texture = 0, last_alignment = 4;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &last_alignment);
    if (texture == 0) glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    unsigned char* pixels = nullptr;
    while (glGetError() != GL_NO_ERROR) {
    }
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    if (glGetError() == GL_NO_ERROR) {
        io.Fonts->GetTexDataAsAlpha8(&pixels, &atlas_width, &atlas_height);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas_width, atlas_height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    } else {
        io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_width, &atlas_height);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, atlas_width, atlas_height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, last_alignment);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture)));
    io.Fonts->ClearTexData();  // the glyphs' places stay; their pixels now live in the texture only
}

void Fonts::DeleteTexture() {
    if (texture != 0) glDeleteTextures(1, &texture);
    texture = 0;
}

}  // namespace kiosk
