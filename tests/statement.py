"""The statement as its editors wrote it: docs/index.md read without Markdown,
independently of the Markdown library that renders the site."""

import re
from dataclasses import dataclass
from pathlib import Path

INDEX = Path(__file__).resolve().parent.parent / "docs" / "index.md"

ATTR_LIST = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


@dataclass
class Block:
    kind: str  # "h1" … "h6", "p" or "li"
    text: str  # the words a reader sees
    id: str | None  # the explicit ID given with {#id}, if any
    line: int  # where it starts in the Markdown file


def plain(text):
    """Inline Markdown to the words it shows."""
    text = LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return squeeze(text)


def squeeze(text):
    """Fold runs of ordinary white space, keeping the statement's non-breaking spaces."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def blocks(path=INDEX):
    lines = path.read_text(encoding="utf-8").split("\n")
    start = 0
    if lines[0] == "---":  # YAML front matter
        start = lines.index("---", 1) + 1
    result, buffer = [], []

    def flush():
        if not buffer:
            return
        first_line, kind, parts = buffer[0][0], buffer[0][1], [text for _, _, text in buffer]
        text, ident = " ".join(parts), None
        match = ATTR_LIST.search(text)
        if match:
            text = text[: match.start()]
            ident = next((a[1:] for a in match.group(1).split() if a.startswith("#")), None)
        result.append(Block(kind, plain(text), ident, first_line))
        buffer.clear()

    for number, line in enumerate(lines[start:], start + 1):
        stripped = line.strip()
        if not stripped:
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


def sections():
    """The IDs of the sections (H2), in order."""
    return [b.id for b in blocks() if b.kind == "h2"]
