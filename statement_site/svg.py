"""Whether an SVG image may be published: a drawing, and nothing that reaches outside it.

    problems = svg_problems(path.read_bytes())   # [(line, "…: what to do instead")], [] when fine

An SVG is a document of its own when a reader opens it (a link to it, "open image in new tab"):
then its styles apply and its references are fetched. So it is judged by allowlist, as an XML
parser (expat) reads it, each element, attribute and piece of CSS where it is written:
- elements of the SVG namespace that draw (`ELEMENTS`), and no other: no script, animation,
  embedded HTML, image, link, filter or element of another program's namespace;
- no document type, entity or processing instruction (`<?xml-stylesheet?>`);
- attributes from a list (`ATTRIBUTES`, `data-*`), `xml:space` and `xml:lang`, and `href` or
  `xlink:href` only to a part of the drawing itself (`#id`): so no `xml:base`, no handler;
- every value, of an attribute or of CSS (`style=""`, a `<style>` element), read as CSS reads it
  (tinycss2: escapes such as `u\\72l(` are the `url(` they spell): declarations of drawing
  properties only (`PROPERTIES`), no at-rule (`@import`, `@font-face`), no function but colours
  and transforms, and `url()` only to a part of the drawing (`url(#gradient)`).
A spelling the lists do not know is refused, whatever it does.
"""

import xml.etree.ElementTree as ElementTree
from xml.parsers import expat

import tinycss2

from .allowlist import normalise_url

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_ELEMENTS = 5_000
AGAIN = "export it again as plain SVG, or use PNG"

ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol", "use",
    "style",
}  # fmt: skip
# Drawing properties, as CSS and as presentation attributes.
PROPERTIES = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "color",
    "display", "visibility", "font-family", "font-size", "font-weight", "font-style", "font-variant",
    "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
    "letter-spacing", "word-spacing", "text-decoration", "clip-path", "clip-rule", "mask", "stop-color",
    "stop-opacity", "transform", "transform-origin", "transform-box", "paint-order", "vector-effect",
    "shape-rendering", "text-rendering", "color-interpolation", "isolation", "mix-blend-mode", "overflow",
    "writing-mode", "direction", "white-space", "enable-background",
}  # fmt: skip
ATTRIBUTES = PROPERTIES | {
    "id", "class", "style", "version", "baseProfile", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "rx", "ry", "fx", "fy", "fr", "width", "height", "d", "points", "viewBox", "preserveAspectRatio",
    "gradientTransform", "gradientUnits", "spreadMethod", "offset", "clipPathUnits", "maskUnits",
    "maskContentUnits", "dx", "dy", "rotate", "textLength", "lengthAdjust", "lang", "role", "aria-label",
    "aria-labelledby", "aria-describedby", "aria-hidden", "focusable", "pathLength", "href",
}  # fmt: skip
# CSS functions a value may hold: colours and transforms. `url()` only to a part of the drawing.
FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "matrix", "translate", "translatex", "translatey", "scale", "rotate", "skewx", "skewy"}


def svg_problems(data):
    """[(line, problem)] for an SVG image, the first one found: [] when it may be published."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [(1, "the SVG is not UTF-8: export it again, or use PNG")]
    reader = Reader()
    try:
        reader.read(text)
    except expat.ExpatError as error:
        return [(error.lineno, f"the SVG is not well-formed XML ({expat.ErrorString(error.code)}): {AGAIN}")]
    except Stopped:
        return reader.problems[:1]
    if reader.count > MAX_ELEMENTS:
        return [(1, f"the SVG has more than {MAX_ELEMENTS:,} elements: export it as PNG")]
    return reader.problems[:1] or multiplied(text)


class Stopped(Exception):
    """A document type: its entities are not read (they can multiply), nor is anything after it."""


class Reader:
    """What expat reads, judged where it is read."""

    def __init__(self):
        self.problems, self.count, self.style = [], 0, None

    def read(self, text):
        parser = expat.ParserCreate(namespace_separator=" ")
        self.parser = parser
        parser.StartDoctypeDeclHandler = self.doctype
        parser.ProcessingInstructionHandler = lambda target, data: self.refuse(f"the instruction <?{target}?>", "it can load a stylesheet")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = lambda data: self.style is not None and self.style.append(data)
        parser.Parse(text, True)

    def doctype(self, *args):
        self.refuse("a document type (DOCTYPE)", "its entities can multiply or load other files")
        raise Stopped

    def refuse(self, what, why="it is not part of a drawing"):
        if not self.problems:
            self.problems.append((self.parser.CurrentLineNumber, f"{what} is not allowed in an SVG: {why}; {AGAIN}"))

    def start(self, name, attributes):
        self.count += 1
        namespace, _, local = name.rpartition(" ")
        if namespace != SVG or local not in ELEMENTS:
            where = "" if namespace == SVG else " of another program" if namespace else " outside SVG's namespace"
            self.refuse(f"the element <{local}>{where}", "only shapes, text, gradients and groups are (no script, animation, image, link or HTML)")
        for attribute, value in attributes.items():
            problem = attribute_problem(attribute, value)
            if problem:
                self.refuse(*problem)
        self.style = [] if local == "style" else None

    def end(self, name):
        if self.style is not None:
            for why in stylesheet_problems("".join(self.style))[:1]:
                self.refuse("this <style>", why)
        self.style = None


def attribute_problem(attribute, value):
    """(what, why) for an attribute the list does not hold, or whose value reaches outside."""
    namespace, _, local = attribute.rpartition(" ")
    shown = {XLINK: "xlink:", XML: "xml:"}.get(namespace, f"{{{namespace}}}" if namespace else "") + local
    if local.lower().startswith("on"):
        return f"the attribute {shown}=", "it runs code"
    allowed = (
        not namespace and (local in ATTRIBUTES or local.startswith("data-"))
        or namespace == XLINK and local == "href"
        or namespace == XML and local in ("space", "lang")
    )
    if not allowed:
        return f"the attribute {shown}=", "it is not among those a drawing needs"
    if local == "href":
        return None if normalise_url(value).startswith("#") else (f"{shown}={value[:60]!r}", "it refers to another file")
    why = declarations_problems(value)[:1] if local == "style" else value_problems(tinycss2.parse_component_value_list(value))[:1]
    return (f"the attribute {shown}={value[:60]!r}", why[0]) if why else None


def stylesheet_problems(css):
    """Why a stylesheet reaches outside the drawing, or does what a drawing does not need."""
    problems = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            problems.append(f"the rule @{rule.at_keyword} loads or declares what a drawing does not need")
        elif rule.type == "error":
            problems.append(f"CSS that cannot be read ({rule.message})")
        else:
            problems += value_problems(rule.prelude) + declarations_problems(rule.content)
    return problems


def declarations_problems(content):
    """Why declarations (a `style` attribute, a rule's content) are not drawing properties."""
    problems = []
    for item in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration":
            problems.append(f"CSS other than drawing properties ({item.type})")
        elif item.lower_name not in PROPERTIES:
            problems.append(f"the CSS property {item.lower_name} is not among those a drawing needs")
        else:
            problems += value_problems(item.value)
    return problems


def value_problems(tokens):
    """Why CSS tokens reach outside the drawing: a `url()` to anything but `#id`, another function."""
    problems, stack = [], list(tokens)
    while stack:
        token = stack.pop()
        if token.type == "url" and not token.value.strip().startswith("#"):
            problems.append(f"url({token.value[:40]}) loads another file")
        elif token.type == "function" and token.lower_name == "url":
            target = "".join(t.value for t in token.arguments if t.type == "string")
            if not target.strip().startswith("#") or any(t.type not in ("string", "whitespace") for t in token.arguments):
                problems.append(f"url({tinycss2.serialize(token.arguments)[:40]}) loads another file")
        elif token.type == "function" and token.lower_name not in FUNCTIONS:
            problems.append(f"the CSS function {token.lower_name}() is not among those a drawing needs")
        elif token.type in ("at-keyword", "error"):
            problems.append(f"CSS that a drawing does not need ({token.type})")
        elif token.type == "function" or token.type.endswith("block"):
            stack += token.arguments if token.type == "function" else token.content
    return problems


def multiplied(text):
    """A <use> of something that holds a <use>: a drawing that multiplies itself (a bomb)."""
    elements = list(ElementTree.fromstring(text).iter())
    by_id = {e.get("id"): e for e in elements if e.get("id")}
    for element in elements:
        href = element.get("href") or element.get(f"{{{XLINK}}}href") or ""
        target = by_id.get(href[1:]) if element.tag == f"{{{SVG}}}use" else None
        if target is not None and any(e.tag == f"{{{SVG}}}use" for e in target.iter()):
            return [(1, "a <use> of a shape that holds a <use> multiplies the drawing: export it as PNG")]
    return []
