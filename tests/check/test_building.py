"""Building: the site builds from a fresh clone, strictly and without a warning; the editor
checks stop every mode of MkDocs before anything is written; every page says where its source is,
when it last changed, and links the list of changes."""

import datetime
import subprocess

import pytest
from edits import after_first_paragraph
from project import ROOT, build_copy, copy_project, read_html, run, source, with_build_cache

from statement_site.steps.compact import compact
from statement_site.steps.revisions import PAGE as REVISIONS


def test_the_repository_builds_strictly_without_a_warning(site_dir):
    """The session's build (conftest.site_dir) fails on any warning; here, what it wrote."""
    assert (site_dir / "index.html").is_file()
    for page in source().pages.values():
        assert (site_dir / page.dest).is_file(), page.dest


def test_the_editor_checks_pass_on_the_repository():
    code, output = run(ROOT, "-m", "statement_site", "check")
    assert code == 0, output


@pytest.mark.parametrize("mode", ["-q", "--no-strict", "--dirty", "serve"])
def test_a_problem_stops_every_mode_before_anything_is_written(tmp_path, mode):
    """Quiet, non-strict, dirty and `mkdocs serve` stop too: a refusal is an error, not a warning."""
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("<p>from an earlier build</p>", encoding="utf-8")
    path, line = after_first_paragraph("<script>alert(1)</script>")(project)
    if mode == "serve":
        code, output = run(project, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:0", timeout=120)
    else:
        options = [] if mode == "--no-strict" else [mode]
        code, output = run(project, "-m", "mkdocs", "build", *options, "--site-dir", str(project / "site"))
    assert code != 0, output
    assert f"{path}:{line}: the HTML <script> would show on the page as text" in output, output
    if mode != "serve":  # which builds into a folder of its own
        assert not list((project / "site").rglob("*.html")), "the output folder holds pages that were not checked"


def test_make_build_zensical_checks_builds_and_finishes_in_one_command(tmp_path):
    """`python -m statement_site zensical DIR`, make build-zensical's one command: a problem stops
    it before Zensical writes a page; without one, the site is built and finished (each page has
    its policy), into the folder it names."""
    project = with_build_cache(copy_project(tmp_path / "project"))
    path, line = after_first_paragraph("<script>alert(1)</script>")(project)
    code, output = run(project, "-m", "statement_site", "zensical", "site-z")
    assert code == 1 and f"{path}:{line}: the HTML <script>" in output, output
    assert not (project / "site-z").exists(), "Zensical ran although the checks found a problem"
    copy_project(tmp_path / "fixed")  # the page as it was
    (project / path).write_bytes((tmp_path / "fixed" / path).read_bytes())
    code, output = run(project, "-m", "statement_site", "zensical", "site-z")
    assert code == 0, output
    assert 'http-equiv="Content-Security-Policy"' in (project / "site-z" / "index.html").read_text(encoding="utf-8")


def test_make_build_zensical_says_in_one_line_what_zensical_refuses(tmp_path):
    """Zensical builds in the command's own process: what it refuses (an output folder outside
    the project) is one line, not a traceback, and nothing is finished."""
    project = copy_project(tmp_path / "project")
    code, output = run(project, "-m", "statement_site", "zensical", "../outside")
    assert code == 1, output
    assert [line for line in output.splitlines() if line.startswith("ERROR   -  zensical build: ")], output
    assert "Traceback" not in output and not (tmp_path / "outside").exists(), output


def test_pages_lose_only_white_space_that_renders_alike():
    """The templates' indentation between elements goes; code, scripts and attribute values keep theirs."""
    page = (
        '<div>\n    \n    <p title="a\n   b">Text\n      more</p>\n  </div>\n'
        "<pre><code>x = 1\n    y = 2</code></pre>\n  <p><code>a\n   b</code> <kbd>c\n  d</kbd></p>\n"
        "<script>\n  const s = `\n    kept`;\n</script>\n  <textarea>\n  kept\n</textarea>"
    )
    assert compact(page) == (
        '<div>\n<p title="a\n   b">Text\nmore</p>\n</div>\n'
        "<pre><code>x = 1\n    y = 2</code></pre>\n<p><code>a\n   b</code> <kbd>c\n  d</kbd></p>\n"
        "<script>\n  const s = `\n    kept`;\n</script>\n<textarea>\n  kept\n</textarea>"
    )


def test_a_download_without_git_history_still_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    code, output = build_copy(project, "-q")
    assert code == 0, output
    day = read_html(project / "site" / "index.html").select_one("time.md-source-file__date")["datetime"]
    assert day == datetime.datetime.now(datetime.UTC).date().isoformat(), "a copy without history is dated by its build"


def test_each_page_links_to_its_own_source(read_page):
    repo = source().config.repo_url.rstrip("/")
    for page in source().pages.values():
        html = read_page(page.dest)
        assert html.select_one("a[rel~=edit]")["href"] == f"{repo}/edit/main/{page.file}", page.dest
        view = html.select_one("a.md-content__button:not([rel~=edit])")
        assert view["href"] == f"{repo}/raw/main/{page.file}", page.dest


def last_commit_date(path):
    """The day of the last commit that changed `path`, or None outside a git checkout."""
    result = subprocess.run(["git", "log", "-1", "--format=%at", "--", path], cwd=ROOT, capture_output=True, text=True)
    if result.returncode or not result.stdout.strip():
        return None
    return datetime.datetime.fromtimestamp(int(result.stdout), datetime.UTC).date()


def test_each_page_says_in_words_when_it_last_changed_and_links_every_change(read_page):
    today = datetime.datetime.now(datetime.UTC).date()
    for page in source().pages.values():
        fact = read_page(page.dest).select_one(".md-source-file__fact")
        assert " ".join(fact.get_text().split()).startswith("This page was last changed on "), page.dest
        time = fact.select_one("time.md-source-file__date")
        shown = datetime.datetime.strptime(time.get_text(strip=True), "%B %d, %Y").date()
        assert shown == (last_commit_date(page.file) or today) and time["datetime"] == shown.isoformat(), page.dest
        if page.src != REVISIONS:
            link = fact.find("a")
            assert link.get_text(strip=True) == "Every change to the statement", page.dest
            assert (read_page(page.dest) and link["href"]).endswith("revisions/"), page.dest


def test_the_revisions_page_says_so_when_nothing_was_noted(read_page):
    """Readers see notes written for them, never commit subjects; none yet, it says so."""
    page = source().pages[REVISIONS]
    shown = [" ".join(p.get_text().split()) for p in read_page(page.dest).select("article > p")]
    if not source().changes:
        assert page.parts[-1].text in shown


def test_a_missing_theme_stylesheet_stops_the_build(tmp_path):
    """As if a Material update renamed its stylesheet: the build stops and says where to look."""
    project = copy_project(tmp_path / "project")
    main = project / "overrides" / "main.html"
    moved = '{% block styles %}<link rel="stylesheet" href="{{ \'assets/stylesheets/main.0.min.css\' | url }}">{% endblock %}'
    main.write_text(main.read_text(encoding="utf-8") + moved, encoding="utf-8")
    code, output = build_copy(project, "-q")
    assert code != 0, "the build went on without the theme's stylesheet"
    assert "assets/stylesheets/main.0.min.css" in output and "critical_css" in output, output[-2000:]
