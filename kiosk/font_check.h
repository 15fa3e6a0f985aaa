// Checks a font file's bytes before Dear ImGui is given them. ImGui hands the file to stb_truetype, which trusts
// every offset in it: a truncated or damaged font makes it read past the end of the file (a crash, or garbage),
// and a few malformed tables trip its asserts (an abort). This check follows what stb_truetype reads for the
// characters we ask for, so a font it accepts can be drawn; it refuses anything else with a reason in words.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kiosk {

// Inclusive ranges of Unicode code points, as ImGui's glyph ranges list them.
using CodepointRanges = std::vector<std::pair<unsigned, unsigned>>;

// Why `font` (a whole .ttf file) must not be handed to ImGui for the characters in `ranges`, as a clause that
// follows "The font file X cannot be used: " (e.g. "its table 'glyf' runs past the end of the file");
// empty when it may.
std::string FontProblem(const std::vector<unsigned char>& font, const CodepointRanges& ranges);

}  // namespace kiosk
