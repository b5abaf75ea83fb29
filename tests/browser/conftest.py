"""The browser tier's fixtures: one local server for the repository's site, one for a copy with
every ordinary edit, one Chromium, and a fresh page at phone and desktop widths, watched for
errors and requests to other hosts."""

import pytest
from browsing import CHROMIUM_ARGS, VIEWPORTS, PageWatch, chromium_path
from edits import EDITS
from project import build_copy, published_copy, serve

from statement_site.source.project import Source


def pytest_collection_modifyitems(session, config, items):
    """Browser tests are never skipped: without Chromium the run stops with one line."""
    if items and not chromium_path():
        pytest.exit(
            "Chromium not found: install it with `sudo apt-get install chromium` "
            "(or set CHROMIUM_PATH to a Chromium binary), then run the tests again.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def base_url(site_dir):
    """One local server for all browser tests."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def edited(tmp_path_factory):
    """(model, address) of a copy with every ordinary edit (tests/edits.py: notices, a table,
    images in the text, a list and a notice, footnotes, a quote), built and served."""
    project = published_copy(tmp_path_factory.mktemp("edited") / "project")
    for edit in EDITS.values():
        edit(project)
    code, output = build_copy(project, "-q")
    assert code == 0, output
    with serve(project / "site") as url:
        yield Source.read(project), url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, base_url):
    """A fresh page at phone or desktop width, watched for errors and foreign requests."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    yield page
    context.close()
