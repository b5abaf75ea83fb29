"""The job summary and annotations of a CI run (`python -m statement_site summary REPORT LOG`):
each problem marked on the file and line it names, its words shown as written in the summary,
and nothing it prints able to pass for a workflow command other than its own annotations.

Each test writes a build log and a JUnit report into a small project of its own, whose files
the messages name, and runs the summary there as GitHub Actions would."""

import html
import re
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
from bs4 import BeautifulSoup

from statement_site import summary

FILES = ("docs/index.md", "docs/a,b:c.md", "docs/press release.md", "mkdocs.yml")
FORGED = "%0A::warning::forged"
HOSTILE = f"[link](https://evil.example) <img src=x> <details><summary>No change</summary> **bold** {FORGED}"
BUILD_LOG = f"""\
INFO    -  Building documentation...
ERROR   -  docs/index.md:12: {HOSTILE}
ERROR   -  docs/a,b:c.md:3: a comma and a colon in the file's name
ERROR   -  docs/press release.md:1: a space in the file's name
WARNING -  A message that names no file ::error::x
ERROR   -  docs/gone.md:4: a file that is not in the repository
INFO    -  Documentation built in 0.50 seconds
"""
# pytest's report: a failure whose message breaks a line before `::error`, and one in the traceback.
FAILURE = (
    "AssertionError: docs/index.md:5: the ID #x is gone&#10;::error file=mkdocs.yml,line=1::forged&#10;assert not []"
)
REPORT = f"""\
<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3">
<testcase classname="tests.check.test_sharing" name="test_every_published_id_lands">
<failure message="{FAILURE}">tests/check/test_sharing.py:40: in test_every_published_id_lands
docs/index.md:7: ![pixel](https://tracker.example/p.png) and &lt;details&gt;
E   AssertionError</failure></testcase>
<testcase classname="tests.check.test_editing" name="test_passes"/>
</testsuite></testsuites>
"""
# A failure that names no file, in a run whose build passed.
NO_PLACE = """\
<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="1">
<testcase classname="tests.check.test_other" name="test_something[&lt;b&gt;]">
<failure message="assert 1 == 2">Traceback</failure></testcase>
</testsuite></testsuites>
"""
ANNOTATION = re.compile(
    r"::error (?:file=(?P<file>[^,:]*),line=(?P<line>\d+),)?title=(?P<title>[^,:]*)::(?P<message>.*)"
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project whose files the messages name, as the working directory; its reports folder."""
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return tmp_path


def run(project, capsys, report=REPORT, log=BUILD_LOG):
    """(the summary written, the lines printed)."""
    (project / "reports/tests.xml").write_text(report, encoding="utf-8")
    (project / "reports/build.log").write_text(log, encoding="utf-8")
    assert summary.main("reports/tests.xml", "reports/build.log") == 0
    written = (project / "summary.md").read_text(encoding="utf-8")
    return written, capsys.readouterr().out.splitlines()


def annotations(lines):
    """[(file or None, line or None, title, message)] of the annotations printed, each checked."""
    found = []
    for line in lines:
        match = ANNOTATION.fullmatch(line)
        assert match, f"a line that is no annotation: {line!r}"
        file = unquote(match["file"]) if match["file"] is not None else None
        found.append((file, int(match["line"]) if match["line"] else None, unquote(match["title"]), match["message"]))
    return found


def test_each_annotation_lands_on_the_file_and_line_it_names(project, capsys):
    _, printed = run(project, capsys)
    print("\n".join(printed))
    places = [(file, line) for file, line, _, _ in annotations(printed)]
    assert places == [
        ("docs/index.md", 12),
        ("docs/a,b:c.md", 3),
        ("docs/press release.md", 1),
        (None, None),  # the message naming no file
        (None, None),  # docs/gone.md is not in the repository
        ("docs/index.md", 5),
        ("docs/index.md", 7),
    ]
    assert not any("mkdocs.yml" in line for line in printed), "never a fallback, never a forged place"


def test_nothing_printed_can_pass_for_another_workflow_command(project, capsys):
    _, printed = run(project, capsys)
    assert all(line.lstrip().startswith("::error ") for line in printed)
    found = annotations(printed)  # each line one annotation: a line break in a message is %0A
    assert len(found) == len(printed) == 7
    # GitHub reads %25 back as %: the forged line break stays the text "%0A" of the message.
    message = next(message for file, line, _, message in found if (file, line) == ("docs/index.md", 12))
    assert message == f"{HOSTILE}.".replace("%", "%25")
    forged = next(message for file, line, _, message in found if (file, line) == ("docs/index.md", 5))
    assert forged.startswith("the ID #x is gone. How to fix it: ") and "forged" not in forged


def test_a_generators_own_error_is_never_all_checks_passed(project, capsys):
    """MkDocs stopped before any page, on a configuration it could not read (no `ERROR - ` line)."""
    log = "Error: MkDocs encountered an error parsing the configuration file: mapping values are not allowed here\n"
    written, printed = run(project, capsys, report=NO_PLACE.replace("<failure", "<skipped").replace("</failure>", "</skipped>"), log=log)
    assert "All checks passed" not in written and "MkDocs encountered an error" in html.unescape(written), written
    assert len(annotations(printed)) == 1


def test_a_message_naming_no_file_is_annotated_without_one(project, capsys):
    _, printed = run(project, capsys, report=NO_PLACE, log="")
    assert annotations(printed) == [
        (
            None,
            None,
            "A check failed",
            "test_something[<b>] failed. How to fix it: ask a developer: the details are in the log of the step that ran the tests.",
        )
    ]


def test_the_summary_shows_each_message_as_written(project, capsys):
    written, _ = run(project, capsys)
    print(written)
    soup = BeautifulSoup(markdown.markdown(written), "html.parser")
    assert not soup.find_all(["img", "a", "details", "summary", "script"])
    assert [h.get_text() for h in soup.find_all(re.compile(r"^h[1-6]$"))] == ["What needs fixing"]
    items = [li.get_text() for li in soup.find_all("li")]
    assert f"The site could not be built, docs/index.md line 12: {HOSTILE}." in items
    assert "The site could not be built, docs/a,b:c.md line 3: a comma and a colon in the file's name." in items
    assert "The site could not be built: A message that names no file ::error::x." in items
    assert any(item.startswith("A shared link would no longer work, docs/index.md line 7: ![pixel](") for item in items)
    assert not any(line.lstrip().startswith("::") for line in written.splitlines())


def test_without_a_summary_file_the_summary_prints_with_commands_stopped(project, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    (project / "reports/tests.xml").write_text(REPORT, encoding="utf-8")
    (project / "reports/build.log").write_text(BUILD_LOG, encoding="utf-8")
    summary.main("reports/tests.xml", "reports/build.log")
    printed = capsys.readouterr().out.splitlines()
    stop = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", printed[0])
    assert stop, printed[0]
    end = printed.index(f"::{stop[1]}::")
    assert "## What needs fixing" in printed[1:end]
    annotations(printed[end + 1 :])  # after the summary: annotations only


def test_all_checks_passed(project, capsys):
    written, printed = run(
        project,
        capsys,
        report=REPORT.replace("<failure", "<skipped").replace("</failure>", "</skipped>"),
        log="INFO - built\n",
    )
    assert written.startswith("## All checks passed\n")
    assert printed == []


def test_when_the_checks_did_not_run(project, monkeypatch):
    text, notes = summary.summarize("reports/none.xml", "reports/none.log")
    assert "The checks did not run." in text and notes == []


def test_workflow_command_values_are_escaped_as_github_reads_them():
    assert summary.escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert summary.escape_property("100% a\r\nb: c, d") == "100%25 a%0D%0Ab%3A c%2C d"
    assert Path(unquote(summary.escape_property("docs/a,b:c.md"))) == Path("docs/a,b:c.md")


LINE_BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"]


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[repr(b) for b in LINE_BREAKS])
def test_a_problem_prints_on_one_line_whatever_its_file_and_message_hold(brk):
    """What the checks and the pipeline print reaches the Actions log: nothing in a file's name
    or a message can start a line there, where `::warning …` would be a workflow command."""
    from statement_site.problems import Problem

    printed = str(Problem(f"docs/a{brk}::warning file=x::forged.md", 1, f"the alias 'b{brk}::error::forged' is wrong"))
    assert len(printed.splitlines()) == 1 and "\udcff" not in printed, printed
    assert "::warning" in printed and not any(line.lstrip().startswith("::") for line in printed.splitlines())


def test_a_file_name_holding_a_line_break_is_named_on_one_line_of_the_checks_output(tmp_path):
    import subprocess
    import sys

    from project import copy_project

    project = copy_project(tmp_path / "project")
    (project / "docs" / "a\n::warning file=mkdocs.yml::forged.md").write_text("# A page\n", encoding="utf-8")
    (project / "docs" / "b\u2028::error::forged.md").write_text("# A page\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "statement_site", "check"], cwd=project, capture_output=True, text=True
    )
    lines = (result.stdout + result.stderr).splitlines()
    assert result.returncode == 1 and len([line for line in lines if "forged.md" in line]) == 2, lines
    assert all(line.startswith(("ERROR   -  ", "statement_site check:")) for line in lines), lines
