"""No other site learns which page of the statement a reader came from.

Every page carries a `same-origin` referrer policy (overrides/main.html), and every link to
another site (in the statement, or the theme's repository and edit links) gets
`rel="noopener noreferrer"` here: the opened page can neither read the address it was opened
from nor reach back into this one. A change of steps/tidy.py's one reading of each page."""

from html import escape
from urllib.parse import urlsplit

EXTERNAL_REL = ("noopener", "noreferrer")


def rel_edits(markup, site_host):
    """(start, end, the same tag with the rel it needs) of each <a> of `markup` (markup.Markup)
    that leads to another host."""
    edits = []
    for start, raw, tag, attrs in markup.tags:
        href = dict(attrs).get("href") or ""
        host = urlsplit(href).netloc if href.startswith(("http://", "https://", "//")) else ""
        if tag != "a" or not host or host == site_host:
            continue
        rel = dict(attrs).get("rel") or ""
        if all(word in rel.split() for word in EXTERNAL_REL):
            continue
        rel = " ".join(dict.fromkeys([*rel.split(), *EXTERNAL_REL]))
        attrs = [(name, value) for name, value in attrs if name != "rel"] + [("rel", rel)]
        text = "".join(f' {name}="{escape(value)}"' if value is not None else f" {name}" for name, value in attrs)
        edits.append((start, start + len(raw), f"<a{text}>"))
    return edits
