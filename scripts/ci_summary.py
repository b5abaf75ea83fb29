"""Tell an editor, in plain words, what the checks found and where.

Usage: python3 scripts/ci_summary.py reports/tests.xml reports/build.log

Reads the build's log and pytest's JUnit report, writes a short Markdown summary to
the GitHub job summary (or to the terminal), and marks each problem on its file and
line in the pull request's "Files changed" tab. The build comes first: when it fails,
most tests fail with it, and they are counted in one line rather than listed.
"""

import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

# "docs/index.md:23" or "published-anchors.yml:19": a place in the project to open.
PLACE = re.compile(r"([\w./-]+\.(?:md|ya?ml|py|toml|js|cjs|css|html)):(\d+)")


def where(text):
    """The first place in `text` that is a file of this project, and the line that names it."""
    for match in PLACE.finditer(text):
        file = match.group(1).removeprefix("./")
        if Path(file).is_file() and not file.startswith((".venv", "venv", "node_modules")):
            said = next(line for line in text.splitlines() if match.group(0) in line)
            return file, match.group(2), said.split(match.group(0), 1)[-1].lstrip(": ").strip()
    return "", "", ""


def failures(report):
    """Failed tests grouped by what they say: {(file, line, message): [test, …]}."""
    grouped = defaultdict(list)
    for case in ET.parse(report).iter("testcase"):
        failure, error = case.find("failure"), case.find("error")
        problem = failure if failure is not None else error
        if problem is None:
            continue
        message = (problem.get("message") or "").strip()
        lines = [text.strip() for text in f"{message}\n{problem.text}".splitlines() if text.strip()]
        # A build's warning says more than the assertion that reports it.
        warned = (re.search(r"(?:WARNING|ERROR) +- +(.*)", text) for text in lines)
        first = next((match.group(1) for match in warned if match), lines[0] if lines else "failed")
        file, line, said = where(message)
        if not file:
            file, line, _ = where(problem.text or "")
            said = first
        file = file or case.get("classname", "").replace(".", "/") + ".py"
        said = said.removeprefix("AssertionError: ").removeprefix(f"{file}:{line}:").strip()
        grouped[file, line, said].append(readable(case.get("name", "")))
    return grouped


def readable(test):
    """test_edit_link_points_at_source[phone] -> "edit link points at source (phone)" """
    name, _, variant = test.partition("[")
    words = name.removeprefix("test_").replace("_", " ")
    return f"{words} ({variant.rstrip(']')})" if variant else words


def escape(text):
    """Workflow commands read % and line breaks as syntax."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def main(report, log):
    items, notes = [], []  # Markdown lines, and GitHub's annotations on files
    if Path(log).is_file():
        for entry in Path(log).read_text(encoding="utf-8").splitlines():
            if entry.startswith(("WARNING", "ERROR")):
                message = entry.split("-", 1)[-1].strip()
                file, line, said = where(message)
                items.append(f"- **The site does not build**: {message}")
                notes.append(
                    f"::error file={file or 'mkdocs.yml'},line={line or 1},title=The site does not build::"
                    f"{escape(said or message)}"
                )
    built = bool(items)
    if not Path(report).is_file():
        items.append(
            "- **The tests did not run.** The step marked with a red cross above says why "
            "(usually a package that could not be installed)."
        )
    else:
        same_cause = 0
        for (file, line, said), tests in failures(report).items():
            if built and (said.startswith("failed on setup") or any(said in item for item in items)):
                same_cause += len(tests)  # the build's own message, above, says it better
                continue
            title = tests[0] if len(tests) == 1 else f"{len(tests)} tests ({tests[0]}, …)"
            place = f"`{file}` line {line}" if line else f"`{file}`"
            items.append(f"- **{title[0].upper() + title[1:]}**, {place}: {said}")
            notes.append(f"::error file={file},line={line or 1},title={escape(title)}::{escape(said)}")
        if same_cause:
            items.append(f"- {same_cause} tests failed because the site does not build.")
    if items:
        summary = [
            "## What needs fixing",
            "",
            *items,
            "",
            "CONTRIBUTING.md, “What the checks mean”, says how to fix the usual ones.",
        ]
    else:
        summary = [
            "## All checks passed",
            "",
            "Download **site-preview** under *Artifacts* below to see the site as it will be published.",
        ]
    text = "\n".join(summary) + "\n"
    if out := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(out, "a", encoding="utf-8") as stream:
            stream.write(text)
    else:
        sys.stdout.write(text)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(notes))


if __name__ == "__main__":
    main(*sys.argv[1:3])
