"""The docs are true line by line, as far as a machine can tell: every file, module, command and
make target that README.md, CONTRIBUTING.md and the code's docstrings name exists, and
CONTRIBUTING.md's table of checks holds exactly the titles the job summary prints."""

import ast
import importlib
import re
import subprocess

import pytest
from project import ROOT

from statement_site import review, summary

DOCS = ("README.md", "CONTRIBUTING.md")
# What the build, the tests, CI or an editor write: named in the docs, never committed as code.
WRITTEN = ("site", "site-zensical", "site-preview", "site-z", ".build-cache", ".cache", ".venv", "node_modules", "bench/node_modules", "docs", "s", "assets/")
EXTENSIONS = "py|yml|yaml|md|html|css|js|json|txt|toml|in|cfg|sh|png|svg|pdf|woff2|ttf|otf"
# Names of the code's own kinds of files: a page, an image or an address of the built site
# (`press.md`, `privacy/index.html`) is an example, not a file of the repository.
CODE_FILE = re.compile(r"\.(py|yml|yaml|toml|in|cfg|sh|js|css|json)$")
# A path as the docs write one: folders and a name, or a name with its extension.
PATH = re.compile(rf"(?<![\w./@:-])((?:[\w.-]+/)+[\w.-]*|[\w-]+(?:\.[\w-]+)*\.(?:{EXTENSIONS}))(?![\w/@-])")
CODE = re.compile(r"`([^`\n]+)`")
MODULE = re.compile(r"(?<![/\w])statement_site(?:\.(?!py\b)\w+)+(?![\w.])")
MAKE = re.compile(r"^make ([a-z][\w-]*)", re.MULTILINE)
COMMAND = re.compile(r"python -m statement_site ([a-z][\w-]*)")


def tracked():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    files = {name for name in listed if name and (ROOT / name).exists()}
    folders = {"/".join(name.split("/")[:n]) for name in files for n in range(1, name.count("/") + 1)}
    return files | {f"{folder}/" for folder in folders}


def code_in(text):
    """What `text` writes as code: its code spans and the lines of its code blocks."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    return [*CODE.findall(text), *(line.strip() for block in blocks for line in block.splitlines())]


def named_in(text):
    """Every path of the repository's kinds named in `text`'s code."""
    spans = [span for span in code_in(text) if not re.search(r"[<>*…{}$]|://", span)]
    return {found.rstrip(".") for span in spans for found in PATH.findall(span)}


def docstrings():
    """(file, docstring) of every module, class and function of the code."""
    for path in sorted([*ROOT.glob("statement_site/**/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("scripts/*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in (tree, *ast.walk(tree)):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and ast.get_docstring(node):
                yield path.relative_to(ROOT).as_posix(), ast.get_docstring(node)


def texts():
    yield from ((name, (ROOT / name).read_text(encoding="utf-8")) for name in DOCS)
    yield from docstrings()


def exists(path, files):
    """A path is a file or folder of the repository, named whole or from a folder of it
    (`steps/icon.py`); what the build writes, and examples, are left aside."""
    path = path.removeprefix("./")
    if path.split("/")[0] in WRITTEN or path.startswith(WRITTEN):
        return True
    folders = {name.rstrip("/").rsplit("/", 1)[-1] for name in files if name.endswith("/")}
    if not CODE_FILE.search(path) and path.split("/")[0] not in folders:
        return True  # an address of the site, an example page
    return any(name == path or name.endswith(f"/{path}") for name in files)


def test_every_file_the_docs_name_exists():
    files = tracked()
    missing = sorted({(where, path) for where, text in texts() for path in named_in(text) if not exists(path, files)})
    assert not missing, "\n".join(f"{where} names {path}, which is no file of the repository" for where, path in missing)


def test_every_module_the_docs_name_imports():
    missing = []
    for where, text in texts():
        for name in set(MODULE.findall(text)):
            parts = name.split(".")
            for n in range(len(parts), 0, -1):
                try:
                    found = importlib.import_module(".".join(parts[:n]))
                except ImportError:
                    continue
                for attribute in parts[n:]:
                    found = getattr(found, attribute, None)
                if found is None:
                    missing.append(f"{where} names {name}")
                break
    assert not missing, "\n".join(sorted(set(missing)))


def test_every_make_target_and_command_the_docs_name_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    commands = set(re.findall(r'add_parser\("([a-z-]+)"', (ROOT / "statement_site/__main__.py").read_text(encoding="utf-8")))
    missing = [
        f"{where} names {kind} {name}"
        for where, text in texts()
        for kind, names, known in (("make", MAKE.findall("\n".join(code_in(text))), targets), ("python -m statement_site", COMMAND.findall(text), commands))
        for name in names
        if name not in known
    ]
    assert not missing, "\n".join(sorted(set(missing)))


def printed_titles():
    return {title for title, _ in summary.TEST_GROUPS.values()} | {summary.BUILD, summary.OTHER[0], review.CODE_CHANGED}


def test_every_group_of_tests_has_its_title_for_editors():
    groups = {path.stem for path in ROOT.glob("tests/*/test_*.py")}
    assert groups <= set(summary.TEST_GROUPS), sorted(groups - set(summary.TEST_GROUPS))


def test_contributings_table_of_checks_holds_the_titles_the_summary_prints():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("## What the checks mean", 1)[1].split("\n\n", 2)[1]
    rows = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| **")]
    written = {title for row in rows for title in re.findall(r"\*\*(.+?)\*\*", row)}
    assert written == printed_titles(), (sorted(written - printed_titles()), sorted(printed_titles() - written))


@pytest.mark.parametrize("text", ["See `statement_site/nothing.py` and `overrides/none.html`.", "Run `missing.yml`."])
def test_a_name_of_no_file_is_found(text):
    assert named_in(text) and not all(exists(path, tracked()) for path in named_in(text))
