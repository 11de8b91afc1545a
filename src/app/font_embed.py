#!/usr/bin/env python3
"""Subset the app's fonts to the glyphs the UI draws and write them as a C++ header (build tree only, never git).

usage: font_embed.py <latin.ttf> <cjk.ttf> <i18n.cpp> <out.h> <out_dir> <source dir>...

- Latin: DejaVu Sans cut to what a user may type (printable ASCII and Latin-1, BASE_RANGES) plus every other
  character below U+3000 that a string literal of the source dirs (src/app, src/core) uses: Greek letters, dashes,
  operators, check marks. The list goes into app_font.h as kAppLatinRanges, so a new symbol in a string is baked
  without edits. (The whole Greek/arrow/math blocks were 758 glyphs and 36 KB of gzip; the used ones are ~20.)
- CJK, in two subsets of Droid Sans Fallback (fonts-droid-fallback): the few characters drawn in English mode too
  (embedded: the language button's "中文", a seed citation; see drawn_in_english; the core's Chinese labels for the
  CLI were 95 characters and 11 KB of gzip here, drawn by no English page), and the full one, app_font_cjk.ttf and
  app_font_cjk.h, which the served page loads only when the UI is Chinese (dist/llmcalc-zh.ttf) and the offline
  page embeds. The full subset is restricted to the characters of the Chinese strings of the sources (every
  character at or above U+3000 in the string literals of i18n.cpp and the source dirs), merged into ImGui's atlas
  with kAppCjkRanges, which this script writes from the same character list. A string added to the table is
  therefore drawable without edits.
The subset files and ranges.json are what tools/check_glyphs.py (ctest glyph_coverage) reads.
"""
import io
import json
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

# Printable ASCII and Latin-1 (what users type into names and fields), and U+2026 (ImGui's ellipsis for clipped text).
BASE_RANGES = [(0x0020, 0x007E), (0x00A0, 0x00FF), (0x2026, 0x2026)]
# DejaVu draws on a 2048-unit em. The atlas is baked at most at 16 px x dpr 3 = 48 px per em, where a 512-unit
# grid is still 1/10 px: the outlines are rescaled to it (smaller coordinate deltas, 1.7 KB less gzip). Droid Sans
# Fallback already uses 256 units and is left as it is.
LATIN_UNITS_PER_EM = 512
CJK_FIRST = 0x3000  # CJK symbols and punctuation, ideographs, fullwidth forms: drawn from the CJK font

STRING_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
COMMENT_OR_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*|/\*.*?\*/', re.S)


def literals(path):
    """Every C++ string literal of a source file (escapes left as written: they are ASCII)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # comments may quote strings that are not UI text; a "//" inside a string (a URL) is not a comment
    text = COMMENT_OR_QUOTED.sub(lambda m: m.group(0) if m.group(0)[0] in "\"'" else " ", text)
    return STRING_LITERAL.findall(text)


def cjk_chars(i18n_cpp):
    return sorted({ord(c) for s in literals(i18n_cpp) for c in s if ord(c) >= CJK_FIRST})


def source_files(source_dirs):
    return [os.path.join(d, n) for d in source_dirs for n in sorted(os.listdir(d)) if n.endswith((".cpp", ".hpp"))]


def latin_chars(source_dirs):
    """BASE_RANGES plus every character in [U+0100, U+3000) of a string literal in the sources."""
    chars = {c for lo, hi in BASE_RANGES for c in range(lo, hi + 1)}
    for path in source_files(source_dirs):
        chars.update(ord(c) for s in literals(path) for c in s if 0x100 <= ord(c) < CJK_FIRST)
    return sorted(chars)


def drawn_in_english(path, literal, i18n_cpp):
    """Whether the Chinese characters of a string literal can be drawn while the UI is English (so must be in the
    always-embedded base subset): a literal of the app's own sources outside the i18n table (the language button's
    "中文", its tooltip), or a seed citation anywhere (src/core/sources.hpp: the seed articles' Chinese titles, cited in
    either language). Every other Chinese literal of the core is Chinese-language text (the CLI's `--explain --lang zh`
    labels, the 万/亿 suffixes a user types), which the app draws only with the full subset loaded."""
    if os.path.abspath(path) == os.path.abspath(i18n_cpp):
        return False
    return (os.path.dirname(os.path.abspath(path)) == os.path.dirname(os.path.abspath(i18n_cpp))
            or "seed " in literal or os.path.basename(path) == "sources.hpp")


def cjk_base_chars(source_dirs, i18n_cpp):
    """The Chinese characters drawn whatever the language (drawn_in_english)."""
    chars = set()
    for path in source_files(source_dirs):
        chars.update(ord(c) for s in literals(path) if drawn_in_english(path, s, i18n_cpp)
                     for c in s if ord(c) >= CJK_FIRST)
    return sorted(chars)


def cjk_other_chars(source_dirs, i18n_cpp):
    """The Chinese characters of the other literals outside the i18n table: in the full subset only."""
    chars = set()
    for path in source_files(source_dirs):
        if os.path.abspath(path) != os.path.abspath(i18n_cpp):
            chars.update(ord(c) for s in literals(path) for c in s if ord(c) >= CJK_FIRST)
    return sorted(chars)


def ranges_decl(name, ranges):
    return "static const unsigned short %s[] = {%s, 0};  // ImWchar (16-bit)\n" % (
        name, ", ".join("0x%04X, 0x%04X" % (lo, hi) for lo, hi in ranges))


def to_ranges(codepoints):
    out = []
    for c in codepoints:
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return out


def subset_font(path, unicodes, font_number=0, units_per_em=None):
    font = TTFont(path, fontNumber=font_number)
    options = subset.Options()
    options.layout_features = []  # ImGui draws glyph by glyph: no kerning/ligature tables needed
    options.hinting = False       # stb_truetype ignores hinting; dropping it halves the size
    options.name_IDs = [0, 1, 2]  # keep copyright, family, style (the license notice travels with the font)
    # Tables stb_truetype never reads for ImGui (no kerning, shaping, math layout, vertical metrics or gasp).
    options.drop_tables += ["GDEF", "GPOS", "GSUB", "MATH", "gasp", "vhea", "vmtx", "FFTM"]
    options.font_number = font_number
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    if units_per_em and font["head"].unitsPerEm > units_per_em:
        scale_upem(font, units_per_em)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def c_array(name, data):
    lines = ["    " + ",".join(str(b) for b in data[i:i + 24]) + "," for i in range(0, len(data), 24)]
    return "static const unsigned char %s[%d] = {\n%s\n};\n" % (name, len(data), "\n".join(lines))


def main() -> None:
    if len(sys.argv) < 7:
        sys.exit(__doc__)
    latin_src, cjk_src, i18n_cpp, out, out_dir = sys.argv[1:6]
    latin_list = latin_chars(sys.argv[6:])
    latin = subset_font(latin_src, latin_list, units_per_em=LATIN_UNITS_PER_EM)
    latin_ranges = to_ranges(latin_list)
    base_chars = cjk_base_chars(sys.argv[6:], i18n_cpp)
    base = subset_font(cjk_src, base_chars, 0)
    base_ranges = to_ranges(base_chars)
    chars = sorted(set(cjk_chars(i18n_cpp)) | set(cjk_other_chars(sys.argv[6:], i18n_cpp)))
    cjk = subset_font(cjk_src, chars, 0)
    cjk_ranges = to_ranges(chars)
    with open(out, "w", encoding="ascii") as f:
        f.write("// Generated by src/app/font_embed.py from %s and %s: do not edit, not in git.\n"
                % (latin_src.rsplit("/", 1)[-1], cjk_src.rsplit("/", 1)[-1]))
        f.write("// DejaVu fonts: Bitstream Vera license + public domain changes (fonts-dejavu-core copyright).\n")
        f.write("// Droid Sans Fallback: Apache-2.0 (fonts-droid-fallback copyright).\n")
        f.write("#pragma once\n\n")
        f.write(c_array("kAppFontTtf", latin))
        f.write("// Latin-1 and the other non-CJK characters of the sources' strings (%d), as ImGui glyph ranges.\n"
                % len(latin_list))
        f.write(ranges_decl("kAppLatinRanges", latin_ranges))
        f.write("// The Chinese characters drawn in English too (%d): always embedded.\n" % len(base_chars))
        f.write(c_array("kAppCjkBaseTtf", base))
        f.write(ranges_decl("kAppCjkBaseRanges", base_ranges))
        f.write("// Every Chinese character of the UI (%d): the font with them all is app_font_cjk.ttf, served as\n"
                "// llmcalc-zh.ttf and loaded when the UI is Chinese (embedded only in the offline page).\n" % len(chars))
        f.write(ranges_decl("kAppCjkRanges", cjk_ranges))
    with open(os.path.join(out_dir, "app_font_cjk.h"), "w", encoding="ascii") as f:
        f.write("// Generated by src/app/font_embed.py from %s: do not edit, not in git.\n" % cjk_src.rsplit("/", 1)[-1])
        f.write("// Droid Sans Fallback: Apache-2.0 (fonts-droid-fallback copyright).\n#pragma once\n\n")
        f.write(c_array("kAppCjkFontTtf", cjk))
    with open(os.path.join(out_dir, "app_font_latin.ttf"), "wb") as f:
        f.write(latin)
    with open(os.path.join(out_dir, "app_font_cjk.ttf"), "wb") as f:
        f.write(cjk)
    with open(os.path.join(out_dir, "app_font_cjk_base.ttf"), "wb") as f:
        f.write(base)
    with open(os.path.join(out_dir, "app_font_ranges.json"), "w", encoding="ascii") as f:
        json.dump({"latin": latin_ranges, "cjk": cjk_ranges, "cjk_base": base_ranges}, f)
    print("font subsets: latin %d bytes (%d characters), cjk base %d bytes (%d), cjk %d bytes (%d) -> %s"
          % (len(latin), len(latin_list), len(base), len(base_chars), len(cjk), len(chars), out))


if __name__ == "__main__":
    main()
