"""The way to report a mistake in Chromium (overrides/partials/report.html, assets/javascripts/
report.js): after a reader lands on a part, or goes to another within the page, the link to the
correction form carries that part; on the 404 page, the address not found; on paper it is not
printed. tests/check/test_site.py holds every page's link without JavaScript."""

from urllib.parse import urlsplit

from browsing import open_ready
from project import home_page, serve, source

LINK = "p.report-mistake > a"


def wait_for_where(page, address):
    page.wait_for_function(
        "([selector, address]) => new URL(document.querySelector(selector).href).searchParams.get('where') === address",
        arg=[LINK, address],
        timeout=10_000,
    )


def test_after_landing_on_a_part_the_link_carries_it_and_follows_the_reader(page, base_url):
    statement = home_page(source())
    first, second = [part for part in statement.parts if part.shareable and part.id][:2]
    address = source().config.site_url + statement.url
    open_ready(page, f"{base_url}{statement.url}#{first.id}")
    wait_for_where(page, f"{address}#{first.id}")
    page.evaluate("ident => { location.hash = ident; }", second.id)
    wait_for_where(page, f"{address}#{second.id}")
    page.watch.assert_clean()


def test_on_the_404_page_the_link_carries_the_address_not_found(browser, site_dir, tmp_path):
    """The 404 page as GitHub Pages serves it: at the address not found, under the site's path."""
    path = urlsplit(source().config.site_url).path.strip("/")
    root = tmp_path / "root"
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).symlink_to(site_dir, target_is_directory=True)
    with serve(root) as url:
        missing = f"{url}{path}/no-such-page/"
        page = browser.new_page()
        page.route(missing, lambda route: route.fulfill(status=404, content_type="text/html", body=(site_dir / "404.html").read_text(encoding="utf-8")))
        page.goto(missing)
        wait_for_where(page, missing)
        assert page.locator(LINK).inner_text() == "Report this broken link"
        page.close()


def test_the_link_is_named_and_not_printed(page, base_url):
    open_ready(page, base_url)
    link = page.get_by_role("link", name="Report a mistake on this page")
    assert link.count() == 1 and link.is_visible()
    page.emulate_media(media="print")
    assert not link.is_visible()
