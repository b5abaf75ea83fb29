"""The Revisions page: each change to the pages that readers should know of, newest first, in
the words an editor wrote for readers (a page's front matter, `changes:`), never commit subjects.

docs/revisions.md is an ordinary page: its title, a sentence on what it lists, and last a
paragraph said when nothing has been noted. Here that paragraph becomes the list of notes, each
with its day and a link to the page it is about."""

import dataclasses
import datetime
from html import escape

from ..problems import Problem

PAGE = "revisions.md"


def list_changes(site):
    page = site.source.pages.get(PAGE)
    changes = site.source.changes
    if page is None or page.dest not in site.pages or not changes:
        return site
    placeholder = next((p for p in reversed(page.parts) if p.kind == "paragraph" and p.container is None), None)
    html = site.pages[page.dest]
    marker = f"<p>{escape(placeholder.text, quote=False)}</p>" if placeholder else None
    if marker is None or html.count(marker) != 1:
        problem = Problem(
            page.file,
            placeholder.line if placeholder else 1,
            "the Revisions page ends with a paragraph that the list of changes replaces",
            "keep it plain text",
        )
        return dataclasses.replace(site, problems=(*site.problems, problem))
    items = "".join(entry(change, site.source, page) for change in changes)
    pages = {**site.pages, page.dest: html.replace(marker, f"<ul>{items}</ul>")}
    return dataclasses.replace(site, pages=pages)


def entry(change, source, revisions):
    day = datetime.date.fromisoformat(change.date)
    changed = source.pages[change.page]
    href = "../" * revisions.url.count("/") + changed.url
    return (
        f"<li><strong>{day:%B} {day.day}, {day.year}</strong>, "
        f'<a href="{escape(href or "./")}">{escape(changed.title)}</a>: {escape(change.note, quote=False)}</li>'
    )
