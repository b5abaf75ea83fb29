"""The policy step: each page gets the Content Security Policy that allows exactly its own inline
scripts and styles, right after its `<meta charset>`.

An inline text is the site's own when it comes from a build input, never because it is in a page:
(a) a template under overrides/ whose <script> or <style> body is static text (no Jinja inside
    the element): that exact body;
(b) the theme's own templates (THEME_TEMPLATES): bodies with slots (`{{ … }}` in Jinja) match
    only when every slot holds an address (letters, digits and `/ . _ - ~ : # ? & = % +`), so
    nothing can break out of the string the slot sits in;
(c) what an earlier step of the pipeline produced for that page (the critical CSS), handed on
    in `Site.produced`.
The verdict step (steps/verdict.py) refuses a page with any other; the policy lists the sha256 of
exactly the trusted ones. A <meta> policy cannot set `frame-ancestors`, `report-uri` or
`sandbox`: those need an HTTP header, which GitHub Pages does not let a site set.
"""

import base64
import dataclasses
import hashlib
import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # Material draws its icons with CSS masks of data: SVG images; the favicon is inline too.
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
POLICY_META = '<meta http-equiv="Content-Security-Policy" content="{}">'
# The themes' templates whose inline scripts and styles are trusted: (package, folder).
THEME_TEMPLATES = (("material", "templates"), ("zensical", "templates"))
# Theme templates the site does not use, whose scripts are therefore never trusted: redirect.html
# turns the front matter's `location` into a script (the `template:` key is refused anyway).
UNUSED_TEMPLATES = {"redirect.html"}
SLOT_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-~:#?&=%+")


def write_policies(site):
    """Each page that passed the verdict gets its policy, from the inline texts the verdict found."""
    pages = dict(site.pages)
    problems = list(site.problems)
    for path, inline in site.inline.items():
        if path not in pages:
            continue
        html, problem = with_policy(pages[path], inline)
        if problem:
            problems.append(Problem(f"site/{path}", 1, problem))
            pages.pop(path)
        else:
            pages[path] = html
    refused = site.refused | (set(site.pages) - set(pages))
    return dataclasses.replace(site, pages=pages, problems=tuple(problems), refused=frozenset(refused))


def with_policy(html, inline):
    """(the page with its policy after <meta charset>, None) or (None, why it cannot have one)."""
    meta = POLICY_META.format(policy(inline))
    lower = html.lower()
    if "http-equiv=\"content-security-policy\"" in lower:
        return None, "a Content Security Policy other than the site's own: remove it from the template"
    charset = lower.find("<meta charset")
    anchor = lower.find(">", charset) + 1 if charset >= 0 else lower.find(">", lower.find("<head")) + 1
    if anchor <= 0 or lower.find("<head") < 0 and charset < 0:
        return None, "the page has no <head> to carry its Content Security Policy"
    return html[:anchor] + meta + html[anchor:], None


def digest(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@dataclass(frozen=True)
class Pattern:
    """A template's element body with slots: literal pieces between them."""

    pieces: tuple
    origin: str

    def matches(self, text):
        if len(self.pieces) == 1:
            return text == self.pieces[0]
        first, *middle, last = self.pieces
        if not text.startswith(first) or not text.endswith(last) or len(text) < len(first) + len(last):
            return False
        position, end = len(first), len(text) - len(last)
        for piece in middle:
            found = text.find(piece, position, end)
            if found < 0 or not slot_ok(text[position:found]):
                return False
            position = found + len(piece)
        return slot_ok(text[position:end])


def slot_ok(value):
    return all(char in SLOT_CHARACTERS for char in value)


class Templates:
    """The inline texts of the templates: (a) overrides/, (b) the theme's and plugins' own."""

    def __init__(self, project_root):
        self.exact = {}  # (kind, text) -> origin
        self.patterns = []  # (kind, Pattern)
        self.refused = []  # (template, why): overrides with Jinja inside a script or style
        overrides = Path(project_root) / "overrides"
        for path in html_files(overrides):
            for kind, body in inline_bodies(path.read_text(encoding="utf-8")):
                origin = path.relative_to(project_root).as_posix()
                if has_jinja(body):
                    self.refused.append((origin, f"an inline <{kind}> with Jinja inside is never trusted"))
                else:
                    self.exact[kind, body] = origin
        for package, folder in THEME_TEMPLATES:
            spec = importlib.util.find_spec(package)
            if spec is None or not spec.submodule_search_locations:
                continue
            for root in spec.submodule_search_locations:
                for path in html_files(Path(root) / folder):
                    if path.name in UNUSED_TEMPLATES:
                        continue
                    self.add_template(path.read_text(encoding="utf-8"), f"{package}:{path.name}")

    def add_template(self, template, origin):
        for kind, body in inline_bodies(template):
            if "{%" in body or "{#" in body:
                continue  # control flow inside a script: not a shape we can verify
            pieces = split_slots(body)
            if len(pieces) == 1:
                self.exact[kind, body] = origin
            else:
                self.patterns.append((kind, Pattern(tuple(pieces), origin)))

    def is_trusted(self, kind, text):
        return (kind, text) in self.exact or any(k == kind and p.matches(text) for k, p in self.patterns)


def html_files(folder):
    """The templates under `folder`, sorted, hidden folders left out: Material's .icons/ holds
    thousands of SVGs and no template (a template left out is trusted in nothing)."""
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(top, name) for name in files if name.endswith(".html")]
    return sorted(found)


def split_slots(body):
    """Literal pieces of a template body around its `{{ … }}` slots."""
    pieces, position = [], 0
    while True:
        start = body.find("{{", position)
        end = body.find("}}", start) + 2 if start >= 0 else -1
        if start < 0 or end < 2:
            break
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    return pieces


def has_jinja(text):
    return "{{" in text or "{%" in text or "{#" in text


def inline_bodies(template):
    """(kind, body) of every <script> and <style> element without src in a template, bodies as written."""
    lower = template.lower()
    found, position = [], 0
    while True:
        starts = [(lower.find(f"<{kind}", position), kind) for kind in ("script", "style")]
        starts = [(at, kind) for at, kind in starts if at >= 0]
        if not starts:
            return found
        start, kind = min(starts)
        tag_end = lower.find(">", start)
        close = lower.find(f"</{kind}", tag_end)
        if tag_end < 0 or close < 0:
            return found
        opening = lower[start:tag_end]
        if lower[start + len(kind) + 1] in " \t\n>" and "src=" not in opening and "application/json" not in opening:
            found.append((kind, template[tag_end + 1 : close]))
        position = close + 1


def policy(inline):
    """The policy for a page whose trusted inline texts are `inline` ((kind, text) pairs)."""
    sources = dict(POLICY)
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        hashes = dict.fromkeys(f"'{digest(text)}'" for k, text in inline if k == kind)
        sources[directive] = " ".join([sources[directive], *hashes])
    return "; ".join(f"{name} {value}" for name, value in sources.items())


SCRIPT_SOURCES = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*?\bscript-src [^;"]*')


def with_script_allowed(html, script):
    """A page whose policy also allows one more inline script, by its hash: the reload script of
    the development server, in the response it serves (serve.py); never in a build's output."""
    return SCRIPT_SOURCES.sub(lambda found: f"{found.group(0)} '{digest(script)}'", html, count=1)
