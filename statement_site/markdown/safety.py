"""Content safety: what editors write becomes only what a statement needs, under any generator.

    markdown_extensions:
      - statement_site.markdown.safety

- **Raw HTML never becomes HTML.** Python-Markdown passes HTML through as it is written; here
  block HTML is not set aside, and inline tags and comments stay the text they are, shown
  literally (escaped), as code spans already are.
- **Attribute lists are allowed only from the allowlist** (allowlist.py): after `attr_list` has
  run, an attribute, class or address that is not on it is removed from its element, and an
  element that is not on it (which only another extension could make) is replaced by its text.

- **An address ends where Python-Markdown's placeholders begin.** A pattern that links an address
  written out (pymdownx.magiclink) may take in a placeholder glued to it, such as the way back
  the footnotes extension puts after a footnote's last words (a citation ending in its source's
  address): the placeholder, and the punctuation before it, go back after the link.

- **An ID written with a space** (`{# mission}`, `{#}`) stays text: `attr_list` would read it as
  an empty ID and an attribute named after the word; as text, the editor checks name its line.

Nothing is silent: each refusal goes to `on_refusal(text, why)` when it is given, with a piece of
the Markdown to find the line by. The model (source/render.py) passes one, so that the editor checks
stop the build with `file:line` before a generator runs; the generators pass none, and only the
sanitising takes place.
"""

import re
from html import escape

from markdown import Extension
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .. import allowlist
from ..source.text import PLACEHOLDER, as_read
from .context import rendering_of


class RawHtmlAsText(InlineProcessor):
    """A tag or comment written in the text stays text: what readers see is what was written."""

    def __init__(self, pattern, md, report):
        super().__init__(pattern, md)
        self.report = report

    def handleMatch(self, m, data):
        raw = m.group(1)
        if raw.startswith("<!--"):
            self.report(raw[:20], "an HTML comment would show on the page as text: remove it")
        elif not raw.startswith("</"):
            name = raw[1:].split(None, 1)[0].rstrip("/>").lower()
            hint = allowlist.HINTS.get(name, allowlist.DEFAULT_HINT)
            self.report(f"<{raw[1 : 1 + len(name)]}", f"the HTML <{name}> would show on the page as text: {hint}")
        return raw, m.start(0), m.end(0)


class MisspelledIdsAsText(Preprocessor):
    """`{# mission}` or `{#}` at the end of a line, escaped (`\\{`), so that it stays text."""

    MISSPELLED = re.compile(r"(?<!\\)\{(?=:?[ \t]*#(?:[ \t][^{}\n]*)?\}[ \t]*$)", re.MULTILINE)

    def run(self, lines):
        return self.MISSPELLED.sub(r"\\{", "\n".join(lines)).split("\n")


class AddressesEndAtPlaceholders(Treeprocessor):
    """An address, and the words of a link that shows it, cut where a placeholder begins; what
    is cut goes after the link, with the punctuation that ended the sentence, as GitHub leaves it
    out of an address written out."""

    def run(self, root):
        for element in root.iter():
            for name in ("href", "src"):
                value = element.get(name) or ""
                found = PLACEHOLDER.search(value)
                if found is None:
                    continue
                address, shown = value[: found.start()], element.text or ""
                kept = address.rstrip(".,:;!?")
                moved = value[len(kept) :]
                if not shown.endswith(moved):  # words of their own: only the address is cut
                    kept, moved = address, ""
                element.set(name, kept)
                if moved:
                    element.text = shown[: len(shown) - len(moved)]
                    element.tail = moved + (element.tail or "")


class ClassesBefore(Treeprocessor):
    """The classes each element has before `attr_list` runs: those the extensions gave it."""

    def __init__(self, md, before):
        super().__init__(md)
        self.before = before

    def run(self, root):
        self.before.clear()
        self.before.update({id(element): set(allowlist.classes_of(element)) for element in root.iter()})


class ClassesWritten(Treeprocessor):
    """Right after `attr_list`: what it added to each element's classes is what an editor wrote
    in `{…}`. Extensions that run later (tasks, figures) add classes of the site's own."""

    def __init__(self, md, before, written):
        super().__init__(md)
        self.before, self.written = before, written

    def run(self, root):
        self.written.clear()
        for element in root.iter():
            added = [c for c in allowlist.classes_of(element) if c not in self.before.get(id(element), ())]
            if added:
                self.written[id(element)] = added


class AllowedOnly(Treeprocessor):
    """Elements, attributes, classes and addresses of the content, as the allowlist has them:
    classes an editor wrote only from theirs, those an extension gave only where it puts them."""

    def __init__(self, md, report, options, written):
        super().__init__(md)
        self.report, self.options, self.written = report, options, written

    def run(self, root):
        site_url = rendering_of(self.md, self.options).site_url
        gone = set()  # elements taken out with an element refused: judged with it, not again
        for parent in list(root.iter()):
            if id(parent) in gone:
                continue
            for element in list(parent):
                if not isinstance(element.tag, str):
                    continue
                self.refuse_written_classes(element)
                values = {name: as_read(value or "") for name, value in element.attrib.items()}
                problem, attribute_problems = allowlist.content_problem(element.tag, values, site_url, parent)
                if problem:
                    self.report(written_as(element), problem)
                    gone.update(id(inner) for inner in element.iter())
                    replace_with_text(parent, element)
                    continue
                for name, why in attribute_problems.items():
                    value = element.attrib.pop(name)
                    self.report(*refusal(element.tag, name, value, why, values, parent))
                    # The classes that fit stay: a notice of an unknown kind is still a notice.
                    kept = [c for c in value.split() if allowlist.class_fits(c, element.tag, values, parent)] if name == "class" else []
                    if kept:
                        element.set("class", " ".join(kept))
                if element.tag == "img" and "src" not in element.attrib:
                    replace_with_text(parent, element, element.get("alt", ""))
                elif element.tag == "a" and "href" in attribute_problems:
                    # A link whose address is refused is no link: its words stay, as words.
                    gone.update(id(inner) for inner in element.iter())
                    replace_with_text(parent, element)
        self.judge_set_aside(site_url)

    def refuse_written_classes(self, element):
        """The site's own classes, written by an editor in `{…}`, go: one message each element."""
        classes = allowlist.classes_of(element)
        written = self.written.get(id(element), ())
        refused = [c for c in written if allowlist.written_class_problem(c)]
        if refused:
            self.report(refused[0], allowlist.written_class_problem(refused[0]))
            kept = [c for c in classes if c not in refused]
            if kept:
                element.set("class", " ".join(kept))
            else:
                element.attrib.pop("class")

    def judge_set_aside(self, site_url):
        """What extensions set aside as HTML (a fenced code block, with the attributes its
        `{…}` gave it) is judged by the same allowlist; one refused is shown as plain code."""
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if "<" not in str(block):
                continue
            fragment = allowlist.parse_fragment(str(block))
            found = [
                (name, why, element.tag)
                for parent in fragment.iter()
                for element in parent
                for name, why in allowlist.content_problem(element.tag, dict(element.attrib), site_url, parent)[1].items()
            ]
            for name, why, tag in found[:1]:
                self.report(name if name != "class" else why.split("'")[1], f"the attribute {name}= on <{tag}> is not allowed: {why}")
            if found:
                stash[index] = f"<pre><code>{escape(''.join(fragment.itertext()))}</code></pre>"


def written_as(element):
    """A piece of the Markdown an element refused was written with: a notice that folds away
    (`> [!NOTE]-`, made a <details> by pymdownx.quotes) by its first line, a tag by its name."""
    if element.tag == "details":
        kind = (element.get("class") or "").split()[:1] or [""]
        return f"[!{kind[0]}]{'+' if element.get('open') else '-'}"
    return f"<{element.tag}"


def refusal(tag, name, value, why, attributes=None, parent=None):
    """(a piece of the Markdown to find the line by, the message) for an attribute refused."""
    if name == "class":
        classes = value.split()
        bad = next((c for c in classes if not allowlist.class_fits(c, tag, attributes, parent)), value)
        # A notice's kind, `admonition kind …`, is written `> [!KIND]` (pymdownx.quotes) or
        # `!!! kind` (admonition).
        kind = classes[classes.index("admonition") + 1] if "admonition" in classes[:-1] else None
        return ((f"[!{bad}", f"!!! {bad}", f"!!!{bad}") if bad == kind else bad), why
    allowed = allowlist.CONTENT_ATTRIBUTES.get(name)
    if allowed and (allowed.elements is None or tag in allowed.elements):  # its value is wrong
        # An address is found by what follows its scheme: magiclink writes `www.…` as `http://www.…`.
        return value.split("://", 1)[-1], f"{name}={allowlist.shorten(value, 40)!r} on <{tag}>: {why}"
    return name, f"the attribute {name}= on <{tag}> is not allowed: {why}"


def replace_with_text(parent, element, text=None):
    """`element` out of the tree, its text (or `text`) and its tail left in its place."""
    index = list(parent).index(element)
    words = ("".join(element.itertext()) if text is None else text) + (element.tail or "")
    parent.remove(element)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + words
    else:
        parent.text = (parent.text or "") + words


class ContentSafetyExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "on_refusal": ["", "Called with (a piece of the Markdown, why) for each refusal - Default: none"],
            "site_url": ["", "The site's address, where no generator says it - Default: ''"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        report = self.getConfig("on_refusal") or (lambda text, why: None)
        # Block HTML is not set aside: its lines are paragraphs, their tags text (below).
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        md.inlinePatterns.register(RawHtmlAsText(HTML_RE, md, report), "html", 90)
        # Before the blocks are parsed; fenced code is set aside already (superfences, 25+).
        md.preprocessors.register(MisspelledIdsAsText(md), "statement_site_misspelled_ids", 5)
        # After attr_list (8), which sets what editors wrote in `{…}`; before abbr (7), toc (5)
        # and the share controls (4), whose markup is the site's own.
        # Right after inline patterns (20), which link addresses written out.
        md.treeprocessors.register(AddressesEndAtPlaceholders(md), "statement_site_addresses", 19.9)
        options = {"site_url": self.getConfig("site_url") or None}
        before, written = {}, {}  # id(element) -> its classes before attr_list; those it added
        md.treeprocessors.register(ClassesBefore(md, before), "statement_site_classes_before", 8.5)
        md.treeprocessors.register(ClassesWritten(md, before, written), "statement_site_classes_written", 7.99)
        md.treeprocessors.register(AllowedOnly(md, report, options, written), "statement_site_safety", 7.5)


def makeExtension(**kwargs):
    return ContentSafetyExtension(**kwargs)

