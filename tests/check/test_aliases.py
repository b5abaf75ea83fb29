"""steps/aliases.py: an old ID lands at the start of its new part, as input and expected output."""

import pytest

from statement_site.steps.aliases import with_aliases

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
