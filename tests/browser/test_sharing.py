"""Sharing: a link to any section, call or paragraph lands there, copies or shares the exact
address, shows a preview card, and keeps working after the statement is edited."""

from urllib.parse import urlparse

import contract
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, add_redirect, build_copy, copy_project, in_view_below_header, open_ready, serve
from PIL import Image, ImageChops
from playwright.sync_api import expect
from statement import blocks

# One of each kind of part people share: a section, a call, and the longest paragraph (taller
# than a phone's screen). Read from the statement, so that editors can rename them.
SECTION = next(b.id for b in blocks() if b.kind == "h2")
CALL = next(b.id for b in blocks() if b.kind == "li")
PARAGRAPH = max((b for b in blocks() if b.kind == "p" and b.id), key=lambda b: len(b.text)).id
SHARED = [SECTION, CALL, PARAGRAPH]


@pytest.mark.parametrize("check", contract.SHARING, ids=lambda check: check.__name__)
def test_every_shared_link_has_its_target(site_dir, check):
    problems = check(ROOT, site_dir)
    assert not problems, "\n".join(problems)


def test_preview_card_meta(read_page, site_dir, site_config):
    head = read_page("index.html").head

    def meta(key):
        tag = head.find("meta", property=key) or head.find("meta", attrs={"name": key})
        assert tag is not None and tag["content"].strip(), f"no {key}"
        return tag["content"]

    canonical = head.find("link", rel="canonical")["href"]
    for url in (canonical, meta("og:url"), meta("og:image")):
        parsed = urlparse(url)
        assert parsed.scheme == "https" and parsed.netloc, f"not an absolute URL: {url}"
    assert meta("og:url") == canonical == site_config.site_url
    assert meta("og:title") == blocks()[0].text
    assert meta("og:site_name") == site_config.site_name
    assert meta("og:type") == "article"
    assert meta("og:description") == head.find("meta", attrs={"name": "description"})["content"]
    assert meta("og:image:alt") and meta("twitter:card") == "summary_large_image"
    image = site_dir / meta("og:image").removeprefix(site_config.site_url)
    with Image.open(image) as card:
        assert card.format == "PNG"
        assert card.size == (int(meta("og:image:width")), int(meta("og:image:height"))) == (1200, 630)


def test_social_card_is_made_from_the_repository(tmp_path):
    """scripts/social_card.py redraws the committed card pixel for pixel: after the title
    changes, the test says to run it."""
    import runpy

    runpy.run_path(str(ROOT / "scripts" / "social_card.py"))["draw_card"](tmp_path / "card.png")
    with Image.open(tmp_path / "card.png") as fresh, Image.open(ROOT / "docs/assets/social-card.png") as committed:
        assert ImageChops.difference(fresh.convert("RGB"), committed.convert("RGB")).getbbox() is None, (
            "docs/assets/social-card.png is out of date: run `python scripts/social_card.py`"
        )


def rename_id(project, old, new):
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    assert f"{{#{old}}}" in text
    index.write_text(text.replace(f"{{#{old}}}", f"{{#{new}}}"), encoding="utf-8")


def test_a_removed_anchor_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    rename_id(project, PARAGRAPH, "renamed")
    code, output = build_copy(project)
    assert code != 0
    assert "published-anchors.yml:" in output and f"#{PARAGRAPH} has been shared" in output, output


def renamed_with_alias(project):
    """An editor renames the longest paragraph's ID, and keeps its old links with an alias,
    as the README says."""
    rename_id(project, PARAGRAPH, "renamed")
    listing = project / "published-anchors.yml"
    published = yaml.safe_load(listing.read_text(encoding="utf-8"))
    published["index.md"]["anchors"].append("renamed")
    published["index.md"]["aliases"] = {**(published["index.md"]["aliases"] or {}), PARAGRAPH: "renamed"}
    listing.write_text(yaml.safe_dump(published), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def aliased_site(tmp_path_factory):
    project = renamed_with_alias(copy_project(tmp_path_factory.mktemp("aliased")))
    code, output = build_copy(project)
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
    assert in_view_below_header(page, "#renamed")
    assert page.evaluate("getComputedStyle(document.querySelector('#renamed')).animationName") == "landing"


@pytest.fixture
def desktop(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("anchor", SHARED)
def test_the_control_copies_the_exact_address_and_says_so(desktop, base_url, site_config, anchor):
    open_ready(desktop, base_url)
    desktop.hover(f"#{anchor}")
    control = desktop.locator(f"#{anchor} > a.share-link")
    assert control.get_attribute("aria-label").startswith("Copy link to")
    control.click()
    assert desktop.evaluate("navigator.clipboard.readText()") == f"{site_config.site_url}s/{anchor}/"
    status = desktop.locator("#share-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "Link copied to the clipboard"
    assert status.is_visible()
    assert desktop.url == base_url, "copying should not navigate"


def test_the_control_is_reached_with_tab_and_works_with_enter(desktop, base_url, site_config):
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
    assert desktop.evaluate("navigator.clipboard.readText()") == f"{site_config.site_url}s/{CALL}/"


def test_on_a_phone_the_control_opens_the_share_sheet(browser, base_url, site_config):
    context = browser.new_context(viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    context.add_init_script("navigator.share = data => { window.shared = data; return Promise.resolve(); }")
    page = context.new_page()
    open_ready(page, base_url)
    control = page.locator(f"#{CALL} > a.share-link")
    assert control.get_attribute("aria-label").startswith("Share link to call")
    control.tap()
    assert page.evaluate("window.shared") == {
        "title": page.title(),
        "url": f"{site_config.site_url}s/{CALL}/",
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


def test_a_renamed_page_redirects_with_its_fragment(browser, tmp_path):
    """An editor renames privacy.md and maps the old name: old links, fragment and all, land."""
    project = copy_project(tmp_path)
    (project / "docs" / "privacy.md").rename(project / "docs" / "site-privacy.md")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("privacy.md", "site-privacy.md"), encoding="utf-8")
    add_redirect(project, "privacy.md", "site-privacy.md")
    code, output = build_copy(project)
    assert code == 0, output
    moved = BeautifulSoup((project / "site/site-privacy/index.html").read_text(encoding="utf-8"), "html.parser")
    anchor = moved.select_one("article h2[id]")["id"]
    with serve(project / "site") as url:
        page = browser.new_page()
        page.goto(f"{url}privacy/#{anchor}")
        page.wait_for_url(f"{url}site-privacy/#{anchor}")
        assert in_view_below_header(page, f"#{anchor}")
        page.close()


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
