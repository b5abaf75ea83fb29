"""Editing: the path from the "Edit" button to a published change. Each page links
to its own source, the checks that guard a pull request pass on the repository and
catch what they are for, the workflows are safe, and Zensical builds the same text."""

import datetime
import os
import re
import shlex
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_copy, copy_project
from mkdocs.structure.files import File
from statement import blocks, squeeze

HOOKS = {
    hook["id"]: hook
    for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    for hook in repo["hooks"]
}
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PUBLISHED = yaml.safe_load((ROOT / "published-anchors.yml").read_text(encoding="utf-8"))


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


def run_hook(hook_id, files):
    """Run one hook of .pre-commit-config.yaml on `files`, from the project's root."""
    command = shlex.split(HOOKS[hook_id]["entry"]) + [str(f) for f in files]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return result.returncode, (result.stdout + result.stderr).strip()


# -- The checks pass on the repository ------------------------------------------------


@pytest.mark.parametrize("hook_id", HOOKS)
def test_check_passes_on_the_repository(hook_id):
    pattern = re.compile(HOOKS[hook_id]["files"])
    files = [path for path in project_files() if pattern.search(path)]
    assert files, f"{hook_id} matches no file: its `files:` pattern in .pre-commit-config.yaml is wrong"
    code, output = run_hook(hook_id, files)
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
    page = "# Pedimos un alto el fuego\n\nLa paz no puede ser un privilegio.\n"  # codespell:ignore
    spanish, undeclared = tmp_path / "es.md", tmp_path / "undeclared.md"
    spanish.write_text(f"---\nlang: es\n---\n\n{page}", encoding="utf-8")
    undeclared.write_text(page, encoding="utf-8")
    assert run_hook("codespell", [spanish]) == (0, "")
    code, output = run_hook("codespell", [undeclared])
    assert code != 0 and "ser ==> " in output, output  # codespell:ignore


def test_yaml_check_fails_on_a_broken_sample(tmp_path):
    twice, unclosed = tmp_path / "twice.yml", tmp_path / "unclosed.yml"
    twice.write_text("index.md:\n  anchors: [mission]\n  anchors: [peace]\n", encoding="utf-8")
    unclosed.write_text("site_url: !ENV [SITE_URL, 'https://example.org/'\n", encoding="utf-8")
    code, output = run_hook("check-yaml", [twice, unclosed])
    print(f"$ python scripts/check_yaml.py twice.yml unclosed.yml\n{output}")
    assert code != 0
    assert "twice.yml:3: the key 'anchors' is written twice" in output and "unclosed.yml:2" in output


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


# -- Every page links to its own source, and says when it last changed -------------------


def source_pages(site_config):
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src = path.relative_to(ROOT / "docs").as_posix()
        page = File(src, site_config.docs_dir, site_config.site_dir, site_config.use_directory_urls)
        yield src, page.dest_uri


def test_each_page_links_to_its_own_source(read_page, site_config):
    repo = site_config.repo_url.rstrip("/")
    for src, built in source_pages(site_config):
        assert (ROOT / "docs" / src).is_file()
        page = read_page(built)
        assert page.select_one("a[rel~=edit]")["href"] == f"{repo}/edit/main/docs/{src}", built
        view = page.select_one("a.md-content__button:not([rel~=edit])")
        assert view["href"] == f"{repo}/raw/main/docs/{src}", built


def last_commit_date(path):
    """The day of the last commit that changed `path`, or None outside a git checkout."""
    result = subprocess.run(["git", "log", "-1", "--format=%at", "--", path], cwd=ROOT, capture_output=True, text=True)
    if result.returncode or not result.stdout.strip():
        return None
    return datetime.datetime.fromtimestamp(int(result.stdout), datetime.UTC).date()


def test_each_page_says_when_it_was_last_updated(read_page, site_config):
    today = datetime.datetime.now(datetime.UTC).date()
    for src, built in source_pages(site_config):
        date = read_page(built).select_one(".md-source-file .git-revision-date-localized-plugin-date")
        assert date is not None, f"{built} has no 'Last update' date"
        shown = datetime.datetime.strptime(date.get_text(strip=True), "%B %d, %Y").date()
        assert shown == (last_commit_date(f"docs/{src}") or today), f"{built}: {shown}"


def test_a_download_without_git_history_still_builds(tmp_path, site_config):
    project = copy_project(tmp_path)
    code, output = build_copy(project)
    assert code == 0, output
    page = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".git-revision-date-localized-plugin-date"), "no 'Last update' date"
    revisions = BeautifulSoup((project / "site/revisions/index.html").read_text(encoding="utf-8"), "html.parser")
    fallback = revisions.select_one("article p")
    assert "not available in this copy of the site" in fallback.get_text()
    assert fallback.a["href"] == f"{site_config.repo_url.rstrip('/')}/commits/main/docs/index.md"


def test_each_page_says_in_words_when_it_last_changed_and_links_every_revision(read_page):
    fact = read_page("index.html").select_one(".md-source-file__fact")
    assert squeeze(fact.get_text()).startswith("This page was last changed on ")
    assert fact.a.get_text(strip=True) == "Every change to the statement" and fact.a["href"] == "revisions/"


def test_the_revisions_page_lists_each_change_newest_first(read_page, site_config):
    log = subprocess.run(
        ["git", "log", "--format=%H%x09%at%x09%s", "--", "docs/index.md"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    assert log, "this test needs the git history of docs/index.md"
    items = read_page("revisions/index.html").select("article li")
    assert len(items) == len(log)
    repo = site_config.repo_url.rstrip("/")
    for item, entry in zip(items, log):
        commit, timestamp, summary = entry.split("\t", 2)
        day = datetime.datetime.fromtimestamp(int(timestamp), datetime.UTC).strftime("%B %-d, %Y")
        assert squeeze(item.get_text()) == f"{day}: {squeeze(summary)} (see the change)"
        assert item.a["href"] == f"{repo}/commit/{commit}"


# -- Zensical, which reads the same mkdocs.yml, publishes the same statement -------------


@pytest.fixture(scope="module")
def zensical_html(tmp_path_factory):
    """The statement's page as Zensical builds it from a copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    zensical = os.path.join(os.path.dirname(sys.executable), "zensical")
    result = subprocess.run([zensical, "build", "--clean"], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return (project / "site" / "index.html").read_text(encoding="utf-8")


def test_zensical_publishes_every_word_in_order(zensical_html):
    article = BeautifulSoup(zensical_html, "html.parser").select_one("article.md-content__inner")
    for link in article.select(".headerlink, .share-link"):
        link.extract()
    rendered = [squeeze(e.get_text()) for e in article.find_all(["h1", "h2", "h3", "h4", "p", "li"])]
    position = 0
    for block in blocks():
        assert block.text in rendered[position:], f"docs/index.md:{block.line}: missing in Zensical's build"
        position = rendered.index(block.text, position) + 1


def test_zensical_keeps_every_published_anchor(zensical_html):
    ids = {element["id"] for element in BeautifulSoup(zensical_html, "html.parser").select("article [id]")}
    missing = sorted(set(PUBLISHED["index.md"]["anchors"]) - ids)
    assert not missing, f"published anchors missing in Zensical's build: {missing}"


# -- Each pull request shows what readers will see change (scripts/redline.py) -------------

BASE = {
    "docs/index.md": """\
# A statement

## Our calls {#calls}

We call on officials to act:
{#calls-intro}

- Officials must call for an immediate and permanent ceasefire in Gaza.
  {#call-ceasefire}
- Congress must reject funding requests.
  {#call-reject-funding}
""",
    "docs/old.md": "# Old page\n",
    "published-anchors.yml": "index.md:\n  anchors:\n    - calls\n  aliases:\n",
}
# A reworded call, a new paragraph, a removed call with its alias, a page renamed.
HEAD = {
    "docs/index.md": """\
# A statement

## Our calls {#calls}

We call on officials to act:
{#calls-intro}

- Officials must call for a lasting and permanent ceasefire in Gaza.
  {#call-ceasefire}

A new paragraph, added today.
{#new-paragraph}
""",
    "docs/new.md": "# New page\n",
    "published-anchors.yml": "index.md:\n  anchors:\n    - calls\n  aliases:\n    call-reject-funding: call-ceasefire\n",
}


def redline(repo, *versions):
    """Commit each version of the files to a new git repository; the redline from the first to the last."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    for number, files in enumerate(versions):
        for old in repo.glob("docs/*.md"):
            old.unlink()
        for name, text in files.items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(text, encoding="utf-8")
        subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
        subprocess.run([*git, "commit", "-qm", f"Version {number}"], cwd=repo, check=True)
    base = f"HEAD~{len(versions) - 1}"
    command = [sys.executable, str(ROOT / "scripts/redline.py"), base, "HEAD"]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout


def test_the_redline_marks_each_changed_word_by_section_and_id(tmp_path):
    output = redline(tmp_path, BASE, HEAD)
    print(output)
    lines = output.splitlines()
    assert lines[0] == "## What readers will see change"
    assert "### docs/index.md" in lines
    section = lines.index("**Our calls (#calls)**")
    assert lines[section + 2 : section + 5] == [
        "- `#call-ceasefire`: Officials must call for <del>an immediate</del> <ins>a lasting</ins> and permanent "
        "ceasefire in Gaza.",
        "- `#new-paragraph` (new): <ins>A new paragraph, added today.</ins>",
        "- `#call-reject-funding` (removed): <del>Congress must reject funding requests.</del>",
    ]
    assert "- **IDs added**: `#new-paragraph`" in lines
    assert "- **IDs removed**: `#call-reject-funding`" in lines
    assert "- **IDs aliased (old links now land on)**: `#call-reject-funding` → `#call-ceasefire`" in lines
    assert "- **Pages added**: `docs/new.md`" in lines
    assert "- **Pages removed**: `docs/old.md`" in lines


def test_no_change_says_so(tmp_path):
    assert redline(tmp_path, BASE).endswith("No change to the text readers see.\n")


def test_a_commit_summary_shows_as_written_on_the_revisions_page():
    """Markup in a summary is shown, never run or rendered: the page is built from what anyone may commit."""
    import runpy

    import markdown

    summary = "Fix <script>alert(1)</script> and **bold**, [a link](x) #hashtag"
    page = runpy.run_path(str(ROOT / "hooks/revisions.py"))["revisions_page"]
    rendered = markdown.markdown(page([("May 1, 2026", summary, "abc")], "https://github.com/o/r"))
    item = BeautifulSoup(rendered, "html.parser").li
    assert squeeze(item.get_text()) == f"May 1, 2026: {summary} (see the change)"
    assert item.find("script") is None and [a["href"] for a in item.find_all("a")] == [
        "https://github.com/o/r/commit/abc"
    ]
