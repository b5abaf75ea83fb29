"""What readers may hold links to: the IDs and pages `main` has published, and what
published-anchors.yml keeps leading somewhere: the aliases of old IDs, after a rename, and the
old addresses of pages that moved (`moved:`), after a page is renamed or removed.

The published state is a commit (`published_baseline`): `$PUBLISHED_BASE` in CI, else where this
branch left `origin/main`; the model of that commit (project.read_published) is what the checks
compare the working tree with."""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import strictyaml

from .. import limits
from .files import ANCHORS_FILE, DOCS, decode, git, is_page_name
from .strict import mapping_items, read_strict_yaml
from .text import squeeze


@dataclass(frozen=True)
class Alias:
    """`old: new` under a page's `aliases:`: links ending in #old land on the part #new."""

    old: str
    new: str
    page: str  # the page's source under docs/: "index.md"
    line: int  # in published-anchors.yml


@dataclass(frozen=True)
class Move:
    """`old.md:` and `moved: new.md` under it: the old page's address leads to the new page,
    with what follows `#` (steps/redirects.py)."""

    old: str  # the page that was published, under docs/: "privacy.md"
    new: str  # the page that takes its place: "privacy-policy.md"
    line: int  # of `moved:` in published-anchors.yml


ID = strictyaml.Regex(r"[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?")
ANCHORS_SCHEMA = strictyaml.EmptyDict() | strictyaml.MapPattern(
    strictyaml.Str(),
    strictyaml.EmptyDict()
    | strictyaml.Map(
        {
            strictyaml.Optional("aliases"): strictyaml.EmptyDict() | strictyaml.MapPattern(ID, ID),
            # A page that is gone: the page its address now leads to.
            strictyaml.Optional("moved"): strictyaml.Str(),
            # The list kept by hand before the build kept it: reported, so that it goes.
            strictyaml.Optional("anchors"): strictyaml.EmptyList() | strictyaml.Seq(strictyaml.Str()),
        }
    ),
)


@dataclass(frozen=True)
class AnchorLines:
    """Where things stand in published-anchors.yml, for messages that say where to add a line."""

    pages: dict  # src -> (the line of `src:`, the line of its `aliases:` or None)
    last: int = 0  # the file's last line with text


def read_anchors(tree, report):
    """(the aliases, the moved pages, AnchorLines) of published-anchors.yml in `tree`, each with
    its line."""
    if not tree.exists(ANCHORS_FILE):
        return [], [], AnchorLines({})
    text = decode(ANCHORS_FILE, tree.read_bytes(ANCHORS_FILE), limits.ANCHORS_FILE_BYTES, report)
    if text is None:
        return [], [], AnchorLines({})
    last = len(text.rstrip("\n").split("\n"))
    root = read_strict_yaml(text, ANCHORS_SCHEMA, ANCHORS_FILE, report, explain_anchors_file)
    if root is None:
        return [], [], AnchorLines({}, last)
    aliases, moves, lines = [], [], {}
    for page, entry in mapping_items(root):
        lines[page.data] = entry_lines(text, page.data)
        if "anchors" in entry:
            report(
                ANCHORS_FILE,
                entry["anchors"].start_line,
                "'anchors:' is no longer needed: the build keeps the list of published IDs itself. "
                "Delete the 'anchors:' line and the '- id' lines under it; keep 'aliases:'.",
            )
        if not is_page_name(page.data):
            report(ANCHORS_FILE, page.start_line, f"{page.data!r} is not a page of docs/ (such as index.md)")
            continue
        if "moved" in entry:
            new = entry["moved"].data.strip()
            line = next(key.start_line for key, _ in mapping_items(entry) if key.data == "moved")
            if is_page_name(new):
                moves.append(Move(page.data, new, line))
            else:
                report(ANCHORS_FILE, line, f"moved: is followed by the page that takes the place of {page.data}, as docs/ names it, such as 'moved: index.md'")
        for old, new in mapping_items(entry["aliases"] if "aliases" in entry else None):
            aliases.append(Alias(old.data, new.data, page.data, old.start_line))
    return aliases, moves, AnchorLines(lines, last)


def entry_lines(text, page):
    """(the line of `page:` in published-anchors.yml's text, of the `aliases:` under it or None)."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if line.rstrip() == f"{page}:"), None)
    if start is None:
        return None, None
    for n in range(start + 1, len(lines)):
        if lines[n][:1] not in ("", " ", "#"):
            break  # the next page's entry
        if lines[n].strip() == "aliases:":
            return start + 1, n + 1
    return start + 1, None


def explain_anchors_file(error, path):
    found, expected = squeeze(error.problem or ""), squeeze(error.context or "")
    if "matching" in expected:
        return "an alias is written 'old-id: new-id', each an ID: lowercase letters a-z, digits and hyphens, at most 64 characters"
    if "unexpected key" in found:
        return f"{found.replace('unexpected key not in schema', 'the key')} is not used here: a page has 'aliases:', or 'moved:' once it is gone"
    return (
        "this file is written 'page.md:', then 'aliases:' indented two spaces, then 'old-id: new-id' "
        f"lines indented four; or, for a page that is gone, 'page.md:' then '  moved: new-page.md' ({found}, {expected})"
    )


def published_ids(source):
    """{page: {id, ...}} that a link may end in: the IDs editors wrote, and aliases' old IDs."""
    found = {src: {part.id for part in page.parts if part.explicit and part.id} for src, page in source.pages.items()}
    for alias in source.aliases:
        found.setdefault(alias.page, set()).add(alias.old)
    return found


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
