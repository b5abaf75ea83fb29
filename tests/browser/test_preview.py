"""The pull request's preview opened from disk in Chromium, as CONTRIBUTING.md tells editors to
open it: the Verdict's command (`python -m statement_site review`) builds it, and from its
`index.html`, opened as a file, the nav leads to every page, each share page to its part and
a renamed page's old address to it, with the pages' scripts running within their policy."""

import pytest
from browsing import SCRIPTS_READY, VIEWPORTS
from edits import add_move
from project import git, repository, run

from statement_site.source.project import Source

RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.violations.push(event.violatedDirective));
"""


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """(the model, the preview's folder, {a renamed page's old name: its new one}) of main's
    content, one page renamed and its old address kept (published-anchors.yml, `moved:`),
    reviewed as the Verdict reviews it."""
    repo = repository(tmp_path_factory.mktemp("preview") / "repo")
    old = next(page.src for page in Source.read(repo).pages.values() if page.url and "/" not in page.src)
    new = f"moved-{old}"
    (repo / "docs" / old).rename(repo / "docs" / new)
    settings = repo / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(f" {old}", f" {new}"), encoding="utf-8")
    add_move(repo, old, new)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A page renamed")
    site = repo.parent / "site-preview"
    code, output = run(repo, "-m", "statement_site", "review", "main", "main", "--site-dir", str(site))
    assert code == 0, output
    return Source.read(repo), site, {old: new}


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    yield page
    context.close()


def test_the_nav_leads_from_index_html_to_every_page_with_its_scripts_running(reader, preview):
    source, site, _ = preview
    reader.goto((site / "index.html").as_uri())
    for entry in (entry for entry in source.config.nav if entry.src and source.pages[entry.src].url):
        page = source.pages[entry.src]
        reader.locator(".md-sidebar--primary a.md-nav__link", has_text=entry.title).first.click()
        reader.wait_for_url((site / page.dest).as_uri())
        reader.wait_for_function(SCRIPTS_READY, timeout=10_000)
        assert reader.locator("h1").first.inner_text().startswith(page.title)
        assert reader.evaluate("window.violations") == [], entry.src
        reader.go_back()


def test_each_share_page_from_disk_lands_on_its_part(reader, preview):
    source, site, _ = preview
    for page in source.pages.values():
        part = next((part for part in page.parts if part.shareable and part.id), None)
        if part is None:
            continue
        reader.goto((site / page.share_path(part.id) / "index.html").as_uri())
        reader.wait_for_url(f"{(site / page.dest).as_uri()}#{part.id}")
        reader.wait_for_function(SCRIPTS_READY, timeout=10_000)
        assert reader.evaluate("document.querySelector(':target')?.id") == part.id


def test_a_renamed_pages_old_address_from_disk_leads_to_it_with_its_fragment(reader, preview):
    source, site, renamed = preview
    ((old, new),) = renamed.items()
    page = source.pages[new]
    part = next(part for part in page.parts if part.id)
    errors = []
    reader.on("console", lambda message: message.type == "error" and errors.append(message.text))
    reader.goto(f"{(site / old.removesuffix('.md') / 'index.html').as_uri()}#{part.id}")
    reader.wait_for_url(f"{(site / page.dest).as_uri()}#{part.id}")
    reader.wait_for_function(SCRIPTS_READY, timeout=10_000)
    assert not errors, "the old address's script runs, within its policy"
