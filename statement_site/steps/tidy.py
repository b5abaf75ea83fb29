"""One reading of each page (markup.Markup, html.parser) for the two changes that keep every
other character as it is: links to other sites marked `rel="noopener noreferrer"` (links.py),
and the white space between tags compacted (compact.py). Tags and runs of text never overlap,
so both apply together."""

import dataclasses
from urllib.parse import urlsplit

from ..markup import Markup, with_edits
from .compact import white_space_edits
from .links import rel_edits


def tidy_pages(site):
    host = urlsplit(site.source.config.site_url).netloc
    pages = {}
    for path, html in site.pages.items():
        markup = Markup(html)
        pages[path] = with_edits(html, [*rel_edits(markup, host), *white_space_edits(markup, html)])
    return dataclasses.replace(site, pages=pages)
