"""The first response paints the page: the CSS inlined in it (steps/critical_css.py) looks
exactly like the full stylesheets, on every page, and on a statement with every kind of
content an editor writes (tests/edits.py), at phone and desktop widths, in both palettes, and in
the states a reader puts the page in (drawer open, focus, hover, the share dialog, print). This
is the test that catches a Material update that breaks the purge."""

import io
import json
from urllib.parse import urlsplit

import pytest
from browsing import ANIMATIONS_SETTLED, open_ready
from PIL import Image, ImageChops
from project import build_copy, copy_project, home_page, serve, source


@pytest.fixture(scope="session")
def site_path():
    """The site's path on its host (`/ceasefire-statement/`)."""
    return urlsplit(source().config.site_url).path


PAGES = [page.url for page in source().pages.values()] + ["404.html"]
WIDTHS = {"375px": {"width": 375, "height": 667}, "1280px": {"width": 1280, "height": 800}}
PALETTES = {"light": 0, "dark": 1}  # index of the palette, as Material stores the reader's choice
STYLES = ["color", "background-color", "font-size", "font-weight", "line-height", "display", "position",
          "padding-top", "padding-left", "width", "height", "opacity",
          "transform", "outline-style", "box-shadow", "border-top-width", "visibility"]  # fmt: skip

RASTER_NOISE = 3  # levels of grey (of 255) between two draws of the same anti-aliased edge

# The page's full stylesheets, as readers without JavaScript get them (its <noscript>), added.
FULL_STYLESHEETS = """() => Promise.all([...new DOMParser().parseFromString(
    document.getElementById("stylesheets").textContent, "text/html").querySelectorAll("link")]
  .map(link => new Promise(done => { link.onload = link.onerror = done; document.head.append(link); })))"""

STATES = {
    "at rest": None,
    "drawer open": "document.getElementById('__drawer').checked = true",
    "focus": "tab",
    "hover": "hover",
    "share dialog": """(() => { const d = document.querySelector('.md-dialog');
                        d.firstElementChild.textContent = 'Link copied to the clipboard';
                        d.classList.add('md-dialog--active'); })()""",
    "print": "print",
}


def render(browser, base_url, path, width, palette, state, full, site_path=""):
    """A screenshot and computed styles of the page, with only the inlined CSS (`full` False)
    or with the full stylesheets added; Material's bundle is kept out of both."""
    # The same still style in both renders: no transition caught halfway (a permalink fading in).
    context = browser.new_context(viewport=WIDTHS[width], reduced_motion="reduce", bypass_csp=True)
    # The reader's stored choice, as Material keeps it; its inline script applies it before paint.
    scheme = ["default", "slate"][PALETTES[palette]]
    media = ["(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"][PALETTES[palette]]
    stored = {
        "index": PALETTES[palette],
        "color": {"media": media, "scheme": scheme, "primary": "indigo", "accent": "indigo"},
    }
    context.add_init_script(
        f"for (const scope of ['/', '{site_path}']) localStorage.setItem(scope + '.__palette', '{json.dumps(stored)}')"
    )
    page = context.new_page()
    # 404.html links under the site's path on its host: those addresses go to the local server.
    prefix = base_url.rstrip("/") + site_path
    page.route(prefix + "**", lambda route: route.continue_(url=base_url + route.request.url[len(prefix) :]))
    page.route("**/assets/javascripts/**", lambda route: route.abort())
    if not full:
        page.route("**/*.css", lambda route: route.abort())
    page.goto(base_url + path)
    if full:
        page.evaluate(FULL_STYLESHEETS)
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; animation: none !important }")
    # Every content image drawn in both renders, those a reader has not scrolled near too.
    page.evaluate(
        "Promise.all([...document.images].map(img => { img.loading = 'eager'; return img.decode().catch(() => {}); }))"
    )
    action = STATES[state]
    if action == "print":
        page.emulate_media(media="print")
    elif action == "tab":
        for _ in range(3):
            page.keyboard.press("Tab")
    elif action == "hover":
        page.locator("article p[id]").first.hover()  # its permalink shows
    elif action:
        page.evaluate(action)
    page.evaluate(ANIMATIONS_SETTLED)
    styles = computed_styles(page)
    shot = page.screenshot(full_page=True)
    context.close()
    return shot, styles


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", PAGES)
def test_first_paint_looks_like_the_full_stylesheets(browser, base_url, site_path, path, width, palette):
    check_identical(browser, base_url, site_path, path, width, palette, "at rest")


@pytest.mark.parametrize("state", [s for s in STATES if s != "at rest"])
@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_first_paint_looks_like_the_full_stylesheets_in_every_state(
    browser, base_url, site_path, width, palette, state
):
    check_identical(browser, base_url, site_path, "", width, palette, state)


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_first_paint_looks_like_the_full_stylesheets_with_every_kind_of_content(
    browser, edited, site_path, width, palette, state
):
    """The statement of a copy with every ordinary edit: notices, a table, images in the text,
    in a list and in a notice, footnotes, a quote, a button."""
    check_identical(browser, edited[1], site_path, "", width, palette, state)


def check_identical(browser, base_url, site_path, path, width, palette, state):
    purged = render(browser, base_url, path, width, palette, state, False, site_path)
    full = render(browser, base_url, path, width, palette, state, True, site_path)
    assert_looks_alike(f"/{path} at {width}, {palette} palette, {state}", "the inlined CSS", purged, full)


def assert_looks_alike(where, what, render, full):
    """Two renders, (screenshot, computed styles), the second with the full stylesheets: the
    same styles on every element and the same pixels."""
    differ = [f"{a}\n   full: {b}" for a, b in zip(render[1], full[1]) if a != b]
    assert not differ, f"{where}: computed styles differ ({what}, then full):\n" + "\n".join(differ[:8])
    image, full_image = (Image.open(io.BytesIO(shot)).convert("RGB") for shot in (render[0], full[0]))
    assert image.size == full_image.size, f"{where}: {image.size} against {full_image.size}"
    # Chromium's software rasteriser may shade the anti-aliased rim of a rounded corner one or two
    # levels apart from one load to the next; a style that differs moves more than that.
    noise = ImageChops.difference(image, full_image).convert("L").point(lambda level: 255 * (level > RASTER_NOISE))
    box = noise.getbbox()
    assert box is None, f"{where}: {what} paints differently from the full stylesheets in {box}"


# --- After paint: what Material's bundle adds ------------------------------------------

# A table, written as GitHub's preview shows it (a table needs no ID of its own).
TABLE = """
| Year | People |
| :--- | -----: |
| 2023 | 16,314 |
"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_what_the_bundle_adds_looks_as_with_the_full_stylesheets(browser, tmp_path, width):
    """An editor adds a table: the bundle wraps it in elements whose classes no page has at build
    (`md-typeset__scrollwrap`). The stylesheet loaded with the bundle styles them exactly as
    the full stylesheets do."""
    project = copy_project(tmp_path)
    index = project / "docs" / home_page(source()).src
    index.write_text(index.read_text(encoding="utf-8") + TABLE, encoding="utf-8")
    code, output = build_copy(project)
    assert code == 0, output
    with serve(project / "site") as url:
        context = browser.new_context(viewport=WIDTHS[width], reduced_motion="reduce", bypass_csp=True)
        page = context.new_page()
        open_ready(page, url)
        assert page.locator(".md-typeset__scrollwrap table").count(), "the bundle did not wrap the table"
        page.add_style_tag(content="*, ::before, ::after { transition: none !important; animation: none !important }")
        after_paint = page.screenshot(full_page=True), computed_styles(page)
        page.evaluate(FULL_STYLESHEETS)
        full = page.screenshot(full_page=True), computed_styles(page)
        context.close()
    assert_looks_alike(f"at {width}", "what the bundle adds", after_paint, full)


def computed_styles(page):
    # Where each box lies, from its rectangle: Chromium's computed margin of an `auto` margin is
    # sometimes its used value (30px), sometimes 0px, for the same layout.
    return page.evaluate(
        """props => [...document.querySelectorAll("body *")].map(e => {
             const style = getComputedStyle(e), box = e.getBoundingClientRect();
             return e.tagName + "." + e.className + " " + props.map(p => style.getPropertyValue(p)).join("|")
               + ` at ${Math.round(box.x)},${Math.round(box.y + scrollY)}`;
           })""",
        STYLES,
    )
