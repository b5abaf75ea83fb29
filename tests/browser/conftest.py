"""The browser tier's fixtures: one local server for the repository's site, one for a copy with
every ordinary edit, one Chromium, and a fresh page at phone and desktop widths, watched for
errors and requests to other hosts; and each engine in turn (Chromium, Firefox, WebKit) for the
tests that every engine runs, with a server that hears the pages' policy reports."""

import contextlib

import pytest
from browsing import (
    CHROMIUM_ARGS,
    VIEWPORTS,
    Chromium,
    Firefox,
    PageWatch,
    WebKit,
    chromium_path,
    firefox_path,
    narrow_windows,
    serve_reporting,
    virtual_display,
    webkit_driver_path,
)
from edits import EDITS
from project import build_copy, published_copy, serve

from statement_site.source.project import Source

# Each engine: how to tell it is installed, and what to do when it is not.
ENGINES = {
    "chromium": (
        chromium_path,
        "Chromium not found: install it with `sudo apt-get install chromium` "
        "(or set CHROMIUM_PATH to a Chromium binary), then run the tests again.",
    ),
    "firefox": (
        firefox_path,
        "Firefox not found: install it with `sudo apt-get install firefox-esr` "
        "(or set FIREFOX_PATH to a Firefox binary), then run the tests again.",
    ),
    "webkit": (
        webkit_driver_path,
        "WebKit's WebDriver or Xvfb not found: install them with "
        "`sudo apt-get install webkit2gtk-driver xvfb`, then run the tests again.",
    ),
}


@pytest.hookimpl(trylast=True)  # once `-k` and `-m` have deselected what they do
def pytest_collection_modifyitems(session, config, items):
    """Browser tests are never skipped: without an engine the selected tests need, the run
    stops with one line."""
    needed = {getattr(item, "callspec", None) and item.callspec.params.get("engine") or "chromium" for item in items}
    for name, (installed, how) in ENGINES.items():
        if name in needed and not installed():
            pytest.exit(how, returncode=3)


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


@pytest.fixture(scope="session", params=list(ENGINES))
def engine(request, tmp_path_factory):
    """Each engine in turn, started once (tests/browsing.py: Chromium, Firefox, WebKit)."""
    if request.param == "chromium":
        yield Chromium(request.getfixturevalue("browser"))
    elif request.param == "firefox":
        with contextlib.ExitStack() as running:
            yield Firefox(tmp_path_factory.mktemp("firefox"), running)
    else:
        with virtual_display() as display:
            yield WebKit(display, narrow_windows(tmp_path_factory.mktemp("gtk")))


@pytest.fixture(scope="session")
def reporting_site(site_dir):
    """(address, policy reports heard) of the repository's site, served so that each page's
    policy reports what it blocks (tests/browsing.py)."""
    with serve_reporting(site_dir) as served:
        yield served


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, base_url):
    """A fresh page at phone or desktop width, watched for errors and foreign requests."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    yield page
    context.close()
