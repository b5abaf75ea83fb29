"""Reading, for every reader: in either palette, at any width, by keyboard, without
JavaScript and on paper, and privately: no page asks any other host for anything."""

import re
from urllib.parse import urlsplit

import pytest
from browsing import ANIMATIONS_SETTLED, SCRIPTS_READY, SIDEWAYS, VIEWPORTS, PageWatch
from project import ROOT, home_page, page_in_the_menu, source

from statement_site.source.parts import KINDS
from statement_site.source.text import squeeze

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = {"light": "default", "dark": "slate"}  # system setting -> Material's palette
# Every page built from docs/, by its address, and the 404 page.
PAGES = [page.url for page in source().pages.values()] + ["404.html"]
STATEMENT = home_page(source())
SECTIONS = [part.id for part in STATEMENT.parts if part.kind == "heading" and part.level == 2]
CHROME = [".md-header", ".md-sidebar", ".md-footer", ".md-skip", ".md-content__button", ".headerlink", ".share-link"]


def page_file(path):
    return path if path.endswith(".html") else f"{path}index.html"


@pytest.fixture(scope="session")
def site_path():
    """The site's path on its host (`ceasefire-statement/`): 404.html links there absolutely."""
    return urlsplit(source().config.site_url).path.lstrip("/")


def open_page(page, base_url, site_path, path=""):
    """Open a built page; addresses under the site's path on its host go to the local server."""
    if site_path:
        prefix = base_url + site_path
        page.route(prefix + "**", lambda route: route.continue_(url=base_url + route.request.url[len(prefix) :]))
    page.goto(base_url + path)
    if page.context.pages and page.evaluate("() => matchMedia('(scripting: enabled)').matches"):
        # Material's bundle runs after the load event; the page is finished once it has mounted.
        page.wait_for_function("() => !!document.querySelector('meta[name=color-scheme]')", timeout=10_000)


# --- Automated checks: axe-core --------------------------------------------------------


def axe_report(where, violations):
    lines = [f"{where}: axe-core finds {len(violations)} violated rule(s)"]
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']}  {rule['helpUrl']}")
        for node in rule["nodes"]:
            target = " >> ".join(t if isinstance(t, str) else " ".join(t) for t in node["target"])
            reason = next((s.strip() for s in node["failureSummary"].splitlines()[1:] if s.strip()), "")
            lines.append(f"    {target}: {reason}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(page, base_url, site_path, path, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page(page, base_url, site_path, path)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not injected: a page policy cannot block it
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    width = page.viewport_size["width"]
    if result["violations"]:
        pytest.fail(axe_report(f"/{path} at {width}px, {scheme} palette", result["violations"]), pytrace=False)
    page.watch.assert_clean()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_violation_with_every_kind_of_content(browser, edited, scheme):
    """In a copy with every ordinary edit (tests/edits.py: task lists, images with captions,
    definition lists, notices, tables, footnotes…), at phone and desktop widths; and each task's
    box is named by its words, and stays as written whatever a reader does to it."""
    model, url = edited
    tasks = [p for p in home_page(model).parts if p.kind == "item" and p.text.startswith(("[x] ", "[ ] "))]
    assert tasks, "the edited copy has a task list"
    found = []
    for width, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(SCRIPTS_READY, timeout=10_000)
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        if result["violations"]:
            found.append(axe_report(f"the edited statement at {width}, {scheme} palette", result["violations"]))
        for task in tasks:
            item = page.locator(f"#{task.id}") if task.id else page  # the same words may be another task's too
            box = item.get_by_role("checkbox", name=task.words, exact=True)
            ticked = task.text.startswith("[x]")
            assert box.count() == 1 and box.is_disabled() and box.is_checked() == ticked, f"docs/index.md:{task.line}"
            box.click(force=True)
            item.get_by_text(task.words, exact=True).click(force=True)
            assert box.is_checked() == ticked, f"docs/index.md:{task.line}: a reader ticked a task's box"
        context.close()
    assert not found, "\n".join(found)


# --- Contrast in the states a reader puts the statement in --------------------------------


def landing_with_links():
    """The last paragraph with an editor's ID whose text has a link: a shared link lands there,
    and the landing mark is behind its links."""
    lines = [link.line for link in STATEMENT.links if not link.image]
    return next(
        part.id
        for part in reversed(STATEMENT.parts)
        if part.kind == "paragraph" and part.explicit and any(part.line <= n <= (part.id_line or part.line) for n in lines)
    )


LANDED = landing_with_links()
# Each state starts from a share address, which lands on LANDED (its mark stays: reduced motion).
CONTRAST_STATES = {
    "landed": None,
    "landed part hovered": ("hover", f"#{LANDED}"),  # its permalink over the mark
    "another part hovered": ("hover", f"article p[id]:not(#{LANDED})"),  # one over the page
    "share control focused": ("focus", f"#{LANDED} > a.share-link"),
    "link in the text focused": ("focus", f"#{LANDED} > a:not([class])"),
}


def measured_below(result):
    """Text whose contrast axe measured but left undecided, below the ratio it asks for: a
    permalink's ¶ is too short for axe to be sure it is text."""
    found = []
    for rule in (r for r in result["incomplete"] if r["id"] == "color-contrast"):
        for node in rule["nodes"]:
            data = next((check["data"] for check in node["any"] if isinstance(check.get("data"), dict)), {})
            wanted = float(str(data.get("expectedContrastRatio", "4.5:1")).split(":")[0])
            if data.get("contrastRatio") and data["contrastRatio"] < wanted:
                found.append(f"{' '.join(map(str, node['target']))}: {data['contrastRatio']}:1 ({data['fgColor']} on {data['bgColor']})")
    return found


def land(browser, base_url, **options):
    """A desktop page opened from the share address of LANDED, once Material's bundle has applied
    the palette, its animations over."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], reduced_motion="reduce", **options)
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    page.goto(base_url + STATEMENT.share_path(LANDED))
    page.wait_for_url(f"**/#{LANDED}")
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)
    page.evaluate(ANIMATIONS_SETTLED)
    assert page.evaluate("document.querySelector(':target')?.id") == LANDED, f"the share address did not land on #{LANDED}"
    return page


def put_in(page, state):
    """Put the landed page in a state of CONTRAST_STATES; keyboard focus is shown as such."""
    if CONTRAST_STATES[state] is None:
        return
    how, selector = CONTRAST_STATES[state]
    element = page.locator(selector).first
    if how == "hover":
        element.hover()
    else:
        page.keyboard.press("Shift+Tab")  # a key pressed: focus moved by script is shown as keyboard focus
        element.focus()
        assert page.evaluate("document.activeElement.matches(':focus-visible')"), f"{state}: focus is not shown"
    page.evaluate(ANIMATIONS_SETTLED)  # the permalink fading in, the link's colour


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("state", list(CONTRAST_STATES))
def test_axe_finds_no_violation_in_every_state(browser, base_url, state, scheme):
    """Landed on a part with links, a part hovered, a share control or a link focused: every
    text keeps 4.5:1, in both palettes (the landing mark behind links, the permalinks shown)."""
    page = land(browser, base_url, color_scheme=scheme)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    put_in(page, state)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations, watch = result["violations"], page.watch
    page.context.close()
    if violations:
        pytest.fail(axe_report(f"landed on #{LANDED}, {state}, {scheme} palette", violations), pytrace=False)
    assert not measured_below(result), f"{state}, {scheme} palette: {measured_below(result)}"
    watch.assert_clean()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_forced_colours_keep_the_landing_mark_focus_rings_and_link_underlines(browser, base_url, scheme):
    """Under forced colours backgrounds are the system's, and axe's contrast rule says nothing:
    the landing mark, the focus ring of a share control and of a link, and the underline of the
    links in the landed part are what must stay visible."""
    page = land(browser, base_url, color_scheme=scheme, forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    outline = "e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]"
    style, width = page.locator(f"#{LANDED}").evaluate(outline)
    assert style != "none" and width > 0, f"#{LANDED}: no landing mark under forced colours ({style} {width}px)"
    underlines = page.locator(f"#{LANDED} > a:not([class])").evaluate_all(
        "links => links.map(a => getComputedStyle(a).textDecorationLine)"
    )
    assert underlines and all("underline" in line for line in underlines), f"links without underline: {underlines}"
    for state in ("share control focused", "link in the text focused"):
        put_in(page, state)
        style, width = page.evaluate(f"({outline})(document.activeElement)")
        assert style != "none" and width > 0, f"{state}: no focus ring under forced colours ({style} {width}px)"
    watch = page.watch
    page.context.close()
    watch.assert_clean()


def test_every_kind_of_part_keeps_its_contrast_when_landed_on(browser, edited):
    """In a copy with every ordinary edit: landed on a heading, a paragraph, a list item, a
    quotation, a footnote…, the permalink shown, every text keeps 4.5:1 on the mark."""
    model, url = edited
    statement = home_page(model)
    kinds = {}  # the last part of each kind (the paragraphs at the end have links)
    for part in reversed(statement.parts):
        if part.id and (part.shareable or part.kind == "footnote"):
            kinds.setdefault(part.kind, part.id)
    assert {"heading", "paragraph", "item", "quote", "footnote"} <= set(kinds), f"the edited copy has {kinds}"
    found = []
    for scheme in SCHEMES:
        context = browser.new_context(viewport=VIEWPORTS["desktop"], reduced_motion="reduce", color_scheme=scheme)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(SCRIPTS_READY, timeout=10_000)
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        page.evaluate(AXE.read_text(encoding="utf-8"))
        for kind, ident in kinds.items():
            page.goto(f"{url}#{ident}")
            page.locator(f"[id='{ident}']").hover()
            page.evaluate(ANIMATIONS_SETTLED)
            result = page.evaluate("() => axe.run(document, {runOnly: ['color-contrast']})")
            where = f"landed on the {kind} #{ident}, {scheme} palette"
            if result["violations"]:
                found.append(axe_report(where, result["violations"]))
            found += [f"{where}: {text}" for text in measured_below(result)]
        context.close()
    assert not found, "\n".join(found)


# --- Zoom and narrow screens -----------------------------------------------------------

REFLOW = {
    "320px": {"viewport": {"width": 320, "height": 640}},
    "1280px at 200%": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@pytest.mark.parametrize("size", list(REFLOW))
def test_text_reflows_without_sideways_scrolling(browser, base_url, site_path, size):
    context = browser.new_context(**REFLOW[size])
    page = context.new_page()
    for path in PAGES:
        open_page(page, base_url, site_path, path)
        wide = page.evaluate(SIDEWAYS)
        assert wide == [0, []], f"/{path} at {size}: {wide[0]}px too wide; overflowing: {wide[1][:5]}"
    context.close()


# --- Keyboard --------------------------------------------------------------------------

FOCUS = """async () => {
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => {})));  // drawer sliding in
  const element = document.activeElement;
  if (element === document.body) return null;
  // The palette switch is a hidden radio button: its label shows the focus.
  const shown = element.matches(".md-option") ? element.nextElementSibling : element;
  const style = getComputedStyle(shown), box = shown.getBoundingClientRect();
  return {
    key: element.getAttribute("href") || "#" + element.id,
    classes: element.className,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
    onscreen: box.width > 0 && box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight,
  };
}"""


def tab_through(page, limit=300):
    """Every stop the Tab key makes, from the top of the page until focus leaves it."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop is None or (stops and stop == stops[0]):
            return stops
        stops.append(stop)
    pytest.fail(f"Tab never leaves the page after {limit} stops")


def test_keyboard_reaches_every_control_with_a_visible_focus(page, base_url):
    page.goto(base_url)
    share_links = page.locator(".share-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    stops = tab_through(page)
    keys = [s["key"] for s in stops]
    assert "md-skip" in stops[0]["classes"], f"the first Tab stop is {keys[0]}, not the skip link"
    assert "#__palette_0" in keys or "#__palette_1" in keys, "the light/dark switch is not reachable"
    # The pages the nav lists at its top level; those in its sections once a section is opened.
    listed = [source().pages[entry.src].url for entry in source().config.nav if entry.src in source().pages and not entry.sections]
    for wanted in [*(url for url in listed if url), *(f"#{s}" for s in SECTIONS)]:
        assert wanted in keys, f"{wanted} (navigation / table of contents) is not reachable by Tab"
    assert share_links, "no share control on the page"
    missing = [
        href for href in share_links if not any(s["key"] == href and "share-link" in s["classes"] for s in stops)
    ]
    assert not missing, f"share controls not reachable by Tab: {missing}"
    hidden = [f"{s['key']} ({s['classes']})" for s in stops if not (s["ring"] and s["onscreen"])]
    assert not hidden, f"focus is invisible or off screen on: {hidden}"
    page.watch.assert_clean()


def test_skip_link_moves_on_to_the_statement(page, base_url):
    page.goto(base_url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after_title = """document.querySelector("article h1").compareDocumentPosition(document.activeElement)
                     & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)"""
    assert page.evaluate(after_title), "after the skip link, Tab does not go on from the statement's title"
    page.watch.assert_clean()


def open_drawer(page):
    """On a phone, the navigation is in a drawer that a tap opens (JavaScript or not)."""
    drawer = page.locator("label.md-header__button[for=__drawer]")
    if drawer.is_visible():
        drawer.click()


def close_drawer(page):
    """Without Material's bundle the drawer stays open after a link: a tap beside it closes it."""
    overlay = page.locator(".md-overlay")
    if overlay.is_visible():
        size = page.viewport_size
        overlay.click(position={"x": size["width"] - 10, "y": size["height"] // 2})
        page.evaluate(ANIMATIONS_SETTLED)  # it slides out


def table_of_contents(page, base_url):
    """The visible table of contents: the sidebar on a desktop; on a phone, from the top of
    the page, the drawer's panel."""
    if not page.locator(".md-sidebar--secondary").is_visible():
        page.goto(base_url)
        open_drawer(page)
        page.locator("label.md-nav__link[for=__toc]").click()
        return page.locator(".md-nav--primary .md-nav--secondary")
    return page.locator(".md-sidebar--secondary")


# --- Privacy ---------------------------------------------------------------------------

def test_using_every_control_asks_no_other_host_and_stores_only_the_palette(page, base_url):
    page.goto(base_url)
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != before, "the palette switch did nothing"
    share_links = page.locator(".share-link")
    assert share_links.count(), "no share control on the page"
    for link in share_links.all():
        link.click()
    last = SECTIONS[-1]
    table_of_contents(page, base_url).locator(f"a[href='#{last}']").click()
    assert page.evaluate("location.hash") == f"#{last}"
    page.goto(base_url)
    open_drawer(page)
    other = page_in_the_menu(source())
    page.locator(f".md-nav--primary a[href='{other}']").click()
    page.wait_for_url(f"**/{other}")
    stored = page.evaluate("Object.keys(localStorage)")
    assert stored and all(key.endswith(".__palette") for key in stored), f"stored: {stored}"
    assert page.context.cookies() == [], "a page set a cookie"
    page.watch.assert_clean()


# --- Without JavaScript ----------------------------------------------------------------


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page_without_js(request, browser, base_url):
    context = browser.new_context(viewport=VIEWPORTS[request.param], java_script_enabled=False)
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    yield page
    context.close()


def shown_text(locator):
    """What a reader sees of an element, without its permalink sign and its footnotes' marks
    (its words, as the model's `words` are)."""
    return squeeze(
        locator.evaluate(
            "e => { const c = e.cloneNode(true); c.querySelectorAll('.headerlink, .footnote-ref').forEach(n => n.remove()); return c.textContent }"
        )
    )


def test_statement_reads_and_navigates_without_javascript(page_without_js, base_url):
    page = page_without_js
    page.goto(base_url)
    assert page.evaluate("matchMedia('(scripting: none)').matches"), "JavaScript is on"
    for part in STATEMENT.parts:
        for alt, _ in part.images:
            assert page.locator("article").get_by_alt_text(alt, exact=True).first.is_visible(), (
                f"docs/index.md:{part.line}: image not visible without JavaScript"
            )
        text = part.words  # without its images or a task's box, which are not text
        if not text or part.kind not in ("heading", "paragraph", "item", "quote"):
            continue
        tag = f"h{part.level}" if part.kind == "heading" else KINDS[part.kind].built_as[0]
        # By its ID: its words may run around a footnote's mark, which a text match would not.
        element = page.locator(f"#{part.id}") if part.id else page.locator(f"article {tag}").filter(has_text=text).first
        assert element.is_visible(), f"docs/index.md:{part.line}: not visible without JavaScript"
        assert shown_text(element) == text, f"docs/index.md:{part.line}: shown differently"
    assert not page.locator("[data-md-component=palette]").is_visible(), "a switch that cannot work is shown"
    for section in SECTIONS:
        toc = table_of_contents(page, base_url).locator(f"a[href='#{section}']")
        toc.click()
        assert page.evaluate("location.hash") == f"#{section}", f"table of contents: #{section} does not work"
        close_drawer(page)
        top = page.locator(f"#{section}").bounding_box()["y"]
        assert 0 <= top < page.viewport_size["height"], f"#{section} is not in view after its TOC link"
        page.locator(f"#{section} > .headerlink").click()
        assert page.evaluate("location.hash") == f"#{section}", f"the heading link of #{section} does not work"
    page.watch.assert_clean()


# --- Print -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_print_gives_the_statement_and_its_address_without_chrome(page, base_url, scheme):
    page.emulate_media(media="print", color_scheme=scheme)
    page.goto(base_url)
    shown = [
        f"{selector} ({i})" for selector in CHROME for i, e in enumerate(page.locator(selector).all()) if e.is_visible()
    ]
    assert not shown, f"screen controls on paper: {shown}"
    for part in STATEMENT.parts:
        if part.id:
            assert page.locator(f"#{part.id}").is_visible(), f"docs/index.md:{part.line}: not printed"
    assert page.locator("article h1").is_visible()
    url = page.locator(".print-url")
    assert url.is_visible() and source().config.site_url in url.inner_text(), "the page's address is not printed"
    for heading in page.locator("article :is(h1, h2)").all():
        assert heading.evaluate("h => getComputedStyle(h).breakAfter") == "avoid", "a heading may end a page"
    last = next(part for part in reversed(STATEMENT.parts) if part.explicit)
    ink = page.locator(f"#{last.id}").evaluate("p => getComputedStyle(p).color")
    assert max(map(int, re.findall(r"\d+", ink)[:3])) < 100, f"text prints in {ink}: too light for paper"
    page.watch.assert_clean()
