"""What a part is, defined once, and a rendered page cut into parts.

A part is one block of a page as a reader sees it and may link to. Everything that asks what a
part is asks this module: the model (`cut_into_parts`), the editor checks (which parts need an ID,
and the habits to name), the share extension (which parts get a share control, and what it calls
them), the share pages and each page's preview (a part's words), and the tests.

- `KINDS`: every kind of part the site renders, what editors call it, the elements it is built
  as, whether and how an editor gives it an ID, and what its share address calls it.
- `HABITS`: what editors write, taught by GitHub's preview or Material's documentation, that the
  site does not render, each with what to write instead. A block written with one is a part of
  its own kind, "habit", never "a paragraph", so that the checks name the habit.
- `each_part(root)`: THE reading of a rendered tree into parts, in order.
- `visible_text`: how a part reads (an image as "[image: its alt text]", a task's box as "[x]" or
  "[ ]", so that the redline and the tests see them); `Part.words`: how it reads when shared, in
  a title, a description or a card (its words alone, never a placeholder).
- `Detail` and `ASPECTS`: what a reader perceives of a part beyond its words (where its links
  lead, its images' files and tooltips, words struck through, abbreviations' expansions, the
  direction and language it is written in, a heading's level), which the redline compares.

Each part knows the line an editor wrote it on (`Locator`: Python-Markdown keeps no line
numbers), so that every message names `file:line`."""

import bisect
import html
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from .text import PLACEHOLDER, STASHED, as_read, slug, squeeze, strip_tags

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Kind:
    """A kind of part the site renders."""

    name: str  # what editors call it
    built_as: tuple[str, ...]  # the elements it is built as
    id_line: str | None = None  # how an editor gives it an ID (a template); None: it takes none
    needs_an_id: bool = False  # on a page whose parts are shared, a reader must be able to link to it
    shared_as: str | None = None  # what its share page calls it ("Read this call…"); None: no share address
    control: str | None = None  # what its share control calls it ("Copy link to item 2 of …")


ID_UNDER_IT = "add a line '{{#{id}}}' right under it"
KINDS = {
    "heading": Kind(
        "section heading",
        ("h1", "h2", "h3", "h4", "h5", "h6"),
        "write it at the end of the heading's line: '{marker} {text} {{#{id}}}'",
        needs_an_id=True,
        shared_as="section",
    ),
    "paragraph": Kind("paragraph", ("p",), ID_UNDER_IT, needs_an_id=True, shared_as="paragraph", control="paragraph"),
    "item": Kind(
        "list item",
        ("li",),
        "add a line '{indent}{{#{id}}}' right under it, indented like its text",
        needs_an_id=True,
        shared_as="call",
        control="item",
    ),
    "quote": Kind("quotation", ("p",), "add a line '> {{#{id}}}' right under it", needs_an_id=True, shared_as="quotation", control="quotation"),
    "image": Kind("image", ("p",), "add a line '{{#{id}}}' right under the image's line", shared_as="image", control="image"),
    # An image and its caption: `![…](…)` and an emphasised line under it, or `/// caption`.
    "figure": Kind("image with a caption", ("figure",), "add a line '{{#{id}}}' right under the image's line", shared_as="image", control="image"),
    "table": Kind("table", ("table",)),
    "definitions": Kind("definition list", ("dl",)),
    "notice": Kind("notice", ("div",)),
    "footnote": Kind("footnote", ("li",)),
    "code": Kind("code block", ("pre",)),
    # What the site does not render (HABITS): it would show as typed, so the checks name it.
    "habit": Kind("habit", ("p",)),
}


@dataclass(frozen=True)
class Habit:
    """Something editors write that the site does not render, and what to write instead."""

    name: str  # what it is, as its documentation calls it
    written: re.Pattern  # how a block written with it starts (a block habit), or any of its text
    advice: str  # the message: what it would do, and what to write instead; `{…}` from `written`
    block: bool = True  # it starts a block; else it may be anywhere in a part's words

    def message(self, text: str) -> str:
        """What to tell an editor who wrote `text` (the line it starts on, or the part's words)."""
        found = self.written.search(text)
        values = {key: value or "" for key, value in found.groupdict().items()}
        values["kind"] = values.get("kind") or "note"  # `??? "Title"`: Material's default kind
        ident = slug(values.get("title") or values["kind"])
        return self.advice.format(**values, slug=ident if ident != "part" else "section")


NOTICE = "a notice is '!!! note \"Its title\"' (or info, tip, warning, danger…), its text indented by four spaces on the lines under it"
FOLDS = "which hides its text from readers who do not open it, and from print"
TABS = "which show one tab at a time and hide the others' text, in print too"
HABITS = (
    Habit(
        "a note that folds away (Material's ???)",
        re.compile(r'^(?P<marker>\?{3}\+?)\s*(?P<kind>[\w-]*)(?:\s+"(?P<title>[^"]*)")?'),
        f"'{{marker}} {{kind}}' makes a note that folds away, {FOLDS}: write '!!! {{kind}}' instead, its title and text as they are",
    ),
    Habit(
        "a note that folds away (/// details)",
        re.compile(r"^///\s*details\b"),
        f"'/// details' makes a note that folds away, {FOLDS}: write '/// note' instead, its title and text as they are",
    ),
    Habit(
        "content tabs (Material's ===)",
        re.compile(r'^(?P<marker>={3}[!+]?)\s*"(?P<title>[^"]*)"'),
        f"'{{marker}} \"{{title}}\"' makes content tabs, {TABS}: write each tab as a section instead, "
        "'### {title} {{#{slug}}}' and its text under it, not indented",
    ),
    Habit(
        "content tabs (/// tab)",
        re.compile(r"^///\s*tab\b(?:\s*\|\s*(?P<title>.*))?"),
        f"'/// tab' makes content tabs, {TABS}: write each tab as a section instead, "
        "'### {title} {{#{slug}}}' and its text under it",
    ),
    Habit(
        "a notice in colons (:::)",
        re.compile(r"^:::"),
        "':::' would show on the page as text: a notice is written as on GitHub, `> [!NOTE]` and its text on the `>` "
        "lines below (or `/// note | Its title`, its text, and `///` alone on the line after it)",
    ),
    Habit(
        "a block closed that was never opened (///)",
        re.compile(r"^///(?!\s*[\w-])"),
        "'///' alone closes a notice or a caption, but none is open here: delete it, or open the notice above its "
        "text with '/// note | Its title'",
    ),
    Habit(
        "a caption with something after '/// caption'",
        re.compile(r"^///\s*caption\b"),
        "'/// caption' stands alone on its line, or the caption shows as typed: write '/// caption', the caption on "
        "the lines under it, and '///' alone on the line after it; the figure's ID goes under its image ('{{#id}}'), "
        "and the site numbers no figures",
    ),
    Habit(
        "a block the site does not have (///)",
        re.compile(r"^///\s*(?P<kind>[^\s|]*)"),
        "'/// {kind}' is not a block the site has, so it would show as text: a notice is '/// note | Its title' (or "
        "tip, important, warning, caution, danger), its text, and '///' alone on the line after it; a caption under an "
        "image is '/// caption', the caption, and '///'",
    ),
    Habit(
        "a notice without its kind (!!!)",
        re.compile(r"^!!!"),
        f"'!!!' without a kind of notice would show on the page as text: {NOTICE}",
    ),
    Habit(
        "an HTML comment never closed",
        re.compile(r"^<!--"),
        "this HTML comment is never closed, so it would hide everything after it: end it with '-->'",
    ),
    Habit(
        "an icon of Material (:material-…:)",
        re.compile(r":(?P<kind>(?:material|fontawesome|octicons|simple)-[\w-]+):"),
        "':{kind}:' is an icon of Material for MkDocs, which the site does not have, so it would show as text: "
        "write an emoji instead, as on GitHub, such as :heart: or :dove:",
        block=False,
    ),
)


def habit_of(text: str, block: bool = True) -> Habit | None:
    """The habit `text` is written with: at its start (block), or anywhere in it; or None."""
    for habit in HABITS:
        if habit.block == block and (habit.written.match(text) if block else habit.written.search(text)):
            return habit
    return None


@dataclass(frozen=True)
class Detail:
    """Something a reader perceives of a part beyond its words: where a link leads, which file an
    image shows, a tooltip, words struck through, what an abbreviation stands for, the direction or
    language of a passage, a heading's level. Values are as a browser reads them (entities read)."""

    aspect: str  # a key of ASPECTS
    value: str  # what is perceived: an address, a file, a tooltip, struck words, an expansion, "rtl", "es", "2"
    of: str = ""  # the words it belongs to (a link's, an image's description, the abbreviation); "" the whole part


# Each aspect a part may have, as the redline names it (each value is described in `details_of`).
ASPECTS = {
    "level": "heading level",  # h1-h6: "2"
    "notice": "kind of notice",  # "note", "warning"
    "look": "shown as",  # what an editor's class makes of it: "deck", "filled button"
    "direction": "direction",  # {dir=rtl} on the part or a passage: "rtl", "ltr", "auto"
    "language": "language",  # {lang=es} on the part or a passage
    "link": "link",  # where it leads: its address
    "button": "button",  # a link shown as a button (.md-button): where it leads
    "image": "image file",  # its address, relative to the page (the redline adds what the file holds)
    "tooltip": "tooltip",  # a link's or an image's title, shown on hover
    "abbreviation": "abbreviation",  # what it stands for (`*[ILRC]: …`); `of` is the abbreviation
    "struck": "struck through",  # ~~words~~
    "emphasis": "emphasis",  # *words*
    "bold": "bold",  # **words**
    "code": "code",  # `words`, in a monospace font
}
# Inline elements by what they show, and editors' classes by what they make of a part.
STYLES = {"del": "struck", "s": "struck", "em": "emphasis", "i": "emphasis", "strong": "bold", "b": "bold", "code": "code"}
LOOKS = {"md-deck": "deck", "md-button--primary": "filled button"}


@dataclass(frozen=True)
class Part:
    """One block of a page as a reader sees it."""

    kind: str  # a key of KINDS
    id: str | None  # the element's ID in the built page
    explicit: bool  # the ID was written by an editor ({#id}), not made by the build (slugs, footnotes)
    text: str  # how it reads (visible_text): an image as "[image: its alt text]", a task's box as "[x]"
    line: int  # where the part starts in the Markdown file
    id_line: int | None  # where its {#id} is written
    section: str  # the words of the heading it comes under ("" before the first)
    level: int = 0  # a heading's rank (1-6)
    container: str | None = None  # "notice", "quote", "item" or "footnote" it sits in
    within: tuple[str, ...] = ()  # every one it sits in, outermost first
    images: tuple[tuple[str, str], ...] = ()  # (alt, src) of each image in it
    classes: tuple[str, ...] = ()
    indent: str = ""  # a list item's text indentation in the source
    words: str = ""  # how it reads when shared: its words alone (no image, box or footnote mark), else its images' descriptions
    habit: Habit | None = None  # for a "habit": what it is written with
    own_text: str = ""  # how it reads without the parts inside it (a notice's title: its paragraphs are parts)
    details: tuple[Detail, ...] = ()  # what a reader perceives of it beyond its words, itself, in order

    @property
    def name(self) -> str:
        return KINDS[self.kind].name

    @property
    def shareable(self) -> bool:
        """It has a share address: an editor gave it an ID, and its kind is shared (not the page's title)."""
        return self.explicit and is_shared(self.kind, self.level)

    @property
    def needs_an_id(self) -> bool:
        """On a page whose parts are shared, a reader must be able to link to it: not the page's
        title, the deck under it, nor what sits in a notice or a footnote."""
        return (
            KINDS[self.kind].needs_an_id
            and not (self.kind == "heading" and self.level == 1)
            and not {"notice", "footnote"} & set(self.within)
            and "md-deck" not in self.classes
        )

    def how_to_give_an_id(self, ident: str, written: str = "") -> str | None:
        """The line to write, for the ID `ident`; a heading's as `written` (its line), when given."""
        how = KINDS[self.kind].id_line
        marker, text = "#" * self.level, self.text
        if written.lstrip().startswith(marker + " "):  # the heading as typed: `:dove:`, not 🕊️
            text = written.strip()[len(marker) :].strip()
        return how and how.format(marker=marker, text=text, id=ident, indent=self.indent)


def is_shared(kind: str, level: int = 0) -> bool:
    """Whether a part of `kind` with an editor's ID has a share address: the page's title has
    none (a link to it is a link to the page)."""
    return KINDS[kind].shared_as is not None and not (kind == "heading" and level == 1)


@dataclass(frozen=True)
class Link:
    """A link or an image's address, as a browser reads it, and the line it is written on."""

    href: str
    line: int
    image: bool


def classes_of(element: Element) -> list[str]:
    return (element.get("class") or "").split()


def each_part(root: Element, stash: Sequence[str] = ()) -> Iterator[tuple[str, Element, tuple[str, ...]]]:
    """(kind, element, within) of every part of a rendered tree, in reading order: the one place
    that says which element is which part. `within` names what the part sits in, outermost first
    ("notice", "quote", "item", "footnote"); `stash`, what Python-Markdown set aside, while it
    still holds it (the share extension's tree), so that a habit is read in the words it shows."""

    def walk(element, within):
        container = within[-1] if within else None
        for child in element:
            tag, classes = child.tag, classes_of(child)
            if tag in HEADINGS:
                yield "heading", child, within
            elif tag == "p" and container == "item":
                continue  # a loose list item's paragraph: the item's own words
            elif tag == "p" and "admonition-title" not in classes:
                yield paragraph_kind(child, container, stash), child, within
            elif tag == "li":
                yield ("footnote" if container == "footnote" else "item"), child, within
                if container != "footnote":
                    yield from walk(child, (*within, "item"))
            elif tag in ("ul", "ol"):
                yield from walk(child, within)
            elif tag == "blockquote":
                yield from walk(child, (*within, "quote"))
            elif tag in SINGLE_PARTS:
                yield SINGLE_PARTS[tag], child, within
            elif tag == "div" and "admonition" in classes:
                yield "notice", child, within
                yield from walk(child, (*within, "notice"))
            elif tag == "div" and "footnote" in classes:
                yield from walk(child, (*within, "footnote"))
            elif tag in ("div", "details"):
                yield from walk(child, within)

    yield from walk(root, ())


# Elements that are one part each, whatever they hold (their words are the part's).
SINGLE_PARTS = {"table": "table", "dl": "definitions", "figure": "figure", "pre": "code"}


def paragraph_kind(element: Element, container: str | None, stash: Sequence[str] = ()) -> str:
    """A paragraph's kind: an image alone (in a link or not), a habit the site does not render,
    a quotation's paragraph, or a paragraph."""
    if element.find(".//img") is not None and not squeeze(visible_text(element, stash, marks=False)):
        return "image"
    if habit_of(visible_text(element, stash)):
        return "habit"
    return "quote" if container == "quote" else "paragraph"


def cut_into_parts(root: Element, written: set[str], lines: list[str], body_line: int) -> tuple[list[Part], list[Link]]:
    """(parts, links) of a rendered page, in order, each with its line in the Markdown file."""
    parts, links, locator = [], [], Locator(lines, body_line)
    section = ""
    found_parts = list(each_part(root))
    elements = {element for _, element, _ in found_parts}  # a part inside another is its own
    for kind, element, within in found_parts:
        text, words = visible_text(element), shared_words(kind, element)
        level = int(element.tag[1]) if kind == "heading" else 0
        if kind == "heading" and not within:
            section = words
        explicit = element.get("id") in written
        # A habit by the line it starts on (its words lose where the line ends), other parts by their words.
        found = kind == "habit" and locator.line_starting(lambda written: habit_of(written) is not None)
        line = found or locator.line_of(kind, element, text)
        habit = (habit_of(lines[line - 1].strip()) or habit_of(text)) if kind == "habit" else None
        parts.append(
            Part(
                kind=kind,
                id=element.get("id"),
                explicit=explicit,
                text=text,
                line=line,
                id_line=locator.id_line(element.get("id"), line) if explicit else None,
                section=section,
                level=level,
                container=within[-1] if within else None,
                within=within,
                images=tuple((img.get("alt", ""), img.get("src", "")) for img in element.iter("img")),
                classes=tuple(classes_of(element)),
                indent=locator.indent_of(line) if kind == "item" else "",
                words=words,
                habit=habit,
                own_text=visible_text(element, apart=elements),
                details=details_of(kind, element, level, apart=elements),
            )
        )
    for element in root.iter():
        href = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
        href = href and as_read(href)
        if href and "headerlink" not in classes_of(element) and "footnote" not in (element.get("class") or ""):
            links.append(Link(href, locator.link_line(href), element.tag == "img"))
    return parts, links


def visible_text(element: Element, stash: Sequence[str] = (), marks: bool = True, apart: Collection[Element] = ()) -> str:
    """The words a reader sees: permalink signs, footnotes' way back and a list item's nested
    lists left out (`is_left_out`), and the elements of `apart` (parts of their own); an image as
    "[image: its alt text]", a task's box as "[x]" or "[ ]" and a footnote's mark as its number (or
    none of them, without `marks`); a line break as a space; what Python-Markdown set aside read
    from `stash`, its other placeholders dropped. Only the links the site made are left out:
    content safety refuses those classes anywhere else (allowlist.GENERATED_CLASSES)."""
    out = []

    def collect(node, top):
        if node is not top and (is_left_out(node, top) or node in apart or not marks and is_footnote_mark(node)):
            out.append(node.tail or "")
            return
        if node.tag == "img" and marks:
            out.append(f"[image: {squeeze(node.get('alt', ''))}]")
        elif node.tag == "input" and marks:
            out.append("[x] " if node.get("checked") is not None else "[ ] ")
        elif node.tag == "br":
            out.append(" ")
        out.append(node.text or "")
        for child in node:
            collect(child, top)
        if node is not top:
            out.append(node.tail or "")

    collect(element, element)
    text = STASHED.sub(lambda m: strip_tags(stash[int(m.group(1))]) if int(m.group(1)) < len(stash) else "", "".join(out))
    return squeeze(as_read(PLACEHOLDER.sub("", text)))


def is_left_out(node: Element, top: Element) -> bool:
    """Whether an element inside a part is none of the part's: a permalink sign, a footnote's way
    back, a list item's nested lists (their items are parts)."""
    classes = classes_of(node)
    generated = node.tag == "a" and ("headerlink" in classes or "footnote-backref" in classes)
    return node.tag in ("ul", "ol") and top.tag == "li" or generated


def details_of(kind: str, element: Element, level: int = 0, apart: Collection[Element] = ()) -> tuple[Detail, ...]:
    """What a reader perceives of a part beyond its words, in reading order: its level (a
    heading), its kind (a notice), what an editor's class makes of it, the direction and language
    of the part or of a passage, each link's or button's address and tooltip, each image's file
    and tooltip, each abbreviation's expansion, the words struck through, emphasised, bold or
    set as code. The parts inside it (`apart`) and what `is_left_out` are left to their own."""
    found = [Detail("level", str(level))] if kind == "heading" else []
    if kind == "notice":
        found += [Detail("notice", name) for name in classes_of(element) if name != "admonition"]

    def visit(node, top):
        of = "" if node is top else visible_text(node)
        classes = classes_of(node)
        found.extend(Detail("look", LOOKS[name], of) for name in classes if name in LOOKS)
        for attribute, aspect in (("dir", "direction"), ("lang", "language")):
            if node.get(attribute) is not None:
                found.append(Detail(aspect, as_read(node.get(attribute)), of))
        if node.tag == "a" and node.get("href") is not None and "footnote-ref" not in classes:
            found.append(Detail("button" if "md-button" in classes else "link", as_read(node.get("href")), of))
        elif node.tag == "img":
            of = squeeze(as_read(node.get("alt", "")))
            found.append(Detail("image", as_read(node.get("src", "")), of))
        elif node.tag == "abbr":
            found.append(Detail("abbreviation", as_read(node.get("title", "")), of))
        elif node.tag in STYLES and not (node.tag == "code" and top.tag == "pre"):
            found.append(Detail(STYLES[node.tag], of))
        if node.tag in ("a", "img") and node.get("title") is not None:
            found.append(Detail("tooltip", squeeze(as_read(node.get("title"))), of))
        for child in node:
            if not (is_left_out(child, top) or child in apart):
                visit(child, top)

    visit(element, element)
    return tuple(found)


def is_footnote_mark(element: Element) -> bool:
    """A footnote's mark in the text (`[^1]`, shown as a raised number)."""
    return element.tag == "sup" and element.find("a[@class='footnote-ref']") is not None


def shared_words(kind: str, element: Element) -> str:
    """How a part reads in a share page's title and description and on a card: a figure by its
    caption, any other by its words (without its footnotes' marks); by its images' descriptions
    when it has no words."""
    caption = element.find("figcaption") if kind == "figure" else None
    words = visible_text(caption if caption is not None else element, marks=False)
    return words or ", ".join(squeeze(img.get("alt", "")) for img in element.iter("img") if img.get("alt", "").strip())


WORD = re.compile(r"\w+")


def id_written_in(line, ident):
    """Whether `line` gives `ident` in an attribute list: `#ident` after a `{` and no `}`
    between, not followed by a letter, digit, `_` or `-` (as `{…#ident}` reads; searched as
    text, not by a pattern made for each ID)."""
    needle = f"#{ident}"
    at = line.find(needle)
    while at >= 0:
        end = at + len(needle)
        brace = line.rfind("{", 0, at)
        ends = end == len(line) or not (line[end].isalnum() or line[end] in "_-")
        if ends and brace >= 0 and "}" not in line[brace + 1 : at]:
            return True
        at = line.find(needle, at + 1)
    return False


class Locator:
    """The line of the Markdown file an element came from: found by its {#id}, else by its first
    words, searching forward from the last part found (Python-Markdown keeps no line numbers).
    Words are compared as a browser shows them (entities read), across line breaks."""

    def __init__(self, lines, body_line):
        self.lines, self.body_line = lines, body_line
        self.words = [(word, index) for index, line in enumerate(lines) for word in WORD.findall(html.unescape(line).lower())]
        self.word_lines = [index for _, index in self.words]  # in order: where a line's words start, by bisection
        self.positions = {}  # word -> its positions in self.words, in order
        for at, (word, _) in enumerate(self.words):
            self.positions.setdefault(word, []).append(at)
        self.last = body_line - 1  # index into lines

    def id_line(self, ident, start=None):
        """The line where `{#ident}` is written: the first from line `start`, else from the top."""
        if not ident:
            return None
        for begin in (start or self.body_line, self.body_line):
            for index in range(begin - 1, len(self.lines)):
                if id_written_in(self.lines[index], ident):
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

    def line_starting(self, starts: Callable[[str], bool]) -> int | None:
        """The first line from the last part found whose text (indentation aside) `starts`
        says is one, or None."""
        found = next((i for i in range(self.last, len(self.lines)) if starts(self.lines[i].strip())), None)
        if found is not None:
            self.last = found
        return found + 1 if found is not None else None

    def find(self, probe, start):
        """The line where the words `probe` begin, at or after line index `start`."""
        size, first = len(probe), bisect.bisect_left(self.word_lines, start)
        positions = self.positions.get(probe[0], [])
        for at in positions[bisect.bisect_left(positions, first) :]:
            if [w for w, _ in self.words[at : at + size]] == probe:
                return self.words[at][1]
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


def locate_text(lines: list[str], text: str | tuple[str, ...], start: int) -> int:
    """The first line from `start` holding `text` (raw HTML an editor wrote), or one of its ways
    of being written (a tuple), in any case, else `start`."""
    written = [each.casefold() for each in ((text,) if isinstance(text, str) else text) if each]
    for index in range(start - 1, len(lines)):
        if any(each in lines[index].casefold() for each in written):
            return index + 1
    return start
