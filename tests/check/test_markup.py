"""The steps that change a page in place from one reading of it (markup.py), as input and
expected output: an old ID lands at the start of its new part (steps/aliases.py); links to other
sites are marked and white space between tags compacted, together (steps/tidy.py)."""

import pytest

from statement_site.markup import Markup, with_edits
from statement_site.steps.aliases import with_aliases
from statement_site.steps.compact import white_space_edits
from statement_site.steps.links import rel_edits

CASES = {
    "a paragraph": ('<p id="new">Words <a href="#new">¶</a></p>', '<p id="new"><span class="anchor-alias" id="old"></span>Words <a href="#new">¶</a></p>'),
    "a heading whose attribute holds '>'": ('<h2 title="a > b" id="new">Calls</h2>', '<h2 title="a > b" id="new"><span class="anchor-alias" id="old"></span>Calls</h2>'),
    "an image, which holds nothing": ('<p><img alt="" id="new" src="a.png"></p>', '<p><span class="anchor-alias" id="old"></span><img alt="" id="new" src="a.png"></p>'),
    "an old ID the page still has": ('<p id="new">A</p><p id="old">B</p>', '<p id="new">A</p><p id="old">B</p>'),
    "a new ID the page does not have": ('<p id="other">A</p>', '<p id="other">A</p>'),
    "an ID in a script's text is not a tag": ('<script>"<p id=new>"</script><p id="new">A</p>', '<script>"<p id=new>"</script><p id="new"><span class="anchor-alias" id="old"></span>A</p>'),
}


@pytest.mark.parametrize("case", CASES)
def test_an_old_id_lands_at_the_start_of_its_new_part(case):
    before, after = CASES[case]
    assert with_aliases(before, {"old": "new"}) == after


def test_two_old_ids_of_one_part_both_land():
    assert with_aliases('<li id="new">A</li>', {"first": "new", "second": "new"}).count('class="anchor-alias"') == 2


TIDY = {
    "a link to another site, between lines": (
        '<p>\n    <a href="https://www.ilrc.org/" title="a > b">ILRC</a>\n  </p>',
        '<p>\n<a href="https://www.ilrc.org/" title="a &gt; b" rel="noopener noreferrer">ILRC</a>\n</p>',
    ),
    "a link of the site's own, and one that says so already": (
        '<a href="https://ilrc.github.io/x/">A</a> <a href="//other.org" rel="noopener noreferrer">B</a>',
        '<a href="https://ilrc.github.io/x/">A</a> <a href="//other.org" rel="noopener noreferrer">B</a>',
    ),
    "white space that is kept": ("<pre>a\n\n  b</pre>\n\n<script>x\n\n y</script>", "<pre>a\n\n  b</pre>\n<script>x\n\n y</script>"),
}


@pytest.mark.parametrize("case", TIDY)
def test_one_reading_marks_links_and_compacts_white_space(case):
    before, after = TIDY[case]
    markup = Markup(before)
    assert with_edits(before, [*rel_edits(markup, "ilrc.github.io"), *white_space_edits(markup, before)]) == after
