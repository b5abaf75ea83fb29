"""Sharing a part shows that part: every section, call and paragraph has a share address
(`s/<id>/`) whose preview card, read by a real link-preview library as a crawler reads it,
gives that part's title, description and image; a person who opens it lands on the part.

Every ID, word and expectation comes from docs/index.md and published-anchors.yml."""

import importlib.util
import json
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, VIEWPORTS, PageWatch, build_copy, copy_project, in_view_below_header, serve
from PIL import Image, ImageChops
from statement import INDEX, blocks

PUBLISHED = yaml.safe_load((ROOT / "published-anchors.yml").read_text(encoding="utf-8"))["index.md"]
OGS = ROOT / "node_modules" / "open-graph-scraper"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DESCRIPTION_LIMIT = 200

spec = importlib.util.spec_from_file_location("social_card", ROOT / "scripts" / "social_card.py")
social_card = importlib.util.module_from_spec(spec)
spec.loader.exec_module(social_card)


@dataclass
class Part:
    id: str
    kind: str  # "section", "call", "paragraph"
    heading: str  # for a section its own, else the section it is in
    text: str  # a section: the words under its heading
    title: str  # the statement's


def parts(path=INDEX):
    """Every section, call and paragraph with an ID, read from the Markdown."""
    found, statement, heading = [], None, None
    all_blocks = blocks(path)
    for n, block in enumerate(all_blocks):
        if block.kind == "h1":
            statement = block.text
        elif block.kind == "h2":
            heading = block.text
            body = []
            for later in all_blocks[n + 1 :]:
                if later.kind.startswith("h"):
                    break
                body.append(later.text)
            found.append(Part(block.id, "section", heading, " ".join(body), statement))
        elif block.id:
            found.append(Part(block.id, {"li": "call", "p": "paragraph"}[block.kind], heading, block.text, statement))
    return found


PARTS = {part.id: part for part in parts()}
# Old IDs kept for links already shared: each still has its share address.
ALIASES = PUBLISHED.get("aliases") or {}


def expected_card(part):
    """The card as drawn from the part's current words."""
    source = (part.title, social_card.SOURCE)
    if part.kind == "section":
        return social_card.draw("Statement", part.heading, part.text, source)
    return social_card.draw(part.heading, part.text, "", source)


def cut_at_word(short, text, limit):
    """`short` is the start of `text`, whole or cut at a word boundary with an ellipsis."""
    if short == text:
        return True
    start = short.removesuffix("…")
    return (
        short.endswith("…")
        and len(start) <= limit
        and text.startswith(start)
        and re.match(r"[\s,;:.–—-]", text[len(start)]) is not None
    )


def test_every_shareable_part_and_alias_has_a_share_page(site_dir):
    """Every ID in the Markdown and in published-anchors.yml, and every alias."""
    for ident in {*PARTS, *PUBLISHED["anchors"], *ALIASES}:
        assert (site_dir / "s" / ident / "index.html").is_file(), f"no share page s/{ident}/"


# -- What a link-preview crawler reads -------------------------------------------------


@pytest.fixture(scope="module")
def previews(site_dir):
    """open-graph-scraper (npm, pinned) on every share address, as a crawler fetches it:
    no fragment, no JavaScript, no following of the refresh."""
    assert OGS.is_dir(), "open-graph-scraper is missing: run `npm ci`"
    with serve(site_dir) as url:
        addresses = {ident: f"{url}s/{ident}/" for ident in [*PARTS, *ALIASES]}
        return read_previews(addresses)


def read_previews(addresses):
    script = """
    const ogs = require("open-graph-scraper");
    (async () => {
      const out = {};
      for (const [id, url] of Object.entries(JSON.parse(process.argv[1]))) {
        out[id] = (await ogs({ url, timeout: 10 })).result;
      }
      console.log(JSON.stringify(out));
    })();
    """
    run = subprocess.run(
        ["node", "-e", script, json.dumps(addresses)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def check_preview(preview, part, share_url, site_dir, site_url):
    """What a network shows for a share address is that part's card."""
    title, description = preview.get("ogTitle", ""), preview.get("ogDescription", "")
    if part.kind == "section":
        assert title == part.heading, f"og:title {title!r} is not the section's heading {part.heading!r}"
    else:
        sentence = part.text.startswith(title) and re.match(r"[.!?][”’\"')]*(\s|$)", part.text[len(title) - 1 :])
        assert title and (sentence or cut_at_word(title, part.text, 140)), (
            f"og:title {title!r} is not the start of #{part.id} up to a natural break"
        )
    assert cut_at_word(description, part.text, DESCRIPTION_LIMIT), (
        f"og:description {description!r} is not #{part.id}'s text cut at a word near {DESCRIPTION_LIMIT} characters"
    )
    assert preview.get("ogUrl") == share_url, f"og:url {preview.get('ogUrl')} is not {share_url}"
    assert preview.get("twitterCard") == "summary_large_image"
    (image,) = preview["ogImage"]
    assert image["url"].startswith(site_url), image["url"]
    assert (image["width"], image["height"], image["type"]) == ("1200", "630", "image/png")
    assert title in image.get("alt", ""), f"the image's alt text does not name the part: {image.get('alt')!r}"
    path = site_dir / image["url"].removeprefix(site_url)
    assert path.is_file(), f"og:image {image['url']} is not in the site"
    with Image.open(path) as card:
        assert card.format == "PNG" and card.size == (1200, 630)
        difference = ImageChops.difference(card.convert("RGB"), expected_card(part)).getbbox()
        assert difference is None, f"{image['url']} is not the card drawn from #{part.id}'s current words"


@pytest.mark.parametrize("ident", [*PARTS, *ALIASES])
def test_a_link_preview_shows_the_part(previews, ident, site_dir, site_config):
    target = ALIASES.get(ident, ident)
    check_preview(previews[ident], PARTS[target], f"{site_config.site_url}s/{target}/", site_dir, site_config.site_url)


def test_each_part_has_its_own_card(previews):
    images = [previews[ident]["ogImage"][0]["url"] for ident in PARTS]
    assert len(set(images)) == len(images), "two parts share a card"


@pytest.mark.parametrize("replaced", ["^og:", "^og:image$"], ids=["whole-card", "image-only"])
def test_the_preview_check_fails_on_the_pages_generic_card(site_dir, site_config, tmp_path, replaced):
    """A test that could only pass is not a test: a share page that carries the page's own card
    (its title, description and image), or only its image, fails the preview check."""
    site = shutil.copytree(site_dir, tmp_path / "site")
    call = next(p for p in PARTS.values() if p.kind == "call")
    share_page = site / "s" / call.id / "index.html"
    soup = BeautifulSoup(share_page.read_text(encoding="utf-8"), "html.parser")
    generic = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    for meta in soup.find_all("meta", property=re.compile(replaced)):
        meta["content"] = generic.find("meta", property=meta["property"])["content"]
    share_page.write_text(str(soup), encoding="utf-8")
    with serve(site) as url:
        preview = read_previews({call.id: f"{url}s/{call.id}/"})[call.id]
    with pytest.raises(AssertionError) as failure:
        check_preview(preview, call, f"{site_config.site_url}s/{call.id}/", site, site_config.site_url)
    print(f"The preview check fails as it should: {failure.value}")


# -- What the share pages are made of --------------------------------------------------


def share_pages(site_dir):
    return sorted((site_dir / "s").glob("**/index.html"))


def test_share_pages_run_and_style_nothing_inline(site_dir):
    for path in share_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(site_dir)
        assert not soup.find("script") and not soup.find("style"), f"{name}: inline script or style"
        assert not soup.find(attrs={"style": True}), f"{name}: a style attribute"
        assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")], name
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
        link = soup.select_one("main a[href]")["href"]
        assert refresh == f"0; url={link}", f"{name}: the refresh and the plain link lead to different places"


def test_share_pages_are_valid_html(site_dir):
    """The Nu HTML Checker (npm vnu-jar, pinned), as on the site's other pages."""
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, share_pages(site_dir))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    assert not messages, "\n".join(f"{m.get('url', '')}: {m['message']}" for m in messages)


def test_permalinks_keep_the_fragment_and_carry_the_share_address(read_page, site_config):
    article = read_page("index.html").select_one("article")
    for ident in PARTS:
        link = article.select_one(f'[id="{ident}"] > a.share-link')
        assert link["href"] == f"#{ident}", f"#{ident}: the permalink must stay the fragment"
        assert link["data-share-url"] == f"{site_config.site_url}s/{ident}/"


# -- People who open a share address ---------------------------------------------------


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


def assert_lands_on(page, statement_url, ident):
    page.wait_for_url(f"{statement_url}#{ident}")
    page.wait_for_load_state("load")
    assert in_view_below_header(page, f"#{ident}"), f"#{ident} is not in view below the header"
    marked = page.evaluate(
        "id => { const e = document.getElementById(id); return e.matches(':target') && getComputedStyle(e).animationName }",
        ident,
    )
    assert marked == "landing", f"#{ident} is not marked as the link's target ({marked})"


def test_every_share_address_lands_on_its_part(reader, base_url):
    for ident in [*PARTS, *ALIASES]:
        reader.goto(f"{base_url}s/{ident}/")
        assert_lands_on(reader, base_url, ALIASES.get(ident, ident))
    reader.watch.assert_clean()


# The controls copy and share these addresses: tests/test_sharing.py.


# -- Editors change the statement --------------------------------------------------------


def reword_and_rename(project):
    """An editor rewords one call and renames another's ID, keeping its links with an alias
    (README, "Renaming without breaking links")."""
    calls = [p for p in PARTS.values() if p.kind == "call"]
    reworded, renamed = calls[0], calls[1]
    index = project / "docs" / "index.md"
    markdown = index.read_text(encoding="utf-8")
    first_word = reworded.text.split()[0]
    markdown = markdown.replace(f"{{#{renamed.id}}}", f"{{#{renamed.id}-renamed}}")
    lines = markdown.split("\n")
    at = next(n for n, line in enumerate(lines) if line.strip() == f"{{#{reworded.id}}}") - 1
    lines[at] = lines[at].replace(f"- {first_word} ", f"- Now, {first_word.lower()} ", 1)
    index.write_text("\n".join(lines), encoding="utf-8")
    listing = project / "published-anchors.yml"
    published = yaml.safe_load(listing.read_text(encoding="utf-8"))
    published["index.md"]["anchors"].append(f"{renamed.id}-renamed")
    published["index.md"]["anchors"].remove(renamed.id)
    published["index.md"]["aliases"] = {**(published["index.md"]["aliases"] or {}), renamed.id: f"{renamed.id}-renamed"}
    listing.write_text(yaml.safe_dump(published), encoding="utf-8")
    return reworded, renamed


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("edited"))
    reworded, renamed = reword_and_rename(project)
    code, output = build_copy(project)
    assert code == 0, output
    with serve(project / "site") as url:
        yield project, url, reworded, renamed


def test_rewording_a_call_changes_its_card(edited_site, previews, site_config):
    project, url, reworded, _ = edited_site
    now = {p.id: p for p in parts(project / "docs" / "index.md")}[reworded.id]
    assert now.text != reworded.text
    preview = read_previews({reworded.id: f"{url}s/{reworded.id}/"})[reworded.id]
    check_preview(preview, now, f"{site_config.site_url}s/{now.id}/", project / "site", site_config.site_url)
    before = previews[reworded.id]
    assert preview["ogDescription"] != before["ogDescription"]
    assert preview["ogImage"][0]["url"] != before["ogImage"][0]["url"], "a reworded card needs a new image address"


def test_a_renamed_call_keeps_its_old_share_address(edited_site, browser, site_config):
    project, url, _, renamed = edited_site
    new = f"{renamed.id}-renamed"
    preview = read_previews({renamed.id: f"{url}s/{renamed.id}/"})[renamed.id]
    part = {p.id: p for p in parts(project / "docs" / "index.md")}[new]
    check_preview(preview, part, f"{site_config.site_url}s/{new}/", project / "site", site_config.site_url)
    for javascript in (True, False):
        context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{url}s/{renamed.id}/")
        assert_lands_on(page, url, new)
        context.close()
