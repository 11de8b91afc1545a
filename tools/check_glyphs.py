#!/usr/bin/env python3
"""Glyph coverage of the app's UI strings (ctest glyph_coverage; run by ./run-tests.sh wasm).

usage: check_glyphs.py <generated dir> <source dir>... [--extra-codepoint 0xNNNN]

Reads the subset fonts that font_embed.py wrote (app_font_latin.ttf, app_font_cjk.ttf, app_font_ranges.json) and
checks that every character of every string literal in the given source folders (*.cpp: the panels' literals, the
English and Chinese of the i18n table, the core's notes, errors and explanations) is (a) in the cmap of one of the two
subsets and (b) inside the glyph ranges ImGui is told to bake for that font (else ImGui draws '?'). It also checks that
every tr("literal") in the app has a Chinese entry in i18n.cpp. Exits 1 listing what is missing.
--extra-codepoint adds a character to the checked set (the test that proves the check can fail).
"""
import glob
import json
import os
import re
import sys

from fontTools.ttLib import TTFont

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "app"))
from font_embed import drawn_in_english  # noqa: E402  (the one rule for which characters English mode draws)

STRING_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
COMMENT_OR_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*|/\*.*?\*/', re.S)
TR_CALL = re.compile(r'\btr\("((?:[^"\\\n]|\\.)*)"\)')
ENTRY = re.compile(r'\{"((?:[^"\\\n]|\\.)*)",\s*"((?:[^"\\\n]|\\.)*)"\}')


def strip_comments(text):
    """Comments out, string and character literals kept (a "//" inside a URL string is not a comment)."""
    return COMMENT_OR_QUOTED.sub(lambda m: m.group(0) if m.group(0)[0] in "\"'" else " ", text)


def in_ranges(c, ranges):
    return any(lo <= c <= hi for lo, hi in ranges)


def main():
    args = sys.argv[1:]
    extra = []
    if "--extra-codepoint" in args:
        i = args.index("--extra-codepoint")
        extra.append(int(args[i + 1], 16))
        del args[i:i + 2]
    gen, sources = args[0], args[1:]
    latin = set(TTFont(os.path.join(gen, "app_font_latin.ttf")).getBestCmap())
    cjk = set(TTFont(os.path.join(gen, "app_font_cjk.ttf")).getBestCmap())
    cjk_base = set(TTFont(os.path.join(gen, "app_font_cjk_base.ttf")).getBestCmap())
    with open(os.path.join(gen, "app_font_ranges.json")) as f:
        ranges = json.load(f)

    i18n_cpp = next((p for d in sources for p in glob.glob(os.path.join(d, "i18n.cpp"))), "i18n.cpp")
    used = {}  # codepoint -> first file that uses it
    always = {}  # Chinese characters drawn in English mode too (font_embed.drawn_in_english): the embedded base subset
    tr_keys = set()
    table = {}
    for d in sources:
        for path in sorted(glob.glob(os.path.join(d, "*.cpp")) + glob.glob(os.path.join(d, "*.hpp"))):
            with open(path, encoding="utf-8") as f:
                text = strip_comments(f.read())
            for s in STRING_LITERAL.findall(text):
                for ch in s:
                    used.setdefault(ord(ch), os.path.basename(path))
                    if ord(ch) >= 0x3000 and drawn_in_english(path, s, i18n_cpp):
                        always.setdefault(ord(ch), os.path.basename(path))
            if os.path.basename(path) == "i18n.cpp":
                table.update(ENTRY.findall(text))
            else:
                tr_keys.update(TR_CALL.findall(text))
    for c in extra:
        used.setdefault(c, "--extra-codepoint")

    problems = []
    for c, where in sorted(used.items()):
        if c < 0x20:
            continue
        ok = (c in latin and in_ranges(c, ranges["latin"])) or (c in cjk and in_ranges(c, ranges["cjk"]))
        if not ok:
            problems.append("no glyph for U+%04X %r (used in %s)" % (c, chr(c), where))
    for c, where in sorted(always.items()):
        if not (c in cjk_base and in_ranges(c, ranges["cjk_base"])):
            problems.append("U+%04X %r (used in %s, drawn in English mode) is not in the embedded CJK base subset"
                            % (c, chr(c), where))
    for k in sorted(tr_keys - set(table)):
        problems.append('tr("%s") has no entry in i18n.cpp' % k)
    if not table:
        problems.append("no entries found in i18n.cpp")
    print("checked %d distinct characters, %d tr() literals, %d table entries" % (len(used), len(tr_keys), len(table)))
    for p in problems:
        print("MISSING: " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
