"""Content guard, the MkDocs side of site_checks/: editors' files are checked before MkDocs reads
them, and what they write in front matter and titles is escaped where it lands.

The files under docs/ (types, UTF-8, control characters, size, nesting, front matter keys) are
checked in `on_files`, before any page is read or written, so a refusal is one `file:line` error
that stops every mode (`-q`, no `--strict`, `serve`). The Markdown's HTML is judged after the
build, on what browsers will read (hooks/csp.py runs site_checks' post-build pass)."""

import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # site_checks/, beside hooks/

from site_checks import sources  # noqa: E402

ESCAPED_META = ("title", "description")


def on_files(files, config):
    problems = sources.check_docs(config.docs_dir, Path(config.config_file_path).parent)
    if problems:
        raise PluginError("\n".join(problems))
    return files


def on_page_markdown(markdown, page, config, files):
    """Front matter is text: the theme's templates print it without escaping (autoescape is off)."""
    for key in ESCAPED_META:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    return markdown


def on_page_content(html, page, config, files):
    """So is the title MkDocs takes from the first heading, entities decoded."""
    if page._title_from_render:
        page._title_from_render = escape(page._title_from_render)
    return html
