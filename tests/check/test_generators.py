"""MkDocs and Zensical publish the same site: every feature, tested on both, from one copy of the
project with every ordinary edit applied (tests/edits.py: a table, a footnote, a quote, a notice,
images, a button, a new page, a page in Spanish, a renamed call with its alias, a change note, and the
habits of GitHub's preview and Material's documentation).

MkDocs runs the checks and the pipeline from hooks/statement_site.py; Zensical, which runs no
hooks, gets them from `make build-zensical` (the checks, `zensical build`, then
`python -m statement_site finish`). Each test below is one row of the README's feature matrix."""

import base64
import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import contract
import pytest
from bad_inputs import dangers, files_corpus
from bs4 import BeautifulSoup
from edits import (
    ABBREVIATION,
    ADDRESS_LINES,
    CAPTIONS,
    CITED_ADDRESS,
    DEFINITION,
    EDITORS_NOTE,
    EDITS,
    EMAIL_ADDRESS,
    EMOJI_PARAGRAPH,
    GITHUB_NOTICE,
    MATERIAL_NOTICE,
    OUTSIDE_IN_NAV,
    SETTINGS,
    TASKS,
    WEB_ADDRESS,
    add_alias,
    after_first_paragraph,
    home,
    items,
    own,
    own_page,
    publish_and_rename_a_page,
    replace_on_line,
)
from PIL import Image
from project import ROOT, build_copy, built_page, copy_project, git, published_copy, zensical_build

from statement_site import checks
from statement_site.source.files import share_path
from statement_site.source.project import Source
from statement_site.source.text import direction, squeeze, visible
from statement_site.steps import share_pages

GENERATORS = {"mkdocs": lambda project: build_copy(project, "-q"), "zensical": zensical_build}
EXECUTED_TYPES = {"", "module", "text/javascript", "application/javascript"}


@pytest.fixture(scope="module")
def every_edit(tmp_path_factory):
    """A `main` holding every edit, merged (committed on it, as a pull request of each would be)."""
    project = published_copy(tmp_path_factory.mktemp("every-edit") / "project")
    for edit in EDITS.values():
        edit(project)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Every ordinary edit, merged")
    return project


@pytest.fixture(scope="module", params=list(GENERATORS))
def built(request, tmp_path_factory, every_edit):
    """(model, site folder) of that `main`, a clone of its own, built by one generator."""
    project = tmp_path_factory.mktemp(request.param) / "project"
    git(every_edit.parent, "clone", "-q", str(every_edit), str(project))
    code, output = GENERATORS[request.param](project)
    assert code == 0, output
    return Source.read(project), project / "site"


def test_main_holding_every_ordinary_edit_keeps_the_whole_contract(built):
    """Every check of tests/contract.py, reading and sharing, on the site of that `main`."""
    source, site = built
    problems = contract.problems(source, site)
    assert not problems, "\n".join(problems)


def test_ids_and_aliases_are_on_their_pages_once(built):
    source, site = built
    problems = contract.every_id_and_alias_is_there_once(source, site) + contract.ids_are_unique(source, site)
    assert not problems, "\n".join(problems)
    assert source.aliases, "the copy has an alias (a removed call)"


def test_share_controls_copy_each_parts_share_address(built):
    source, site = built
    problems = contract.every_shareable_part_has_a_permalink_and_share_page(source, site)
    problems += contract.every_share_address_a_control_copies_is_written(source, site)
    assert not problems, "\n".join(problems)
    title = next(p for p in home(source.root).parts if p.kind == "heading" and p.level == 1)
    assert title.explicit, "the copy's title has an ID of its own (give_the_title_an_id)"


def test_share_pages_show_their_parts_card_and_lead_to_it(built):
    """Each share page (aliases' too) has its part's title and card, in its page's language, and
    sends readers to the part."""
    source, site = built
    site_url = source.config.site_url
    for page in source.pages.values():
        shared = {part.id: part for part in page.parts if part.shareable}
        for ident, part in [*shared.items(), *((old, shared[new]) for old, new in source.aliases_of(page.src).items())]:
            html = built_page(site / page.share_path(ident) / "index.html")
            meta = {m.get("property") or m.get("name"): m.get("content") for m in html.find_all("meta")}
            assert html.html["lang"] == (page.lang or source.config.language), page.share_path(ident)
            assert html.html.get("dir", "ltr") == direction(html.html["lang"]), page.share_path(ident)
            assert meta["og:url"] == site_url + page.share_path(part.id)
            title = meta["og:title"].removesuffix("…")
            assert part.words.startswith(title), (ident, meta["og:title"])
            image = site / meta["og:image"].removeprefix(site_url)
            with Image.open(image) as card:
                assert card.format == "PNG" and card.size == (1200, 630)
            target = meta["refresh"] if "refresh" in meta else html.find("meta", attrs={"http-equiv": "refresh"})["content"]
            assert target.endswith(f"{page.url}#{part.id}"), target


def test_each_page_says_its_language_and_direction(built):
    """A page in a language written right to left (the Persian translation) is laid out from the
    right: `dir` on <html> and on <body>, where the theme looks, and the theme's mirrored rules in
    its critical CSS; the others as the site's language is."""
    source, site = built
    for page in source.pages.values():
        lang = page.lang or source.config.language
        html = built_page(site / page.dest)
        wanted = direction(lang)
        assert (html.html["lang"], html.html.get("dir", "ltr"), html.body["dir"]) == (lang, wanted, wanted), page.file
        css = "".join(style.get_text() for style in html.find_all("style"))
        assert ("[dir=rtl]" in css) == (wanted == "rtl"), page.file
    assert any(direction(page.lang or "en") == "rtl" for page in source.pages.values()), "no page of the copy is written right to left"


def policy_of(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta and {name: sources for name, *sources in (part.split() for part in meta["content"].split(";") if part.strip())}


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_allows_exactly_its_own_inline_scripts_and_styles(built):
    """Hashed here with BeautifulSoup, independently of steps/policy.py."""
    _, site = built
    for path in sorted(site.rglob("*.html")):
        soup = built_page(path)
        policy = policy_of(soup)
        name = path.relative_to(site)
        assert policy, f"{name} has no Content-Security-Policy"
        scripts = {
            sha256(s.string or "")
            for s in soup.find_all("script")
            if not s.has_attr("src") and s.get("type", "").lower() in EXECUTED_TYPES
        }
        assert {h for h in policy["script-src"] if h.startswith("'sha")} == scripts, name
        styles = [sha256(style.string or "") for style in soup.find_all("style")]
        assert policy["style-src"] == ["'self'", *dict.fromkeys(styles)], name
        assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy), name
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], name
        head = soup.head.find_all(True)
        assert head[0].has_attr("charset") and head[1].get("http-equiv") == "Content-Security-Policy", name


LOADS = {"link": "href", "script": "src", "img": "src"}


def test_every_address_a_page_loads_is_a_file_of_the_site(built):
    """No request that fails: the icon, stylesheets, scripts (those loaded after paint too) and
    images each page asks for are files of the output folder, whichever generator wrote it."""
    source, site = built
    base = re.match(r"https?://[^/]+(/.*)?$", source.config.site_url).group(1) or "/"
    missing = set()
    for path in site.rglob("*.html"):
        folder = path.parent.relative_to(site).as_posix()
        for element in built_page(path).find_all(list(LOADS)):
            address = element.get(LOADS[element.name])
            if not address or address.startswith("data:") or element.name == "link" and not {"icon", "stylesheet"} & set(element.get("rel", [])):
                continue
            target = address.split("#")[0].split("?")[0]
            file = target.removeprefix(base) if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if not (site / file).is_file():
                missing.add(f"{path.relative_to(site)}: {address}")
    assert not missing, sorted(missing)[:10]


def test_every_page_has_the_icon_mkdocs_yml_gives(built):
    """Inline, as written: Zensical's `url` filter made it a file's address (a 404 on every page)."""
    source, site = built
    for path in site.rglob("*.html"):
        icons = [link["href"] for link in built_page(path).select("link[rel~=icon]")]
        assert icons == [source.config.favicon], (path.relative_to(site), icons)


def test_nothing_is_loaded_for_search_which_is_off(built):
    """Zensical turns search on unless told otherwise: with it off, no page has the search
    box whose script downloads the index and its worker."""
    _, site = built
    for path in site.rglob("*.html"):
        soup = built_page(path)
        assert not soup.select("[data-md-component=search], label[for=__search]"), path.relative_to(site)


def test_every_stylesheet_and_script_a_page_loads_is_published_and_each_of_the_sites_is_loaded(built):
    """The site's own (overrides/assets/, code) are copied into the output by both generators,
    each loaded by some page (the bundle's <template> and the <noscript> included); no page
    links one that is not there."""
    source, site = built
    loaded, missing = set(), []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        # What a <template> or <noscript> holds is text to html.parser's tree: read it as markup.
        soup = BeautifulSoup(re.sub(r"</?(template|noscript)\b[^>]*>", "", html), "html.parser")
        addresses = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')] + [s["src"] for s in soup.select("script[src]")]
        for address in addresses:
            # 404.html is served at any path: its addresses start with the site's own path.
            within = site / address.removeprefix(source.config.site_path) if address.startswith("/") else path.parent / address
            target = Path(str(within).split("?")[0]).resolve()
            loaded.add(target)
            if not target.is_file():
                missing.append(f"{path.relative_to(site)}: {address}")
    assert not missing, "linked, not published:\n" + "\n".join(missing)
    own = {(site / "assets" / file.relative_to(ROOT / "overrides/assets")).resolve() for file in (ROOT / "overrides/assets").rglob("*.*")}
    assert own and not own - loaded, f"published, loaded by no page: {sorted(str(p.relative_to(site.resolve())) for p in own - loaded)}"


def test_the_editors_settings_reach_every_page_as_the_text_they_are(built):
    """The title, the copyright line and the menu's entries, which both generators' templates
    print without escaping: as text on every page (html5lib reads them as browsers do), and
    nothing active anywhere."""
    source, site = built
    assert (source.config.site_name, source.config.copyright) == (SETTINGS["site_name"], SETTINGS["copyright"])
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == "s":
            continue  # a share page: its own template, escaped (tests/check/test_site.py)
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html5lib")
        if page.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect page: the share pages' template
        name = path.relative_to(site)
        assert SETTINGS["site_name"] in page.title.get_text(), name
        preview = page.find("meta", property="og:site_name")  # none on 404.html, which is no page of its own
        assert preview is None or preview["content"] == SETTINGS["site_name"], name
        assert page.select_one(".md-copyright__highlight").get_text().strip() == SETTINGS["copyright"], name
        outside = [a.get_text(" ", strip=True) for a in page.select(f'nav a[href="{OUTSIDE_IN_NAV[1]}"]')]
        assert OUTSIDE_IN_NAV[0] in outside, (name, outside)
        assert not dangers(html, set(re.findall(r"'sha256-[^']+'", html))), name


def test_addresses_and_notices_written_as_on_github_show_as_its_preview_does(built):
    """A web or e-mail address written out is a link; `> [!NOTE]` is a notice, its marker gone."""
    source, site = built
    article = built_page(site / home(source.root).dest).article
    hrefs = {link["href"] for link in article.select(f"#{own('write-to-us')} a[href]")}
    assert {WEB_ADDRESS, f"mailto:{EMAIL_ADDRESS}"} <= hrefs, hrefs
    notice = next((div for div in article.select("div.admonition.note") if GITHUB_NOTICE in div.get_text()), None)
    assert notice is not None and notice.select_one(".admonition-title"), "the notice written > [!NOTE] is not one"
    assert "[!" not in article.get_text(), "a notice's marker shows as text"


def test_each_language_has_the_sitemap_the_theme_asks_for(built):
    """Material's language selector fetches `sitemap.xml` under each language's address (the
    page's `hreflang` alternates): there, listing that language's pages, never a failed request."""
    source, site = built
    alternates = {
        urljoin(source.config.site_url + page.url, link["href"])
        for page in source.pages.values()
        for link in built_page(site / page.dest).select("link[rel=alternate][hreflang]")
    }
    assert len(alternates) > 2, "the copy offers languages (tests/edits.py)"
    for address in alternates:
        listed = ElementTree.parse(site / address.removeprefix(source.config.site_url) / "sitemap.xml")
        urls = [loc.text for loc in listed.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        assert address in urls and all(url.startswith(address) for url in urls), (address, urls)


def test_each_pages_edit_and_view_buttons_lead_to_its_source(built):
    """Whatever the page's name: the edits' own hold "edit", which Material's view link replaced
    with "raw" wherever it stood (overrides/partials/actions.html)."""
    source, site = built
    repo = source.config.repo_url.rstrip("/")
    for page in source.pages.values():
        html = built_page(site / page.dest)
        buttons = [a["href"] for a in html.select("a.md-content__button")]
        assert buttons == [f"{repo}/edit/main/{page.file}", f"{repo}/raw/main/{page.file}"], (page.file, buttons)


def test_links_to_other_sites_tell_them_nothing(built):
    source, site = built
    host = re.match(r"https?://([^/]+)", source.config.site_url).group(1)
    for path in site.rglob("*.html"):
        soup = built_page(path)
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "same-origin", path
        for link in soup.find_all("a", href=re.compile(r"^(https?:)?//")):
            if re.match(r"(https?:)?//([^/]+)", link["href"]).group(2) != host:
                assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), f"{path}: {link}"


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_mistake_stops_the_build_with_its_line(tmp_path, generator):
    """The editor checks run before either generator; the output folder is left empty."""
    project = copy_project(tmp_path / "project")
    path, line = after_first_paragraph('<iframe src="https://example.org/"></iframe>')(project)
    code, output = GENERATORS[generator](project)
    assert code != 0, output
    assert f"{path}:{line}: the HTML <iframe> would show on the page as text" in output, output
    assert not list((project / "site").rglob("*.html")), "a stopped build left pages"


def test_front_matter_lands_as_it_is_written(built):
    """Title and description, where each theme prints them: read back as the editor wrote them,
    with no hook of either generator's between (an `&` and an apostrophe in the copy's)."""
    source, site = built
    described = [page for page in source.pages.values() if "description" in page.meta]
    assert any("&" in page.meta["description"] for page in described), "the copy has a description with '&'"
    for page in described:
        soup = BeautifulSoup((site / page.dest).read_text(encoding="utf-8"), "html5lib")
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        assert meta["description"] == meta["og:description"] == page.meta["description"], page.file


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_straight_quote_in_front_matter_stops_the_build_with_its_line(tmp_path, generator):
    """Zensical prints a description in an attribute as it is: the editor checks stop a `"`
    before either generator runs."""
    project = copy_project(tmp_path / "project")
    path = own_page(project)
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", '---\ntitle: \'Say "hello"\'\n', 1), encoding="utf-8")
    code, output = GENERATORS[generator](project)
    assert code != 0 and f"docs/{path.name}:2: title: write quotation marks as “ and ”" in output, output
    assert not list((project / "site").rglob("*.html")), "a stopped build left pages"


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_move_over_a_page_stops_the_build_with_its_line(tmp_path, generator):
    """A page that is there keeps its address: `moved:` over it stops both, on its line."""
    project = copy_project(tmp_path / "project")
    other = own_page(project)
    with (project / "published-anchors.yml").open("a", encoding="utf-8") as anchors:
        anchors.write(f"\n{other.name}:\n  moved: index.md\n")
    line = (project / "published-anchors.yml").read_text(encoding="utf-8").split("\n").index("  moved: index.md") + 1
    code, output = GENERATORS[generator](project)
    assert code != 0 and "Traceback" not in output, output
    problems = [entry for entry in output.split("\n") if entry.startswith("ERROR   -  published-anchors.yml:")]
    url = other.name.removesuffix(".md") + "/"
    assert problems == [f"ERROR   -  published-anchors.yml:{line}: {other.name} would send its readers to index.md, but its address "
                        f"{url} is the page docs/{other.name}'s: 'moved:' is for a page that is gone; remove this line, or the page"], output


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_stylesheet_problem_is_reported_on_the_line_that_links_it(tmp_path, generator):
    """Once, on the configuration's line: not on site/404.html, nor on each page that shows it."""
    project = copy_project(tmp_path / "project")
    config = project / "config/site.yml"
    text = config.read_text(encoding="utf-8")
    first = re.search(r"^extra_css:\n  - (.+)$", text, re.MULTILINE).group(1)
    text = text.replace(f"extra_css:\n  - {first}\n", f"extra_css:\n  - {first}\n  - assets/stylesheets/missing.css\n")
    config.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    code, output = GENERATORS[generator](project)
    problems = [entry for entry in output.split("\n") if re.match(r"ERROR   -  \S+:\d+: ", entry)]
    assert code != 0 and len(problems) == 1, output
    line = lines.index("  - assets/stylesheets/missing.css") + 1
    assert problems[0].startswith(f"ERROR   -  config/site.yml:{line}: the file assets/stylesheets/missing.css"), problems


@pytest.mark.parametrize("generator", GENERATORS)
def test_every_bad_file_of_the_corpus_stops_the_build_with_its_line(tmp_path, generator):
    """tests/corpus/files.yml under each generator: each entry named with its file and line, on
    a line of its own that no workflow command can start; the counts by surface printed."""
    project = copy_project(tmp_path / "project")
    entries = files_corpus()
    for _, name, data in entries:
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_bytes(data)
    code, output = GENERATORS[generator](project)
    assert code != 0 and "Traceback" not in output, output[-2000:]
    printed = output.split("\n")
    assert not [line for line in printed if line.lstrip().startswith(("::", "##["))], "a line that is a workflow command"
    counts = {}
    for family, name, _ in entries:
        own = re.escape(f"ERROR   -  {visible(f'docs/{name}')}:") + r"\d+: (?!this page is in no menu)"
        stopped = any(re.match(own, line) for line in printed)
        tried, named = counts.get(family, (0, 0))
        counts[family] = (tried + 1, named + stopped)
    print(f"\n{generator}: " + "; ".join(f"{family} {named}/{tried} stopped with file:line" for family, (tried, named) in counts.items()))
    assert all(tried == named for tried, named in counts.values()), counts


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_removed_id_without_alias_stops_the_build(tmp_path, generator):
    """Both stop before building; the alias the message gives clears it (the copy built above
    has such an alias, for a removed call)."""
    project = published_copy(tmp_path / "project")
    call = items(project)[-1]
    replace_on_line(project / home(project).file, call.id_line, f"{{#{call.id}}}", f"{{#{own('renamed')}}}")
    code, output = GENERATORS[generator](project)
    assert code != 0 and f"#{call.id} has been shared" in output and f"'    {call.id}: {own('renamed')}'" in output, output
    add_alias(project, call.id, own("renamed"))
    assert checks.run(project) == []


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_renamed_page_stops_the_build_with_the_lines_that_keep_its_address(tmp_path, generator):
    """A page `main` published, renamed: both stop before building, with the lines to add, which
    name the new page; once added, the checks pass (the copy built above holds such a page:
    the test below follows its old address)."""
    project = published_copy(tmp_path / "project")
    path, new = publish_and_rename_a_page(project)
    code, output = GENERATORS[generator](project)
    (message,) = [line for line in output.split("\n") if line.startswith("ERROR   -  published-anchors.yml:")]
    assert code != 0 and f"docs/{path.name} was published and is gone" in message, output
    first, second = re.search(r"add the lines '([^']+)' and '([^']+)' at the end of published-anchors.yml", message).groups()
    assert (first, second) == (f"{path.name}:", f"  moved: {new.name}"), message
    with (project / "published-anchors.yml").open("a", encoding="utf-8") as anchors:
        anchors.write(f"\n{first}\n{second}\n")
    assert checks.run(project) == []


def test_the_old_address_of_a_page_that_moved_leads_to_the_page_with_its_fragment(built):
    """A small page at the old address: a script that carries what follows `#` (hashed in its
    policy), a <meta> refresh without JavaScript, a link (Chromium follows them in
    tests/browser/test_sharing.py)."""
    source, site = built
    assert source.moves, "the copy has a page that moved (tests/edits.py)"
    shared = []
    for move in source.moves:
        old, new = source.pages.get(move.old), source.pages[source.moved_to(move.old)]
        html = BeautifulSoup((site / f"{move.old.removesuffix('.md')}/index.html").read_text(encoding="utf-8"), "html5lib")
        target = "../" * (move.old.count("/") + 1) + new.url
        assert old is None and html.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
        script = html.find("script", attrs={"data-to": target})
        assert script is not None and sha256(script.string) in policy_of(html)["script-src"], move
        assert html.find("a", href=target) is not None
        # Its parts' share addresses too: each leads to its part, with its card.
        shared += [part for part in new.parts if part.shareable]
        for part in (part for part in new.parts if part.shareable):
            old_share = BeautifulSoup((site / share_path(move.old, part.id) / "index.html").read_text(encoding="utf-8"), "html5lib")
            assert old_share.find("meta", property="og:url")["content"] == source.config.site_url + new.share_path(part.id)
            refresh = old_share.find("meta", attrs={"http-equiv": "refresh"})["content"]
            assert refresh.endswith(f"{new.url}#{part.id}") and old_share.find("meta", property="og:image")["content"], refresh
    assert shared, "the copy's page that moved has a part with an ID (tests/edits.py)"


def card_of(site, page, ident):
    html = (site / page.share_path(ident) / "index.html").read_text(encoding="utf-8")
    return re.search(r'property="og:image" content="([^"]+)"', html).group(1)


def shown_on_card(page, part):
    """What a part's card shows: its words, its section and page; a section's, the words under it."""
    words = [part.words, part.section, page.title]
    if part.kind == "heading":
        after = page.parts[page.parts.index(part) + 1 :]
        end = next((n for n, p in enumerate(after) if p.kind == "heading" and p.level <= part.level), len(after))
        words += [p.words for p in after[:end] if p.container is None and p.kind != "heading"]
    return words


def test_a_cards_address_changes_exactly_when_its_words_do(built, site_dir):
    """A network that cached a card never shows old words: rewording gives a new image address;
    a part whose words (and section and page title) stay keeps its card."""
    after, site = built
    before = Source.read(ROOT)
    changed = same = 0
    for page in after.pages.values():
        old = before.pages.get(page.src)
        for part in (p for p in page.parts if p.shareable and old and p.id in old.ids):
            words_kept = shown_on_card(old, old.ids[part.id]) == shown_on_card(page, part)
            kept = card_of(site, page, part.id) == card_of(site_dir, old, part.id)
            assert kept == words_kept, f"{page.file}:{part.line}: #{part.id}"
            changed, same = changed + (not kept), same + kept
    assert changed and same, "the edits change some parts' words and keep others'"


def text_of(element):
    return squeeze(element.get_text()) if element is not None else None


def test_habits_of_github_and_material_show_as_their_previews_do(built):
    """Each habit of tests/edits.py as GitHub's preview or Material's documentation shows it:
    emoji, task lists (each box named by its words, and inert), line breaks, `!!!` notices,
    definition lists, abbreviations, comments hidden, a citation ending in its address, an image
    with its caption (written either way) and an image in a link."""
    source, site = built
    html = (site / home(source.root).dest).read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    emoji = article.find(id=own("emoji"))
    assert text_of(emoji).startswith("🕊️ Peace now, and ❤️ for every family"), text_of(emoji)
    assert ":" not in EMOJI_PARAGRAPH.replace(":dove:", "").replace(":heart:", "") and ":dove:" not in html
    for n, (words, done) in enumerate(TASKS, 1):
        box = article.select_one(f"#{own(f'task-{n}')} > label > input[type=checkbox]")
        assert box is not None and box.has_attr("disabled") and box.has_attr("checked") == done, box
        assert text_of(box.parent) == words, "a box is named by its task's words"
    address = article.find(id=own("address"))
    assert len(address.find_all("br")) == 2 and all(line in text_of(address) for line in ADDRESS_LINES), address
    title, text = MATERIAL_NOTICE
    notice = article.select_one("div.admonition.info")
    assert text_of(notice.select_one(".admonition-title")) == title and text in text_of(notice), notice
    term, definition = DEFINITION
    assert [text_of(article.find(tag)) for tag in ("dt", "dd")] == [term, definition]
    short, long = ABBREVIATION
    assert article.find("abbr", string=short)["title"] == long and f"*[{short}]" not in html
    assert EDITORS_NOTE not in html and "<!--" not in str(article), "a note to editors is published"
    cited = article.select_one(f'.footnote a[href="{CITED_ADDRESS}"]')
    assert cited is not None and text_of(cited) == CITED_ADDRESS, "the citation's address is not its link"
    for ident, caption in CAPTIONS.items():
        figure = article.find(id=ident)
        assert figure.name == "figure" and figure.find("img") and text_of(figure.figcaption).startswith(caption), figure
    assert article.select_one(f"#{own('linked-image')} a[href] > img") is not None


def test_no_placeholder_reaches_a_title_a_description_or_a_card(built):
    """Share pages and each page's preview say a part by its words: never an image's placeholder
    ("[image: …]") nor one of Python-Markdown's (STX … ETX); an image with a caption by its
    caption, one without by its description."""
    source, site = built
    placeholder = re.compile(r"\[image:|[\x00-\x08\x0b-\x1f]")
    for path in [*site.glob("s/**/index.html"), *(site / page.dest for page in source.pages.values())]:
        head = built_page(path).head
        said = [head.title.get_text()] + [m.get("content", "") for m in head.find_all("meta") if m.get("property") or m.get("name")]
        assert not [s for s in said if placeholder.search(s)], f"{path.relative_to(site)}: {said}"
    site_url = source.config.site_url
    for page in source.pages.values():
        for n, part in enumerate(page.parts):
            if part.shareable:
                card = share_pages.share_of(page, n, source, site_url).card
                drawn = [card["kicker"], card["main"], card["text"], *card["source"]]
                assert not [s for s in drawn if placeholder.search(s)], f"{page.file}:{part.line}: {card}"
    statement = home(source.root)
    figure = statement.ids[own("figure")]
    share = share_pages.share_of(statement, statement.parts.index(figure), source, site_url)
    assert share.title == CAPTIONS[own("figure")], share.title
