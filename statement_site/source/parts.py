"""What a part is, defined once, and a rendered page cut into parts.

A part is one block of a page as a reader sees it and may link to: a heading, a paragraph, a
list item, a quotation, an image, a table, a notice, a footnote or a code block. `KINDS` says,
for each kind, what editors call it and how they give it an ID; `Part.shareable` which parts get
a share address. Each part knows the line an editor wrote it on (`Locator`: Python-Markdown keeps
no line numbers), so that every message names `file:line`."""

import html
import re
from dataclasses import dataclass

from .text import as_read, squeeze

# A part's kind -> what an editor calls it, and how they give it an ID (None: it takes none).
KINDS = {
    "heading": ("section heading", "write it at the end of the heading's line: '{marker} {text} {{#{id}}}'"),
    "paragraph": ("paragraph", "add a line '{{#{id}}}' right under it"),
    "item": ("list item", "add a line '{indent}{{#{id}}}' right under it, indented like its text"),
    "quote": ("quotation", "add a line '> {{#{id}}}' right under it"),
    "image": ("image", "add a line '{{#{id}}}' right under the image's line"),
    "table": ("table", None),
    "notice": ("notice", None),
    "footnote": ("footnote", None),
    "code": ("code block", None),
}
# What a reader may link to and share, when an editor gave it an ID.
SHAREABLE = {"heading", "paragraph", "item", "quote", "image"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Python-Markdown's placeholders left in text (the footnotes' way back); not `&`'s, which
# `as_read` restores.
PLACEHOLDER = re.compile("\x02(?!amp\x03)[^\x02\x03]*\x03")


@dataclass(frozen=True)
class Part:
    """One block of a page as a reader sees it."""

    kind: str  # a key of KINDS
    id: str | None  # the element's ID in the built page
    explicit: bool  # the ID was written by an editor ({#id}), not made by the build (slugs, footnotes)
    text: str  # the words a reader sees; an image reads as "[image: its alt text]"
    line: int  # where the part starts in the Markdown file
    id_line: int | None  # where its {#id} is written
    section: str  # the text of the heading it comes under ("" before the first)
    level: int = 0  # a heading's rank (1-6)
    container: str | None = None  # "notice", "quote", "item" or "footnote" it sits in
    within: tuple = ()  # every one it sits in, outermost first
    images: tuple = ()  # (alt, src) of each image in it
    classes: tuple = ()
    indent: str = ""  # a list item's text indentation in the source

    @property
    def name(self):
        return KINDS[self.kind][0]

    @property
    def shareable(self):
        return self.explicit and self.kind in SHAREABLE and not (self.kind == "heading" and self.level == 1)

    def how_to_give_an_id(self, ident):
        how = KINDS[self.kind][1]
        marker = "#" * self.level
        return how and how.format(marker=marker, text=self.text, id=ident, indent=self.indent)


@dataclass(frozen=True)
class Link:
    """A link or an image's address, as a browser reads it, and the line it is written on."""

    href: str
    line: int
    image: bool


def cut_into_parts(root, written, lines, body_line):
    """(parts, links) of a rendered page, in order, each with its line in the Markdown file."""
    parts, links, locator = [], [], Locator(lines, body_line)
    section = ""

    def add(kind, element, within, **extra):
        container = within[-1] if within else None
        nonlocal section
        text = visible_text(element)
        if kind == "heading" and container is None:
            section = text
        explicit = element.get("id") in written
        line = locator.line_of(kind, element, text)
        part = Part(
            kind=kind,
            id=element.get("id"),
            explicit=explicit,
            text=text,
            line=line,
            id_line=locator.id_line(element.get("id"), line) if explicit else None,
            section=section,
            container=container,
            within=within,
            images=tuple((img.get("alt", ""), img.get("src", "")) for img in element.iter("img")),
            classes=tuple((element.get("class") or "").split()),
            indent=locator.indent_of(line) if kind == "item" else "",
            **extra,
        )
        parts.append(part)
        return part

    def walk(element, within):
        container = within[-1] if within else None
        for child in element:
            tag = child.tag
            if tag in HEADINGS:
                add("heading", child, within, level=int(tag[1]))
            elif tag == "p" and container == "item":
                continue  # a loose list item's paragraph: the item's own words
            elif tag == "p":
                if "admonition-title" in (child.get("class") or "").split():
                    continue
                only_image = not squeeze(text_without_images(child)) and child.find(".//img") is not None
                kind = "image" if only_image else "quote" if container == "quote" else "paragraph"
                add(kind, child, within)
            elif tag == "li" and container == "footnote":
                add("footnote", child, within)
            elif tag == "li":
                add("item", child, within)
                walk(child, (*within, "item"))
            elif tag in ("ul", "ol"):
                walk(child, within)
            elif tag == "blockquote":
                walk(child, (*within, "quote"))
            elif tag == "table":
                add("table", child, within)
            elif tag == "pre":
                add("code", child, within)
            elif tag == "div" and "admonition" in (child.get("class") or "").split():
                add("notice", child, within)
                walk(child, (*within, "notice"))
            elif tag == "div" and "footnote" in (child.get("class") or "").split():
                walk(child, (*within, "footnote"))
            elif tag in ("div", "details", "figure"):
                walk(child, within)

    walk(root, ())
    for element in root.iter():
        href = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
        href = href and as_read(href)
        if href and "headerlink" not in (element.get("class") or "").split() and "footnote" not in (element.get("class") or ""):
            links.append(Link(href, locator.link_line(href), element.tag == "img"))
    return parts, links


def text_without_images(element):
    return "".join(t for t in element.itertext())


def visible_text(element):
    """The words a reader sees: permalink signs, footnotes' way back and nested lists left out,
    an image as "[image: its alt text]". Only the links the site made are left out: content
    safety refuses those classes anywhere else (allowlist.GENERATED_CLASSES)."""
    out = []

    def collect(node, top):
        classes = (node.get("class") or "").split()
        generated = node.tag == "a" and ("headerlink" in classes or "footnote-backref" in classes)
        if node is not top and (node.tag in ("ul", "ol") and top.tag == "li" or generated):
            out.append(node.tail or "")
            return
        if node.tag == "img":
            out.append(f"[image: {squeeze(node.get('alt', ''))}]")
        out.append(node.text or "")
        for child in node:
            collect(child, top)
        if node is not top:
            out.append(node.tail or "")

    collect(element, element)
    return squeeze(as_read(PLACEHOLDER.sub("", "".join(out))))


WORD = re.compile(r"\w+")


class Locator:
    """The line of the Markdown file an element came from: found by its {#id}, else by its first
    words, searching forward from the last part found (Python-Markdown keeps no line numbers).
    Words are compared as a browser shows them (entities read), across line breaks."""

    def __init__(self, lines, body_line):
        self.lines, self.body_line = lines, body_line
        self.words = [(word, index) for index, line in enumerate(lines) for word in WORD.findall(html.unescape(line).lower())]
        self.last = body_line - 1  # index into lines

    def id_line(self, ident, start=None):
        """The line where `{#ident}` is written: the first from line `start`, else from the top."""
        if not ident:
            return None
        pattern = re.compile(r"\{[^{}\n]*#" + re.escape(ident) + r"(?![\w-])")
        for begin in (start or self.body_line, self.body_line):
            for index in range(begin - 1, len(self.lines)):
                if pattern.search(self.lines[index]):
                    return index + 1
        return None

    def line_of(self, kind, element, text):
        ident = element.get("id")
        if kind == "footnote" and ident:
            label = ident.split("-", 1)[-1]
            for index in range(self.body_line - 1, len(self.lines)):
                if self.lines[index].lstrip().startswith(f"[^{label}]:"):
                    return index + 1
        probe_text = text.replace("[image: ", " ").replace("]", " ")
        if kind == "table":
            first = element.find(".//th") if element.find(".//th") is not None else element.find(".//td")
            probe_text = visible_text(first) if first is not None else ""
        probe = WORD.findall(probe_text.lower())[:4]
        found = self.find(probe, self.last) if probe else None
        if found is None and probe:
            found = self.find(probe, self.body_line - 1)
        image = element.find(".//img") if element.tag != "img" else element
        if found is None and image is not None and image.get("src"):
            found = next((i for i in range(self.last, len(self.lines)) if image.get("src") in self.lines[i]), None)
        if found is None:
            id_line = self.id_line(ident)
            found = (id_line - 1) if id_line else self.last
        self.last = max(self.last, found)
        return found + 1

    def find(self, probe, start):
        """The line where the words `probe` begin, at or after line index `start`."""
        size = len(probe)
        for at, (word, index) in enumerate(self.words):
            if index >= start and word == probe[0] and [w for w, _ in self.words[at : at + size]] == probe:
                return index
        return None

    def indent_of(self, line):
        text = self.lines[line - 1]
        match = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+)", text)
        return " " * len(match.group(1)) if match else "  "

    def link_line(self, href):
        written = href.removeprefix("mailto:")
        for index in range(self.body_line - 1, len(self.lines)):
            if written in self.lines[index]:
                return index + 1
        return self.body_line


def locate_text(lines, text, start):
    """The first line from `start` holding `text` (raw HTML an editor wrote), in any case, else
    `start`."""
    text = text.casefold()
    for index in range(start - 1, len(lines)):
        if text and text in lines[index].casefold():
            return index + 1
    return start
