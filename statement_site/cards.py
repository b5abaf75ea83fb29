"""The preview cards (1200x630 PNG) that chat apps and social networks show for a link.

`draw()` lays out any card: a kicker, the main words, optional smaller text, and the source at
the foot, in the card's language. Each page's card (steps/previews.py) and each part's
(steps/share_pages.py) are drawn by it at build time, the same way on any machine, offline.
`card_png()` keeps each drawn card in a cache named by the hash of all it draws (words,
language, fonts, drawing code and the libraries that lay it out), so a build draws only the
cards whose words changed.

The words are set in Noto Sans, committed in `fonts/` under the SIL Open Font License with its
licence text (fonts/README.md says from which packages, and how they were cut). Each text of a
card (the kicker, the main words, the smaller text, each source line) is set in the first of
three families (FAMILIES) that holds all its characters:
- "latin": the Latin script, General Punctuation, € and a few signs, laid out by Pillow's
  basic layout, which needs no system library: a Latin card is the same pixel for pixel on
  every machine;
- "scripts": Latin, Greek, Cyrillic and twenty scripts (Arabic, Hebrew, Devanagari, Bengali,
  Tamil, Thai, Khmer, Ethiopic…) in one font, laid out by Raqm, Pillow's complex text layout:
  HarfBuzz shapes each run by its script (Arabic letters joined, Indic conjuncts) and FriBiDi
  orders the runs of both directions, so that a line mixing Persian and English reads as in a
  browser;
- "cjk": Chinese, Japanese and Korean (the common characters of each), with Latin, laid out by
  Raqm in the card's language, which chooses the forms of the ideographs (`locl`).
A card in a language written right to left (Arabic, Hebrew, Persian, Urdu…, as Babel says) is
laid out from the right; each text runs in the direction of its first letters, or the card's
if it holds right-to-left letters. Lines break where ICU's line breaker says for the card's
language (between ideographs but never before "，" or "。", Thai by its dictionary, after spaces).

What no font here can draw never shows as a box; `shown()` decides, character by character:
invisible characters (format and control characters: soft hyphens, direction controls) are
left out, as they are meant to be, but not a joiner a word's spelling needs (Persian آتش‌بس,
Devanagari क्‍ष) nor, in right-to-left words, a direction mark; emoji and other pictographic
symbols are dropped with the space before them ("Ceasefire now 🕊️." is drawn "Ceasefire
now."); but a text holding a letter or sign no family has, or mixing scripts no one family
holds together (Arabic with Chinese), is not cut into a sentence with holes in it: it is left
off the card whole. The main words then give way to the page's title (the first `source`
line), or to the source; the kicker to "Statement". The share page's title and description,
which a preview shows beside the card, keep every word.

Raqm comes with Pillow's wheels, FriBiDi from the machine (Debian and Ubuntu: libfribidi0,
which `make` installs as root when it is missing). Where it is missing, `shaping_problem()`
names what to install, which stops the build: a card is never drawn without its words, nor
with unshaped ones.
"""

import functools
import hashlib
import json
import re
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

import PIL
from PIL import Image, ImageDraw, ImageFont, features

from .source import text as text_model
from .source.files import write_whole
from .source.text import (
    CLAUSE_END,
    DIRECTION_MARKS,
    JOINERS,
    direction,
    has_right_to_left,
    letter_scripts,
    line_breaks,
    needed,
)

SIZE = (1200, 630)
MARGIN = 80
WIDTH = SIZE[0] - 2 * MARGIN
BACKGROUND, ACCENT, TEXT, MUTED = "#1a237e", "#8c9eff", "#ffffff", "#c5cae9"
SOURCE = "Immigrant Legal Resource Center (ILRC)"
# The main words as large as they fit; never under 56 px, which is 14 px in a 300 px thumbnail.
MAIN_SIZES = (88, 80, 72, 64, 56)
MAIN_TOP, MAIN_BOTTOM = 140, 496  # the rule and the source sit below
TEXT_SIZE, TEXT_LINE = 42, 56
ELLIPSIS = "…"
SEEN = 600  # characters, more than any card holds (5 lines at 56 px, 4 at 42 px): cut, as before
KICKER = "Statement"  # when the kicker's own words cannot be drawn
FOLDER = Path(__file__).with_name("fonts")
# Each family's files (regular, bold), in the order a text's family is chosen (see above).
FAMILIES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "scripts": ("NotoSansScripts-Regular.ttf", "NotoSansScripts-Bold.ttf"),
    "cjk": ("NotoSansCJK-Regular.otf", "NotoSansCJK-Bold.otf"),
}
FONTS = {(family, bold): FOLDER / files[bold] for family, files in FAMILIES.items() for bold in (False, True)}
SHAPED = frozenset({"scripts", "cjk"})  # laid out by Raqm
# What Raqm lays out unseen (HarfBuzz hides default-ignorable characters), in a font's cmap or not.
UNSEEN = JOINERS | DIRECTION_MARKS | {" "}
INSTALL_FRIBIDI = (
    "the preview cards of this page are in a script that needs Pillow's complex text layout (Raqm), which needs "
    "the FriBiDi library on the machine that builds: install it (Debian and Ubuntu: apt-get install libfribidi0; "
    "macOS: brew install fribidi; `make` installs it where it may) and build again"
)


class Face(NamedTuple):
    """A typeface Raqm lays out, at a size, for one text: its paragraph's direction ("rtl" or
    "ltr") and its language (the forms of ideographs, Serbian's Cyrillic…). Measured and
    drawn as the basic layout's typefaces are (`getlength`)."""

    font: ImageFont.FreeTypeFont
    direction: str
    language: str

    def getlength(self, text):
        return self.font.getlength(text, direction=self.direction, language=self.language)


@functools.cache
def font(size, bold=False, family="latin"):
    layout = ImageFont.Layout.RAQM if family in SHAPED else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONTS[family, bold]), size, layout_engine=layout)


def typeface(words, size, bold, lang):
    """What sets `words` (as `shown()` gives them) on a card in `lang`."""
    family = family_of(words) or "latin"
    if family not in SHAPED:
        return font(size, bold)
    rtl = has_right_to_left(words) and (direction(lang) == "rtl" or first_strong(words) in ("R", "AL"))
    return Face(font(size, bold, family), "rtl" if rtl else "ltr", lang)


def first_strong(words):
    return next((kind for kind in map(unicodedata.bidirectional, words) if kind in ("L", "R", "AL")), None)


def can_shape():
    """Whether Pillow's complex text layout works on this machine (FriBiDi is found)."""
    return features.check("raqm") and features.version("fribidi") is not None


def draw(kicker, main, text="", source=(SOURCE,), lang="en"):
    """A card as an image: `kicker` small above, `main` large, `text` under it in what room is
    left, and the `source` lines at the foot, all in `lang` (its direction, its line breaks).
    Words that do not fit are cut with an ellipsis; words no font can draw are left off as
    `shown()` says."""
    kicker = shown(kicker.upper()) or KICKER.upper()
    # Only the words that can be on the card are judged: a Hebrew name deep in a section does
    # not take its first lines off.
    main, text = shown(main[:SEEN]), shown(text[:SEEN])
    source = [line for line in map(shown, source) if line]
    if not main and source:
        # The main words were left off: the title stands in, once.
        main, source = source[0], source[1:]
    image = Image.new("RGB", SIZE, BACKGROUND)
    canvas = ImageDraw.Draw(image)
    rtl = direction(lang) == "rtl"
    x, anchor = (SIZE[0] - MARGIN, "rs") if rtl else (MARGIN, "ls")

    def write(y, line, face, fill):
        # By the baseline, one for every family: the lines of a card sit alike whatever sets them.
        baseline = y + ascent((face.font if isinstance(face, Face) else face).size)
        if isinstance(face, Face):
            canvas.text((x, baseline), line, font=face.font, fill=fill, anchor=anchor, direction=face.direction, language=face.language)
        else:
            canvas.text((x, baseline), line, font=face, fill=fill, anchor=anchor)

    face = typeface(kicker, 30, False, lang)
    write(70, wrap(kicker, face, 1, lang)[0][0], face, ACCENT)

    # The largest size at which `main` fits whole (leaving two lines for `text`), else the
    # smallest, cut. Each text keeps one face, and so one direction, on all its lines.
    room = MAIN_BOTTOM - MAIN_TOP - (2 * TEXT_LINE + 24 if text else 0)
    for size in MAIN_SIZES:
        face = typeface(main, size, True, lang)
        lines, cut = wrap(main, face, room // line_height(size), lang)
        if not cut:
            break
    y = MAIN_TOP
    for line in lines:
        write(y, line, face, TEXT)
        y += line_height(size)
    if text:
        y += 24
        face = typeface(text, TEXT_SIZE, False, lang)
        for line in wrap(text, face, (MAIN_BOTTOM - y) // TEXT_LINE, lang)[0]:
            write(y, line, face, MUTED)
            y += TEXT_LINE

    if source:
        left = SIZE[0] - MARGIN - 120 if rtl else MARGIN
        canvas.rectangle((left, 520, left + 120, 526), fill=ACCENT)
    for n, line in enumerate(source):
        face = typeface(line, 32 if n == 0 else 28, False, lang)
        write(546 + 40 * n, wrap(line, face, 1, lang)[0][0], face, TEXT if n == 0 else MUTED)
    return image


def line_height(size):
    return round(size * 1.2)


@functools.cache
def ascent(size):
    """Where the baseline of a line sits under its top: the Latin font's (both weights' is the
    same), for every family."""
    return font(size).getmetrics()[0]


def wrap(words, typeface, max_lines, lang="en"):
    """(lines at most WIDTH wide, whether words were cut): past `max_lines`, the last line
    ends in an ellipsis. Lines break where a line may break in `lang` (text.line_breaks: at
    spaces, after hyphens, between ideographs but not before closing punctuation). A word wider
    than a line (an address, a long name) is broken into pieces that fit (`pieces`), never cut
    at the card's edge."""
    max_lines = max(1, max_lines)
    if max_lines == 1 and typeface.getlength(words) <= WIDTH:
        return [words], False  # a kicker, a source line: most fit whole
    # Words are measured one by one, which sums exactly in the basic layout: measuring each
    # candidate line costs more than the drawing. Raqm shapes words alone as in a line (no
    # script joins letters across a space), nearly always: its lines are measured whole once,
    # and laid out again, measured whole, if one is too wide.
    lines, cut = laid_out(words, typeface, max_lines, lang, whole=False)
    if isinstance(typeface, Face) and any(typeface.getlength(line) > WIDTH for line in lines):
        lines, cut = laid_out(words, typeface, max_lines, lang, whole=True)
    return lines, cut


def laid_out(words, typeface, max_lines, lang, whole):
    """`wrap`'s lines, each candidate line measured whole, or as the sum of its words."""
    lines, space, width, gap = [], typeface.getlength(" "), 0, ""
    for piece in line_breaks(words, lang):
        word = piece.rstrip(" ")
        if not word:
            continue
        word_width = typeface.getlength(word)
        if lines:
            candidate = f"{lines[-1]}{gap}{word}"
            wider = typeface.getlength(candidate) if whole else width + len(gap) * space + word_width
            if wider <= WIDTH:
                lines[-1], width, gap = candidate, wider, piece[len(word) :]
                continue
        for part in pieces(word, typeface) if word_width > WIDTH else [word]:
            if len(lines) == max_lines:
                lines[-1] = ellipsized(lines[-1], typeface)
                return lines, True
            lines.append(part)
            width = typeface.getlength(part)
        gap = piece[len(word) :]
    return lines or [""], False


def pieces(word, typeface):
    """A word too wide for a line, in pieces that fit: broken after a `/`, `.`, `-`, `_`, `@`,
    `?`, `&` or `=` where one is near the line's end (an address reads on), else between two
    letters with a hyphen."""
    found = []
    while typeface.getlength(word) > WIDTH:
        fits = longest_fitting(word, typeface)
        breaks = [n for n in range(max(1, fits - 12), fits + 1) if word[n - 1] in "/.-_@?&=" and typeface.getlength(word[:n]) <= WIDTH]
        cut = breaks[-1] if breaks else fits
        found.append(word[:cut] if breaks else word[:cut] + "-")
        word = word[cut:]
    return [*found, word]


def longest_fitting(word, typeface):
    """The largest n (at least 1) for which the first n letters and a hyphen fit in a line: a
    binary search, as each measurement costs."""
    low, high = 1, len(word) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if typeface.getlength(word[:middle] + "-") <= WIDTH:
            low = middle
        else:
            high = middle - 1
    return low


def ellipsized(line, typeface):
    """The last line, ended with an ellipsis within the width: words dropped, or, for one long
    word or words without spaces (Chinese), letters."""
    line = CLAUSE_END.sub("", line)
    while line and typeface.getlength(CLAUSE_END.sub("", line) + ELLIPSIS) > WIDTH:
        line = line.rpartition(" ")[0] if " " in line else line[:-1]
    return CLAUSE_END.sub("", line) + ELLIPSIS


def shown(words):
    """`words` as the card draws them: only characters a font here has, and the joiners and
    direction marks the words need, or "" when what no font has are letters or signs, not emoji
    or invisible characters, or when no one family holds them all (see above)."""
    words = unicodedata.normalize("NFC", words)  # "é" as one character, which the font has
    drawable, rtl = all_characters(), None
    kept = []
    for n, char in enumerate(words):
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or category == "Cc" and char.isspace():
            kept.append(" ")
        elif char in JOINERS and needed(words, n) and letter_scripts(words, n, -1):
            kept.append(char)  # part of the word's spelling (آتش‌بس): it changes its shapes
        elif char in DIRECTION_MARKS and (rtl := has_right_to_left(words) if rtl is None else rtl):
            kept.append(char)  # where a sign falls between words of both directions
        elif category[0] == "C":
            continue  # nothing to see: a soft hyphen, a direction control, an unneeded joiner
        elif char in drawable:
            kept.append(char)
        elif char.isspace():
            kept.append(" ")
        elif category in ("So", "Sk") or category[0] == "M":
            kept.append("\0")  # an emoji, its skin tone, a variation selector: dropped below
        else:
            return ""
    drawn = re.sub(r" ?\0+", "", "".join(kept)).strip()
    return drawn if family_of(drawn) else ""


def family_of(words):
    """The first family (FAMILIES) that holds every character of `words`, or None. Raqm lays out
    joiners and direction marks unseen; the basic layout would draw them as boxes."""
    found = set(words)
    return next(
        (family for family in FAMILIES if (found - UNSEEN if family in SHAPED else found - {" "}) <= characters(family)),
        None,
    )


@functools.cache
def characters(family="latin"):
    """The characters both weights of a family have a glyph for, as their own cmap tables say
    (so a font added to fonts/ needs no list kept here); none for a family Raqm lays out where
    it cannot (`can_shape`): its words are then left off, never drawn unshaped."""
    from fontTools.ttLib import TTFont  # only once the words of a card are judged

    if family in SHAPED and not can_shape():
        return frozenset()
    return frozenset.intersection(*(frozenset(map(chr, TTFont(FONTS[family, bold], lazy=True).getBestCmap())) for bold in (False, True)))


@functools.cache
def all_characters():
    return frozenset().union(*map(characters, FAMILIES))


def shaping_problem(card):
    """What keeps `card` (the arguments of draw()) from being drawn whole on this machine: words
    in a script that needs Raqm where FriBiDi is missing (INSTALL_FRIBIDI); None otherwise."""
    if can_shape():
        return None
    written = "".join([card.get("kicker", ""), card.get("main", ""), card.get("text", ""), *card.get("source", ())])
    latin = characters("latin")
    if any(char not in latin and unicodedata.category(char)[0] in "LM" for char in written):
        return INSTALL_FRIBIDI
    return None


# What a card is made of: the drawing code, the words' model (shown, line breaks), the fonts, and
# the libraries that lay out the lines. A change to any gives new cards.
DRAWN_WITH = (Path(__file__), Path(text_model.__file__), *FONTS.values())


def layout():
    """The libraries that lay out a card's lines, with their versions."""
    from icu4py._version import icu_version  # ICU's line breaking (text.line_breaks)

    shaping = ", ".join(f"{name} {features.version(name)}" for name in ("freetype2", "raqm", "harfbuzz", "fribidi"))
    return f"Pillow {PIL.__version__}, {shaping}, ICU {icu_version}"


@functools.cache
def drawing_version():
    """What draws a card, in one digest: each file of DRAWN_WITH by its name, size and time of
    change (reading 14 MB of fonts would cost a warm build more than all its cards), and
    layout()."""
    files = "".join(f"{path.name} {stat.st_size} {stat.st_mtime_ns}\n" for path, stat in ((p, p.stat()) for p in DRAWN_WITH))
    return hashlib.sha256((files + layout()).encode()).hexdigest()


def card_key(card):
    words = json.dumps(card, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{drawing_version()}\n{words}".encode()).hexdigest()


def card_png(card, cache=None):
    """The PNG of `card` (the arguments of draw()), from `cache` (a folder) when it was drawn before."""
    key = card_key(card)
    cached = Path(cache) / f"{key}.png" if cache else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    buffer = BytesIO()
    # The fastest compression: a third less time for each card, 15% more bytes (about 85 KB).
    draw(**card).save(buffer, format="PNG", compress_level=1)
    png = buffer.getvalue()
    if cached is not None:
        write_whole(cached, png)
    return png
