"""The checks that guard a pull request: each passes on the repository and catches what it is
for (spelling, Markdown style, YAML, workflows, Python), and the workflows are hardened.
tests/check/test_editors.py covers the editor checks themselves."""

import json
import re
import shlex
import subprocess

import pathspec
import pytest
import yaml
from project import ROOT, copy_project

from statement_site.source.files import is_content

HOOKS = {
    hook["id"]: hook
    for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    for hook in repo["hooks"]
}
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def project_files():
    """Tracked files and new ones not yet committed, as pre-commit would see them after `git add`."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return sorted({path for path in listed if (ROOT / path).is_file()})


def run_hook(hook_id, files, cwd=ROOT):
    """Run one hook of .pre-commit-config.yaml on `files`, from a project's root."""
    command = shlex.split(HOOKS[hook_id]["entry"]) + [str(f) for f in files]
    command = [str(ROOT / word) if word.startswith((".venv/", "scripts/")) else word for word in command]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    return result.returncode, (result.stdout + result.stderr).strip()


# -- Each check passes on the repository, and catches what it is for -------------------------

MISSPELLED = ("Teh", "recieved")  # codespell:ignore (the sample's deliberate typos)

BROKEN_MARKDOWN = f"""\
---
title: A broken page
---

# A broken page
## No blank line above this heading

{MISSPELLED[0]} statement must be {MISSPELLED[1]} as it was written.

* one list marker
- and another
A line right under a list.
"""

# One workflow that GitHub would refuse, one that it would run but should not.
MALFORMED_WORKFLOW = """\
on: push
jobs:
  build:
    steps:
      - run: echo "${{ github.ref }"
"""
UNSAFE_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""
# One that actionlint 1.7 catches and the 1.6.22 it replaced let through: a condition always true.
ALWAYS_WORKFLOW = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo published
        if: ${{ github.ref == 'refs/heads/main' }} && true
"""
SAMPLES = {
    "broken.md": BROKEN_MARKDOWN,
    "twice.yml": "index.md:\n  aliases: {a: b}\n  aliases: {c: d}\n",
    "unclosed.yml": "site_url: !ENV [SITE_URL, 'https://example.org/'\n",
    ".github/workflows/malformed.yml": MALFORMED_WORKFLOW,
    ".github/workflows/unsafe.yml": UNSAFE_WORKFLOW,
    ".github/workflows/always.yml": ALWAYS_WORKFLOW,
}
# hook -> (its broken samples, what it must say of them)
CATCHES = {
    "pymarkdown": (["broken.md"], ["MD022", "MD004"]),
    "codespell": (["broken.md"], [f"{word} ==> " for word in MISSPELLED]),
    "check-yaml": (["twice.yml", "unclosed.yml"], ["twice.yml:3: the key 'aliases' is written twice", "unclosed.yml:2"]),
    "workflow-schema": (["malformed.yml"], ["'runs-on' is a required property"]),
    "actionlint": (["malformed.yml", "unsafe.yml", "always.yml"], ['"runs-on" section is missing', "[expression]", "potentially untrusted", "[if-cond]"]),
    "zizmor": (["unsafe.yml"], [f"[{audit}]" for audit in ("dangerous-triggers", "unpinned-uses", "artipacked", "template-injection")]),
}


@pytest.mark.parametrize("hook_id", HOOKS)
def test_each_check_passes_on_the_repository_and_catches_what_it_is_for(tmp_path, hook_id):
    """One run on the repository's files and the hook's broken samples: problems in the samples,
    each it is for; none in the repository."""
    pattern = re.compile(HOOKS[hook_id]["files"])
    exclude = re.compile(HOOKS[hook_id].get("exclude", "(?!)"))
    files = [path for path in project_files() if pattern.search(path) and not exclude.search(path)]
    assert files, f"{hook_id} matches no file: its `files:` pattern in .pre-commit-config.yaml is wrong"
    names, said = CATCHES.get(hook_id, ([], []))
    samples = []
    for name in names:
        path = tmp_path / next(key for key in SAMPLES if key.endswith(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SAMPLES[path.relative_to(tmp_path).as_posix()], encoding="utf-8")
        samples.append(path)
    code, output = run_hook(hook_id, [] if HOOKS[hook_id].get("pass_filenames") is False else [*files, *samples])
    print(f"$ {HOOKS[hook_id]['entry']} … {' '.join(names)}\n{output}")
    about_the_repository = [line for line in output.splitlines() if any(f"{file}:" in line for file in files)]
    assert not about_the_repository, f"{HOOKS[hook_id]['name']} found problems:\n" + "\n".join(about_the_repository)
    assert (code != 0) == bool(samples), output
    assert all(words in output for words in said), f"{hook_id} did not say {said}:\n{output}"


def contributing_examples():
    """Each ```markdown block of CONTRIBUTING.md, as a page of its own: what editors copy."""
    blocks = re.findall(r"^```markdown\n(.*?)^```$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    pages = []
    for block in blocks:
        front, body = re.match(r"(---\n.*?\n---\n\n?)?(.*)", block, re.DOTALL).groups()
        title = "" if body.startswith("# ") else "# An example\n\n"
        pages.append(f"{front or ''}{title}{body}".rstrip("\n") + "\n")
    return pages


def test_contributings_examples_pass_the_style_check(tmp_path):
    """What CONTRIBUTING.md teaches passes the Markdown style check as it is written: no rule
    says no to the site's own syntax (a link to a part by its ID, an address written out, a
    hashtag, two notices in a row; pyproject.toml, [tool.pymarkdown])."""
    pages = contributing_examples()
    assert len(pages) > 10, "CONTRIBUTING.md's ```markdown blocks"
    files = []
    for n, page in enumerate(pages, 1):
        files.append(tmp_path / f"example-{n}.md")
        files[-1].write_text(page, encoding="utf-8")
    code, output = run_hook("pymarkdown", files)
    assert code == 0, output


def test_the_style_rules_contributing_names_are_the_ones_that_run(tmp_path):
    """"What the checks mean" names the rules an editor meets: each catches its mistake."""
    row = next(line for line in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines() if "Markdown style (pymarkdown)" in line)
    named = re.findall(r"`(MD\d{3})`", row)
    path = tmp_path / "broken.md"
    path.write_text(BROKEN_MARKDOWN, encoding="utf-8")
    code, output = run_hook("pymarkdown", [path])
    assert named and code != 0 and all(f": {rule}: " in output for rule in named), (named, output)


def test_spelling_leaves_out_pages_in_another_language(tmp_path):
    """As the model reads the page's language: a page of the project that says `lang: es`."""
    project = copy_project(tmp_path / "project")
    page = "# Pedimos un alto el fuego\n\nLa paz no puede ser un privilegio.\n"  # codespell:ignore
    (project / "docs/es.md").write_text(f"---\nlang: es\n---\n\n{page}", encoding="utf-8")
    (project / "docs/undeclared.md").write_text(page, encoding="utf-8")
    code, output = run_hook("codespell", ["docs/es.md", "docs/undeclared.md"], cwd=project)
    assert code != 0 and "ser ==> " in output and "es.md" not in output.replace("undeclared.md", ""), output  # codespell:ignore


# -- The workflows are hardened ----------------------------------------------------------

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)")  # not `statuses:`


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
        if match := USES.search(line):
            action, comment = match.groups()
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action) and re.fullmatch(
                r"\s*# v\d+\.\d+\.\d+", comment
            ), f"{workflow.name}:{number}: pin to a full commit SHA with '# vX.Y.Z' after it: {line.strip()}"


# Triggers that run with write access and secrets whatever the pull request holds: the verdict's,
# and publishing's, which goes on only for this repository's pushes to main.
PRIVILEGED = {"pull_request_target", "workflow_run"}
VERDICT = ROOT / ".github" / "workflows" / "verdict.yml"
PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
CHECKS_WORKFLOW = ROOT / ".github" / "workflows" / "checks.yml"
PRIVILEGED_TRIGGER = {VERDICT: {"pull_request_target"}, PUBLISH: {"workflow_run"}}
# What the verdict's job may run of git: fetching and naming commits, never a checkout of one.
READING_GIT = {"fetch", "cat-file", "rev-parse"}


def workflow(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("workflow_file", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_permissions_are_granted_per_job(workflow_file):
    config = workflow(workflow_file)
    triggers = config[True]  # YAML 1.1 reads the key `on` as True
    assert PRIVILEGED & set(triggers) <= PRIVILEGED_TRIGGER.get(workflow_file, set()), f"{workflow_file.name}: a privileged trigger"
    assert config["permissions"] == {}, f"{workflow_file.name}: start from `permissions: {{}}` at the top"
    for name, job in config["jobs"].items():
        assert job["timeout-minutes"] <= 30
        writes = {scope for scope, access in job["permissions"].items() if access == "write"}
        if any("actions/deploy-pages@" in step.get("uses", "") for step in job["steps"]):
            assert writes == {"pages", "id-token"}, f"{workflow_file.name}: job {name}"
        elif workflow_file == VERDICT:
            assert job["permissions"] == {"contents": "read", "statuses": "write"}, f"{workflow_file.name}: job {name}"
        else:
            assert not writes, f"{workflow_file.name}: job {name} may only read"
        for step in job["steps"]:
            if "actions/checkout@" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False
                assert step["with"]["fetch-depth"] == 0, "the whole history, for the pages' dates"


PULL_REQUEST_VALUES = re.compile(r"\$\{\{[^}]*\b(github\.event\.(pull_request|issue|comment|review|head_commit|commits|workflow_run)|github\.head_ref)\b")


@pytest.mark.parametrize("workflow_file", WORKFLOWS, ids=lambda path: path.name)
def test_no_command_holds_a_value_the_pull_request_writes(workflow_file):
    """A branch name or a title is text an attacker chooses: inside `run:` it would be shell."""
    for name, job in workflow(workflow_file)["jobs"].items():
        for step in job["steps"]:
            assert not PULL_REQUEST_VALUES.search(step.get("run", "")), f"{workflow_file.name}: job {name}: {step.get('name')}"


def test_the_verdict_never_checks_out_or_runs_the_pull_requests_code():
    """verdict.yml, the one workflow with a privileged trigger: main checked out (no `ref:`),
    main's dependencies installed before the pull request is fetched, its commits fetched and
    read by main's package alone, no cache, and its only write a commit status."""
    config = workflow(VERDICT)
    assert set(config[True]) == {"pull_request_target"}
    (job,) = config["jobs"].values()
    steps = job["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"], uses
    checkout = next(step for step in steps if "actions/checkout@" in step.get("uses", ""))
    assert set(checkout["with"]) == {"fetch-depth", "persist-credentials"}, "main only: no ref, no repository"
    setup = next(step for step in steps if "actions/setup-python@" in step.get("uses", ""))
    assert "cache" not in setup["with"], "a cache written under a privileged trigger could poison main's"
    runs = [(index, step["run"]) for index, step in enumerate(steps) if "run" in step]
    fetching = next(index for index, run in runs if "git" in run and " fetch " in run)
    installing = next(index for index, run in runs if "make .venv/site.stamp" in run)
    assert installing < fetching, "main's package is installed before anything of the pull request is on disk"
    shell = "\n".join(run.replace("\\\n", " ") for _, run in runs)
    git_verbs = set(re.findall(r"\bgit(?:\s+-c\s+(?:\"[^\"]*\"|\S+))*\s+([a-z-]+)", shell))
    assert git_verbs <= READING_GIT, f"git may only fetch and read commits here: {git_verbs}"
    assert re.findall(r"\bmake\s+(\S+)", shell) == [".venv/site.stamp"]
    pythons = set(re.findall(r"([\w./]*python3?) (-m \S+|-c)", shell))
    assert pythons == {(".venv/bin/python", "-m statement_site"), ("python3", "-c")}, pythons
    assert not re.search(r"(^|\s)(bash|sh|source|npm|npx|node|pip)\s|\./", shell), "nothing else is run"
    review = next(run for _, run in runs if "statement_site review" in run)
    assert '.venv/bin/python -m statement_site review HEAD "$HEAD_SHA"' in review
    for _, run in runs:
        if "gh api" in run:
            assert re.findall(r"gh api --method POST \"repos/\$GITHUB_REPOSITORY/statuses/\$HEAD_SHA\"", run), run


def code_owners(path):
    """The owners .github/CODEOWNERS gives a file: the last pattern that matches it wins."""
    owners = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *names = line.split()
            if pathspec.PathSpec.from_lines("gitignore", [pattern]).match_file(path):
                owners = names
    return owners


def test_code_is_the_developers_and_content_the_editors():
    """Every file of the repository that is not content (statement_site.source.files.CONTENT)
    waits for a developer's review; no content file does."""
    wrong = [(path, code_owners(path)) for path in project_files() if bool(code_owners(path)) == is_content(path)]
    assert not wrong, f"owned content, or code without an owner: {wrong[:10]}"
    assert code_owners("config/site.yml") == ["@ilrc/developers"] and not code_owners("docs/index.md")


def test_only_mains_newest_commit_whose_checks_passed_is_published_one_deployment_at_a_time():
    """publish.yml starts when a run of checks.yml ends, goes on for this repository's pushes to
    main that passed, and only for main's newest commit (checks that end out of order never put
    an older one back); it builds exactly the commit checked, against what readers have now."""
    publish, checks = workflow(PUBLISH), workflow(CHECKS_WORKFLOW)
    assert publish[True] == {"workflow_run": {"workflows": [checks["name"]], "types": ["completed"], "branches": ["main"]}}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    which, build, deploy = (publish["jobs"][name] for name in ("which", "build", "deploy"))
    for condition in ("conclusion == 'success'", "event == 'push'", "head_repository.full_name == github.repository"):
        assert f"github.event.workflow_run.{condition}" in which["if"], condition
    assert build["needs"] == "which" and build["if"] == "${{ needs.which.outputs.newest == 'true' }}" and deploy["needs"] == "build"
    assert '[ "$newest" = "$HEAD_SHA" ]' in which["steps"][0]["run"] and "environment=github-pages" in which["steps"][0]["run"]
    checkout = next(step for step in build["steps"] if "actions/checkout@" in step.get("uses", ""))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}", "the commit the checks passed, not main's tip"
    make = next(step for step in build["steps"] if "make build" in step.get("run", ""))
    assert make["env"]["PUBLISHED_BASE"] == "${{ needs.which.outputs.published || github.event.workflow_run.head_sha }}"
    assert set(checks[True]) >= {"push", "pull_request"} and checks[True]["push"] == {"branches": ["main"]}


@pytest.mark.parametrize("workflow_file", WORKFLOWS, ids=lambda path: path.name)
def test_only_a_superseded_pull_request_push_is_cancelled(workflow_file):
    """A run cancels its group's running one only for a pull request; a push to main has a group
    of its own (its run's), so it is neither cancelled nor replaced while it waits."""
    config = workflow(workflow_file)
    concurrency, triggers = config.get("concurrency") or {}, set(config[True])
    if triggers <= {"pull_request", "pull_request_target"} or concurrency.get("cancel-in-progress", False) is False:
        return
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}", workflow_file.name
    assert concurrency["group"].endswith("${{ github.event_name == 'pull_request' && github.ref || github.run_id }}"), workflow_file.name


def test_lighthouse_is_installed_for_make_bench_alone():
    """About 150 MB that only `make bench` uses: its own package under bench/, installed by that
    target; the tests and CI install the root package (make .venv/test.stamp), pinned exactly."""
    root, bench = (json.loads((ROOT / folder / "package.json").read_text(encoding="utf-8")) for folder in (".", "bench"))
    assert "lighthouse" in bench["devDependencies"] and "lighthouse" not in root["devDependencies"]
    assert "node_modules/lighthouse" not in json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for package in (root, bench):
        assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in package["devDependencies"].values()), package
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = dict(re.findall(r"^(\S+):([^\n]*)", makefile, re.MULTILINE))
    assert "bench/node_modules/.installed" in rules["bench"].split() and "npm ci --prefix bench" in makefile
    runs = [step.get("run", "") for path in WORKFLOWS for job in workflow(path)["jobs"].values() for step in job["steps"]]
    assert "bench" not in rules["$(VENV)/test.stamp"] and not [run for run in runs if re.search(r"bench|lighthouse", run, re.IGNORECASE)]


# -- The locks install on any machine --------------------------------------------------------


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-test.txt", "package-lock.json", "bench/package-lock.json"])
def test_the_locks_name_no_index_or_folder_of_the_machine_that_wrote_them(lock):
    """pip-compile writes the index and folders of the machine it runs on unless told not to
    (`make lock` tells it): such a line makes pip warn, or fail, everywhere else."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    machine = re.compile(r"^\s*(--(extra-)?index-url|--find-links|-f |-i )|file:/|/opt/|/home/|/root/|/tmp/", re.MULTILINE)
    found = [line for line in text.splitlines() if machine.search(line)]
    assert not found, f"{lock} names this machine: {found[:3]}; recompile it with `make lock`"
