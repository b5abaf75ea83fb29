"""Stable IDs and their share controls: every part an editor gave an `{#id}` can be linked to,
copied and shared, and old links land after a rename.

    markdown_extensions:
      - toc:
          permalink: true
      - statement_site.markdown.share

- **Share controls.** Each part with an ID whose kind has a share address (a section heading, a
  paragraph, a list item, a quotation, an image: source/parts.py says which) gets a permalink, `<a class="headerlink share-link" href="#id">¶</a>`, a plain link that works
  without JavaScript (overrides/assets/javascripts/share.js turns it into a copy or share button). Those the
  editor wrote (`{#id}`) carry `data-share-url`, the part's share address (`s/<id>/`, whose
  preview card shows that part: steps/share_pages.py). Each control is named after its part
  ("Copy link to paragraph 3 of “The war”"), so that a screen reader's list of links tells them
  apart; a heading keeps its own text as its name.

Old IDs kept in `published-anchors.yml` land on their new parts by a step of the pipeline
(steps/aliases.py), from the model: this extension reads no file. The page and the site's address
come from the generator (markdown/context.py), or from the options `page`, `root` and `site_url`.
"""

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..source.files import share_path, site_address
from ..source.parts import KINDS, each_part, is_shared, visible_text
from ..source.text import is_id
from .context import rendering_of


def written_ids(root):
    """The IDs an editor wrote in attribute lists: those the tree holds once `attr_list` has run,
    except the footnotes' (which the footnotes extension makes)."""
    footnotes = {id(e) for div in root.iter("div") if "footnote" in (div.get("class") or "").split() for e in div.iter()}
    return {
        element.get("id")
        for element in root.iter()
        if element.get("id") and id(element) not in footnotes and element.tag != "sup"
    }


class WrittenIds(Treeprocessor):
    """Notes which IDs were written, before `toc` gives the other headings theirs."""

    def __init__(self, md, found):
        super().__init__(md)
        self.found = found

    def run(self, root):
        self.found.clear()
        self.found.update(written_ids(root))


class ShareControls(Treeprocessor):
    def __init__(self, md, written, options):
        super().__init__(md)
        self.written, self.options = written, options

    def run(self, root):
        rendering = rendering_of(self.md, self.options)
        section, counts = None, {}
        stash = self.md.htmlStash.rawHtmlBlocks
        # The parts as the model reads them (source/parts.py): which get a control, and its name.
        for kind, element, within in list(each_part(root, stash)):
            ident, level = element.get("id"), int(element.tag[1]) if kind == "heading" else 0
            if kind == "heading":
                if not within:
                    section, counts = visible_text(element, stash), {}
                link = next((a for a in element if is_permalink(a)), None)
                if link is None:
                    continue
                # The control's name would otherwise be read as part of the heading's.
                element.set("aria-label", visible_text(element, stash))
                name = f"Copy link to “{element.get('aria-label')}”"
            elif ident in self.written and is_shared(kind):
                part = KINDS[kind].control
                counts[part] = counts.get(part, 0) + 1
                link = etree.Element("a", {"href": "#" + ident})
                link.text = "¶"
                holder, at = control_place(element)
                holder.insert(at, link)
                where = f" of “{section}”" if section else ""
                name = f"Copy link to {part} {counts[part]}{where}"
            else:
                continue
            # The title's permalink stays a plain `headerlink`: MkDocs takes the page's title from
            # the H1 without exactly that link (a share control would make it "Title¶").
            link.set("class", "headerlink" if element.tag == "h1" else "headerlink share-link")
            link.set("aria-label", name)
            # A `title` that repeats the name is read twice; the ¶ sign shows what it is.
            link.attrib.pop("title", None)
            # Only a part with a share address (parts.is_shared: not the page's title) says it.
            if ident in self.written and is_id(ident) and is_shared(kind, level) and rendering.page:
                address = share_path(rendering.page, ident)
                link.set("data-share-url", site_address(rendering.site_url, address))


def control_place(element):
    """(element, index) where a part's control goes: at the end of its words, before a list
    item's nested list; in a figure, after its caption's words."""
    caption = element.find("figcaption") if element.tag == "figure" else None
    if caption is not None:
        element = caption
    return element, next((i for i, child in enumerate(element) if child.tag in ("ul", "ol")), len(element))


def is_permalink(element):
    return element.tag == "a" and "headerlink" in (element.get("class") or "").split()


class ShareExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "page": ["", "The page's source under docs/ (index.md), where no generator says it - Default: ''"],
            "root": ["", "The project's folder, where no generator says it - Default: ''"],
            "site_url": ["", "The site's address, where no generator says it - Default: ''"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        written = set()
        options = {key: self.getConfig(key) or None for key in ("page", "root", "site_url")}
        # After attr_list (8) and content safety (7.5), before toc (5) makes the other IDs.
        md.treeprocessors.register(WrittenIds(md, written), "statement_site_written_ids", 6)
        # After toc, which adds the headings' permalinks.
        md.treeprocessors.register(ShareControls(md, written, options), "statement_site_share", 4)


def makeExtension(**kwargs):
    return ShareExtension(**kwargs)
