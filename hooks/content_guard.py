"""Content guard: the Markdown of a page may not add anything that runs, embeds, submits or hides.

Editors may use raw HTML for harmless inline elements (<abbr>, <br>, <sup> …). Anything that would
run code in a reader's browser, load another document, send a reader's input elsewhere or hide
text is reported as a warning naming file and line, so `mkdocs build --strict` stops and
`mkdocs serve` shows it. Raw HTML is read with the standard library's HTML parser, after code
spans and fenced code are blanked out: code that shows HTML is not HTML."""

import html
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.utils.meta import get_data

log = logging.getLogger("mkdocs.hooks.content_guard")

FORBIDDEN_TAGS = {
    "script": "it would run code in every reader's browser; the site's scripts live in overrides/partials/javascripts/",
    "iframe": "it would embed another site in the page",
    "frame": "it would embed another site in the page",
    "object": "it would embed a plugin or another document in the page",
    "embed": "it would embed a plugin or another document in the page",
    "form": "it would send what readers type to another address",
    "style": "page styles belong in docs/stylesheets/extra.css",
    "link": "it would load a resource the site does not review",
    "meta": "it could redirect readers or change how the page behaves",
    "base": "it would change where every link on the page leads",
}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
STYLE_ATTRIBUTE = (
    "a style attribute is not allowed: it can hide text, and the site's Content Security Policy "
    "blocks it anyway; add a class in docs/stylesheets/extra.css"
)

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
MARKDOWN_URL = re.compile(
    r"\]\(\s*<?(?P<inline>[^\s)>]+)"  # [text](url) and ![alt](url)
    r"|^ {0,3}\[[^\]]+\]:\s*<?(?P<reference>\S+?)>?(?:\s|$)",  # [label]: url
    re.MULTILINE,
)
ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")


def on_page_markdown(markdown, page, config, files):
    """Check the page as its editor wrote it (front matter excluded), with the source's line numbers."""
    source = page.file.content_string
    body, _ = get_data(source)  # as MkDocs splits it, whatever other plugins do to `markdown`
    first_line = source.count("\n", 0, len(source) - len(body)) + 1
    path = Path(os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent))
    for line, problem in find_problems(body):
        log.warning(f"{path.as_posix()}:{first_line + line - 1}: {problem}")
    return markdown


def find_problems(markdown):
    """(line, problem) for everything unsafe in a page's Markdown; lines count from 1."""
    text = blank_code(markdown)
    guard = Guard()
    guard.feed(text)
    guard.close()
    problems = guard.problems
    for match in MARKDOWN_URL.finditer(text):
        if scheme := unsafe_scheme(match.group("inline") or match.group("reference")):
            problem = f"a {scheme} URL in a Markdown link or image is not allowed"
            problems.append((line_of(text, match.start()), problem))
    # attr_list turns `{: onclick="…" }` into attributes of the element before it.
    for match in ATTR_LIST.finditer(text):
        attributes = Guard(line_of(text, match.start()))
        attributes.feed(f"<attr_list {match.group(1)}>")
        attributes.close()
        problems += [(line, f"{problem} (in {match.group(0)})") for line, problem in attributes.problems]
    return sorted(problems)


class Guard(HTMLParser):
    """Collects the raw HTML elements and attributes that may not appear in a page."""

    def __init__(self, line=1):
        super().__init__()
        self.line_offset = line - 1
        self.problems = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0] + self.line_offset
        if tag in FORBIDDEN_TAGS:
            self.problems.append((line, f"raw <{tag}> is not allowed: {FORBIDDEN_TAGS[tag]}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append((line, f"the inline event handler {name}= is not allowed: it runs code"))
            elif name == "style":
                self.problems.append((line, STYLE_ATTRIBUTE))
            elif name == "hidden":
                self.problems.append((line, "the hidden attribute is not allowed: it hides text from readers"))
            elif name in URL_ATTRIBUTES and (scheme := unsafe_scheme(value or "")):
                self.problems.append((line, f"a {scheme} URL in {name}= is not allowed"))

    handle_startendtag = handle_starttag


def unsafe_scheme(url):
    """The scheme of a URL that runs code or carries its own content, as browsers read it."""
    url = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    return next((scheme for scheme in UNSAFE_SCHEMES if url.startswith(scheme)), None)


def blank_code(markdown):
    """The Markdown with fenced code and code spans replaced by spaces, line numbers kept."""
    lines, fence = markdown.split("\n"), None
    for number, line in enumerate(lines):
        marker = FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
        elif fence is None:
            continue
        elif marker and marker.group(1).startswith(fence) and not line.strip().strip(fence[0]):
            fence = None  # the closing fence: same character, at least as long, nothing else
        lines[number] = ""
    return CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(lines))


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1
