"""Permalinks beside every part a reader may share: section headings, paragraphs and the
calls (list items) that carry an explicit ID. They are plain links in the HTML, so they work
without JavaScript; overrides/partials/javascripts/share.html turns them into copy / share
controls.

Headings get theirs from the `toc` extension; this hook adds the same control to paragraphs
and list items, and gives every one of them a name that says what it links to."""

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

PART = {"p": "paragraph", "li": "call"}


class PermalinkTreeprocessor(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in PART and element.get("id"):
                link = etree.SubElement(element, "a", {"class": "headerlink", "href": "#" + element.get("id")})
                link.text = "¶"
                link.set("title", f"Link to this {PART[element.tag]}")
            elif element.tag == "a" and element.get("class") == "headerlink":
                link = element
            else:
                continue
            link.set("class", "headerlink share-link")
            link.set("aria-label", link.get("title"))


class PermalinkExtension(Extension):
    def extendMarkdown(self, md):
        # After `toc` (priority 5), which adds the heading permalinks.
        md.treeprocessors.register(PermalinkTreeprocessor(md), "permalinks", 4)


def on_config(config):
    config.markdown_extensions.append(PermalinkExtension())
    return config
