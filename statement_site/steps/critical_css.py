"""The first response paints the page: the CSS a page uses, purged at build time from the
stylesheets it links (Material's two and extra.css), is inlined in its <head>; the full
stylesheets are linked in a <noscript>, for readers without JavaScript. With JavaScript, what
the theme's scripts add once they run (a table's scroll wrapper, a tooltip: classes that their
code names and the page does not have yet) is styled by a small stylesheet of those rules alone,
loaded after paint with the scripts (`runtime_css`; overrides/partials/javascripts/bundle.html).

The purge keeps every rule that could apply in any state the page can be in: a selector is
tested against the page with its state-dependent parts (pseudo-classes, pseudo-elements,
attribute selectors and BEM state classes: hover, focus, checked, target, the palette, the
drawer open, the share dialog's `md-dialog--active`) widened, so it is kept if the elements it
names are on the page. A
selector the parser cannot read, and every at-rule other than @media/@supports, is kept whole.
The step hands each page's inlined CSS on to the policy (`Site.produced`): it is trusted because
this step made it from the site's own stylesheets, never because it is in the page. A stylesheet
the page links that is not in the output folder stops the build: a Material update that moves
them must not ship unstyled pages.
"""

import dataclasses
import functools
import hashlib
import posixpath
import re
from urllib.parse import urlsplit

import tinycss2
from bs4 import BeautifulSoup
from tinycss2.ast import WhitespaceToken

from ..source import SHARE_FOLDER

# Any simple selector that depends on state or attributes becomes `:is(*)`, "any element".
WIDEN = {"[": "]", "(": ")"}
SELECTING = {":is", ":where", ":has", ":-webkit-any", ":-moz-any"}
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}
STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)"[^>]*>\n?')
CLASS = re.compile(r"(?:\\.|[\w-])*")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
ANIMATION = re.compile(r"animation(?:-name)?\s*:([^;}]*)")
NAME = re.compile(r"[\w-]+")
HEAD_END = re.compile(r"</head>", re.IGNORECASE)
DEFERRED = re.compile(r'<noscript id="stylesheets">(.*?)</noscript>', re.DOTALL)
AFTER_PAINT = re.compile(r'<template id="theme-scripts">(.*?)</template>', re.DOTALL)
SCRIPT = re.compile(r'<script src="([^"]+)"')
THEME_CLASS = re.compile(r"\bmd-[\w-]*\w")  # Material's classes, as its scripts name them
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def inline_critical_css(site):
    """Each page with its critical CSS inlined; the stylesheet of what the scripts add, beside
    the theme's; the inlined texts handed on as the site's own."""
    pages, added, produced, problems = dict(site.pages), dict(site.added), dict(site.produced), list(site.problems)
    site_url = site.source.config.site_url

    for path, html in site.pages.items():
        if path.startswith(f"{SHARE_FOLDER}/"):
            continue  # a share page links its one small stylesheet, which it needs whole

        def read(href, path=path):
            target = site_path(href, path, site_url)
            if not site.exists(target):
                raise MissingStylesheet(
                    f"site/{path}:1: the file {target}, which the page links, is not in the output folder; a theme "
                    "update may have moved it: check the theme's base.html `styles` and `scripts` blocks and "
                    "statement_site/steps/critical_css.py"
                )
            return site.read(target).decode("utf-8")

        def write(href, text, path=path):
            added[site_path(href, path, site_url)] = text.encode("utf-8")

        try:
            pages[path], style = inlined(html, read, write)
        except MissingStylesheet as error:
            problems.append(str(error))
            continue
        if style is not None:
            produced[path] = {*produced.get(path, ()), ("style", style)}
    return dataclasses.replace(site, pages=pages, added=added, produced=produced, problems=tuple(problems))


def critical_css(page_html, stylesheets):
    """The rules of `stylesheets` (CSS texts, in cascade order) that may apply to `page_html`
    in any state, as one stylesheet, in the same order."""
    soup = BeautifulSoup(page_html, "html.parser")
    # What inlining adds or moves (the <style>, the deferred links, the after-paint link) is not
    # part of the page's look: without it, the page before inlining and after give the same CSS
    # (the post-build pass checks). find_all, not select: CSS selectors do not enter <template>.
    added = (
        soup.find_all("style") + soup.find_all("noscript", id="stylesheets") + soup.find_all("link", rel="stylesheet")
    )
    for element in added:
        element.decompose()
    return purge(soup, str(soup), stylesheets)


def purge(soup, page_html, stylesheets):
    page = PageSelectors(soup)
    kept = []
    for css in stylesheets:
        kept.extend(purged(outline(css), page))
    return without_unused_properties("".join(kept), page_html)


def without_unused_properties(css, page_html):
    """Drop custom property declarations (Material's many `--md-*-icon` images) and @keyframes
    that nothing kept uses, until none is left: neither can apply to the page."""
    rules = tuple(declarations(tinycss2.parse_stylesheet(css, True, True)))
    page_uses = set(VAR.findall(page_html)) | animations(page_html)
    while True:
        smaller = "".join(declarations_kept(rules, set(VAR.findall(css)) | animations(css) | page_uses))
        if smaller == css:
            return css
        css = smaller


def animations(text):
    return {name for value in ANIMATION.findall(text) for name in NAME.findall(value)}


def declarations(rules):
    """The stylesheet parsed once: ("rule", selectors, [(custom property or None, declaration)]),
    ("group", "@media …", rules inside), ("keyframes", text, name) or ("keep", text). White
    space inside a value is one space: Material's stylesheets keep line breaks and indents there."""
    for rule in rules:
        if rule.type == "qualified-rule":
            body = [
                (None, tinycss2.serialize([d]).strip())
                if d.type != "declaration"
                else (
                    d.name if d.name.startswith("--") else None,
                    f"{d.name}:{serialized(d.value)}{'!important' if d.important else ''}",
                )
                for d in tinycss2.parse_blocks_contents(rule.content, True, True)
            ]
            yield ("rule", tinycss2.serialize(rule.prelude).strip(), body)
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = tuple(declarations(tinycss2.parse_blocks_contents(rule.content, True, True)))
            yield ("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner)
        elif rule.type == "at-rule" and rule.lower_at_keyword == "keyframes":
            yield ("keyframes", rule.serialize(), tinycss2.serialize(rule.prelude).strip())
        else:
            yield ("keep", rule.serialize())


def serialized(value):
    tokens = [WhitespaceToken(t.source_line, t.source_column, " ") if t.type == "whitespace" else t for t in value]
    return tinycss2.serialize(tokens).strip()


def declarations_kept(rules, used):
    for kind, head, *body in rules:
        if kind == "rule":
            kept = ";".join(text for name, text in body[0] if name is None or name in used)
            if kept:
                yield f"{head}{{{kept}}}"
        elif kind == "group":
            inner = "".join(declarations_kept(body[0], used))
            if inner:
                yield f"{head}{{{inner}}}"
        elif kind == "keyframes":
            if body[0] in used:
                yield head
        else:
            yield head


@functools.lru_cache(maxsize=8)
def outline(css):
    """A stylesheet as its rules, parsed once for all the pages of a build: ("rule", selectors,
    "{declarations}"), ("group", "@media …", rules inside) or ("keep", text) for other at-rules.
    A parse error is what a browser drops too: nothing to keep."""
    return tuple(outlined(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def outlined(rules):
    for rule in rules:
        if rule.type == "qualified-rule":
            yield ("rule", selectors(tinycss2.serialize(rule.prelude)), f"{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = outlined(tinycss2.parse_blocks_contents(rule.content, True, True))
            yield ("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", tuple(inner))
        elif rule.type == "at-rule":  # @font-face, @keyframes, @page, @property …: kept whole
            yield ("keep", rule.serialize())


def purged(rules, page):
    """The text of the rules that may apply to the page, grouping at-rules kept around them; of
    a selector list, the selectors that may apply (`[dir=rtl] …`, the other primary colours go)."""
    for kind, *parts in rules:
        if kind == "rule":
            kept = [selector for selector in parts[0] if page.may_match(selector)]
            if kept:
                yield ",".join(kept) + parts[1]
        elif kind == "group":
            inner = "".join(purged(parts[1], page))
            if inner:
                yield f"{parts[0]}{{{inner}}}"
        elif kind == "keep":
            yield parts[0]


def runtime_css(page_html, stylesheets, scripts):
    """The rules of `stylesheets` that name a class which `scripts` (their texts) name and the
    page does not have, even as a BEM block: what the scripts may add once they run."""
    page = PageSelectors(BeautifulSoup(page_html, "html.parser"))
    added = {name for script in scripts for name in THEME_CLASS.findall(script) if not page.has_name("." + name)}
    return "".join(text for css in stylesheets for text in naming(outline(css), added))


def naming(rules, classes):
    for kind, *parts in rules:
        if kind == "rule" and classes.intersection(SELECTOR_CLASS.findall(",".join(parts[0]))):
            yield ",".join(parts[0]) + parts[1]
        elif kind == "group":
            inner = "".join(naming(parts[1], classes))
            if inner:
                yield f"{parts[0]}{{{inner}}}"


class PageSelectors:
    """Whether a selector may match an element of the page in some state, answered once per
    selector (`purged` splits selector lists with `selectors`)."""

    def __init__(self, soup):
        self.soup, self.answers, self.attributes = soup, {}, {}
        self.classes = {name for element in soup.find_all(class_=True) for name in element.get("class", [])}
        self.tags = {element.name for element in soup.find_all(True)} | {"html"}

    def may_match(self, selector):
        if selector not in self.answers:
            try:
                self.answers[selector] = self.has_classes(selector) and (
                    self.soup.select_one(widened(selector, self)) is not None
                )
            except Exception:  # noqa: BLE001 - a selector soupsieve cannot read is kept
                self.answers[selector] = True
        return self.answers[selector]

    def has_classes(self, selector):
        """A quick necessary condition: the selector names, outside brackets and parentheses,
        only classes (or, for a BEM state, its block) and elements the page has. Most of
        Material's rules are for components this page does not have."""
        return all(map(self.has_name, top_level_names(selector)))

    def has_attribute(self, attribute_selector):
        if attribute_selector not in self.attributes:
            try:
                self.attributes[attribute_selector] = self.soup.select_one(attribute_selector) is not None
            except Exception:  # noqa: BLE001 - unreadable: widen, so that the rule is kept
                self.attributes[attribute_selector] = True
        return self.attributes[attribute_selector]

    def has_name(self, name):
        if "\\" in name:
            return True
        if not name.startswith("."):
            return name in self.tags
        name = name[1:]
        return name in self.classes or ("--" in name and name.split("--", 1)[0] in self.classes)


def selectors(selector_list):
    """The selectors of a list, split at its top-level commas."""
    found, depth, start, i = [], 0, 0, 0
    while i < len(selector_list):
        char = selector_list[i]
        if char == "\\":
            i += 1
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char in "\"'":  # a string: to its closing quote
            end = selector_list.find(char, i + 1)
            i = end if end != -1 else len(selector_list)
        elif char == "," and not depth:
            found.append(selector_list[start:i].strip())
            start = i + 1
        i += 1
    return tuple([*found, selector_list[start:].strip()])


def top_level_names(selector):
    """The classes (".name") and element names a selector names outside brackets and
    parentheses: each must be on the page for the selector to match."""
    names, depth, i = [], 0, 0
    while i < len(selector):
        char = selector[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth:
            pass
        elif char == "\\":
            i += 1
        elif char in ".#:" or char.isalpha():
            start = i + (char in ".#:") + (selector[i : i + 2] == "::")
            name = CLASS.match(selector, start).group(0)
            if char == ".":
                names.append("." + name)
            elif char.isalpha():
                names.append(name.lower())
            i = start + len(name) - 1
        i += 1
    return names


def widened(selector_list, page):
    """Each pseudo-class and pseudo-element replaced by `:is(*)`, "any element", and so is each
    attribute selector that some element of the page satisfies: the palette inputs carry the
    values the body takes when the reader switches (`[data-md-color-scheme=slate]`), the drawer
    toggle its name. An attribute no element has (`[dir=rtl]`) is left to fail."""
    out, i, text = [], 0, selector_list
    while i < len(text):
        char = text[i]
        if char == ".":  # a BEM state the scripts add (.md-dialog--active) counts as its block (.md-dialog)
            name = CLASS.match(text, i + 1).group(0)
            block = name.split("--", 1)[0]
            out.append("." + (block if "--" in name and block in page.classes else name))
            i += 1 + len(name)
            continue
        if char not in "[:":
            out.append(char)
            i += 1
            continue
        j = i + 1
        if char == ":":
            j += text[j] == ":"
            while j < len(text) and (text[j].isalnum() or text[j] in "-_"):
                j += 1
        if char == "[" or (j < len(text) and text[j] == "("):
            opening = "[" if char == "[" else "("
            depth, j = 0, (i if char == "[" else j)
            while j < len(text):
                depth += text[j] == opening
                depth -= text[j] == WIDEN[opening]
                j += 1
                if depth == 0:
                    break
        simple = text[i:j]
        name = simple.split("(", 1)[0].lower()
        if name in SELECTING:  # :is(.admonition, details) selects: its arguments are widened alike
            out.append(f"{name}({widened(simple[len(name) + 1 : -1], page)})")
        else:
            out.append(":is(*)" if char == ":" or page.has_attribute(simple) else simple)
        i = j
    return "".join(out)


class MissingStylesheet(Exception):
    pass


def site_path(href, page_url, site_url):
    """Where a stylesheet linked by the page at `page_url` lives in the site."""
    split = urlsplit(href)
    if split.netloc:
        raise MissingStylesheet(f"critical_css: {href} is on another host; the site serves its own CSS")
    if split.path.startswith("/"):  # 404.html links absolutely, under the site's path on its host
        root = urlsplit(site_url or "/").path
        return split.path[len(root) :] if split.path.startswith(root) else split.path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), split.path)).lstrip("/")


def inlined(html, read, write=None):
    """(the page with its critical CSS inlined and its stylesheets deferred, that CSS); `read(href)` gives
    the text of a stylesheet or script the page links. Only the theme's stylesheets, in the
    <head> and on the site, are inlined: anything else is left where it is, for the allowlist to
    judge. `write(href, text)`, when given, saves the stylesheet of what the scripts add after
    paint, beside the theme's, named by its content; its link goes in with those scripts."""
    end = HEAD_END.search(html)
    if not end:
        return html, None
    head, body = html[: end.start()], html[end.start() :]
    links = [href for href in STYLESHEET.findall(head) if not urlsplit(href).netloc]
    if not links:
        return html, None
    css = critical_css(html, [read(href) for href in links])
    head = STYLESHEET.sub(lambda m: "" if m.group(1) in links else m.group(0), head)
    deferred = "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
    after_paint = AFTER_PAINT.search(body)
    if after_paint and write:
        scripts = [read(src) for src in SCRIPT.findall(after_paint.group(1)) if not urlsplit(src).netloc]
        runtime = runtime_css(html, [read(href) for href in links], scripts)
        if runtime:
            name = f"runtime-{hashlib.sha256(runtime.encode()).hexdigest()[:12]}.css"
            href = posixpath.join(posixpath.dirname(links[0]), name)
            write(href, runtime)
            start = after_paint.start(1)
            body = f'{body[:start]}<link rel="stylesheet" href="{href}">{body[start:]}'
    return f'{head}<style>{css}</style>\n<noscript id="stylesheets">{deferred}</noscript>\n{body}', css
