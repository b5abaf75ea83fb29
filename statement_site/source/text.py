"""Words as a reader reads them, IDs, and the characters that make text read otherwise than it
shows: the vocabulary the model, the Markdown extensions and the checks share. It imports
nothing of the project, so that every module may use it."""

import functools
import html
import re
import unicodedata

import markdown
import regex
from fontTools.unicodedata import Scripts, script_extension, script_horizontal_direction

from .. import limits

ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
# Invisible or direction-changing characters: they make text read otherwise than it shows,
# unless they are part of the spelling where they stand (`needed`).
INVISIBLE = {0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0}
INVISIBLE |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2060, 0x2070))
INVISIBLE |= set(range(0xFE00, 0xFE10)) | set(range(0xE0000, 0xE0080))
ZERO_WIDTH_SPACE, JOINERS = "\u200b", frozenset("\u200c\u200d")  # ZWSP; ZWNJ and ZWJ
ZWJ, BLACK_FLAG, CANCEL_TAG = "\u200d", "\U0001f3f4", "\U000e007f"
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")  # LRM, RLM, ALM: they embed and override nothing
COMMON_SCRIPTS = {"Zyyy", "Zinh"}  # characters of every script: signs, digits, combining marks
# A script whose letters join (Arabic, Syriac, N'Ko, Mongolian…) or that kills a vowel with a
# virama (Devanagari, Bengali, Sinhala, Khmer…) spells some words with a joiner or a non-joiner.
JOINING = regex.compile(r"[\p{Joining_Type=Dual_Joining}\p{Canonical_Combining_Class=Virama}]")
# Scripts written without spaces between words (Thai, Lao, Khmer, Myanmar): a zero-width space
# marks where a line may break.
UNSPACED = regex.compile(r"\p{Line_Break=Complex_Context}")
# What an emoji sequence joins (👩‍💻, 🏳️‍🌈) and what a variation selector chooses a form of (❤️,
# 1️⃣, a mathematical sign, an ideograph's standardized variant).
PICTOGRAPH = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}]")
VARIABLE = regex.compile(r"[\p{Emoji}\p{Sm}\p{Script=Han}]")
# Where a text cut short may not end before its ellipsis: spaces, and commas, colons and dashes
# of any script (Unicode's SContinue: "," "، " "、" "，" "：" "–"…); cards and share pages.
CLAUSE_END = regex.compile(r"[\p{Sentence_Break=SContinue}\s]+$")


def is_id(text):
    """An ID a link may end in: ASCII lowercase letters, digits and inner hyphens, bounded."""
    return (
        0 < len(text) <= limits.ID_LENGTH
        and set(text) <= ID_CHARACTERS
        and not text.startswith("-")
        and not text.endswith("-")
    )


def slug(text, words=3):
    """A short ID from the first words of a text: 'Congress must reject…' -> 'congress-must-reject'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    found = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(found[:words])[: limits.ID_LENGTH].strip("-") or "part"


def squeeze(text):
    """Ordinary white space folded, the statement's non-breaking spaces kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")


def as_read(value):
    """Text or an attribute of Python-Markdown's tree as a browser reads it once written out:
    entities decoded ("&lt;" is "<", `&#106;avascript:` is `javascript:`), those Python-Markdown
    writes itself (an e-mail address, `<info@ilrc.org>`) included, whose `&` it holds as a
    placeholder until then, and so are characters escaped with a backslash (`a\\_b`)."""
    value = ESCAPED.sub(lambda m: chr(int(m.group(1))), value.replace(markdown.util.AMP_SUBSTITUTE, "&"))
    return html.unescape(value)


# A character escaped with a backslash, as Python-Markdown holds it until it writes it out.
ESCAPED = re.compile("\x02([0-9]+)\x03")
# Python-Markdown's placeholders for what it set aside until its last step (raw HTML, inline
# elements, a footnote's way back): never words, nor part of an address. Not those of `&` and of
# escaped characters (`\_`), which stand for the character itself.
PLACEHOLDER = re.compile("\x02(?!amp\x03|[0-9]+\x03)[^\x02\x03]*\x03")
# Of those, what it set aside whole until its postprocessors run (raw HTML, entities, code blocks).
STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


# Control characters: C0 but tab and carriage return, DEL, C1, and the line and paragraph separators.
CONTROL = re.compile("[\x00-\x08\x0a-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def is_control(char):
    return CONTROL.fullmatch(char) is not None


def visible(text):
    """`text` with each character that would break a line or hide itself written as its escape
    (a line break reads `\\n`, a direction mark `\\u202e`): printed, it stays on its own line
    and reads as it is, so that nothing in it can start a line of its own (a workflow command
    in a CI log) or reorder what follows. A joiner a word's spelling needs stays (آتش‌بس)."""
    return "".join(escape_of(char) if is_hidden(char) and not needed(text, n) else char for n, char in enumerate(text))


def hidden_in_value(value, allowed=""):
    """The first control or invisible character of a setting's or front matter's value that its
    words' spelling does not need (a Persian title's non-joiner, hidden_characters), or None."""
    controls = (c for c in value if c not in allowed and is_control(c))
    return next(controls, None) or next((c for _, c in hidden_characters(value, marks=True)), None)


def hidden_characters(text, marks=False):
    """[(index, character)] of the invisible and direction-changing characters of `text` that
    its spelling does not need (`needed`); with `marks`, the direction marks (LRM, RLM, ALM) of
    a text that holds right-to-left letters are needed too: they set where a sign or a number
    falls between words of both directions, and embed or override nothing."""
    found = [(n, char) for n, char in enumerate(text) if ord(char) in INVISIBLE and not needed(text, n)]
    if marks and any(char in DIRECTION_MARKS for _, char in found) and has_right_to_left(text):
        found = [(n, char) for n, char in found if char not in DIRECTION_MARKS]
    return found


def has_right_to_left(text):
    """Whether `text` holds a letter of a script written right to left (Arabic, Hebrew…)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") and unicodedata.category(char)[0] == "L" for char in text)


def needed(text, n):
    """Whether the invisible character text[n] is part of the spelling where it stands, as
    Unicode's properties tell (never a list of words):
    - a non-joiner or a joiner between letters or marks of one script that joins its letters or
      has a virama (آتش‌بس, क्‍ष), and a script's own invisible letter between its letters (the
      Mongolian vowel separator);
    - a joiner inside an emoji sequence (👩‍💻); a variation selector after an emoji, a sign or an
      ideograph (❤️); tags between a black flag and their cancel tag (a region's flag);
    - a zero-width space between letters of a script written without spaces (Thai, Khmer…).
    Between Latin letters, at a word's edge or in an ID, none is: there it only hides."""
    char, code = text[n], ord(text[n])
    before, after = text[n - 1 : n] if n else "", text[n + 1 : n + 2]
    if char == ZWJ and after and PICTOGRAPH.match(after) and emoji_before(text, n):
        return True
    if char in JOINERS or script_extension(char) - COMMON_SCRIPTS:
        own = script_extension(char) - COMMON_SCRIPTS
        shared = letter_scripts(text, n, -1) & letter_scripts(text, n, 1)
        return any(joins(script) for script in (shared & own if own else shared))
    if char == ZERO_WIDTH_SPACE:
        return bool(before and after and UNSPACED.match(before) and UNSPACED.match(after))
    if 0xFE00 <= code <= 0xFE0F:
        return bool(before and VARIABLE.match(before))
    if 0xE0020 <= code <= 0xE007F:
        start, end = n, n
        while start and 0xE0020 <= ord(text[start - 1]) <= 0xE007E:
            start -= 1
        while text[end] != CANCEL_TAG and end + 1 < len(text) and 0xE0020 <= ord(text[end + 1]) <= 0xE007F:
            end += 1
        return start > 0 and text[start - 1] == BLACK_FLAG and text[end] == CANCEL_TAG
    return False


def emoji_before(text, n):
    """Whether an emoji ends just before text[n], its variation selector or skin tone included."""
    n -= 1
    while n >= 0 and (text[n] == "\ufe0f" or 0x1F3FB <= ord(text[n]) <= 0x1F3FF):
        n -= 1
    return n >= 0 and bool(PICTOGRAPH.match(text[n]))


def letter_scripts(text, n, step):
    """The scripts of the letter or mark next to text[n] (before it: step -1), found past the
    marks every script shares; none if it is no letter or mark (a space, a sign, the edge)."""
    n += step
    while 0 <= n < len(text):
        char = text[n]
        if unicodedata.category(char)[0] not in "LM":
            return set()
        scripts = script_extension(char) - COMMON_SCRIPTS
        if scripts:
            return scripts
        n += step
    return set()


@functools.cache
def joins(script):
    """Whether `script` (an ISO 15924 code) has joining letters or a virama, as its characters'
    properties say: read once for each script a text puts a joiner in."""
    ranges = Scripts.RANGES
    return any(
        JOINING.match(chr(code))
        for n, value in enumerate(Scripts.VALUES)
        if value == script
        for code in range(ranges[n], ranges[n + 1] if n + 1 < len(ranges) else 0x110000)
    )


def is_hidden(char):
    # Cs: a file name's undecodable bytes, kept by git's output as surrogates, cannot be printed.
    return unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs") or ord(char) in INVISIBLE


def escape_of(char):
    return char.encode("unicode_escape").decode("ascii")


def strip_tags(raw):
    return re.sub(r"<[^>]*>", "", raw)


@functools.cache
def direction(lang):
    """"rtl" for a language written right to left (Arabic, Hebrew, Persian, Urdu, Pashto…): one
    whose script is, the tag's own (`pa-Arab`) or else the one CLDR's likely subtags give its
    language (Babel's data: `fa-AF` is Persian, in Arabic script), that script's direction as
    Unicode's data says (fontTools); "ltr" otherwise, and for a language neither knows. (Babel's
    likely subtags, not each locale's whole data: 5 ms, not 15, on every build.)"""
    from babel.core import get_global  # only once a page's language is asked

    subtags = lang.replace("_", "-").split("-")
    script = next((subtag.title() for subtag in subtags[1:] if len(subtag) == 4 and subtag.isalpha()), None)
    if script is None:
        likely = get_global("likely_subtags")
        found = likely.get("_".join(subtags[:2])) or likely.get(subtags[0].lower()) or ""
        script = next((subtag for subtag in found.split("_")[1:] if len(subtag) == 4), None)
    return "rtl" if script and script_horizontal_direction(script, "LTR") == "RTL" else "ltr"


@functools.lru_cache(maxsize=4096)  # a card tries its words at each size
def line_breaks(text, lang="en"):
    """`text` cut where a line may break, each piece with the spaces that follow it, as ICU's
    line breaker finds them for `lang` (Unicode's line breaking: after a space or a hyphen,
    between two ideographs but not before "，" "。" "」", Thai and Khmer by their dictionaries;
    never at a non-breaking space), breaking by phrases where ICU knows them: Japanese between
    phrases (恒久的な｜停戦と、), Korean between words, as CSS's `word-break: auto-phrase` does."""
    from icu4py.breakers import LineBreaker  # only once a card or a share title is laid out

    locale = f"{lang.replace('-', '_')}@lw=phrase"
    return tuple(text[start:end] for start, end in LineBreaker(text, locale).segments()) if text else ()
