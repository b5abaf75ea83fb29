"""An image and its caption, as editors write them, published as a figure:
`<figure id="vigil"><img alt="…" src="…"><figcaption>Candles at the vigil.</figcaption></figure>`.

    markdown_extensions:
      - statement_site.markdown.figures

Editors write a caption in one of two ways:

- as on GitHub, where it reads as one: the image, and on the line right under it an emphasised
  line, `*Candles at the vigil.*` (or `**…**`), in the same paragraph (a linked image,
  `[![…](…)](…)`, too);
- as Material's documentation shows: `/// caption`, the caption, and `///`, under the image
  (`Caption`, a block of pymdownx.blocks: the figure, its caption a paragraph).

Either way the figure holds the image itself, not a paragraph around it, and takes the ID written
under the image (`{#vigil}`): a link to the image, and its share address, stay the same when a
caption is added, and its share page and card show the caption (source/parts.py, `Part.words`).

The `/// caption` block is this module's, not pymdownx.blocks.caption: that extension numbers
figures and reads CSS selectors after `/// caption |`, which this site has no use for, and
compiling its selector patterns cost more than a third of a build's Markdown (about 55 ms in
every process that loads it: the build's, and Zensical's). The block is made as it makes it
(`auto: false`): the block before the caption, or the figure it is in, and the caption after it.
Anything after `/// caption` on its line is a habit the checks name (source/parts.py).
"""

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block


class Caption(Block):
    """`/// caption`, its words, `///`: the block above it (an image's paragraph) and a
    <figcaption> holding the words, in a <figure>; a figure above it without a caption gets it."""

    NAME = "caption"
    ARGUMENT = False  # `/// caption` alone; the checks name anything after it

    def on_create(self, parent):
        previous = parent[-1] if len(parent) else None
        if previous is not None and previous.tag == "figure" and previous.find("figcaption") is None:
            figure = previous
        else:
            figure = etree.SubElement(parent, "figure")
            if previous is not None:
                parent.remove(previous)
                figure.append(previous)
        self.caption = etree.SubElement(figure, "figcaption")
        return figure

    def on_add(self, block):
        return self.caption


class Figures(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "p" and captioned(child):
                    parent.remove(child)
                    parent.insert(index, figure_of(child))
                elif child.tag == "figure":
                    take_what_it_captions(child)


def image_of(element):
    """The image an element holds alone (`![…](…)`, or `[![…](…)](…)`), or None."""
    if element.tag == "img":
        return element
    alone = element.tag == "a" and len(element) == 1 and element[0].tag == "img" and blank(element.text, element[0].tail)
    return element[0] if alone else None


def blank(*texts):
    return not "".join(text or "" for text in texts).strip()


def captioned(paragraph):
    """An image alone, then, on a line of its own, an emphasised line (`*…*` or `**…**`) and nothing else."""
    children = [child for child in paragraph if child.tag != "br"]
    return (
        len(children) == 2
        and image_of(children[0]) is not None
        and children[1].tag in ("em", "strong")
        and blank(paragraph.text, *(child.tail for child in paragraph))
    )


def figure_of(paragraph):
    image, caption = [child for child in paragraph if child.tag != "br"]
    figure = etree.Element("figure", dict(paragraph.attrib))
    figure.tail = paragraph.tail
    image.tail = "\n"
    figure.append(image)
    figcaption = etree.SubElement(figure, "figcaption")
    figcaption.text = caption.text
    figcaption.extend(list(caption))
    return figure


def take_what_it_captions(figure):
    """A figure `/// caption` made around an image's paragraph holds the image, and
    takes the paragraph's ID; around any other block, that block's ID."""
    captioned_blocks = [child for child in figure if child.tag != "figcaption"]
    if len(captioned_blocks) != 1:
        return
    block = captioned_blocks[0]
    if "id" in block.attrib and "id" not in figure.attrib:
        figure.set("id", block.attrib.pop("id"))
    image = block[0] if block.tag == "p" and len(block) == 1 and blank(block.text, block[0].tail) else None
    if image is not None and image_of(image) is not None:
        image.tail = block.tail
        figure.insert(list(figure).index(block), image)
        figure.remove(block)
    # Its caption's one paragraph is the caption's words, as a caption written under an image is.
    caption = figure.find("figcaption")
    if caption is not None and len(caption) == 1 and caption[0].tag == "p" and blank(caption.text, caption[0].tail):
        words = caption[0]
        caption.remove(words)
        caption.text, caption[:] = words.text, list(words)


class FiguresExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        md.registerExtension(self)
        block_mgr.register(Caption, {})
        # After inline patterns (20) and attr_list (8), which make the images and read the
        # `{#id}`; before content safety (7.5).
        md.treeprocessors.register(Figures(md), "statement_site_figures", 7.8)


def makeExtension(**kwargs):
    return FiguresExtension(**kwargs)
