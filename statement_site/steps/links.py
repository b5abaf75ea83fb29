"""No other site learns which page of the statement a reader came from.

Every page carries a `same-origin` referrer policy (overrides/main.html), and every link to
another site (in the statement, or the theme's repository and edit links) gets
`rel="noopener noreferrer"` here: the opened page can neither read the address it was opened
from nor reach back into this one."""

import dataclasses
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from ..allowlist import line_offsets

EXTERNAL_REL = ("noopener", "noreferrer")


def mark_external_links(site):
    host = urlsplit(site.source.config.site_url).netloc
    return dataclasses.replace(site, pages={path: with_external_rel(html, host) for path, html in site.pages.items()})


def with_external_rel(html, site_host):
    links = ExternalLinks(site_host)
    links.feed(html)
    links.close()
    # Replace from the end, so that the offsets of earlier tags still hold.
    for start, end, tag in reversed(links.found):
        html = html[:start] + tag + html[end:]
    return html


class ExternalLinks(HTMLParser):
    """Finds each <a> that leads to another host: (start, end, the same tag with the rel it needs)."""

    def __init__(self, site_host):
        super().__init__(convert_charrefs=False)
        self.site_host, self.found, self.line_starts = site_host, [], None

    def feed(self, data):
        self.line_starts = line_offsets(data)
        super().feed(data)

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        host = urlsplit(href).netloc if href.startswith(("http://", "https://", "//")) else ""
        if tag != "a" or not host or host == self.site_host:
            return
        rel = dict(attrs).get("rel") or ""
        if all(word in rel.split() for word in EXTERNAL_REL):
            return
        rel = " ".join(dict.fromkeys([*rel.split(), *EXTERNAL_REL]))
        attrs = [(name, value) for name, value in attrs if name != "rel"] + [("rel", rel)]
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        text = "".join(f' {name}="{escape(value)}"' if value is not None else f" {name}" for name, value in attrs)
        self.found.append((start, start + len(self.get_starttag_text()), f"<a{text}>"))
