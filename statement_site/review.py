"""The verdict on a pull request, written by this checkout's code (main's, in CI) over the pull
request's commits read as data: never by the pull request's own code, which could write any
verdict it liked (GitHub Security Lab, "Preventing pwn requests").

    python -m statement_site review BASE HEAD --site-dir preview/ >> "$GITHUB_STEP_SUMMARY"

1. What changed: every file from where HEAD left BASE (their merge base) to HEAD is content
   (under docs/, published-anchors.yml), an editor's setting (mkdocs.yml's, EDITOR_SETTINGS) or
   code (anything else, mkdocs.yml's INHERIT and any other key of it included).
2. Whether it builds: HEAD's content, read with git alone, is judged by the safe readers first
   (the model over this checkout's code: settings, file names and kinds, encodings), then
   written into a project of its own beside this checkout's code (config/, overrides/, hooks/;
   no file of HEAD's code is ever written, imported or run), where the editor checks and the
   MkDocs build with this checkout's hook and pipeline run as `make build` runs them. The built
   site is the preview (`--site-dir`), its addresses of folders then pointed at their index.html
   (preview.py): unzipped, it browses from disk.
3. The summary: "changes code: a developer must review" first, with the files; then what needs
   fixing, each on its file and line; then what changed, and the redline (redline.report).

Exit status 1 when the content would not build."""

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import limits, preview, redline, summary
from .source.files import (
    ANCHORS_FILE,
    CACHE,
    CONFIG_FILE,
    DOCS,
    ContentOver,
    GitTree,
    WorkTree,
    changed_paths,
    git,
    is_content,
)
from .source.project import Source
from .source.settings import EDITOR_SETTINGS

CODE_CHANGED = "This pull request changes code: a developer must review it."


@dataclass(frozen=True)
class Change:
    """One file a pull request changes, and whose it is."""

    status: str  # added, changed, removed, renamed, copied
    path: str
    new_path: str | None
    kind: str  # "content", "settings" or "code"
    settings: tuple = ()  # for mkdocs.yml: the keys whose values changed

    @property
    def shown(self):
        names = redline.code(self.path) if self.new_path is None else f"{redline.code(self.path)} → {redline.code(self.new_path)}"
        return f"{names} ({self.status})"


@dataclass(frozen=True)
class Verdict:
    changes: tuple  # Change
    problems: tuple  # summary.Finding: what stops the build, on its file and line
    built: bool

    @property
    def code(self):
        return [change for change in self.changes if change.kind == "code"]


def review(root, base, head, site_dir):
    """The verdict on `head` against `base` (commits of the repository at `root`, this checkout)."""
    root = Path(root).resolve()
    head = redline.commit_of(root, head)
    since = (git(root, "merge-base", redline.commit_of(root, base), head) or "").strip()
    if not since:
        raise SystemExit(f"review: {base!r} and {head!r} have no commit in common")
    changes = tuple(classify(root, since, head))
    problems = build(root, since, head, Path(site_dir).resolve())
    return Verdict(changes, tuple(problems), built=not problems), since, head


# -- What changed, and whose it is ----------------------------------------------------------------


def classify(root, since, head):
    for status, path, new_path in changed_paths(root, since, head):
        paths = [path] if new_path is None else [path, new_path]
        if not all(is_content(p) for p in paths):
            yield Change(status, path, new_path, "code")
        elif CONFIG_FILE in paths:
            code_keys, keys = settings_changed(root, since, head)
            yield Change(status, path, new_path, "code" if code_keys else "settings", tuple(code_keys or keys))
        else:
            yield Change(status, path, new_path, "content")


def settings_changed(root, since, head):
    """([keys changed that are code], [editor settings changed]) of mkdocs.yml between two
    commits, compared as parsed: its INHERIT line, and any key that is not an editor's setting
    or that is under `extra:` but is not the language switch, are code."""
    before, after = (settings_tree(root, commit) for commit in (since, head))
    if after is None:  # HEAD's cannot be read: the checks say why, on its line
        return [], ["(cannot be read)"]
    before = before or {}
    changed = [key for key in dict.fromkeys([*before, *after]) if before.get(key) != after.get(key)]
    code = [key for key in changed if key not in EDITOR_SETTINGS or key == "INHERIT"]
    extras = (mapping(before.get("extra")), mapping(after.get("extra")))
    code += [f"extra.{key}" for key in dict.fromkeys([*extras[0], *extras[1]]) if key != "alternate" and extras[0].get(key) != extras[1].get(key)]
    return code, changed


def settings_tree(root, commit):
    """mkdocs.yml at `commit` as comparable data (each value with its YAML tag, nothing
    constructed), or None when it is missing or cannot be read."""
    text = git(root, "cat-file", "blob", f"{commit}:{CONFIG_FILE}")
    if text is None or len(text) > limits.SETTINGS_BYTES:
        return None
    try:
        if any(isinstance(token, yaml.AliasToken) for token in yaml.scan(text, Loader=yaml.SafeLoader)):
            return None  # an alias repeats a part of the tree, without bound when nested
        return mapping(plain(yaml.compose(text, Loader=yaml.SafeLoader)))
    except yaml.YAMLError:
        return None


def plain(node):
    """A YAML node as data to compare: scalars as (tag, text), mappings as tuples of pairs."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return tuple((key.value if isinstance(key, yaml.ScalarNode) else repr(plain(key)), [plain(value)]) for key, value in node.value)
    return None


def mapping(data):
    """{key: value} of a mapping from `plain`, else {}."""
    pairs = isinstance(data, tuple) and all(isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], list) for pair in data)
    return {key: value for key, [value] in data} if pairs else {}


# -- Whether HEAD's content builds with this checkout's code ------------------------------------


def build(root, since, head, site_dir):
    """The problems that stop HEAD's content from building with this checkout's code: the safe
    readers' first, else those of `make build` in a project of its own (the hook's editor checks,
    against what `since` published, then the pipeline's). The site is left in `site_dir`."""
    source = Source.read(root, ContentOver(GitTree(root, head), WorkTree(root)))
    if source.problems:
        return [finding(problem) for problem in source.problems]
    with tempfile.TemporaryDirectory(prefix="review-") as folder:
        project = Path(folder) / "project"
        write_project(root, source, head, project)
        log = Path(folder) / "build.log"
        with log.open("w", encoding="utf-8") as output:
            done = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                cwd=project,
                env={**os.environ, "PUBLISHED_BASE": since, "NO_MKDOCS_2_WARNING": "1"},
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=600,
                check=False,
            )
        if not done.returncode:
            preview.browsable_from_disk(site_dir, source.config.site_url)
            return []
        said = summary.build_findings(log, root=project)
        return said or [summary.Finding(summary.BUILD, f"MkDocs stopped (exit status {done.returncode}) without saying where")]


def write_project(root, source, head, project):
    """A project of this checkout's code and HEAD's content, whose git history is HEAD's (the
    pages' last changes, what is published): a repository of its own that borrows the objects
    of `root`'s, HEAD's tree in its index, and only the content written from it."""
    project.mkdir(parents=True)
    objects = Path(root, (git(root, "rev-parse", "--git-common-dir") or ".git").strip(), "objects").resolve()
    git(project, "init", "-q")
    (project / ".git" / "objects" / "info" / "alternates").write_text(f"{objects}\n", encoding="utf-8")
    git(project, "update-ref", "HEAD", head)
    git(project, "read-tree", head)
    for path in source.config.code_paths:
        origin, target = root / path, project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target, symlinks=True)
        else:
            shutil.copy(origin, target)
    content = GitTree(root, head)
    wanted = [CONFIG_FILE, *(path for path in (ANCHORS_FILE,) if content.exists(path))]
    wanted += [f"{DOCS}/{name}" for name in [*(page.src for page in source.pages.values()), *source.files]]
    for path in wanted:  # each a regular file the model read and allowed (names checked there)
        target = (project / path).resolve()
        if not target.is_relative_to(project.resolve()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.read_bytes(path))
    cache = root / CACHE
    cache.mkdir(exist_ok=True)
    (project / CACHE).symlink_to(cache, target_is_directory=True)


def finding(problem):
    return summary.Finding(summary.BUILD, problem.text, problem.file, problem.line)


# -- The summary ----------------------------------------------------------------------------------


def report(verdict, root, since, head):
    """The Markdown summary: code first, then what needs fixing, what changed and the redline."""
    lines = ["# The verdict of main's code", ""]
    if verdict.code:
        lines += [f"**{CODE_CHANGED}**", "", *(f"- {change.shown}" for change in verdict.code), ""]
    if verdict.problems:
        lines += [summary.needs_fixing([summary.summary_item(f) for f in verdict.problems])]
    else:
        lines += [
            "## The site builds with this content",
            "",
            "Download **site-preview** under *Artifacts* on this run's page, unzip it and open its `index.html` to see the site as it will be published.",
            "",
        ]
    lines += ["## What this pull request changes", "", *changes_list(verdict.changes), ""]
    text = "\n".join(lines) + "\n" + redline.report(root, since, head, code=WorkTree(root))
    return text


def changes_list(changes):
    if not changes:
        return ["Nothing: the pull request holds no change to any file."]
    named = {"content": "Content", "settings": "Editors' settings", "code": "Code"}
    lines = []
    for kind, title in named.items():
        items = [change.shown + settings_changed_shown(change) for change in changes if change.kind == kind]
        if items:
            lines.append(f"- **{title}**: {', '.join(items)}")
    return lines


def settings_changed_shown(change):
    keys = ", ".join(f"<code>{summary.literal(key)}</code>" for key in change.settings)
    return f": {keys}" if keys else ""


def status_line(verdict):
    """The commit status's one line (GitHub shows 140 characters)."""
    if verdict.problems:
        count = len(verdict.problems)
        return f"The content would not build: {count} problem{'s' if count > 1 else ''} (see the summary)"
    if verdict.code:
        return "The content builds; it changes code: a developer must review"
    return "The content builds: the summary shows what readers will see change"
