"""The tab's icon as mkdocs.yml gives it (`theme.favicon`), on every page, whichever generator
wrote the page. The site's icon is inline (a `data:` address: no request before the text shows);
Zensical's `url` filter reads such an address as a file's, prefixing the page's path and folding
the `//` of the SVG's namespace, so each page asked for a file that is not there (a 404)."""

import dataclasses
import re
from html import escape

ICON = re.compile(r'<link rel="icon" href="[^"]*">')


def put_back_the_icon(site):
    favicon = site.source.config.favicon
    if not favicon.startswith("data:"):
        return site  # an address the generators write as the theme says
    link = f'<link rel="icon" href="{escape(favicon)}">'
    pages = {path: ICON.sub(lambda _: link, html, count=1) for path, html in site.pages.items()}
    return dataclasses.replace(site, pages=pages)
