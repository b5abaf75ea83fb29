"""The redline of a pull request (`python -m statement_site redline BASE HEAD`): every change a
reader would see, each once and as written: words, where links and buttons lead, images (what
their file holds, description, tooltip), struck words, the order of parts and sections, heading
levels, direction and language, abbreviations, notes on the Revisions page, tasks ticked, the
words of PDFs and SVGs, and the settings that reach every page; IDs, aliases, pages and every
other changed file named; whatever an editor wrote shown as text, never as Markdown or HTML of
the job summary.

Each test commits versions of a small site of its own (its settings written here, its pages
rendered with the site's Markdown extensions, as the model reads them) to a new git repository,
and reads the redline's Markdown rendered (Python-Markdown, then BeautifulSoup), as a reviewer
sees it."""

import hashlib
import html
import io
import re
import string

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from project import ROOT, git
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from statement_site import redline
from statement_site.source.files import CODE_CONFIG, WorkTree

# The settings of the small site: values that reach every page, and its nav.
SETTINGS = {
    "site_name": "A statement",
    "site_description": "What we call for.",
    "copyright": "Statement by an organisation",
    "nav": [{"Statement": "index.md"}, {"About": [{"Privacy": "privacy.md"}]}],
    "extra": {"alternate": [{"name": "English", "link": "./", "lang": "en"}, {"name": "Español", "link": "es/", "lang": "es"}]},
}
PAGE = """\
# A statement

## Our calls {#calls}

We call on officials to act:
{#calls-intro}

- Officials must call for an immediate and permanent ceasefire in Gaza.
  {#call-ceasefire}
- Congress must reject funding requests.
  {#call-reject-funding}

## Sources {#sources}

Read more.
{#read-more}
"""
FILES = {"docs/index.md": PAGE, "published-anchors.yml": "index.md:\n  aliases:\n"}

# -- Making versions and reading the redline ------------------------------------------------------


def commit(repo, number, files):
    """The files of `files` and no other file under docs/, committed; "mkdocs.yml" as the
    editors' settings, given as a dict, over the site's own code configuration (config/site.yml),
    so that the pages render as the site renders them."""
    for old in [p for p in (repo / "docs").rglob("*") if p.is_file()] if (repo / "docs").is_dir() else []:
        old.unlink()
    settings = {"INHERIT": CODE_CONFIG, **files.get("mkdocs.yml", SETTINGS)}
    files = {CODE_CONFIG: (ROOT / CODE_CONFIG).read_bytes(), **files, "mkdocs.yml": yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)}
    for name, content in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"Version {number}")


def redline_of(repo, *versions):
    """Commit each version to a new repository; the redline from the first to the last."""
    return redlines(repo, versions[0], *versions[1:])[-1] if len(versions) > 1 else redlines(repo, versions[0])[0]


def redlines(repo, base, *heads):
    """Commit `base`, then each head in turn, to a new repository: the redline from `base` to
    each head (to itself, when there is none)."""
    git(repo, "init", "-q", "-b", "main")
    for number, files in enumerate((base, *heads)):
        commit(repo, number, files)
    return [redline.report(repo, f"HEAD~{len(heads)}", f"HEAD~{len(heads) - n}") for n in range(1, len(heads) + 1)] or [
        redline.report(repo, "HEAD", "HEAD")
    ]


def rendered(output):
    """The redline as a reviewer reads it."""
    return BeautifulSoup(markdown.markdown(output), "html.parser")


def items(soup):
    return [li.get_text() for li in soup.find_all("li")]


def item(soup, starting):
    """The text of the one list item that starts with `starting`."""
    found = [li for li in soup.find_all("li") if li.get_text().startswith(starting)]
    assert len(found) == 1, f"{starting!r} in {items(soup)}"
    return found[0]


def page(old, new, text=PAGE):
    """The page with `old` written as `new`."""
    assert old in text
    return text.replace(old, new, 1)


def instead_of_read_more(text):
    """The files with the paragraph "Read more." written as `text`."""
    return {"docs/index.md": page("Read more.", text)}


def blob(data):
    """A file's git blob ID: the digest the redline names a file's content by."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()[:12]


def held(data):
    """A file as the redline describes what it holds."""
    return f"{len(data):,} bytes, git blob {blob(data)}"


def pdf(words):
    """A one-page PDF whose page shows `words` (pypdf, Helvetica)."""
    writer = PdfWriter()
    sheet = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Helvetica")}
    )
    sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 712 Td (%s) Tj ET" % words.encode("latin-1"))
    sheet[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def svg(words):
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20"><title>A banner</title><text x="0" y="15">{words}</text></svg>'


PHOTO, OTHER_PHOTO = b"\x89PNG\r\n\x1a\none", b"\x89PNG\r\n\x1a\ntwo"
WITH_PHOTO = page("Read more.\n", '![A crowd](assets/photo.png "At the vigil")\n{#photo}\n\nRead more.\n')
WITH_ABBREVIATION = page("Read more.\n", "Read more from the ILRC.\n") + "\n*[ILRC]: Immigrant Legal Resource Center\n"
REPORT, OTHER_REPORT = pdf("A report on the ceasefire"), pdf("A report on a lasting ceasefire")
NOT_A_PDF, OTHER_NOT_A_PDF = b"%PDF-1.7 not really\n", b"%PDF-1.7 not really, longer\n"
OTHER_SWITCH = {"alternate": [{"name": "English", "link": "./", "lang": "en"}, {"name": "Castellano", "link": "es/", "lang": "es"}]}
NAV_RENAMED = [{"Our statement": "index.md"}, {"About": [{"Privacy": "privacy.md"}]}]
NAV_REORDERED = [{"About": [{"Privacy": "privacy.md"}]}, {"Statement": "index.md"}]

# Each kind of change a reader would see: (the files before and after, apart from FILES; the
# one list item that shows it, as a reviewer reads it).
KINDS_OF_CHANGE = {
    "words": (
        {},
        {"docs/index.md": page("an immediate", "a lasting")},
        "#call-ceasefire: Officials must call for an immediate a lasting and permanent ceasefire in Gaza.",
    ),
    "a link's target": (
        instead_of_read_more("Read [more](https://example.org/one)."),
        instead_of_read_more("Read [more](https://example.org/two)."),
        "#read-more, link “more”: https://example.org/one → https://example.org/two",
    ),
    "a button's target": (
        instead_of_read_more("[Sign the letter](https://example.org/one){ .md-button }"),
        instead_of_read_more("[Sign the letter](https://example.org/two){ .md-button }"),
        "#read-more, button “Sign the letter”: https://example.org/one → https://example.org/two",
    ),
    "a link's tooltip": (
        instead_of_read_more('Read [more](https://example.org/ "Our sources").'),
        instead_of_read_more('Read [more](https://example.org/ "Our other sources").'),
        "#read-more, tooltip “more”: Our sources → Our other sources",
    ),
    "an image's file, swapped under the same name and description": (
        {"docs/index.md": WITH_PHOTO, "docs/assets/photo.png": PHOTO},
        {"docs/index.md": WITH_PHOTO, "docs/assets/photo.png": OTHER_PHOTO},
        f"#photo, image file “A crowd”: assets/photo.png ({held(PHOTO)}) → assets/photo.png ({held(OTHER_PHOTO)})",
    ),
    "an image's file, another one": (
        {"docs/index.md": WITH_PHOTO, "docs/assets/photo.png": PHOTO},
        {"docs/index.md": page("photo.png", "march.png", WITH_PHOTO), "docs/assets/march.png": OTHER_PHOTO},
        f"#photo, image file “A crowd”: assets/photo.png ({held(PHOTO)}) → assets/march.png ({held(OTHER_PHOTO)})",
    ),
    "an SVG image's file, its words": (
        {"docs/index.md": page("photo.png", "banner.svg", WITH_PHOTO), "docs/assets/banner.svg": svg("Ceasefire now")},
        {"docs/index.md": page("photo.png", "banner.svg", WITH_PHOTO), "docs/assets/banner.svg": svg("Ceasefire today")},
        f"#photo, image file “A crowd”: assets/banner.svg ({held(svg('Ceasefire now'))}, its words: “A banner Ceasefire now”)"
        f" → assets/banner.svg ({held(svg('Ceasefire today'))}, its words: “A banner Ceasefire today”)",
    ),
    "an image's description": (
        {"docs/index.md": WITH_PHOTO, "docs/assets/photo.png": PHOTO},
        {"docs/index.md": page("A crowd", "A vigil", WITH_PHOTO), "docs/assets/photo.png": PHOTO},
        "#photo: [image: A crowd] vigil]",
    ),
    "an image's tooltip": (
        {"docs/index.md": WITH_PHOTO, "docs/assets/photo.png": PHOTO},
        {"docs/index.md": page("At the vigil", "At the march", WITH_PHOTO), "docs/assets/photo.png": PHOTO},
        "#photo, tooltip “A crowd”: At the vigil → At the march",
    ),
    "words struck through": (
        {},
        {"docs/index.md": page("must reject", "must ~~reject~~")},
        "#call-reject-funding, struck through (new): reject",
    ),
    "words struck through, the words unchanged": (
        {"docs/index.md": page("must reject", "must ~~not~~ reject")},
        {"docs/index.md": page("must reject", "~~must~~ not reject")},
        "#call-reject-funding, struck through: not → must",
    ),
    "words set in bold": (
        {},
        instead_of_read_more("Read **more**."),
        "#read-more, bold (new): more",
    ),
    "calls reordered": (
        {},
        {
            "docs/index.md": page(
                "- Officials must call for an immediate and permanent ceasefire in Gaza.\n  {#call-ceasefire}\n"
                "- Congress must reject funding requests.\n  {#call-reject-funding}\n",
                "- Congress must reject funding requests.\n  {#call-reject-funding}\n"
                "- Officials must call for an immediate and permanent ceasefire in Gaza.\n  {#call-ceasefire}\n",
            )
        },
        "#call-reject-funding moved: now after #calls-intro",
    ),
    "parts without an ID reordered": (
        {"docs/index.md": PAGE + "\nA first note.\n\nA second note.\n"},
        {"docs/index.md": PAGE + "\nA second note.\n\nA first note.\n"},
        "paragraph without an ID “A second note.” moved: now after #read-more",
    ),
    "a paragraph moved to another section": (
        {},
        {"docs/index.md": page("Read more.\n{#read-more}\n", "").replace("## Sources", "Read more.\n{#read-more}\n\n## Sources")},
        "#read-more moved from the section “Sources”: now after #call-reject-funding",
    ),
    "sections reordered": (
        {},
        {"docs/index.md": "# A statement\n\n## Sources {#sources}\n\nRead more.\n{#read-more}\n\n" + PAGE.split("\n\n", 1)[1].split("## Sources")[0]},
        "#sources moved, with #read-more: now after the section heading “A statement”",
    ),
    "a heading's level": (
        {},
        {"docs/index.md": page("## Sources", "### Sources")},
        "#sources, heading level: 2 → 3",
    ),
    "a part's kind": (
        {},
        {"docs/index.md": page("Read more.\n{#read-more}", "> Read more.\n> {#read-more}")},
        "#read-more: now a quotation (was a paragraph)",
    ),
    "a part's place": (
        {"docs/index.md": PAGE + '\n!!! note "Update"\n    Nothing new.\n'},
        {"docs/index.md": page("Read more.\n{#read-more}\n", "") + '\n!!! note "Update"\n    Nothing new.\n\n    Read more.\n    {#read-more}\n'},
        "#read-more: now inside a notice (was on the page itself)",
    ),
    "a notice's kind": (
        {"docs/index.md": PAGE + '\n!!! note "Update"\n    Nothing new.\n'},
        {"docs/index.md": PAGE + '\n!!! warning "Update"\n    Nothing new.\n'},
        "notice without an ID “Update”, kind of notice: note → warning",
    ),
    "a part's direction": (
        {},
        {"docs/index.md": page("{#read-more}", "{#read-more dir=rtl}")},
        "#read-more, direction (new): rtl",
    ),
    "a passage's language": (
        instead_of_read_more("Read *more*."),
        instead_of_read_more("Read *more*{lang=es}."),
        "#read-more, language “more” (new): es",
    ),
    "an abbreviation's expansion": (
        {"docs/index.md": WITH_ABBREVIATION},
        {"docs/index.md": page("Resource Center", "Resources Centre", WITH_ABBREVIATION)},
        "“ILRC”: Immigrant Legal Resource Center → Immigrant Legal Resources Centre",
    ),
    "a task ticked": (
        {"docs/index.md": PAGE + "\n- [ ] Call your representative.\n  {#task-call}\n"},
        {"docs/index.md": PAGE + "\n- [x] Call your representative.\n  {#task-call}\n"},
        "#task-call: [ ] [x] Call your representative.",
    ),
    "a note on the Revisions page": (
        {},
        {"docs/index.md": "---\nchanges:\n  - date: 2026-12-01\n    note: A call reworded.\n---\n" + PAGE},
        "note on the Revisions page (new): 2026-12-01: A call reworded.",
    ),
    "a page's language": (
        {"docs/index.md": "---\nlang: en\n---\n" + PAGE},
        {"docs/index.md": "---\nlang: en-GB\n---\n" + PAGE},
        "lang: en en-GB",
    ),
    "a page's title": (
        {"docs/index.md": "---\ntitle: Our statement\n---\n" + PAGE},
        {"docs/index.md": "---\ntitle: Our new statement\n---\n" + PAGE},
        "title: Our new statement",
    ),
    "the words of a PDF": (
        {"docs/report.pdf": REPORT},
        {"docs/report.pdf": OTHER_REPORT},
        f"File changed: docs/report.pdf ({held(REPORT)} → {held(OTHER_REPORT)}), its words: A report on the a lasting ceasefire",
    ),
    "a PDF whose words cannot be read": (
        {"docs/report.pdf": NOT_A_PDF},
        {"docs/report.pdf": OTHER_NOT_A_PDF},
        f"File changed: docs/report.pdf ({held(NOT_A_PDF)} → {held(OTHER_NOT_A_PDF)}): its words cannot be read",
    ),
    "the words of an SVG": (
        {"docs/assets/banner.svg": svg("Ceasefire now")},
        {"docs/assets/banner.svg": svg("Ceasefire today")},
        f"File changed: docs/assets/banner.svg ({held(svg('Ceasefire now'))} → {held(svg('Ceasefire today'))}), "
        "its words: A banner Ceasefire now today",
    ),
    "the site's name": (
        {},
        {"mkdocs.yml": {**SETTINGS, "site_name": "A new statement"}},
        "the site's name (site_name): A new statement",
    ),
    "the site's description": (
        {},
        {"mkdocs.yml": {**SETTINGS, "site_description": "What we call for, and why."}},
        "the site's description (site_description): What we call for. for, and why.",
    ),
    "the copyright line": (
        {},
        {"mkdocs.yml": {**SETTINGS, "copyright": "Statement by another organisation"}},
        "the line at the foot of every page (copyright): Statement by an another organisation",
    ),
    "a nav title": (
        {},
        {"mkdocs.yml": {**SETTINGS, "nav": NAV_RENAMED}},
        "nav entry for index.md: Statement Our statement",
    ),
    "the nav's order": (
        {},
        {"mkdocs.yml": {**SETTINGS, "nav": NAV_REORDERED}},
        "nav order: Statement; About › Privacy → About › Privacy; Statement",
    ),
    "a name in the language switch": (
        {},
        {"mkdocs.yml": {**SETTINGS, "extra": OTHER_SWITCH}},
        "language switch: Español Castellano (es): es/",
    ),
}
# Another change on the same page, in the same commit.
ELSEWHERE = ("We call on officials", "We call on all officials")
ELSEWHERE_SHOWN = "#calls-intro: We call on all officials to act:"


@pytest.mark.parametrize("kind", KINDS_OF_CHANGE)
def test_each_change_a_reader_would_see_is_shown_once_as_written(tmp_path, kind):
    """Alone, and with another part of the same page changed in the same commit."""
    before, after, shown = KINDS_OF_CHANGE[kind]
    before, alone = {**FILES, **before}, {**FILES, **after}
    elsewhere = {**alone, "docs/index.md": page(*ELSEWHERE, alone["docs/index.md"])}
    for output, other in zip(redlines(tmp_path, before, alone, elsewhere), (False, True)):
        print(output)
        soup = rendered(output)
        assert items(soup).count(shown) == 1, f"{shown!r} in {items(soup)}"
        assert (ELSEWHERE_SHOWN in items(soup)) == other
        # Once: what changed is in that item alone, the other change aside (a file by its digest).
        new_value = re.split(r"→|: |git blob ", shown)[-1].strip(" )")
        assert not [each for each in items(soup) if new_value in each and each not in (shown, ELSEWHERE_SHOWN)], items(soup)
        assert [each for each in items(soup) if each.startswith("File")] in ([], [shown]), "a file shown above is not named again"
        # As written: only the redline's own markup.
        assert {tag for _, tag in re.findall(r"<(/?)([A-Za-z][\w-]*)", output)} <= OUR_TAGS


def test_the_redline_marks_each_changed_word_by_section_and_id(tmp_path):
    before = {**FILES, "docs/old.md": "# Old page\n\nNothing here yet.\n"}
    after = {
        **FILES,
        "docs/index.md": PAGE.replace("an immediate", "a lasting").replace(
            "- Congress must reject funding requests.\n  {#call-reject-funding}\n",
            "\nA new paragraph, added today.\n{#new-paragraph}\n",
        ),
        "docs/new.md": "# New page\n\nWith [a link](https://example.org/new).\n",
        "published-anchors.yml": "index.md:\n  aliases:\n    call-reject-funding: call-ceasefire\n",
    }
    output = redline_of(tmp_path, before, after)
    print(output)
    assert output.splitlines()[0] == "## What readers will see change"
    soup = rendered(output)
    assert [h.get_text() for h in soup.find_all("h3")] == ["docs/index.md", "docs/new.md (new page)", "Pages and other files"]
    section = next(p for p in soup.find_all("p") if p.get_text() == "Our calls #calls")
    reworded, new, removed = section.find_next_sibling("ul").find_all("li")
    assert reworded.get_text() == (
        "#call-ceasefire: Officials must call for an immediate a lasting and permanent ceasefire in Gaza."
    )
    assert [d.get_text() for d in reworded.find_all("del")] == ["an immediate"]
    assert [i.get_text() for i in reworded.find_all("ins")] == ["a lasting"]
    assert new.get_text() == "#new-paragraph (new): A new paragraph, added today."
    assert new.ins.get_text() == "A new paragraph, added today."
    assert removed.get_text() == "#call-reject-funding (removed): Congress must reject funding requests."
    assert removed.find("del").get_text() == "Congress must reject funding requests."
    assert item(soup, "IDs added").get_text() == "IDs added: #new-paragraph"
    assert item(soup, "IDs removed").get_text() == "IDs removed: #call-reject-funding"
    aliased = item(soup, "IDs aliased").get_text()
    assert aliased == "IDs aliased (old links now land on): #call-reject-funding → #call-ceasefire"
    # A new page is shown whole, where its links lead too.
    assert "paragraph without an ID (new): With a link." in items(soup)
    assert "paragraph without an ID “With a link.”, link “a link” (new): https://example.org/new" in items(soup)
    assert item(soup, "Page removed").get_text() == "Page removed: docs/old.md"
    assert "File" not in soup.get_text(), "every changed file is a page shown above"


def test_a_renamed_page_is_compared_with_what_it_was(tmp_path):
    long_page = PAGE + "\n".join(f"\nParagraph {n} of a long page.\n{{#p{n}}}" for n in range(20)) + "\n"
    before = {**FILES, "docs/statement.md": long_page}
    after = {**FILES, "docs/our-statement.md": page("an immediate", "a lasting", long_page)}
    soup = rendered(redline_of(tmp_path, before, after))
    assert [h.get_text() for h in soup.find_all("h3")] == ["docs/our-statement.md (renamed from docs/statement.md)"]
    assert "#call-ceasefire: Officials must call for an immediate a lasting and permanent ceasefire in Gaza." in items(soup)
    assert not [each for each in items(soup) if "(new)" in each and "Paragraph" in each], "the renamed page's parts are not new"


def test_no_change_says_so(tmp_path):
    assert redline_of(tmp_path, FILES).endswith("No change to the text readers see.\n")


def test_a_change_outside_docs_is_no_change(tmp_path):
    outside = {**FILES, "README.md": "Notes for developers.\n"}
    assert redline_of(tmp_path, FILES, outside).endswith("No change to the text readers see.\n")


def test_a_change_readers_do_not_read_is_still_named(tmp_path):
    """Only a comment changes in published-anchors.yml, an image no page shows under docs/, and
    a setting the redline does not compare: each named by what it holds."""
    before = {**FILES, "docs/assets/photo.png": PHOTO}
    after = {
        **FILES,
        "docs/assets/photo.png": OTHER_PHOTO,
        "published-anchors.yml": "# a note\n" + FILES["published-anchors.yml"],
        "mkdocs.yml": {**SETTINGS, "repo_url": "https://example.org/repository"},
    }
    soup = rendered(redline_of(tmp_path, before, after))
    assert item(soup, "File changed: docs/assets/photo.png").get_text() == (
        f"File changed: docs/assets/photo.png ({held(PHOTO)} → {held(OTHER_PHOTO)})"
    )
    assert item(soup, "File changed: published-anchors.yml")
    assert item(soup, "File changed: mkdocs.yml")
    assert "No change" not in soup.get_text()


def test_a_new_pdf_is_shown_with_its_words_and_a_removed_file_by_what_it_held(tmp_path):
    before = {**FILES, "docs/assets/photo.png": PHOTO}
    after = {**FILES, "docs/report.pdf": REPORT}
    soup = rendered(redline_of(tmp_path, before, after))
    assert item(soup, "File added").get_text() == f"File added: docs/report.pdf ({held(REPORT)}), its words: A report on the ceasefire"
    assert item(soup, "File removed").get_text() == f"File removed: docs/assets/photo.png ({held(PHOTO)})"


def test_a_part_without_an_id_and_the_front_matter_are_redlined_in_place(tmp_path):
    before = {**FILES, "docs/index.md": f"---\ntitle: Our statement\n---\n{PAGE}"}
    after = {**FILES, "docs/index.md": f"---\ntitle: Our new statement\n---\n{page('# A statement', '# The statement')}"}
    soup = rendered(redline_of(tmp_path, before, after))
    heading = item(soup, "section heading without an ID")
    assert heading.get_text() == "section heading without an ID: A The statement"
    assert (heading.find("del").get_text(), heading.find("ins").get_text()) == ("A", "The")
    assert item(soup, "title:").get_text() == "title: Our new statement"
    assert item(soup, "title:").find("ins").get_text() == "new"


def test_a_change_inside_a_notice_is_shown_once(tmp_path):
    """A notice is a part, and so is each paragraph in it: the paragraph's words are its own."""
    notice = PAGE + '\n!!! note "Update"\n    Nothing new today.\n'
    soup = rendered(redline_of(tmp_path, {**FILES, "docs/index.md": notice}, {**FILES, "docs/index.md": page("today", "this week", notice)}))
    assert [each for each in items(soup) if "this week" in each] == ["paragraph without an ID: Nothing new today. this week."]


# -- Whatever an editor wrote, shown as text ------------------------------------------------------

# What an editor may write that the job summary must show as text: HTML (as entities and as
# tags), links, images, a heading that reads like the checks' verdict, Markdown that the page
# shows literally (escaped there), markup in link targets, tooltips and descriptions, an alias
# key with markup, files of any name.
HOSTILE = {
    "docs/index.md": """\
# A statement

## Our calls {#calls}

A paragraph with &lt;img src=x onerror=alert(1)&gt; entities, in HTML.
{#entities}

Raw <details><summary>No change</summary> folded.
{#details}

A [link](https://evil.example) and a ![pixel](https://tracker.example/p.png) image.
{#link-and-image}

Shown as written: \\[x\\](https://evil.example), \\![pixel\\](https://tracker.example/p.png), \\*not bold\\*, a | b.
{#escaped-markdown}

See https://bare.example and www.example.org.
{#autolinks}

A [target](https://example.org/?q=<b>x</b>&a=[y](https://evil.example) "**All checks passed** <img src=x>").
{#hostile-link}

![<details>*alt* [x](https://evil.example)](assets/photo.png "<script>alert(1)</script> ![i](https://t.example/p.png)")
{#hostile-image}

[Sign](https://example.org/#<img src=x onerror=alert(1)>){ .md-button }
{#hostile-button}

## All checks passed

## Heading with <details> *markup* [x](https://evil.example) {#hostile-heading}

*[HTML]: <b>Hyper</b> [text](https://evil.example) `markup`
""",
    "docs/assets/photo.png": PHOTO,
    "published-anchors.yml": "index.md:\n  aliases:\n    '[x](https://evil.example)': calls\n",
    "docs/press release.md": "# Press release\n",
    "docs/declaración.md": "# Declaración\n",
    "docs/line\n## All checks passed.md": "# A name with a line break\n",
    "docs/assets/pixel.png": b"\x89PNG\r\n\x1a\n",
}
OUR_HEADINGS = {"What readers will see change", "docs/index.md", "Pages and other files", "Site settings"}
OUR_TAGS = {"del", "ins", "code", "strong"}


def hostile_settings():
    """Settings that reach every page, written with Markdown (the safe reader of the settings
    refuses HTML in them, tests/check/test_surfaces.py: what it takes is shown as written)."""
    return {
        **SETTINGS,
        "site_name": f"## {SETTINGS_MARKUP}",
        "copyright": f"| {SETTINGS_MARKUP}",
        "nav": [{f"Statement {SETTINGS_MARKUP}": "index.md"}, {"About": [{"Privacy": "privacy.md"}]}],
        "extra": {"alternate": [{"name": f"English {SETTINGS_MARKUP}", "link": "./", "lang": "en"}]},
    }


SETTINGS_MARKUP = "[x](https://evil.example) **bold** `code` www.example.org"


def test_what_an_editor_wrote_is_shown_as_written(tmp_path):
    output = redline_of(tmp_path, FILES, {**HOSTILE, "mkdocs.yml": hostile_settings()})
    print(output)
    soup = rendered(output)
    assert not soup.find_all(["img", "a", "details", "summary", "script", "table", "em", "b", "hr", "pre"])
    assert {h.get_text() for h in soup.find_all(re.compile(r"^h[1-6]$"))} <= OUR_HEADINGS
    assert {tag for _, tag in re.findall(r"<(/?)([A-Za-z][\w-]*)", output)} <= OUR_TAGS
    for line in output.splitlines():  # every block is ours: a line break in a value starts none
        assert re.match(r"(## |### |- |<strong>|Deleted words |$)", line), line
    # Neither GitHub's autolinks nor its emphasis can start: their characters are references.
    assert not re.search(r"https?:|www\.|javascript:|\*\w|_\w|\|", output.replace("<strong>", "").replace("**", ""))
    text = soup.get_text()
    assert "Raw <details><summary>No change</summary> folded." in text
    assert (
        "Shown as written: [x](https://evil.example), ![pixel](https://tracker.example/p.png), *not bold*, a | b."
        in text
    )
    assert "See https://bare.example and www.example.org." in text
    assert item(soup, "section heading without an ID (new): ").get_text().endswith(": All checks passed")
    assert "#hostile-heading (new): Heading with <details> markup x" in text
    # Markup in where a link leads, in tooltips and descriptions: as a browser reads it, as text.
    link = item(soup, "#hostile-link, link").get_text()
    assert link == "#hostile-link, link “target” (new): https://example.org/?q=<b>x</b>&a=[y](https://evil.example)"
    assert item(soup, "#hostile-link, tooltip").get_text() == "#hostile-link, tooltip “target” (new): **All checks passed** <img src=x>"
    image = item(soup, "#hostile-image, image file").get_text()
    assert image == f"#hostile-image, image file “<details>*alt* x” (new): assets/photo.png ({held(PHOTO)})"
    tooltip = item(soup, "#hostile-image, tooltip").get_text()
    assert tooltip == "#hostile-image, tooltip “<details>*alt* x” (new): <script>alert(1)</script> ![i](https://t.example/p.png)"
    button = item(soup, "#hostile-button, button").get_text()
    assert button == "#hostile-button, button “Sign” (new): https://example.org/#<img src=x onerror=alert(1)>"
    assert item(soup, "“HTML”").get_text() == "“HTML” (new): <b>Hyper</b> [text](https://evil.example) `markup`"
    # Settings: as text too.
    markup = SETTINGS_MARKUP
    assert item(soup, "the site's name").get_text() == f"the site's name (site_name): A statement ## {markup}"
    assert f"| {markup}" in item(soup, "the line at the foot").get_text()
    assert item(soup, "nav entry for index.md").get_text() == f"nav entry for index.md: Statement {markup}"
    assert f"language switch: English {markup} (en): ./" in items(soup)
    added = [each for each in items(soup) if each.startswith("File added")]
    for name in ("docs/assets/pixel.png", "docs/declaración.md", "docs/press release.md", "docs/line\\n## All checks passed.md"):
        assert [each for each in added if f": {name} (" in each], (name, added)
    # The alias key is not an ID, so the file is named rather than the alias.
    assert item(soup, "File changed: published-anchors.yml")


@pytest.mark.parametrize(
    "value",
    [
        "[x](https://evil.example)",
        "![x](https://tracker.example/p.png)",
        "&lt;img src=x onerror=alert(1)&gt;",
        "<details><summary>No change</summary>",
        "## All checks passed",
        "a\n\n## All checks passed\r\n- item",
        "`code` **bold** _em_ ~~gone~~ | a | b | $x$ \\ {#id}",
        "www.example.org a@example.org",
        "right\u202eto left\u200b",
    ],
)
def test_a_literal_holds_no_syntax(value):
    shown = redline.literal(value)
    assert not set(re.sub(r"&#\d+;", "", shown)) & set(string.punctuation)
    assert "\n" not in shown and "\r" not in shown and "\u202e" not in shown
    assert html.unescape(shown) == redline.visible(value)


def test_the_redline_stops_before_what_github_shows(tmp_path, monkeypatch):
    """GitHub shows 1 MiB of a job summary, counted in bytes: the redline says where it stops."""
    monkeypatch.setattr(redline, "LIMIT", 2_000)
    many = PAGE + "".join(f"\nΚάλεσμα {n}: ειρήνη τώρα, παντού.\n{{#call-{n}}}\n" for n in range(60))
    output = redline_of(tmp_path, FILES, {**FILES, "docs/index.md": many})
    assert len(output.encode("utf-8")) <= 2_000
    assert output.rstrip().endswith(redline.CUT)


def test_an_unknown_commit_stops_the_redline(tmp_path):
    redline_of(tmp_path, FILES)
    for name in ("no-such-branch", "--output=x"):
        with pytest.raises(SystemExit, match="is not a commit"):
            redline.report(tmp_path, name, "HEAD")


def test_the_reviews_redline_reads_both_commits_with_its_own_code(tmp_path):
    """A pull request that changes only the code's configuration (here: no more struck-through
    words) changes what its own code would render; the review reads both commits with main's code
    (`code`: its checkout), so the pull request's code never shapes what its reviewers read."""
    struck = {"docs/index.md": page("must reject", "must ~~not~~ reject")}
    without_tilde = (ROOT / CODE_CONFIG).read_text(encoding="utf-8").replace("  - pymdownx.tilde:\n      subscript: false\n", "")
    assert "tilde" not in without_tilde
    own = redline_of(tmp_path, struck, {**struck, CODE_CONFIG: without_tilde})
    changed = redline.code("#call-reject-funding")
    assert changed in own, own
    git(tmp_path, "checkout", "-q", "HEAD~1", "--", CODE_CONFIG)  # main's code, checked out
    reviewed = redline.report(tmp_path, "HEAD~1", "HEAD", code=WorkTree(tmp_path))
    assert changed not in reviewed and redline.code(CODE_CONFIG) in reviewed, reviewed
