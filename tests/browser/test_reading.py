"""Reading what editors write, in Chromium: sections land in view by their links; a copy with
every ordinary edit (tests/edits.py: a notice, a table, images in the text, a list and a notice,
a footnote, a quote) reads well: notices are readable boxes in light, dark and print that span
the text column, images keep their place while they load, and those below the first screen
wait until a reader scrolls near them."""

import re

import pytest
from browsing import ANIMATIONS_SETTLED, in_view_below_header, open_ready
from project import home_page, source

STATEMENT = home_page(source())


def test_every_section_lands_in_view(page, base_url):
    """Opening index.html#<id> scrolls that section into view, below the sticky header."""
    page.goto(base_url + "index.html")
    title = next(p.text for p in STATEMENT.parts if p.kind == "heading" and p.level == 1)
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == title
    for section in (p.id for p in STATEMENT.parts if p.kind == "heading" and p.level == 2):
        page.goto(f"{base_url}index.html#{section}")
        assert in_view_below_header(page, f"#{section}"), f"#{section} is under the header or below the fold"
    page.watch.assert_clean()


def contrast(foreground, background):
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(color):
        channels = [int(c) / 255 for c in re.findall(r"\d+", color)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("media, scheme", [("screen", "light"), ("screen", "dark"), ("print", "light")])
def test_a_notice_is_a_readable_box_in_light_dark_and_print(browser, edited, media, scheme):
    _, url = edited
    page = browser.new_page()
    page.emulate_media(media=media, color_scheme=scheme)
    page.goto(url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    notice = page.locator("article .admonition").first
    assert notice.is_visible(), "the notice is not shown"
    border, width, whole = notice.evaluate(
        "e => [getComputedStyle(e).borderLeftColor, getComputedStyle(e).borderLeftWidth, getComputedStyle(e).breakInside]"
    )
    assert float(width.removesuffix("px")) > 0 and "rgba(0, 0, 0, 0)" not in border, "the notice has no visible edge"
    title, background = page.locator("article .admonition-title").first.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert contrast(title, background) >= 4.5, f"{media}/{scheme}: title {title} on {background}"
    if media == "print":
        assert whole == "avoid", "a notice may be cut across two sheets"
    page.close()


@pytest.mark.parametrize("state", ["first paint", "scripts run"])
@pytest.mark.parametrize("width", [375, 1280])
def test_a_notice_and_its_text_span_the_text_column(browser, edited, width, state):
    """The box, its title band and its text end where the paragraphs around it end: as the
    first response paints it, and once Material's bundle has wrapped its table in a scroll area."""
    _, url = edited
    page = browser.new_page(viewport={"width": width, "height": 800})
    if state == "first paint":
        page.route("**/assets/javascripts/**", lambda route: route.abort())  # the bundle never runs
        page.goto(url)
    else:
        open_ready(page, url)
    edges = page.evaluate(
        """() => {
             const right = e => Math.round(e.getBoundingClientRect().right);
             const notice = document.querySelector("article .admonition");
             const paragraph = [...document.querySelectorAll("article > p[id]")].find(p => p.textContent.length > 200);
             return {paragraph: right(paragraph), box: right(notice),
                     inside: [...notice.children].map(c => [c.className || c.tagName, right(c)])};
           }"""
    )
    page.close()
    assert abs(edges["box"] - edges["paragraph"]) <= 1, f"at {width}px the box ends at {edges['box']}, the text at {edges['paragraph']}"
    inner = [name for name, right in edges["inside"] if edges["box"] - right > 20]
    assert not inner, f"at {width}px these stop short inside the box: {inner} ({edges})"


def test_images_keep_their_place_and_load_when_a_reader_nears_them(browser, edited):
    """Each image has its width and height (no layout shift); those below the first screen are
    lazy, those on it are not."""
    source, url = edited
    page = browser.new_page(viewport={"width": 375, "height": 667})
    page.goto(url)
    images = page.evaluate(
        """() => [...document.querySelectorAll("article img")].map(img => ({
             alt: img.alt, width: img.getAttribute("width"), height: img.getAttribute("height"),
             lazy: img.loading === "lazy", top: img.getBoundingClientRect().top + scrollY,
             ratio: img.naturalWidth && img.getAttribute("width") / img.getAttribute("height") - img.naturalWidth / img.naturalHeight}))"""
    )
    # A reader scrolls to the last image: it loads.
    last = page.locator("article img").last
    last.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=last.element_handle(), timeout=10_000)
    page.close()
    assert images, "the edited copy has images"
    for image in images:
        assert image["width"] and image["height"], f"{image['alt']!r}: no width and height"
        if image["ratio"] is not None:
            assert abs(image["ratio"]) < 0.02, f"{image['alt']!r}: its width and height are not the file's"
        where = f"{image['alt']!r} at {image['top']:.0f}px"
        if image["top"] > 2 * 667:
            assert image["lazy"], f"{where}, more than two screens down, loads with the text"
        elif image["top"] < 667:
            assert not image["lazy"], f"{where}, on the first screen, waits until a reader scrolls"


@pytest.mark.parametrize("width", [320, 375])
def test_the_language_switch_fits_a_phones_screen(browser, edited, width):
    """With pages in two languages, the theme's switch is in the header: closed, it widens no
    page; open, its list is on the screen; each of its links leads to a page of the site."""
    source, url = edited
    assert len({page.lang or source.config.language for page in source.pages.values()}) > 1, "the copy has two languages"
    page = browser.new_page(viewport={"width": width, "height": 640})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the closed switch widens the page"
    page.locator(".md-select").first.hover()
    page.evaluate(ANIMATIONS_SETTLED)
    box = page.locator(".md-select__inner").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"the open list reaches past the screen: {box}"
    for link in page.locator(".md-select__link").all():
        assert page.request.get(url + link.get_attribute("href").removeprefix("./")).ok
    page.close()
