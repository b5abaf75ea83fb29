"""The allowlist: every element, attribute, class and URL scheme a built page may contain, with why.

Pages are read with html5lib, which follows the WHATWG parsing algorithm, so what is judged is
the tree a browser builds, whatever stray `<`, comments or unclosed quotes the source holds.

Two regions, judged by two lists:
- the editors' content: the children of `<article class="md-content__inner">`, except the
  theme's own buttons before it and its "Last update" / print address after it. Only what a
  statement needs: text, headings, lists, links, images, admonitions, <abbr>, <br>, <sup>.
- the theme: everything else (head, header, navigation, footer, redirect pages), with the
  elements Material and Zensical emit, their `md-*` classes and `data-md-*` attributes.
Anything not listed is refused, and scripts and styles must be the site's own (csp.py).
"""

from dataclasses import dataclass

import html5lib

SVG = "{http://www.w3.org/2000/svg}"
MAX_DEPTH = 80  # Material nests about 25 deep; far more is a bomb, not a page

# -- Elements -----------------------------------------------------------------------------

CONTENT_ELEMENTS = {
    "p": "paragraphs",
    "h1": "headings",
    "h2": "headings",
    "h3": "headings",
    "h4": "headings",
    "h5": "headings",
    "h6": "headings",
    "ul": "lists (the calls)",
    "ol": "lists (the calls)",
    "li": "list items",
    "a": "links, and the permalinks beside each part",
    "em": "emphasis",
    "strong": "emphasis",
    "blockquote": "quotations",
    "code": "code shown as text",
    "pre": "code blocks",
    "hr": "section breaks",
    "br": "line breaks editors write as <br>",
    "abbr": "abbreviations such as ILRC",
    "sup": "footnote marks",
    "sub": "subscripts",
    "img": "images from docs/assets/",
    "div": "admonitions (notes, warnings) and footnote blocks",
    "span": "text runs Python-Markdown emits",
    "table": "tables",
    "thead": "tables",
    "tbody": "tables",
    "tr": "tables",
    "th": "tables",
    "td": "tables",
}
THEME_ELEMENTS = {
    **CONTENT_ELEMENTS,
    **dict.fromkeys(["html", "head", "body", "title"], "the document itself"),
    "meta": "charset, viewport, description, referrer, preview cards; the policy and redirects (checked below)",
    "link": "the theme's stylesheets, the canonical address, the inline favicon",
    "script": "the site's own scripts only: checked against csp.py's trusted list",
    "style": "the site's own styles only: checked against csp.py's trusted list",
    **dict.fromkeys(["header", "nav", "main", "footer", "article", "aside"], "the theme's page structure"),
    **dict.fromkeys(["label", "input", "form", "button"], "the theme's toggles (drawer, palette) without JavaScript"),
    "details": "the theme's collapsible navigation",
    "template": "the theme's scripts, inert until the page has painted (partials/javascripts/bundle.html)",
    "noscript": "the full stylesheets for readers without JavaScript (site_checks/critical_css.py)",
    "summary": "the theme's collapsible navigation",
    **dict.fromkeys([SVG + n for n in "svg path g circle rect line polyline".split()], "the theme's inline icons"),
}

# Elements the theme uses once each, by ID: anywhere else they would hide or hold content.
THEME_ONLY_IDS = {"template": "theme-scripts", "noscript": "stylesheets"}

# Refusals say what to write instead; the default for anything unlisted is DEFAULT_HINT.
HINTS = {
    "script": "the site's scripts live in overrides/partials/javascripts/ and are reviewed by developers",
    "style": "page styles belong in docs/stylesheets/extra.css",
    "iframe": "link to the other page instead: [its title](https://…)",
    "object": "link to the file instead",
    "embed": "link to the file instead",
    "form": "link to the form on the organisation's site instead",
    "input": "link to the form on the organisation's site instead",
    "svg": "put the image in docs/assets/ as PNG and write ![what it shows](assets/name.png)",
    "meta": "page titles and descriptions go in the front matter (title:, description:)",
    "link": "links are written [text](address)",
    "comment": "remove the comment (an unclosed <!-- or a stray <!, <? hides the text after it)",
}
DEFAULT_HINT = "write it in Markdown (text, headings, lists, links, images, > quotes) or ask a developer"

# -- Attributes: name -> (elements or None for any, rule, why) -------------------------------


@dataclass(frozen=True)
class Attribute:
    elements: frozenset | None
    rule: str
    why: str


def attribute(elements, rule, why):
    return Attribute(frozenset(elements.split()) if elements else None, rule, why)


CONTENT_ATTRIBUTES = {
    "id": attribute(None, "token", "stable anchors for shared links"),
    "class": attribute(None, "content-class", "admonitions and permalinks (classes listed below)"),
    "href": attribute("a", "link", "links to pages, sections and other sites"),
    "title": attribute("a abbr", "text", "link titles and the expansion of an abbreviation"),
    "aria-label": attribute(
        "a h1 h2 h3 h4 h5 h6", "name", "the permalinks' names; a heading's, without its permalink (hooks/permalinks.py)"
    ),
    "data-share-url": attribute("a", "local", "the share address a permalink copies (hooks/share_pages.py)"),
    "rel": attribute("a", "rel", "noopener noreferrer on links to other sites"),
    "alt": attribute("img", "text", "what an image shows, for screen readers"),
    "src": attribute("img", "image", "images from the site itself"),
    "width": attribute("img", "integer", "image size, to avoid layout shift"),
    "height": attribute("img", "integer", "image size, to avoid layout shift"),
    "loading": attribute("img", "loading", "lazy images below the fold"),
    "lang": attribute(None, "bcp47", "passages in another language, for screen readers"),
    "colspan": attribute("td th", "integer", "tables"),
    "rowspan": attribute("td th", "integer", "tables"),
    "align": attribute("td th", "align", "table column alignment (Python-Markdown's tables)"),
}
THEME_ATTRIBUTES = {
    **CONTENT_ATTRIBUTES,
    "class": attribute(None, "theme-class", "the theme's classes"),
    "href": attribute("a link", "theme-link", "navigation, stylesheets, canonical address, favicon"),
    "src": attribute("img script", "local", "the theme's own files"),
    "title": attribute(None, "text", "tooltips on the theme's buttons"),
    "aria-label": attribute(None, "text", "the theme's accessible names"),
    "rel": attribute("a link", "rel", "stylesheet, canonical, icon, noopener noreferrer, expect"),
    "blocking": attribute("link", "render", "the first paint waits for the whole page (overrides/main.html)"),
    "charset": attribute("meta", "utf-8", "the page's encoding"),
    "name": attribute("meta input", "text", "meta names; the palette's radio group"),
    "property": attribute("meta", "og", "Open Graph preview cards"),
    "content": attribute("meta", "meta-content", "meta values (redirect targets are checked)"),
    "http-equiv": attribute("meta", "http-equiv", "the Content Security Policy and redirects"),
    "type": attribute("script input link button", "type", "data scripts, checkbox and radio toggles"),
    "for": attribute("label", "token", "labels of the theme's toggles"),
    "hidden": attribute(
        "label button", "empty", "the palette toggle not in use; back-to-top until the reader scrolls up"
    ),
    "autocomplete": attribute("input", "text", "the theme's toggles"),
    "tabindex": attribute(None, "integer", "focus order of the theme's controls"),
    "dir": attribute("html body", "dir", "text direction"),
    "role": attribute(None, "text", "ARIA roles of the theme's widgets"),
    "target": attribute("a", "blank", "the theme's repository link"),
    "as": attribute("link", "text", "preloaded stylesheets"),
    "media": attribute("link style", "text", "print and colour-scheme stylesheets"),
    "sizes": attribute("link", "text", "icon sizes"),
    "id": attribute(None, "token", "the theme's anchors and toggles"),
    "defer": attribute("script", "empty", "scripts after the text"),
    "async": attribute("script", "empty", "scripts after the text"),
    "open": attribute("details", "empty", "the theme's open navigation sections"),
    "checked": attribute("input", "empty", "the theme's toggles"),
    "viewbox": attribute("svg", "text", "icon geometry"),
    "viewBox": attribute("svg", "text", "icon geometry"),
    "xmlns": attribute("svg", "text", "icon namespace"),
    "d": attribute("path", "text", "icon geometry"),
    **{
        name: attribute("svg path g circle rect line polyline", "text", "icon geometry and colour (Lucide, Zensical)")
        for name in "fill stroke stroke-width stroke-linecap stroke-linejoin cx cy r x y x1 y1 x2 y2 rx ry width height points".split()
    },
    "aria-hidden": attribute(None, "text", "decorative icons"),
    "aria-expanded": attribute(None, "text", "the theme's disclosure widgets"),
    "aria-controls": attribute(None, "token", "the theme's disclosure widgets"),
    "aria-labelledby": attribute(None, "token", "the theme's navigation"),
}
# data-md-* (Material's JavaScript hooks), data-* of Zensical and aria-* are allowed in the theme
# region: they never run code or load anything, the bundle and assistive technology only read them.
THEME_DATA_PREFIXES = ("data-md-", "data-", "aria-")

# -- Classes ----------------------------------------------------------------------------------

ADMONITION_TYPES = (
    "note abstract summary tldr info todo tip hint important success check done question help faq "
    "warning caution attention failure fail missing danger error bug example quote cite"
).split()
CONTENT_CLASSES = {
    "headerlink": "the permalinks of headings (toc extension)",
    "share-link": "the permalinks beside each part (hooks/permalinks.py)",
    "admonition": "admonitions (admonition / pymdownx.blocks.admonition)",
    "admonition-title": "the title line of an admonition",
    **dict.fromkeys(ADMONITION_TYPES, "the kind of an admonition"),
    "footnote": "footnotes",
    "footnote-ref": "footnotes",
    "footnote-backref": "footnotes",
    "toclink": "links to headings",
    "anchor-alias": "an old ID kept where links shared before a rename land (hooks/anchors.py)",
    "md-deck": "the statement's deck, the line under its title (docs/stylesheets/extra.css)",
}
# The language of a fenced code block (```html), which only names how it is highlighted.
CONTENT_CLASS_PREFIXES = ("language-",)
# Material's, Zensical's and the plugins' own classes, outside the content.
THEME_CLASS_PREFIXES = ("md-", "git-revision-date-localized-plugin", "twemoji", "zensical-", "lucide")
# share-page*: the share pages' layout (overrides/share-page.html, stylesheets/share-page.css).
THEME_CLASSES = {"no-js", "js", "print-url", "headerlink", "share-link", "share-page", "share-page__statement"}

# -- URLs -----------------------------------------------------------------------------------

SCHEMES = {
    "https": "links to other sites",
    "http": "links to other sites that have no https",
    "mailto": "e-mail addresses",
}
META_NAMES = {"viewport", "description", "author", "generator", "referrer", "theme-color", "color-scheme"}


@dataclass
class Refusal:
    what: str  # what was found, as an editor would recognise it
    why: str
    hint: str
    near: str | None  # the nearest ID before it, if any
    region: str  # "content" or "theme"
    needle: str  # text to look for in the Markdown source

    def message(self):
        return f"{self.what} is not allowed: {self.why}; {self.hint}"


def parse(text):
    """The tree a browser builds, and html5lib's parse errors: ((line, column), code, details)."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    return parser.parse(text), parser.errors


def misparsed(text, errors):
    """Refusals for parse errors. Material's and Zensical's pages have none: one in a page is raw
    HTML that a browser reads differently from how it reads (a stray `<`, an end tag that closes
    the article early and moves what follows into the theme's markup, an unclosed quote)."""
    refusals, line_starts = [], [0]
    for index, char in enumerate(text):
        if char == "\n":
            line_starts.append(index + 1)
    for (line, column), code, details in errors[:5]:
        offset = line_starts[min(line, len(line_starts)) - 1] + max(column, 0)
        before = text.rfind(' id="', 0, offset)
        near = text[before + 5 : text.find('"', before + 5)] if before >= 0 else None
        name = (details or {}).get("name") or ""
        refusals.append(
            Refusal(
                f"HTML that a browser reads differently from how it is written ({code}{' <' + name + '>' if name else ''})",
                "it can move text or tags out of the place they were written in",
                "close every tag you open, quote attribute values, write < as &lt; in text, or write Markdown",
                near,
                "content",
                f"<{name}" if name else "<",
            )
        )
    return refusals


def local_name(tag):
    """A tag or attribute name without its namespace ({http://www.w3.org/2000/svg}path -> path)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) and tag.startswith("{") else tag


def check_document(root, trusted_inline):
    """Refusals for a parsed page. `trusted_inline(kind, text)` says whether an inline script or
    style is the site's own (csp.py); the texts found are returned for the policy."""
    refusals, inline = [], []
    near = None
    content = content_children(root)
    # Iterative walk: the depth of a page is bounded by MAX_DEPTH, never by Python's stack.
    stack = [(root, 0, "theme")]
    while stack:
        element, depth, region = stack.pop()
        tag = element.tag
        if depth > MAX_DEPTH:
            refusals.append(
                Refusal(
                    f"nesting {MAX_DEPTH} levels deep",
                    "no page needs it, and it slows every reader's browser",
                    "flatten the lists or quotes",
                    near,
                    region,
                    "",
                )
            )
            continue
        if not isinstance(tag, str):  # a comment
            if region == "content":
                refusals.append(
                    Refusal(
                        "an HTML comment or <!…>/<?…> markup",
                        "it hides the text after it",
                        HINTS["comment"],
                        near,
                        region,
                        "<!",
                    )
                )
            continue
        if element.get("id"):
            near = element.get("id")
        refusals += check_element(element, region, near)
        name = local_name(tag)
        if name in ("script", "style"):
            kind, text = name, element.text or ""
            if name == "script" and element.get("src") is None and not is_data_script(element):
                if not trusted_inline("script", text):
                    refusals.append(untrusted(kind, text, near, region))
                else:
                    inline.append(("script", text))
            elif name == "style":
                if not trusted_inline("style", text):
                    refusals.append(untrusted(kind, text, near, region))
                else:
                    inline.append(("style", text))
        children = list(element)
        for child in reversed(children):
            child_region = "content" if id(child) in content else region
            stack.append((child, depth + 1, child_region))
    return refusals, inline


def untrusted(kind, text, near, region):
    return Refusal(
        f"the inline <{kind}> {shorten(text)!r}",
        f"it is not one of the site's own {kind}s (site_checks/csp.py)",
        HINTS[kind],
        near,
        region,
        f"<{kind}",
    )


def is_data_script(element):
    return (element.get("type") or "").strip().lower() == "application/json"


def content_children(root):
    """id() of the editors' elements: the article's children between the theme's parts."""
    article = next(
        (e for e in root.iter("article") if "md-content__inner" in (e.get("class") or "").split()),
        None,
    )
    if article is None:
        return set()
    children = list(article)
    start, end = 0, len(children)
    # Zensical's skip-link target, then the edit and view buttons.
    while start < end and (
        "md-content__button" in (children[start].get("class") or "").split() or children[start].get("id") == "__skip"
    ):
        start += 1
    theme_after = {"md-source-file", "print-url"}
    while end > start and theme_after & set((children[end - 1].get("class") or "").split()):
        end -= 1
    return {id(child) for child in children[start:end]}


def check_element(element, region, near):
    refusals = []
    name = local_name(element.tag)
    elements = CONTENT_ELEMENTS if region == "content" else THEME_ELEMENTS
    if element.tag not in elements:
        hint = HINTS.get(name, DEFAULT_HINT)
        why = "it is not among the elements a statement needs" if region == "content" else "the theme does not use it"
        refusals.append(Refusal(f"the element <{name}>", why, hint, near, region, f"<{name}"))
        return refusals  # its attributes would only repeat the refusal
    if name in THEME_ONLY_IDS and element.get("id") != THEME_ONLY_IDS[name]:
        why = f"the theme uses <{name}> only as #{THEME_ONLY_IDS[name]}"
        refusals.append(Refusal(f"the element <{name}>", why, HINTS.get(name, DEFAULT_HINT), near, region, f"<{name}"))
        return refusals
    attributes = CONTENT_ATTRIBUTES if region == "content" else THEME_ATTRIBUTES
    for attr, value in element.attrib.items():
        attr_name = local_name(attr) if isinstance(attr, str) else str(attr)
        allowed = attributes.get(attr_name)
        if allowed is None and region == "theme" and attr_name.startswith(THEME_DATA_PREFIXES):
            continue
        if allowed is None or (allowed.elements is not None and name not in allowed.elements):
            refusals.append(attribute_refusal(name, attr_name, value, near, region))
            continue
        problem = check_value(allowed.rule, value, element)
        if problem:
            refusals.append(
                Refusal(f"{attr_name}={shorten(value)!r} on <{name}>", problem, DEFAULT_HINT, near, region, value[:40])
            )
    return refusals


def visible_text(element):
    """The text of an element without its permalinks (a.headerlink), white space folded."""
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or "").split():
            parts.append(visible_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def attribute_refusal(name, attr, value, near, region):
    if attr.startswith("on"):
        why, hint = "an event handler runs code", "remove it"
    elif attr == "style":
        why, hint = (
            "it can hide text, and the Content Security Policy blocks it",
            "add a class in docs/stylesheets/extra.css",
        )
    elif attr in ("hidden", "popover"):
        why, hint = "it hides text from readers", "remove it"
    else:
        why, hint = "it is not among the attributes the site needs", DEFAULT_HINT
    return Refusal(f"the attribute {attr}= on <{name}>", why, hint, near, region, f"{attr}=")


def check_value(rule, value, element):
    """A reason the value breaks its rule, or None."""
    if rule == "name":
        # A heading must be heard as it reads: its name is its visible text, nothing else.
        if local_name(element.tag) == "a" or " ".join(value.split()) == visible_text(element):
            return None
        return "a heading's name must be its own text"
    if rule in ("text", "token"):
        if rule == "token" and any(c.isspace() for c in value):
            return "an ID or reference is one word"
        return None
    if rule == "empty":
        return None if value in ("", element.tag) else "it takes no value"
    if rule == "integer":
        return None if value.removeprefix("-").isdigit() and len(value) < 6 else "a whole number is expected"
    if rule == "content-class":
        bad = [c for c in value.split() if c not in CONTENT_CLASSES and not c.startswith(CONTENT_CLASS_PREFIXES)]
        return bad and f"the class {bad[0]!r} is not one editors may use (allowed: admonition kinds, headerlink)"
    if rule == "theme-class":
        bad = [c for c in value.split() if c not in THEME_CLASSES and not c.startswith(THEME_CLASS_PREFIXES)]
        return bad and f"the class {bad[0]!r} is not one of the theme's"
    if rule == "link":
        return url_problem(value, allow_remote=True)
    if rule in ("image", "local"):
        return url_problem(value, allow_remote=False)
    if rule == "theme-link":
        rel = (element.get("rel") or "").split()
        if "icon" in rel and normalise_url(value).startswith("data:image/svg+xml,"):
            return None  # the inline favicon (mkdocs.yml, theme.favicon)
        if element.tag == "link" and "stylesheet" in rel:
            return url_problem(value, allow_remote=False)
        return url_problem(value, allow_remote=True)
    if rule == "rel":
        allowed = {
            "noopener",
            "noreferrer",
            "nofollow",
            "stylesheet",
            "canonical",
            "icon",
            "edit",
            "prev",
            "next",
            "preload",
            "expect",
        }
        bad = [word for word in value.lower().split() if word not in allowed]
        return bad and f"rel={bad[0]} is not used by the site"
    if rule == "render":
        return None if value == "render" else "only render"
    if rule == "bcp47":
        return None if is_bcp47(value) else "a language tag such as en, es or en-US is expected"
    if rule == "loading":
        return None if value in ("lazy", "eager") else "lazy or eager"
    if rule == "align":
        return None if value in ("left", "right", "center") else "left, right or center"
    if rule == "dir":
        return None if value in ("ltr", "rtl", "auto") else "ltr, rtl or auto"
    if rule == "blank":
        return None if value == "_blank" else "only _blank"
    if rule == "utf-8":
        return None if value.lower() == "utf-8" else "pages are UTF-8"
    if rule == "type":
        allowed = {
            "",
            "module",
            "text/javascript",
            "application/json",
            "checkbox",
            "radio",
            "text",
            "button",
            "image/svg+xml",
            "image/png",
            "text/css",
        }
        return None if value.strip().lower() in allowed else "not a type the site uses"
    if rule == "og":
        return None if value.startswith(("og:", "article:")) else "only Open Graph properties"
    if rule == "meta-content":
        return meta_content_problem(element, value)
    if rule == "http-equiv":
        return None if value.lower() in ("content-security-policy", "refresh") else "only the policy and redirects"
    return f"unknown rule {rule}"


def meta_content_problem(element, value):
    equiv = (element.get("http-equiv") or "").lower()
    if equiv == "refresh":
        delay, _, target = value.partition(";")
        target = target.strip()
        if not delay.strip().isdigit() or not target.lower().startswith("url="):
            return "a redirect is written `0; url=address`"
        return url_problem(target[4:].strip(), allow_remote=False, allow_site=True)
    if equiv == "content-security-policy":
        return None  # csp.py writes it, and checks that the page has exactly its own
    name = (element.get("name") or "").lower()
    prop = (element.get("property") or "").lower()
    if name and name not in META_NAMES and not name.startswith("twitter:"):
        return f"the meta name {name!r} is not one the site uses"
    if prop in ("og:url", "og:image") or name == "twitter:image":
        return url_problem(value, allow_remote=True)
    return None


SITE_URL = [""]  # set by the pass: absolute addresses on the site itself count as local


def normalise_url(url):
    """As browsers read an address: no leading or trailing controls or spaces, no tabs or newlines."""
    url = url.strip("".join(map(chr, range(0x21))))
    return "".join(c for c in url if c not in "\t\n\r")


def url_scheme(url):
    """The scheme of a URL, or '' for a relative one (no regex: bounded on any input)."""
    for index, char in enumerate(url):
        if char == ":":
            return url[:index].lower() if index and url[0].isascii() and url[0].isalpha() else ""
        if not (char.isascii() and (char.isalnum() or char in "+-.")):
            return ""
    return ""


def url_problem(url, allow_remote, allow_site=False):
    url = normalise_url(url)
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):
        return "control characters in an address"
    scheme = url_scheme(url)
    if SITE_URL[0] and url.startswith(SITE_URL[0]):
        return None
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return None if allow_remote else "only files of the site itself (a relative address such as assets/x.png)"
    if not scheme:
        return None
    if scheme in SCHEMES and allow_remote:
        return None
    if not allow_remote and scheme in SCHEMES:
        return "only files of the site itself (a relative address such as assets/x.png): nothing is loaded from other hosts"
    return f"the {scheme}: scheme is not allowed (only https:, http:, mailto: and addresses on the site)"


def is_bcp47(tag):
    """A well-formed BCP 47 tag (language[-script][-region][-variant…]), checked without regex."""
    parts = tag.split("-")
    if not 2 <= len(parts[0]) <= 3 or not parts[0].isascii() or not parts[0].isalpha():
        return False
    if len(tag) > 35:
        return False
    for part in parts[1:]:
        if not (1 <= len(part) <= 8 and part.isascii() and part.isalnum()):
            return False
    return True


def shorten(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
