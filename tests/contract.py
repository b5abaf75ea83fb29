"""The contract between the site and its editors: the built site faithfully renders whatever
`docs/` says. Every check takes the model of a project (statement_site.source: what its Markdown
says, read as the site renders it) and the folder a generator built from it, reads the built
pages with BeautifulSoup, independently of the site's own code, and returns the problems it finds
as sentences, empty when all is well.

The fast tier runs these checks on the repository's build with MkDocs and with Zensical, and on
a copy every ordinary edit was applied to; the browser tier runs them in Chromium's terms."""

import copy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from project import built_page

from statement_site.source.parts import KINDS
from statement_site.source.text import squeeze
from statement_site.steps import revisions

# What Markdown or pymdown syntax looks like when it was not understood and shows as text.
LEAKS = ("{#", "{.", "{:", "](", "**", "!!!", ":::", "///", "\\#", "[^")
# The elements each kind of part is built as, as the model defines the kinds.
BUILT_AS = {name: list(kind.built_as) for name, kind in KINDS.items()}


def read_built(site, dest):
    return built_page(Path(site) / dest)


def article(site, page):
    return read_built(site, page.dest).select_one("article.md-content__inner")


def words(element):
    """The text an element shows: images read as "[image: alt]", a task's box as "[x]" or "[ ]",
    without permalink signs, old IDs, footnotes' way back, or a list item's nested lists."""
    element = copy.copy(element)  # a copy of its own to take things out of
    for back in element.select(".footnote-backref"):
        # The way back is a non-breaking space and the link.
        if isinstance(back.previous_sibling, str):
            back.previous_sibling.replace_with(back.previous_sibling.removesuffix("\xa0"))
    for extra in element.select(".headerlink, .anchor-alias, .footnote-backref"):
        extra.decompose()
    if element.name == "li":
        for nested in element.find_all(["ul", "ol"]):
            nested.decompose()
    for image in element.find_all("img"):
        image.replace_with(f"[image: {squeeze(image.get('alt', ''))}]")
    for box in element.find_all("input", type="checkbox"):
        box.replace_with("[x] " if box.has_attr("checked") else "[ ] ")
    for line_break in element.find_all("br"):
        line_break.replace_with(" ")
    return squeeze(element.get_text())


def built_parts(site, page):
    """(tag, words) of every element of the article a part can be built as, in order."""
    tags = sorted({tag for kinds in BUILT_AS.values() for tag in kinds})
    return [(e.name, words(e)) for e in article(site, page).find_all(tags)]


def ids_in(soup):
    return [element["id"] for element in soup.select("[id]")]


# -- Reading --------------------------------------------------------------------------------


def text_in_order(source, site):
    """Every part of every page reaches it, as the element its kind is built as, in order."""
    problems = []
    for page in source.pages.values():
        built, position = built_parts(site, page), 0
        for part in page.parts:
            if page.src == revisions.PAGE and source.changes and part == page.parts[-1]:
                continue  # the paragraph the list of change notes takes the place of
            wanted = [i for i in range(position, len(built)) if built[i][0] in BUILT_AS[part.kind] and built[i][1] == part.text]
            if not wanted:
                problems.append(
                    f"{page.file}:{part.line}: this {part.name} is missing from the built page, or out of order: {part.text[:80]!r}"
                )
                continue
            position = wanted[0] + 1
    return problems


def no_syntax_leaks(source, site):
    problems = []
    for page in source.pages.values():
        text = article(site, page).get_text()
        problems += [f"{page.file}: Markdown syntax {leak!r} shows on the page" for leak in LEAKS if leak in text]
    return problems


def title_and_deck(source, site):
    """One <h1>, the page's title heading; a paragraph marked {.md-deck} is the deck under it."""
    problems = []
    for page in source.pages.values():
        shown = [words(h) for h in article(site, page).find_all("h1")]
        written = [p.text for p in page.parts if p.kind == "heading" and p.level == 1]
        if shown != written[:1] or len(written) != 1:
            problems.append(f"{page.file}: the page shows the titles {shown}, its Markdown has {written}")
        for deck in (p for p in page.parts if "md-deck" in p.classes):
            under = article(site, page).select_one("h1 + p.md-deck")
            if under is None or words(under) != deck.text:
                problems.append(f"{page.file}:{deck.line}: the deck is not right under the title")
    return problems


def lists_keep_their_items_together(source, site):
    """Consecutive list items with IDs (the statement's calls) are one list, in order."""
    problems = []
    for page in source.pages.values():
        runs, run = [], []
        for part in page.parts:
            if part.kind == "item" and part.id and part.container is None:
                run.append(part.id)
            elif run and part.kind != "item":
                runs.append(run)
                run = []
        runs += [run] if run else []
        for ids in runs:
            items = [article(site, page).find(id=ident) for ident in ids]
            if any(item is None or item.name != "li" for item in items):
                problems.append(f"{page.file}: the list items {ids} are not all list items on the page")
            elif len({id(item.parent) for item in items}) != 1:
                problems.append(f"{page.file}: the items {ids} are split into several lists (a blank line between two?)")
    return problems


def sections_are_in_the_table_of_contents(source, site):
    problems = []
    for page in source.pages.values():
        toc = read_built(site, page.dest).select_one("nav.md-nav--secondary")
        for part in page.parts:
            if part.kind != "heading" or part.level != 2 or part.container:
                continue
            heading = read_built(site, page.dest).find(id=part.id)
            if heading is None or heading.name != "h2":
                problems.append(f"{page.file}:{part.line}: no <h2 id={part.id!r}> in the page")
            elif toc is None or not toc.select_one(f'a[href="#{part.id}"]'):
                problems.append(f"{page.file}:{part.line}: #{part.id} is not in the table of contents")
    return problems


def images_show_with_their_alt_text(source, site):
    """Each image is an <img> with its alt text, whose file is in the site."""
    problems = []
    for page in source.pages.values():
        shown = [(img.get("alt"), img.get("src")) for img in article(site, page).find_all("img")]
        folder = (Path(site) / page.dest).parent
        for part in page.parts:
            for alt, target in part.images:
                match = next(((a, s) for a, s in shown if a == alt), None)
                if match is None or not alt.strip():
                    problems.append(f"{page.file}:{part.line}: the image {target} is not shown with its alt text")
                elif not (folder / match[1]).is_file():
                    problems.append(f"{page.file}:{part.line}: the image {target} is not in the built site")
    return problems


def notices_are_styled_boxes(source, site):
    """A notice (`/// note | Title`) is an admonition box with its title."""
    problems = []
    for page in source.pages.values():
        boxes = [words(box) for box in article(site, page).select("div.admonition")]
        for part in page.parts:
            if part.kind == "notice" and part.text not in boxes:
                problems.append(f"{page.file}:{part.line}: the notice {part.text[:60]!r} is not shown as a box")
    return problems


def pages_are_titled_by_their_own_title(source, site):
    """The tab and the link preview say the page's own title (front matter, else its heading;
    the home page's, the site's name), never the nav's label for it, which is the menu's."""
    problems = []
    name = source.config.site_name
    for page in source.pages.values():
        head = read_built(site, page.dest).head
        title = page.meta.get("title") or (name if page.url == "" else page.title)
        shown = head.title.get_text() if head.title else None
        preview = head.find("meta", property="og:title")
        if shown != (title if title == name else f"{title} - {name}") or preview is None or preview["content"] != title:
            problems.append(f"{page.file}: titled {shown!r} and previewed as {preview and preview['content']!r}, not by its title {title!r}")
    return problems


def languages_are_declared(source, site):
    """A page whose front matter says `lang: es` is marked as such for screen readers."""
    problems = []
    for page in source.pages.values():
        marked = read_built(site, page.dest).html.get("lang")
        if page.lang and marked != page.lang:
            problems.append(f"{page.file}: the page says lang: {page.lang}, but is marked lang={marked!r}")
    return problems


def languages_have_a_switch(source, site):
    """Where pages are in several languages, every page offers each of them (the theme's
    switch) and says so to search engines (`hreflang` alternates)."""
    languages = {page.lang or source.config.language: page for page in source.pages.values()}
    if len(languages) < 2:
        return []
    problems = []
    for page in source.pages.values():
        head = read_built(site, page.dest)
        for lang, other in languages.items():
            alternate = head.select_one(f'link[rel=alternate][hreflang="{lang}"]')
            switch = head.select_one(f'a.md-select__link[hreflang="{lang}"]')
            if alternate is None or switch is None:
                problems.append(f"{page.file}: no {'alternate' if alternate is None else 'switch'} for {lang} ({other.file})")
    return problems


# -- Sharing --------------------------------------------------------------------------------


def every_id_and_alias_is_there_once(source, site):
    """Each ID an editor wrote, and each alias, is on its page exactly once."""
    problems = []
    for page in source.pages.values():
        ids = ids_in(read_built(site, page.dest))
        for ident in [*(p.id for p in page.parts if p.explicit), *source.aliases_of(page.src)]:
            if ids.count(ident) != 1:
                problems.append(f"{page.file}: #{ident} appears {ids.count(ident)} times on the built page")
    return problems


def ids_are_unique(source, site):
    problems = []
    for page in source.pages.values():
        ids = ids_in(read_built(site, page.dest))
        problems += [f"{page.file}: the ID {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return problems


def every_shareable_part_has_a_permalink_and_share_page(source, site):
    """Each part with an ID has its control, which copies its share address, whose page exists."""
    problems = []
    site_url = source.config.site_url
    for page in source.pages.values():
        for part in page.parts:
            if not part.shareable:
                continue
            element = article(site, page).find(id=part.id)
            # Beside the part's words: in a figure, after its caption's.
            words = element and (element.find("figcaption") if element.name == "figure" else element)
            link = words and (words.find("a", class_="share-link", recursive=False) or words.select_one(":scope > p > a.share-link"))
            address = site_url + page.share_path(part.id)
            if link is None or link.get("href") != f"#{part.id}" or not link.get("aria-label", "").startswith("Copy link to"):
                problems.append(f"{page.file}:{part.line}: #{part.id} has no permalink")
            elif link.get("data-share-url") != address:
                problems.append(f"{page.file}:{part.line}: #{part.id}'s control copies {link.get('data-share-url')}, not {address}")
            elif not (Path(site) / page.share_path(part.id) / "index.html").is_file():
                problems.append(f"{page.file}:{part.line}: #{part.id} has no share page {page.share_path(part.id)}")
    return problems


def every_share_address_a_control_copies_is_written(source, site):
    """No control copies a share address the build does not write (the page's title has none)."""
    problems = []
    site_url = source.config.site_url
    for page in source.pages.values():
        for control in article(site, page).select("a[data-share-url]"):
            path = control["data-share-url"].removeprefix(site_url)
            if not (Path(site) / path / "index.html").is_file():
                problems.append(f"{page.file}: the control of {control.get('href')} copies {control['data-share-url']}, which leads nowhere")
    return problems


def the_revisions_page_lists_every_change_note(source, site):
    """Each note an editor wrote for readers (`changes:`) is on the Revisions page, newest first."""
    page = source.pages.get(revisions.PAGE)
    if page is None:
        return [f"docs/{revisions.PAGE}: there is no Revisions page"] if source.changes else []
    items = [words(li) for li in article(site, page).select("ul > li")]
    notes = [change.note for change in source.changes]
    shown = [next((i for i, item in enumerate(items) if item.endswith(note)), None) for note in notes]
    if None in shown or shown != sorted(shown):
        return [f"{page.file}: the Revisions page shows {items}, not the notes {notes}, newest first"]
    return []


REPORT_IN_ENGLISH = "Report a mistake on this page"


def every_page_links_to_the_correction_form(source, site):
    """Each page has one way to report a mistake: a link to the repository's correction form
    (overrides/partials/report.html), its "Where is it?" the page's address and its title the
    page's, as the page's tab says it."""
    problems = []
    form = f"{source.config.repo_url}/issues/new"
    for page in source.pages.values():
        soup = read_built(site, page.dest)
        links = soup.select("p.report-mistake > a[href]")
        tab = soup.title.get_text().removesuffix(f" - {source.config.site_name}")
        expected = {"template": ["correction.yml"], "title": [f"Correction: {tab}"], "where": [source.config.site_url + page.url]}
        address = urlsplit(links[0]["href"]) if len(links) == 1 else None
        if address is None or address._replace(query="").geturl() != form or parse_qs(address.query) != expected:
            problems.append(f"{page.file}: the way to report a mistake is {[link['href'] for link in links]}, not the form {form} with {expected}")
        elif (page.lang or source.config.language) != "en" and links[0].get_text() == REPORT_IN_ENGLISH and links[0].get("lang") != "en":
            problems.append(f"{page.file}: the way to report a mistake is in English on a page in {page.lang}, and does not say so")
    return problems


READING = [
    text_in_order,
    no_syntax_leaks,
    title_and_deck,
    lists_keep_their_items_together,
    sections_are_in_the_table_of_contents,
    images_show_with_their_alt_text,
    notices_are_styled_boxes,
    pages_are_titled_by_their_own_title,
    languages_are_declared,
    languages_have_a_switch,
    the_revisions_page_lists_every_change_note,
    every_page_links_to_the_correction_form,
]
SHARING = [
    every_id_and_alias_is_there_once,
    ids_are_unique,
    every_shareable_part_has_a_permalink_and_share_page,
    every_share_address_a_control_copies_is_written,
]


def problems(source, site):
    """Every problem every check finds: the whole contract, for one built project."""
    return [problem for check in READING + SHARING for problem in check(source, site)]
