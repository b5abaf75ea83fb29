"""People who open a share address (`s/<id>/`) land on its part, with JavaScript or without, on a
phone or a desktop; after an editor renames a part's ID, its old share address still leads there.
What crawlers read of these pages is tested without a browser (tests/check/test_site.py)."""

import pytest
from browsing import VIEWPORTS, PageWatch, in_view_below_header
from edits import rename_id
from project import build_copy, copy_project, home_page, serve, source


def shared_parts():
    """(page, ID) of every part with a share address, and of every alias."""
    found = []
    for page in source().pages.values():
        found += [(page, part.id, part.id) for part in page.parts if part.shareable]
        found += [(page, old, new) for old, new in source().aliases_of(page.src).items()]
    return found


@pytest.fixture(
    params=[(size, js) for size in VIEWPORTS for js in (True, False)],
    ids=[f"{size}-{'js' if js else 'no-js'}" for size in VIEWPORTS for js in (True, False)],
)
def reader(request, browser, base_url):
    size, javascript = request.param
    context = browser.new_context(viewport=VIEWPORTS[size], java_script_enabled=javascript)
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    yield page
    context.close()


def assert_lands_on(page, url, ident):
    page.wait_for_url(f"{url}#{ident}")
    page.wait_for_load_state("load")
    assert in_view_below_header(page, f"#{ident}"), f"#{ident} is not in view below the header"
    marked = page.evaluate(
        "id => { const e = document.getElementById(id); return e.matches(':target') && getComputedStyle(e).animationName }",
        ident,
    )
    assert marked == "landing", f"#{ident} is not marked as the link's target ({marked})"


def test_every_share_address_lands_on_its_part(reader, base_url):
    for page, ident, target in shared_parts():
        reader.goto(f"{base_url}{page.share_path(ident)}")
        assert_lands_on(reader, base_url + page.url, target)
    reader.watch.assert_clean()


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """An editor renames a call's ID and adds the alias the build asks for."""
    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    call = next(p for p in home_page(source()).parts if p.kind == "item" and p.explicit)
    rename_id(project, call.id, f"{call.id}-renamed")
    code, output = build_copy(project, "-q")
    assert code == 0, output
    with serve(project / "site") as url:
        yield url, call.id


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_renamed_calls_old_share_address_still_leads_to_it(browser, renamed_site, javascript):
    url, old = renamed_site
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{url}s/{old}/")
    assert_lands_on(page, url, f"{old}-renamed")
    context.close()
