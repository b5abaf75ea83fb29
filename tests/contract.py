"""The contract between the site and its editors: the built site faithfully renders whatever
`docs/` says. Every check reads a project folder (its docs/ and published-anchors.yml) and the
site built from it, derives what to expect from the Markdown alone (tests/statement.py), and
returns the problems it finds as sentences, empty when all is well.

tests/test_reading.py and tests/test_sharing.py run these checks on the session's build of the
repository; tests/test_editors_edits.py runs them on each copy an editor's edit was applied to."""

import functools
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from statement import blocks, calls, front_matter, image_text, pages, squeeze

ANCHORS_FILE = "published-anchors.yml"
# What Markdown or pymdown syntax looks like when it was not understood and shows as text.
LEAKS = ("{#", "{.", "{:", "](", "**", "!!!", ":::", "///", "\\#")


KINDS = {"p": "paragraph", "li": "list item"} | {f"h{n}": "heading" for n in range(1, 7)}


def built_path(src):
    """Where MkDocs writes a page (directory URLs): index.md -> index.html, a.md -> a/index.html."""
    path = Path(src).with_suffix("")
    return (path.parent if path.name == "index" else path).joinpath("index.html").as_posix()


@functools.cache
def read_built(site, src):
    return BeautifulSoup((Path(site) / built_path(src)).read_text(encoding="utf-8"), "html.parser")


def article(site, src):
    return read_built(site, src).select_one("article.md-content__inner")


def words(element):
    """The text an element shows, images read as their alt text, without the permalink sign."""
    element = BeautifulSoup(str(element), "html.parser")
    for link in element.select(".headerlink"):
        link.decompose()
    for image in element.find_all("img"):
        image.replace_with(image_text(image.get("alt", "")))
    return squeeze(element.get_text())


def rendered_blocks(site, src):
    """The visible text of a page's headings, paragraphs and list items, in order."""
    return [words(e) for e in article(site, src).find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li"])]


def published(root):
    return yaml.safe_load((Path(root) / ANCHORS_FILE).read_text(encoding="utf-8")) or {}


def ids_in(soup):
    return [element["id"] for element in soup.select("[id]")]


# -- Reading --------------------------------------------------------------------------------


def text_in_order(root, site):
    """Every heading, paragraph, call, image and notice of every page reaches it, in order."""
    problems = []
    for src in pages(Path(root) / "docs"):
        rendered, position = rendered_blocks(site, src), 0
        for block in blocks(Path(root) / "docs" / src):
            if block.text not in rendered[position:]:
                problems.append(
                    f"docs/{src}:{block.line}: this {KINDS[block.kind]} is missing from the built page, "
                    f"or out of order: {block.text[:80]!r}"
                )
                continue
            position = rendered.index(block.text, position) + 1
    return problems


def no_syntax_leaks(root, site):
    problems = []
    for src in pages(Path(root) / "docs"):
        text = article(site, src).get_text()
        problems += [f"docs/{src}: Markdown syntax {leak!r} shows on the page" for leak in LEAKS if leak in text]
    return problems


def title_and_deck(root, site):
    """One <h1>, the page's first heading; a paragraph marked {.md-deck} is the deck under it."""
    problems = []
    for src in pages(Path(root) / "docs"):
        page, written = article(site, src), blocks(Path(root) / "docs" / src)
        titles = [words(h) for h in page.find_all("h1")]
        expected = [b.text for b in written if b.kind == "h1"]
        if titles != expected[:1] or len(expected) != 1:
            problems.append(f"docs/{src}: the page shows the titles {titles}, its Markdown has {expected}")
        for deck in (b for b in written if "md-deck" in b.classes):
            shown = page.select_one("h1 + p.md-deck")
            if shown is None or squeeze(shown.get_text()) != deck.text:
                problems.append(f"docs/{src}:{deck.line}: the deck is not right under the title")
    return problems


def calls_form_one_list(root, site):
    """The list items with an ID (the statement's calls) are one list, in the Markdown's order."""
    problems = []
    for src in pages(Path(root) / "docs"):
        written = [b.id for b in calls(Path(root) / "docs" / src) if b.id]
        if not written:
            continue
        items = article(site, src).select("li[id]")
        if [li["id"] for li in items] != written:
            problems.append(f"docs/{src}: the calls on the page are {[li['id'] for li in items]}, not {written}")
        elif len({id(li.parent) for li in items}) != 1:
            problems.append(f"docs/{src}: the calls are split into several lists (a line between two of them?)")
    return problems


def sections_have_ids_and_toc_entries(root, site):
    problems = []
    for src in pages(Path(root) / "docs"):
        page = read_built(site, src)
        toc = page.select_one("nav.md-nav--secondary")
        for block in blocks(Path(root) / "docs" / src):
            if block.kind != "h2" or not block.id:
                continue
            heading = page.find(id=block.id)
            if heading is None or heading.name != "h2":
                problems.append(f"docs/{src}:{block.line}: no <h2 id={block.id!r}> in the page")
            elif toc is None or not toc.select_one(f'a[href="#{block.id}"]'):
                problems.append(f"docs/{src}:{block.line}: #{block.id} is not in the table of contents")
    return problems


def images_show_with_their_alt_text(root, site):
    """Each image of the Markdown is an <img> with its alt text, whose file is in the site."""
    problems = []
    for src in pages(Path(root) / "docs"):
        shown = [(img.get("alt"), img.get("src")) for img in article(site, src).find_all("img")]
        page_dir = (Path(site) / built_path(src)).parent
        for block in blocks(Path(root) / "docs" / src):
            for alt, target in block.images:
                match = next(((a, s) for a, s in shown if a == alt), None)
                if match is None or not alt.strip():
                    problems.append(f"docs/{src}:{block.line}: the image {target} is not shown with its alt text")
                elif not match[1].startswith(("http://", "https://")) and not (page_dir / match[1]).is_file():
                    problems.append(f"docs/{src}:{block.line}: the image {target} is not in the built site")
    return problems


def notices_are_styled_boxes(root, site):
    """A notice (`/// note | Title`) is a Material admonition box with its title."""
    problems = []
    for src in pages(Path(root) / "docs"):
        page = article(site, src)
        for block in blocks(Path(root) / "docs" / src):
            if "admonition-title" not in block.classes:
                continue
            titles = [words(t) for t in page.select(f"div.admonition.{block.notice} > p.admonition-title")]
            if block.text not in titles:
                problems.append(
                    f"docs/{src}:{block.line}: the notice {block.text!r} is not shown as a {block.notice} box"
                )
    return problems


def languages_are_declared(root, site):
    """A page whose front matter says `lang: es` is marked as Spanish for screen readers."""
    problems = []
    for src in pages(Path(root) / "docs"):
        lang = front_matter(Path(root) / "docs" / src).get("lang")
        if not lang:
            continue
        page = read_built(site, src)
        marked = page.html.get("lang") if page.html else None
        if marked != lang and article(site, src).get("lang") != lang:
            problems.append(f"docs/{src}: the page says lang: {lang}, but is marked lang={marked!r}")
    return problems


# -- Sharing --------------------------------------------------------------------------------


def published_anchors_exist_once(root, site):
    problems = []
    for src, entry in published(root).items():
        ids = ids_in(read_built(site, src))
        for anchor in (entry or {}).get("anchors") or []:
            if ids.count(anchor) != 1:
                problems.append(f"{ANCHORS_FILE}: #{anchor} appears {ids.count(anchor)} times on {src}")
    return problems


def ids_are_unique(root, site):
    problems = []
    for src in pages(Path(root) / "docs"):
        ids = ids_in(read_built(site, src))
        twice = sorted({i for i in ids if ids.count(i) > 1})
        problems += [f"docs/{src}: the ID {i!r} is used twice" for i in twice]
    return problems


def every_id_is_published(root, site=None):
    """A new {#id} joins published-anchors.yml, so that the build protects it from then on."""
    listed, problems = published(root), []
    for src in pages(Path(root) / "docs"):
        anchors = set(((listed.get(src) or {}).get("anchors")) or [])
        for block in blocks(Path(root) / "docs" / src):
            if block.id and block.id not in anchors:
                problems.append(f"docs/{src}:{block.line}: add #{block.id} to {ANCHORS_FILE}")
    return problems


def every_shareable_part_has_a_permalink(root, site):
    problems = []
    for src in pages(Path(root) / "docs"):
        for part in article(site, src).select("h2[id], p[id], li[id]"):
            link = part.find("a", class_="share-link", recursive=False)
            if link is None or link["href"] != f"#{part['id']}" or not link["aria-label"].startswith("Copy link to"):
                problems.append(f"docs/{src}: #{part['id']} has no permalink")
    return problems


READING = [
    text_in_order,
    no_syntax_leaks,
    title_and_deck,
    calls_form_one_list,
    sections_have_ids_and_toc_entries,
    images_show_with_their_alt_text,
    notices_are_styled_boxes,
    languages_are_declared,
]
SHARING = [published_anchors_exist_once, ids_are_unique, every_id_is_published, every_shareable_part_has_a_permalink]


def problems(root, site):
    """Every problem every check finds: the whole contract, for one built project."""
    return [problem for check in READING + SHARING for problem in check(root, site)]
