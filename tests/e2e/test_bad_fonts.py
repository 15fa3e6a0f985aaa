"""Missing and damaged font files: the program starts anyway, with a warning in words.

The program loads assets/fonts/DejaVuSans.ttf and DejaVuSans-Bold.ttf (COPK_ASSETS_DIR points at a copy of
assets/ for each case). Each case damages one or both files: the regular font missing; random bytes (seeded);
a text file named .ttf; the bold font cut to a third of its length; a TrueType file whose table directory points
past the end of the file; a glyph's outline that reaches outside its box (stb_truetype, which ImGui uses, asserts
on it while drawing); and both files damaged at once. Fed to ImGui unchecked, every damaged file here aborted or
crashed the program (stb_truetype trusts every offset in the file). Now each case must:
- start and draw the home screen with the same interactive items as with good fonts (the fallback font is used);
- show the warning, naming the file and what is wrong with it (checked in the layout dump's readouts) and say
  the same on stderr;
- leave every font file byte-identical (sha256), and end with exit code 0 on SIGTERM.
With the good fonts there is no warning. Screenshots: COPK_ARTIFACTS_DIR/test_bad_fonts/.
"""

import os
import pathlib
import random
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, run_cli, run_main,  # noqa: E402
                          sha256)

SOURCE = pathlib.Path(os.environ.get("COPK_SOURCE_ROOT") or pathlib.Path(__file__).resolve().parents[2])
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
FALLBACK = "A plain fallback font is used (no accents): reinstall cop-kiosk or restore its assets/fonts folder."


# ---- Damage ----------------------------------------------------------------------------------------------------
def directory(font):
    """{tag: (offset of its directory entry, table offset, table length)} of a TrueType file."""
    (count,) = struct.unpack(">H", font[4:6])
    tables = {}
    for i in range(count):
        record = 12 + 16 * i
        tag = font[record:record + 4].decode("latin-1")
        _, offset, length = struct.unpack(">III", font[record + 4:record + 16])
        tables[tag] = (record, offset, length)
    return tables


def remove(path):
    path.unlink()


def random_bytes(path):
    size = path.stat().st_size
    path.write_bytes(random.Random(20260601).randbytes(size))


def text_file(path):
    path.write_text("DejaVu Sans\nThis file was saved by a text editor, not a font.\n", encoding="utf-8")


def cut_to_a_third(path):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 3])


def table_past_end(path):
    """The 'glyf' table's directory entry says it starts 100 bytes before the end of the file."""
    font = bytearray(path.read_bytes())
    record, _, _ = directory(font)["glyf"]
    struct.pack_into(">I", font, record + 8, len(font) - 100)
    path.write_bytes(bytes(font))


def outline_outside_box(path):
    """The glyph of 'g' gets a box that ends at the baseline while its outline rises above it. ImGui sizes the
    glyph's bitmap from the box, and stb_truetype then meets edges above the bitmap's top row, and asserts."""
    font = bytearray(path.read_bytes())
    tables = directory(font)
    _, head, _ = tables["head"]
    (long_offsets,) = struct.unpack(">h", font[head + 50:head + 52])
    glyph = glyph_of(font, tables, ord("g"))
    _, loca, _ = tables["loca"]
    if long_offsets:
        (start,) = struct.unpack(">I", font[loca + 4 * glyph:loca + 4 * glyph + 4])
    else:
        (start,) = struct.unpack(">H", font[loca + 2 * glyph:loca + 2 * glyph + 2])
        start *= 2
    _, glyf, _ = tables["glyf"]
    at = glyf + start
    contours, _, _, _, y_max = struct.unpack(">hhhhh", font[at:at + 10])
    check(contours > 0 and y_max > 0, "DejaVu's 'g' was expected to be a simple glyph above the baseline")
    struct.pack_into(">h", font, at + 8, 0)
    path.write_bytes(bytes(font))


def glyph_of(font, tables, codepoint):
    """The glyph of a character through the font's format 4 Unicode character map."""
    _, cmap, _ = tables["cmap"]
    (count,) = struct.unpack(">H", font[cmap + 2:cmap + 4])
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", font[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
        sub = cmap + offset
        if (platform, encoding) == (3, 1) and struct.unpack(">H", font[sub:sub + 2])[0] == 4:
            (segments,) = struct.unpack(">H", font[sub + 6:sub + 8])
            segments //= 2
            ends = sub + 14
            starts = ends + 2 * segments + 2
            deltas = starts + 2 * segments
            range_offsets = deltas + 2 * segments
            for s in range(segments):
                (end,) = struct.unpack(">H", font[ends + 2 * s:ends + 2 * s + 2])
                (begin,) = struct.unpack(">H", font[starts + 2 * s:starts + 2 * s + 2])
                if begin <= codepoint <= end:
                    (delta,) = struct.unpack(">h", font[deltas + 2 * s:deltas + 2 * s + 2])
                    (range_offset,) = struct.unpack(">H", font[range_offsets + 2 * s:range_offsets + 2 * s + 2])
                    if range_offset == 0:
                        return (codepoint + delta) & 0xFFFF
                    at = range_offsets + 2 * s + range_offset + 2 * (codepoint - begin)
                    (glyph,) = struct.unpack(">H", font[at:at + 2])
                    return (glyph + delta) & 0xFFFF if glyph else 0
    raise AssertionError("no format 4 Windows Unicode map in the font")


# (case, {file: damage}, {file: what the warning must say about it})
CASES = [
    ("missing", {REGULAR: remove}, {REGULAR: "is missing."}),
    ("random-bytes", {REGULAR: random_bytes}, {REGULAR: "cannot be used: it is not a TrueType font file."}),
    ("text-file", {REGULAR: text_file}, {REGULAR: "cannot be used: it is not a TrueType font file."}),
    ("bold-cut-short", {BOLD: cut_to_a_third}, {BOLD: "cannot be used: its table"}),
    ("table-past-end", {REGULAR: table_past_end},
     {REGULAR: "cannot be used: its table 'glyf' runs past the end of the file."}),
    ("outline-outside-box", {REGULAR: outline_outside_box}, {REGULAR: "outline reaches outside its box."}),
    ("both-damaged", {REGULAR: random_bytes, BOLD: table_past_end},
     {REGULAR: "it is not a TrueType font file", BOLD: "its table 'glyf' runs past the end of the file"}),
]


def make_assets(root, case, damage):
    assets = root / case
    shutil.copytree(SOURCE / "assets", assets)
    for name, damage_it in damage.items():
        damage_it(assets / "fonts" / name)
    return assets


def font_sums(assets):
    return {p.name: sha256(p) for p in sorted((assets / "fonts").iterdir())}


def readout(dump, readout_id):
    for entry in dump.get("readouts", []):
        if entry["id"] == readout_id:
            return entry["label"]
    return None


def run_case(binary, x, db, work, art, case, assets, expect=None):
    """Starts on the home screen with these assets; returns (the home screen's item ids, the warning)."""
    before = font_sums(assets)
    env = dict(os.environ, COPK_ASSETS_DIR=str(assets))
    kiosk = Kiosk(binary, x, db, work, size="1280x720", name=case, env=env)
    try:
        kiosk.start()
        kiosk.wait_for_item("community.0.outcome", screen="home")
        if expect is not None:  # readouts are listed from the first frame the window is visible
            kiosk.wait_for_dump(lambda d: readout(d, "fonts.warning"), "the fonts.warning readout")
        kiosk.find_window()
        kiosk.screenshot(art / ("%s-home-1280x720.png" % case))
        warning = readout(kiosk.layout(), "fonts.warning")
        check(kiosk.alive(), "%s: the program exited after drawing the home screen: %s"
              % (case, kiosk.stderr_text().strip()[-1500:]))
        ids = kiosk.ids()
        code, _ = kiosk.terminate()
        check(code == 0, "%s: SIGTERM gave exit code %s; output: %s" % (case, code, kiosk.stderr_text().strip()))
        output = kiosk.stderr_text()
    finally:
        kiosk.cleanup()
        if (work / ("%s-stderr.txt" % case)).exists():
            shutil.copy(work / ("%s-stderr.txt" % case), art / ("%s-stderr.txt" % case))
    check(font_sums(assets) == before, "%s: the program changed a font file" % case)
    if expect is not None:
        check(warning, "%s: no fonts.warning readout on the home screen" % case)
        for name, says in expect.items():
            path = str(assets / "fonts" / name)
            check(path + " " in warning and says in warning, "%s: the warning should name %s and say %r; it is %r"
                  % (case, path, says, warning))
        check(warning.endswith(FALLBACK), "%s: the warning should end %r; it is %r" % (case, FALLBACK, warning))
        check(warning in output, "%s: the warning is not on stderr; stderr is %r" % (case, output))
    return ids, warning


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_bad_fonts")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-fonts-"))
    try:
        db = work / "demo.db"
        result = run_cli(binary, ["demo", "--db", str(db)])
        check(result.returncode == 0, "demo failed: %s" % result.stderr.strip())
        with XServer(log_dir=str(art)) as x:
            good = make_assets(work, "good", {})
            good_ids, warning = run_case(binary, x, db, work, art, "good", good)
            # The fonts are built, and any warning written to stderr, before the first frame is drawn.
            output = (art / "good-stderr.txt").read_text(errors="replace")
            check(warning is None and "font" not in output, "good fonts: unexpected warning %r, stderr %r"
                  % (warning, output))
            print("good fonts: home screen, %d items, no warning" % len(good_ids))
            for case, damage, expect in CASES:
                assets = make_assets(work, case, damage)
                ids, warning = run_case(binary, x, db, work, art, case, assets, expect)
                check(ids == good_ids, "%s: the home screen lists %s, with good fonts %s" % (case, ids, good_ids))
                print("%s: home screen with the fallback font, fonts unchanged, SIGTERM -> 0; warning: %s"
                      % (case, warning))
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)
