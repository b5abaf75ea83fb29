"""Images that keep their place while they load, and load when a reader comes near them.

    markdown_extensions:
      - statement_site.markdown.images

Each image of the site's own (`![What it shows](assets/vigil.png)`) gets the `width` and `height`
of its file, so that the browser reserves its room before the file arrives (no text jumps under
a reader's finger), and `decoding="async"`. Images after the first few blocks of a page, which a
reader on a phone cannot see before scrolling, get `loading="lazy"`: the browser fetches them
when they come near, not with the text. The page and its folder come from the generator
(markdown/context.py), or from the options `page` and `root`.
"""

import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from PIL import Image, UnidentifiedImageError

from .context import rendering_of

# The blocks a phone shows before a reader scrolls: the title, the line under it, a notice, the
# first paragraph. Images in them load with the text; later ones when a reader nears them.
FIRST_SCREEN_BLOCKS = 4


class ImageSizes(Treeprocessor):
    def __init__(self, md, options):
        super().__init__(md)
        self.options = options

    def run(self, root):
        rendering = rendering_of(self.md, self.options)
        if not (rendering.root and rendering.page):
            return
        folder = PurePosixPath("docs", rendering.page).parent
        for number, block in enumerate(root):
            for image in block.iter("img"):
                size = file_size_of(Path(rendering.root), folder, image.get("src", ""))
                if size:
                    image.set("width", str(size[0]))
                    image.set("height", str(size[1]))
                image.set("decoding", "async")
                if number >= FIRST_SCREEN_BLOCKS:
                    image.set("loading", "lazy")


def file_size_of(root, folder, src):
    """(width, height) in pixels of an image of the site, or None (elsewhere, missing, unreadable)."""
    address = urlsplit(src)
    if address.scheme or address.netloc or not address.path:
        return None
    path = (root / folder / unquote(address.path)).resolve()
    if not path.is_relative_to((root / "docs").resolve()) or not path.is_file():
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
