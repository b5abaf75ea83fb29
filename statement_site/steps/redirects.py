"""The old address of every page that moved (published-anchors.yml: `old.md:` and `moved:
new.md` under it) leads to the page that took its place, whichever generator built the site.

Editors write the move: a page renamed or removed after `main` published it stops the build with
the lines to add (checks.py). Here each old address gets a small page from
overrides/redirect-page.html: a script that carries what follows `#` (a shared link to a part of
the old page lands on that part, or on its alias), a <meta> refresh for readers without
JavaScript, and a plain link. Later steps see these pages as any other: the verdict judges them,
the policy hashes their script."""

import dataclasses
from urllib.parse import quote

from ..source.files import page_url, site_address
from .templates import small_page_template, theme_config

TEMPLATE = "redirect-page.html"


def write_redirects(site):
    source = site.source
    template = small_page_template(source, TEMPLATE)
    pages = dict(site.pages)
    for move in source.moves:
        new = source.page(source.moved_to(move.old) or "")
        old = page_url(move.old)
        path = f"{old}index.html"
        if new is None or path in pages:
            continue  # a move the checks refuse: to no page, or over a page
        root = "../" * old.count("/")
        pages[path] = template.render(
            lang=new.lang or source.config.language,
            title=new.title,
            config=theme_config(source),
            canonical=site_address(source.config.site_url, new.url),
            root=root,
            target=root + quote(new.url) if root + new.url else "./",
        )
    return dataclasses.replace(site, pages=pages)
