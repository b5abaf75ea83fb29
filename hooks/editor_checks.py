"""The mistakes an editor can make in a page, each stopped by the build in plain words.

Each is a warning naming the Markdown file and line, and saying what to write instead, so
`mkdocs build --strict` stops within seconds and `mkdocs serve` shows it while the editor types.
It reads the page's source as the editor wrote it (front matter and fenced code left aside):
- a line starting `#word`: a hashtag, or a heading without its space;
- block syntax this site does not use (`!!!`, `:::`), a notice never closed, an ID never closed;
- a paragraph, call or section with no ID, on a page whose links are protected
  (published-anchors.yml): nobody could link to it;
- an image without a description, or too heavy for a phone;
- a page written in another language that does not say so in its front matter."""

import logging
import os
import re
from pathlib import Path

import yaml

log = logging.getLogger("mkdocs.hooks.editor_checks")

MAX_IMAGE_BYTES = 1_000_000
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HASHTAG = re.compile(r"^(#{1,6})([^\s#\\]\S*)")
HEADING = re.compile(r"^#{1,6}\s")
LIST_ITEM = re.compile(r"^[-*+]\s")
ATTR_LINE = re.compile(r"^\s*\{:?[^{}]*\}\s*$")
HEADING_ID = re.compile(r"\{:?[^{}]*#[\w-]+[^{}]*\}\s*$")
UNCLOSED_ID = re.compile(r"\{:?\s*#[^}]*$")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^\s)>]+)>?[^)]*\)")
NOTICE_START = re.compile(r"^///\s*[\w-]+")
FOREIGN_BLOCKS = {
    "!!!": "a notice is written `/// note | Its title`, its text on the lines below, and `///` alone on the line after it",
    ":::": "a notice is written `/// note | Its title`, its text on the lines below, and `///` alone on the line after it",
}
# A page is taken for one in another language when these short words outnumber English ones.
COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "is", "that", "for", "with", "are", "we", "our"},
    "es": {"el", "la", "y", "de", "los", "las", "que", "del", "por", "para", "una", "con", "nuestro", "nuestra", "es"},
    "fr": {"le", "les", "des", "est", "une", "pour", "avec", "nous", "notre", "du", "et"},
}
LANGUAGE_NAMES = {"es": "Spanish", "fr": "French"}
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

published = {}  # page -> its published anchors, from published-anchors.yml


def on_config(config):
    published.clear()
    path = Path(config.config_file_path).parent / "published-anchors.yml"
    try:
        published.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (OSError, yaml.YAMLError):
        pass  # hooks/anchors.py says what is wrong with the file


def on_page_markdown(markdown, page, config, files):
    where = Path(os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent)).as_posix()
    for line, problem in find_problems(page.file.content_string, page, protected=page.file.src_uri in published):
        log.warning(f"{where}:{line}: {problem}")
    return markdown


def source_lines(source):
    """(line number, text) of the page's body, front matter and fenced code left out."""
    lines, start = source.split("\n"), 0
    if lines[0].rstrip() == "---":
        start = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0) + 1
    fence = None
    for number, line in enumerate(lines[start:], start + 1):
        marker = FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
        elif fence and marker and marker.group(1).startswith(fence):
            fence = None
        elif fence is None:
            yield number, line


def find_problems(source, page, protected):
    problems, notice_open = [], None
    lines = list(source_lines(source))
    for number, line in lines:
        stripped = line.strip()
        if match := HASHTAG.match(stripped):
            tag = match.group(2)
            problems.append(
                (
                    number,
                    f"the line starts with '{match.group(0)}', which looks like a heading without its space. "
                    f"For a hashtag, write a backslash before it: \\{match.group(0)}. For a heading, write "
                    f"'## {tag} {{#{slug(tag)}}}'.",
                )
            )
        for syntax, fix in FOREIGN_BLOCKS.items():
            if stripped.startswith(syntax):
                problems.append((number, f"'{syntax}' would show on the page as text: {fix}."))
        if UNCLOSED_ID.search(stripped) and not HEADING_ID.search(stripped):
            problems.append(
                (number, "this ID has no closing '}': write it as {#some-id}, on one line, with no spaces.")
            )
        if NOTICE_START.match(stripped):
            notice_open = number
        elif stripped == "///":
            notice_open = None
        for alt, target in IMAGE.findall(line):
            problems += image_problems(number, alt, target, page)
    if notice_open:
        problems.append((notice_open, "the notice opened here is never closed: add a line '///' after its text."))
    if protected:
        problems += missing_ids(lines)
    problems += language_problems(source, page)
    return sorted(problems)


def image_problems(number, alt, target, page):
    problems = []
    if not alt.strip():
        problems.append(
            (
                number,
                f"the image {target} has no description, so screen readers cannot say what it shows: "
                f"write it between the brackets, ![A crowd holding candles]({target}).",
            )
        )
    file = Path(page.file.abs_src_path).parent / target
    if not target.startswith(("http://", "https://")) and file.is_file() and file.stat().st_size > MAX_IMAGE_BYTES:
        size = file.stat().st_size / 1_000_000
        problems.append(
            (
                number,
                f"the image {target} is {size:.1f} MB, too heavy for readers on phones (at most 1 MB): "
                "save it smaller (1600 pixels wide, as JPEG or WebP is plenty) and replace the file.",
            )
        )
    return problems


def missing_ids(lines):
    """Paragraphs, calls and sections that nobody could link to: (line, the ID to add)."""
    problems, block, in_notice = [], [], False

    def flush():
        if block and not in_notice:
            first, text = block[0][0], " ".join(t.strip() for _, t in block)
            has_attributes = any(ATTR_LINE.match(t) for _, t in block[1:]) or HEADING_ID.search(block[0][1])
            # A block already reported (foreign syntax, an unclosed ID) gets one message, not two.
            reported = text.startswith(tuple(FOREIGN_BLOCKS)) or UNCLOSED_ID.search(text)
            only_image = not IMAGE.sub("", text).strip()
            if not has_attributes and not only_image and not reported and not HEADING.match(block[0][1]):
                kind = "call" if LIST_ITEM.match(block[0][1]) else "paragraph"
                indent = "  " if kind == "call" else ""
                problems.append(
                    (
                        first,
                        f"this {kind} has no ID, so nobody can link to it: add a line '{indent}{{#{slug(text)}}}' "
                        f"right under it, and '{slug(text)}' under anchors in published-anchors.yml.",
                    )
                )
        block.clear()

    for number, line in lines:
        stripped = line.strip()
        if NOTICE_START.match(stripped) or stripped == "///":
            flush()
            in_notice = NOTICE_START.match(stripped) is not None
        elif not stripped or LIST_ITEM.match(line) or HEADING.match(stripped):
            flush()
            if HEADING.match(stripped) and not stripped.startswith("# ") and not HEADING_ID.search(stripped):
                title = stripped.lstrip("#").strip()
                problems.append(
                    (
                        number,
                        f"this section has no ID, so nobody can link to it: write '{stripped} {{#{slug(title)}}}', "
                        f"and add '{slug(title)}' under anchors in published-anchors.yml.",
                    )
                )
            elif stripped and not HEADING.match(stripped):
                block.append((number, line))
        else:
            block.append((number, line))
    flush()
    return problems


def language_problems(source, page):
    lang = page.meta.get("lang")
    if lang is not None:
        if not isinstance(lang, str) or not LANG_CODE.match(lang):
            return [(2, f"'lang: {lang}' is not a language code: write the two-letter code, such as 'lang: es'.")]
        return []
    words = re.findall(r"[a-záéíóúñçàèêôû]+", source.lower())
    counts = {code: sum(word in common for word in words) for code, common in COMMON_WORDS.items()}
    guess = max(counts, key=counts.get)
    if guess != "en" and counts[guess] > 2 * counts["en"] + 5:
        return [
            (
                1,
                f"this page seems to be in {LANGUAGE_NAMES[guess]}, but does not say so, so screen readers would "
                f"read it with an English voice: add 'lang: {guess}' to its front matter, the lines between "
                "'---' at the top of the page.",
            )
        ]
    return []


def slug(text):
    """A short ID from the first words of a text: 'Congress must reject…' -> 'congress-must-reject'."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.lower()))
    return "-".join(words[:3]) or "new-part"
