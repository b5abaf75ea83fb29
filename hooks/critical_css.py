"""The first response paints the page: the CSS a page uses, purged at build time from the
stylesheets it links (Material's two and extra.css), is inlined in its <head>; the full
stylesheets follow once the page has painted (overrides/partials/javascripts/bundle.html adds
them before the theme's bundle), and without JavaScript a <noscript> links them as before.

The purge keeps every rule that could apply in any state the page can be in: a selector is
tested against the page with its state-dependent parts (pseudo-classes, pseudo-elements,
attribute selectors and BEM state classes: hover, focus, checked, target, the palette, the
drawer open, the share dialog's `md-dialog--active`) widened, so it is kept if the elements it
names are on the page. A
selector the parser cannot read, and every at-rule other than @media/@supports, is kept whole.
The hashes of the inlined <style> go into the Content Security Policy (hooks/csp.py, after
this hook in `hooks:`).
"""

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import tinycss2
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

# Any simple selector that depends on state or attributes becomes `:is(*)`, "any element".
WIDEN = {"[": "]", "(": ")"}
SELECTING = {":is", ":where", ":has", ":-webkit-any", ":-moz-any"}
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}
STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)"[^>]*>\n?')
CLASS = re.compile(r"(?:\\.|[\w-])*")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
HEAD_END = re.compile(r"</head>", re.IGNORECASE)


def critical_css(page_html, stylesheets):
    """The rules of `stylesheets` (CSS texts, in cascade order) that may apply to `page_html`
    in any state, as one stylesheet, in the same order."""
    soup = BeautifulSoup(page_html, "html.parser")
    kept = []
    for css in stylesheets:
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        kept.extend(purged(rules, soup, cache={}))
    return without_unused_properties("".join(kept), page_html)


def without_unused_properties(css, page_html):
    """Drop custom property declarations (Material's many `--md-*-icon` images) that nothing
    kept uses, until none is left: the full stylesheets bring them back after paint."""
    while True:
        used = set(VAR.findall(css)) | set(VAR.findall(page_html))
        smaller = "".join(declarations_kept(tinycss2.parse_stylesheet(css, True, True), used))
        if smaller == css:
            return css
        css = smaller


def declarations_kept(rules, used):
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = tinycss2.parse_blocks_contents(rule.content, True, True)
            body = ";".join(
                tinycss2.serialize([d]).strip()
                if d.type != "declaration"
                else f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                for d in declarations
                if not (d.type == "declaration" and d.name.startswith("--") and d.name not in used)
            )
            if body:
                yield f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}"
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = "".join(declarations_kept(tinycss2.parse_blocks_contents(rule.content, True, True), used))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        else:
            yield rule.serialize()


def purged(rules, soup, cache):
    for rule in rules:
        if rule.type == "qualified-rule":
            if applies(tinycss2.serialize(rule.prelude), soup, cache):
                yield rule.serialize()
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = "".join(purged(tinycss2.parse_blocks_contents(rule.content, True, True), soup, cache))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        elif rule.type == "at-rule":  # @font-face, @keyframes, @page, @property …: kept whole
            yield rule.serialize()
        # A parse error is what a browser drops too: nothing to keep.


def applies(selector_list, soup, cache):
    """Whether any selector in the list may match an element of the page in some state."""
    if selector_list not in cache:
        try:
            cache[selector_list] = soup.select_one(widened(selector_list, soup)) is not None
        except Exception:  # noqa: BLE001 - a selector soupsieve cannot read is kept
            cache[selector_list] = True
    return cache[selector_list]


def widened(selector_list, soup):
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
            out.append("." + (block if "--" in name and soup.select_one("." + block) else name))
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
            out.append(f"{name}({widened(simple[len(name) + 1 : -1], soup)})")
        else:
            out.append(":is(*)" if char == ":" or has_attribute(simple, soup) else simple)
        i = j
    return "".join(out)


def has_attribute(attribute_selector, soup):
    try:
        return soup.select_one(attribute_selector) is not None
    except Exception:  # noqa: BLE001 - unreadable: widen, so that the rule is kept
        return True


class MissingStylesheet(PluginError):
    pass


def stylesheet_text(href, page_url, config):
    """A stylesheet the page links, read from where the build takes it: docs/ or the theme."""
    path = urlsplit(href).path
    if urlsplit(href).netloc:
        raise MissingStylesheet(f"critical_css: {href} is on another host; the site serves its own CSS")
    if path.startswith("/"):  # 404.html links absolutely, under the site's path on its host
        root = urlsplit(config.site_url or "/").path
        site_path = path[len(root) :] if path.startswith(root) else path.lstrip("/")
    else:
        site_path = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), path)).lstrip("/")
    for folder in [config.docs_dir, *config.theme.dirs]:
        candidate = Path(folder) / site_path
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise MissingStylesheet(
        f"critical_css: the stylesheet {site_path} (linked by {page_url or 'index.html'}) is not in docs/ "
        f"nor in the theme ({', '.join(config.theme.dirs)}); a Material update may have moved it: "
        "check the theme's base.html `styles` block and hooks/critical_css.py"
    )


def with_critical_css(html, page_url, config):
    """The page with its critical CSS inlined and its stylesheets deferred."""
    links = STYLESHEET.findall(html)
    if not links:
        return html
    css = critical_css(html, [stylesheet_text(href, page_url, config) for href in links])
    html = STYLESHEET.sub("", html)
    deferred = "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
    head = f'<style>{css}</style>\n<noscript id="stylesheets">{deferred}</noscript>\n'
    return HEAD_END.sub(lambda m: head + m.group(0), html, count=1)


def on_post_page(output, page, config):
    return with_critical_css(output, page.url, config)


def on_post_template(output, template_name, config):
    """404.html, built from the theme's templates, is served at any path: its links are absolute."""
    if template_name != "404.html":
        return output
    return with_critical_css(output, "404.html", config)
