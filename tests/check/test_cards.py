"""The preview cards (statement_site/cards.py) draw every character of the statement, and of the
Latin-script languages, from a real glyph of the font committed in statement_site/fonts/; text
in another script never shows as boxes; the committed site card is up to date; and a card in
the cache is not drawn again.

Self-contained: it needs only statement_site, Pillow and the standard library.

    .venv/bin/python -m pytest tests/check/test_cards.py -q -p no:cacheprovider
"""

import hashlib
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from statement_site import cards
from statement_site.source.project import Source

ROOT = Path(__file__).resolve().parents[2]
RANGES = {
    "Basic Latin": (0x20, 0x7E),
    "Latin-1 Supplement": (0xA0, 0xFF),
    "Latin Extended-A": (0x100, 0x17F),
    "General Punctuation": (0x2000, 0x206F),
    "the euro sign": (0x20AC, 0x20AC),
}
MISSING = "\ue000"  # a private-use code point: no font here has it, so it draws the missing-glyph box
TITLE = "ILRC Calls for a Permanent Ceasefire"
SOURCE_LINES = (TITLE, cards.SOURCE)


def ink(char, typeface):
    """What `char` alone looks like in `typeface`."""
    size = typeface.size
    image = Image.new("L", (3 * size, 2 * size))
    ImageDraw.Draw(image).text((size // 2, 0), char, font=typeface, fill=255)
    return image.tobytes()


def boxes(words, typeface):
    """The characters of `words` that `typeface` draws as its missing-glyph box."""
    box = ink(MISSING, typeface)
    assert any(box), "the missing-glyph box draws nothing: this test could not see one"
    return sorted({char for char in words if ink(char, typeface) == box})


def named(chars):
    return ", ".join(f"U+{ord(char):04X} {unicodedata.name(char, '(unnamed)')}" for char in chars)


def statement_characters():
    """Every character of every page's title and parts, as the model reads docs/."""
    source = Source.read(ROOT)
    found = set()
    for page in source.pages.values():
        found.update(page.title)
        for part in page.parts:
            found.update(part.text)
    return found


def test_every_character_is_drawn_from_a_glyph():
    wanted = {chr(code) for low, high in RANGES.values() for code in range(low, high + 1)} | statement_characters()
    left_off, drawn = [], set()
    for char in sorted(wanted):
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or category == "Cc" and char.isspace():
            expected = "a b"  # a line break: the card's lines are its own
        elif category[0] == "C":
            expected = "ab"  # invisible (a soft hyphen, a joiner, a direction mark) or unassigned
        else:
            expected = unicodedata.normalize("NFC", f"a{char}b")  # U+2000 EN QUAD is U+2002 EN SPACE
        shown = cards.shown(f"a{char}b")
        if shown != expected:
            left_off.append(char)
        drawn.update(shown)
    assert not left_off, f"the cards leave these characters off: {named(left_off)}"
    for bold in (False, True):
        missing = boxes(drawn, cards.font(40, bold))
        assert not missing, f"drawn as boxes in {cards.FONTS[bold].name}: {named(missing)}"


def test_what_the_font_says_it_has_it_draws():
    """cards.characters() reads the font's cmap: each character in it has a glyph of its own."""
    visible = {char for char in cards.characters() if unicodedata.category(char)[0] != "C"}
    assert len(visible) > 500
    for bold in (False, True):
        missing = boxes(visible, cards.font(40, bold))
        assert not missing, f"{cards.FONTS[bold].name} has no glyph for {named(missing)}"


def texts_drawn(monkeypatch, *args):
    """[(words, font)] for everything cards.draw(*args) writes on the card."""
    calls = []
    text = ImageDraw.ImageDraw.text

    def record(self, xy, words, *rest, **options):
        calls.append((words, options["font"]))
        return text(self, xy, words, *rest, **options)

    with monkeypatch.context() as patch:
        patch.setattr(ImageDraw.ImageDraw, "text", record)
        cards.draw(*args)
    return calls


def assert_no_boxes(calls):
    for words, typeface in calls:
        missing = boxes(words, typeface)
        assert not missing, f"{words!r} is drawn with boxes for {named(missing)}"


@pytest.mark.parametrize(
    "card",
    [
        ("Llamados", "¿Dónde está el alto el fuego? Año 2024 — señal €", "", SOURCE_LINES),
        ("Statement", "¡Alto el fuego ya!", "¿Dónde está el alto el fuego? Año 2024 — señal € ü ç", SOURCE_LINES),
        ("Calls", "— We call for a permanent ceasefire – now", "", SOURCE_LINES),
        ("Statement — 2024", "Ceasefire", "—an em dash near its start, “quotes” and ‘apostrophes’…", SOURCE_LINES),
    ],
    ids=["spanish", "spanish-text", "em-dash", "em-dash-text"],
)
def test_latin_cards_draw_every_word_without_boxes(monkeypatch, card):
    calls = texts_drawn(monkeypatch, *card)
    assert_no_boxes(calls)
    drawn = " ".join(words for words, _ in calls)
    kicker, main, text, source = card
    for word in f"{kicker.upper()} {main} {text} {' '.join(source)}".split():
        assert word in drawn, f"{word!r} is not on the card: {drawn!r}"


@pytest.mark.parametrize(
    "words",
    ["وقف إطلاق النار الدائم الآن", "הפסקת אש קבועה עכשיו", "立即实现永久停火", "🕊️🕊️🕊️", "Ceasefire in Gaza (غزة) now"],
    ids=["arabic", "hebrew", "chinese", "emoji-only", "mixed"],
)
def test_words_in_another_script_give_way_to_the_title(monkeypatch, words):
    """The main words the font cannot draw are left off whole; the page's title stands in."""
    for card in [("Statement", words, "", SOURCE_LINES), (words, words, words, (words, cards.SOURCE))]:
        calls = texts_drawn(monkeypatch, *card)
        assert_no_boxes(calls)
        assert not any(char in words for drawn, _ in calls for char in drawn if not char.isascii())
    fallback = cards.draw("Statement", TITLE, "", (cards.SOURCE,))
    assert ImageChops.difference(cards.draw("Statement", words, "", SOURCE_LINES), fallback).getbbox() is None
    assert ImageChops.difference(cards.draw(words, words, words, SOURCE_LINES), fallback).getbbox() is None


def test_another_script_past_what_the_card_holds_takes_nothing_off():
    words = "We call for a permanent ceasefire and the release of all hostages. " * 12
    fallback = cards.draw("Statement", TITLE, "", (cards.SOURCE,))
    card = cards.draw("Statement", words + "غزة", words + "שלום", SOURCE_LINES)
    assert ImageChops.difference(card, cards.draw("Statement", words, words, SOURCE_LINES)).getbbox() is None
    assert ImageChops.difference(card, fallback).getbbox() is not None


def test_emoji_are_dropped_with_their_space(monkeypatch):
    calls = texts_drawn(monkeypatch, "Calls 📢", "Ceasefire now 🕊️. 👍🏽 Peace", "", SOURCE_LINES)
    assert_no_boxes(calls)
    with_emoji = cards.draw("Calls 📢", "Ceasefire now 🕊️. 👍🏽 Peace", "", SOURCE_LINES)
    clean = cards.draw("Calls", "Ceasefire now. Peace", "", SOURCE_LINES)
    assert ImageChops.difference(with_emoji, clean).getbbox() is None


def test_a_cached_card_is_not_drawn_again(tmp_path, monkeypatch):
    card = {"kicker": "Llamados", "main": "¿Dónde está el alto el fuego?", "text": "", "source": SOURCE_LINES}
    drawn, draw = [], cards.draw

    def draw_once(*args, **options):
        assert not drawn, "the card was drawn again although the cache holds it"
        drawn.append(options)
        return draw(*args, **options)

    monkeypatch.setattr(cards, "draw", draw_once)
    first = cards.card_png(card, tmp_path)
    assert cards.card_png(card, tmp_path) == first
    assert (tmp_path / f"{cards.card_key(card)}.png").read_bytes() == first
    with Image.open(BytesIO(first)) as image:
        assert image.format == "PNG" and image.size == cards.SIZE


def test_the_font_is_committed_and_part_of_every_card_key(monkeypatch):
    for path in cards.FONTS.values():
        assert path.is_relative_to(ROOT / "statement_site" / "fonts") and path.stat().st_size < 100_000, path
        assert path in cards.DRAWN_WITH, f"{path.name} is not in the card's key: a new font would keep old card names"
    assert (cards.FOLDER / "OFL.txt").is_file() and (cards.FOLDER / "README.md").is_file()
    version = hashlib.sha256(b"".join(hashlib.sha256(path.read_bytes()).digest() for path in cards.DRAWN_WITH))
    assert cards.DRAWING_VERSION == version.hexdigest()
    card = {"kicker": "Statement", "main": TITLE, "text": "", "source": (cards.SOURCE,)}
    key = cards.card_key(card)
    monkeypatch.setattr(cards, "DRAWING_VERSION", "another font")
    assert cards.card_key(card) != key


LONG_WORDS = {
    "an address": "https://www.ilrc.org/sites/default/files/resources/2026-12-ceasefire-statement-immigrant-legal-resource-center.pdf",
    "a name": "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch-Pwllgwyngyll",
    "a word in a sentence": "The Immigrant Legal Resource Center calls it " + "un" * 40 + "acceptable, and asks for peace.",
}


@pytest.mark.parametrize("words", LONG_WORDS.values(), ids=list(LONG_WORDS))
def test_a_word_too_long_for_a_line_is_broken_not_cut_at_the_edge(words):
    """Every line fits the card; the word reads on, broken after a `/` or with a hyphen, and the
    words that do not fit end in an ellipsis."""
    for size in (cards.MAIN_SIZES[0], cards.MAIN_SIZES[-1]):
        typeface = cards.font(size, bold=True)
        for max_lines in (1, 3, 12):
            lines, cut = cards.wrap(words, typeface, max_lines)
            assert len(lines) <= max_lines and all(typeface.getlength(line) <= cards.WIDTH for line in lines), lines
            # Read back without spaces and hyphens (a break adds one, or follows the word's own).
            read, written = ("".join(text.replace(cards.ELLIPSIS, "").replace("-", "").split()) for text in ("".join(lines), words))
            assert read == written if not cut else lines[-1].endswith(cards.ELLIPSIS) and written.startswith(read), lines
