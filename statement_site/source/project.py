"""The whole project read once: its settings (mkdocs.yml over config/site.yml), every file under docs/ (each page
rendered and cut into parts) and published-anchors.yml's aliases and moved pages, with every
problem found on the way. `Source` is what the rest of the project is handed: read once a build, never again."""

import itertools
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .. import limits
from ..problems import Problem
from .files import CACHE, DOCS, GitTree, WorkTree, file_allowed
from .pages import read_page
from .published import AnchorLines, published_baseline, published_ids, read_anchors, unchanged_since
from .render import Renderer
from .settings import read_config


@dataclass(frozen=True)
class Source:
    """The model of the project: what each page says, as the site renders it."""

    root: Path  # the project (where mkdocs.yml is)
    config: object  # settings.Config
    pages: dict  # src -> pages.Page, in nav order, then the rest by name
    files: tuple  # every other file under docs/ that may be published (relative to docs/)
    aliases: tuple  # published.Alias
    problems: tuple  # Problem: what could not be read or is not allowed
    commit: str | None = None  # the commit read, for a GitTree
    moves: tuple = ()  # published.Move: pages gone, whose addresses lead to those that took their place
    anchor_lines: AnchorLines = AnchorLines({})  # where each page's entry is in published-anchors.yml

    @classmethod
    def read(cls, root, tree=None):
        """The project at `root`, from `tree` (a files.GitTree for a commit), else the working tree."""
        root = Path(root)
        return read_project(root, tree or WorkTree(root))

    def page(self, src):
        return self.pages.get(src)

    def cache(self, name):
        """The folder where builds keep what `name` makes ("cards", "critical-css")."""
        return self.root / CACHE / name

    def aliases_of(self, src):
        return {a.old: a.new for a in self.aliases if a.page == src}

    def moved_to(self, src):
        """The page a gone page's address leads to, following moves in turn; None if it did not move."""
        moves = self.moves_from
        seen = {src}
        while src in moves and moves[src] not in seen:
            src = moves[src]
            seen.add(src)
        return src if len(seen) > 1 and src in self.pages else None

    @cached_property
    def moves_from(self):
        """{a gone page: the page its `moved:` line names}."""
        return {move.old: move.new for move in self.moves}

    @cached_property
    def home(self):
        """The home page (the one at the site's address), or None when no page is."""
        return next((page for page in self.pages.values() if page.url == ""), None)

    @cached_property
    def page_by_dest(self):
        return {page.dest: page for page in self.pages.values()}

    @property
    def changes(self):
        """Every change note, newest first."""
        notes = [change for page in self.pages.values() for change in page.changes]
        return sorted(notes, key=lambda change: change.date, reverse=True)

    def published_ids(self):
        """{page: {id, ...}} that a link may end in (published.published_ids)."""
        return published_ids(self)


def read_project(root, tree):
    problems = []

    def report(file, line, message, fix=""):
        problems.append(Problem(file, line, message, fix))

    config = read_config(tree, report)
    # Pages render with the code's extensions: without them, what a page says is unknown.
    pages, files = read_docs(tree, config, report) if config.extensions is not None else ({}, [])
    aliases, moves, anchor_lines = read_anchors(tree, report)
    return Source(root, config, pages, tuple(files), tuple(aliases), tuple(sorted(set(problems))), tree.commit, tuple(moves), anchor_lines)


def read_docs(tree, config, report):
    """({src: Page} in the nav's order, then the rest by name; [other files])."""
    nav_titles = {entry.src: entry.title for entry in config.nav if entry.src}
    entries = list(itertools.islice(tree.entries(DOCS), limits.FILES + 1))
    if len(entries) > limits.FILES:
        report(DOCS, 1, f"docs/ holds more than {limits.FILES} files: the site is a statement, ask a developer")
        return {}, []
    markdown_files = [path for path, _, _ in entries if path.endswith(".md")]
    if len(markdown_files) > limits.PAGES:
        # Counted before any is read: the bound keeps the work of a build small.
        report(markdown_files[limits.PAGES], 1, f"more than {limits.PAGES} pages: split the site, or ask a developer")
        return {}, []
    pages, files, renderer = {}, [], Renderer(config)
    for path, kind, size in entries:
        relative = path.removeprefix(f"{DOCS}/")
        if not file_allowed(path, relative, kind, size, report):
            continue
        if not relative.endswith(".md"):
            files.append(relative)
            continue
        page = read_page(tree, path, relative, renderer, nav_titles.get(relative), report)
        if page is not None:
            pages[relative] = page
    order = [entry.src for entry in config.nav if entry.src in pages]
    ordered = {src: pages[src] for src in dict.fromkeys(order + sorted(pages))}
    return ordered, files


def read_published(root):
    """The model of what is published (the baseline commit's), or None: no history, or nothing
    under docs/ and published-anchors.yml changed since, so that nothing published can be gone."""
    base = published_baseline(root)
    if base is None or unchanged_since(root, base):
        return None
    return Source.read(root, GitTree(root, base))
