"""The day each page last changed, from its history: the commit that last changed its Markdown
file, or the day of the build for a page with none (a copy without history, a new page). One
`git log` over docs/ reads it for every page; the template's `<time>` (overrides/partials/
source-file.html) gets the day in words and its date."""

import dataclasses
import datetime

from ..source.files import DOCS, git

EMPTY = '<time class="md-source-file__date"></time>'


def fill_in_the_day_each_page_last_changed(site):
    days = last_changes(site.source.root)
    today = datetime.datetime.now(datetime.UTC).date()
    pages = dict(site.pages)
    for page in site.source.pages.values():
        html = pages.get(page.dest)
        if html is None or EMPTY not in html:
            continue
        day = days.get(page.file, today)
        pages[page.dest] = html.replace(EMPTY, f'<time class="md-source-file__date" datetime="{day.isoformat()}">{day:%B} {day.day}, {day.year}</time>', 1)
    return dataclasses.replace(site, pages=pages)


def last_changes(root):
    """{docs/page.md: the day of the last commit that changed it}, from one `git log`."""
    log = git(root, "log", "--format=%x00%at", "--name-only", "--no-renames", "--", DOCS) or ""
    days = {}
    for entry in log.split("\0")[1:]:
        stamp, *files = entry.strip().split("\n")
        day = datetime.datetime.fromtimestamp(int(stamp), datetime.UTC).date()
        for file in filter(None, map(str.strip, files)):
            days.setdefault(file, day)
    return days
