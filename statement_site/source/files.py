"""What may be under docs/, where the project's files come from (the working tree, or a commit
read with git alone), and the address the site gives each page.

A file that may not be published at all gets one message (`file_allowed`), before anything
reads it; a text file is decoded once (`decode`), bounded, as UTF-8 without control characters."""

import os
import stat
import subprocess
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import limits
from .text import CONTROL, slug

CONFIG_FILE = "mkdocs.yml"  # the editors' settings, over the code's (settings.py)
CODE_CONFIG = "config/site.yml"  # the code's configuration, which mkdocs.yml inherits
ANCHORS_FILE = "published-anchors.yml"
DOCS = "docs"
# What editors own: the pages and files under docs/, the aliases of published IDs and their
# settings. Everything else in the repository is code (.github/CODEOWNERS).
CONTENT = (DOCS, ANCHORS_FILE, CONFIG_FILE)
CODE_FOLDER = "overrides/assets"  # where the site's own stylesheets and scripts live
SHARE_FOLDER = "s"  # share addresses: s/<id>/, s/<page>/<id>/ (steps/share_pages.py)
# Beside mkdocs.yml: what builds keep by the digest of all it depends on (cards, critical CSS),
# each in a folder of its own. Not Zensical's .cache/, which `zensical build --clean` empties.
CACHE = ".build-cache"
# Addresses the build writes itself: a page or folder of docs/ there would be overwritten.
GENERATED = {SHARE_FOLDER: "the share addresses", "404.md": "the page for broken links", "sitemap.xml": "the sitemap"}

# Extension -> (what it is for, the size bound). Stylesheets and scripts are code (CODE_TYPES).
FILE_TYPES = {
    ".md": ("pages", limits.PAGE_BYTES),
    ".png": ("images", limits.IMAGE_BYTES),
    ".jpg": ("images", limits.IMAGE_BYTES),
    ".jpeg": ("images", limits.IMAGE_BYTES),
    ".webp": ("images", limits.IMAGE_BYTES),
    ".gif": ("images", limits.IMAGE_BYTES),
    ".svg": ("images drawn as SVG (checked: no script, no outside reference)", limits.SVG_BYTES),
    ".pdf": ("documents to download (checked: no script, action or embedded file)", limits.PDF_BYTES),
}
# Code that someone may drop into docs/: named as code, with where it lives.
CODE_TYPES = {".css": "a stylesheet", ".js": "a script", ".mjs": "a script"}
IMAGE_TYPES = {suffix for suffix, (what, _) in FILE_TYPES.items() if what.startswith("images")}
NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


# -- Addresses ---------------------------------------------------------------------------------


def write_whole(path, data):
    """`data` (bytes) into `path` in one step, as the build's cache keeps a card or a page's
    critical CSS: written to a file of its own beside it, then renamed into place, so that builds
    running at once (make check's workers, a build beside `make serve`) never read a file half
    written, nor rename one another build is still writing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f"{path.name}.", suffix=".part", delete=False) as partial:
        partial.write(data)
    os.replace(partial.name, path)


def page_url(src):
    """A page's address relative to the site (directory URLs): "", "privacy/", "es/"."""
    stem = PurePosixPath(src).with_suffix("")
    if stem.name in ("index", "README"):
        stem = stem.parent
    return "" if str(stem) == "." else f"{stem.as_posix()}/"


def share_path(src, ident):
    """Where a part's share page lives: "s/<id>/" on the home page, "s/<page>/<id>/" on others."""
    return f"{SHARE_FOLDER}/{page_url(src)}{ident}/"


def site_address(site_url, path):
    """The full address of a path of the site (`share_path`, `page_url`): under `site_url`, else
    under the root of the host that serves it ("/s/calls/")."""
    return (site_url or "/") + quote(path)


# -- Names, sizes --------------------------------------------------------------------------------


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


def file_allowed(path, relative, kind, size, report):
    """Whether a file under docs/ may be published at all; one message when it may not."""
    if kind == "link":
        report(path, 1, "a symbolic link is never published (it can point outside the project): copy the file itself here")
        return False
    if kind != "file":
        report(path, 1, "only ordinary files are published")
        return False
    parts = PurePosixPath(relative).parts
    name_problem = file_name_problem(parts)
    if name_problem:
        report(path, 1, name_problem)
        return False
    address = page_url(relative).split("/")[0] if relative.endswith(".md") else parts[0]
    taken = next((name for name in (parts[0], address, relative) if name in GENERATED), None)
    if taken:
        report(path, 1, f"the site writes {GENERATED[taken]} at this address itself: choose another name")
        return False
    suffix = PurePosixPath(relative).suffix.lower()
    if suffix in CODE_TYPES:
        report(
            path,
            1,
            f"{CODE_TYPES[suffix]} is code, not content: the site's own stylesheets and scripts live in "
            f"{CODE_FOLDER}/, which developers change and review. Remove this file, and ask a developer "
            "for what it was meant to do",
        )
        return False
    if suffix not in FILE_TYPES:
        accepted = "; ".join(f"{s} ({what})" for s, (what, _) in FILE_TYPES.items())
        report(
            path,
            1,
            f"a {suffix or 'extension-less'} file is not published. The site takes {accepted}. "
            "For a document, save it as PDF; for anything else, link to where it lives",
        )
        return False
    if size > FILE_TYPES[suffix][1]:
        report(path, 1, size_message(size, FILE_TYPES[suffix][1], suffix))
        return False
    return True


def decode(path, data, bound, report):
    """The text of a file, or None after a problem: too big, not UTF-8, control characters."""
    if len(data) > bound:
        report(path, 1, size_message(len(data), bound, PurePosixPath(path).suffix))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        report(path, line, f"this line is not valid UTF-8 (byte {data[error.start]:#04x}): save the file as UTF-8")
        return None
    text = text.removeprefix("\ufeff")
    bad = [(n, found[0]) for n, line in enumerate(text.split("\n"), 1) for found in CONTROL.finditer(line, 0, limits.LINE_CHARACTERS)]
    for number, char in bad[:3]:
        report(path, number, f"the control character U+{ord(char):04X} is invisible and not allowed: delete it")
    return None if bad else text.replace("\r\n", "\n")


# -- Where files come from: the working tree, or a commit ----------------------------------------


class WorkTree:
    """Files of the working tree. `entries` yields (path under root, kind, size): kind is "file",
    "link" (a symbolic link, never followed) or "other" (a socket, a device, a FIFO)."""

    commit = None

    def __init__(self, root):
        self.root = Path(root)

    def entries(self, folder):
        base = self.root / folder
        if base.is_symlink():  # the folder itself leads elsewhere: named, never followed
            yield folder, "link", 0
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


# Files of a commit up to this size are read together, in one `git cat-file --batch`: a model or
# a redline reads many small files (pages, settings), one git process each otherwise.
BATCH_BYTES = 200_000


class GitTree:
    """Files at a commit, read with git alone: the published state a change is compared with."""

    def __init__(self, root, commit):
        self.root = Path(root)
        self.commit = commit
        self.blobs = {}  # path -> (kind, size, sha)
        self.small = None  # sha -> bytes of every file up to BATCH_BYTES, once one is read
        listing = git(root, "ls-tree", "-r", "-l", "--full-tree", "-z", commit)
        for entry in filter(None, (listing or "").split("\0")):
            info, path = entry.split("\t", 1)
            mode, _, sha, size = info.split()
            kind = "file" if mode in ("100644", "100755") else "link" if mode == "120000" else "other"
            self.blobs[path] = (kind, int(size) if size.isdigit() else 0, sha)

    def entries(self, folder):
        prefix = folder.rstrip("/") + "/"
        if folder in self.blobs:  # the folder is a file or a symbolic link
            yield folder, *self.blobs[folder][:2]
        for path in sorted(self.blobs):
            if path.startswith(prefix):
                yield path, self.blobs[path][0], self.blobs[path][1]

    def read_bytes(self, path):
        kind, size, sha = self.blobs[path]
        if kind == "file" and size <= BATCH_BYTES:
            if self.small is None:
                self.small = self.read_batch(sorted({s for k, n, s in self.blobs.values() if k == "file" and n <= BATCH_BYTES}))
            if sha in self.small:
                return self.small[sha]
        result = subprocess.run(["git", "cat-file", "blob", sha], cwd=self.root, capture_output=True, timeout=30)
        return result.stdout

    def read_batch(self, shas):
        """{sha: bytes} of the blobs `shas`, read by one `git cat-file --batch`; {} if git fails."""
        try:
            result = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input="\n".join(shas).encode() + b"\n", capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return {}
        found, at, out = {}, 0, result.stdout
        while at < len(out):
            end = out.index(b"\n", at)
            header, at = out[at:end].split(b" "), end + 1
            if len(header) != 3 or header[1] != b"blob":
                continue  # "<sha> missing"
            size = int(header[2])
            found[header[0].decode()] = out[at : at + size]
            at += size + 1
        return found

    def exists(self, path):
        return path in self.blobs

    def digest(self, path):
        """The file's git blob ID, a digest of what it holds (`git rev-parse COMMIT:path`), or None."""
        return self.blobs[path][2] if path in self.blobs else None

    def size(self, path):
        return self.blobs[path][1] if path in self.blobs else None


class ContentOver:
    """The content of one tree (docs/, published-anchors.yml, mkdocs.yml: a pull request's
    commit, read with git alone) over the code of another (main's checkout): what `main`'s code
    makes of a pull request's content (python -m statement_site review)."""

    def __init__(self, content, code):
        self.content, self.code = content, code
        self.root, self.commit = code.root, content.commit

    def tree_of(self, path):
        return self.content if is_content(path) else self.code

    def entries(self, folder):
        return self.tree_of(folder).entries(folder)

    def read_bytes(self, path):
        return self.tree_of(path).read_bytes(path)

    def exists(self, path):
        return self.tree_of(path).exists(path)


def is_content(path):
    """Whether a path of the repository is the editors' (CONTENT), rather than code."""
    return path in CONTENT or path.startswith(f"{DOCS}/")


STATUS = {"A": "added", "M": "changed", "T": "changed", "D": "removed", "R": "renamed", "C": "copied"}


def changed_paths(root, base, head, *paths):
    """[(what happened, path, new path or None)] of every file that differs between two commits
    (or only under `paths`), renames found: `git diff --name-status -z -M`, whatever the names hold."""
    listing = git(root, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base, head, "--", *paths)
    if listing is None:
        raise SystemExit(f"git diff {base} {head} failed: is each a commit of this repository?")
    fields, found, index = listing.split("\0"), [], 0
    while index + 1 < len(fields) and fields[index]:
        status = STATUS.get(fields[index][0], "changed")
        renamed = fields[index][0] in "RC"  # R100 old new
        found.append((status, fields[index + 1], fields[index + 2] if renamed else None))
        index += 3 if renamed else 2
    return found


def git(root, *args):
    """What a git command prints, or None (no git, not a repository, an unknown commit)."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    # A file name may be any bytes: kept, as escapes, for the checks to name.
    return result.stdout.decode("utf-8", "surrogateescape") if result.returncode == 0 else None
