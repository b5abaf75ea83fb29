"""The preview cards (1200x630 PNG) that chat apps and social networks show for a link.

`draw()` lays out any card: a kicker, the main words, optional smaller text, and the source at
the foot. Each page's card (steps/previews.py) and each part's (steps/share_pages.py) are drawn
by it at build time, the same way on any machine, offline. `card_png()` keeps each drawn card in
a cache named by the hash of what it draws, so a build draws only the cards whose words changed.

The words are set in Noto Sans (regular, and bold for the main words), committed in `fonts/`
under the SIL Open Font License with its licence text: a subset of about 38 KB a weight that
holds the Latin script (Basic Latin, Latin-1, Latin Extended-A, Romanian ș ț, Vietnamese), the
General Punctuation block, € and a few signs (fonts/README.md says how it was made). Nothing is
fetched when a card is drawn, and the layout is Pillow's own (not Raqm, which needs a system
library some machines lack), so with the locked Pillow a card is the same pixel for pixel on
every machine.

What the font cannot draw never shows as a box; `shown()` decides, character by character:
invisible characters (format and control characters: soft hyphens, joiners, direction marks)
are left out, as they are meant to be; emoji and other pictographic symbols are dropped with
the space before them ("Ceasefire now 🕊️." is drawn "Ceasefire now."); but a line holding
letters, digits or signs of another script (Arabic, Hebrew, Chinese, Cyrillic…) is not cut
into a sentence with holes in it: it is left off the card whole. The main words then give way
to the page's title (the first `source` line), or to the source; the kicker to "Statement".
The share page's title and description, which a preview shows beside the card, keep every
word. Another script is drawn only by adding its font here (a small, open one).
"""

import functools
import hashlib
import json
import re
import unicodedata
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

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
FONTS = {False: FOLDER / "NotoSans-Regular.ttf", True: FOLDER / "NotoSans-Bold.ttf"}  # by bold


@functools.cache
def font(size, bold=False):
    # Pillow's basic layout: Raqm shapes text differently, and only where its system library is.
    return ImageFont.truetype(str(FONTS[bold]), size, layout_engine=ImageFont.Layout.BASIC)


def draw(kicker, main, text="", source=(SOURCE,)):
    """A card as an image: `kicker` small above, `main` large, `text` under it in what room is
    left, and the `source` lines at the foot. Words that do not fit are cut with an ellipsis;
    words the font cannot draw are left off as `shown()` says."""
    kicker = shown(kicker.upper()) or KICKER.upper()
    # Only the words that can be on the card are judged: a Hebrew name deep in a section does
    # not take its first lines off.
    main, text = shown(main[:SEEN]), shown(text[:SEEN])
    source = [line for line in map(shown, source) if line]
    if not main and source:
        # The main words were left off (another script): the title stands in, once.
        main, source = source[0], source[1:]
    image = Image.new("RGB", SIZE, BACKGROUND)
    canvas = ImageDraw.Draw(image)
    canvas.text((MARGIN, 70), wrap(kicker, font(30), 1)[0][0], font=font(30), fill=ACCENT)

    # The largest size at which `main` fits whole (leaving two lines for `text`), else the
    # smallest, cut.
    room = MAIN_BOTTOM - MAIN_TOP - (2 * TEXT_LINE + 24 if text else 0)
    for size in MAIN_SIZES:
        lines, cut = wrap(main, font(size, bold=True), room // line_height(size))
        if not cut:
            break
    y = MAIN_TOP
    for line in lines:
        canvas.text((MARGIN, y), line, font=font(size, bold=True), fill=TEXT)
        y += line_height(size)
    if text:
        y += 24
        for line in wrap(text, font(TEXT_SIZE), (MAIN_BOTTOM - y) // TEXT_LINE)[0]:
            canvas.text((MARGIN, y), line, font=font(TEXT_SIZE), fill=MUTED)
            y += TEXT_LINE

    if source:
        canvas.rectangle((MARGIN, 520, MARGIN + 120, 526), fill=ACCENT)
    for n, line in enumerate(source):
        canvas.text((MARGIN, 546 + 40 * n), line, font=font(32 if n == 0 else 28), fill=TEXT if n == 0 else MUTED)
    return image


def line_height(size):
    return round(size * 1.2)


def wrap(words, typeface, max_lines):
    """(lines at most WIDTH wide, whether words were cut): past `max_lines`, the last line
    ends in an ellipsis. A word wider than a line (an address, a long name) is broken into
    pieces that fit (`pieces`), never cut at the card's edge."""
    lines, max_lines = [], max(1, max_lines)
    space, width = typeface.getlength(" "), 0
    for word in filter(None, words.split(" ")):  # never at a non-breaking space
        # Measured word by word: measuring each candidate line costs more than the drawing.
        word_width = typeface.getlength(word)
        if lines and width + space + word_width <= WIDTH:
            lines[-1], width = f"{lines[-1]} {word}", width + space + word_width
            continue
        for piece in pieces(word, typeface) if word_width > WIDTH else [word]:
            if len(lines) == max_lines:
                lines[-1] = ellipsized(lines[-1], typeface)
                return lines, True
            lines.append(piece)
            width = typeface.getlength(piece)
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
    word, letters."""
    line = line.rstrip(",;: ")
    while line and typeface.getlength(line.rstrip(",;: ") + ELLIPSIS) > WIDTH:
        line = line.rpartition(" ")[0] if " " in line else line[:-1]
    return line.rstrip(",;: ") + ELLIPSIS


def shown(words):
    """`words` as the card draws them: only characters the font has, or "" when what it lacks
    are letters or signs (another script), not emoji or invisible characters (see above)."""
    kept = []
    for char in unicodedata.normalize("NFC", words):  # "é" as one character, which the font has
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or category == "Cc" and char.isspace():
            kept.append(" ")
        elif category[0] == "C":
            continue  # nothing to see: a soft hyphen, a joiner, a direction mark, a control
        elif char in characters():
            kept.append(char)
        elif char.isspace():
            kept.append(" ")
        elif category in ("So", "Sk") or category[0] == "M":
            kept.append("\0")  # an emoji, its skin tone, a variation selector: dropped below
        else:
            return ""
    return re.sub(r" ?\0+", "", "".join(kept)).strip()


@functools.cache
def characters():
    """The characters both weights of the font have a glyph for, as their own cmap tables say
    (so another font in fonts/ needs no list kept here)."""
    from fontTools.ttLib import TTFont  # only once the words of a card are judged

    return frozenset.intersection(*(frozenset(map(chr, TTFont(path).getBestCmap())) for path in FONTS.values()))


# The drawing code and the font are what a card is made of: a change to either gives new cards.
DRAWN_WITH = (Path(__file__), *FONTS.values())
DRAWING_VERSION = hashlib.sha256(b"".join(hashlib.sha256(p.read_bytes()).digest() for p in DRAWN_WITH)).hexdigest()


def card_key(card):
    words = json.dumps(card, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{DRAWING_VERSION}\n{words}".encode()).hexdigest()


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
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".part")
        partial.write_bytes(png)
        partial.replace(cached)
    return png
