"""The preview cards (statement_site/cards.py) draw every character of the statement, and of the
Latin-script languages, from a real glyph of the fonts committed in statement_site/fonts/; words
in other scripts (Arabic, Hebrew, Persian, Devanagari, Chinese, Japanese, Korean, Thai…) are
drawn shaped (joined letters, conjuncts, the language's forms of ideographs), laid out from the
right in a right-to-left language, and broken where the language breaks; what no font holds
never shows as boxes; and a card in the cache is not drawn again.

Self-contained: it needs only statement_site, Pillow and the standard library (and, as the
cards do, Pillow's Raqm with the machine's FriBiDi).

    .venv/bin/python -m pytest tests/check/test_cards.py -q -p no:cacheprovider
"""

import unicodedata
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageColor, ImageDraw

from statement_site import cards
from statement_site.source.files import write_whole
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
        assert not missing, f"drawn as boxes in {cards.FONTS['latin', bold].name}: {named(missing)}"


def test_what_the_fonts_say_they_have_they_draw():
    """cards.characters() reads each family's cmap: each character in it has a glyph of its own
    (the Latin family's every one; of the others, which hold thousands, one in 40)."""
    assert cards.can_shape(), "Pillow's Raqm cannot lay out text here: install FriBiDi (apt-get install libfribidi0)"
    for family in cards.FAMILIES:
        visible = sorted(char for char in cards.characters(family) if unicodedata.category(char)[0] not in "CZ")
        assert len(visible) > 400, family
        sample = visible if family == "latin" else visible[::40]
        for bold in (False, True):
            missing = boxes(sample, cards.font(40, bold, family))
            assert not missing, f"{cards.FONTS[family, bold].name} has no glyph for {named(missing)}"


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


# The main words of a card in each script, as a translator writes them (joiners included).
SCRIPTS = {
    "ar": "نطالب بوقف دائم لإطلاق النار والإفراج عن جميع الرهائن (ILRC).",
    "fa": "آتش\u200cبس دائمی نخستین گام به سوی صلح است. ما می\u200cخواهیم.",
    "he": "אנו קוראים להפסקת אש קבועה ולשחרור כל החטופים.",
    "hi": "स्थायी युद्धविराम शांति की ओर पहला कदम है। सत्\u200dयाग्रह।",
    "zh": "永久停火是实现该地区和平与稳定的第一步，我们呼吁立即释放所有人质。",
    "ja": "私たちは恒久的な停戦と、すべての人質の即時解放を求めます。",
    "ko": "우리는 영구적인 휴전과 모든 인질의 즉각적인 석방을 촉구합니다.",
    "th": "เราเรียกร้องให้มีการหยุดยิงถาวรและปล่อยตัวประกันทั้งหมดโดยทันที",
    "ru": "Мы призываем к прочному прекращению огня.",
    "hy": "Մենք կոչ ենք անում մշտական հրադադարի։",
    "am": "ቋሚ የተኩስ አቁም እንዲደረግ እንጠይቃለን።",
}


@pytest.mark.parametrize("lang", list(SCRIPTS))
def test_words_in_every_script_are_drawn_without_boxes(monkeypatch, lang):
    words = SCRIPTS[lang]
    title = f"{words[:12]} {cards.SOURCE}"
    calls = texts_drawn(monkeypatch, "Statement", words, words, (title, cards.SOURCE), lang)
    assert_no_boxes(calls)
    drawn = "".join(text for text, _ in calls)
    assert all(char in drawn for char in words if not char.isspace()), f"not every character of {words!r} is drawn: {drawn!r}"
    fallback = cards.draw("Statement", title, "", (cards.SOURCE,), lang)
    assert ImageChops.difference(cards.draw("Statement", words, "", (title, cards.SOURCE), lang), fallback).getbbox()


def widths(word, family="scripts", lang="en"):
    """(the width of `word` laid out whole, the sum of its characters' widths, each alone)."""
    face = cards.Face(cards.font(80, True, family), "rtl" if cards.has_right_to_left(word) else "ltr", lang)
    return face.getlength(word), sum(face.getlength(char) for char in word)


def test_letters_are_shaped_as_their_script_joins_them():
    """Arabic letters in their joined forms, a Devanagari conjunct, a Persian word whose
    non-joiner keeps two letters apart: each differs from the same letters drawn alone."""
    for word in ("سلام", "गुलाब", "क्ष"):
        whole, apart = widths(word)
        assert abs(whole - apart) > 8, f"{word}: as wide laid out ({whole}) as its letters apart ({apart})"
    joined = cards.draw("Statement", "آتشبس", "", (cards.SOURCE,), "fa")
    kept_apart = cards.draw("Statement", "آتش\u200cبس", "", (cards.SOURCE,), "fa")
    assert ImageChops.difference(joined, kept_apart).getbbox(), "the non-joiner changes nothing: it was dropped"


def test_ideographs_take_the_forms_of_the_cards_language():
    """Han characters shared by Chinese and Japanese are drawn in each language's forms (`locl`)."""
    chinese, japanese = (cards.draw("Statement", "骨 直 今", "", (cards.SOURCE,), lang) for lang in ("zh", "ja"))
    assert ImageChops.difference(chinese, japanese).getbbox(), "the same forms in Chinese and in Japanese"


def main_words_ink(card):
    return ImageChops.difference(card.crop((0, cards.MAIN_TOP, cards.SIZE[0], cards.MAIN_BOTTOM)), Image.new("RGB", (cards.SIZE[0], cards.MAIN_BOTTOM - cards.MAIN_TOP), cards.BACKGROUND)).getbbox()


@pytest.mark.parametrize(("lang", "words"), [("ar", "وقف إطلاق النار (ILRC)."), ("he", "שלום."), ("fa", "Ceasefire (ILRC)."), ("en", "Ceasefire now.")])
def test_a_right_to_left_card_is_laid_out_from_the_right(lang, words):
    """In Arabic, Hebrew or Persian the words end at the right margin (Latin words too), the
    rule under them on the right; in English at the left."""
    card = cards.draw("Statement", words, "", (cards.SOURCE,), lang)
    blank = Image.new("RGB", (cards.SIZE[0], cards.MAIN_BOTTOM - cards.MAIN_TOP), cards.BACKGROUND)
    left, _, right, _ = ImageChops.difference(card.crop((0, cards.MAIN_TOP, cards.SIZE[0], cards.MAIN_BOTTOM)), blank).getbbox()
    rule = {side: card.getpixel((x, 523)) == ImageColor.getrgb(cards.ACCENT) for side, x in (("left", cards.MARGIN + 60), ("right", cards.SIZE[0] - cards.MARGIN - 60))}
    if cards.direction(lang) == "rtl":
        assert abs(right - (cards.SIZE[0] - cards.MARGIN)) < 12 and left > cards.MARGIN + 100, (left, right)
        assert rule == {"left": False, "right": True}, rule
    else:
        assert abs(left - cards.MARGIN) < 12 and right < cards.SIZE[0] - cards.MARGIN - 100, (left, right)
        assert rule == {"left": True, "right": False}, rule


def test_a_full_stop_ends_a_right_to_left_line_on_its_left():
    """"שלום." ends at the left of its letters, as Hebrew is read, not at the right."""
    face = cards.typeface("שלום.", 88, True, "he")
    stop, word = (Image.new("L", (600, 120)) for _ in range(2))
    ImageDraw.Draw(word).text((500, 100), "שלום.", font=face.font, fill=255, anchor="rs", direction=face.direction, language="he")
    ImageDraw.Draw(stop).text((500, 100), "שלום", font=face.font, fill=255, anchor="rs", direction=face.direction, language="he")
    extra = ImageChops.difference(word, stop).getbbox()
    assert extra and extra[2] < stop.getbbox()[0] + 5, f"the full stop is drawn at {extra}, the word at {stop.getbbox()}"


CLOSING = "，。、！？；：」）"


@pytest.mark.parametrize("lang", ["zh", "ja", "ko", "th"])
def test_lines_break_where_the_language_breaks(lang):
    """Chinese and Japanese between characters but never before closing punctuation, Korean
    between words, Thai between words by its dictionary: every line fits, no hyphen is added,
    and the lines read back as the words."""
    words = SCRIPTS[lang] * 3
    face = cards.typeface(words, cards.MAIN_SIZES[0], True, lang)
    lines, cut = cards.wrap(words, face, 20, lang)
    assert len(lines) > 2 and not cut, lines
    assert all(face.getlength(line) <= cards.WIDTH for line in lines), lines
    assert "".join(lines).replace(" ", "") == words.replace(" ", ""), lines
    assert not [line for line in lines[1:] if line[0] in CLOSING], lines
    if lang == "ko":  # written with spaces: whole words on each line
        assert all(set(line.split()) <= set(words.split()) for line in lines), lines


def test_what_no_font_holds_gives_way_to_the_title():
    """A script no font here has (Tifinagh), alone or in Latin words, Arabic and Chinese in one
    text (no family holds both), or only emoji: left off whole, the title stands in, never a box."""
    fallback = cards.draw("Statement", TITLE, "", (cards.SOURCE,))
    for words in ("ⵜⴰⵎⴰⵣⵉⵖⵜ ⵜⴰⵏⴰⵡⴰⵢⵜ", "Ceasefire ⵜⴰⵎⴰⵣⵉⵖⵜ now", "وقف 停火", "🕊️🕊️🕊️"):
        assert cards.shown(words) == "", words
        assert ImageChops.difference(cards.draw("Statement", words, "", SOURCE_LINES), fallback).getbbox() is None, words


@pytest.fixture
def without_fribidi(monkeypatch):
    """As on a machine whose Pillow finds no FriBiDi: Raqm cannot lay out text."""
    monkeypatch.setattr(cards, "can_shape", lambda: False)
    cards.characters.cache_clear(), cards.all_characters.cache_clear()
    yield
    monkeypatch.undo()
    cards.characters.cache_clear(), cards.all_characters.cache_clear()


def test_without_fribidi_a_card_needing_it_says_what_to_install(without_fribidi):
    arabic = {"kicker": "Statement", "main": SCRIPTS["ar"], "text": "", "source": SOURCE_LINES, "lang": "ar"}
    latin = {"kicker": "Statement", "main": "Ceasefire now.", "text": "", "source": SOURCE_LINES, "lang": "en"}
    assert "apt-get install libfribidi0" in cards.shaping_problem(arabic)
    assert cards.shaping_problem(latin) is None
    assert cards.shown(SCRIPTS["ar"]) == "" and cards.shown("Ceasefire now.") == "Ceasefire now."


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


def test_builds_at_once_share_the_cache_whole(tmp_path):
    """Builds running at once (make check's workers) write the same card into one cache: no
    writer fails on another's file, and each file read is whole (source/files.py, write_whole)."""
    path = tmp_path / "card.png"
    versions = [bytes([n]) * 200_000 for n in range(16)]

    def write(data):
        for _ in range(20):
            write_whole(path, data)
        return path.read_bytes()

    with ThreadPoolExecutor(8) as pool:
        read = list(pool.map(write, versions))
    assert all(data in versions for data in read), "a file read half written"
    assert path.read_bytes() in versions and not list(tmp_path.glob("*.part"))


@pytest.fixture
def new_drawing_version():
    """cards.drawing_version() computed afresh in the test, and again after it."""
    cards.drawing_version.cache_clear()
    yield
    cards.drawing_version.cache_clear()


def test_the_fonts_are_committed_and_part_of_every_card_key(monkeypatch, new_drawing_version):
    """Each font is in the card's key, and so are the card's language and the libraries that lay
    it out; all of them together stay within what a clone may grow by (25 MB)."""
    for path in cards.FONTS.values():
        assert path.is_relative_to(ROOT / "statement_site" / "fonts"), path
        assert path in cards.DRAWN_WITH, f"{path.name} is not in the card's key: a new font would keep old card names"
    assert sum(path.stat().st_size for path in cards.FOLDER.iterdir()) < 25_000_000
    assert (cards.FOLDER / "OFL.txt").is_file() and (cards.FOLDER / "README.md").is_file()
    assert all(name in cards.layout() for name in ("Pillow", "raqm", "harfbuzz", "fribidi", "ICU"))
    card = {"kicker": "Statement", "main": TITLE, "text": "", "source": (cards.SOURCE,), "lang": "en"}
    key = cards.card_key(card)
    assert cards.card_key({**card, "lang": "ja"}) != key
    monkeypatch.setattr(cards, "layout", lambda: "another version of Raqm")
    cards.drawing_version.cache_clear()
    assert cards.card_key(card) != key


def test_a_font_replaced_gives_new_cards(tmp_path, monkeypatch, new_drawing_version):
    """A font in the card's key by its size and time of change: another file in its place (a
    checkout, a copy) gives a new key, so no card drawn with the old font is reused."""
    font = tmp_path / "NotoSans-Regular.ttf"
    font.write_bytes(cards.FONTS["latin", False].read_bytes())
    monkeypatch.setattr(cards, "DRAWN_WITH", (font,))
    card = {"kicker": "Statement", "main": TITLE, "text": "", "source": (cards.SOURCE,), "lang": "en"}
    key = cards.card_key(card)
    font.write_bytes(cards.FONTS["latin", True].read_bytes())
    cards.drawing_version.cache_clear()
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
