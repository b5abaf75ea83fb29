"""A page: its Markdown file, its front matter (read strictly against a schema) and its parts,
each with its line. Reading a page is bounded: long blocks, runs of brackets and deep nesting
are refused before Python-Markdown sees them (its inline patterns are quadratic on them)."""

import datetime
import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import strictyaml
import yaml

from .. import limits
from .files import decode, page_url, share_path
from .parts import cut_into_parts, locate_text
from .strict import mapping_items, read_strict_yaml
from .text import hidden_in_value, squeeze


@dataclass(frozen=True)
class Change:
    """A note for readers about a change, from a page's front matter (`changes:`)."""

    date: str  # YYYY-MM-DD
    note: str
    page: str  # the page's source, "index.md"
    line: int


@dataclass(frozen=True)
class Page:
    src: str  # relative to docs/: "index.md", "es/index.md"
    file: str  # relative to the project root: "docs/index.md"
    markdown: str  # the whole file, front matter included
    body_line: int  # the line the Markdown after the front matter starts on
    meta: dict  # front matter, validated: title, description, lang, changes
    meta_lines: dict  # front matter key -> line
    parts: tuple = ()  # parts.Part, in reading order
    links: tuple = ()  # parts.Link
    nav_title: str | None = None

    @property
    def url(self):
        """Its address relative to the site (directory URLs): "", "privacy/", "es/"."""
        return page_url(self.src)

    @property
    def dest(self):
        """Where the generators write it: "index.html", "privacy/index.html"."""
        return f"{self.url}index.html"

    @property
    def title(self):
        """The page's own: front matter, else its first heading, else the nav's label, else its
        file's name (steps/previews.py shows it in the tab and the preview under both generators)."""
        h1 = next((p.words for p in self.parts if p.kind == "heading" and p.level == 1), None)
        return self.meta.get("title") or h1 or self.nav_title or PurePosixPath(self.src).stem

    @property
    def lang(self):
        return self.meta.get("lang")

    @property
    def description(self):
        """Front matter, else its first paragraph's words (a deck under the title counts)."""
        first = next((p.words for p in self.parts if p.kind == "paragraph" and p.container is None and p.words), "")
        return self.meta.get("description") or first

    @property
    def shared(self):
        """A page whose parts carry IDs: every part needs one, and each gets a share address."""
        return any(part.shareable for part in self.parts)

    @property
    def ids(self):
        """{id: part} of every ID the page gives (generated ones included)."""
        return {part.id: part for part in self.parts if part.id}

    def share_path(self, ident):
        return share_path(self.src, ident)

    @property
    def changes(self):
        return tuple(Change(c["date"], c["note"], self.src, c["line"]) for c in self.meta.get("changes", ()))


def read_page(tree, path, src, renderer, nav_title, report):
    """The page at `path` (docs/…), rendered with the site's extensions (render.Renderer), or
    None after a problem."""
    text = decode(path, tree.read_bytes(path), limits.PAGE_BYTES, report)
    if text is None:
        return None
    lines = text.split("\n")
    if shape_problems(path, lines, report):
        return None
    meta, meta_lines, body_line = read_front_matter(path, lines, report)
    body = "\n".join(lines[body_line - 1 :])
    rendered, written, refusals = renderer.render(body)
    after = {}  # the same text refused twice is on two lines
    for line_text, message in refusals:
        line = locate_text(lines, line_text, after.get(line_text, body_line - 1) + 1)
        after[line_text] = line
        report(path, line, message)
    parts, links = cut_into_parts(rendered, written, lines, body_line)
    return Page(src, path, text, body_line, meta, meta_lines, tuple(parts), tuple(links), nav_title)


def shape_problems(path, lines, report):
    """Bounds that keep Python-Markdown's work small on any input: long blocks and runs of
    brackets (its inline patterns are quadratic on them), deep nesting, long lines."""
    found = False
    block_start, block_size, brackets = 1, 0, 0
    for number, line in enumerate(lines, 1):
        if len(line) > limits.LINE_CHARACTERS:
            report(path, number, f"this line has more than {limits.LINE_CHARACTERS:,} characters: split it")
            return True
        if not line.strip():
            block_start, block_size, brackets = number + 1, 0, 0
            continue
        block_size += len(line) + 1
        brackets += line.count("[") + line.count("<") + line.count("`")
        if block_size > limits.BLOCK_CHARACTERS or brackets > limits.BLOCK_BRACKETS:
            size = (
                f"more than {limits.BLOCK_CHARACTERS:,} characters"
                if block_size > limits.BLOCK_CHARACTERS
                else f"more than {limits.BLOCK_BRACKETS} [, < or `"
            )
            report(path, block_start, f"this paragraph or block has {size}: split it with blank lines")
            found = True
            block_start, block_size, brackets = number + 1, -(10**12), 0  # one message per block
            continue
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped) + line[: len(line) - len(stripped)].count("\t") * 3
        if indent > limits.INDENT or leading_markers(line) > limits.NESTING:
            report(path, number, f"the list or quote is nested too deep (more than {limits.NESTING} levels): flatten it")
            found = True
    return found


def leading_markers(line):
    """How many list or quote markers open a line (`> > - 1. x` has 4), counted without regex."""
    count = 0
    for word in line.replace(">", " > ").split():
        if word in (">", "-", "*", "+") or (word.endswith((".", ")")) and word[:-1].isdigit() and len(word) < 11):
            count += 1
        else:
            break
    return count


# -- Front matter ---------------------------------------------------------------------------------

# `\Z`, not `$`, which strictyaml ends a pattern with and which also matches before a last
# line break: a date is those ten characters and nothing after them.
DATE = strictyaml.Regex(r"20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z")
TEXT = strictyaml.Regex(rf"[^<>]{{1,{limits.META_CHARACTERS}}}\Z")
FRONT_MATTER_SCHEMA = strictyaml.EmptyDict() | strictyaml.Map(
    {
        strictyaml.Optional("title"): TEXT,
        strictyaml.Optional("description"): TEXT,
        strictyaml.Optional("lang"): strictyaml.Regex(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}"),
        strictyaml.Optional("changes"): strictyaml.Seq(strictyaml.Map({"date": DATE, "note": TEXT})),
    }
)
FRONT_MATTER_KEYS = {
    "title": "the page's title (tab, navigation, preview cards)",
    "description": "the text of its preview card",
    "lang": "its language, a tag such as en, es or en-US",
    "changes": "notes for readers on the Revisions page: '- date: 2026-12-01' and '  note: …' lines",
}


# What a theme prints as it is, in an attribute (Zensical's `<meta name="description"
# content="{{ page.meta.description }}">`): a straight quote would end the attribute there.
PRINTED_AS_IS = {"title", "description"}
UNREAD = "the front matter cannot be read"
CHANGES_SHAPE = "changes: holds one note per change, each written '  - date: 2026-12-01' and '    note: …' on the lines under it"


def read_front_matter(path, lines, report, today=None):
    """(values, their lines, the line the body starts on). `today`: the last day a change may
    be dated (the day it is now somewhere on Earth, by default)."""
    if not lines or lines[0].rstrip() != "---":
        return {}, {}, 1
    end = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        report(path, 1, "the front matter opened here is never closed: end it with a line '---'")
        return {}, {}, 1
    text = "\n".join(lines[1:end])
    changes_lines = key_lines(lines[1:end], "changes", first_line=2)

    def explain(error, path):
        line = (error.problem_mark.line if error.problem_mark else 0) + 2
        said = explain_front_matter(error, path)
        return CHANGES_SHAPE if line in changes_lines and said.startswith((UNREAD, "the front matter key")) else said

    root = read_strict_yaml(text, FRONT_MATTER_SCHEMA, path, report, explain, first_line=2)
    if root is None:
        return {}, {}, end + 2
    meta, meta_lines = {}, {}
    for key, value in mapping_items(root):
        meta_lines[key.data] = key.start_line + 1
        if key.data == "changes":
            meta["changes"] = list(valid_changes(path, value, report, today or latest_day()))
            continue
        meta[key.data] = value.data
        if surprise := yaml_surprise(lines[key.start_line], value.data):
            report(path, key.start_line + 1, f"{key.data}: {surprise}")
        elif key.data in PRINTED_AS_IS and (problem := text_problem(value.data)):
            report(path, key.start_line + 1, f"{key.data}: {problem}")
    return meta, meta_lines, end + 2


def key_lines(lines, key, first_line):
    """The lines a top-level key of YAML `lines` holds, from its own to the next key's."""
    start = next((n for n, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return range(0)
    stop = next((n for n in range(start + 1, len(lines)) if lines[n][:1] not in ("", " ", "-", "#")), len(lines))
    return range(start + first_line, stop + first_line)


def text_problem(value):
    """Why a title or description would not read on every generator's page as it is written."""
    if hidden := hidden_problem(value):
        return hidden
    if '"' in value:
        return "write quotation marks as “ and ” (a straight \" would end the value where a theme prints it)"
    # `&` before a letter, a digit or `#` starts a character reference, or something a browser
    # reads as the start of one: printed as it is, it reads otherwise, or is refused by the verdict.
    reference = re.search(r"&[#\w]+;?", value)
    if reference and html.unescape(reference.group()) != reference.group():
        return f"'{reference.group()}' would show as {html.unescape(reference.group())!r}: write the character itself"
    if reference:
        return f"'{reference.group()}' reads as the start of a character reference: write '&' with a space after it, as in 'Q & A'"
    return None


def hidden_problem(value, allowed=""):
    """An invisible or control character a YAML escape (`\\u0007`) wrote into a value, or None;
    not one its words' spelling needs (a Persian title's non-joiner, text.hidden_characters)."""
    hidden = hidden_in_value(value, allowed)
    return hidden and f"the invisible character U+{ord(hidden):04X} is not allowed in it: delete it"


def latest_day():
    """The day it is now where it is latest (UTC+14): a note dated today, anywhere, is no
    note from the future."""
    return (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=14)).date()


def valid_changes(path, items, report, today):
    """The change notes whose date is a day that has come: one message for each other one."""
    for item in items:
        # strictyaml's start_line of a scalar in a mapping is its next key's; a date is one line.
        date, line = item["date"], item["date"].end_line + 1
        try:
            day = datetime.date.fromisoformat(date.data)
        except ValueError:
            report(path, line, f"{date.data} is no day of the calendar: check the month and the day (YYYY-MM-DD)")
            continue
        if day > today:
            report(path, line, f"{date.data} is still to come: date a note on the day the change is published, or later")
            continue
        if hidden := hidden_problem(item.data["note"], allowed="\n"):  # a folded note's line breaks are spaces
            report(path, item["note"].end_line + 1, f"note: {hidden}")
            continue
        yield {**item.data, "line": item.start_line + 1}


def explain_front_matter(error, path):
    found = squeeze(error.problem or "")
    expected = squeeze(error.context or "")
    if "unexpected key" in found:
        key = found.split("'")[1] if "'" in found else found
        accepted = "; ".join(f"{name}: {why}" for name, why in FRONT_MATTER_KEYS.items())
        return f"the front matter key {key!r} is not used by the site (accepted: {accepted})"
    if "[^<>]" in expected:
        return f"this value is one line of plain text, without < or >, at most {limits.META_CHARACTERS} characters"
    if "[a-z]{2,3}" in expected:
        return "lang: is a language tag such as en, es or en-US"
    if "20[0-9]{2}" in expected:
        return "a change's date is written YYYY-MM-DD, such as 2026-12-01"
    if "when expecting a mapping" in expected and "sequence" in found:
        return f"{UNREAD}: it is 'key: value' lines"
    return f"{UNREAD} ({found}, {expected}): write 'key: value' lines"


def yaml_surprise(line, value):
    """Why the generators' YAML (PyYAML) would read an unquoted value as something other than
    its text (`yes`, `12`, `2026-12-01`), or None."""
    written = line.split(":", 1)[1].strip() if ":" in line else ""
    if not written or written[0] in "'\"|>":
        return None
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return None
    kind = tag.rsplit(":", 1)[-1]
    return f"the site would read {value!r} as a {kind}, not as text: put it in quotes ('{value}')"
