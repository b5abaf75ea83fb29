"""Which page a Markdown conversion renders, and for which site: the one place that knows how
each generator says so.

Python-Markdown gives an extension no page. MkDocs registers its `relpath` treeprocessor, which
holds the page's file and the site's configuration; Zensical registers a `rendering_context`
preprocessor with the page and the configuration. An extension's own options (`page`, `root`,
`site_url`), set by the model or a test, come first."""

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

DOCS = "docs"


@dataclass(frozen=True)
class Rendering:
    root: Path | None  # the project (where mkdocs.yml is)
    page: str | None  # the page's source under docs/: "index.md"
    site_url: str


def rendering_of(md, options):
    """The page and site `md` renders, from `options` first, then from the generator."""
    root, page, site_url = options.get("root"), options.get("page"), options.get("site_url")
    if "relpath" in md.treeprocessors:  # MkDocs
        relpath = md.treeprocessors["relpath"]
        config = relpath.config
        root = root or Path(config.config_file_path).parent
        page = page or relpath.file.src_uri
        site_url = site_url if site_url is not None else config.site_url or ""
    elif "rendering_context" in md.preprocessors:  # Zensical
        context = md.preprocessors["rendering_context"]
        root = root or Path(context.config["root_dir"])
        page = page or context.page.path
        site_url = site_url if site_url is not None else context.config.get("site_url") or ""
    return Rendering(Path(root) if root else None, page, site_url or "")


def local_file(rendering, href):
    """The file of docs/ that `href`, written on the page being rendered, leads to, read as MkDocs
    reads it (relative to the page's folder, its `#…` and `?…` left aside); None for another site,
    a site-absolute address, one that leaves docs/ (a symbolic link included), or no file. An
    address no file can have (a NUL, a link loop) is none too: the page still renders."""
    if not (rendering.root and rendering.page):
        return None
    split = urlsplit(href)
    if split.scheme or split.netloc or href.startswith(("/", "\\")) or not split.path:
        return None
    parts = []
    for part in (PurePosixPath(rendering.page).parent / unquote(split.path)).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    try:
        docs = (Path(rendering.root) / DOCS).resolve()
        target = docs.joinpath(*parts).resolve()
        return target if parts and target.is_relative_to(docs) and target.is_file() else None
    except (OSError, RuntimeError, ValueError):
        return None
