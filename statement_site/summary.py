"""Tell an editor, in plain words, what the checks found and where.

    python -m statement_site summary reports/tests.xml reports/build.log

Reads the build's log (`ERROR   -  docs/index.md:12: message`, as MkDocs and
`python -m statement_site check|finish` print it) and pytest's JUnit report, writes a short
Markdown summary to the job summary (`$GITHUB_STEP_SUMMARY`, else the terminal) and, when
`GITHUB_ACTIONS=true`, prints one annotation per problem (`::error file=…,line=…,title=…::…`)
on the file and line it names, so that it shows in the pull request's "Files changed" tab. A
problem that names no file of the repository gets an annotation without a file.

The build comes first: when it fails, most checks cannot run, and they are counted in one line
under it rather than listed beside their cause.

Messages carry editors' words, so they are data: the summary shows them with
`redline.literal()` (as written, never as Markdown or HTML); annotations escape them as GitHub's
workflow commands require; and anything else printed on GitHub Actions is printed between
`::stop-commands::<token>` and `::<token>::`, so that no message can pass for a command.
"""

import os
import re
import secrets
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .redline import literal

BUILD = "The site could not be built"
DEVELOPER = "ask a developer: the details are in the log of the step that ran the tests"
# What each group of tests (a module of tests/) is about, and the usual fix, for an editor
# (CONTRIBUTING.md, "What the checks mean", holds these titles: tests/check/test_docs.py).
PAGE = "A page, or its preview, is not as readers should get it"
READ = "A part of the statement does not read as written"
VERDICT = "The verdict on pull requests would no longer be right"
NOT_ALLOWED = "follow the message: it says what to write instead"
TEST_GROUPS = {
    "test_building": ("The site does not build cleanly", "follow the build's message above"),
    "test_editors": ("A kind of content editors write would no longer work", DEVELOPER),
    "test_render": ("A kind of content editors write would no longer work", DEVELOPER),
    "test_generators": ("The site would not be the same with both of its generators", DEVELOPER),
    "test_editing": (
        "A check on how the files are written failed",
        "follow the message; CONTRIBUTING.md, “What the checks mean”",
    ),
    "test_docs": ("A check on how the files are written failed", DEVELOPER),
    "test_hardening": ("The page contains something that is not allowed", NOT_ALLOWED),
    "test_surfaces": ("A file contains something that is not allowed", NOT_ALLOWED),
    "test_attachments": ("A file contains something that is not allowed", NOT_ALLOWED),
    "test_site": (PAGE, DEVELOPER),
    "test_cards": (PAGE, DEVELOPER),
    "test_critical_css": (PAGE, DEVELOPER),
    "test_markup": (PAGE, DEVELOPER),
    "test_first_paint": (PAGE, DEVELOPER),
    "test_every_engine": (PAGE, DEVELOPER),
    "test_reading_theme": (PAGE, DEVELOPER),
    "test_reporting": (PAGE, DEVELOPER),
    "test_valid_html": (PAGE, DEVELOPER),
    "test_reading": (READ, DEVELOPER),
    "test_reading_scripts": (READ, DEVELOPER),
    "test_scripts": (READ, DEVELOPER),
    "test_reading_a11y": ("The page is harder to read for some readers (accessibility)", DEVELOPER),
    "test_sharing": (
        "A shared link would no longer work",
        "add the lines the build's message gives to published-anchors.yml: an alias for an old ID "
        "(`old-id: new-id` under the page's `aliases:`), `moved:` for a page that is gone",
    ),
    "test_share_addresses": ("A share address would no longer lead to its part", DEVELOPER),
    "test_review": (VERDICT, DEVELOPER),
    "test_redline": (VERDICT, DEVELOPER),
    "test_preview": (VERDICT, DEVELOPER),
    "test_ci_summary": (VERDICT, DEVELOPER),
    "test_serving": ("The site on an editor's computer (make serve) would no longer show each change", DEVELOPER),
}
OTHER = ("A check failed", "ask a developer: the details are in the log of the step that ran the tests")
# Words from the test machinery that mean nothing to an editor.
JARGON = re.compile(r"locator\(|strict mode violation|Call log:|Traceback|^in \w+$|^\w+(Error|Exception)\b")
LEVEL = re.compile(r"^(ERROR|WARNING)\s+-\s+")
GENERATOR_ERROR = re.compile(r"^Error:\s+")  # MkDocs' and Zensical's own, before any page
# Where a place ends: "docs/index.md:12: …", "…:12:5: …" (a column is dropped), "…:12 …".
LINE_NUMBER = re.compile(r":(\d{1,9})(?::\d+)?(?::\s*|\s+|$)")
# What may stand just before a file name in a message: "AssertionError: docs/…", "['docs/…".
BEFORE_A_NAME = " \t'\"([{<=,:"
LONGEST_NAME = 400  # characters searched back from a line number for the file it belongs to
NOT_THE_PROJECT = (".venv/", "venv/", "node_modules/", ".git/")
MESSAGE_CHARACTERS = 2000  # GitHub cuts longer annotations anyway
MOST_ANNOTATIONS = 50  # GitHub shows no more for a job
MOST_ITEMS = 200  # lines of the summary's list


@dataclass(frozen=True)
class Finding:
    """One problem for an editor: what went wrong, what the tool said, where, how to fix it."""

    title: str
    said: str
    file: str | None = None  # relative to the repository, a file that exists there
    line: int | None = None
    fix: str = ""


# -- Where a message points: files of the repository ----------------------------------------------


def repository_file(name, root=None):
    """`name` relative to the repository (`root`, else the working directory) when it is one of its files."""
    if not name or "\0" in name or name != name.strip():
        return None
    root = Path(root or Path.cwd()).resolve()
    try:
        full = (root / name).resolve()
        relative = full.relative_to(root).as_posix()
        exists = full.is_file()
    except (OSError, ValueError):  # outside the repository, or not a name the system takes
        return None
    return relative if exists and not relative.startswith(NOT_THE_PROJECT) else None


def file_ending_at(text, lowest, end, root=None):
    """(where it starts, the file) of the longest name of a repository file that ends at `end`
    (names may hold spaces, commas and colons), or None."""
    for start in range(max(lowest, end - LONGEST_NAME), end):
        if start == 0 or text[start - 1] in BEFORE_A_NAME:
            file = repository_file(text[start:end], root)
            if file:
                return start, file
    return None


def places(line, root=None):
    """[(file, line, what it says there)] for each `file:line: message` in one line of text."""
    marks, lowest = [], 0  # (where the file's name starts, the file, its line, where the words start)
    for number in LINE_NUMBER.finditer(line):
        named = file_ending_at(line, lowest, number.start(), root)
        if named:
            marks.append((*named, max(1, int(number.group(1))), number.end()))
            lowest = number.end()
    ends = [start for start, *_ in marks[1:]] + [len(line)]  # the words run to the next place
    return [(file, number, line[begin:end].strip(" ,;")) for (_, file, number, begin), end in zip(marks, ends)]


def said_plainly(said):
    said = said.removeprefix("AssertionError: ").strip()
    return "" if JARGON.search(said) else said


# -- The build's log -------------------------------------------------------------------------------


def build_findings(log, root=None):
    """A finding for each ERROR or WARNING line of the build's log (and for a generator's own
    `Error: …`, such as a configuration it could not read), on its place when it names one."""
    if not Path(log).is_file():
        return []
    findings = []
    for entry in Path(log).read_text(encoding="utf-8", errors="replace").splitlines():
        level = LEVEL.match(entry) or GENERATOR_ERROR.match(entry)
        if not level:
            continue
        message = entry[level.end() :].strip()
        found = [Finding(BUILD, said, file, line) for file, line, said in places(message, root) if said]
        findings += found or [Finding(BUILD, message)]
    return list(dict.fromkeys(findings))


# -- pytest's report -------------------------------------------------------------------------------


def test_findings(report, build_failed):
    """(findings, how many checks could not run because the site was not built)."""
    findings, not_run = [], 0
    for case in ET.parse(report).iter("testcase"):
        problem = next((p for p in (case.find("failure"), case.find("error")) if p is not None), None)
        if problem is None:
            continue
        text = f"{problem.get('message') or ''}\n{problem.text or ''}"
        if (problem.tag == "error" and "site_dir" in text) or "Aborted with" in text:
            not_run += 1  # the session's build failed: the build's own message says why
            continue
        title, fix = TEST_GROUPS.get(case.get("classname", "").rsplit(".", 1)[-1], OTHER)
        found = failure_places(text)
        if found:
            findings += [Finding(title, said, file, line, fix) for file, line, said in found]
        elif not build_failed:  # a failure that names no place, unless the failed build explains it
            findings.append(Finding(title, f"{case.get('name', 'a test')} failed.", fix=fix))
    return list(dict.fromkeys(findings)), not_run


def failure_places(text):
    """The places a failure's text names, each once: the message comes first in the report,
    then again in the traceback, where it may read less plainly."""
    found = {}
    for line in text.splitlines():
        for file, number, said in places(line):
            said = said_plainly(said)
            if said and (file, number) not in found:
                found[file, number] = said
    return [(file, number, said) for (file, number), said in found.items()]


# -- What is written and printed -------------------------------------------------------------------


def summarize(report, log):
    """(the Markdown summary, the annotations)."""
    build = build_findings(log)
    items = [summary_item(f) for f in build]
    tests = []
    if not Path(report).is_file():
        items.append(
            "- **The checks did not run.** The step marked with a red cross above says why "
            "(usually a package that could not be installed)."
        )
    else:
        try:
            tests, not_run = test_findings(report, build_failed=bool(build))
        except ET.ParseError:
            tests, not_run = (
                [Finding(OTHER[0], "the tests' report cannot be read: the tests stopped early.", fix=OTHER[1])],
                0,
            )
        if not_run:
            checks = "check" if not_run == 1 else "checks"
            items.append(
                f"  - The site could not be built, so {not_run} {checks} could not run: fix the problem above first."
            )
        items += [summary_item(f) for f in tests]
    if not items:
        return passed(), []
    return needs_fixing(items), [annotation(f) for f in (build + tests)[:MOST_ANNOTATIONS]]


def needs_fixing(items):
    """The summary's list of problems, bounded, under its heading."""
    if len(items) > MOST_ITEMS:
        items = [*items[:MOST_ITEMS], f"- … and {len(items) - MOST_ITEMS} more: the log of each step has them all."]
    return "\n".join(["## What needs fixing", "", *items, "", "CONTRIBUTING.md, “What the checks mean”, says more."]) + "\n"


def passed():
    return (
        "## All checks passed\n\n"
        "Once every job of this run has passed (the browser tests too), the Publish workflow publishes this "
        "commit, unless a newer commit of main is on its way.\n"
    )


def sentence(text):
    text = text[:MESSAGE_CHARACTERS]
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def summary_item(finding):
    """One line of the summary; the message is shown as written."""
    where = f", <code>{literal(finding.file)}</code> line {finding.line}" if finding.file else ""
    fix = f" How to fix it: {finding.fix}." if finding.fix else ""
    return f"- **{finding.title}**{where}: {literal(sentence(finding.said))}{fix}"


def annotation(finding):
    """A workflow command that marks the problem on its file and line (or on the run alone)."""
    where = f"file={escape_property(finding.file)},line={finding.line}," if finding.file else ""
    fix = f" How to fix it: {finding.fix}." if finding.fix else ""
    return f"::error {where}title={escape_property(finding.title)}::{escape_data(sentence(finding.said) + fix)}"


def escape_data(text):
    """A workflow command's message: % and line breaks are its syntax."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """A workflow command's property value: also : and , are its syntax."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def print_inert(text):
    """`text` on standard output, with GitHub's workflow commands stopped while it prints: the
    token that resumes them is random, so that no text can hold it."""
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}")
    sys.stdout.write(text if text.endswith("\n") else f"{text}\n")
    print(f"::{token}::")


def main(report, log):
    """Write the summary, print the annotations; 0 (the steps before have failed the job when
    anything failed)."""
    text, notes = summarize(report, log)
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    if out := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(out, "a", encoding="utf-8") as stream:
            stream.write(text)
    elif on_github:
        print_inert(text)
    else:
        sys.stdout.write(text)
    if on_github and notes:
        print("\n".join(notes))
    return 0
