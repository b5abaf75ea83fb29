"""The purge: the rules of a page's stylesheets that may apply to it in any state it can be in,
and those of what the theme's scripts add after paint (steps/critical_css.py inlines them).

A selector is tested against the page with its state-dependent parts (pseudo-classes,
pseudo-elements, attribute selectors and BEM state classes: hover, focus, checked, target, the
palette, the drawer open, the share dialog's `md-dialog--active`) widened, so it is kept if the
elements it names are on the page. A selector the parser cannot read, and every at-rule other
than @media/@supports, is kept whole. What does not depend on the page (the stylesheets parsed,
the selectors compiled) is worked out once for all the pages (`Once`); soupsieve, which decides,
is asked about a selector only on the elements that have what it names of them, their
ancestors and siblings (`Elements`).
"""

import re

import soupsieve
import tinycss2
from bs4 import BeautifulSoup, Tag
from tinycss2.ast import WhitespaceToken

# Any simple selector that depends on state or attributes becomes `:is(*)`, "any element".
WIDEN = {"[": "]", "(": ")"}
SELECTING = {":is", ":where", ":has", ":-webkit-any", ":-moz-any"}
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}
CLASS = re.compile(r"(?:\\.|[\w-])*")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
ANIMATION = re.compile(r"animation(?:-name)?\s*:([^;}]*)")
NAME = re.compile(r"[\w-]+")
THEME_CLASS = re.compile(r"\bmd-[\w-]*\w")  # Material's classes, as its scripts name them
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NESTING = re.compile(r"[\\()\[\]\"']")  # what `selectors` must step through
RELATIVES = {" ", ">", "~", "+"}  # soupsieve's combinators: descendant, child, siblings
NONE, UNKNOWN = -1, -2  # `Elements`: no relative; one that is not indexed
WHITE_SPACE_SEPARATED = re.compile(r"[^ \t\r\n\f]+")  # soupsieve's split of a class attribute


def critical_css(page_html, stylesheets, once=None):
    """The rules of `stylesheets` (CSS texts, in cascade order) that may apply to `page_html`
    in any state, as one stylesheet, in the same order."""
    return purge(without_inlining(BeautifulSoup(page_html, "html.parser")), stylesheets, once or Once())


def without_inlining(soup):
    """What inlining adds or moves (the <style>, the deferred links, the after-paint link) is not
    part of the page's look: without it, the page before inlining and after give the same CSS
    (the post-build pass checks). find_all, not select: CSS selectors do not enter <template>."""
    added = (
        soup.find_all("style") + soup.find_all("noscript", id="stylesheets") + soup.find_all("link", rel="stylesheet")
    )
    for element in added:
        element.decompose()
    return soup


def purge(soup, stylesheets, once):
    page = PageSelectors(soup, once)
    kept = [text for css in stylesheets for text in purged(once(outline, css), page)]
    return without_unused_properties(kept, str(soup), once)


def without_unused_properties(kept, page_html, once):
    """Drop custom property declarations (Material's many `--md-*-icon` images) and @keyframes
    that nothing kept uses, until none is left: neither can apply to the page. `kept` is the
    stylesheet as its top-level rules: each is whole, so parsing each alone (once for all the
    pages) parses the stylesheet."""
    rules = tuple(rule for text in kept for rule in once(parsed, text))
    css = "".join(kept)
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


def outline(css):
    """A stylesheet as its rules, parsed once for all the pages of a build (`Once`): ("rule", selectors,
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


def runtime_css(page_html, stylesheets, scripts, once=None):
    """The rules of `stylesheets` that name a class which `scripts` (their texts) name and the
    page does not have, even as a BEM block: what the scripts may add once they run."""
    return runtime_rules(page_classes(BeautifulSoup(page_html, "html.parser")), stylesheets, scripts, once or Once())


def runtime_rules(classes, stylesheets, scripts, once):
    """`runtime_css` for a page that has `classes`."""
    added = {name for script in scripts for name in once(theme_classes, script) if not has_class(name, classes)}
    return "".join(text for css in stylesheets for text in naming(once(outline, css), added, once))


def naming(rules, classes, once):
    for kind, *parts in rules:
        if kind == "rule" and classes.intersection(once(selector_classes, parts[0])):
            yield ",".join(parts[0]) + parts[1]
        elif kind == "group":
            inner = "".join(naming(parts[1], classes, once))
            if inner:
                yield f"{parts[0]}{{{inner}}}"


def page_classes(soup):
    return {name for element in soup.find_all(True) for name in element.get("class") or ()}


def has_class(name, classes):
    return name in classes or ("--" in name and name.split("--", 1)[0] in classes)


class Once:
    """What the pages of one build have in common, worked out once for all of them:
    `once(work, question)` is `work(question)`, remembered. `inline_critical_css` makes one."""

    def __init__(self):
        self.answers = {}

    def __call__(self, work, question):
        if (work, question) not in self.answers:
            self.answers[work, question] = work(question)
        return self.answers[work, question]


def compiled(selector):
    """The selector as soupsieve reads it; None if it cannot."""
    try:
        return soupsieve.compile(selector)
    except Exception:  # noqa: BLE001 - a selector soupsieve cannot read is kept
        return None


def parsed(rule_text):
    return tuple(declarations(tinycss2.parse_stylesheet(rule_text, True, True)))


def theme_classes(script):
    return frozenset(THEME_CLASS.findall(script))


def selector_classes(selectors):
    return frozenset(SELECTOR_CLASS.findall(",".join(selectors)))


class PageSelectors:
    """Whether a selector may match an element of the page in some state, answered once per
    selector (`purged` splits selector lists with `selectors`)."""

    def __init__(self, soup, once):
        self.soup, self.once, self.answers, self.attributes = soup, once, {}, {}
        everything = soup.find_all(True)
        self.classes = {name for element in everything for name in element.get("class") or ()}
        self.tags = {element.name for element in everything} | {"html"}
        self.elements = None  # built on the first selector that gets past `has_classes`

    def may_match(self, selector):
        if selector not in self.answers:
            try:
                self.answers[selector] = self.has_classes(selector) and self.selects(widened(selector, self))
            except Exception:  # noqa: BLE001 - a selector soupsieve cannot read is kept
                self.answers[selector] = True
        return self.answers[selector]

    def has_classes(self, selector):
        """A quick necessary condition: the selector names, outside brackets and parentheses,
        only classes (or, for a BEM state, its block) and elements the page has. Most of
        Material's rules are for components this page does not have."""
        return all(map(self.has_name, self.once(top_level_names, selector)))

    def has_attribute(self, attribute_selector):
        if attribute_selector not in self.attributes:
            try:
                self.attributes[attribute_selector] = self.selects(attribute_selector)
            except Exception:  # noqa: BLE001 - unreadable: widen, so that the rule is kept
                self.attributes[attribute_selector] = True
        return self.attributes[attribute_selector]

    def has_name(self, name):
        if "\\" in name:
            return True
        if not name.startswith("."):
            return name in self.tags
        return has_class(name[1:], self.classes)

    def selects(self, selector):
        """Whether `soup.select_one(selector)` finds an element; True if soupsieve cannot read
        it. Only the elements that have what the selector names of them (element name, ID,
        classes, attributes) and of their ancestors and siblings are matched: a handful."""
        found = self.once(compiled, selector)
        if found is None:
            return True
        if self.elements is None:
            self.elements = Elements(self.soup)
        try:
            candidates = self.elements.having_one(found.selectors)
        except (AttributeError, TypeError):  # soupsieve's compiled form changed: ask it about every element
            candidates = None
        # select_one's scope is the root, match's the element itself: `:scope` and `&` need the former.
        if candidates is None or "&" in selector or ":scope" in selector.lower():
            return found.select_one(self.soup) is not None
        return any(found.match(self.elements.order[i]) for i in sorted(candidates))


class Elements:
    """The elements `select_one` looks at (not inside <template>), as their positions in
    document order, by what soupsieve's matching requires of them: element name and attribute
    names as ASCII lowercase, ID, classes; and each one's parent and previous sibling, as
    soupsieve walks them (NONE: none, the document or a <template> above; UNKNOWN: not indexed)."""

    def __init__(self, soup):
        self.order = soup.select("*")
        self.by_name, self.by_id, self.by_class, self.by_attribute = {}, {}, {}, {}
        position = {id(element): i for i, element in enumerate(self.order)}
        self.parent, self.previous = [], []
        for i, element in enumerate(self.order):
            self.by_name.setdefault(ascii_lower(element.name), set()).add(i)
            classes, element_id = None, None
            for attribute, value in element.attrs.items():
                attribute = ascii_lower(attribute)
                self.by_attribute.setdefault(attribute, set()).add(i)
                if attribute == "class" and classes is None:  # soupsieve takes the first
                    classes = WHITE_SPACE_SEPARATED.findall(value) if isinstance(value, str) else value or ()
                elif attribute == "id" and element_id is None:
                    element_id = "" if value is None else value
            for name in classes or ():
                self.by_class.setdefault(name, set()).add(i)
            if isinstance(element_id, str):
                self.by_id.setdefault(element_id, set()).add(i)
            parent = element.parent
            if parent is None or parent is soup or ascii_lower(parent.name) == "template":
                self.parent.append(NONE)
            else:
                self.parent.append(position.get(id(parent), UNKNOWN))
            sibling = element.previous_sibling
            while sibling is not None and not isinstance(sibling, Tag):
                sibling = sibling.previous_sibling
            self.previous.append(NONE if sibling is None else position.get(id(sibling), UNKNOWN))

    def having_one(self, selector_list):
        """The positions of the elements that may match one of the selectors of a soupsieve
        `SelectorList`; None for any element."""
        if selector_list.is_not:
            return None
        found = set()
        for selector in selector_list:
            each = self.having(selector)
            if each is None:
                return None
            found |= each
        return found

    def having(self, selector):
        """Of a soupsieve `Selector` (a compound, its relation to the compound on its left
        inside): what it names of the element itself is required, so is one of each :is() list
        inside it, and so is a relative (ancestor, parent, sibling) that may match its left."""
        required = []
        tag = getattr(selector, "tag", None)
        if tag is not None and tag.name is not None and tag.name != "*":
            required.append(self.by_name.get(ascii_lower(tag.name), set()))
        required += [self.by_id.get(name, set()) for name in getattr(selector, "ids", ())]
        required += [self.by_class.get(name, set()) for name in getattr(selector, "classes", ())]
        for attribute in getattr(selector, "attributes", ()):
            if not attribute.inverse and not attribute.prefix:  # `[a!=b]` matches without it
                required.append(self.by_attribute.get(ascii_lower(attribute.attribute), set()))
        for inner in getattr(selector, "selectors", ()):
            each = self.having_one(inner)
            if each is not None:
                required.append(each)
        found = set.intersection(*required) if required else None
        relation = getattr(selector, "relation", None)
        if relation and len(relation) == 1 and getattr(relation[0], "rel_type", None) in RELATIVES:
            left = self.having(relation[0])
            if left is not None:
                return self.related(found, left, relation[0].rel_type)
        return found

    def related(self, found, left, combinator):
        """Of `found` (None: every element), those with a relative in `left` by `combinator`."""
        steps = self.parent if combinator in " >" else self.previous
        kept = set()
        for i in range(len(self.order)) if found is None else found:
            j = steps[i]
            while j >= 0 and j not in left and combinator in " ~":
                j = steps[j]
            if j == UNKNOWN or j in left:
                kept.add(i)
        return kept


def ascii_lower(text):
    """As soupsieve compares element and attribute names in HTML."""
    return text.lower() if text.isascii() else "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


def selectors(selector_list):
    """The selectors of a list, split at its top-level commas."""
    if not NESTING.search(selector_list):  # most of them: every comma is at the top level
        return tuple(selector.strip() for selector in selector_list.split(","))
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
