"""Reading: every word of the statement reaches the reader, in order, and every
section can be reached from the table of contents and by its link."""

import pytest
from conftest import in_view_below_header
from statement import blocks, sections, squeeze


def article(read_page):
    return read_page("index.html").select_one("article.md-content__inner")


def words(element):
    """The text an element shows, without the permalink sign beside it."""
    permalinks = "".join(link.get_text() for link in element.select(".headerlink"))
    return squeeze(element.get_text().removesuffix(permalinks))


def rendered_blocks(read_page):
    """The visible text of the page's headings, paragraphs and list items, in order."""
    return [words(element) for element in article(read_page).find_all(["h1", "h2", "h3", "h4", "p", "li"])]


def test_every_paragraph_and_call_is_published_in_order(read_page):
    rendered = rendered_blocks(read_page)
    position = 0
    for block in blocks():
        assert block.text in rendered[position:], (
            f"docs/index.md:{block.line}: this {block.kind} is missing from the built page, "
            f"or out of order: {block.text[:80]!r}"
        )
        position = rendered.index(block.text, position) + 1


def test_no_markdown_syntax_leaks_into_the_page(read_page):
    text = article(read_page).get_text()
    for leak in ("{#", "{.", "{:", "](", "**"):
        assert leak not in text, f"Markdown syntax {leak!r} shows on the page"


def test_title_and_deck(read_page):
    page = article(read_page)
    h1 = blocks()[0]
    assert [words(h) for h in page.find_all("h1")] == [h1.text]
    deck = page.select_one("h1 + p.md-deck")
    assert deck is not None and squeeze(deck.get_text()) == blocks()[1].text


def test_the_five_calls_form_one_list(read_page):
    calls = [b for b in blocks() if b.kind == "li"]
    items = article(read_page).select("ul > li[id^=call-]")
    assert len(calls) == len(items) == 5
    assert [li["id"] for li in items] == [c.id for c in calls]


@pytest.mark.parametrize("section", sections())
def test_section_has_its_id_and_a_toc_entry(read_page, section):
    page = read_page("index.html")
    heading = page.find(id=section)
    assert heading is not None and heading.name == "h2", f"no <h2 id={section!r}> in the page"
    toc = page.select_one("nav.md-nav--secondary")
    assert toc.select_one(f'a[href="#{section}"]'), f"#{section} is not in the table of contents"


def test_every_section_lands_in_view(page, base_url):
    """Opening index.html#<id> scrolls that section into view, below the sticky header."""
    page.goto(base_url + "index.html")
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == blocks()[0].text
    for section in sections():
        page.goto(f"{base_url}index.html#{section}")
        assert in_view_below_header(page, f"#{section}"), f"#{section} is under the header or below the fold"
    page.watch.assert_clean()
