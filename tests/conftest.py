"""Shared fixtures: the site is built once per session, pages are parsed with
BeautifulSoup, and browser tests share one local server and one Chromium."""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# As root, and on a machine with no network but the local server (DEVELOPERS.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(session, config, items):
    """Browser tests are never skipped: without Chromium the run stops with one line."""
    if any("browser" in item.fixturenames for item in items) and not chromium_path():
        pytest.exit(
            "Chromium not found: install it with `sudo apt-get install chromium` "
            "(or set CHROMIUM_PATH to a Chromium binary), then run the tests again.",
            returncode=3,
        )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    """The site, built once for the whole session, as `mkdocs build --strict` does."""
    out = tmp_path_factory.mktemp("site")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True)
    build(config)
    return out


@pytest.fixture(scope="session")
def site_config():
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def read_page(site_dir):
    """Parse a built page, by its path in the site (``index.html``)."""

    @functools.cache
    def read(path="index.html"):
        return BeautifulSoup((site_dir / path).read_text(encoding="utf-8"), "html.parser")

    return read


# scripts/: hooks/anchors.py explains a YAML mistake with scripts/check_yaml.py.
PROJECT_FILES = ("mkdocs.yml", "published-anchors.yml", "docs", "overrides", "hooks", "site_checks", "scripts")


def copy_project(dest):
    """What a build reads, copied to `dest`, for tests that edit it as an editor would."""
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, dest / name)
    return dest


def build_copy(project):
    """`mkdocs build --strict` in a copied project: (exit code, what it printed)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result.returncode, result.stdout + result.stderr


def add_redirect(project, old, new):
    """Map the page `old` to `new` with the redirects plugin, in a copied project."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - redirects\n" in text
    redirect = f"  - redirects:\n      redirect_maps:\n        {old}: {new}\n"
    config.write_text(text.replace("  - redirects\n", redirect), encoding="utf-8")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve a built site on 127.0.0.1 only, on a free port."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site_dir):
    """One local server for all browser tests."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a reader should never see: console errors, failed
    requests, and requests to any host other than the local server."""

    def __init__(self, page, base_url):
        self.errors, self.foreign = [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # A request the browser cancels because the test moves on (the theme's bundle, still
        # loading after the page's `load`) is no failure a reader would see.
        page.on("requestfailed", lambda r: r.failure == "net::ERR_ABORTED" or self.errors.append(f"failed: {r.url}"))
        page.on("request", lambda r: r.url.startswith((base_url, "data:", "blob:")) or self.foreign.append(r.url))

    def assert_clean(self):
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.foreign, f"requests to other hosts: {self.foreign}"


# The page's scripts have run: they load after the first paint (overrides/partials/javascripts/
# bundle.html), Material's bundle first, then the site's share controls (docs/javascripts/).
SCRIPTS_READY = """() => !!document.getElementById("share-status")
  && !!document.querySelector("meta[name=color-scheme]")"""


# Until the page's transitions and animations are over; one cancelled (the bundle, mounting,
# restyles an element mid-transition) is over too, not an error.
ANIMATIONS_SETTLED = "Promise.all(document.getAnimations().map(a => a.finished.catch(() => {})))"


def open_ready(page, url):
    """Open a page and wait until its scripts have run, as a reader who waits a moment."""
    page.goto(url)
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)


def in_view_below_header(page, selector):
    """The element is entirely in the viewport and not under the sticky header; one too tall
    for the space under the header and the theme's scroll margin starts right below it."""
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const header = document.querySelector(".md-header").getBoundingClientRect();
            const target = document.querySelector(":target") || document.querySelector(selector);
            const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
            const fits = box.height <= innerHeight - Math.max(header.bottom, margin);
            return box.top >= header.bottom - 1 && (fits ? box.bottom <= innerHeight : box.top < header.bottom + 100);
        }""",
        selector,
    )


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, base_url):
    """A fresh page at phone or desktop width, watched for errors and foreign requests."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    yield page
    context.close()
