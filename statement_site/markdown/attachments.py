"""A link to a PDF of docs/ says what it is and how heavy, so that readers on phones know what
they are about to download.

    markdown_extensions:
      - statement_site.markdown.safety
      - statement_site.markdown.attachments

`[Annual report](assets/report.pdf)` becomes
`<a class="attachment" href="assets/report.pdf">Annual report (PDF, 1.2 MB)</a>`: the size in
KB under 1 MB (`340 KB`), in MB with one decimal from there (`1.2 MB`), 1 KB being 1,000 bytes,
as the editor checks count (source.size_message). The link keeps its other classes (a button
stays a button) and gains no element: only text and the class `attachment` (allowlist.py).

The address is read as MkDocs reads it, relative to the page's folder under docs/, with its
`#page=3` or `?…` left aside. A link to another site, a site-absolute address (`/assets/…`), a
path that leaves docs/ or a file that is not there is left as it is: the editor checks report a
link that leads nowhere (checks.link_problems). The page and the project come from the generator
(markdown/context.py), or from the options `page` and `root`; without them nothing changes, as
when the model (source.py) renders a page.
"""

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from ..source import DOCS
from .context import rendering_of

CLASS = "attachment"
# Suffix of a file -> what a reader is told it is.
KINDS = {".pdf": "PDF"}


def size_text(size):
    """`340 KB` under 1 MB (at least `1 KB`, rounded half up), `1.2 MB` from there: decimal units."""
    kilobytes = (size + 500) // 1000
    if kilobytes < 1000:
        return f"{max(kilobytes, 1)} KB"
    return f"{size / 1_000_000:.1f} MB"


def docs_path(href, page):
    """The file under docs/ that `href`, written on `page` (index.md, es/index.md), leads to, as a
    path relative to docs/; None for another site, a site-absolute address or one that leaves docs/."""
    split = urlsplit(href)
    if split.scheme or split.netloc or href.startswith(("/", "\\")):
        return None
    path = unquote(split.path)
    if not path:
        return None
    parts = []
    for part in (PurePosixPath(page).parent / path).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


def attached_file(root, relative):
    """The size of docs/`relative` in bytes, or None when it is not a file of docs/ (a symbolic
    link that leads out of it included). An address no file can have (a NUL, a link loop) is
    none: the page still renders."""
    try:
        docs = (Path(root) / DOCS).resolve()
        target = (docs / relative).resolve()
        if not target.is_relative_to(docs) or not target.is_file():
            return None
        return target.stat().st_size
    except (OSError, RuntimeError, ValueError):
        return None


def label(link, kind, size):
    """` (PDF, 1.2 MB)` at the end of the link's text, after its last child when it has some."""
    note = f"({kind}, {size_text(size)})"
    if len(link):
        last = link[-1]
        last.tail = f"{(last.tail or '').rstrip()} {note}"
    else:
        words = (link.text or "").rstrip()
        link.text = f"{words} {note}" if words else note


class AttachmentSizes(Treeprocessor):
    """Each link to a file of docs/ of a kind in KINDS gets its kind and size, once."""

    def __init__(self, md, options):
        super().__init__(md)
        self.options = options

    def run(self, root):
        rendering = rendering_of(self.md, self.options)
        if not rendering.root or not rendering.page:
            return
        sizes = {}  # relative path -> size or None: a page may link to one file many times
        for link in root.iter("a"):
            classes = (link.get("class") or "").split()
            relative = docs_path(link.get("href") or "", rendering.page)
            kind = relative and KINDS.get(relative.suffix.lower())
            if not kind or CLASS in classes:
                continue
            if relative not in sizes:
                sizes[relative] = attached_file(rendering.root, relative)
            if sizes[relative] is None:
                continue
            label(link, kind, sizes[relative])
            link.set("class", " ".join([*classes, CLASS]))


class AttachmentsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "page": ["", "The page's source under docs/ (index.md), where no generator says it - Default: ''"],
            "root": ["", "The project's folder, where no generator says it - Default: ''"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        options = {key: self.getConfig(key) or None for key in ("page", "root")}
        # After attr_list (8) and content safety (7.5), which has removed what is not allowed;
        # before the share controls (4), whose names read the text of a part.
        md.treeprocessors.register(AttachmentSizes(md, options), "statement_site_attachments", 4.5)


def makeExtension(**kwargs):
    return AttachmentsExtension(**kwargs)
