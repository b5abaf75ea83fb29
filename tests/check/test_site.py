"""The repository's own site, as built, read without a browser: headings, names, privacy, the
first response, share pages, preview cards as crawlers read them, and valid HTML."""

import json
import re
import subprocess
from collections import Counter
from urllib.parse import parse_qs, urlparse

import contract
import pytest
import yaml
from PIL import Image
from project import ROOT, serve, source

from statement_site.source.parts import KINDS
from statement_site.steps.sitemaps import sitemap

# What the share controls call the parts that have one, as the model defines them.
CONTROLS = "|".join(sorted({kind.control for kind in KINDS.values() if kind.control}))
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "link": "href"}
OGS = ROOT / "node_modules" / "open-graph-scraper"


def pages():
    return [page.dest for page in source().pages.values()] + ["404.html"]


# -- Reading --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", pages())
def test_one_h1_and_no_skipped_heading_level(read_page, path):
    levels = [int(h.name[1]) for h in read_page(path).find_all(re.compile(r"^h[1-6]$"))]
    assert levels.count(1) == 1 and levels[0] == 1, f"/{path}: headings {levels}, want one H1, first"
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"/{path}: H{before} is followed by H{after}, skipping a level"


def test_headings_are_named_by_their_text_and_share_controls_by_their_part(read_page):
    for page in source().pages.values():
        html = read_page(page.dest)
        for part in page.parts:
            if part.kind == "heading":
                heading = html.find(id=part.id)
                assert (heading.get("aria-label") or heading.get_text()) == part.text, f"{page.file}:{part.line}"
        controls = html.select("a.share-link")
        names = Counter(a.get("aria-label") for a in controls)
        assert not [name for name, n in names.items() if n > 1 or not name], f"{page.dest}: controls alike: {names}"
        assert not [a["href"] for a in controls if a.get("title")], "a title that repeats the name"
        for part in page.parts:
            if part.shareable and part.kind != "heading":
                name = html.select_one(f"#{part.id} > a.share-link, #{part.id} > figcaption a.share-link")["aria-label"]
                assert re.fullmatch(rf"Copy link to ({CONTROLS}) \d+ of “.+”", name), (page.file, part.line, name)


def test_pages_ask_no_other_host_for_anything(site_dir):
    """No script, style, font, image or icon from elsewhere; links (<a>) are fine."""
    foreign = []
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for tag, attribute in FETCHING.items():
            for element in re.finditer(rf"<{tag}\b[^>]*\b{attribute}=\"?((?:https?:)?//[^\" >]+)", text):
                if tag != "link" or not re.search(r'rel="?(canonical|alternate|author)', element.group(0)):
                    foreign.append(f"{html.relative_to(site_dir)}: <{tag} {attribute}={element.group(1)}>")
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import)\s*[\"']?((?:https?:)?//[^\"')]+)", css.read_text(encoding="utf-8")):
            foreign.append(f"{css.relative_to(site_dir)}: {url}")
    assert not foreign, "pages load from other hosts:\n" + "\n".join(foreign)


def test_the_bundle_is_loaded_after_paint_and_exists(read_page, site_dir):
    html = read_page()
    blocking = [s.get("src") for s in html.find_all("script", src=True) if not s.find_parent("template")]
    assert not blocking, f"scripts that hold up the page: {blocking}"
    template = html.find("template", id="theme-scripts")  # CSS selectors do not enter <template>
    inert = template.find_all("script", src=True) if template else []
    bundles = [s["src"] for s in inert if re.search(r"assets/javascripts/bundle\.\w+\.min\.js$", s["src"])]
    assert bundles, f"Material's bundle is not among {[s['src'] for s in inert]}"
    assert not [s["src"] for s in inert if not (site_dir / s["src"]).is_file()], "scripts missing from the site"


def test_repository_link_asks_no_api(read_page):
    link = read_page().select_one("a.md-source")
    assert link is not None and not link.has_attr("data-md-component"), "the bundle would ask the GitHub API"


def test_404_page_says_not_found_and_leads_to_the_statement(read_page):
    html = read_page("404.html")
    assert "not found" in html.title.get_text().lower(), f"tab title: {html.title.get_text()!r}"
    article = html.select_one("article")
    assert article.select_one("h1") and article.select("p"), "no sentence on the 404 page"
    assert source().config.site_url in [a["href"] for a in article.select("a[href]")], "no link to the statement"
    assert not html.select('[aria-label="Table of contents"]'), "an empty table of contents"


def test_every_page_links_to_the_correction_form_with_its_address(site_dir):
    problems = contract.every_page_links_to_the_correction_form(source(), site_dir)
    assert not problems, "\n".join(problems)


def test_the_404_page_links_to_the_correction_form_for_a_broken_link(read_page):
    (link,) = read_page("404.html").select("p.report-mistake > a[href]")
    query = parse_qs(urlparse(link["href"]).query)
    assert link["href"].startswith(f"{source().config.repo_url}/issues/new?") and link.get_text().strip() == "Report this broken link"
    assert query == {"template": ["correction.yml"], "title": ["Correction: a broken link"], "where": [source().config.site_url]}


def test_the_correction_links_name_the_form_and_its_fields(read_page):
    """GitHub fills in an issue form's fields from the query, by their IDs: the link names the
    form (.github/ISSUE_TEMPLATE/) and only fields it has."""
    (link,) = read_page().select("p.report-mistake > a[href]")
    query = parse_qs(urlparse(link["href"]).query)
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / query["template"][0]).read_text(encoding="utf-8"))
    fields = {item["id"] for item in form["body"] if "id" in item}
    assert set(query) - {"template", "title"} <= fields and "where" in fields, (set(query), fields)


def test_favicon_is_a_valid_url(read_page):
    icons = [link["href"] for link in read_page().select("link[rel~=icon]")]
    assert icons and not [icon for icon in icons if re.search(r"\s", icon)], f"spaces in {icons}"


# -- Sharing: each page's own preview, and each part's -------------------------------------------


def meta_of(head):
    return {m.get("property") or m.get("name"): m.get("content") for m in head.find_all("meta")}


def test_each_page_has_its_own_preview(read_page, site_dir):
    """Title, description (front matter, else its first paragraph) and a card of its own."""
    config = source().config
    for page in source().pages.values():
        head = read_page(page.dest).head
        meta = meta_of(head)
        canonical = head.find("link", rel="canonical")["href"]
        for url in (canonical, meta["og:url"], meta["og:image"]):
            parsed = urlparse(url)
            assert parsed.scheme == "https" and parsed.netloc, f"{page.dest}: not an absolute URL: {url}"
        assert meta["og:url"] == canonical == config.site_url + page.url
        assert meta["og:title"] == (page.meta.get("title") or (config.site_name if page.url == "" else page.title))
        assert meta["og:image"].startswith(f"{config.site_url}s/{page.url}card-"), meta["og:image"]
        assert meta["og:description"] == meta["description"] == page.description, page.dest
        assert meta["og:type"] == ("article" if page.url == "" else "website")
        assert meta["og:image:alt"] and meta["twitter:card"] == "summary_large_image"
        with Image.open(site_dir / meta["og:image"].removeprefix(config.site_url)) as card:
            assert card.format == "PNG" and card.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
    images = [meta_of(read_page(page.dest).head)["og:image"] for page in source().pages.values()]
    assert len(set(images)) == len(images), "two pages share a card"


@pytest.fixture(scope="module")
def previews(site_dir):
    """open-graph-scraper (npm, pinned) on every share address, as a crawler fetches it: no
    fragment, no JavaScript, no following of the refresh."""
    assert OGS.is_dir(), "open-graph-scraper is missing: run `npm ci`"
    addresses = {}
    for page in source().pages.values():
        for part in page.parts:
            if part.shareable:
                addresses[page.share_path(part.id)] = part
    script = """
    const ogs = require("open-graph-scraper");
    (async () => {
      const out = {};
      for (const [path, url] of Object.entries(JSON.parse(process.argv[1]))) out[path] = (await ogs({ url, timeout: 10 })).result;
      console.log(JSON.stringify(out));
    })();"""
    with serve(site_dir) as url:
        urls = {path: url + path for path in addresses}
        run = subprocess.run(["node", "-e", script, json.dumps(urls)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return addresses, json.loads(run.stdout)


def test_a_link_preview_shows_the_part(previews):
    """What a network shows for each share address is that part's: its words and its own card."""
    site_url = source().config.site_url
    parts, found = previews
    images = []
    for path, part in parts.items():
        preview = found[path]
        title, description = preview.get("ogTitle", ""), preview.get("ogDescription", "")
        words = part.words
        assert title and words.startswith(title.removesuffix("…")), f"{path}: og:title {title!r}"
        assert words.startswith(description.removesuffix("…")) or part.kind == "heading", f"{path}: {description!r}"
        assert preview.get("ogUrl") == site_url + path and preview.get("twitterCard") == "summary_large_image"
        (image,) = preview["ogImage"]
        assert (image["width"], image["height"], image["type"]) == ("1200", "630", "image/png")
        images.append(image["url"])
    assert len(set(images)) == len(images), "two parts share a card"


def test_share_pages_run_and_style_nothing_inline(site_dir):
    for path in sorted((site_dir / "s").rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html and "<style" not in html and " style=" not in html, path
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        assert f'href="{refresh}"' in html, f"{path}: the refresh and the plain link lead to different places"


@pytest.mark.parametrize(("site_url", "expected"), [("https://example.org/site/", "https://example.org/site/es/"), ("", "/es/")])
def test_a_sitemaps_addresses_are_full_even_without_the_sites_address(site_url, expected):
    """As every address the build writes (files.site_address): under site_url, else under the
    root of the host, never relative to wherever the sitemap is read."""
    assert f"<loc>{expected}</loc>" in sitemap(site_url, ["es/"])
