"""Editors: each ordinary edit, written the way an editor first writes it, passes the editor
checks (the first thing every build runs); each mistake is stopped with the words and the
`file:line` the editor reads, first on its line, whatever else is wrong. The edits are built,
all together, with MkDocs and Zensical in tests/check/test_generators.py.

`python tests/check/test_editors.py` prints the table of edits and every mistake's message."""

import sys
import tempfile
from pathlib import Path

import pytest
from edits import EDITS, ID_LINE, MISTAKES, add_alias, model, renamed_without_alias
from project import copy_project, published_copy

from statement_site import checks


def test_every_ordinary_edit_passes_the_checks(tmp_path):
    """All of them, one after the other, as editors would over time: any message names the file
    and line of the edit it is about."""
    project = published_copy(tmp_path / "project")
    for edit in EDITS.values():
        edit(project)
    problems = checks.run(project)
    assert not problems, "\n".join(map(str, problems))


# Mistakes about what is published need a copy with a history; the others, a plain copy.
ABOUT_WHAT_IS_PUBLISHED = {"renamed-without-alias", "two-paragraphs-merged-without-alias", "a-page-renamed-without-its-move"}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_mistake_is_stopped_in_plain_words(tmp_path, mistake):
    project = (published_copy if mistake in ABOUT_WHAT_IS_PUBLISHED else copy_project)(tmp_path / "project")
    before = model(project)
    make, said = MISTAKES[mistake]
    path, line, *told = make(project)
    said = told[0] if told else said
    line += 1 if mistake in ID_LINE else 0
    problems = [str(p) for p in checks.run(project)]
    on_that_line = [p for p in problems if p.startswith(f"{path}:{line}: ")]
    assert len(on_that_line) == 1 == len(problems), f"one message, on {path}:{line}: got\n" + "\n".join(problems)
    said = said(before) if callable(said) else said
    assert on_that_line[0] == f"{path}:{line}: {said}", "\n".join(problems)


def test_the_message_for_a_rename_is_the_line_to_add_and_it_works(tmp_path):
    """Following the message word for word clears it."""
    project = published_copy(tmp_path / "project")
    renamed_without_alias(project)
    (message,) = [str(p) for p in checks.run(project)]
    line = message.split("add the line '", 1)[1].split("'", 1)[0]
    old, new = (part.strip() for part in line.split(":"))
    add_alias(project, old, new)
    assert checks.run(project) == []


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as root:
        print("| Edit | Checks |\n| --- | --- |")
        for name, edit in EDITS.items():
            project = published_copy(Path(root) / name)
            edit(project)
            print(f"| {name.replace('_', ' ')} | {'; '.join(map(str, checks.run(project))) or 'passes'} |")
        for name, (make, _) in MISTAKES.items():
            project = published_copy(Path(root) / f"mistake-{name}")
            make(project)
            print(f"\n{name}:\n  " + "\n  ".join(map(str, checks.run(project))))
    sys.exit(0)
