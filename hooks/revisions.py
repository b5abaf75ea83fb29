"""What changed, for readers: a "Revisions" page listing each published change to the statement,
newest first (the day, the commit's one-line summary, a link to the change on GitHub), built from
git history at build time. A copy without history (a ZIP download) gets a page that says so and
links to the history on GitHub. overrides/partials/source-file.html links to it from each page,
beside the day the page last changed, in words."""

import datetime
import html
import re
import subprocess
import tempfile
from pathlib import Path

from mkdocs.structure.files import File

PAGE = "revisions.md"
STATEMENT = "docs/index.md"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")
# Where the page's Markdown is written; removed when MkDocs loads the hooks again, or exits.
WORKDIR = tempfile.TemporaryDirectory(prefix="revisions-")


def on_files(files, config):
    root = Path(config.config_file_path).parent
    repo = (config.repo_url or "").rstrip("/")
    path = Path(WORKDIR.name) / PAGE
    path.write_text(revisions_page(revisions(root), repo), encoding="utf-8")
    page = File.generated(config, PAGE, abs_src_path=str(path))
    files.append(page)
    config.extra["revisions_url"] = page.url  # for overrides/partials/source-file.html
    return files


def revisions(root):
    """(day, summary, commit) of each commit that changed the statement, newest first; [] without git."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=%H%x09%at%x09%s", "--", STATEMENT],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if log.returncode:
        return []
    entries = []
    for line in log.stdout.splitlines():
        commit, timestamp, summary = line.split("\t", 2)
        day = datetime.datetime.fromtimestamp(int(timestamp), datetime.UTC).strftime("%B %-d, %Y")
        entries.append((day, summary, commit))
    return entries


def revisions_page(entries, repo):
    history = f"{repo}/commits/main/{STATEMENT}"
    lines = ["# Revisions", ""]
    if not entries:
        lines += [
            "The list of changes is not available in this copy of the site: it was built without "
            f"its history. Every change to the statement is listed [on GitHub]({history}).",
        ]
        return "\n".join(lines) + "\n"
    lines += [
        "Each change published to the statement, newest first: the day it was made, what changed, "
        f"and the change itself on GitHub ([full history]({history})).",
        "",
    ]
    for day, summary, commit in entries:
        text = MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(summary, quote=False))
        lines.append(f"- **{day}**: {text} ([see the change]({repo}/commit/{commit}))")
    return "\n".join(lines) + "\n"
