"""What a published page may contain, with why: the editors' content by allowlist, the theme's
markup trusted by where it comes from.

Used twice, as early as possible and again on what the build emits:
- at the Markdown level, by the content safety extension (markdown/safety.py), on the tree
  Python-Markdown makes of what editors write: `content_problem()`;
- after the build, by the verdict step (steps/verdict.py), on each page as a browser reads it
  (`parse()`: html5ever, the HTML parser of the Servo browser engine, which follows the WHATWG
  standard's parsing algorithm, through markupever): `judge()`.

Two regions of a built page:
- the content: the children of `<article class="md-content__inner">`, except the theme's buttons
  before them and, after them, its "last changed" line, the way to report a mistake and the
  address shown in print. Only what a statement needs, listed below.
- the theme: everything else. It comes from the theme's templates and `overrides/`, so it is not
  listed element by element (a Material or Zensical release with new classes passes): it may hold
  nothing active (frames, embeds, event handlers, script addresses), and its inline scripts and
  styles must be the site's own (steps/policy.py).
"""

import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markupever
from markupever import dom

from .homographs import host_problem
from .source.text import INVISIBLE

SVG = "{http://www.w3.org/2000/svg}"
MAX_DEPTH = 80  # Material nests about 25 deep; far more is a bomb, not a page

# -- The content: elements -------------------------------------------------------------------

CONTENT_ELEMENTS = {
    "p": "paragraphs",
    **dict.fromkeys(["h1", "h2", "h3", "h4", "h5", "h6"], "headings"),
    "ul": "lists",
    "ol": "lists",
    "li": "list items",
    "a": "links, and the permalinks beside each part",
    "em": "emphasis",
    "strong": "emphasis",
    "del": "struck-through text (~~text~~)",
    "blockquote": "quotations",
    "code": "code shown as text",
    "pre": "code blocks",
    "hr": "section breaks",
    "br": "line breaks (two spaces at the end of a line)",
    "abbr": "abbreviations, with the abbr extension's `*[ILRC]: …` lines",
    "sup": "footnote marks",
    "img": "images from docs/",
    "div": "notices and the footnotes' block",
    "span": "old IDs kept for shared links (markdown/share.py), code highlighting, a task's tick",
    **dict.fromkeys(["table", "thead", "tbody", "tr", "th", "td"], "tables"),
    **dict.fromkeys(["dl", "dt", "dd"], "definition lists (def_list)"),
    **dict.fromkeys(["figure", "figcaption"], "an image and its caption (markdown/figures.py)"),
    "label": "a task's box and its words (markdown/tasks.py)",
    "input": "a task's box, which a reader cannot tick (markdown/tasks.py; REQUIRED_ATTRIBUTES)",
}
# What an element must carry: a task's box is a box, and inert.
REQUIRED_ATTRIBUTES = {"input": ("type", "disabled")}

# What to write instead, by element; anything else gets DEFAULT_HINT.
HINTS = {
    "script": "the site's scripts are code: they live in overrides/assets/javascripts/, which developers change",
    "style": "the site's styles are code: they live in overrides/assets/stylesheets/, which developers change",
    "iframe": "link to the other page instead: [its title](https://…)",
    "video": "link to the video instead: [its title](https://…)",
    "object": "link to the file instead",
    "embed": "link to the file instead",
    "form": "link to the form on the organisation's site instead",
    "input": "link to the form on the organisation's site instead",
    "svg": "put the image in docs/assets/ and write ![what it shows](assets/name.svg)",
    "meta": "page titles and descriptions go in the front matter (title:, description:)",
    "link": "links are written [text](address)",
    "br": "end the line with two spaces for a line break",
    "details": "a notice that folds away hides its text: write `> [!NOTE]` with nothing after it",
    "summary": "a notice that folds away hides its text: write `> [!NOTE]` with nothing after it",
    "sup": "a footnote is written text[^1], and '[^1]: its source' on a line of its own",
    "abbr": "an abbreviation is explained with a line '*[ILRC]: Immigrant Legal Resource Center'",
    "table": "a table is written with | between cells (see CONTRIBUTING.md)",
    "comment": "remove the comment",
}
DEFAULT_HINT = "write it in Markdown (text, headings, lists, links, images, > quotes, tables) or ask a developer"

# -- The content: attributes -------------------------------------------------------------------


@dataclass(frozen=True)
class Attribute:
    elements: frozenset | None  # None: on any content element
    rule: str
    why: str


def attribute(elements, rule, why):
    return Attribute(frozenset(elements.split()) if elements else None, rule, why)


CONTENT_ATTRIBUTES = {
    "id": attribute(None, "token", "stable anchors for shared links"),
    "class": attribute(None, "class", "buttons and the deck (EDITOR_CLASSES); notices, permalinks… where the site puts them (GENERATED_CLASSES)"),
    "href": attribute("a", "link", "links to pages, parts and other sites"),
    "title": attribute("a abbr img", "text", "link titles and the expansion of an abbreviation"),
    "aria-label": attribute("a h1 h2 h3 h4 h5 h6", "text", "the permalinks' names; a heading's, without its permalink"),
    "data-share-url": attribute("a", "local", "the share address a permalink copies (markdown/share.py)"),
    "rel": attribute("a", "rel", "noopener noreferrer on links to other sites"),
    "alt": attribute("img", "text", "what an image shows, for screen readers"),
    "src": attribute("img", "image", "images from the site itself"),
    "width": attribute("img", "integer", "image size, to avoid layout shift"),
    "height": attribute("img", "integer", "image size, to avoid layout shift"),
    "loading": attribute("img", "loading", "lazy images below the first screen"),
    "decoding": attribute("img", "decoding", "images decoded off the main thread"),
    "lang": attribute(None, "bcp47", "passages in another language, for screen readers: {lang=es}"),
    "dir": attribute(None, "dir", "passages written right to left: {dir=rtl}"),
    "colspan": attribute("td th", "integer", "tables"),
    "rowspan": attribute("td th", "integer", "tables"),
    "align": attribute("td th", "align", "table column alignment (| :-- |)"),
    "start": attribute("ol", "integer", "a numbered list that starts after 1"),
    "type": attribute("input", "checkbox", "a task's box (markdown/tasks.py)"),
    "disabled": attribute("input", "disabled", "a task's box, which a reader cannot tick"),
    "checked": attribute("input", "checked", "a task done: `- [x]`"),
}

# -- The content: classes ----------------------------------------------------------------------

ADMONITION_TYPES = (
    "note abstract summary tldr info todo tip hint important success check done question help faq "
    "warning caution attention failure fail missing danger error bug example quote cite"
).split()
NOTICE_KINDS_HINT = "write > [!NOTE], > [!TIP], > [!IMPORTANT], > [!WARNING] or > [!CAUTION], as GitHub shows them"
# What editors may write themselves, in an attribute list: `[Sign](https://…){ .md-button }`.
EDITOR_CLASSES = {
    "md-button": "a link shown as a button: [Sign the letter](https://…){ .md-button }",
    "md-button--primary": "a filled button: [Sign the letter](https://…){ .md-button .md-button--primary }",
    "md-deck": "the line under the page's title, set as a deck: its paragraph, then a line { .md-deck }",
}
# The element each of them belongs on: a button is a link, the deck a paragraph.
EDITOR_CLASS_ELEMENTS = {"md-button": "a", "md-button--primary": "a", "md-deck": "p"}


@dataclass(frozen=True)
class Place:
    """Where a generator puts a class of its own: on which elements, and `fits(attributes,
    parent)`, what else is true there. The same class anywhere else is content styled as the
    site's own markup (a paragraph hidden as a permalink is), and is refused."""

    elements: frozenset
    what: str
    fits: object = None  # (attributes, parent element or None) -> bool; None: anywhere


def place(elements, what, fits=None):
    return Place(frozenset(elements.split()), what, fits)


def classes_of(element):
    return (element.get("class") or "").split() if element is not None else []


def links_to_its_parent(attributes, parent):
    """A permalink: the link to the part it is in (toc, markdown/share.py); a figure's sits in
    its caption (whose figure holds the ID: judged with the figure's own attributes)."""
    if parent is not None and parent.tag == "figcaption":
        return attributes.get("href", "").startswith("#") and attributes.get("href") != "#"
    return parent is not None and bool(parent.get("id")) and attributes.get("href") == "#" + parent.get("id")


# What the site's Markdown extensions put on content, and where; none hides or moves text.
GENERATED_CLASSES = {
    "headerlink": place("a", "the permalink of a heading or part, by toc and markdown/share.py", links_to_its_parent),
    "share-link": place("a", "the permalink beside a part, by markdown/share.py", links_to_its_parent),
    "anchor-alias": place("span", "an old ID kept where shared links land, by steps/aliases.py", lambda a, p: bool(a.get("id"))),
    "admonition": place("div", "a notice, by pymdownx.blocks.admonition and pymdownx.quotes"),
    "admonition-title": place("p", "the title line of a notice", lambda a, p: "admonition" in classes_of(p)),
    **dict.fromkeys(ADMONITION_TYPES, place("div", "the kind of a notice", lambda a, p: "admonition" in a.get("class", "").split())),
    "footnote": place("div", "the footnotes' block", lambda a, p: a.get("class", "").split() == ["footnote"]),
    "footnote-ref": place("a", "a footnote's mark", lambda a, p: p is not None and p.tag == "sup" and a.get("href", "").startswith("#fn")),
    "footnote-backref": place("a", "a footnote's way back", lambda a, p: a.get("href", "").startswith("#fnref")),
    "toclink": place("a", "links to headings", lambda a, p: p is not None and p.tag in HEADINGS),
    "attachment": place("a", "a link to a PDF, by markdown/attachments.py", lambda a, p: is_pdf_link(a.get("href", ""))),
    "highlight": place("pre div", "a code block, by pymdownx.superfences"),
    "task-list": place("ul", "a list of tasks, `- [ ]`, by markdown/tasks.py"),
    "task-list-item": place("li", "a task, `- [x]`, by markdown/tasks.py", lambda a, p: "task-list" in classes_of(p)),
    "task-list-control": place("label", "a task's box and its words, by markdown/tasks.py", lambda a, p: "task-list-item" in classes_of(p)),
    "task-list-indicator": place("span", "the tick or circle drawn for a task's box, by markdown/tasks.py", lambda a, p: "task-list-control" in classes_of(p)),
}
# A code block's language (```html), which only names how it is highlighted.
CONTENT_CLASS_PREFIXES = {"language-": place("code", "a code block's language", lambda a, p: p is not None and p.tag == "pre")}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def is_pdf_link(href):
    return href.split("#")[0].split("?")[0].lower().endswith(".pdf")


def classes_hint():
    return "; ".join(EDITOR_CLASSES.values())


def class_place(name):
    """Where the class `name` belongs: a Place, or None for a class nobody puts on content."""
    if name in EDITOR_CLASSES:
        return place(EDITOR_CLASS_ELEMENTS[name], EDITOR_CLASSES[name])
    prefix = next((p for p in CONTENT_CLASS_PREFIXES if name.startswith(p)), None)
    return CONTENT_CLASS_PREFIXES[prefix] if prefix else GENERATED_CLASSES.get(name)


def class_fits(name, tag, attributes=None, parent=None):
    """Whether content may carry the class `name` on a `tag` with `attributes`, in `parent`:
    an editor's class on its element, a generated one only where its generator puts it."""
    where = class_place(name)
    if where is None or tag not in where.elements:
        return False
    return where.fits is None or bool(where.fits(attributes or {}, parent))


def is_generated(name):
    return name not in EDITOR_CLASSES and class_place(name) is not None


def written_class_problem(name):
    """Why an editor may not write the class `name` (in `{ .name }`), or None."""
    if name in EDITOR_CLASSES or not is_generated(name):
        return None  # an editor's class, judged by where it is; an unknown one, as unknown
    return f"the class {name!r} is the site's own ({class_place(name).what}), not one to write. Available: {classes_hint()}"


def class_problem(value, tag, attributes=None, parent=None):
    """Why the classes `value` may not be on a `tag` there, naming the first that may not, or None."""
    classes = value.split()
    bad = [c for c in classes if not class_fits(c, tag, attributes, parent)]
    if not bad:
        return None
    if bad[0] in EDITOR_CLASS_ELEMENTS:
        return f"the class {bad[0]!r} is not available on <{tag}>, only as {EDITOR_CLASSES[bad[0]]}"
    if tag == "div" and "admonition" in classes[:-1] and classes.index("admonition") + 1 == classes.index(bad[0]):
        return f"'[!{bad[0].upper()}]' is not a kind of notice: {NOTICE_KINDS_HINT}"
    if is_generated(bad[0]):
        return f"the class {bad[0]!r} is the site's own ({class_place(bad[0]).what}), not available here. Available: {classes_hint()}"
    return f"the class {bad[0]!r} is not available. Available: {classes_hint()}"


SCHEMES = {
    "https": "links to other sites",
    "http": "links to other sites that have no https",
    "mailto": "e-mail addresses",
    "tel": "telephone numbers, which a phone calls when tapped (a press contact)",
}
# tel: a + and the country code, then the number (E.164: at most 15 digits), hyphens, dots or
# brackets between digits as RFC 3966 allows: no letters, spaces or parameters.
TELEPHONE = re.compile(r"\+[0-9](?:[-.()]*[0-9]){6,14}")
# Schemes that name another way of reaching a telephone number: the nearest allowed is tel:.
CALLING = {"callto", "sms", "skype", "facetime", "facetime-audio", "whatsapp", "viber"}


def content_problem(tag, attributes, site_url="", parent=None):
    """(element problem or None, {attribute: problem}) for an element of the content, as a
    browser or Python-Markdown holds it: `attributes` maps names to values; `parent`, the
    element it is in (where a generated class belongs), when known."""
    if tag not in CONTENT_ELEMENTS:
        return f"the element <{tag}> is not among those a statement needs; {HINTS.get(tag, DEFAULT_HINT)}", {}
    missing = [name for name in REQUIRED_ATTRIBUTES.get(tag, ()) if name not in attributes]
    if missing:
        return f"the element <{tag}> without {missing[0]}= is not among those a statement needs; {HINTS.get(tag, DEFAULT_HINT)}", {}
    problems = {}
    for name, value in attributes.items():
        allowed = CONTENT_ATTRIBUTES.get(name)
        if allowed is None or (allowed.elements is not None and tag not in allowed.elements):
            problems[name] = attribute_problem(name)
            continue
        problem = class_problem(value, tag, attributes, parent) if allowed.rule == "class" else value_problem(allowed.rule, value, tag, site_url)
        if problem:
            problems[name] = problem
    return None, problems


def attribute_problem(name):
    if name.startswith("on"):
        return "an event handler runs code: remove it"
    if name == "style":
        return "it can hide text, and the Content Security Policy blocks it: ask a developer for a class"
    if name in ("hidden", "popover", "inert"):
        return "it hides text from readers: remove it"
    return f"it is not among the attributes the site needs; {DEFAULT_HINT}"


def value_problem(rule, value, tag, site_url=""):
    """Why `value` breaks its rule, or None."""
    if rule == "text":
        return None
    if rule == "token":
        return "an ID or reference is one word" if not value or any(c.isspace() for c in value) else None
    if rule == "integer":
        return None if value.isdigit() and len(value) < 6 else "a whole number is expected"
    if rule == "link":
        return url_problem(value, allow_remote=True, site_url=site_url)
    if rule in ("image", "local"):
        return url_problem(value, allow_remote=False, site_url=site_url)
    if rule == "rel":
        bad = [word for word in value.lower().split() if word not in ("noopener", "noreferrer", "nofollow")]
        return bad and f"rel={bad[0]} is not used by the site"
    if rule == "bcp47":
        return None if is_bcp47(value) else "a language tag such as en, es or en-US is expected"
    if rule == "loading":
        return None if value in ("lazy", "eager") else "lazy or eager"
    if rule == "decoding":
        return None if value in ("async", "auto", "sync") else "async, sync or auto"
    if rule == "align":
        return None if value in ("left", "right", "center") else "left, right or center"
    if rule == "dir":
        return None if value in ("ltr", "rtl", "auto") else "ltr, rtl or auto"
    if rule == "checkbox":
        return None if value == "checkbox" else "only a task's box, type=checkbox"
    if rule in ("disabled", "checked"):  # a boolean attribute: present, with no value but its name
        return None if value in ("", rule) else "it takes no value"
    return f"unknown rule {rule}"


# -- Addresses -----------------------------------------------------------------------------------


SPACES_AND_CONTROLS = "".join(map(chr, range(0x21)))
TABS_AND_NEWLINES = str.maketrans("", "", "\t\n\r")
CONTROLS = re.compile("[\x00-\x1f\x7f]")


def normalise_url(url):
    """As browsers read an address: no leading or trailing controls or spaces, no tabs or newlines."""
    return url.strip(SPACES_AND_CONTROLS).translate(TABS_AND_NEWLINES)


def url_scheme(url):
    """The scheme of a URL, or '' for a relative one (no regex: bounded on any input)."""
    for index, char in enumerate(url):
        if char == ":":
            return url[:index].lower() if index and url[0].isascii() and url[0].isalpha() else ""
        if not (char.isascii() and (char.isalnum() or char in "+-.")):
            return ""
    return ""


def url_problem(url, allow_remote, site_url=""):
    url = normalise_url(url)
    if CONTROLS.search(url):
        return "control characters in an address"
    # In an address an invisible character, a joiner too, only hides: two addresses that look
    # the same would lead to different places. (None of them is ASCII.)
    hidden = None if url.isascii() else next((c for c in url if ord(c) in INVISIBLE), None)
    if hidden:
        return f"the invisible character U+{ord(hidden):04X} ({unicodedata.name(hidden, 'unnamed')}) in an address: delete it"
    if site_url and url.startswith(site_url):
        return None
    scheme = url_scheme(url)
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return host_problem("https:" + url) if allow_remote else "only files of the site itself (a relative address such as assets/x.png)"
    if not scheme:
        return None
    if scheme in SCHEMES and not allow_remote:
        return "only files of the site itself (a relative address such as assets/x.png): nothing is loaded from other hosts"
    if scheme == "tel":
        return telephone_problem(url)
    if scheme in SCHEMES:
        return host_problem(url) if scheme != "mailto" else None
    return f"the {scheme}: scheme is not allowed (only https:, http:, mailto:, tel: and addresses on the site){nearest_allowed(url, scheme, allow_remote)}"


def telephone_problem(url):
    """Why a tel: address is not one a phone calls as written, with the form it likely meant."""
    number = url[len("tel:") :]
    if TELEPHONE.fullmatch(number):
        return None
    digits = "".join(c for c in number if c.isdigit())
    international = number.lstrip().startswith(("+", "00", "%2B")) and TELEPHONE.fullmatch(f"+{digits.removeprefix('00')}")
    shown = f": write 'tel:+{digits.removeprefix('00')}'" if international else ", such as tel:+14152559499"
    return f"a telephone number is written tel:, a + and the country code, then its digits (hyphens may separate them){shown}"


def nearest_allowed(url, scheme, allow_remote=True):
    """The allowed address nearest to a refused one, as words to add to its message."""
    rest = url[len(scheme) + 1 :]
    if not allow_remote:
        return "; save the file in docs/assets/ and write its address there, such as assets/photo.png"
    if scheme in CALLING and sum(c.isdigit() for c in rest) >= 7:
        digits = "".join(c for c in rest.split("?")[0] if c.isdigit())
        return f"; a telephone number is written 'tel:+{digits}' (with its country code after the +)"
    if scheme == "file":
        name = rest.rstrip("/").rsplit("/", 1)[-1]
        return f"; a file of your computer is not on the site: put it in docs/assets/ and link to 'assets/{name}'"
    if rest.startswith("//") and len(rest) > 2:
        return f"; write 'https:{rest}'"
    return "; link to a page instead: [its words](https://…)"


def is_bcp47(tag):
    """A well-formed BCP 47 tag (language[-script][-region][-variant…]), checked without regex."""
    parts = tag.split("-")
    if not 2 <= len(parts[0]) <= 3 or not parts[0].isascii() or not parts[0].isalpha() or len(tag) > 35:
        return False
    return all(1 <= len(part) <= 8 and part.isascii() and part.isalnum() for part in parts[1:])


def shorten(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- A built page, as a browser reads it ------------------------------------------------------

# Nothing of these belongs in a page of this site, from the theme or anywhere else.
ACTIVE_ELEMENTS = {
    "iframe": "it embeds another page",
    "frame": "it embeds another page",
    "frameset": "it embeds other pages",
    "object": "it embeds a plugin or page",
    "embed": "it embeds a plugin",
    "applet": "it runs a plugin",
    "base": "it changes where every address of the page leads",
    "portal": "it embeds another page",
    "fencedframe": "it embeds another page",
    SVG + "script": "it runs code",
    SVG + "foreignObject": "it embeds HTML in a drawing",
    SVG + "animate": "it can change an address into a script",
    SVG + "set": "it can change an address into a script",
    SVG + "animateTransform": "it animates the theme's icons",
    "{http://www.w3.org/1998/Math/MathML}math": "the site has no formulas",
}
ACTIVE_ATTRIBUTES = {"style", "srcdoc", "formaction", "ping"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "xlink:href"}
# Elements the theme uses once each, by ID: anywhere else they would hide or hold content.
THEME_ONLY_IDS = {"template": "theme-scripts", "noscript": "stylesheets"}
META_NAMES = {"viewport", "description", "author", "generator", "referrer", "theme-color", "color-scheme"}


@dataclass
class Refusal:
    what: str  # what was found, as an editor would recognise it
    why: str
    near: str | None  # the nearest ID before it, if any
    region: str  # "content" or "theme"
    needle: str  # text to look for in the Markdown source

    def message(self):
        return f"{self.what} is not allowed: {self.why}"


HTML = "http://www.w3.org/1999/xhtml"


def parse(text):
    """The tree a browser builds of a page, from its <html> element, and the parse errors, in
    order. The tree is an ElementTree, as Python-Markdown's: HTML elements by their names, SVG and
    MathML ones (and namespaced attributes, xlink:href) as {namespace}name, comments as
    comments; a <template>'s contents are its children."""
    document, errors = read(text, full_document=True)
    return document.find("html"), errors


def parse_fragment(text):
    """The elements a browser makes of `text` inside a page's <body>, under one element."""
    return read(text, full_document=False)[0]


def read(text, full_document):
    parser = finished_parser(text, full_document)
    errors = parser.errors()  # before the tree is taken: taking it drops them
    root = etree.Element("document")
    copy_children(parser.into_dom().root(), root)
    return root, errors


def finished_parser(text, full_document=True):
    """html5ever's reading of `text`, every parse error reported (its exact mode: the fast one
    lets some pass, such as a `"` in an unquoted attribute's value)."""
    parser = markupever.Parser(markupever.HtmlOptions(full_document=full_document, exact_errors=True))
    parser.process(text)
    parser.finish()
    return parser


def copy_children(node, parent):
    """`node`'s children, as ElementTree elements under `parent` (iterative: no page's depth
    reaches Python's stack)."""
    stack = [(node, parent)]
    while stack:
        node, parent = stack.pop()
        last = None
        for child in node.children():
            if isinstance(child, dom.Element):
                last = etree.SubElement(parent, qualified(child.name), {qualified(name): value for name, value in child.attrs.items()})
                stack.append((child, last))
            elif isinstance(child, dom.Text):
                if last is None:
                    parent.text = (parent.text or "") + child.content
                else:
                    last.tail = (last.tail or "") + child.content
            elif isinstance(child, dom.Comment):
                last = etree.Comment(child.content)
                parent.append(last)


def qualified(name):
    """A tag or attribute name as ElementTree writes it: `p`, `{http://www.w3.org/2000/svg}svg`."""
    return name.local if not name.ns or name.ns == HTML else f"{{{name.ns}}}{name.local}"


def local_name(tag):
    """A tag or attribute name without its namespace ({http://www.w3.org/2000/svg}path -> path)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) and tag.startswith("{") else tag


def judge(text, is_trusted, site_url=""):
    """(refusals, inline texts) for a built page: `is_trusted(kind, body)` says whether an inline
    <script> or <style> is the site's own (steps/policy.py); the trusted ones are returned for
    the page's policy."""
    tree, errors = parse(text)
    refusals = misparsed(text, errors)
    inline, near = [], None
    content = content_children(tree)
    # Iterative walk: the depth of a page is bounded by MAX_DEPTH, never by Python's stack.
    stack = [(tree, 0, "theme", None)]
    while stack:
        element, depth, region, parent = stack.pop()
        if depth > MAX_DEPTH:
            refusals.append(Refusal(f"nesting {MAX_DEPTH} levels deep", "no page needs it; flatten the lists or quotes", near, region, ""))
            continue
        if not isinstance(element.tag, str):  # a comment
            if region == "content":
                refusals.append(Refusal("an HTML comment", "it hides the text after it; remove it", near, region, "<!"))
            continue
        if element.get("id"):
            near = element.get("id")
        refusals += judge_element(element, region, near, site_url, parent)
        name = local_name(element.tag)
        if name in ("script", "style") and not (name == "script" and (element.get("src") is not None or is_data_script(element))):
            body = element.text or ""
            if is_trusted(name, body):
                inline.append((name, body))
            else:
                why = f"it is not one of the site's own {name}s (steps/policy.py); {HINTS[name]}"
                refusals.append(Refusal(f"the inline <{name}> {shorten(body)!r}", why, near, region, f"<{name}"))
        for child in reversed(list(element)):
            stack.append((child, depth + 1, "content" if id(child) in content else region, element))
    return refusals, inline


def judge_element(element, region, near, site_url, parent=None):
    name = local_name(element.tag)
    attributes = {local_name(k) if isinstance(k, str) else str(k): v for k, v in element.attrib.items()}
    if region == "content":
        problem, attribute_problems = content_problem(name, attributes, site_url, parent)
        if problem:
            return [Refusal(f"the element <{name}>", problem.split(" is not among", 1)[-1].lstrip(" ;"), near, region, f"<{name}")]
        return [
            Refusal(f"the attribute {attr}={shorten(attributes[attr])!r} on <{name}>", why, near, region, f"{attr}=")
            for attr, why in attribute_problems.items()
        ]
    refusals = []
    if element.tag in ACTIVE_ELEMENTS:
        return [Refusal(f"the element <{name}>", ACTIVE_ELEMENTS[element.tag], near, region, f"<{name}")]
    if name in THEME_ONLY_IDS and element.get("id") != THEME_ONLY_IDS[name]:
        return [Refusal(f"the element <{name}>", f"the theme uses it only as #{THEME_ONLY_IDS[name]}", near, region, f"<{name}")]
    for attr, value in attributes.items():
        lower = attr.lower()
        if lower.startswith("on") or lower in ACTIVE_ATTRIBUTES:
            refusals.append(Refusal(f"the attribute {attr}= on <{name}>", attribute_problem(lower), near, region, f"{attr}="))
        elif lower in URL_ATTRIBUTES:
            problem = theme_url_problem(element, name, value, site_url)
            if problem:
                refusals.append(Refusal(f"{attr}={shorten(value)!r} on <{name}>", problem, near, region, value[:40]))
        elif name == "meta" and lower == "content":
            problem = meta_content_problem(element, value, site_url)
            if problem:
                refusals.append(Refusal(f"the meta {shorten(value)!r}", problem, near, region, value[:40]))
    return refusals


def theme_url_problem(element, name, value, site_url):
    """Links may lead anywhere; what the page loads comes from the site itself."""
    rel = set((element.get("rel") or "").lower().split())
    if name == "link" and "icon" in rel and normalise_url(value).startswith("data:image/svg+xml,"):
        return None  # the inline favicon (config/site.yml, theme.favicon)
    loads = name not in ("a", "link", "form", "button", "input") or rel & {"stylesheet", "preload", "modulepreload", "icon"}
    return url_problem(value, allow_remote=not loads, site_url=site_url)


def meta_content_problem(element, value, site_url):
    equiv = (element.get("http-equiv") or "").lower()
    if equiv == "refresh":
        delay, _, target = value.partition(";")
        target = target.strip()
        if not delay.strip().isdigit() or not target.lower().startswith("url="):
            return "a redirect is written `0; url=address`"
        return url_problem(target[4:].strip(), allow_remote=False, site_url=site_url)
    if equiv and equiv != "content-security-policy":
        return f"http-equiv={equiv} is not used by the site"
    prop = (element.get("property") or "").lower()
    name = (element.get("name") or "").lower()
    if prop in ("og:url", "og:image") or name == "twitter:image":
        return url_problem(value, allow_remote=True, site_url=site_url)
    return None


def is_data_script(element):
    return (element.get("type") or "").strip().lower() == "application/json"


def content_children(root):
    """id() of the editors' elements: the article's children between the theme's parts."""
    article = next((e for e in root.iter("article") if "md-content__inner" in (e.get("class") or "").split()), None)
    if article is None:
        return set()
    children = list(article)
    start, end = 0, len(children)
    # Zensical's skip-link target, then the edit and view buttons.
    while start < end and (
        "md-content__button" in (children[start].get("class") or "").split() or children[start].get("id") == "__skip"
    ):
        start += 1
    theme_after = {"md-source-file", "report-mistake", "print-url"}
    while end > start and theme_after & set((children[end - 1].get("class") or "").split()):
        end -= 1
    return {id(child) for child in children[start:end]}


def misparsed(text, errors):
    """Refusals for parse errors. Material's and Zensical's pages have none: one in a page is
    markup that a browser reads differently from how it is written (an end tag that closes the
    article early and moves what follows into the theme's markup, an unclosed quote)."""
    refusals = []
    for error in list(dict.fromkeys(errors))[:5]:
        what, name = error_named(error)
        offset = error_offset(text, error)
        before = text.rfind(' id="', 0, offset)
        near = text[before + 5 : text.find('"', before + 5)] if before >= 0 else None
        refusals.append(
            Refusal(
                f"HTML that a browser reads differently from how it is written ({what}{' <' + name + '>' if name else ''})",
                "it can move text or tags out of the place they were written in; write Markdown",
                near,
                "content",
                f"<{name}" if name else "<",
            )
        )
    return refusals


# In html5ever's messages: the first tag named (`Atom('p' type=inline)`), where the description
# of a token begins, and a namespace before a name.
ERROR_TAG = re.compile(r"Atom\(\\?'([^'\\]+)")
ERROR_DETAILS = re.compile(r" (?:Tag\(|Tag \{|Characters\(|Atom\().*", re.DOTALL)
ERROR_NAMESPACE = re.compile(r"\{[^}]*\}:")


def error_named(error):
    """(what, the tag's name or "") of one of html5ever's parse errors, in words an editor reads:
    ("Unexpected token", "p") for "Unexpected token Tag(Tag { kind: StartTag, name: Atom('p'…"."""
    tag = ERROR_TAG.search(error)
    return ERROR_NAMESPACE.sub("", ERROR_DETAILS.sub("", error)).strip(), tag.group(1) if tag else ""


def error_offset(text, error):
    """About where in `text` the parser says `error`: the shortest beginning of the text whose
    reading says it already. An error that only the end of the text shows (an open quote, a
    comment or element never closed) is at the end."""
    if "EOF" in error or "at end of body" in error:
        return len(text)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if error in finished_parser(text[:middle]).errors():
            high = middle
        else:
            low = middle + 1
    return low
