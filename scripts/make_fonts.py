"""Make the cards' fonts (statement_site/fonts/) from Debian's Noto packages, the same bytes on
every run. statement_site/fonts/README.md says which packages and how to fetch them:

    .venv/bin/python scripts/make_fonts.py NOTO_FONTS_FOLDER   # the packages' usr/share/fonts

Three families, each in Regular and Bold (cards.py draws the main words in bold):
- NotoSans: the Latin script (Basic Latin, Latin-1, Latin Extended-A, Romanian ș ț, Vietnamese),
  General Punctuation, € and a few signs, without layout tables: what cards.py draws with
  Pillow's basic layout, which needs no system library;
- NotoSansScripts: Noto Sans's Latin, Greek and Cyrillic, and the Noto Sans of each script in
  SCRIPTS, merged into one font with their layout tables (joined Arabic letters, Indic
  conjuncts, Thai and Khmer marks), which cards.py shapes with Raqm: one font for a line, so
  that Raqm orders the runs of both directions and shapes each by its script;
- NotoSansCJK: Noto Sans CJK's Simplified Chinese face, which holds every region's forms of the
  ideographs (its `locl` feature gives the Japanese, Korean and Traditional Chinese ones for the
  card's language), cut to the common characters of each language, as the standard character
  sets of Python's own codecs list them (CJK_SETS), with ASCII and punctuation.
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.merge import Options as MergeOptions
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "statement_site" / "fonts"
WEIGHTS = ("Regular", "Bold")
LATIN = "U+0020-007E,U+00A0-017F,U+01A0-01A1,U+01AF-01B0,U+0218-021B,U+1EA0-1EF9,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2260,U+2264-2265"
# Latin, Greek, Cyrillic and the signs every script's text uses, and the dotted circle that
# shows a mark written alone.
WORLD_LATIN = "U+0020-024F,U+0259,U+02B0-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20C0,U+2100-215F,U+2190-2193,U+2212,U+2260,U+2264-2265,U+25CC"
# The scripts of the languages the statement may be translated into, each with its own Noto
# Sans in both weights (fonts-noto-core).
SCRIPTS = (
    "Arabic", "Hebrew", "Thaana", "Armenian", "Georgian", "Ethiopic",
    "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
    "Thai", "Lao", "Khmer", "Myanmar",
)  # fmt: skip
CJK_FACE = 2  # Noto Sans CJK SC in NotoSansCJK-*.ttc (JP 0, KR 1, SC 2, TC 3, HK 4)
# The common characters of each language, as the standard character sets name them: (codec,
# first byte's rows, second byte's range). GB 2312: all 6,763 hanzi and its signs; JIS X 0208:
# both levels' 6,355 kanji, kana and signs; KS X 1001: the 2,350 Hangul syllables and signs;
# Big5: the 5,401 hanzi of common use.
CJK_SETS = (
    ("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF)),
    ("euc_jp", range(0xA1, 0xF5), range(0xA1, 0xFF)),
    ("euc_kr", range(0xA1, 0xC9), range(0xA1, 0xFF)),
    ("big5", range(0xA1, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
)
CJK_MORE = "U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-30FF,U+FF00-FFEF"
# Horizontal text only: no vertical forms.
CJK_FEATURES = "ccmp,locl,kern"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fonts", type=Path, help="the fonts folder of fonts-noto-core and fonts-noto-cjk (usr/share/fonts)")
    noto = parser.parse_args().fonts
    truetype, opentype = noto / "truetype" / "noto", noto / "opentype" / "noto"
    for weight in WEIGHTS:
        cut(truetype / f"NotoSans-{weight}.ttf", OUT / f"NotoSans-{weight}.ttf", LATIN, layout=False)
        merged(
            [truetype / f"NotoSans-{weight}.ttf", *(truetype / f"NotoSans{script}-{weight}.ttf" for script in SCRIPTS)],
            OUT / f"NotoSansScripts-{weight}.ttf",
        )
        cut(opentype / f"NotoSansCJK-{weight}.ttc", OUT / f"NotoSansCJK-{weight}.otf", f"{cjk_characters()},{CJK_MORE}", features=CJK_FEATURES, face=CJK_FACE)
    for path in sorted(OUT.glob("NotoSans*")):
        print(f"{path.stat().st_size:>10,}  {path.relative_to(OUT.parent.parent)}")


def cut(source, target, unicodes, layout=True, features="*", face=0):
    """pyftsubset, as fonts/README.md gives it: no hinting (the cards are drawn large), the
    missing-glyph box kept (tests/check/test_cards.py looks for it), every name kept."""
    options = [
        str(source),
        f"--font-number={face}",
        f"--unicodes={unicodes}",
        "--no-hinting",
        "--notdef-outline",
        "--name-IDs=*",
        f"--output-file={target}",
    ]
    options += [f"--layout-features={features}"] if layout else ["--layout-features=", "--drop-tables+=GSUB,GPOS,GDEF,DSIG"]
    subset.main(options)


def merged(sources, target):
    """The fonts' own characters, merged into one with their layout tables (the first font's
    glyph wins where two have the same character): what fontTools' merger does."""
    parts = []
    for n, source in enumerate(sources):
        part = target.with_name(f"{target.stem}.part{n}.ttf")
        cut(source, part, WORLD_LATIN if n == 0 else "*")
        parts.append(part)
    font = Merger(options=MergeOptions(drop_tables=["vhea", "vmtx"])).merge([str(part) for part in parts])
    # The first font's dates, not the merge's: the same bytes on every run.
    first = TTFont(str(parts[0]))["head"]
    font["head"].created, font["head"].modified = first.created, first.modified
    font.recalcTimestamp = False
    font.save(str(target))
    for part in parts:
        part.unlink()


def cjk_characters():
    found = set()
    for codec, rows, columns in CJK_SETS:
        for row in rows:
            for column in columns:
                try:
                    char = bytes((row, column)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(char) == 1 and char.isprintable():
                    found.add(ord(char))
    return ",".join(f"U+{code:04X}" for code in sorted(found))


if __name__ == "__main__":
    sys.exit(main())
