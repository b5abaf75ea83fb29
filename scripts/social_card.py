"""Draw the preview cards (1200x630 PNG) that chat apps and social networks show for a link.

`draw()` lays out any card: a kicker, the main words, optional smaller text, and the source at
the foot. The page's card (here) and each part's card (hooks/share_pages.py, at build time) are
both drawn by it. The font is the one that ships inside Pillow (Aileron), so a card is made the
same way on any machine, offline.

The page's card takes its words from docs/index.md: the title (H1) and the deck under it.

    python scripts/social_card.py            # writes docs/assets/social-card.png
    python scripts/social_card.py OUT.png    # writes elsewhere (the tests compare the two)
"""

import functools
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "docs" / "assets" / "social-card.png"
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

font = functools.cache(ImageFont.load_default)


def draw(kicker, main, text="", source=(SOURCE,)):
    """A card as an image: `kicker` small above, `main` large, `text` under it in what room is
    left, and the `source` lines at the foot. Words that do not fit are cut with an ellipsis."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    canvas = ImageDraw.Draw(image)
    canvas.text((MARGIN, 70), wrap(kicker.upper(), font(30), 1)[0][0], font=font(30), fill=ACCENT)

    # The largest size at which `main` fits whole (leaving two lines for `text`), else the
    # smallest, cut.
    room = MAIN_BOTTOM - MAIN_TOP - (2 * TEXT_LINE + 24 if text else 0)
    for size in MAIN_SIZES:
        lines, cut = wrap(main, font(size), room // line_height(size))
        if not cut:
            break
    # Aileron has one weight; a stroke in the text colour makes the words bold enough to
    # read in a thumbnail.
    y = MAIN_TOP
    for line in lines:
        canvas.text(
            (MARGIN, y), line, font=font(size), fill=TEXT, stroke_width=2 if size >= 80 else 1, stroke_fill=TEXT
        )
        y += line_height(size)
    if text:
        y += 24
        for line in wrap(text, font(TEXT_SIZE), (MAIN_BOTTOM - y) // TEXT_LINE)[0]:
            canvas.text((MARGIN, y), line, font=font(TEXT_SIZE), fill=MUTED)
            y += TEXT_LINE

    canvas.rectangle((MARGIN, 520, MARGIN + 120, 526), fill=ACCENT)
    for n, line in enumerate(source):
        canvas.text((MARGIN, 546 + 40 * n), line, font=font(32 if n == 0 else 28), fill=TEXT if n == 0 else MUTED)
    return image


def line_height(size):
    return round(size * 1.2)


def wrap(words, typeface, max_lines):
    """(lines at most WIDTH wide, whether words were cut): past `max_lines`, the last line
    ends in an ellipsis."""
    lines, max_lines = [], max(1, max_lines)
    space, width = typeface.getlength(" "), 0
    for word in filter(None, words.split(" ")):  # never at a non-breaking space
        # Measured word by word: measuring each candidate line costs more than the drawing.
        word_width = typeface.getlength(word)
        if lines and width + space + word_width <= WIDTH:
            lines[-1], width = f"{lines[-1]} {word}", width + space + word_width
        elif len(lines) < max_lines:
            lines.append(word)
            width = word_width
        else:
            last = lines[-1]
            while last and typeface.getlength(last.rstrip(",;:") + ELLIPSIS) > WIDTH:
                last = last.rpartition(" ")[0]
            lines[-1] = last.rstrip(",;: ") + ELLIPSIS
            return lines, True
    return lines or [""], False


def title_and_deck():
    """The H1 and the paragraph under it, without their attribute lists."""
    markdown = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+?)\s*$\n+(.+?)\n(?:\{.*\}\n)?\n", markdown, re.M)
    title, deck = (re.sub(r"\s*\{[^}]*\}$", "", part.strip()) for part in match.groups())
    return title, deck


def draw_card(path):
    """The page's card, drawn from the title and deck of docs/index.md."""
    title, deck = title_and_deck()
    draw("Statement", title, deck).save(path, optimize=True)


if __name__ == "__main__":
    draw_card(sys.argv[1] if len(sys.argv) > 1 else CARD)
