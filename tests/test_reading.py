"""Reading: every word of every page reaches the reader, in order, and every section can be
reached from the table of contents and by its link. What to expect is read from the Markdown
(tests/contract.py), so that editors can change the statement without touching a test."""

import contract
import pytest
from conftest import ROOT, in_view_below_header
from statement import blocks, sections


@pytest.mark.parametrize("check", contract.READING, ids=lambda check: check.__name__)
def test_the_site_renders_what_docs_says(site_dir, check):
    problems = check(ROOT, site_dir)
    assert not problems, "\n".join(problems)


def test_every_section_lands_in_view(page, base_url):
    """Opening index.html#<id> scrolls that section into view, below the sticky header."""
    page.goto(base_url + "index.html")
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == blocks()[0].text
    for section in sections():
        page.goto(f"{base_url}index.html#{section}")
        assert in_view_below_header(page, f"#{section}"), f"#{section} is under the header or below the fold"
    page.watch.assert_clean()
