"""The checks that guard a pull request: each passes on the repository and catches what it is
for (spelling, Markdown style, YAML, workflows, Python), and the workflows are hardened.
tests/check/test_editors.py covers the editor checks themselves."""

import re
import shlex
import subprocess

import pytest
import yaml
from project import ROOT, copy_project

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


# -- The checks pass on the repository ------------------------------------------------


@pytest.mark.parametrize("hook_id", HOOKS)
def test_check_passes_on_the_repository(hook_id):
    pattern = re.compile(HOOKS[hook_id]["files"])
    exclude = re.compile(HOOKS[hook_id].get("exclude", "(?!)"))
    files = [path for path in project_files() if pattern.search(path) and not exclude.search(path)]
    assert files, f"{hook_id} matches no file: its `files:` pattern in .pre-commit-config.yaml is wrong"
    code, output = run_hook(hook_id, [] if HOOKS[hook_id].get("pass_filenames") is False else files)
    assert code == 0, f"{HOOKS[hook_id]['name']} found problems:\n{output}"


# -- …and fail on a deliberately broken sample ------------------------------------------

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


def test_markdown_checks_fail_on_a_broken_sample(tmp_path):
    sample = tmp_path / "broken.md"
    sample.write_text(BROKEN_MARKDOWN, encoding="utf-8")
    code, style = run_hook("pymarkdown", [sample])
    print(f"$ pymarkdown scan broken.md\n{style}")
    assert code != 0 and "MD022" in style and "MD004" in style
    code, spelling = run_hook("codespell", [sample])
    print(f"$ codespell broken.md\n{spelling}")
    assert code != 0 and all(f"{word} ==> " in spelling for word in MISSPELLED)


def test_spelling_leaves_out_pages_in_another_language(tmp_path):
    """As the model reads the page's language: a page of the project that says `lang: es`."""
    project = copy_project(tmp_path / "project")
    page = "# Pedimos un alto el fuego\n\nLa paz no puede ser un privilegio.\n"  # codespell:ignore
    (project / "docs/es.md").write_text(f"---\nlang: es\n---\n\n{page}", encoding="utf-8")
    (project / "docs/undeclared.md").write_text(page, encoding="utf-8")
    assert run_hook("codespell", ["docs/es.md"], cwd=project) == (0, "")
    code, output = run_hook("codespell", ["docs/undeclared.md"], cwd=project)
    assert code != 0 and "ser ==> " in output, output  # codespell:ignore


def test_yaml_check_fails_on_a_broken_sample(tmp_path):
    twice, unclosed = tmp_path / "twice.yml", tmp_path / "unclosed.yml"
    twice.write_text("index.md:\n  aliases: {a: b}\n  aliases: {c: d}\n", encoding="utf-8")
    unclosed.write_text("site_url: !ENV [SITE_URL, 'https://example.org/'\n", encoding="utf-8")
    code, output = run_hook("check-yaml", [twice, unclosed])
    print(f"$ python scripts/check_yaml.py twice.yml unclosed.yml\n{output}")
    assert code != 0
    assert "twice.yml:3: the key 'aliases' is written twice" in output and "unclosed.yml:2" in output


def test_workflow_checks_fail_on_broken_samples(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "malformed.yml").write_text(MALFORMED_WORKFLOW, encoding="utf-8")
    (workflows / "unsafe.yml").write_text(UNSAFE_WORKFLOW, encoding="utf-8")
    found = {}
    for hook_id, sample in [
        ("workflow-schema", "malformed"),
        ("actionlint", "malformed"),
        ("actionlint", "unsafe"),
        ("zizmor", "unsafe"),
    ]:
        code, output = run_hook(hook_id, [workflows / f"{sample}.yml"])
        print(f"$ {HOOKS[hook_id]['entry']} {sample}.yml\n{output}\n")
        assert code != 0, f"{hook_id} passed {sample}.yml"
        found[hook_id, sample] = output
    assert "'runs-on' is a required property" in found["workflow-schema", "malformed"]
    assert '"runs-on" section is missing' in found["actionlint", "malformed"]
    assert "[expression]" in found["actionlint", "malformed"]
    assert "potentially untrusted" in found["actionlint", "unsafe"]
    for audit in ("dangerous-triggers", "unpinned-uses", "artipacked", "template-injection"):
        assert f"[{audit}]" in found["zizmor", "unsafe"], audit


# -- The workflows are hardened ----------------------------------------------------------

USES = re.compile(r"uses:\s*(\S+)(.*)")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1):
        if match := USES.search(line):
            action, comment = match.groups()
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action) and re.fullmatch(
                r"\s*# v\d+\.\d+\.\d+", comment
            ), f"{workflow.name}:{number}: pin to a full commit SHA with '# vX.Y.Z' after it: {line.strip()}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_permissions_are_granted_per_job(workflow):
    config = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    triggers = config[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in triggers
    assert config["permissions"] == {}, f"{workflow.name}: start from `permissions: {{}}` at the top"
    for name, job in config["jobs"].items():
        assert job["timeout-minutes"] <= 30
        writes = {scope for scope, access in job["permissions"].items() if access == "write"}
        if any("actions/deploy-pages@" in step.get("uses", "") for step in job["steps"]):
            assert writes == {"pages", "id-token"}, f"{workflow.name}: job {name}"
        else:
            assert not writes, f"{workflow.name}: job {name} may only read"
        for step in job["steps"]:
            if "actions/checkout@" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False
                assert step["with"]["fetch-depth"] == 0, "the whole history, for the pages' dates"


def test_deployments_never_race():
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert set(publish[True]) == {"push", "workflow_dispatch"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
