"""The pages as their editors wrote them: a page of docs/ read without Markdown,
independently of the Markdown library that renders the site.

It reads what CONTRIBUTING.md tells editors to write: headings, paragraphs, lists, `{#id}`
lines, links, images (their alt text), backslash escapes (`\\#Ceasefire`), notices
(`/// note | Title` … `///`) and front matter (`lang: es`)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DOCS = Path(__file__).resolve().parent.parent / "docs"
INDEX = DOCS / "index.md"

ATTR_LIST = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
NOTICE_START = re.compile(r"^///\s*([\w-]+)\s*(?:\|\s*(.*))?$")
NOTICE_END = "///"


@dataclass
class Block:
    kind: str  # "h1" … "h6", "p" or "li"
    text: str  # the words a reader sees; an image reads as "[image: its alt text]"
    id: str | None  # the explicit ID given with {#id}, if any
    line: int  # where it starts in the Markdown file
    notice: str | None = None  # the notice's type ("note") for a notice's title and text
    images: list = field(default_factory=list)  # (alt, src) of each image in the block
    classes: list = field(default_factory=list)  # the classes given with {.class}


def image_text(alt):
    """How an image reads in a comparison of text: its alt text, marked as an image."""
    return f"[image: {squeeze(alt)}]"


def plain(text):
    """Inline Markdown to the words it shows."""
    text = IMAGE.sub(lambda m: image_text(m.group(1)), text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = ESCAPE.sub(r"\1", text)
    return squeeze(text)


def squeeze(text):
    """Fold runs of ordinary white space, keeping the statement's non-breaking spaces."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def split_front_matter(source):
    """(front matter as a dict, the lines after it, the number of the first of them)."""
    lines = source.split("\n")
    if lines[0].rstrip() == "---":
        end = next(n for n, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "..."))
        return yaml.safe_load("\n".join(lines[1:end])) or {}, lines[end + 1 :], end + 2
    return {}, lines, 1


def front_matter(path=INDEX):
    return split_front_matter(path.read_text(encoding="utf-8"))[0]


def blocks(path=INDEX):
    _, lines, first = split_front_matter(path.read_text(encoding="utf-8"))
    result, buffer, notice = [], [], None

    def flush():
        if not buffer:
            return
        first_line, kind, parts = buffer[0][0], buffer[0][1], [text for _, _, text in buffer]
        text, ident, classes = " ".join(parts), None, []
        match = ATTR_LIST.search(text)
        if match:
            text = text[: match.start()]
            attributes = match.group(1).split()
            ident = next((a[1:] for a in attributes if a.startswith("#")), None)
            classes = [a[1:] for a in attributes if a.startswith(".")]
        images = [(alt, src) for alt, src in IMAGE.findall(text)]
        result.append(Block(kind, plain(text), ident, first_line, notice, images, classes))
        buffer.clear()

    for number, line in enumerate(lines, first):
        stripped = line.strip()
        if start := NOTICE_START.match(stripped):
            flush()
            notice = start.group(1)
            if start.group(2):  # the notice's title, shown as its first paragraph
                result.append(Block("p", plain(start.group(2)), None, number, notice, [], ["admonition-title"]))
        elif stripped == NOTICE_END and notice:
            flush()
            notice = None
        elif not stripped:
            flush()
        elif heading := re.match(r"(#{1,6})\s+(.*)", stripped):
            flush()
            buffer.append((number, f"h{len(heading.group(1))}", heading.group(2)))
            flush()
        elif item := re.match(r"[-*+]\s+(.*)", line):
            flush()
            buffer.append((number, "li", item.group(1)))
        else:
            buffer.append((number, buffer[0][1] if buffer else "p", stripped))
    flush()
    return result


def sections(path=INDEX):
    """The IDs of the sections (H2), in order."""
    return [b.id for b in blocks(path) if b.kind == "h2"]


def calls(path=INDEX):
    """The list items outside notices: on the statement, its calls to action."""
    return [b for b in blocks(path) if b.kind == "li" and not b.notice]


def pages(docs=DOCS):
    """Every Markdown page under `docs`, as paths relative to it (`index.md`, `es/index.md`)."""
    return sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
