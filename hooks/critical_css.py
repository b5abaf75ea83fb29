"""The first response paints the page: each page's critical CSS inlined in its <head>, and the
rules for what the theme's scripts add, in a stylesheet loaded with them after paint
(site_checks/critical_css.py says how, and why the policy trusts it).

Stylesheets and scripts are read where the build takes them: docs/ or the theme. One that is not
found stops the build: a Material update that moves them must not ship unstyled pages."""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # site_checks/, beside hooks/

from site_checks.critical_css import MissingStylesheet, inlined, site_path  # noqa: E402


def on_post_page(output, page, config):
    return with_critical_css(output, page.url, config)


def on_post_template(output, template_name, config):
    """404.html, built from the theme's templates, is served at any path: its links are absolute."""
    return with_critical_css(output, "404.html", config) if template_name == "404.html" else output


def with_critical_css(html, page_url, config):
    def read(href):
        path = site_path(href, page_url, config.site_url)
        for folder in [config.docs_dir, *config.theme.dirs]:
            if (Path(folder) / path).is_file():
                return (Path(folder) / path).read_text(encoding="utf-8")
        raise MissingStylesheet(
            f"critical_css: the file {path} (linked by {page_url or 'index.html'}) is not in docs/ "
            f"nor in the theme ({', '.join(config.theme.dirs)}); a Material update may have moved it: "
            "check the theme's base.html `styles` and `scripts` blocks and site_checks/critical_css.py"
        )

    def write(href, text):
        path = Path(config.site_dir) / site_path(href, page_url, config.site_url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    try:
        return inlined(html, read, write)
    except MissingStylesheet as error:
        raise PluginError(str(error)) from None
