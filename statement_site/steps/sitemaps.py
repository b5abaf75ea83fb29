"""Each language of the switch has the sitemap Material's language selector asks for.

Material's script fetches `sitemap.xml` under the address of every other language a page names
(its `<link rel="alternate" hreflang>`, from the language switch, `extra.alternate`), as if each
language were a site of its own: here the languages' pages live in one site, and every page asked
for a file that is not there, once a language. Each language's folder gets the list of the
site's pages under it, as the root's sitemap lists all: the selector then leads from a page to
the same page in the other language where the folders match (es/privacy/ for privacy/), and to
that language's first page otherwise."""

import dataclasses
from html import escape

from ..source.files import site_address

SITEMAP = "sitemap.xml"


def write_language_sitemaps(site):
    source = site.source
    added = dict(site.added)
    for entry in source.config.alternates:
        folder = entry["link"].removeprefix("./")  # "es/"; "" for the site's own root, which has one
        path = f"{folder}{SITEMAP}"
        if folder and not site.exists(path):
            urls = [page.url for page in source.pages.values() if page.url.startswith(folder)]
            added[path] = sitemap(source.config.site_url, urls).encode("utf-8")
    return dataclasses.replace(site, added=added)


def sitemap(site_url, urls):
    entries = "".join(f"  <url>\n    <loc>{escape(site_address(site_url, url))}</loc>\n  </url>\n" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
