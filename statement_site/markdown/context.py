"""Which page a Markdown conversion renders, and for which site: the one place that knows how
each generator says so.

Python-Markdown gives an extension no page. MkDocs registers its `relpath` treeprocessor, which
holds the page's file and the site's configuration; Zensical registers a `rendering_context`
preprocessor with the page and the configuration. An extension's own options (`page`, `root`,
`site_url`), set by the model or a test, come first."""

from dataclasses import dataclass
from pathlib import Path


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
