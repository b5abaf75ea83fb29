"""MkDocs and Zensical in Chromium: each generator's pages, read as a reader reads them, break no
rule of their Content Security Policy, ask for nothing that fails, and download nothing for a
feature the site has turned off (search). tests/check/test_generators.py compares the two
outputs without a browser."""

import pytest
from browsing import SCRIPTS_READY
from project import copy_project, serve, zensical_build
from test_hardening import RECORD_VIOLATIONS, site_pages


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def generated(request, site_dir, tmp_path_factory):
    """The repository's site, built by one generator."""
    if request.param == "mkdocs":
        return site_dir
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    code, output = zensical_build(project)
    assert code == 0, output
    return project / "site"


def read_every_page(browser, site):
    """{page: (violations, failed requests, requests for search)}, each page opened in a fresh
    context (nothing cached) and left until its scripts have run."""
    found = {}
    with serve(site) as url:
        for path in site_pages(site):
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(RECORD_VIOLATIONS)
            failed, searched = [], []
            page.on("requestfailed", lambda r, failed=failed: failed.append(f"{r.url} ({r.failure})"))
            page.on("response", lambda r, failed=failed: r.status >= 400 and failed.append(f"{r.url} ({r.status})"))
            page.on("request", lambda r, searched=searched: "search" in r.url.lower() and searched.append(r.url))
            page.goto(url + path)
            page.wait_for_function(SCRIPTS_READY, timeout=10_000)
            page.wait_for_load_state("networkidle")
            found[f"/{path}"] = (page.evaluate("window.violations"), failed, searched)
            context.close()
    return found


def test_every_page_reads_within_its_policy_and_asks_for_nothing_that_fails(browser, generated):
    wrong = {page: result for page, result in read_every_page(browser, generated).items() if any(result)}
    assert not wrong, "\n".join(f"{page}: violations {v}, failed {f}, search {s}" for page, (v, f, s) in wrong.items())
