"""A page's Markdown rendered as the site renders it: Python-Markdown with the extensions
mkdocs.yml lists (so the parts are what readers get, under MkDocs and Zensical alike), and the
content safety extension reporting what it refused, so that the checks name its line."""

import xml.etree.ElementTree as etree

import markdown

from ..markdown.safety import ContentSafetyExtension
from ..markdown.share import written_ids
from .text import STASHED, strip_tags

# The project's own extensions the model runs its own way: safety with a reporter, share not at
# all (its controls are not words a reader reads).
OWN_EXTENSIONS = ("statement_site.markdown.share", "statement_site.markdown.safety")
# What Zensical adds whatever mkdocs.yml says, and what a project without mkdocs.yml gets.
DEFAULT_EXTENSIONS = (("toc", {}), ("tables", {}), ("attr_list", {}))


class Renderer:
    """The site's Python-Markdown, made once for all the pages a model reads and reset between
    them (`Markdown.reset`, as Python-Markdown documents for many documents): making one costs
    more than most pages' conversion."""

    def __init__(self, config):
        self.refused, self.captured = [], []
        names, options = [], {}
        for name, config_options in config.extensions or DEFAULT_EXTENSIONS:
            if name in OWN_EXTENSIONS:
                continue
            names.append(name)
            options[name] = config_options
        safety = ContentSafetyExtension(on_refusal=lambda text, why: self.refused.append((text, why)))
        self.md = markdown.Markdown(extensions=[*names, safety, Capture(self.captured)], extension_configs=options)

    def render(self, body):
        """(the page's tree after every treeprocessor, the IDs editors wrote, what content
        safety refused: [(a piece of the Markdown, why)])."""
        self.refused.clear()
        self.captured.clear()
        self.md.reset()
        self.md.convert(body)
        root, written, stash = self.captured if self.captured else (etree.Element("div"), set(), [])
        return resolved(root, stash), written, list(self.refused)


def render(body, config):
    """A page rendered alone: Renderer(config).render(body)."""
    return Renderer(config).render(body)


class Capture(markdown.Extension):
    """Keeps the IDs editors wrote (where markdown/share.py notes them), the finished
    tree and what Python-Markdown set aside in it (entities, code blocks): `found` becomes
    [tree, written IDs, stash]."""

    def __init__(self, found):
        super().__init__()
        self.found = found

    def extendMarkdown(self, md):
        found, written = self.found, []

        class Written(markdown.treeprocessors.Treeprocessor):
            def run(self, root):
                written[:] = [written_ids(root)]

        class Keep(markdown.treeprocessors.Treeprocessor):
            def run(self, root):
                # The tree itself: nothing changes it after the last treeprocessor (the
                # serializer reads it; postprocessors work on the text).
                found[:] = [root, written[0] if written else set(), list(self.md.htmlStash.rawHtmlBlocks)]

        md.treeprocessors.register(Written(md), "statement_site_written_ids", 6)
        md.treeprocessors.register(Keep(md), "statement_site_capture", -100)


def resolved(root, stash):
    """The tree with what Python-Markdown set aside put back: an entity as the character it is,
    a block set aside whole (a code block) as a <pre> of its text. Text stays as the tree holds
    it, with entities unresolved (`parts.visible_text` reads it as a browser does)."""

    def text_of(match):
        index = int(match.group(1))
        return strip_tags(stash[index]) if index < len(stash) else ""

    for element in root.iter():
        whole = STASHED.fullmatch(element.text or "")
        if element.tag == "p" and whole and len(element) == 0 and stash[int(whole.group(1))].lstrip().startswith("<"):
            element.tag, element.attrib = "pre", {}
        element.text = STASHED.sub(text_of, element.text) if element.text else element.text
        element.tail = STASHED.sub(text_of, element.tail) if element.tail else element.tail
    return root
