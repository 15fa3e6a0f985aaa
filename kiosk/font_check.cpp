// The font check (font_check.h). Sections:
//   1. Reading big-endian numbers, every read bounds-checked
//   2. The table directory
//   3. The fixed tables: head, maxp, hhea, hmtx, loca
//   4. The character map, looked up exactly as stb_truetype 1.26 does (stbtt_FindGlyphIndex)
//   5. Glyph outlines, read as stb_truetype does (stbtt__GetGlyphShapeTT)
//   6. FontProblem: all of it, then stb_truetype itself (the library ImGui uses, Debian's libstb)
// Only TrueType outlines ('glyf') are accepted: the shipped fonts are TrueType, and stb_truetype's reader of
// PostScript (CFF) outlines takes a 512 MB bound on trust.
#include "kiosk/font_check.h"

#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

namespace kiosk {
namespace {

// ---- 1. Reading ----------------------------------------------------------------------------------------------
// A read outside the file throws OutOfBounds; each caller turns it into the reason it stands for.
struct OutOfBounds {};

class Bytes {
public:
    explicit Bytes(const std::vector<unsigned char>& data) : m_data(data) {}
    uint64_t Size() const { return m_data.size(); }
    bool Has(uint64_t at, uint64_t length) const { return at <= Size() && length <= Size() - at; }
    uint8_t U8(uint64_t at) const {
        if (!Has(at, 1)) throw OutOfBounds{};
        return m_data[at];
    }
    uint16_t U16(uint64_t at) const {
        if (!Has(at, 2)) throw OutOfBounds{};
        return static_cast<uint16_t>((m_data[at] << 8) | m_data[at + 1]);
    }
    int16_t I16(uint64_t at) const { return static_cast<int16_t>(U16(at)); }
    uint32_t U32(uint64_t at) const {
        if (!Has(at, 4)) throw OutOfBounds{};
        return (uint32_t(m_data[at]) << 24) | (uint32_t(m_data[at + 1]) << 16) | (uint32_t(m_data[at + 2]) << 8) |
               uint32_t(m_data[at + 3]);
    }

private:
    const std::vector<unsigned char>& m_data;
};

// A reason to refuse the font; the message completes "The font file X cannot be used: ".
struct Refused {
    std::string reason;
};

constexpr uint64_t kLargestFont = 64ull << 20;  // DejaVu Sans is 0.7 MB; a font of CJK scripts about 20 MB
constexpr uint32_t kTag(const char (&name)[5]) {
    return (uint32_t(uint8_t(name[0])) << 24) | (uint32_t(uint8_t(name[1])) << 16) | (uint32_t(uint8_t(name[2])) << 8) |
           uint32_t(uint8_t(name[3]));
}

struct Table {
    uint64_t offset = 0, length = 0;
};

// ---- 2. The table directory --------------------------------------------------------------------------------------
// stb_truetype finds a table by walking the directory and taking the first entry with its tag.
std::map<std::string, Table> ReadDirectory(const Bytes& b) {
    if (b.Size() == 0) throw Refused{"the file is empty"};
    if (b.Size() < 12) throw Refused{"it is too short to be a font (" + std::to_string(b.Size()) + " bytes)"};
    if (b.Size() > kLargestFont) throw Refused{"it is too large to be a font (" + std::to_string(b.Size() >> 20) + " MB)"};
    const uint32_t version = b.U32(0);
    if (version == kTag("OTTO"))
        throw Refused{"it holds PostScript (CFF) outlines; cop-kiosk draws only TrueType fonts such as DejaVu Sans"};
    if (version == kTag("ttcf")) throw Refused{"it is a collection of fonts, not one TrueType font"};
    if (version != 0x00010000u && version != kTag("true")) throw Refused{"it is not a TrueType font file"};
    const uint16_t count = b.U16(4);
    const uint64_t directory_end = 12 + 16ull * count;
    if (count == 0) throw Refused{"its table directory is empty"};
    if (!b.Has(0, directory_end)) throw Refused{"its table directory runs past the end of the file"};
    std::map<std::string, Table> tables;
    for (uint16_t i = 0; i < count; ++i) {
        const uint64_t entry = 12 + 16ull * i;
        std::string tag;
        for (int k = 0; k < 4; ++k) {
            const char c = static_cast<char>(b.U8(entry + k));
            tag += (c >= 0x20 && c < 0x7F) ? c : '?';
        }
        const Table table{b.U32(entry + 8), b.U32(entry + 12)};
        if (tables.count(tag)) continue;  // stb_truetype uses the first
        tables[tag] = table;
    }
    for (const char* needed : {"cmap", "head", "hhea", "hmtx", "loca", "glyf", "maxp"}) {
        const auto found = tables.find(needed);
        if (found == tables.end()) throw Refused{std::string("it has no '") + needed + "' table"};
        // stb_truetype takes an offset of 0 for a missing table (and would then read 'glyf' as CFF outlines).
        if (found->second.offset < directory_end)
            throw Refused{std::string("its table '") + needed + "' overlaps the table directory"};
        if (!b.Has(found->second.offset, found->second.length))
            throw Refused{std::string("its table '") + needed + "' runs past the end of the file"};
    }
    return tables;
}

// ---- 3. The fixed tables -------------------------------------------------------------------------------------------
struct Metrics {
    int units_per_em = 0;
    int line_height = 0;  // ascent - descent: ImGui scales the font so that this is its pixel size
    int index_to_loc = 0;
    uint32_t glyph_count = 0;
    uint32_t long_metrics = 0;
};

Metrics ReadFixedTables(const Bytes& b, const std::map<std::string, Table>& tables) {
    const Table head = tables.at("head"), maxp = tables.at("maxp"), hhea = tables.at("hhea"),
                hmtx = tables.at("hmtx"), loca = tables.at("loca");
    Metrics m;
    if (head.length < 54 || b.U32(head.offset + 12) != 0x5F0F3CF5u) throw Refused{"its 'head' table is damaged"};
    m.units_per_em = b.U16(head.offset + 18);
    m.index_to_loc = b.I16(head.offset + 50);
    if (m.units_per_em < 16 || m.units_per_em > 16384)
        throw Refused{"its 'head' table gives an impossible size (" + std::to_string(m.units_per_em) + " units per em)"};
    if (m.index_to_loc != 0 && m.index_to_loc != 1) throw Refused{"its 'head' table names an unknown 'loca' format"};
    if (maxp.length < 6) throw Refused{"its 'maxp' table is damaged"};
    m.glyph_count = b.U16(maxp.offset + 4);
    if (m.glyph_count == 0) throw Refused{"it has no glyphs"};
    if (hhea.length < 36) throw Refused{"its 'hhea' table is damaged"};
    m.line_height = int(b.I16(hhea.offset + 4)) - int(b.I16(hhea.offset + 6));
    if (m.line_height < m.units_per_em / 4 || m.line_height > m.units_per_em * 4)
        throw Refused{"its 'hhea' table gives an impossible line height"};
    m.long_metrics = b.U16(hhea.offset + 34);
    if (m.long_metrics == 0 || m.long_metrics > m.glyph_count)
        throw Refused{"its 'hhea' table gives an impossible number of glyph widths"};
    if (hmtx.length < 4ull * m.long_metrics + 2ull * (m.glyph_count - m.long_metrics))
        throw Refused{"its 'hmtx' table is shorter than its " + std::to_string(m.glyph_count) + " glyphs need"};
    if (loca.length < (m.glyph_count + 1ull) * (m.index_to_loc ? 4 : 2))
        throw Refused{"its 'loca' table is shorter than its " + std::to_string(m.glyph_count) + " glyphs need"};
    return m;
}

// Where glyph `g` lies in the file: [first, second). Offsets must climb and stay inside 'glyf'.
std::pair<uint64_t, uint64_t> GlyphExtent(const Bytes& b, const std::map<std::string, Table>& tables,
                                          const Metrics& m, uint32_t g) {
    const Table loca = tables.at("loca"), glyf = tables.at("glyf");
    const auto at = [&](uint32_t i) -> uint64_t {
        return m.index_to_loc ? b.U32(loca.offset + 4ull * i) : 2ull * b.U16(loca.offset + 2ull * i);
    };
    const uint64_t start = at(g), end = at(g + 1);
    if (start > end || end > glyf.length)
        throw Refused{"its 'loca' table places glyph " + std::to_string(g) + " outside the 'glyf' table"};
    return {glyf.offset + start, glyf.offset + end};
}

// ---- 4. The character map ----------------------------------------------------------------------------------------
// The subtable stb_truetype picks: the LAST record for Unicode (platform 0, any encoding) or Windows Unicode
// (platform 3, encoding 1 or 10). Its offset is relative to the 'cmap' table.
uint64_t ChosenCharacterMap(const Bytes& b, const Table& cmap) {
    if (cmap.length < 4) throw Refused{"its 'cmap' table is damaged"};
    const uint16_t count = b.U16(cmap.offset + 2);
    if (4ull + 8ull * count > cmap.length) throw Refused{"its 'cmap' table lists more character maps than it holds"};
    uint64_t chosen = 0;
    for (uint16_t i = 0; i < count; ++i) {
        const uint64_t record = cmap.offset + 4 + 8ull * i;
        const uint16_t platform = b.U16(record), encoding = b.U16(record + 2);
        if (platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10)))
            chosen = cmap.offset + b.U32(record + 4);
    }
    if (chosen == 0) throw Refused{"it has no Unicode character map"};
    if (!b.Has(chosen, 4)) throw Refused{"its Unicode character map lies outside the file"};
    const uint16_t format = b.U16(chosen);
    if (format != 0 && format != 4 && format != 6 && format != 12 && format != 13)
        throw Refused{"its Unicode character map has a format (" + std::to_string(format) + ") that cannot be read"};
    if ((format == 12 || format == 13) && b.U32(chosen + 12) > (b.Size() - chosen) / 12)
        throw Refused{"its Unicode character map lists more groups than the file holds"};
    return chosen;
}

// stbtt_FindGlyphIndex, statement for statement, with the same integer types; every read checked.
uint32_t LookUp(const Bytes& b, uint64_t index_map, uint32_t codepoint) {
    const uint16_t format = b.U16(index_map);
    if (format == 0) {
        const int32_t bytes = b.U16(index_map + 2);
        if (int64_t(codepoint) < bytes - 6) return b.U8(index_map + 6 + codepoint);
        return 0;
    }
    if (format == 6) {
        const uint32_t first = b.U16(index_map + 6), count = b.U16(index_map + 8);
        if (codepoint >= first && codepoint < first + count) return b.U16(index_map + 10 + (codepoint - first) * 2ull);
        return 0;
    }
    if (format == 4) {
        const uint16_t segcount = b.U16(index_map + 6) >> 1;
        uint16_t search_range = b.U16(index_map + 8) >> 1;
        uint16_t entry_selector = b.U16(index_map + 10);
        const uint16_t range_shift = b.U16(index_map + 12) >> 1;
        const uint64_t end_count = index_map + 14;
        uint64_t search = end_count;
        if (codepoint > 0xffff) return 0;
        if (codepoint >= b.U16(search + range_shift * 2ull)) search += range_shift * 2ull;
        search -= 2;
        while (entry_selector) {
            search_range >>= 1;
            const uint16_t end = b.U16(search + search_range * 2ull);
            if (codepoint > end) search += search_range * 2ull;
            --entry_selector;
        }
        search += 2;
        const uint16_t item = static_cast<uint16_t>((search - end_count) >> 1);
        const uint16_t start = b.U16(index_map + 14 + segcount * 2ull + 2 + 2ull * item);
        const uint16_t last = b.U16(end_count + 2ull * item);
        if (codepoint < start || codepoint > last) return 0;
        const uint16_t offset = b.U16(index_map + 14 + segcount * 6ull + 2 + 2ull * item);
        if (offset == 0)
            return static_cast<uint16_t>(codepoint + b.I16(index_map + 14 + segcount * 4ull + 2 + 2ull * item));
        return b.U16(offset + (codepoint - start) * 2ull + index_map + 14 + segcount * 6ull + 2 + 2ull * item);
    }
    // Formats 12 and 13 (ChosenCharacterMap refused the others): a binary search of groups.
    const uint32_t groups = b.U32(index_map + 12);
    int32_t low = 0, high = static_cast<int32_t>(groups);
    while (low < high) {
        const int32_t mid = low + ((high - low) >> 1);
        const uint32_t start_char = b.U32(index_map + 16 + mid * 12ull);
        const uint32_t end_char = b.U32(index_map + 16 + mid * 12ull + 4);
        if (codepoint < start_char) {
            high = mid;
        } else if (codepoint > end_char) {
            low = mid + 1;
        } else {
            const uint32_t start_glyph = b.U32(index_map + 16 + mid * 12ull + 8);
            return format == 12 ? start_glyph + codepoint - start_char : start_glyph;
        }
    }
    return 0;
}

// ---- 5. Glyph outlines ---------------------------------------------------------------------------------------------
// stb_truetype draws a composite glyph by drawing its parts, recursively and without limit: a glyph that contains
// itself would never end, and deep sharing multiplies the work. These bound what one character may cost.
constexpr int kDeepestComposite = 8;
constexpr uint64_t kMostPartsPerGlyph = 1000;
constexpr uint64_t kMostPointsPerGlyph = 100000;
// ImGui sizes a glyph's bitmap from its box: a box many lines tall is damage (DejaVu's largest is about 1.3).
constexpr int kLargestBoxInLines = 4;

// What drawing a glyph costs, and where its outline's points lie as stb_truetype computes them.
struct Outline {
    uint64_t parts = 1, points = 0;
    bool empty = true;
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    void Add(int x, int y) {
        if (empty) {
            x0 = x1 = x;
            y0 = y1 = y;
            empty = false;
        }
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    }
};

class GlyphChecker {
public:
    GlyphChecker(const Bytes& b, const std::map<std::string, Table>& tables, const Metrics& m)
        : m_b(b), m_tables(tables), m_m(m) {}

    // Checks glyph `g` and every glyph it is made of.
    Outline Check(uint32_t g, int depth = 0) {
        if (g >= m_m.glyph_count) throw Refused{"it refers to glyph " + std::to_string(g) + ", past its last glyph"};
        if (const auto done = m_checked.find(g); done != m_checked.end()) return done->second;
        if (depth > kDeepestComposite || m_in_progress.count(g))
            throw Refused{"glyph " + std::to_string(g) + " is made of itself, or of parts nested too deep"};
        m_in_progress.insert(g);
        const Outline outline = CheckOutline(g, depth);
        m_in_progress.erase(g);
        m_checked[g] = outline;
        return outline;
    }

private:
    Outline CheckOutline(uint32_t g, int depth) {
        const auto [start, end] = GlyphExtent(m_b, m_tables, m_m, g);
        if (start == end) return Outline{};  // an empty glyph (a space)
        const std::string which = "glyph " + std::to_string(g);
        if (end - start < 10) throw Refused{which + " is cut short"};
        const int x_min = m_b.I16(start + 2), y_min = m_b.I16(start + 4), x_max = m_b.I16(start + 6),
                  y_max = m_b.I16(start + 8);
        const int largest = kLargestBoxInLines * m_m.line_height;
        if (x_min > x_max || y_min > y_max || x_max - x_min > largest || y_max - y_min > largest)
            throw Refused{which + " has an impossible size"};
        const int16_t contours = m_b.I16(start);
        Outline outline;
        if (contours > 0) outline = CheckSimple(start, end, contours, which);
        if (contours < 0) outline = CheckComposite(start, end, depth, which);
        // ImGui makes the glyph's bitmap from this box, and stb_truetype's rasterizer asserts when an outline
        // reaches above the top of its bitmap: every point, on or off the curve, must lie inside the box.
        if (!outline.empty && (outline.x0 < x_min || outline.x1 > x_max || outline.y0 < y_min || outline.y1 > y_max))
            throw Refused{which + "'s outline reaches outside its box"};
        return outline;
    }

    // Contours' end points, instructions, flags (with repeats), then x and y coordinates of 1 or 2 bytes each,
    // each a change from the point before, summed as stb_truetype sums them.
    Outline CheckSimple(uint64_t start, uint64_t end, int16_t contours, const std::string& which) {
        const Refused cut{which + " is cut short"};
        const uint64_t ends_at = start + 10;
        if (ends_at + 2ull * contours + 2 > end) throw cut;
        std::vector<uint32_t> contour_ends(static_cast<size_t>(contours));
        for (int c = 0; c < contours; ++c) {
            contour_ends[size_t(c)] = m_b.U16(ends_at + 2ull * c);
            // stb_truetype finds the next contour's start by counting up to it: the ends must climb.
            if (c > 0 && contour_ends[size_t(c)] <= contour_ends[size_t(c) - 1])
                throw Refused{which + " has contours out of order"};
        }
        const uint32_t points = contour_ends.back() + 1;
        uint64_t at = ends_at + 2ull * contours + 2 + m_b.U16(ends_at + 2ull * contours);  // skip instructions
        std::vector<uint8_t> flags(points);
        uint8_t flag = 0, repeat = 0;
        for (uint32_t i = 0; i < points; ++i) {
            if (repeat == 0) {
                if (at >= end) throw cut;
                flag = m_b.U8(at++);
                if (flag & 8) {
                    if (at >= end) throw cut;
                    repeat = m_b.U8(at++);
                }
            } else {
                --repeat;
            }
            flags[i] = flag;
        }
        std::vector<int16_t> xs(points), ys(points);
        for (int axis = 0; axis < 2; ++axis) {
            const uint8_t short_bit = axis ? 4 : 2, same_bit = axis ? 32 : 16;
            // Summed modulo 2^32 (stb_truetype sums in an int32 and keeps the low 16 bits), so no overflow.
            uint32_t v = 0;
            for (uint32_t i = 0; i < points; ++i) {
                if (flags[i] & short_bit) {
                    if (at >= end) throw cut;
                    const uint32_t delta = m_b.U8(at++);
                    v = (flags[i] & same_bit) ? v + delta : v - delta;
                } else if (!(flags[i] & same_bit)) {
                    if (at + 2 > end) throw cut;
                    v += static_cast<uint32_t>(static_cast<int32_t>(m_b.I16(at)));
                    at += 2;
                }
                (axis ? ys : xs)[i] = static_cast<int16_t>(static_cast<uint16_t>(v));
            }
        }
        // A contour that starts off the curve makes stb_truetype read its next point: a one-point contour
        // off the curve has none (past the end of its array, for the last contour).
        uint32_t first = 0;
        for (const uint32_t last : contour_ends) {
            if (last == first && !(flags[first] & 1)) throw Refused{which + " has a contour of one point"};
            first = last + 1;
        }
        Outline outline;
        outline.points = points;
        for (uint32_t i = 0; i < points; ++i) outline.Add(xs[i], ys[i]);
        return outline;
    }

    // Parts, each: flags, glyph index, an offset of 2 or 4 bytes, then no scale, one, two or a 2x2 matrix.
    Outline CheckComposite(uint64_t start, uint64_t end, int depth, const std::string& which) {
        Outline outline;
        uint64_t at = start + 10;
        bool more = true;
        while (more) {
            if (at + 4 > end) throw Refused{which + " is cut short"};
            const uint16_t flags = m_b.U16(at);
            const uint16_t part = m_b.U16(at + 2);
            at += 4;
            // Without ARGS_ARE_XY_VALUES a part is placed by matching points, which stb_truetype asserts on.
            if (!(flags & 2)) throw Refused{which + " places its parts in a way that cannot be drawn"};
            float mtx[6] = {1, 0, 0, 1, 0, 0};
            const uint64_t args = at;
            at += (flags & 1) ? 4 : 2;
            const uint64_t scale = at;
            if (flags & 8) at += 2;
            else if (flags & 0x40) at += 4;
            else if (flags & 0x80) at += 8;
            if (at > end) throw Refused{which + " is cut short"};
            if (flags & 1) {
                mtx[4] = m_b.I16(args);
                mtx[5] = m_b.I16(args + 2);
            } else {
                mtx[4] = static_cast<int8_t>(m_b.U8(args));
                mtx[5] = static_cast<int8_t>(m_b.U8(args + 1));
            }
            const auto f2dot14 = [&](uint64_t offset) { return m_b.I16(scale + offset) / 16384.0f; };
            if (flags & 8) {
                mtx[0] = mtx[3] = f2dot14(0);
                mtx[1] = mtx[2] = 0;
            } else if (flags & 0x40) {
                mtx[0] = f2dot14(0);
                mtx[1] = mtx[2] = 0;
                mtx[3] = f2dot14(2);
            } else if (flags & 0x80) {
                mtx[0] = f2dot14(0);
                mtx[1] = f2dot14(2);
                mtx[2] = f2dot14(4);
                mtx[3] = f2dot14(6);
            }
            const Outline inner = Check(part, depth + 1);
            outline.parts += inner.parts;
            outline.points += inner.points;
            if (outline.parts > kMostPartsPerGlyph || outline.points > kMostPointsPerGlyph)
                throw Refused{which + " is made of too many parts"};
            if (!inner.empty) {
                // stb_truetype's placement of a part, in float as it computes it. Each coordinate grows or shrinks
                // with x and with y, so the part's extremes come from the corners of its box.
                const float m = std::sqrt(mtx[0] * mtx[0] + mtx[1] * mtx[1]);
                const float n = std::sqrt(mtx[2] * mtx[2] + mtx[3] * mtx[3]);
                for (const int x : {inner.x0, inner.x1}) {
                    for (const int y : {inner.y0, inner.y1}) {
                        const float fx = static_cast<float>(x), fy = static_cast<float>(y);
                        const float px = m * (mtx[0] * fx + mtx[2] * fy + mtx[4]);
                        const float py = n * (mtx[1] * fx + mtx[3] * fy + mtx[5]);
                        // Outside 16 bits the conversion to a point would be undefined: refused as outside the box.
                        if (!(std::fabs(px) < 32767.0f && std::fabs(py) < 32767.0f))
                            throw Refused{which + "'s outline reaches outside its box"};
                        outline.Add(static_cast<int16_t>(px), static_cast<int16_t>(py));
                    }
                }
            }
            more = (flags & 0x20) != 0;
        }
        return outline;
    }

    const Bytes& m_b;
    const std::map<std::string, Table>& m_tables;
    const Metrics& m_m;
    std::map<uint32_t, Outline> m_checked;
    std::set<uint32_t> m_in_progress;
};

}  // namespace

// ---- 6. FontProblem -------------------------------------------------------------------------------------------
std::string FontProblem(const std::vector<unsigned char>& font, const CodepointRanges& ranges) {
    const Bytes b(font);
    try {
        const auto tables = ReadDirectory(b);
        const Metrics m = ReadFixedTables(b, tables);
        const uint64_t index_map = ChosenCharacterMap(b, tables.at("cmap"));
        std::vector<std::pair<uint32_t, uint32_t>> glyph_of;  // code point, glyph (0: none), as stb_truetype finds it
        size_t found = 0;
        GlyphChecker glyphs(b, tables, m);
        for (const auto& [first, last] : ranges) {
            for (uint64_t c = first; c <= last && c <= 0x10FFFF; ++c) {
                uint32_t glyph = 0;
                try {
                    glyph = LookUp(b, index_map, static_cast<uint32_t>(c));
                } catch (const OutOfBounds&) {
                    throw Refused{"its Unicode character map runs past the end of the file"};
                }
                glyph_of.emplace_back(static_cast<uint32_t>(c), glyph);
                if (glyph == 0) continue;  // not in this font: ImGui skips it
                if (glyph >= m.glyph_count) throw Refused{"its Unicode character map points past its last glyph"};
                glyphs.Check(glyph);
                ++found;
            }
        }
        if (found == 0) throw Refused{"it has none of the characters cop-kiosk shows"};
        // Everything stb_truetype will read is inside the file: now ask it, and make sure it finds the same glyphs.
        stbtt_fontinfo info{};
        if (!stbtt_InitFont(&info, font.data(), 0)) throw Refused{"the font library cannot read it"};
        for (const auto& [c, glyph] : glyph_of)
            if (static_cast<uint32_t>(stbtt_FindGlyphIndex(&info, static_cast<int>(c))) != glyph)
                throw Refused{"the font library reads its character map differently"};
        return "";
    } catch (const Refused& refused) {
        return refused.reason;
    } catch (const OutOfBounds&) {
        return "it is cut short: a table runs past the end of the file";
    }
}

}  // namespace kiosk
