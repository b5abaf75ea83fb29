"""What editors put under docs/: file types, encoding, size, nesting and front matter.

Checked before any generator reads the files, with no regex (every check is one pass over the
input), so that each problem gives one `file:line` message within a second whatever the input:
invalid UTF-8, control characters, absurd nesting and huge files included.
"""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml

from .allowlist import is_bcp47, normalise_url, url_scheme

# Extension -> why the site needs it; (folder it must be in, or None for anywhere).
FILE_TYPES = {
    ".md": ("pages", None),
    ".png": ("images", None),
    ".jpg": ("images", None),
    ".jpeg": ("images", None),
    ".webp": ("images", None),
    ".gif": ("images", None),
    ".svg": ("images, checked below: no script, handler or outside reference", None),
    ".css": ("the site's own styles", "stylesheets"),
    ".js": ("the site's own scripts, reviewed by developers", "javascripts"),
}
FRONT_MATTER = {
    "title": "the page's title (tab, navigation, preview cards)",
    "description": "the text of preview cards and search results",
    "lang": "the language of the page, a BCP 47 tag such as en or es",
}
MAX_BYTES = 100_000  # the statement is 7.5 KB; rendering time grows with size (scripts/bench_hardening.py)
# Python-Markdown's inline patterns take quadratic time on some inputs (runs of backticks):
# runs of `[`, `<`): a block (lines without a blank line between) is bounded in length and in
# brackets, so no input takes more than a fraction of a second. Today's longest block has 1,300
# characters and 4 links.
MAX_BLOCK = 4_000
MAX_BRACKETS = 100  # `[`, `<` and backticks in one block: links, footnotes, raw HTML tags, code
MAX_MARKERS = 16  # list or quote markers opening one line: `- - - x`, `> > x`
MAX_INDENT = 64  # 16 levels of list
MAX_FRONT_MATTER_VALUE = 500
SVG_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath", "mask", "symbol", "use",
}  # fmt: skip


def check_docs(docs_dir, project_root=None):
    """`path:line: problem` for every file under docs/ that may not be published."""
    docs_dir = Path(docs_dir)
    root = Path(project_root) if project_root else docs_dir.parent
    problems = []
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        where = relative(path, root)
        suffix = path.suffix.lower()
        rule = FILE_TYPES.get(suffix)
        folder = path.relative_to(docs_dir).parts[0] if len(path.relative_to(docs_dir).parts) > 1 else None
        if rule is None:
            kinds = ", ".join(sorted(FILE_TYPES))
            problems.append(
                f"{where}:1: a {suffix or 'extension-less'} file is not published: the site takes {kinds} files"
            )
            continue
        if rule[1] and folder != rule[1]:
            problems.append(f"{where}:1: {suffix} files belong in docs/{rule[1]}/ ({rule[0]})")
            continue
        if suffix == ".md":
            problems += [f"{where}:{line}: {problem}" for line, problem in markdown_problems(path.read_bytes())]
        elif suffix == ".svg":
            problems += [f"{where}:{line}: {problem}" for line, problem in svg_problems(path.read_bytes())]
    return problems


def relative(path, root):
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def decode(data):
    """(text, None) or (None, (line, problem)) for the bytes of a text file."""
    if len(data) > MAX_BYTES:
        return None, (1, f"the file is {len(data):,} bytes, more than {MAX_BYTES:,}: split it into pages")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, (line, f"this line is not valid UTF-8 (byte {data[error.start]:#04x}): save the file as UTF-8")


def markdown_problems(data):
    """(line, problem) for a Markdown file: encoding, control characters, nesting, front matter."""
    text, problem = decode(data)
    if problem:
        return [problem]
    if text.startswith("\ufeff"):
        text = text[1:]
    problems = []
    lines = text.split("\n")
    block_start, block_size, brackets = 1, 0, 0
    for number, line in enumerate(lines, 1):
        line = line.removesuffix("\r")
        if not line.strip():
            block_start, block_size, brackets = number + 1, 0, 0
            continue
        block_size += len(line) + 1
        brackets += line.count("[") + line.count("<") + line.count("`")
        if block_size > MAX_BLOCK or brackets > MAX_BRACKETS:
            size = (
                f"more than {MAX_BLOCK:,} characters"
                if block_size > MAX_BLOCK
                else f"more than {MAX_BRACKETS} [, < or `"
            )
            problems.append((block_start, f"this paragraph or block has {size}: split it with blank lines"))
            block_start, block_size, brackets = number + 1, -(10**12), 0  # one message per block
            continue
        bad = next((c for c in line if is_control(c)), None)
        if bad is not None:
            problems.append((number, f"the control character U+{ord(bad):04X} is invisible and not allowed: delete it"))
        indent = len(line) - len(line.lstrip(" \t")) + line[: len(line) - len(line.lstrip(" \t"))].count("\t") * 3
        if indent > MAX_INDENT or leading_markers(line) > MAX_MARKERS:
            problems.append((number, "the list or quote is nested too deep (more than 16 levels): flatten it"))
    if problems:
        return problems
    return front_matter_problems(lines)


def leading_markers(line):
    """How many list or quote markers open a line (`> > - 1. x` has 4), counted without regex."""
    count = 0
    for word in line.replace(">", " > ").split():
        if word in (">", "-", "*", "+") or (word.endswith((".", ")")) and word[:-1].isdigit() and len(word) < 11):
            count += 1
        else:
            break
    return count


def is_control(char):
    code = ord(char)
    return (code < 0x20 and char not in "\t\r") or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029)


def front_matter_problems(lines):
    """(line, problem): YAML that MkDocs would publish as text, unknown keys, values that are not text."""
    if lines[0].rstrip() != "---":
        return []
    end = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if end is None:
        return [(1, "the front matter opened here is never closed: end it with a line '---'")]
    source = "\n".join(lines[1:end])
    try:
        # Anchors and aliases (&a, *a) can multiply a few lines into gigabytes: refused first.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(source, Loader=yaml.SafeLoader)):
            return [(2, "the front matter uses YAML aliases (*name): write each value out")]
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        problem = "; ".join(filter(None, [getattr(error, "context", None), getattr(error, "problem", None)]))
        line = mark.line + 2 if mark else 2
        return [(line, f"the front matter is not valid YAML ({problem or error}), so it would show on the page")]
    if data is None:
        return []
    if not isinstance(data, dict):
        return [(2, "the front matter must be `key: value` lines, so it would show on the page")]
    problems = []
    for key, value in data.items():
        line = key_line(lines, end, key)
        if key not in FRONT_MATTER:
            accepted = "; ".join(f"{name}: {why}" for name, why in FRONT_MATTER.items())
            problems.append((line, f"the front matter key {key!r} is not used by the site (accepted: {accepted})"))
        elif not isinstance(value, str):
            problems.append((line, f"{key}: must be text (put it in quotes)"))
        elif key == "lang" and not is_bcp47(value):
            problems.append(
                (line, f"lang: {value!r} is not a language tag: write a BCP 47 tag such as en, es or en-US")
            )
        elif len(value) > MAX_FRONT_MATTER_VALUE or any(is_control(c) for c in value.replace("\t", " ")):
            problems.append((line, f"{key}: must be one line of text under {MAX_FRONT_MATTER_VALUE} characters"))
        elif "<" in value or ">" in value:
            problems.append((line, f"{key}: is plain text: write it without < and > (no HTML)"))
    return problems


def key_line(lines, end, key):
    for number in range(1, end):
        if lines[number].startswith(f"{key}:"):
            return number + 1
    return 2


def svg_problems(data):
    """(line, problem) for an SVG image: a real XML parser, then an allowlist of drawing elements."""
    text, problem = decode(data)
    if problem:
        return [problem]
    if "<!doctype" in text.lower() or "<!entity" in text.lower():
        return [(1, "an SVG with a DOCTYPE or entities is not allowed: export it again as plain SVG")]
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [(error.position[0], f"the SVG is not well-formed XML ({error}): export it again, or use PNG")]
    problems = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag not in SVG_ELEMENTS:
            problems.append(
                (1, f"the SVG element <{tag}> is not allowed (scripts, animations, embedded HTML): use PNG")
            )
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problems.append((1, f"the SVG attribute {local}= runs code: remove it, or use PNG"))
            elif local == "href" and not normalise_url(value).startswith("#"):
                problems.append((1, "an SVG may not refer to other files (href): use PNG"))
            elif local == "style" or "url(" in value.replace(" ", "").lower().replace("url(#", ""):
                problems.append((1, "an SVG may not load styles or outside resources: use PNG"))
            elif url_scheme(normalise_url(value)) in ("javascript", "data", "vbscript"):
                problems.append((1, f"the SVG attribute {local}= holds a script address: use PNG"))
    return problems[:5]
