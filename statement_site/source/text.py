"""Words as a reader reads them, IDs, and the characters that make text read otherwise than it
shows: the vocabulary the model, the Markdown extensions and the checks share. It imports
nothing of the project, so that every module may use it."""

import html
import re
import unicodedata

import markdown

from .. import limits

ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
# Invisible or direction-changing characters: they make text read otherwise than it shows.
INVISIBLE = {0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0}
INVISIBLE |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2060, 0x2070))
INVISIBLE |= set(range(0xFE00, 0xFE10)) | set(range(0xE0000, 0xE0080))


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


def is_control(char):
    code = ord(char)
    return (code < 0x20 and char not in "\t\r") or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029, 0x85)


def strip_tags(raw):
    return re.sub(r"<[^>]*>", "", raw)
