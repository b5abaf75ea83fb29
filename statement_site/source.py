"""The model of the site's source: the one place that reads `docs/`, the pages' front matter,
the nav in `mkdocs.yml` and `published-anchors.yml`, each with one parser, and validates them.

    source = Source.read(Path("."))                          # the working tree
    source = Source.read(root, GitTree(root, "origin/main"))  # the same, at a commit

A page is read as its Markdown renders: Python-Markdown with the extensions `mkdocs.yml` lists
(so the parts are what readers get, under MkDocs and Zensical alike), its tree cut into the parts
a reader sees and may link to: headings, paragraphs, list items, quotes, tables, images,
notices, footnotes and code. Each part knows the line an editor wrote it on, so that every
message names `file:line`. Whatever cannot be read becomes a `Problem`, never an exception: the
editor checks (checks.py) report them with the rest.

Everything else asks this model: the checks, the Markdown extension that adds share controls
and aliases, the post-build steps (share pages, languages, revisions), the redline and the tests.
"""

from __future__ import annotations

import copy
import html
import itertools
import os
import re
import stat
import subprocess
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

import markdown
import pathspec
import strictyaml
import yaml
from yaml_env_tag import construct_env_tag

from . import limits

CONFIG_FILE = "mkdocs.yml"
ANCHORS_FILE = "published-anchors.yml"
DOCS = "docs"
SHARE_FOLDER = "s"  # share addresses: s/<id>/, s/<page>/<id>/ (steps/share_pages.py)
# Beside mkdocs.yml: what builds keep by the digest of all it depends on (cards, critical CSS),
# each in a folder of its own; Zensical keeps its own cache there too.
CACHE = ".cache"
# Addresses the build writes itself: a page or folder of docs/ there would be overwritten.
GENERATED = {SHARE_FOLDER: "the share addresses", "404.md": "the page for broken links", "sitemap.xml": "the sitemap"}
OWN_EXTENSIONS = ("statement_site.markdown.share", "statement_site.markdown.safety")

# -- Files under docs/ ------------------------------------------------------------------------

# Extension -> (what it is for, the folder it must be in or None for anywhere, the size bound).
FILE_TYPES = {
    ".md": ("pages", None, limits.PAGE_BYTES),
    ".png": ("images", None, limits.IMAGE_BYTES),
    ".jpg": ("images", None, limits.IMAGE_BYTES),
    ".jpeg": ("images", None, limits.IMAGE_BYTES),
    ".webp": ("images", None, limits.IMAGE_BYTES),
    ".gif": ("images", None, limits.IMAGE_BYTES),
    ".svg": ("images drawn as SVG (checked: no script, no outside reference)", None, limits.SVG_BYTES),
    ".pdf": ("documents to download (checked: no script, action or embedded file)", None, limits.PDF_BYTES),
    ".css": ("the site's own styles", "stylesheets", limits.PAGE_BYTES),
    ".js": ("the site's own scripts, reviewed by developers", "javascripts", limits.PAGE_BYTES),
}
IMAGE_TYPES = {suffix for suffix, (what, _, _) in FILE_TYPES.items() if what.startswith("images")}
NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

# -- IDs ----------------------------------------------------------------------------------------

ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
# Invisible or direction-changing characters: they make text read otherwise than it shows.
INVISIBLE = {0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0}
INVISIBLE |= set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2060, 0x2070))
INVISIBLE |= set(range(0xFE00, 0xFE10)) | set(range(0xE0000, 0xE0080))


def is_id(text):
    """An ID a link may end in: ASCII lowercase letters, digits and inner hyphens, bounded."""
    return (
        0 < len(text) <= limits.ID_LENGTH
        and set(text) <= ID_CHARACTERS
        and not text.startswith("-")
        and not text.endswith("-")
    )


def slug(text, words=3):
    """A short ID from the first words of a text: 'Congress must reject…' -> 'congress-must-reject'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    found = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(found[:words])[: limits.ID_LENGTH].strip("-") or "part"


def squeeze(text):
    """Ordinary white space folded, the statement's non-breaking spaces kept."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")


# -- Results ------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Problem:
    """Something an editor must fix, where they can fix it."""

    file: str  # relative to the project root: "docs/index.md"
    line: int
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.message}"


# A part's kind -> what an editor calls it, and how they give it an ID (None: it takes none).
KINDS = {
    "heading": ("section heading", "write it at the end of the heading's line: '{marker} {text} {{#{id}}}'"),
    "paragraph": ("paragraph", "add a line '{{#{id}}}' right under it"),
    "item": ("list item", "add a line '{indent}{{#{id}}}' right under it, indented like its text"),
    "quote": ("quotation", "add a line '> {{#{id}}}' right under it"),
    "image": ("image", "add a line '{{#{id}}}' right under the image's line"),
    "table": ("table", None),
    "notice": ("notice", None),
    "footnote": ("footnote", None),
    "code": ("code block", None),
}
# What a reader may link to and share, when an editor gave it an ID.
SHAREABLE = {"heading", "paragraph", "item", "quote", "image"}


@dataclass(frozen=True)
class Part:
    """One block of a page as a reader sees it."""

    kind: str  # a key of KINDS
    id: str | None  # the element's ID in the built page
    explicit: bool  # the ID was written by an editor ({#id}), not made by the build (slugs, footnotes)
    text: str  # the words a reader sees; an image reads as "[image: its alt text]"
    line: int  # where the part starts in the Markdown file
    id_line: int | None  # where its {#id} is written
    section: str  # the text of the heading it comes under ("" before the first)
    level: int = 0  # a heading's rank (1-6)
    container: str | None = None  # "notice", "quote", "item" or "footnote" it sits in
    within: tuple = ()  # every one it sits in, outermost first
    images: tuple = ()  # (alt, src) of each image in it
    classes: tuple = ()
    indent: str = ""  # a list item's text indentation in the source

    @property
    def name(self):
        return KINDS[self.kind][0]

    @property
    def shareable(self):
        return self.explicit and self.kind in SHAREABLE and not (self.kind == "heading" and self.level == 1)

    def how_to_give_an_id(self, ident):
        how = KINDS[self.kind][1]
        marker = "#" * self.level
        return how and how.format(marker=marker, text=self.text, id=ident, indent=self.indent)


@dataclass(frozen=True)
class Change:
    """A note for readers about a change, from a page's front matter (`changes:`)."""

    date: str  # YYYY-MM-DD
    note: str
    page: str  # the page's source, "index.md"
    line: int


@dataclass(frozen=True)
class Link:
    href: str
    line: int
    image: bool


@dataclass(frozen=True)
class Page:
    src: str  # relative to docs/: "index.md", "es/index.md"
    file: str  # relative to the project root: "docs/index.md"
    markdown: str  # the whole file, front matter included
    body_line: int  # the line the Markdown after the front matter starts on
    meta: dict  # front matter, validated: title, description, lang, changes
    meta_lines: dict  # front matter key -> line
    parts: tuple = ()
    links: tuple = ()
    nav_title: str | None = None

    @property
    def url(self):
        """Its address relative to the site (directory URLs): "", "privacy/", "es/"."""
        return page_url(self.src)

    @property
    def dest(self):
        """Where the generators write it: "index.html", "privacy/index.html"."""
        return f"{self.url}index.html"

    @property
    def title(self):
        """As the theme shows it: front matter, else the nav's, else the first heading."""
        h1 = next((p.text for p in self.parts if p.kind == "heading" and p.level == 1), None)
        return self.meta.get("title") or h1 or self.nav_title or PurePosixPath(self.src).stem

    @property
    def lang(self):
        return self.meta.get("lang")

    @property
    def description(self):
        """Front matter, else its first paragraph (a deck under the title counts)."""
        first = next((p.text for p in self.parts if p.kind == "paragraph" and p.container is None), "")
        return self.meta.get("description") or first

    @property
    def shared(self):
        """A page whose parts carry IDs: every part needs one, and each gets a share address."""
        return any(part.shareable for part in self.parts)

    @property
    def ids(self):
        """{id: part} of every ID the page gives (generated ones included)."""
        return {part.id: part for part in self.parts if part.id}

    def share_path(self, ident):
        return share_path(self.src, ident)

    @property
    def changes(self):
        return tuple(Change(c["date"], c["note"], self.src, c["line"]) for c in self.meta.get("changes", ()))


@dataclass(frozen=True)
class NavEntry:
    title: str
    src: str | None  # a page of docs/, or None for a link elsewhere
    line: int


@dataclass(frozen=True)
class Config:
    """What the site's configuration says that the model and the steps need."""

    site_name: str = ""
    site_url: str = ""
    site_description: str = ""
    repo_url: str = ""
    language: str = "en"
    nav: tuple = ()  # NavEntry
    not_in_nav: str = ""  # gitignore-like lines, as MkDocs reads them
    extensions: tuple = ()  # (name, options) in the order mkdocs.yml lists them
    extra: dict = field(default_factory=dict)
    favicon: str = ""
    line_of: dict = field(default_factory=dict)  # top-level key -> line
    read: bool = True  # False when mkdocs.yml could not be read: what it would say is unknown

    @property
    def alternates(self):
        """The theme's language switch (`extra.alternate`): [{name, link, lang}]."""
        entries = self.extra.get("alternate")
        return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []

    def out_of_nav(self, src):
        """Whether a page is kept out of the nav on purpose (`not_in_nav`)."""
        return pathspec.PathSpec.from_lines("gitignore", self.not_in_nav.splitlines()).match_file(src)

    @property
    def site_path(self):
        """The site's path on its host: "/ceasefire-statement/"."""
        match = re.match(r"^[a-z]+://[^/]+(/.*)?$", self.site_url)
        return (match.group(1) or "/") if match else "/"


@dataclass(frozen=True)
class Alias:
    old: str
    new: str
    page: str
    line: int


@dataclass(frozen=True)
class Source:
    root: Path
    config: Config
    pages: dict  # src -> Page, in nav order, then the rest by name
    files: tuple  # every other file under docs/ (relative to docs/)
    aliases: tuple  # Alias
    problems: tuple  # Problem: what could not be read or is not allowed
    commit: str | None = None  # the commit read, for a GitTree

    @classmethod
    def read(cls, root, tree=None):
        root = Path(root)
        return Reader(root, tree or WorkTree(root)).read()

    def page(self, src):
        return self.pages.get(src)

    def cache(self, name):
        """The folder where builds keep what `name` makes ("cards", "critical-css")."""
        return self.root / CACHE / name

    def aliases_of(self, src):
        return {a.old: a.new for a in self.aliases if a.page == src}

    @cached_property
    def page_by_dest(self):
        return {page.dest: page for page in self.pages.values()}

    @property
    def changes(self):
        """Every change note, newest first."""
        notes = [change for page in self.pages.values() for change in page.changes]
        return sorted(notes, key=lambda change: change.date, reverse=True)

    def published(self):
        """{page: {id, ...}} that a link may end in: explicit IDs and aliases' old IDs."""
        found = {}
        for page in self.pages.values():
            found[page.src] = {part.id for part in page.parts if part.explicit and part.id}
        for alias in self.aliases:
            found.setdefault(alias.page, set()).add(alias.old)
        return found


def page_url(src):
    """A page's address relative to the site (directory URLs): "", "privacy/", "es/"."""
    stem = PurePosixPath(src).with_suffix("")
    if stem.name in ("index", "README"):
        stem = stem.parent
    return "" if str(stem) == "." else f"{stem.as_posix()}/"


def share_path(src, ident):
    """Where a part's share page lives: "s/<id>/" on the home page, "s/<page>/<id>/" on others."""
    return f"{SHARE_FOLDER}/{page_url(src)}{ident}/"


def read_aliases(root):
    """The aliases of published-anchors.yml alone, for the share extension (its problems are the
    checks' to report)."""
    return Reader(Path(root), WorkTree(root)).read_anchors_file()


# -- Where files come from: the working tree, or a commit ----------------------------------------


class WorkTree:
    """Files of the working tree. `entries` yields (path under root, kind, size): kind is "file",
    "link" (a symbolic link, never followed) or "other" (a socket, a device, a FIFO)."""

    def __init__(self, root):
        self.root = Path(root)

    def entries(self, folder):
        base = self.root / folder
        if not base.is_dir() or base.is_symlink():
            return
        for directory, folders, names in os.walk(base, followlinks=False):
            folders.sort()
            for name in sorted(names) + [f for f in folders if (Path(directory) / f).is_symlink()]:
                path = Path(directory) / name
                info = path.lstat()
                kind = "link" if stat.S_ISLNK(info.st_mode) else "file" if stat.S_ISREG(info.st_mode) else "other"
                yield path.relative_to(self.root).as_posix(), kind, info.st_size

    def read_bytes(self, path):
        return (self.root / path).read_bytes()

    def exists(self, path):
        return (self.root / path).is_file()

    commit = None


class GitTree:
    """Files at a commit, read with git alone: the published state a change is compared with."""

    def __init__(self, root, commit):
        self.root = Path(root)
        self.commit = commit
        self.blobs = {}  # path -> (kind, size, sha)
        listing = git(root, "ls-tree", "-r", "-l", "--full-tree", "-z", commit)
        for entry in filter(None, (listing or "").split("\0")):
            info, path = entry.split("\t", 1)
            mode, _, sha, size = info.split()
            kind = "file" if mode in ("100644", "100755") else "link" if mode == "120000" else "other"
            self.blobs[path] = (kind, int(size) if size.isdigit() else 0, sha)

    def entries(self, folder):
        prefix = folder.rstrip("/") + "/"
        for path in sorted(self.blobs):
            if path.startswith(prefix):
                yield path, self.blobs[path][0], self.blobs[path][1]

    def read_bytes(self, path):
        result = subprocess.run(
            ["git", "cat-file", "blob", self.blobs[path][2]], cwd=self.root, capture_output=True, timeout=30
        )
        return result.stdout

    def exists(self, path):
        return path in self.blobs


def git(root, *args):
    """What a git command prints, or None (no git, not a repository, an unknown commit)."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    # A file name may be any bytes: kept, as escapes, for the checks to name.
    return result.stdout.decode("utf-8", "surrogateescape") if result.returncode == 0 else None


def unchanged_since(root, commit):
    """Whether docs/ and published-anchors.yml in the working tree are as they were at `commit`."""
    try:
        result = subprocess.run(["git", "diff", "--quiet", commit, "--", DOCS, ANCHORS_FILE], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def published_baseline(root):
    """The commit whose pages are published: `$PUBLISHED_BASE` (CI sets the pull request's base),
    else where this branch left `origin/main` or `main`; None without git history."""
    root = Path(root)
    if base := os.environ.get("PUBLISHED_BASE"):
        return base if git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") else None
    for ref in ("origin/main", "main"):
        merge_base = git(root, "merge-base", "HEAD", ref)
        if merge_base:
            return merge_base.strip()
    head = git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return head.strip() if head else None


# -- Reading --------------------------------------------------------------------------------------


class Reader:
    """Reads a project once; `problems` collects what cannot be read or is not allowed."""

    def __init__(self, root, tree):
        self.root, self.tree = root, tree
        self.problems = []

    def problem(self, file, line, message):
        self.problems.append(Problem(file, line, message))

    def read(self):
        config = self.read_config()
        pages, files = self.read_docs(config)
        aliases = self.read_anchors_file()
        return Source(
            root=self.root,
            config=config,
            pages=pages,
            files=tuple(files),
            aliases=tuple(aliases),
            problems=tuple(sorted(set(self.problems))),
            commit=self.tree.commit,
        )

    # mkdocs.yml, as the generators read it (PyYAML, with MkDocs' `!ENV` tag) ----------------

    def read_config(self):
        if not self.tree.exists(CONFIG_FILE):
            self.problem(CONFIG_FILE, 1, "the site's configuration is missing")
            return Config(read=False)
        text = self.decode(CONFIG_FILE, self.tree.read_bytes(CONFIG_FILE), limits.PAGE_BYTES)
        if text is None:
            return Config(read=False)
        try:
            node = yaml.compose(text, Loader=ConfigLoader)
            data = ConfigLoader(text).construct_document(node) if node else {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            hint = YAML_HINTS.get(problem, "")
            self.problem(CONFIG_FILE, mark.line + 1 if mark else 1, f"this file is not valid YAML: {problem}{hint}")
            return Config(read=False)
        if not isinstance(data, dict):
            self.problem(CONFIG_FILE, 1, "the configuration must be `key: value` lines")
            return Config(read=False)
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node else {}
        nav_node = next((value for key, value in node.value if key.value == "nav"), None) if node else None
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        extensions = []
        for entry in data.get("markdown_extensions") or []:
            if isinstance(entry, str):
                extensions.append((entry, {}))
            elif isinstance(entry, dict) and len(entry) == 1:
                name, options = next(iter(entry.items()))
                extensions.append((name, options or {}))
        return Config(
            site_name=str(data.get("site_name") or ""),
            site_url=str(data.get("site_url") or ""),
            site_description=" ".join(str(data.get("site_description") or "").split()),
            repo_url=str(data.get("repo_url") or ""),
            language=str(theme.get("language") or "en"),
            nav=tuple(self.read_nav(nav_node)),
            not_in_nav=str(data.get("not_in_nav") or ""),
            extensions=tuple(extensions),
            extra=data.get("extra") if isinstance(data.get("extra"), dict) else {},
            favicon=str(theme.get("favicon") or ""),
            line_of=lines,
        )

    def read_nav(self, node):
        """The nav's entries, nested sections flattened, each with its line in mkdocs.yml."""
        if node is None:
            return
        if not isinstance(node, yaml.SequenceNode):
            self.problem(CONFIG_FILE, node.start_mark.line + 1, "nav: is a list of '- Title: page.md' lines")
            return
        if len(node.value) > limits.NAV_ENTRIES:
            line = node.value[limits.NAV_ENTRIES].start_mark.line + 1
            self.problem(
                CONFIG_FILE,
                line,
                f"more than {limits.NAV_ENTRIES} entries in one list of the nav: group the pages in sections "
                "('- Section:' with the pages' lines under it, indented)",
            )
        for item in node.value:
            line = item.start_mark.line + 1
            if isinstance(item, yaml.ScalarNode):
                yield NavEntry(item.value, item.value, line)
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key, value = item.value[0]
                if isinstance(value, yaml.SequenceNode):
                    yield from self.read_nav(value)
                elif isinstance(value, yaml.ScalarNode):
                    is_link = re.match(r"^[a-z]+:", value.value) is not None
                    yield NavEntry(str(key.value), None if is_link else value.value, line)
                else:
                    self.problem(CONFIG_FILE, line, "a nav entry is '- Title: page.md'")
            else:
                self.problem(CONFIG_FILE, line, "a nav entry is '- Title: page.md'")

    # published-anchors.yml: aliases, read strictly -------------------------------------------

    def read_anchors_file(self):
        if not self.tree.exists(ANCHORS_FILE):
            return []
        data = self.tree.read_bytes(ANCHORS_FILE)
        text = self.decode(ANCHORS_FILE, data, limits.ANCHORS_FILE_BYTES)
        if text is None:
            return []
        root = read_strict_yaml(text, ANCHORS_SCHEMA, ANCHORS_FILE, self.problem)
        if root is None:
            return []
        aliases = []
        for page, entry in mapping_items(root):
            page_line = page.start_line
            if "anchors" in entry:
                self.problem(
                    ANCHORS_FILE,
                    entry["anchors"].start_line,
                    "'anchors:' is no longer needed: the build keeps the list of published IDs itself. "
                    "Delete the 'anchors:' line and the '- id' lines under it; keep 'aliases:'.",
                )
            if not is_page_name(page.data):
                self.problem(ANCHORS_FILE, page_line, f"{page.data!r} is not a page of docs/ (such as index.md)")
                continue
            for old, new in mapping_items(entry["aliases"] if "aliases" in entry else None):
                aliases.append(Alias(old.data, new.data, page.data, old.start_line))
        return aliases

    # docs/ ---------------------------------------------------------------------------------------

    def read_docs(self, config):
        nav_titles = {entry.src: entry.title for entry in config.nav if entry.src}
        entries = list(itertools.islice(self.tree.entries(DOCS), limits.FILES + 1))
        if len(entries) > limits.FILES:
            self.problem(DOCS, 1, f"docs/ holds more than {limits.FILES} files: the site is a statement, ask a developer")
            return {}, []
        markdown_files = [path for path, _, _ in entries if path.endswith(".md")]
        if len(markdown_files) > limits.PAGES:
            # Counted before any is read: the bound keeps the work of a build small.
            self.problem(markdown_files[limits.PAGES], 1, f"more than {limits.PAGES} pages: split the site, or ask a developer")
            return {}, []
        pages, files = {}, []
        for path, kind, size in entries:
            relative = path.removeprefix(f"{DOCS}/")
            if not self.file_allowed(path, relative, kind, size):
                continue
            if not relative.endswith(".md"):
                files.append(relative)
                continue
            page = self.read_page(path, relative, config, nav_titles.get(relative))
            if page is not None:
                pages[relative] = page
        order = [entry.src for entry in config.nav if entry.src in pages]
        ordered = {src: pages[src] for src in dict.fromkeys(order + sorted(pages))}
        return ordered, files

    def file_allowed(self, path, relative, kind, size):
        """One message for a file that may not be published at all."""
        if kind == "link":
            self.problem(path, 1, "a symbolic link is never published (it can point outside the project): copy the file itself here")
            return False
        if kind != "file":
            self.problem(path, 1, "only ordinary files are published")
            return False
        parts = PurePosixPath(relative).parts
        name_problem = file_name_problem(parts)
        if name_problem:
            self.problem(path, 1, name_problem)
            return False
        address = page_url(relative).split("/")[0] if relative.endswith(".md") else parts[0]
        taken = next((name for name in (parts[0], address, relative) if name in GENERATED), None)
        if taken:
            self.problem(path, 1, f"the site writes {GENERATED[taken]} at this address itself: choose another name")
            return False
        suffix = PurePosixPath(relative).suffix.lower()
        if suffix not in FILE_TYPES:
            accepted = "; ".join(f"{s} ({what})" for s, (what, _, _) in FILE_TYPES.items() if s not in (".css", ".js"))
            self.problem(
                path,
                1,
                f"a {suffix or 'extension-less'} file is not published. The site takes {accepted}. "
                "For a document, save it as PDF; for anything else, link to where it lives",
            )
            return False
        what, folder, bound = FILE_TYPES[suffix]
        if folder and (len(parts) != 2 or parts[0] != folder):
            self.problem(path, 1, f"{suffix} files belong in docs/{folder}/ ({what})")
            return False
        if size > bound:
            self.problem(path, 1, size_message(size, bound, suffix))
            return False
        return True

    def decode(self, path, data, bound):
        """The text of a file, or None after a problem: too big, not UTF-8, control characters."""
        if len(data) > bound:
            self.problem(path, 1, size_message(len(data), bound, PurePosixPath(path).suffix))
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.problem(
                path, line, f"this line is not valid UTF-8 (byte {data[error.start]:#04x}): save the file as UTF-8"
            )
            return None
        text = text.removeprefix("\ufeff")
        bad = [(n, c) for n, line in enumerate(text.split("\n"), 1) for c in line[:limits.LINE_CHARACTERS] if is_control(c)]
        for number, char in bad[:3]:
            self.problem(path, number, f"the control character U+{ord(char):04X} is invisible and not allowed: delete it")
        return None if bad else text.replace("\r\n", "\n")

    def read_page(self, path, src, config, nav_title):
        text = self.decode(path, self.tree.read_bytes(path), limits.PAGE_BYTES)
        if text is None:
            return None
        lines = text.split("\n")
        if self.shape_problems(path, lines):
            return None
        meta, meta_lines, body_line = self.read_front_matter(path, lines)
        body = "\n".join(lines[body_line - 1 :])
        tree, written, safety_problems = render(body, config)
        after = {}  # the same text refused twice is on two lines
        for line_text, message in safety_problems:
            line = locate_text(lines, line_text, after.get(line_text, body_line - 1) + 1)
            after[line_text] = line
            self.problem(path, line, message)
        parts, links = cut_into_parts(tree, written, lines, body_line)
        return Page(src, path, text, body_line, meta, meta_lines, tuple(parts), tuple(links), nav_title)

    def shape_problems(self, path, lines):
        """Bounds that keep Python-Markdown's work small on any input: long blocks and runs of
        brackets (its inline patterns are quadratic on them), deep nesting, long lines."""
        found = False
        block_start, block_size, brackets = 1, 0, 0
        for number, line in enumerate(lines, 1):
            if len(line) > limits.LINE_CHARACTERS:
                self.problem(path, number, f"this line has more than {limits.LINE_CHARACTERS:,} characters: split it")
                return True
            if not line.strip():
                block_start, block_size, brackets = number + 1, 0, 0
                continue
            block_size += len(line) + 1
            brackets += line.count("[") + line.count("<") + line.count("`")
            if block_size > limits.BLOCK_CHARACTERS or brackets > limits.BLOCK_BRACKETS:
                size = (
                    f"more than {limits.BLOCK_CHARACTERS:,} characters"
                    if block_size > limits.BLOCK_CHARACTERS
                    else f"more than {limits.BLOCK_BRACKETS} [, < or `"
                )
                self.problem(path, block_start, f"this paragraph or block has {size}: split it with blank lines")
                found = True
                block_start, block_size, brackets = number + 1, -(10**12), 0  # one message per block
                continue
            stripped = line.lstrip(" \t")
            indent = len(line) - len(stripped) + line[: len(line) - len(stripped)].count("\t") * 3
            if indent > limits.INDENT or leading_markers(line) > limits.NESTING:
                self.problem(path, number, f"the list or quote is nested too deep (more than {limits.NESTING} levels): flatten it")
                found = True
        return found

    def read_front_matter(self, path, lines):
        """(values, their lines, the line the body starts on)."""
        if not lines or lines[0].rstrip() != "---":
            return {}, {}, 1
        end = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
        if end is None:
            self.problem(path, 1, "the front matter opened here is never closed: end it with a line '---'")
            return {}, {}, 1
        text = "\n".join(lines[1:end])
        root = read_strict_yaml(text, FRONT_MATTER_SCHEMA, path, self.problem, first_line=2)
        if root is None:
            return {}, {}, end + 2
        meta, meta_lines = {}, {}
        for key, value in mapping_items(root):
            meta_lines[key.data] = key.start_line + 1
            if key.data == "changes":
                meta["changes"] = [{**item.data, "line": item.start_line + 1} for item in value]
            else:
                meta[key.data] = value.data
                if surprise := yaml_surprise(lines[key.start_line], value.data):
                    self.problem(path, key.start_line + 1, f"{key.data}: {surprise}")
        return meta, meta_lines, end + 2


# What an editor most likely did, by what PyYAML says.
YAML_HINTS = {
    "mapping values are not allowed here": ": a title with ': ' in it is written in quotes, "
    "'  - \"Press: 3 December\": press.md'",
}


class ConfigLoader(yaml.SafeLoader):
    """PyYAML as MkDocs and Zensical read mkdocs.yml, with their `!ENV` tag."""


ConfigLoader.add_constructor("!ENV", construct_env_tag)


# -- Strict YAML: published-anchors.yml and front matter -----------------------------------------

ID = strictyaml.Regex(r"[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?")
ANCHORS_SCHEMA = strictyaml.EmptyDict() | strictyaml.MapPattern(
    strictyaml.Str(),
    strictyaml.EmptyDict()
    | strictyaml.Map(
        {
            strictyaml.Optional("aliases"): strictyaml.EmptyDict() | strictyaml.MapPattern(ID, ID),
            # The list kept by hand before the build kept it: reported, so that it goes.
            strictyaml.Optional("anchors"): strictyaml.EmptyList() | strictyaml.Seq(strictyaml.Str()),
        }
    ),
)
DATE = strictyaml.Regex(r"20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
TEXT = strictyaml.Regex(rf"[^<>]{{1,{limits.META_CHARACTERS}}}")
FRONT_MATTER_SCHEMA = strictyaml.EmptyDict() | strictyaml.Map(
    {
        strictyaml.Optional("title"): TEXT,
        strictyaml.Optional("description"): TEXT,
        strictyaml.Optional("lang"): strictyaml.Regex(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}"),
        strictyaml.Optional("changes"): strictyaml.Seq(strictyaml.Map({"date": DATE, "note": TEXT})),
    }
)
FRONT_MATTER_KEYS = {
    "title": "the page's title (tab, navigation, preview cards)",
    "description": "the text of its preview card",
    "lang": "its language, a tag such as en, es or en-US",
    "changes": "notes for readers on the Revisions page: '- date: 2026-12-01' and '  note: …' lines",
}


def read_strict_yaml(text, schema, path, problem, first_line=1):
    """The validated document, or None after one problem naming the line and what to write."""
    offset = first_line - 1
    try:
        return strictyaml.load(text, schema, label=path)
    except strictyaml.YAMLValidationError as error:
        line = (error.problem_mark.line if error.problem_mark else 0) + 1 + offset
        problem(path, line, explain_validation(error, path))
    except strictyaml.exceptions.DuplicateKeysDisallowed as error:
        line = error.problem_mark.line + 1 + offset
        key = re.search(r"Duplicate key '([^']*)'", str(error))
        problem(path, line, f"the key {key.group(1) if key else ''!r} is written twice: keep one")
    except strictyaml.exceptions.FlowMappingDisallowed as error:
        line = error.problem_mark.line + 1 + offset
        problem(
            path,
            line,
            "'{}' or '[]' says that the value is empty, so lines under it cannot be read: delete the braces "
            "and keep each entry on its own line, indented two more spaces",
        )
    except strictyaml.exceptions.AnchorTokenDisallowed as error:
        problem(path, error.problem_mark.line + 1 + offset, "YAML anchors and aliases (&name, *name) are not used here: write each value out")
    except strictyaml.exceptions.TagTokenDisallowed as error:
        problem(path, error.problem_mark.line + 1 + offset, "YAML tags (!name) are not used here: write plain text")
    except strictyaml.exceptions.InconsistentIndentationDisallowed as error:
        problem(path, error.problem_mark.line + 1 + offset, "the lines are indented unevenly: indent each level by two spaces")
    except (strictyaml.StrictYAMLError, strictyaml.ruamel.error.YAMLError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        what = squeeze(str(getattr(error, "problem", None) or "it cannot be read"))
        if "'\\t'" in str(error):
            what = "a tab character: indent with spaces"
        problem(path, (mark.line + 1 if mark else 1) + offset, f"this is not valid YAML ({what}): indent with two spaces, one entry per line")
    return None


def explain_validation(error, path):
    found = squeeze(error.problem or "")
    expected = squeeze(error.context or "")
    if path.endswith(ANCHORS_FILE) or path == ANCHORS_FILE:
        if "matching" in expected:
            return (
                "an alias is written 'old-id: new-id', each an ID: lowercase letters a-z, digits and hyphens, "
                "at most 64 characters"
            )
        if "unexpected key" in found:
            return f"{found.replace('unexpected key not in schema', 'the key')} is not used here: each page has only 'aliases:'"
        return (
            "this file is written 'page.md:', then 'aliases:' indented two spaces, then 'old-id: new-id' "
            f"lines indented four ({found}, {expected})"
        )
    if "unexpected key" in found:
        key = found.split("'")[1] if "'" in found else found
        accepted = "; ".join(f"{name}: {why}" for name, why in FRONT_MATTER_KEYS.items())
        return f"the front matter key {key!r} is not used by the site (accepted: {accepted})"
    if "[^<>]" in expected:
        return f"this value is one line of plain text, without < or >, at most {limits.META_CHARACTERS} characters"
    if "[a-z]{2,3}" in expected:
        return "lang: is a language tag such as en, es or en-US"
    if "20[0-9]{2}" in expected:
        return "a change's date is written YYYY-MM-DD, such as 2026-12-01"
    if "when expecting a mapping" in expected and "sequence" in found:
        return "the front matter is 'key: value' lines"
    return f"the front matter cannot be read ({found}, {expected}): write 'key: value' lines"


def yaml_surprise(line, value):
    """Why the generators' YAML (PyYAML) would read an unquoted value as something other than
    its text (`yes`, `12`, `2026-12-01`), or None."""
    written = line.split(":", 1)[1].strip() if ":" in line else ""
    if not written or written[0] in "'\"|>":
        return None
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return None
    kind = tag.rsplit(":", 1)[-1]
    return f"the site would read {value!r} as a {kind}, not as text: put it in quotes ('{value}')"


def mapping_items(node):
    """A strictyaml mapping's (key, value) nodes; none for an empty one (`aliases:` alone)."""
    return node.items() if node is not None and node.is_mapping() else ()


# -- Names, sizes, characters -------------------------------------------------------------------


def file_name_problem(parts):
    """Why a path under docs/ cannot be an address, or None."""
    if len(parts) > limits.PATH_DEPTH:
        return f"folders nested more than {limits.PATH_DEPTH} deep: move it up"
    for part in parts:
        if part != unicodedata.normalize("NFC", part) or not set(part) <= NAME_CHARACTERS or part.startswith((".", "-")):
            suggestion = slug(PurePosixPath(part).stem, words=8) + PurePosixPath(part).suffix.lower()
            shown = part.encode("unicode_escape").decode() if not part.isprintable() else part
            return (
                f"the name {shown!r} has characters an address cannot hold as they are: use letters a-z, "
                f"digits and hyphens, such as {suggestion!r}"
            )
        if len(part) > limits.NAME_CHARACTERS:
            return f"the name {part[:40]!r}… is longer than {limits.NAME_CHARACTERS} characters: shorten it"
    return None


def is_page_name(name):
    return name.endswith(".md") and file_name_problem(PurePosixPath(name).parts) is None


def size_message(size, bound, suffix):
    unit = (lambda n: f"{n / 1_000_000:.1f} MB") if bound >= 1_000_000 else (lambda n: f"{n / 1000:.0f} KB")
    if suffix in IMAGE_TYPES:
        return (
            f"the image is {unit(size)}, too heavy for readers on phones (at most {unit(bound)}): save it smaller "
            "(1600 pixels wide, as JPEG or WebP, is plenty) and replace the file"
        )
    if suffix == ".md":
        return f"the file is {size:,} bytes, more than {bound:,}: split it into pages"
    return f"the file is {unit(size)}, more than {unit(bound)}: make it smaller"


def is_control(char):
    code = ord(char)
    return (code < 0x20 and char not in "\t\r") or 0x7F <= code < 0xA0 or code in (0x2028, 0x2029, 0x85)


def leading_markers(line):
    """How many list or quote markers open a line (`> > - 1. x` has 4), counted without regex."""
    count = 0
    for word in line.replace(">", " > ").split():
        if word in (">", "-", "*", "+") or (word.endswith((".", ")")) and word[:-1].isdigit() and len(word) < 11):
            count += 1
        else:
            break
    return count


# -- Rendering: the page's Markdown as the site renders it ---------------------------------------


def render(body, config):
    """The page's tree after every treeprocessor, and what content safety refused: (text, why)."""
    refused, captured = [], []
    names, options = [], {}
    for name, config_options in config.extensions or DEFAULT_EXTENSIONS:
        if name in OWN_EXTENSIONS:
            continue
        names.append(name)
        options[name] = config_options
    # The extensions import this module: imported when first used.
    from .markdown.safety import ContentSafetyExtension
    from .markdown.share import written_ids

    extensions = [*names, ContentSafetyExtension(on_refusal=lambda text, why: refused.append((text, why)))]
    md = markdown.Markdown(extensions=[*extensions, Capture(captured, written_ids)], extension_configs=options)
    md.convert(body)
    root, written, stash = captured if captured else (etree.Element("div"), set(), [])
    return resolved(root, stash), written, refused


# What Zensical adds whatever mkdocs.yml says, and what a project without mkdocs.yml gets.
DEFAULT_EXTENSIONS = (("toc", {}), ("tables", {}), ("attr_list", {}))


class Capture(markdown.Extension):
    """Keeps the IDs editors wrote (where markdown/share.py notes them), a copy of the finished
    tree and what Python-Markdown set aside in it (entities, code blocks): `found` becomes
    [tree, written IDs, stash]."""

    def __init__(self, found, written_ids):
        super().__init__()
        self.found, self.written_ids = found, written_ids

    def extendMarkdown(self, md):
        found, written_ids, written = self.found, self.written_ids, set()

        class Written(markdown.treeprocessors.Treeprocessor):
            def run(self, root):
                written.update(written_ids(root))

        class Keep(markdown.treeprocessors.Treeprocessor):
            def run(self, root):
                found[:] = [copy.deepcopy(root), written, list(self.md.htmlStash.rawHtmlBlocks)]

        md.treeprocessors.register(Written(md), "statement_site_written_ids", 6)
        md.treeprocessors.register(Keep(md), "statement_site_capture", -100)


def resolved(root, stash):
    """The tree with what Python-Markdown set aside put back: an entity as the character it is,
    a block set aside whole (a code block) as a <pre> of its text. Text stays as the tree holds
    it, with entities unresolved (`visible_text` reads it as a browser does)."""

    def text_of(match):
        index = int(match.group(1))
        return strip_tags(stash[index]) if index < len(stash) else ""

    for element in root.iter():
        whole = STASHED.fullmatch(element.text or "")
        if element.tag == "p" and whole and len(element) == 0 and stash[int(whole.group(1))].lstrip().startswith("<"):
            element.tag, element.attrib = "pre", {}
        element.text = STASHED.sub(text_of, element.text) if element.text else element.text
        element.tail = STASHED.sub(text_of, element.tail) if element.tail else element.tail
    return root


def strip_tags(raw):
    return re.sub(r"<[^>]*>", "", raw)


# -- The tree cut into parts ---------------------------------------------------------------------

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Python-Markdown's placeholders until its postprocessors run: what it set aside (entities,
# code blocks), and others (the footnotes' way back).
STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
PLACEHOLDER = re.compile("\x02(?!amp\x03)[^\x02\x03]*\x03")  # not `&`'s: as_read restores it


def cut_into_parts(root, written, lines, body_line):
    """(parts, links) of a rendered page, in order, each with its line in the Markdown file."""
    parts, links, locator = [], [], Locator(lines, body_line)
    section = ""

    def add(kind, element, within, **extra):
        container = within[-1] if within else None
        nonlocal section
        text = visible_text(element)
        if kind == "heading" and container is None:
            section = text
        explicit = element.get("id") in written
        line = locator.line_of(kind, element, text)
        part = Part(
            kind=kind,
            id=element.get("id"),
            explicit=explicit,
            text=text,
            line=line,
            id_line=locator.id_line(element.get("id"), line) if explicit else None,
            section=section,
            container=container,
            within=within,
            images=tuple((img.get("alt", ""), img.get("src", "")) for img in element.iter("img")),
            classes=tuple((element.get("class") or "").split()),
            indent=locator.indent_of(line) if kind == "item" else "",
            **extra,
        )
        parts.append(part)
        return part

    def walk(element, within):
        container = within[-1] if within else None
        for child in element:
            tag = child.tag
            if tag in HEADINGS:
                add("heading", child, within, level=int(tag[1]))
            elif tag == "p" and container == "item":
                continue  # a loose list item's paragraph: the item's own words
            elif tag == "p":
                if "admonition-title" in (child.get("class") or "").split():
                    continue
                only_image = not squeeze(text_without_images(child)) and child.find(".//img") is not None
                kind = "image" if only_image else "quote" if container == "quote" else "paragraph"
                add(kind, child, within)
            elif tag == "li" and container == "footnote":
                add("footnote", child, within)
            elif tag == "li":
                add("item", child, within)
                walk(child, (*within, "item"))
            elif tag in ("ul", "ol"):
                walk(child, within)
            elif tag == "blockquote":
                walk(child, (*within, "quote"))
            elif tag == "table":
                add("table", child, within)
            elif tag == "pre":
                add("code", child, within)
            elif tag == "div" and "admonition" in (child.get("class") or "").split():
                add("notice", child, within)
                walk(child, (*within, "notice"))
            elif tag == "div" and "footnote" in (child.get("class") or "").split():
                walk(child, (*within, "footnote"))
            elif tag in ("div", "details", "figure"):
                walk(child, within)

    walk(root, ())
    for element in root.iter():
        href = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
        href = href and as_read(href)
        if href and "headerlink" not in (element.get("class") or "").split() and "footnote" not in (element.get("class") or ""):
            links.append(Link(href, locator.link_line(href), element.tag == "img"))
    return parts, links


def text_without_images(element):
    return "".join(t for t in element.itertext())


def visible_text(element):
    """The words a reader sees: permalink signs, footnotes' way back and nested lists left out,
    an image as "[image: its alt text]"."""
    out = []

    def collect(node, top):
        classes = (node.get("class") or "").split()
        if node is not top and (
            node.tag in ("ul", "ol") and top.tag == "li" or "headerlink" in classes or "footnote-backref" in classes
        ):
            out.append(node.tail or "")
            return
        if node.tag == "img":
            out.append(f"[image: {squeeze(node.get('alt', ''))}]")
        out.append(node.text or "")
        for child in node:
            collect(child, top)
        if node is not top:
            out.append(node.tail or "")

    collect(element, element)
    return squeeze(as_read(PLACEHOLDER.sub("", "".join(out))))


def as_read(value):
    """Text or an attribute of Python-Markdown's tree as a browser reads it once written out:
    entities decoded ("&lt;" is "<", `&#106;avascript:` is `javascript:`), those Python-Markdown
    writes itself (an e-mail address, `<info@ilrc.org>`) included, whose `&` it holds as a
    placeholder until then."""
    return html.unescape(value.replace(markdown.util.AMP_SUBSTITUTE, "&"))


WORD = re.compile(r"\w+")


class Locator:
    """The line of the Markdown file an element came from: found by its {#id}, else by its first
    words, searching forward from the last part found (Python-Markdown keeps no line numbers).
    Words are compared as a browser shows them (entities read), across line breaks."""

    def __init__(self, lines, body_line):
        self.lines, self.body_line = lines, body_line
        self.words = [(word, index) for index, line in enumerate(lines) for word in WORD.findall(html.unescape(line).lower())]
        self.last = body_line - 1  # index into lines

    def id_line(self, ident, start=None):
        """The line where `{#ident}` is written: the first from line `start`, else from the top."""
        if not ident:
            return None
        pattern = re.compile(r"\{[^{}\n]*#" + re.escape(ident) + r"(?![\w-])")
        for begin in (start or self.body_line, self.body_line):
            for index in range(begin - 1, len(self.lines)):
                if pattern.search(self.lines[index]):
                    return index + 1
        return None

    def line_of(self, kind, element, text):
        ident = element.get("id")
        if kind == "footnote" and ident:
            label = ident.split("-", 1)[-1]
            for index in range(self.body_line - 1, len(self.lines)):
                if self.lines[index].lstrip().startswith(f"[^{label}]:"):
                    return index + 1
        probe_text = text.replace("[image: ", " ").replace("]", " ")
        if kind == "table":
            first = element.find(".//th") if element.find(".//th") is not None else element.find(".//td")
            probe_text = visible_text(first) if first is not None else ""
        probe = WORD.findall(probe_text.lower())[:4]
        found = self.find(probe, self.last) if probe else None
        if found is None and probe:
            found = self.find(probe, self.body_line - 1)
        image = element.find(".//img") if element.tag != "img" else element
        if found is None and image is not None and image.get("src"):
            found = next((i for i in range(self.last, len(self.lines)) if image.get("src") in self.lines[i]), None)
        if found is None:
            id_line = self.id_line(ident)
            found = (id_line - 1) if id_line else self.last
        self.last = max(self.last, found)
        return found + 1

    def find(self, probe, start):
        """The line where the words `probe` begin, at or after line index `start`."""
        size = len(probe)
        for at, (word, index) in enumerate(self.words):
            if index >= start and word == probe[0] and [w for w, _ in self.words[at : at + size]] == probe:
                return index
        return None

    def indent_of(self, line):
        text = self.lines[line - 1]
        match = re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+)", text)
        return " " * len(match.group(1)) if match else "  "

    def link_line(self, href):
        written = href.removeprefix("mailto:")
        for index in range(self.body_line - 1, len(self.lines)):
            if written in self.lines[index]:
                return index + 1
        return self.body_line


def locate_text(lines, text, start):
    """The first line from `start` holding `text` (raw HTML an editor wrote), in any case, else
    `start`."""
    text = text.casefold()
    for index in range(start - 1, len(lines)):
        if text and text in lines[index].casefold():
            return index + 1
    return start
