#include "kiosk/fonts.h"

#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "kiosk/font_check.h"

namespace kiosk {

float Fonts::BodyPixels(int window_height) {
    // 1/30 of the height: 24 px at 720p, 36 px at 1080p, 72 px at 2160p.
    return std::max(14.0f, static_cast<float>(window_height) / 30.0f);
}

// Latin with French accents (œ, Ÿ), typographic punctuation, arrows, ticks and warning signs.
const ImWchar* Fonts::GlyphRanges() {
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

namespace {
// The whole file, or why it cannot be used (missing, unreadable, damaged). ImGui would abort on a missing file
// and crash inside stb_truetype on a damaged one, so it only ever sees bytes that passed FontProblem.
std::string LoadChecked(const std::string& path, std::vector<unsigned char>& bytes) {
    bytes.clear();
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return "The font file " + path + " is missing.";
    if (!std::filesystem::is_regular_file(path, error)) return "The font file " + path + " is not a file.";
    std::ifstream file(path, std::ios::binary);
    if (!file) return "The font file " + path + " cannot be read.";
    bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    CodepointRanges ranges;
    for (const ImWchar* r = Fonts::GlyphRanges(); r[0]; r += 2) ranges.emplace_back(r[0], r[1]);
    const std::string problem = FontProblem(bytes, ranges);
    if (problem.empty()) return "";
    bytes.clear();
    return "The font file " + path + " cannot be used: " + problem + ".";
}
}  // namespace

void Fonts::Build(int window_height, const std::string& assets_dir) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();  // before the bytes it may still point at are replaced
    const float body_px = BodyPixels(window_height);
    const std::string regular_problem = LoadChecked(assets_dir + "/fonts/DejaVuSans.ttf", regular_data);
    const std::string bold_problem = LoadChecked(assets_dir + "/fonts/DejaVuSans-Bold.ttf", bold_data);
    auto load = [&](std::vector<unsigned char>& data, float px) -> ImFont* {
        ImFontConfig config;
        if (!data.empty()) {
            // ImGui oversamples 3x across by default, for sub-pixel placement of small text. At 14 px and more
            // (the smallest body size) that adds nothing visible but triples the glyphs' area: the time to build
            // the atlas at start-up, and its memory (at 4K, hundreds of megabytes).
            config.OversampleH = 1;
            config.OversampleV = 1;
            config.PixelSnapH = true;
            config.FontDataOwnedByAtlas = false;  // the bytes stay ours (regular_data, bold_data)
            return io.Fonts->AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()), px, &config,
                                                  GlyphRanges());
        }
        config.SizePixels = px;
        return io.Fonts->AddFontDefault(&config);
    };
    body = load(regular_data, body_px);
    bold = load(bold_data, body_px);
    heading = load(bold_data, body_px * 1.45f);
    display = load(bold_data, body_px * 2.2f);
    io.FontDefault = body;
    warning = regular_problem + (regular_problem.empty() || bold_problem.empty() ? "" : " ") + bold_problem;
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;  // as tall as the glyphs need, not the next power of 2
    if (!io.Fonts->Build()) {
        // Not expected after the check; but an atlas that failed to build has no glyphs to draw at all.
        io.Fonts->Clear();
        ImFontConfig config;
        config.SizePixels = body_px;
        body = bold = heading = display = io.Fonts->AddFontDefault(&config);
        io.FontDefault = body;
        io.Fonts->Build();
        warning = "The fonts in " + assets_dir + "/fonts could not be prepared for drawing.";
    }
    if (!warning.empty())
        warning += " A plain fallback font is used (no accents): reinstall cop-kiosk or restore its assets/fonts folder.";
    if (warning != warned && !warning.empty()) std::fprintf(stderr, "cop-kiosk: %s\n", warning.c_str());
    warned = warning;
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
