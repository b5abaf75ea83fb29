"""The model renders every page with one Python-Markdown (source/render.py, Renderer), reset
between pages: a page reads the same whatever page was read before it, for every extension of
the site's settings that keeps something from one document to the next."""

import itertools
import xml.etree.ElementTree as etree

import pytest
from project import source

from statement_site.source.parts import id_written_in
from statement_site.source.render import Renderer, render

PAGES = {
    "footnotes": "# A\n\nWords.[^1] More.[^note]\n{#words}\n\n[^1]: First.\n[^note]: Second.\n",
    "an abbreviation": "# B\n\nThe ILRC speaks.\n{#ilrc}\n\n*[ILRC]: Immigrant Legal Resource Center\n",
    "the same abbreviation, unexplained": "# C\n\nThe ILRC again.\n{#again}\n",
    "headings with the same words": "# D\n\n## Calls\n\n## Calls\n\nText.\n",
    "a caption and a notice": "# E\n\n![A vigil](a.png)\n{#vigil}\n\n/// caption\nCandles.\n///\n\n/// note | Update\nLater.\n///\n",
    "code, a task and an emoji": "# F\n\n```\n<b>code</b>\n```\n\n- [x] Done :heart:\n  {#done}\n",
    "raw HTML refused": "# G\n\n<script>alert(1)</script>\n\nText.\n{#text}\n",
}


def rendered(result):
    tree, written, refused = result
    return etree.tostring(tree, encoding="unicode"), sorted(written), refused


@pytest.mark.parametrize(("before", "page"), list(itertools.permutations(PAGES, 2)))
def test_a_page_reads_the_same_after_any_other(before, page):
    config = source().config
    renderer = Renderer(config)
    renderer.render(PAGES[before])
    assert rendered(renderer.render(PAGES[page])) == rendered(render(PAGES[page], config))


@pytest.mark.parametrize(
    ("line", "ident", "written"),
    [
        ("{#vigil}", "vigil", True),
        ("{ .deck #vigil }", "vigil", True),
        ("{#vigils}", "vigil", False),  # another ID that starts alike
        ("{#vigil-2}", "vigil", False),
        ("{#vigil_}", "vigil", False),
        ("{#vigilé}", "vigil", False),
        ("{#a.b}", "a.b", True),  # as attr_list reads an ID: up to a space, '=' or '}'
        ("{#a.b}", "a", True),
        ("{ {#vigil}", "vigil", True),
        ("{x} #vigil", "vigil", False),  # after the attribute list closed
        ("#vigil {", "vigil", False),
        ("{x}#vigil}", "vigil", False),
    ],
)
def test_an_id_is_found_on_the_line_whose_attribute_list_gives_it(line, ident, written):
    """Where a part's {#id} is written (Locator.id_line): `#id` after a `{` and no `}` between,
    the whole ID and not the beginning of a longer one."""
    assert id_written_in(line, ident) is written
