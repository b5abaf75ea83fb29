"""Tell an editor, in plain words, what the checks found and where.

Usage: python3 scripts/ci_summary.py reports/tests.xml reports/build.log

Reads the build's log and pytest's JUnit report, writes a short Markdown summary to the GitHub
job summary (or to the terminal), and marks each problem on its file and line in the pull
request's "Files changed" tab (paths relative to the repository, so that GitHub finds them).
Each problem is one line: what went wrong, where, and how to fix it, in words written for
editors rather than test names. The build comes first: when it fails, most checks cannot run,
and they are counted in one line under it rather than listed beside their cause.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# "docs/index.md:23" or "published-anchors.yml:19" (a column after it is dropped).
PLACE = re.compile(r"([\w./-]+\.(?:md|ya?ml|py|toml|js|cjs|css|html)):(\d+)(?::\d+)?:?\s*")
# What each group of checks is about, and the usual fix, for an editor (CONTRIBUTING.md).
CHECKS = {
    "test_reading": (
        "A part of the statement does not reach the page as written",
        "check the blank line between paragraphs and the `{#id}` line under each",
    ),
    "test_reading_a11y": (
        "The page is harder to read for some readers (accessibility)",
        "ask a developer: the details are in the log of the step 'Run every test'",
    ),
    "test_sharing": (
        "A shared link would no longer work",
        "add the ID under `anchors:` in published-anchors.yml, or an alias for an old one",
    ),
    "test_editors_edits": (
        "An edit that editors make would no longer work",
        "ask a developer: the site's machinery changed",
    ),
    "test_editing": (
        "A check on how the pages are written failed",
        "follow the message; CONTRIBUTING.md, “What the checks mean”",
    ),
    "test_building": ("The site does not build cleanly", "follow the build's message above"),
    "test_hardening": (
        "The page contains something that is not allowed",
        "remove the raw HTML: the statement needs only Markdown",
    ),
}
OTHER = ("A check failed", "ask a developer: the details are in the log of the step 'Run every test'")
# Words from the test machinery that mean nothing to an editor.
JARGON = re.compile(r"locator\(|strict mode violation|Call log:|Traceback|^in \w+$|^\w+(Error|Exception)\b")


def relative(file):
    """A path as GitHub's annotations need it: relative to the repository, or None if outside."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return None
    text = path.as_posix().removeprefix("./")
    if not Path(text).is_file() or text.startswith((".venv", "venv", "node_modules")):
        return None
    return text


def places(text):
    """(file, line, what it says there) for each line of `text` naming a place in the project."""
    found = []
    for line in text.splitlines():
        match = PLACE.search(line)
        if match and (file := relative(match.group(1))):
            said = line[match.end() :].strip().removeprefix("AssertionError: ")
            if said and not JARGON.search(said):
                found.append((file, match.group(2), said))
    return found


def failures(report):
    """{check group: [(file, line, said)] or [] when the failure names no place}, and the
    number of checks that could not run because the site was not built."""
    grouped, not_run = {}, 0
    for case in ET.parse(report).iter("testcase"):
        problem = next((p for p in (case.find("failure"), case.find("error")) if p is not None), None)
        if problem is None:
            continue
        message = problem.get("message") or ""
        text = f"{message}\n{problem.text or ''}"
        if (problem.tag == "error" and "site_dir" in text) or "Aborted with" in text:
            not_run += 1  # the session's build failed: the build's own message says why
            continue
        module = case.get("classname", "").rsplit(".", 1)[-1]
        items = grouped.setdefault(module, [])
        for place in places(text):
            if place not in items:  # the message is in the report twice: alone, and in the traceback
                items.append(place)
    return grouped, not_run


def escape(text):
    """Workflow commands read % and line breaks as syntax."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def summarize(report, log):
    """(Markdown summary, GitHub annotations)."""
    items, notes = [], []
    build_failed = False
    if Path(log).is_file():
        for entry in Path(log).read_text(encoding="utf-8").splitlines():
            if not entry.startswith(("WARNING", "ERROR")):
                continue
            build_failed = True
            message = entry.split("-", 1)[-1].strip()
            place = places(message)
            file, line, said = place[0] if place else ("mkdocs.yml", "1", message)
            where = f"`{file}` line {line}: " if place else ""
            items.append(f"- **The site could not be built.** {where}{said}")  # the fix is in the message
            notes.append(f"::error file={file},line={line},title=The site could not be built::{escape(said)}")
    if not Path(report).is_file():
        items.append(
            "- **The checks did not run.** The step marked with a red cross above says why "
            "(usually a package that could not be installed)."
        )
    else:
        grouped, not_run = failures(report)
        if not_run:
            items.append(
                f"  - The site could not be built, so {not_run} {'check' if not_run == 1 else 'checks'} could not run: "
                "fix the problem above first."
            )
        for module, found in grouped.items():
            title, fix = CHECKS.get(module, OTHER)
            if build_failed and not found:
                continue  # a consequence of the failed build, above
            if not found:
                items.append(f"- **{title}.** How to fix it: {fix}.")
                continue
            for file, line, said in found:
                said += "" if said.endswith((".", "!", "?")) else "."
                items.append(f"- **{title}**, `{file}` line {line}: {said} How to fix it: {fix}.")
                notes.append(f"::error file={file},line={line},title={escape(title)}::{escape(said)}")
    if items:
        summary = ["## What needs fixing", "", *items, "", "CONTRIBUTING.md, “What the checks mean”, says more."]
    else:
        summary = [
            "## All checks passed",
            "",
            "Download **site-preview** under *Artifacts* below to see the site as it will be published.",
        ]
    return "\n".join(summary) + "\n", notes


def main(report, log):
    text, notes = summarize(report, log)
    if out := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(out, "a", encoding="utf-8") as stream:
            stream.write(text)
    else:
        sys.stdout.write(text)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(notes))


if __name__ == "__main__":
    main(*sys.argv[1:3])
