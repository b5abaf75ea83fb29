"""Sharing: a link to any section, call or paragraph lands there, copies or shares the exact
address, shows a preview card, and keeps working after the statement is edited."""

import pytest
from browsing import in_view_below_header, open_ready
from edits import add_move, own, publish_and_rename_a_page, rename_id
from playwright.sync_api import expect
from project import build_copy, copy_project, home_page, published_copy, serve, source, zensical_build

# One of each kind of part people share: a section, a call, and the longest paragraph (taller
# than a phone's screen). Read from the statement, so that editors can rename them.
STATEMENT = home_page(source())
SECTION = next(p.id for p in STATEMENT.parts if p.kind == "heading" and p.level == 2)
CALL = next(p.id for p in STATEMENT.parts if p.kind == "item" and p.explicit)
PARAGRAPH = max((p for p in STATEMENT.parts if p.kind == "paragraph" and p.explicit), key=lambda p: len(p.text)).id
SITE_URL = source().config.site_url
SHARED = [SECTION, CALL, PARAGRAPH]
RENAMED = own("renamed")


def renamed_with_alias(project):
    """An editor renames the longest paragraph's ID, and keeps its old links with the alias the
    build asks for."""
    rename_id(project, PARAGRAPH, RENAMED)
    return project


@pytest.fixture(scope="module")
def aliased_site(tmp_path_factory):
    project = renamed_with_alias(copy_project(tmp_path_factory.mktemp("aliased")))
    code, output = build_copy(project, "-q")
    assert code == 0, output
    with serve(project / "site") as url:
        yield url


# Browser


@pytest.mark.parametrize("anchor", SHARED)
def test_a_shared_link_lands_on_its_part(page, base_url, anchor):
    page.goto(f"{base_url}#{anchor}")
    page.wait_for_load_state("load")
    assert in_view_below_header(page, f"#{anchor}"), f"#{anchor} is not fully in view below the header"
    assert page.evaluate("document.querySelector(':target').id") == anchor
    page.watch.assert_clean()


def test_landing_survives_the_back_button(page, base_url):
    page.goto(f"{base_url}#{CALL}")
    page.goto(f"{base_url}accessibility/")
    page.go_back()
    page.wait_for_load_state("load")
    assert in_view_below_header(page, f"#{CALL}")
    assert page.evaluate("document.querySelector(':target').id") == CALL


def test_an_old_alias_lands_on_its_new_target(page, aliased_site):
    page.goto(f"{aliased_site}#{PARAGRAPH}")
    page.wait_for_load_state("load")
    assert in_view_below_header(page, f"#{RENAMED}")
    assert page.evaluate(f"getComputedStyle(document.querySelector('#{RENAMED}')).animationName") == "landing"


@pytest.fixture
def desktop(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("anchor", SHARED)
def test_the_control_copies_the_exact_address_and_says_so(desktop, base_url, anchor):
    open_ready(desktop, base_url)
    desktop.hover(f"#{anchor}")
    control = desktop.locator(f"#{anchor} > a.share-link")
    assert control.get_attribute("aria-label").startswith("Copy link to")
    control.click()
    assert desktop.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}s/{anchor}/"
    status = desktop.locator("#share-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "Link copied to the clipboard"
    assert status.is_visible()
    assert desktop.url == base_url, "copying should not navigate"


def test_the_control_is_reached_with_tab_and_works_with_enter(desktop, base_url):
    open_ready(desktop, base_url)
    for _ in range(200):
        desktop.keyboard.press("Tab")
        if desktop.evaluate(f"document.activeElement.matches('#{CALL} > a.share-link')"):
            break
    else:
        pytest.fail(f"Tab never reached the permalink of #{CALL}")
    # Hidden until hovered or focused: focus shows it (after the theme's short fade).
    expect(desktop.locator(f"#{CALL} > a.share-link")).to_have_css("opacity", "1")
    desktop.keyboard.press("Enter")
    expect(desktop.locator("#share-status")).to_have_text("Link copied to the clipboard")
    assert desktop.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}s/{CALL}/"


def test_on_a_phone_the_control_opens_the_share_sheet(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    context.add_init_script("navigator.share = data => { window.shared = data; return Promise.resolve(); }")
    page = context.new_page()
    open_ready(page, base_url)
    control = page.locator(f"#{CALL} > a.share-link")
    assert control.get_attribute("aria-label").startswith("Share link to item")
    control.tap()
    assert page.evaluate("window.shared") == {
        "title": page.title(),
        "url": f"{SITE_URL}s/{CALL}/",
    }
    context.close()


def test_without_javascript_permalinks_still_work(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url)
    page.hover(f"#{PARAGRAPH}")
    page.click(f"#{PARAGRAPH} > a.share-link")
    assert page.url == f"{base_url}#{PARAGRAPH}"
    assert in_view_below_header(page, f"#{PARAGRAPH}")
    context.close()


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_renamed_page_keeps_its_address_with_its_fragment(browser, tmp_path, generator):
    """An editor renames a page `main` published and adds the lines the build asks for
    (published-anchors.yml, `moved:`): old links, what follows `#` included, land on the new page,
    under both generators (without JavaScript, on the page); its parts' old share addresses on
    the parts."""
    project = published_copy(tmp_path / "project")
    path, new = publish_and_rename_a_page(project, "# A page of its own\n\n## A section {#a-section}\n\nIts words.\n{#its-words}\n")
    add_move(project, path.name, new.name)
    code, output = build_copy(project, "-q") if generator == "mkdocs" else zensical_build(project)
    assert code == 0, output
    with serve(project / "site") as url:
        for javascript, landed in ((True, "#a-section"), (False, "")):
            context = browser.new_context(java_script_enabled=javascript)
            page = context.new_page()
            page.goto(f"{url}{path.stem}/#a-section")
            page.wait_for_url(f"{url}{new.stem}/{landed}")
            if javascript:
                assert in_view_below_header(page, "#a-section")
            page.goto(f"{url}s/{path.stem}/its-words/")
            page.wait_for_url(f"{url}{new.stem}/#its-words")
            context.close()


def test_a_link_in_the_phone_drawer_closes_it_and_lands(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_ready(page, base_url)
    page.tap(".md-header label[for=__drawer]")
    page.locator(".md-sidebar--primary label[for=__toc]").first.tap()  # the page's table of contents
    link = page.locator(f'.md-sidebar--primary a[href="#{SECTION}"]')
    expect(link).to_be_in_viewport()
    link.tap()
    expect(page.locator("#__drawer")).not_to_be_checked()
    assert page.url.endswith(f"#{SECTION}")
    assert in_view_below_header(page, f"#{SECTION}")
    context.close()
