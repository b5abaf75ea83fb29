"""Images that keep their place while they load, and load when a reader comes near them.

    markdown_extensions:
      - statement_site.markdown.images

Each image of the site's own (`![What it shows](assets/vigil.png)`) gets the `width` and `height`
of its file, so that the browser reserves its room before the file arrives (no text jumps under
a reader's finger), and `decoding="async"`. Images that a reader on a phone cannot see before
scrolling get `loading="lazy"`: the browser fetches them when they come near, not with the text.
Where an image is on a phone is estimated from what comes before it (`tops`): the lines of its
text, its headings and notices, the room of the images above. The page and its folder come from the
generator (markdown/context.py), or from the options `page` and `root`.
"""

import math
import xml.etree.ElementTree as ElementTree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from PIL import Image, UnidentifiedImageError

from .context import local_file, rendering_of

# What starts on a line of its own, and the size of its text relative to what it sits in
# (Material: headings larger; notices, footnotes and tables smaller).
BLOCKS = {"p": 1, "li": 1, "blockquote": 1, "pre": 0.85, "hr": 1, "tr": 0.8, "dt": 1, "dd": 1, "figcaption": 0.8,
          "h1": 2, "h2": 1.6, "h3": 1.25, "h4": 1, "h5": 0.8, "h6": 0.8}  # fmt: skip
BOXES = {"admonition", "details", "footnote"}  # classes of the blocks set smaller, at 0.8


class Phone:
    """A phone's screen, 375 by 667 CSS pixels: Material's 16 px text in a 343 px column, about
    40 characters and 26 px a line, 16 px between blocks, the first one 90 px down (below the
    header). Where a part is on it is estimated, and may be off by a third either way: images
    whose top is estimated within one and a half screens load with the text, so that one on the
    first screen is never lazy, and one more than two screens down always is."""

    SCREEN, COLUMN, CHARACTERS, LINE, GAP, TOP = 667, 343, 40, 26, 16, 90
    EAGER_WITHIN = 1.5 * SCREEN


def tops(root, size_of):
    """(element, its estimated top on a phone) of each block and image under `root`, in order;
    `size_of(image)` gives the (width, height) of an image's file, or None."""
    placed, y, text = [], Phone.TOP, 0

    def lines(scale):
        """The room of the text read since the last block or image, set at `scale`."""
        nonlocal y, text
        y += math.ceil(text * scale / Phone.CHARACTERS) * Phone.LINE * scale
        text = 0

    def walk(element, scale):
        nonlocal y, text
        boxed = BOXES & set((element.get("class") or "").split())
        block = element.tag in BLOCKS or bool(boxed)
        inner = scale * BLOCKS.get(element.tag, 1) * (0.8 if boxed else 1)
        if block or element.tag == "img":
            lines(scale)
            y += Phone.GAP * inner if block else 0
            placed.append((element, y))
        if element.tag == "img":
            size = size_of(element)
            y += size[1] * min(1, Phone.COLUMN / size[0]) if size and size[0] else Phone.LINE
        text += len(" ".join((element.text or "").split()))
        for child in element:
            walk(child, inner)
            text += len(" ".join((child.tail or "").split()))
        if block:
            lines(inner)

    walk(root, 1)
    return placed


class ImageSizes(Treeprocessor):
    def __init__(self, md, options):
        super().__init__(md)
        self.options = options

    def run(self, root):
        rendering = rendering_of(self.md, self.options)
        if not (rendering.root and rendering.page):
            return
        sizes = {id(image): pixels_of(local_file(rendering, image.get("src", ""))) for image in root.iter("img")}
        for element, top in tops(root, lambda image: sizes[id(image)]):
            if element.tag != "img":
                continue
            size = sizes[id(element)]
            if size:
                element.set("width", str(size[0]))
                element.set("height", str(size[1]))
            element.set("decoding", "async")
            if top > Phone.EAGER_WITHIN:
                element.set("loading", "lazy")


def pixels_of(path):
    """(width, height) in pixels of an image file of the site, or None (not there, unreadable)."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        return svg_size(path)
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def svg_size(path):
    """An SVG's size from its width and height, else its viewBox (the checks read it first)."""
    try:
        svg = ElementTree.parse(path).getroot()
    except ElementTree.ParseError:
        return None
    width, height = (svg.get(name, "").removesuffix("px") for name in ("width", "height"))
    if width.replace(".", "", 1).isdigit() and height.replace(".", "", 1).isdigit():
        return round(float(width)), round(float(height))
    box = svg.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4 and all(part.replace(".", "", 1).lstrip("-").isdigit() for part in box):
        return round(float(box[2])), round(float(box[3]))
    return None


class ImagesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "page": ["", "The page's source under docs/ (index.md), where no generator says it - Default: ''"],
            "root": ["", "The project's folder, where no generator says it - Default: ''"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        options = {key: self.getConfig(key) or None for key in ("page", "root")}
        # After content safety (7.5), which has taken out any image from elsewhere.
        md.treeprocessors.register(ImageSizes(md, options), "statement_site_images", 4.6)


def makeExtension(**kwargs):
    return ImagesExtension(**kwargs)
