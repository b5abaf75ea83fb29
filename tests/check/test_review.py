"""The verdict on a pull request (`python -m statement_site review BASE HEAD`), written by main's
code over the pull request's commits read as data: run on a repository of the tests' own, with a
branch per kind of pull request, as .github/workflows/verdict.yml runs it on main's checkout."""

from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from edits import home_file, own, own_page, paragraph, replace_on_line, setting_line
from markdown import markdown
from project import git, repository, run

from statement_site import review
from statement_site.steps.policy import digest

FORGED = "All checks passed (written by the pull request)"


def branch(repo, name, change):
    """A pull request: a branch off main with one commit of `change(repo)`, main checked out again."""
    git(repo, "checkout", "-q", "-b", name, "main")
    change(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", name)
    git(repo, "checkout", "-q", "main")


def edit(repo, path, old, new):
    text = (repo / path).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    (repo / path).write_text(text.replace(old, new, 1), encoding="utf-8")


def reword_a_paragraph(repo):
    part = paragraph(repo, 0)
    first = home_file(repo).read_text(encoding="utf-8").split("\n")[part.line - 1].split()[0]
    replace_on_line(home_file(repo), part.line, first, "Reworded")


def rename_the_site(repo):
    setting_line(repo, "site_name", "site_name: A new name for the site")


def forge_the_verdict(repo):
    """The package's summary and review made to print a passing verdict, whatever happens."""
    with (repo / "statement_site/summary.py").open("a", encoding="utf-8") as summary:
        summary.write(f"\nprint({FORGED!r})\n\ndef needs_fixing(items):\n    return {FORGED!r}\n")
    edit(repo, "statement_site/review.py", "def report(verdict, root, since, head):", f"def report(*args):\n    return {FORGED!r}\n\n\ndef unused(verdict, root, since, head):")


def add_a_script_to_the_settings(repo):
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write("\nextra_javascript:\n  - https://example.org/x.js\n")


def break_a_link(repo):
    with own_page(repo).open("a", encoding="utf-8") as page:
        page.write(f"\nRead [the missing page]({own('missing')}.md).\n")


PULL_REQUESTS = {
    "content": reword_a_paragraph,
    "settings": rename_the_site,
    "forged": forge_the_verdict,
    "script": add_a_script_to_the_settings,
    "broken": break_a_link,
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """main: the project with its package, committed; a branch for each pull request."""
    repo = repository(tmp_path_factory.mktemp("review") / "repo")
    for name, change in PULL_REQUESTS.items():
        branch(repo, name, change)
    return repo


@pytest.fixture(scope="module")
def verdicts(repo):
    """{pull request: (exit status, the summary rendered, its text, the status line)}, each
    reviewed from main's checkout as the workflow does (the package imported from there)."""
    found = {}
    for name in PULL_REQUESTS:
        site, status = repo.parent / f"site-{name}", repo.parent / f"status-{name}.txt"
        code, output = run(repo, "-m", "statement_site", "review", "main", name, "--site-dir", str(site), "--status", str(status))
        soup = BeautifulSoup(markdown(output), "html.parser")
        found[name] = code, soup, output, status.read_text(encoding="utf-8").strip() if status.exists() else ""
    return found


def test_a_content_change_builds_names_no_code_and_shows_its_redline(verdicts, repo):
    code, soup, output, status = verdicts["content"]
    assert code == 0, output
    assert review.CODE_CHANGED not in output and str(home_file(repo).relative_to(repo)) in soup.get_text()
    assert [ins for ins in soup.find_all("ins") if ins.get_text() == "Reworded"], "the redline shows the new word"
    assert (repo.parent / "site-content" / "index.html").is_file(), "the preview is built"
    assert status == review.status_line(review.Verdict(changes=(), problems=(), built=True))


def test_a_pull_request_that_forges_the_verdict_gets_mains_with_its_code_named_first(verdicts):
    """Its package would print a passing verdict of its own; main's code writes the real one,
    which names the code it changes, first, for a developer's review."""
    code, soup, output, status = verdicts["forged"]
    assert FORGED not in output and FORGED not in status, output
    first = soup.find(["p", "h2"], string=lambda s: s and s.strip())
    assert first.get_text() == review.CODE_CHANGED, f"not at the top: {output[:300]}"
    named = [li.get_text() for li in first.find_next("ul").find_all("li")]
    assert named == ["statement_site/review.py (changed)", "statement_site/summary.py (changed)"], named
    assert code == 0 and "a developer must review" in status and "The site builds" in output, output


def test_code_in_the_editors_settings_is_named_as_code_and_refused(verdicts):
    code, soup, output, _ = verdicts["script"]
    first = soup.find("p", string=review.CODE_CHANGED)
    assert first and first.find_next("li").get_text() == "mkdocs.yml (changed)", output[:400]
    assert "Code: mkdocs.yml (changed): extra_javascript" in soup.get_text()
    assert code == 1 and "mkdocs.yml line" in soup.get_text() and "'extra_javascript:' is code" in soup.get_text()


def test_a_settings_change_is_named_with_the_setting_and_is_not_code(verdicts):
    code, soup, output, _ = verdicts["settings"]
    assert code == 0, output
    assert review.CODE_CHANGED not in output and "No change" not in output.split("## What readers will see change")[0]
    settings = next(li for li in soup.find_all("li") if li.get_text().startswith("Editors' settings"))
    assert "mkdocs.yml (changed): site_name" in settings.get_text()


def test_content_that_would_not_build_fails_with_its_line(verdicts):
    code, soup, output, status = verdicts["broken"]
    assert code == 1 and status.startswith("The content would not build"), output
    assert f"docs/{own('page')}.md line" in soup.get_text() and f"{own('missing')}.md" in soup.get_text()
    assert review.CODE_CHANGED not in output


ADDRESSES = {"href", "src"}


def test_the_preview_browses_from_disk_within_each_pages_policy(verdicts, repo):
    """Opened as files, every address of the site's own a page holds (links, stylesheets, scripts,
    the share pages' <meta> refresh) names a file, never a folder; every inline script and style
    is still one its page's policy lists."""
    site = repo.parent / "site-content"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 1
    for file in pages:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        addresses = [tag[name] for tag in soup.find_all(True) for name in ADDRESSES if tag.has_attr(name)]
        addresses += [meta["content"].split("url=", 1)[1] for meta in soup.find_all("meta", attrs={"http-equiv": "refresh"})]
        for address in addresses:
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (file.parent / unquote(parts.path)).resolve()
            assert not parts.path.startswith("/") and target.is_file(), f"{file.relative_to(site)}: {address} is no file of the preview"
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        for element in soup.find_all(["script", "style"]):
            if element.name == "style" or not element.has_attr("src") and element.get("type") != "application/json":
                assert f"'{digest(element.string or '')}'" in policy, f"{file.relative_to(site)}: an inline {element.name} is not in its policy"
