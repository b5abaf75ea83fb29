"""What every reader gets, in every engine: each test here runs in Chromium, in Firefox (Debian's
ESR) and in WebKit (WebKitGTK, Safari's engine), started by conftest.py and driven through
tests/browsing.py. The statement's text, landing on a shared link, sharing it, the palette
switch, reading without JavaScript, reflow at 320 px and the policy; where an engine lacks
something the site uses, the test says what the site does there instead. The other modules go
further in Chromium (first paint, axe, the Tab path, print, the bad inputs)."""

import pytest
from browsing import (
    SCRIPTS_READY,
    SIDEWAYS,
    VIEWPORTS,
    in_view_below_header,
    open_ready,
    until,
    use_controls,
    without_images,
)
from project import home_page, source

from statement_site.source.text import squeeze

STATEMENT = home_page(source())
SITE_URL = source().config.site_url


def first_of_each_kind():
    """The first part of each kind a reader may share: a section, a paragraph, a call…"""
    first = {}
    for part in STATEMENT.parts:
        if part.shareable:
            first.setdefault(part.kind, part.id)
    return list(first.values())


SHARED = first_of_each_kind()
CALL = next(part.id for part in STATEMENT.parts if part.kind == "item" and part.shareable)
CONTROL = f"#{CALL} > a.share-link"
SCHEMES = {"light": "default", "dark": "slate"}  # system setting -> Material's palette

# The dialog that says what a share control did, once it shows (overrides/assets/javascripts/share.js).
STATUS = "() => document.querySelector('#share-status.md-dialog--active')?.textContent.trim()"
LABEL = "selector => document.querySelector(selector).getAttribute('aria-label')"
LANDED = "id => { const e = document.getElementById(id); return e.matches(':target') && getComputedStyle(e).animationName }"
PALETTE = "() => [document.body.dataset.mdColorScheme, document.querySelector('meta[name=color-scheme]').content]"
# A clipboard refused, as a browser refuses it: writing to it rejects.
REFUSE_CLIPBOARD = "() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('', 'NotAllowedError')); }"
# A share sheet that keeps what it was given: the tests' stand-in for a phone's.
SHARE_SHEET = "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
# A text box to paste into, above the page's own layers.
PASTE_BOX = """() => { const box = document.createElement("textarea"); box.id = "pasted";
  box.style = "position: fixed; bottom: 0; left: 0; z-index: 9999"; document.body.append(box); }"""
INJECT_SCRIPT = """() => document.body.append(Object.assign(document.createElement("script"),
  {textContent: "window.injected = true"}))"""


def assert_reads_in_full(page):
    """Every part of the statement is shown, in order, in the words of the model."""
    shown, position = squeeze(page.evaluate("() => document.querySelector('article').innerText")), 0
    for part in STATEMENT.parts:
        words = without_images(part.text)
        found = shown.find(words, position)
        assert found >= 0, f"docs/index.md:{part.line}: not shown as written: {words[:80]!r}"
        position = found + len(words)


def status(page):
    page.wait_for_function(STATUS)
    return page.evaluate(STATUS)


def pasted(page):
    """What a reader pastes from the clipboard, with the keyboard, into a text box."""
    page.evaluate(PASTE_BOX)
    page.click("#pasted")
    page.keyboard.press("Control+v")
    return page.evaluate("() => document.getElementById('pasted').value")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_the_statement_reads_in_full(engine, reporting_site, size):
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS[size]) as page:
        open_ready(page, url)
        assert_reads_in_full(page)
        page.watch.assert_clean()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_shared_link_lands_below_the_header_and_the_scripts_run(engine, reporting_site, size):
    """A reader follows a link to a part: the part is in view below the sticky header, marked,
    and the page's scripts run (Firefox records no first paint for a page opened at a fragment:
    the loader starts without it)."""
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS[size]) as page:
        for ident in SHARED:
            page.goto("about:blank")  # a page of its own, not a move within the last one
            page.goto(f"{url}#{ident}")
            assert in_view_below_header(page, f"#{ident}"), f"#{ident} is not in view below the header"
            assert page.evaluate(LANDED, ident) == "landing", f"#{ident} is not marked as the link's target"
            page.wait_for_function(SCRIPTS_READY, timeout=10_000)
            assert in_view_below_header(page, f"#{ident}"), f"#{ident} moved when the scripts ran"
            page.watch.assert_clean()


def test_the_control_copies_the_share_address_and_says_so(engine, reporting_site):
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS["desktop"]) as page:
        open_ready(page, url)
        assert page.evaluate(LABEL, CONTROL).startswith("Copy link to")
        page.hover(f"#{CALL}")
        page.click(CONTROL)
        assert status(page) == "Link copied to the clipboard"
        assert pasted(page) == SITE_URL + STATEMENT.share_path(CALL)
        assert page.url == url, "copying should not navigate"
        page.watch.assert_clean()


def test_where_the_clipboard_is_refused_the_status_shows_the_address(engine, reporting_site):
    """A browser may refuse the clipboard (a setting, a page not served over HTTPS): the status
    then gives the reader the address to copy."""
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS["desktop"]) as page:
        open_ready(page, url)
        page.evaluate(REFUSE_CLIPBOARD)
        page.click(CONTROL)
        assert status(page) == f"Copy this link: {SITE_URL}{STATEMENT.share_path(CALL)}"
        page.watch.assert_clean()


# WebKitGTK emulates no touch screen, and has no share sheet (`navigator.share`): there the
# control copies, as on a desktop (the tests above).
@pytest.mark.parametrize("engine", ["chromium", "firefox"], indirect=True)
def test_on_a_touch_screen_the_control_opens_the_share_sheet(engine, reporting_site):
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS["phone"], phone=True) as page:
        page.add_init_script(SHARE_SHEET)
        open_ready(page, url)
        assert page.evaluate(LABEL, CONTROL).startswith("Share link to")
        page.click(CONTROL)
        page.wait_for_function("() => window.shared")
        shared = {"title": page.evaluate("() => document.title"), "url": SITE_URL + STATEMENT.share_path(CALL)}
        assert page.evaluate("() => window.shared") == shared
        page.watch.assert_clean()


@pytest.mark.parametrize("engine", ["firefox"], indirect=True)
def test_where_the_engine_has_no_share_sheet_the_status_gives_the_address(engine, reporting_site):
    """Firefox on a touch screen with Web Share switched on, as on Android, but on Linux, where it
    has no sheet to show: `navigator.share` refuses, having used up the reader's tap, so the
    clipboard refuses too, and the status gives the address to copy."""
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS["phone"], phone=True) as page:
        open_ready(page, url)
        assert page.evaluate(LABEL, CONTROL).startswith("Share link to")
        page.click(CONTROL)
        assert status(page) == f"Copy this link: {SITE_URL}{STATEMENT.share_path(CALL)}"
        page.watch.assert_clean()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_palette_switch_turns_the_page_light_and_dark(engine, reporting_site, scheme):
    """The page opens in the system's palette; the switch turns it over, by pointer and by Space
    (overrides/assets/javascripts/palette.js), and the browser's colour scheme follows."""
    url, _ = reporting_site
    other = {"light": "dark", "dark": "light"}[scheme]
    follows = "scheme => document.querySelector('meta[name=color-scheme]').content === scheme"
    with engine.page(url, VIEWPORTS["desktop"], dark=scheme == "dark") as page:
        open_ready(page, url)
        assert page.evaluate(PALETTE) == [SCHEMES[scheme], scheme]
        page.click("[data-md-component=palette] label:not([hidden])")
        page.wait_for_function(follows, arg=other)
        assert page.evaluate(PALETTE) == [SCHEMES[other], other]
        page.evaluate("() => document.querySelector('.md-option:has(+ label:not([hidden]))').focus()")
        page.keyboard.press(" ")
        page.wait_for_function(follows, arg=scheme)
        assert page.evaluate(PALETTE) == [SCHEMES[scheme], scheme]
        page.watch.assert_clean()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_without_javascript_the_statement_reads_and_its_links_land(engine, reporting_site, size):
    url, _ = reporting_site
    with engine.page(url, VIEWPORTS[size], javascript=False) as page:
        page.goto(url)
        assert page.evaluate("() => matchMedia('(scripting: none)').matches"), "JavaScript is on"
        assert_reads_in_full(page)
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        ident = SHARED[-1]
        page.hover(f"#{ident}")
        page.click(f"#{ident} > a.share-link")
        page.wait_for_function("id => location.hash === '#' + id", arg=ident)
        assert in_view_below_header(page, f"#{ident}"), f"#{ident} is not in view below the header"
        page.watch.assert_clean()


def test_no_page_scrolls_sideways_at_320_px(engine, reporting_site):
    url, _ = reporting_site
    with engine.page(url, {"width": 320, "height": 640}) as page:
        for doc in source().pages.values():
            open_ready(page, url + doc.url)
            wide = page.evaluate(SIDEWAYS)
            assert wide == [0, []], f"/{doc.url} at 320px: {wide[0]}px too wide; overflowing: {wide[1][:5]}"
            page.watch.assert_clean()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_reading_and_using_the_site_breaks_no_policy_and_asks_no_other_host(engine, reporting_site, size):
    """Every page, its controls used, reports no violation of its policy and asks no other host
    for anything. The engine does report what the policy blocks: a script injected last is
    blocked, and its report is the only one."""
    url, reports = reporting_site
    reports.clear()
    with engine.page(url, VIEWPORTS[size]) as page:
        for doc in source().pages.values():
            last = url + doc.url
            open_ready(page, last)
            use_controls(page, doc.shared)
            page.watch.assert_clean()
        page.evaluate(INJECT_SCRIPT)
        until(lambda: reports, what="the report of the injected script")
        assert page.evaluate("() => window.injected") is None, "the injected script ran"
    blocked = [(r["document-uri"], r["effective-directive"], r["blocked-uri"]) for r in reports]
    assert blocked == [(last, "script-src-elem", "inline")], f"violations reported: {reports}"
