"""Any language and script, built: a page in a right-to-left language says its direction on the
page and on its share pages, with the theme's mirrored rules in its critical CSS; every card of
a page in Arabic, Hebrew, Persian, Hindi, Chinese, Japanese or Korean is drawn from its own
words (not the picture without them); share titles break where the language breaks, as short as
an English one; and a joiner a word's spelling needs is text, refused where it only hides.

One copy of the project with a page in each language (tests/languages.py, its own file names),
built with MkDocs; Zensical builds the ordinary edits' translations (tests/check/test_generators.py).
"""

import re

import pytest
from bs4 import BeautifulSoup
from languages import SAMPLES, ZWNJ, add_page_in, built_in_every_script
from PIL import Image, ImageChops
from project import built_page, copy_project

from statement_site import cards, checks
from statement_site.source.project import Source
from statement_site.source.settings import settings_problems
from statement_site.source.text import direction
from statement_site.steps import share_pages

RIGHT_TO_LEFT = {lang for lang in SAMPLES if direction(lang) == "rtl"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(model, site folder, {lang: page}) of a copy with a page in each language, built."""
    return built_in_every_script(tmp_path_factory.mktemp("scripts"))


def meta_of(html):
    return {m.get("property") or m.get("name"): m.get("content") for m in html.find_all("meta")}


def image_at(site, source, url):
    with Image.open(site / url.removeprefix(source.config.site_url)) as image:
        return image.convert("RGB")


def test_a_language_runs_right_to_left_when_its_script_does():
    """The script the tag names, else the one CLDR's data gives its language."""
    assert RIGHT_TO_LEFT == {"ar", "he", "fa"}
    assert {direction(tag) for tag in ("ur", "ps", "ckb", "yi", "fa-AF", "ar-EG", "pa-Arab", "ku-Arab", "dv", "syr")} == {"rtl"}
    assert {direction(tag) for tag in ("en", "zh-Hant-TW", "hi", "xx-unknown", "pa", "ku", "ar-Latn", "")} == {"ltr"}


def test_a_page_and_its_share_pages_say_their_language_and_direction(built):
    source, site, pages = built
    for lang, page in pages.items():
        wanted = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
        html = built_page(site / page.dest)
        assert html.html["lang"] == lang and html.html.get("dir", "ltr") == wanted, (page.file, html.html.attrs)
        assert html.body["dir"] == wanted, (page.file, html.body.attrs)
        shared = [part for part in page.parts if part.shareable]
        assert len(shared) == 3, page.file
        for part in shared:
            share = built_page(site / page.share_path(part.id) / "index.html")
            assert share.html["lang"] == lang and share.html.get("dir", "ltr") == wanted, (page.share_path(part.id), share.html.attrs)
            # The link's words are the site's language, and say so.
            link = share.find("a", href=re.compile(re.escape(part.id))).parent
            assert (link.get("lang"), link.get("dir")) == ("en", "ltr"), link
    home = built_page(site / "index.html")
    assert "dir" not in home.html.attrs and home.body["dir"] == "ltr"


def test_the_theme_mirrors_a_right_to_left_page(built):
    """Material's `[dir=rtl]` rules are in the critical CSS of a right-to-left page (the drawer,
    the sidebars' margins), and only there."""
    source, site, pages = built
    for lang, page in pages.items():
        css = "".join(style.get_text() for style in built_page(site / page.dest).find_all("style"))
        assert ("[dir=rtl]" in css) == (lang in RIGHT_TO_LEFT), page.file
    assert "[dir=rtl]" not in "".join(style.get_text() for style in built_page(site / "index.html").find_all("style"))


def test_every_card_is_drawn_from_its_own_words(built):
    """Each part's card and the page's own: not the picture without its words (the page's title
    standing in), ink where the words go, and a card of its own for each."""
    source, site, pages = built
    for lang, page in pages.items():
        seen = []
        for part in (p for p in page.parts if p.shareable):
            html = built_page(site / page.share_path(part.id) / "index.html")
            card = image_at(site, source, meta_of(html)["og:image"])
            spec = share_pages.share_of(page, page.parts.index(part), source, source.config.site_url).card
            assert spec["lang"] == lang and cards.shown(spec["main"]), (page.file, part.id)
            without = cards.draw(spec["kicker"], "", spec["text"], spec["source"], lang=lang)
            assert ImageChops.difference(card, without).getbbox(), f"{page.file} #{part.id}: the card is drawn without its words"
            assert ink(card, cards.MAIN_TOP, cards.MAIN_BOTTOM) > 2000, f"{page.file} #{part.id}: no words where the main words go"
            seen.append(card.tobytes())
        preview = image_at(site, source, meta_of(built_page(site / page.dest))["og:image"])
        assert ink(preview, cards.MAIN_TOP, cards.MAIN_BOTTOM) > 2000, page.file
        assert len(set(seen + [preview.tobytes()])) == len(seen) + 1, f"{page.file}: two cards are the same picture"


def ink(image, top, bottom):
    """How many pixels between `top` and `bottom` are in the main words' colour."""
    colours = image.crop((0, top, cards.SIZE[0], bottom)).getcolors(cards.SIZE[0] * cards.SIZE[1])
    return sum(count for count, colour in colours if colour == (255, 255, 255))


def test_share_titles_break_where_the_language_breaks(built):
    """A share title is a sentence, or words up to a clause's end (，、；： in Chinese and
    Japanese), never wider than an English title: an ideograph takes two columns."""
    source, site, pages = built
    for lang, page in pages.items():
        part = next(p for p in page.parts if p.kind == "paragraph" and p.shareable)
        title = meta_of(built_page(site / page.share_path(part.id) / "index.html"))["og:title"]
        assert part.words.startswith(title.removesuffix("…")), (page.file, title)
        assert share_pages.columns(title) <= share_pages.SENTENCE_LENGTH, (page.file, title)
        if lang in ("zh", "ja"):
            assert len(title) < len(part.words) // 2, f"{page.file}: a title as long as the paragraph ({len(title)} characters)"
            follows = part.words[len(title.removesuffix("…"))]
            assert follows in "，、；：。", f"{page.file}: the title {title!r} ends inside a clause"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (SAMPLES["zh"].paragraph, "zh"),
        (SAMPLES["ja"].paragraph, "ja"),
        ("立即实现永久停火" * 20, "zh"),  # no punctuation at all: cut between characters
        ("We call for a permanent ceasefire, " * 8, "en"),
    ],
    ids=["chinese", "japanese", "chinese-unpunctuated", "english"],
)
def test_titles_and_descriptions_are_cut_at_a_break_within_their_width(text, lang):
    for limit in (share_pages.TITLE_LENGTH, share_pages.DESCRIPTION_LENGTH):
        for cut in (share_pages.first_words(text, limit, lang), share_pages.shorten(text, limit, lang)):
            assert text.startswith(cut.removesuffix("…")), cut
            assert share_pages.columns(cut.removesuffix("…")) <= max(limit, share_pages.SENTENCE_LENGTH), cut
            if cut.endswith("…"):
                # At a clause's end, its mark gives way to the ellipsis; never before a full stop
                # or a closing bracket, which would be left to start the rest.
                follows = text[len(cut) - 1]
                assert follows not in "。！？」）", f"{cut!r} is cut before {follows!r}"


def test_a_joiner_of_a_words_spelling_is_text_and_refused_where_it_hides(tmp_path):
    """Persian's non-joiner and Devanagari's joiner are accepted in text and front matter (the
    copy's pages hold them); in an ID, in an address, or between Latin letters, one message
    names the character."""
    project = copy_project(tmp_path / "project")
    src = add_page_in(project, "fa", "test-joiners", "test-joiners")
    path = project / "docs" / src
    text = path.read_text(encoding="utf-8").replace("---\nlang: fa\n", f"---\nlang: fa\ndescription: خواسته{ZWNJ}های ما\n")
    text += f"\nما آتش{ZWNJ}بس می{ZWNJ}خواهیم.\n{{#test-cease{ZWNJ}fire}}\n"
    text += f"\n[آتش{ZWNJ}بس](https://example.org/آتش{ZWNJ}بس)\n{{#test-link}}\n"
    text += f"\nA cease{ZWNJ}fire now.\n{{#test-latin}}\n"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    problems = [p for p in checks.check(Source.read(project)) if p.file == f"docs/{src}"]
    where = {p.line: p.message for p in problems}
    assert len(where) == len(problems) == 3, "\n".join(map(str, problems))
    for message in where.values():
        assert "U+200C (ZERO WIDTH NON-JOINER)" in message, message
    assert "the ID 'test-cease\\u200cfire'" in where[next(n for n, line in enumerate(lines, 1) if "{#test-cease" in line)]
    assert "in an address" in where[next(n for n, line in enumerate(lines, 1) if "example.org" in line)]
    assert "is not allowed" in where[next(n for n, line in enumerate(lines, 1) if line.startswith("A cease"))]


def test_a_page_in_another_script_that_does_not_say_its_language_is_told_which(tmp_path):
    """Without `lang:`, a page in Arabic would be read with an English voice and laid out left
    to right: one message on its first line, suggesting the script's likely language."""
    project = copy_project(tmp_path / "project")
    srcs = {lang: add_page_in(project, lang, f"test-unsaid-{lang}", f"test-unsaid-{lang}") for lang in SAMPLES}
    for src in srcs.values():
        path = project / "docs" / src
        path.write_text(re.sub(r"lang: [a-z]+\n", "", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    problems = checks.check(Source.read(project))
    for lang, src in srcs.items():
        said = [p for p in problems if p.file == f"docs/{src}"]
        assert len(said) == 1 and said[0].line == 1 and "does not say its language" in said[0].message, said
        if lang != "fa":  # Persian is written in the Arabic script, whose likely language is Arabic
            assert f"'lang: {lang}'" in said[0].message, said[0]
        assert ("laid out left to right" in said[0].message) == (lang in RIGHT_TO_LEFT), said[0]


def test_a_page_takes_its_languages_direction_whatever_the_sites_is():
    """As the themes write a page (`<body dir>` the site's direction): a right-to-left page of a
    left-to-right site, and a left-to-right page of a right-to-left site, each get their own."""
    from statement_site.steps.languages import with_lang

    theme = '<!doctype html><html lang="{lang}" class="no-js"><head></head><body dir="{dir}" data-md-color-scheme="default">'
    for site, page, wanted in (("en", "fa", "rtl"), ("ar", "en", "ltr"), ("he", "yi", "rtl"), ("en", "zh", "ltr")):
        html = BeautifulSoup(with_lang(theme.format(lang=site, dir=direction(site)), page), "html.parser")
        assert (html.html["lang"], html.html.get("dir", "ltr"), html.body["dir"]) == (page, wanted, wanted), (site, page)


def test_a_joiner_of_a_words_spelling_is_text_in_the_sites_settings_as_in_front_matter(tmp_path):
    """The site's name in Persian keeps its non-joiner, as a page's title does (text.hidden_in_value
    for both); one between Latin letters is named, on its line."""
    project = copy_project(tmp_path / "project")
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    name = next(line for line in text.split("\n") if line.startswith("site_name:"))
    settings.write_text(text.replace(name, f"site_name: آتش{ZWNJ}بس"), encoding="utf-8")
    assert settings_problems(project) == []
    settings.write_text(text.replace(name, f"site_name: Cease{ZWNJ}fire"), encoding="utf-8")
    (problem,) = settings_problems(project)
    assert problem.file == "mkdocs.yml" and text.split("\n").index(name) + 1 == problem.line and "U+200C" in problem.message
