"""Each page's own preview: the card and words a chat app or social network shows for a link to
a page, drawn from that page (its title, and its description: front matter, else its first
paragraph), not the statement's.

overrides/main.html writes the page's preview tags; a template cannot know a page's first
paragraph, nor the name of a card drawn after the build, so here each page's
`og:description`, `description`, `og:image` and `og:image:alt` are set from the model, and its
card is drawn (cards.py) as `s/<page>/card-<hash>.png`, a name that changes with its words.

The title in the tab and the preview (`<title>`, `og:title`) is the page's own, as the model
reads it (front matter `title:`, else its first heading), under both generators: theirs is the
nav's label when the nav gives one ("Español", "One year on"), which is the menu's. So is the
title the way to report a mistake gives its form (overrides/partials/report.html)."""

import dataclasses
import re
from html import escape, unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

from .. import cards
from ..problems import Problem
from ..source.files import SHARE_FOLDER, site_address

STATEMENT_KICKER = "Statement"
TITLE = re.compile(r"<title>[^<]*</title>")
REPORT = re.compile(r'(<p class="report-mistake">\s*<a href=")([^"]*)(")')


def give_each_page_its_preview(site):
    source = site.source
    pages, added, problems = dict(site.pages), dict(site.added), []
    for page in source.pages.values():
        if page.dest not in pages:
            continue
        home = page.url == ""
        title = page.meta.get("title") or (source.config.site_name if home else page.title)
        lang = page.lang or source.config.language
        card = {"kicker": STATEMENT_KICKER if home else source.config.site_name, "main": page.title, "text": page.description, "source": (cards.SOURCE,), "lang": lang}
        if (problem := cards.shaping_problem(card)) and not said(problem, [*site.problems, *problems]):
            problems.append(Problem(page.file, 1, problem))  # once: the machine lacks it, not the page
        key = cards.card_key(card)
        path = f"{SHARE_FOLDER}/{page.url}card-{key[:12]}.png"
        added[path] = cards.card_png(card, source.cache("cards"))
        values = {
            ("property", "og:description"): page.description,
            ("name", "description"): page.description,
            ("property", "og:image"): site_address(source.config.site_url, path),
            ("property", "og:image:alt"): f"{title}. {page.description} {cards.SOURCE}.",
            ("property", "og:title"): title,
        }
        tab = source.config.site_name if title == source.config.site_name else f"{title} - {source.config.site_name}"
        html = TITLE.sub(lambda _, tab=tab: f"<title>{escape(tab, quote=False)}</title>", with_meta(pages[page.dest], values), count=1)
        pages[page.dest] = REPORT.sub(lambda m, title=title: f"{m[1]}{escape(with_report_title(unescape(m[2]), title))}{m[3]}", html, count=1)
    return dataclasses.replace(site, pages=pages, added=added, problems=(*site.problems, *problems))


def said(message, problems):
    return any(problem.message == message for problem in problems)


def with_report_title(address, title):
    """The correction form's address with its title the page's."""
    parts = urlsplit(address)
    query = [(key, f"Correction: {title}" if key == "title" else value) for key, value in parse_qsl(parts.query)]
    return parts._replace(query=urlencode(query)).geturl()


def with_meta(html, values):
    """The page with the content of each `<meta key="name">` it has set to its new value."""
    for (key, name), value in values.items():
        pattern = re.compile(rf'(<meta {key}="{re.escape(name)}" content=")[^"]*(")')
        html = pattern.sub(lambda m, value=value: f"{m.group(1)}{escape(value)}{m.group(2)}", html, count=1)
    return html
