// The font check (kiosk/font_check.h): the shipped fonts pass; damaged ones are refused with a reason; and
// whatever it lets through, ImGui's own font builder (with the stb_truetype ImGui links) draws without reading
// past the end of the file. Sections: helpers · the shipped fonts · named kinds of damage · mutations.
#include <catch2/catch.hpp>
#include <imgui.h>
#include <stb_truetype.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kiosk/font_check.h"
#include "kiosk/fonts.h"

using kiosk::CodepointRanges;
using kiosk::FontProblem;

namespace {

// ---- Helpers ------------------------------------------------------------------------------------------------------
std::vector<unsigned char> ReadFont(const std::string& name) {
    std::ifstream file(std::string(COPK_TEST_ASSETS_DIR) + "/fonts/" + name, std::ios::binary);
    REQUIRE(file);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// The characters the program draws (kiosk/fonts.cpp).
CodepointRanges Shown() {
    CodepointRanges ranges;
    for (const ImWchar* r = kiosk::Fonts::GlyphRanges(); r[0]; r += 2) ranges.emplace_back(r[0], r[1]);
    return ranges;
}

uint32_t Be32(const std::vector<unsigned char>& b, size_t at) {
    return (uint32_t(b[at]) << 24) | (uint32_t(b[at + 1]) << 16) | (uint32_t(b[at + 2]) << 8) | b[at + 3];
}
void PutBe32(std::vector<unsigned char>& b, size_t at, uint32_t value) {
    for (int i = 0; i < 4; ++i) b[at + size_t(i)] = static_cast<unsigned char>(value >> (24 - 8 * i));
}
void PutBe16(std::vector<unsigned char>& b, size_t at, uint16_t value) {
    b[at] = static_cast<unsigned char>(value >> 8);
    b[at + 1] = static_cast<unsigned char>(value);
}

struct Entry {
    size_t record;  // where the directory entry is
    uint32_t offset, length;
};
std::map<std::string, Entry> Directory(const std::vector<unsigned char>& font) {
    std::map<std::string, Entry> tables;
    const unsigned count = (unsigned(font[4]) << 8) | font[5];
    for (unsigned i = 0; i < count; ++i) {
        const size_t record = 12 + 16 * size_t(i);
        tables.emplace(std::string(font.begin() + long(record), font.begin() + long(record) + 4),
                       Entry{record, Be32(font, record + 8), Be32(font, record + 12)});
    }
    return tables;
}

// Places `font` so that its last byte is followed by a page no process may read: a read past the end of the file
// (what a damaged font makes stb_truetype do) is then a crash here, not a quiet read of whatever follows.
class GuardedCopy {
public:
    explicit GuardedCopy(const std::vector<unsigned char>& font) {
        const size_t page = size_t(sysconf(_SC_PAGESIZE));
        const size_t data_pages = (font.size() + page - 1) / page;
        m_size = (data_pages + 1) * page;
        void* mapping = mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        REQUIRE(mapping != MAP_FAILED);
        m_mapping = static_cast<unsigned char*>(mapping);
        REQUIRE(mprotect(m_mapping + data_pages * page, page, PROT_NONE) == 0);
        m_data = m_mapping + data_pages * page - font.size();
        std::memcpy(m_data, font.data(), font.size());
    }
    ~GuardedCopy() { munmap(m_mapping, m_size); }
    GuardedCopy(const GuardedCopy&) = delete;
    GuardedCopy& operator=(const GuardedCopy&) = delete;
    unsigned char* Data() { return m_data; }

private:
    unsigned char* m_mapping = nullptr;
    unsigned char* m_data = nullptr;
    size_t m_size = 0;
};

// What the program does with a font that passed: ImGui's atlas builder, all the shown characters, at a small size.
bool BuildAtlas(const std::vector<unsigned char>& font) {
    GuardedCopy copy(font);
    ImFontAtlas atlas;
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    atlas.AddFontFromMemoryTTF(copy.Data(), int(font.size()), 13.0f, &config, kiosk::Fonts::GlyphRanges());
    return atlas.Build();
}

}  // namespace

// ---- The shipped fonts --------------------------------------------------------------------------------------------
TEST_CASE("font check: the shipped DejaVu fonts pass and build", "[fonts]") {
    for (const char* name : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
        CAPTURE(name);
        const auto font = ReadFont(name);
        CHECK(FontProblem(font, Shown()) == "");
        CHECK(BuildAtlas(font));
    }
}

// ---- Named kinds of damage ------------------------------------------------------------------------------------------
TEST_CASE("font check: damaged fonts are refused, each with its reason", "[fonts]") {
    const auto good = ReadFont("DejaVuSans.ttf");
    const auto tables = Directory(good);
    std::vector<unsigned char> font;
    std::string says;
    SECTION("an empty file") {
        says = "the file is empty";
    }
    SECTION("a text file named .ttf") {
        const std::string text = "This is not a font.\n";
        font.assign(text.begin(), text.end());
        says = "not a TrueType font file";
    }
    SECTION("random bytes") {
        std::mt19937 random(7);
        font.resize(good.size());
        for (auto& byte : font) byte = static_cast<unsigned char>(random());
        says = "not a TrueType font file";
    }
    SECTION("a TrueType file cut to a third") {
        font.assign(good.begin(), good.begin() + long(good.size() / 3));
        says = "runs past the end of the file";
    }
    SECTION("a TrueType file cut inside its table directory") {
        font.assign(good.begin(), good.begin() + 40);
        says = "table directory runs past the end";
    }
    SECTION("a table directory that points past the end of the file") {
        font = good;
        PutBe32(font, tables.at("glyf").record + 8, uint32_t(good.size() - 100));
        says = "its table 'glyf' runs past the end of the file";
    }
    SECTION("a 'loca' table that places a glyph outside 'glyf'") {
        font = good;
        const bool long_offsets = font[tables.at("head").offset + 51] == 1;
        const size_t entry = tables.at("loca").offset + (long_offsets ? 4 : 2) * 36;  // glyph 36: 'A' in DejaVu
        if (long_offsets) PutBe32(font, entry, 0x7FFFFFF0);
        else PutBe16(font, entry, 0xFFF0);
        says = "outside the 'glyf' table";
    }
    SECTION("a character map that points past the end of the file") {
        font = good;
        const size_t cmap = tables.at("cmap").offset;
        const unsigned count = (unsigned(font[cmap + 2]) << 8) | font[cmap + 3];
        for (unsigned i = 0; i < count; ++i) PutBe32(font, cmap + 4 + 8 * i + 4, 0x00FFFFFF);
        says = "character map lies outside the file";
    }
    SECTION("a glyph made of itself") {
        // DejaVu builds accented letters from parts: make the first part of "é" be "é" itself.
        font = good;
        stbtt_fontinfo info{};
        REQUIRE(stbtt_InitFont(&info, font.data(), 0));
        const int glyph = stbtt_FindGlyphIndex(&info, 0xE9);
        const bool long_offsets = font[tables.at("head").offset + 51] == 1;
        const size_t loca = tables.at("loca").offset + (long_offsets ? 4 : 2) * size_t(glyph);
        const size_t start = tables.at("glyf").offset +
                             (long_offsets ? Be32(font, loca) : 2 * ((size_t(font[loca]) << 8) | font[loca + 1]));
        REQUIRE((font[start] & 0x80) != 0);  // numberOfContours < 0: a composite glyph
        PutBe16(font, start + 12, uint16_t(glyph));  // flags at +10, the part's glyph index at +12
        says = "made of itself";
    }
    CAPTURE(font.size());
    const std::string reason = FontProblem(font, Shown());
    CAPTURE(reason);
    CHECK_THAT(reason, Catch::Matchers::Contains(says));
    CHECK(reason.find('\n') == std::string::npos);
}

// ---- Mutations ------------------------------------------------------------------------------------------------------
// Seeded damage of every kind at random places: each mutant is refused, or ImGui builds it with no read past
// the file's end (the guard page) and no abort. Most mutants change glyph data and pass, which exercises the
// rasterizer on outlines no font designer drew. (It was a run of 20,000 that found stb_truetype's assert on an
// outline outside its glyph's box; three runs of 30,000 found nothing more.)
TEST_CASE("font check: whatever it lets through, ImGui builds without reading past the file",
          "[fonts][mutations]") {
    const auto good = ReadFont("DejaVuSans.ttf");
    const auto tables = Directory(good);
    std::vector<Entry> entries;
    for (const auto& table : tables) entries.push_back(table.second);
    // A longer run by hand: COPK_FONT_MUTANTS=30000 COPK_FONT_SEED=1 kiosk_font_tests "[mutations]".
    const char* seed = std::getenv("COPK_FONT_SEED");
    const char* count = std::getenv("COPK_FONT_MUTANTS");
    std::mt19937 random(seed ? unsigned(std::atoi(seed)) : 20260601u);
    const auto below = [&](size_t n) { return n == 0 ? size_t(0) : size_t(random() % n); };
    int refused = 0, built = 0;
    const int mutants = count && std::atoi(count) > 0 ? std::atoi(count) : 250;
    for (int i = 0; i < mutants; ++i) {
        auto font = good;
        const int kind = int(below(5));
        if (kind == 0) {  // cut short anywhere
            font.resize(below(good.size()));
        } else if (kind == 1) {  // a few bytes anywhere
            for (size_t k = 1 + below(8); k > 0; --k) font[below(font.size())] = static_cast<unsigned char>(random());
        } else if (kind == 2) {  // a few bytes in one table, each table as likely as another (small ones matter)
            const Entry& table = entries[below(entries.size())];
            for (size_t k = 1 + below(4); k > 0 && table.length > 0; --k)
                font[table.offset + below(table.length)] = static_cast<unsigned char>(random());
        } else if (kind == 3) {  // a directory entry's offset or length
            const Entry& table = entries[below(entries.size())];
            PutBe32(font, table.record + (below(2) ? 8 : 12), uint32_t(random()) >> below(32));
        } else {  // a 16-bit field in the first 64 bytes of one table (headers, counts, offsets)
            const Entry& table = entries[below(entries.size())];
            if (table.length >= 2) PutBe16(font, table.offset + below(std::min<size_t>(table.length - 1, 64)),
                                           uint16_t(random()));
        }
        const std::string reason = FontProblem(font, Shown());
        if (!reason.empty()) {
            ++refused;
            continue;
        }
        CAPTURE(i, kind);
        CHECK(BuildAtlas(font));
        ++built;
    }
    // Both outcomes must occur, or the mutations are not testing what they claim to.
    CHECK(refused > 20);
    CHECK(built > 20);
    WARN(refused << " of " << mutants << " mutants refused, " << built << " built");
}
