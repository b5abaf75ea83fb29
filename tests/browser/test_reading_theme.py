"""Reading with the theme's own behaviour: Material's bundle, loaded after the page has painted,
sizes the sidebars, keeps the table of contents on the reading position, switches the palette
by keyboard and sets the colour scheme the browser uses, without asking any other host for
anything; and the defects found in other browsers and settings stay fixed."""


import pytest
from browsing import ANIMATIONS_SETTLED, SCRIPTS_READY, PageWatch, open_ready
from project import home_page, page_in_the_menu, source

STATEMENT = home_page(source())
SECTIONS = [part.id for part in STATEMENT.parts if part.kind == "heading" and part.level == 2]

# Material mounts its components on DOMContentLoaded, dispatched again by the loader
# (overrides/partials/javascripts/bundle.html): once the scripts have run, the sidebars'
# heights are its mark.
MOUNTED = f"""() => ({SCRIPTS_READY})()
  && [...document.querySelectorAll(".md-sidebar__scrollwrap")].every(w => w.style.height)"""


def open_mounted(page, url):
    page.goto(url)
    page.wait_for_function(MOUNTED, timeout=10_000)


@pytest.fixture
def wide_page(browser, base_url):
    """A desktop page where both sidebars show (Material: 76.25em and wider)."""
    context = browser.new_context(viewport={"width": 1280, "height": 500})
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    yield page
    context.close()


@pytest.mark.parametrize("site", ["statement", "edited copy"])
@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_is_fetched_before_the_first_contentful_paint(request, browser, width, site):
    """Nothing render-blocking, and none of the site's own scripts or stylesheets, is fetched
    before the first contentful paint: every request after the first response (the bundle, the
    site's scripts, the stylesheet of what they add) starts once the text is on screen, so none
    competes with it. Content images may load (the edited copy has one on its first screen):
    they hold up no paint."""
    url = request.getfixturevalue("base_url") if site == "statement" else request.getfixturevalue("edited")[1]
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    open_ready(page, url)
    early = page.evaluate(
        """() => {
             const painted = performance.getEntriesByName("first-contentful-paint")[0].startTime;
             const images = new Set([...document.querySelectorAll("article img")].map(img => img.currentSrc));
             return performance.getEntriesByType("resource")
               .filter(r => !r.name.startsWith("data:") && r.startTime < painted)
               .filter(r => r.renderBlockingStatus === "blocking" || !(r.initiatorType === "img" && images.has(r.name)))
               .map(r => `${r.name} (${r.initiatorType}, ${r.renderBlockingStatus}) at ${Math.round(r.startTime)} ms, `
                         + `painted at ${Math.round(painted)} ms`);
           }"""
    )
    context.close()
    assert not early, f"fetched before the first contentful paint: {early}"


@pytest.mark.parametrize("width", [1220, 1280, 1920])
def test_sidebars_are_sized_and_never_overflow(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    open_mounted(page, base_url)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll(".md-sidebar")].map(s => {
             const wrap = s.querySelector(".md-sidebar__scrollwrap");
             return [s.dataset.mdType, wrap.scrollHeight - wrap.clientHeight, wrap.style.height];
           })"""
    )
    overflowing = [f"{kind}: {extra}px taller than its box" for kind, extra, _ in boxes if extra > 0]
    assert not overflowing, f"at {width}px: {overflowing}"
    context.close()


def test_table_of_contents_follows_the_reading_position(wide_page, base_url):
    page = wide_page
    open_mounted(page, base_url)
    for section in SECTIONS:
        page.locator(f"#{section}").evaluate("e => e.scrollIntoView()")
        link = page.locator(f".md-sidebar--secondary a[href='#{section}']")
        page.wait_for_function(
            "a => a.classList.contains('md-nav__link--active')", arg=link.element_handle(), timeout=5_000
        )
        shown = link.evaluate(
            """a => { const wrap = a.closest(".md-sidebar__scrollwrap").getBoundingClientRect(),
                             box = a.getBoundingClientRect();
                      return box.top >= wrap.top - 1 && box.bottom <= wrap.bottom + 1; }"""
        )
        assert shown, f"#{section}: its table-of-contents entry is out of the sidebar's view"
    page.watch.assert_clean()


@pytest.mark.parametrize("key", ["Enter", " "])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_switches_the_palette_and_the_browser_colour_scheme(wide_page, base_url, scheme, key):
    page = wide_page
    page.emulate_media(color_scheme=scheme)
    open_mounted(page, base_url)
    meta = page.locator("meta[name=color-scheme]")
    assert meta.get_attribute("content") == scheme, (
        f"{scheme} system: color-scheme meta says {meta.get_attribute('content')}"
    )
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator(".md-option:has(+ label:not([hidden]))").focus()  # the switch shown
    page.keyboard.press(key)
    after = page.evaluate("document.body.dataset.mdColorScheme")
    assert after != before, f"{key!r} on the light/dark switch did nothing"
    other = {"light": "dark", "dark": "light"}[scheme]
    page.wait_for_function(f"() => document.querySelector('meta[name=color-scheme]').content === '{other}'")
    page.watch.assert_clean()


def test_no_other_host_after_the_bundle_loads_and_while_using_every_control(page, base_url):
    page.goto(base_url)
    page.wait_for_function("() => !!document.querySelector('meta[name=color-scheme]')", timeout=10_000)
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    for link in page.locator(".share-link").all():
        link.click()
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -500)  # scrolling up shows the back-to-top button
    top = page.locator(".md-top")
    top.wait_for(state="visible", timeout=5_000)
    top.click()
    drawer = page.locator("label.md-header__button[for=__drawer]")
    if drawer.is_visible():
        drawer.click()
    other = page_in_the_menu(source())
    page.locator(f".md-nav--primary a[href='{other}']").first.click()
    page.wait_for_url(f"**/{other}")
    page.wait_for_function("() => !!document.querySelector('meta[name=color-scheme]')", timeout=10_000)
    page.wait_for_timeout(500)  # anything the theme would fetch late
    page.watch.assert_clean()


# --- Defects found in other browsers and settings --------------------------------------


# --- Forced colours, large text, line length -------------------------------------------

CHARS_PER_LINE = """() => {
  // The most characters on one rendered line of any paragraph or call of the text itself,
  // permalinks aside: not of a footnote, a notice or a table, whose smaller font fills the same
  // column with more (extra.css, "Long reading").
  let worst = [0, ""];
  for (const block of document.querySelectorAll("article > p, article > :is(ul, ol) > li")) {
    const lines = new Map(), range = document.createRange();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      if (node.parentElement.closest(".headerlink")) continue;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
      }
    }
    for (const count of lines.values()) if (count > worst[0]) worst = [count, block.id];
  }
  return worst;
}"""


@pytest.mark.parametrize("width", [1024, 1280, 1920, 2560])
def test_lines_of_body_text_stay_readable(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url)
    count, where = page.evaluate(CHARS_PER_LINE)
    assert count <= 80, f"at {width}px a line of #{where} has {count} characters (at most 80 for long reading)"
    context.close()


def test_large_text_on_a_phone_clips_nothing(browser, base_url):
    """A 32 px default font (browser setting) at 375 px: the drawer fits, the title breaks between words."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
    page.goto(base_url)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") != "20px", "large text not applied"
    page.locator("label.md-header__button[for=__drawer]").click()
    page.evaluate(ANIMATIONS_SETTLED)
    page.wait_for_timeout(400)  # Material's drawer transition
    drawer = page.locator(".md-sidebar--primary").bounding_box()
    assert drawer["x"] >= 0 and drawer["x"] + drawer["width"] <= 375, f"the drawer is clipped: {drawer}"
    broken = page.evaluate(
        """() => { const h1 = document.querySelector("article h1"), range = document.createRange();
                   const text = h1.firstChild, words = [];
                   let start = 0;
                   for (const word of text.textContent.split(" ")) {
                     range.setStart(text, start); range.setEnd(text, start + word.length);
                     if (word && range.getClientRects().length > 1) words.push(word);
                     start += word.length + 1;
                   }
                   return words; }"""
    )
    assert not broken, f"the title breaks inside {broken}"
    context.close()


def test_forced_colours_keep_the_landing_mark_icons_and_edges(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, forced_colors="active")
    page = context.new_page()
    target = next(p.id for p in STATEMENT.parts if p.kind == "paragraph" and p.explicit)
    page.goto(f"{base_url}#{target}")
    mark = page.locator(f"#{target}").evaluate("e => getComputedStyle(e).outlineStyle")
    assert mark != "none", f"#{target}: no landing mark under forced colours"
    icons = page.evaluate(
        """() => [...document.querySelectorAll("label.md-header__button[for=__drawer] svg, .md-nav__icon")]
             .filter(e => e.getClientRects().length || e.closest(".md-sidebar--primary"))
             .map(e => { const svg = e.tagName === "svg", style = getComputedStyle(e, svg ? null : "::after");
                         const ink = svg ? style.fill : style.backgroundColor;
                         const page = getComputedStyle(document.body).backgroundColor;
                         return [e.className.baseVal ?? e.className, ink, page]; })
             .filter(([, ink, page]) => ink === page || ink === "rgba(0, 0, 0, 0)")"""
    )
    assert not icons, f"icons drawn in the page's own colour: {icons}"
    edges = page.evaluate(
        """() => [".md-header", ".md-sidebar--primary"].filter(s => {
             const style = getComputedStyle(document.querySelector(s));
             return parseFloat(style.borderBottomWidth) + parseFloat(style.borderRightWidth) === 0; })"""
    )
    assert not edges, f"no edge under forced colours: {edges}"
    context.close()


def test_the_policy_admits_the_inlined_css_and_no_other_style(browser, site_dir):
    """The page's policy hashes its critical stylesheet (steps/critical_css.py): the first
    response alone paints the page. A style injected after the build is blocked."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    injected = html.replace("</body>", "<style>.md-header { position: static !important }</style></body>")
    page = browser.new_page()
    # Only the first response: every other request (the full stylesheets, the bundle) is refused.
    page.route("**/*", lambda route: route.fulfill(body=injected, content_type="text/html")
               if route.request.resource_type == "document" else route.abort())  # fmt: skip
    page.goto("http://statement.test/")
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    page.close()


def test_a_slow_connection_paints_the_first_screen_before_the_page_has_arrived(browser, base_url):
    """The first response paints as it is read (overrides/main.html): on a slow connection,
    where the page arrives in pieces, its first screen is drawn before the last byte comes, and
    is drawn in its own styles."""
    page = browser.new_page(viewport={"width": 375, "height": 667})
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(  # bytes per second: the page takes about a second to arrive
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": 40_000, "uploadThroughput": -1},
    )
    page.route("**/assets/javascripts/**", lambda route: route.abort())
    page.goto(base_url)
    painted, arrived = page.evaluate(
        """() => [performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
                  performance.getEntriesByType("navigation")[0].responseEnd]"""
    )
    assert painted is not None, "nothing was painted"
    assert painted < arrived, f"the first paint ({painted:.0f} ms) waited for the whole page ({arrived:.0f} ms)"
    assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    page.close()


def test_dark_system_paints_dark_before_the_bundle_runs(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.route("**/assets/javascripts/**", lambda route: route.abort())  # the bundle never arrives
    page.goto(base_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "a dark system first sees the light palette"
    context.close()


@pytest.mark.parametrize("system, chosen", [("light", "slate"), ("dark", "default")])
def test_a_readers_chosen_palette_paints_before_the_bundle_runs(browser, base_url, system, chosen):
    """A reader switched the palette on an earlier visit: the next page paints in their choice,
    not their system's, though the bundle that stored it has not arrived."""
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    page.goto(base_url)
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == chosen, "the switch did not change the palette"
    page.route("**/assets/javascripts/**", lambda route: route.abort())
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == chosen, "the stored choice waits for the bundle"
    context.close()
