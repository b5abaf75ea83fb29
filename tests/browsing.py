"""Reading the built site in Chromium: how the browser tier starts it, opens pages as readers
do, and watches what they should never see (tests/browser/conftest.py has the fixtures)."""

import os
import shutil

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

# The page's scripts have run: they load after the first paint (overrides/partials/javascripts/
# bundle.html), Material's bundle first, then the site's share controls (overrides/assets/javascripts/).
SCRIPTS_READY = """() => !!document.getElementById("share-status")
  && !!document.querySelector("meta[name=color-scheme]")"""

# Until the page's transitions and animations are over; one cancelled (the bundle, mounting,
# restyles an element mid-transition) is over too, not an error.
ANIMATIONS_SETTLED = "Promise.all(document.getAnimations().map(a => a.finished.catch(() => {})))"


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


class PageWatch:
    """What a page did that a reader should never see: console errors, failed requests, and
    requests to any host other than the local server."""

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
