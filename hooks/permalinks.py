"""Permalinks beside every part a reader may share: section headings, paragraphs and the
calls (list items) that carry an explicit ID. They are plain links in the HTML, so they work
without JavaScript; docs/javascripts/share.js turns them into copy / share
controls.

Headings get theirs from the `toc` extension; this hook adds the same control to paragraphs
and list items, and gives every one of them a name of its own that says which part it links to
("Copy link to “Our mission”", "Copy link to paragraph 3 of “The war in Israel and
Palestine”"), so that a screen reader's list of links tells them apart. A heading's own
accessible name is its text alone, without its control's name."""

import copy
import html
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PART = {"p": "paragraph", "li": "call"}


class PermalinkTreeprocessor(Treeprocessor):
    def run(self, root):
        section, counts = None, {}
        for element in root.iter():
            if element.tag in HEADINGS:
                section, counts = self.text_of(element), {}
                link = next((a for a in element if is_permalink(a)), None)
                if link is None:
                    continue
                # The control's name would otherwise be read as part of the heading's.
                element.set("aria-label", section)
                name = f"Copy link to “{section}”"
            elif element.tag in PART:
                counts[element.tag] = counts.get(element.tag, 0) + 1
                if not element.get("id"):
                    continue
                link = etree.SubElement(element, "a", {"href": "#" + element.get("id")})
                link.text = "¶"
                where = f" of “{section}”" if section else ""
                name = f"Copy link to {PART[element.tag]} {counts[element.tag]}{where}"
            else:
                continue
            link.set("class", "headerlink share-link")
            link.set("aria-label", name)
            # A `title` that repeats the name is read twice; the ¶ sign shows what it is.
            link.attrib.pop("title", None)

    def text_of(self, heading):
        """The heading's text as a reader sees it: markup, entities and its permalink resolved."""
        heading = copy.deepcopy(heading)
        for link in [a for a in heading if is_permalink(a)]:
            heading.remove(link)
        return " ".join(html.unescape(strip_tags(render_inner_html(heading, self.md))).split())


def is_permalink(element):
    return element.tag == "a" and "headerlink" in (element.get("class") or "").split()


class PermalinkExtension(Extension):
    def extendMarkdown(self, md):
        # After `toc` (priority 5), which adds the heading permalinks.
        md.treeprocessors.register(PermalinkTreeprocessor(md), "permalinks", 4)


def on_config(config):
    config.markdown_extensions.append(PermalinkExtension())
    return config
