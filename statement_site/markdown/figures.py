"""An image and its caption, as editors write them, published as a figure:
`<figure id="vigil"><img alt="…" src="…"><figcaption>Candles at the vigil.</figcaption></figure>`.

    markdown_extensions:
      - pymdownx.blocks.caption
      - statement_site.markdown.figures

Editors write a caption in one of two ways:

- as on GitHub, where it reads as one: the image, and on the line right under it an emphasised
  line, `*Candles at the vigil.*` (or `**…**`), in the same paragraph (a linked image,
  `[![…](…)](…)`, too);
- as Material's documentation shows: `/// caption`, the caption, and `///`, under the image
  (pymdownx.blocks.caption makes the figure, its caption a paragraph).

Either way the figure holds the image itself, not a paragraph around it, and takes the ID written
under the image (`{#vigil}`): a link to the image, and its share address, stay the same when a
caption is added, and its share page and card show the caption (source/parts.py, `Part.words`).
"""

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


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
    """A figure pymdownx.blocks.caption made around an image's paragraph holds the image, and
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


class FiguresExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        # After inline patterns (20) and attr_list (8), which make the images and read the
        # `{#id}`; before content safety (7.5).
        md.treeprocessors.register(Figures(md), "statement_site_figures", 7.8)


def makeExtension(**kwargs):
    return FiguresExtension(**kwargs)
