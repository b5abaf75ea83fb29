"""Draw the preview card (1200x630 PNG) that chat apps and social networks show for a link.

Its words come from docs/index.md: the title (H1) and the deck under it. The font is the one
that ships inside Pillow (Aileron), so the card is made the same way on any machine, offline.

    python scripts/social_card.py            # writes docs/assets/social-card.png
    python scripts/social_card.py OUT.png    # writes elsewhere (the tests compare the two)
"""

import re
import sys
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CARD = ROOT / "docs" / "assets" / "social-card.png"
SIZE = (1200, 630)
MARGIN = 80
BACKGROUND, ACCENT, TEXT, MUTED = "#1a237e", "#8c9eff", "#ffffff", "#c5cae9"


def title_and_deck():
    """The H1 and the paragraph under it, without their attribute lists."""
    markdown = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+?)\s*$\n+(.+?)\n(?:\{.*\}\n)?\n", markdown, re.M)
    title, deck = (re.sub(r"\s*\{[^}]*\}$", "", part.strip()) for part in match.groups())
    return title, deck


def draw_card(path):
    title, deck = title_and_deck()
    font = ImageFont.load_default
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)

    draw.text((MARGIN, 70), "STATEMENT", font=font(30), fill=ACCENT)
    # Aileron has one weight; a stroke in the text colour makes the title bold enough to
    # read in a thumbnail.
    y = 140
    for line in textwrap.wrap(title, 22):
        draw.text((MARGIN, y), line, font=font(88), fill=TEXT, stroke_width=2, stroke_fill=TEXT)
        y += 106
    y += 24
    for line in textwrap.wrap(deck, 44):
        draw.text((MARGIN, y), line, font=font(42), fill=MUTED)
        y += 56

    draw.rectangle((MARGIN, 520, MARGIN + 120, 526), fill=ACCENT)
    draw.text((MARGIN, 546), "Immigrant Legal Resource Center (ILRC)", font=font(32), fill=TEXT)
    image.save(path, optimize=True)


if __name__ == "__main__":
    draw_card(sys.argv[1] if len(sys.argv) > 1 else CARD)
