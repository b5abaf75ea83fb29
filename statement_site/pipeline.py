"""What runs over a built site, in order: one pipeline of named steps, whichever generator built it.

    python -m statement_site finish site/        # after `zensical build` (make build-zensical)
    hooks/statement_site.py                       # after `mkdocs build` and `mkdocs serve`

Each step takes the site as the steps see it (`Site`: every page's HTML, the files to add, what
earlier steps found) and returns a new one; none keeps state or writes to disk. `finish` reads
the output folder once, runs STEPS, then writes what changed, adds what was made and deletes
what was refused. The order matters and is here, nowhere else:

1. old IDs kept where their parts went (published-anchors.yml); share pages and their cards,
   from the model, and the old addresses of pages that moved (they are pages too: every later
   step sees them); each language's sitemap, which the theme asks for;
2. each page's own preview card and description; the day it last changed; the Revisions page's
   notes; each page's language; the tab's icon as mkdocs.yml gives it;
3. links to other sites marked noopener noreferrer and white space between tags compacted, in
   one reading of each page;
4. the critical CSS inlined, which must see each page's final markup;
5. the verdict of the allowlist, on each page as a browser reads it: refused pages go;
6. each page's Content Security Policy, from the inline texts the verdict found trusted.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from .source.project import Source
from .steps import (
    aliases,
    critical_css,
    icon,
    languages,
    last_changed,
    policy,
    previews,
    redirects,
    revisions,
    share_pages,
    sitemaps,
    tidy,
    verdict,
)


@dataclass(frozen=True)
class Site:
    """The output folder as the steps see it."""

    folder: Path  # read only: stylesheets and scripts the pages link
    source: Source  # the model of what the site was built from
    pages: dict  # every HTML page: its path in the folder ("index.html") -> its text
    added: dict = field(default_factory=dict)  # files to add: path -> bytes
    produced: dict = field(default_factory=dict)  # page -> {(kind, text)} inline texts a step made
    inline: dict = field(default_factory=dict)  # page -> [(kind, text)]: trusted inline texts found
    problems: tuple = ()  # problems.Problem
    refused: frozenset = frozenset()  # pages and files the verdict took out

    def read(self, path):
        """A file of the site as it will be published: added by a step, else in the folder."""
        if path in self.added:
            return self.added[path]
        return (self.folder / path).read_bytes()

    def exists(self, path):
        return path in self.added or (self.folder / path).is_file()

    def paths(self):
        """Every file of the site as it will be published (the folder's, then the added), by its
        path in the folder."""
        return list(dict.fromkeys([*files_in(self.folder), *self.added]))


STEPS = (
    aliases.keep_old_ids,
    share_pages.add_share_pages,
    redirects.write_redirects,
    sitemaps.write_language_sitemaps,
    previews.give_each_page_its_preview,
    last_changed.fill_in_the_day_each_page_last_changed,
    revisions.list_changes,
    languages.mark_languages,
    icon.put_back_the_icon,
    tidy.tidy_pages,
    critical_css.inline_critical_css,
    verdict.judge_pages,
    policy.write_policies,
)


def read_site(folder, source):
    folder = Path(folder)
    pages = {path: (folder / path).read_text(encoding="utf-8", errors="replace") for path in sorted(files_in(folder)) if path.endswith(".html")}
    return Site(folder=folder, source=source, pages=pages)


def files_in(folder):
    """Every file under `folder`, by its path in it (os.walk: a fraction of pathlib's rglob)."""
    for top, _, files in os.walk(folder):
        base = Path(top).relative_to(folder)
        yield from ((base / name).as_posix() for name in files)


def run(site, steps=STEPS):
    for step in steps:
        site = step(site)
    return site


def write_site(site, before):
    """Changed pages written, added files added, refused ones deleted."""
    for path, data in site.added.items():
        if path in site.refused:
            continue
        target = site.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path, html in site.pages.items():
        if before.get(path) != html:
            target = site.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
    for path in site.refused:
        (site.folder / path).unlink(missing_ok=True)


def finish(folder, source):
    """The whole pipeline over an output folder: the finished `Site` (its problems, if any)."""
    site = read_site(folder, source)
    done = run(site)
    write_site(done, site.pages)
    return done

