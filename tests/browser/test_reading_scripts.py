"""Pages in other scripts, read in Chromium: a page in a right-to-left language (Arabic, Hebrew,
Persian) is laid out as Material lays out one, its navigation on the right, its text from the
right, a sentence's full stop at the end of its line (its left), its drawer opening from the
right on a phone; and every page of tests/languages.py (Hindi, Chinese, Japanese, Korean too)
passes axe at phone and desktop widths.

One copy of the project with a page in each language (their own file names), built with MkDocs."""

import pytest
from browsing import ANIMATIONS_SETTLED, SCRIPTS_READY, VIEWPORTS, PageWatch
from languages import SAMPLES, built_in_every_script
from project import ROOT, serve

from statement_site.source.text import direction

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RIGHT_TO_LEFT = [lang for lang in SAMPLES if direction(lang) == "rtl"]

# Where a paragraph's words are: its first line's right end, its last character (not the share
# control after it) and the ends of the line that character is on, and the paragraph's box.
GEOMETRY = """id => {
  const p = document.getElementById(id);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
    acceptNode: node => node.parentElement.closest('.share-link') || !node.textContent.trim()
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const first = nodes[0], last = nodes[nodes.length - 1];
  const end = last.textContent.replace(/\\s+$/, '').length;
  const words = document.createRange();
  words.setStart(first, 0);
  words.setEnd(last, end);
  const stop = document.createRange();
  stop.setStart(last, end - 1);
  stop.setEnd(last, end);
  const lines = [...words.getClientRects()];
  const at = rect => lines.filter(line => Math.abs(line.top - rect.top) < 4);
  const stopRect = stop.getBoundingClientRect();
  const box = p.getBoundingClientRect();
  return {
    character: last.textContent[end - 1],
    stop: [stopRect.left, stopRect.right],
    line: [Math.min(...at(stopRect).map(r => r.left)), Math.max(...at(stopRect).map(r => r.right))],
    firstLineRight: Math.max(...at(lines[0]).map(r => r.right)),
    box: [box.left, box.right],
  };
}"""
RECT = "selector => { const r = document.querySelector(selector).getBoundingClientRect(); return [r.left, r.right]; }"


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory):
    """(model, address, {lang: page}) of a copy with a page in each language, built and served."""
    source, site, pages = built_in_every_script(tmp_path_factory.mktemp("scripts"))
    with serve(site) as url:
        yield source, url, pages


def opened(browser, base_url, path, viewport):
    """A page at a width, watched for requests to other hosts. (Not for console errors: Material
    asks each language of the switch for its own sitemap.xml, which a translation that is a page
    of this site, not a site of its own, does not have: a 404 no reader sees.)"""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    page.goto(base_url + path)
    page.wait_for_function(SCRIPTS_READY, timeout=10_000)
    return page


@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_a_right_to_left_page_is_laid_out_from_the_right(browser, scripts_site, lang):
    source, url, pages = scripts_site
    page_model = pages[lang]
    page = opened(browser, url, page_model.url, "desktop")
    try:
        nav, toc, content = (page.evaluate(RECT, selector) for selector in (".md-sidebar--primary", ".md-sidebar--secondary", ".md-content"))
        assert nav[0] >= content[1] - 1, f"the navigation {nav} is not right of the text {content}"
        assert toc[1] <= content[0] + 1, f"the table of contents {toc} is not left of the text {content}"
        found = page.evaluate(GEOMETRY, f"test-{lang}-first")
        assert abs(found["firstLineRight"] - found["box"][1]) < 2, f"the first line does not start at the right: {found}"
        assert found["character"] == "." and found["stop"][0] - found["line"][0] < 2, f"the full stop is not at its line's left end: {found}"
        assert not page.watch.foreign, page.watch.foreign
    finally:
        page.context.close()


@pytest.mark.parametrize("by", ["tap", "keyboard"])
@pytest.mark.parametrize("lang", RIGHT_TO_LEFT)
def test_a_right_to_left_pages_drawer_opens_from_the_right(browser, scripts_site, lang, by):
    """Tapped open, or opened as keyboard focus enters it (stylesheets/extra.css)."""
    source, url, pages = scripts_site
    page = opened(browser, url, pages[lang].url, "phone")
    try:
        if by == "tap":
            page.locator("label.md-header__button[for=__drawer]").click()
        else:
            for _ in range(40):
                page.keyboard.press("Tab")
                if page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"):
                    break
        page.evaluate(ANIMATIONS_SETTLED)
        left, right = page.evaluate(RECT, ".md-sidebar--primary")
        width = VIEWPORTS["phone"]["width"]
        assert abs(right - width) < 2 and left > 0, f"the open drawer is at {left}-{right} on a {width} px screen"
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_pages_in_every_script_pass_axe(browser, scripts_site, viewport):
    source, url, pages = scripts_site
    found = []
    for lang, page_model in pages.items():
        page = opened(browser, url, page_model.url, viewport)
        try:
            page.evaluate(AXE.read_text(encoding="utf-8"))
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            found += [f"{page_model.file} ({lang}): {rule['id']}: {rule['help']}" for rule in result["violations"]]
            assert not page.watch.foreign, page.watch.foreign
        finally:
            page.context.close()
    assert not found, "\n".join(found)
