"""A link to a PDF of docs/ says what it is and how heavy, so that readers on phones know what
they are about to download.

    markdown_extensions:
      - statement_site.markdown.safety
      - statement_site.markdown.attachments

`[Annual report](assets/report.pdf)` becomes
`<a class="attachment" href="assets/report.pdf">Annual report (PDF, 1.2 MB)</a>`: the size in
KB under 1 MB (`340 KB`), in MB with one decimal from there (`1.2 MB`), 1 KB being 1,000 bytes,
as the editor checks count (source.files.size_message). The link keeps its other classes (a button
stays a button) and gains no element: only text and the class `attachment` (allowlist.py).

The address is read as MkDocs reads it, relative to the page's folder under docs/, with its
`#page=3` or `?…` left aside. A link to another site, a site-absolute address (`/assets/…`), a
path that leaves docs/ or a file that is not there is left as it is: the editor checks report a
link that leads nowhere (checks.link_problems). The page and the project come from the generator
(markdown/context.py), or from the options `page` and `root`; without them nothing changes, as
when the model (source/render.py) renders a page.
"""

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from .context import local_file, rendering_of

CLASS = "attachment"
# Suffix of a file -> what a reader is told it is.
KINDS = {".pdf": "PDF"}


def size_text(size):
    """`340 KB` under 1 MB (at least `1 KB`, rounded half up), `1.2 MB` from there: decimal units."""
    kilobytes = (size + 500) // 1000
    if kilobytes < 1000:
        return f"{max(kilobytes, 1)} KB"
    return f"{size / 1_000_000:.1f} MB"


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
        for link in root.iter("a"):
            classes = (link.get("class") or "").split()
            path = local_file(rendering, link.get("href") or "")
            kind = path and KINDS.get(path.suffix.lower())
            if not kind or CLASS in classes:
                continue
            label(link, kind, path.stat().st_size)
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
