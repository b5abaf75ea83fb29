"""The purge (statement_site/steps/purge.py) keeps every state of what a page has and
what it cannot read, leaves to after paint what the theme's scripts add, and keeps exactly what
asking soupsieve about the whole page keeps: its fast path (selectors compiled once for all the
pages, asked only of the elements that have what they name) changes nothing.

Self-contained: it needs only statement_site, its dependencies and the installed Material theme.

    .venv/bin/python -m pytest tests/check/test_critical_css.py -q -p no:cacheprovider
"""

import importlib.util
from pathlib import Path

import pytest
import tinycss2
from bs4 import BeautifulSoup

from statement_site.steps import purge
from statement_site.steps.purge import VAR, Once, PageSelectors, animations, declarations_kept


def test_the_purge_keeps_every_state_and_what_it_cannot_read():
    page = '<body data-md-color-scheme="default"><input data-md-color-scheme="slate"><a class="x">a</a></body>'
    css = (
        ".x:hover{color:red}"  # a state: kept
        "[data-md-color-scheme=slate] .x{color:blue}"  # the other palette: kept
        ".x::after{content:''}"  # a pseudo-element: kept
        ".admonition{color:green}"  # nothing on the page: dropped
        "[dir=rtl] .x{margin:0}"  # an attribute no element has: dropped
        ".x:unknown-state(1){color:pink}"  # unreadable: kept
        "@media print{.x{display:none}.y{display:none}}"
    )
    kept = purge.critical_css(page, [css])
    for wanted in [".x:hover", "[data-md-color-scheme=slate] .x", ".x::after", ":unknown-state", "@media print{.x"]:
        assert wanted in kept, f"{wanted} was purged: {kept}"
    for unwanted in [".admonition", "[dir=rtl]", ".y{"]:
        assert unwanted not in kept, f"{unwanted} was kept: {kept}"


def test_the_purge_leaves_what_scripts_add_to_the_stylesheet_after_paint():
    page = '<body><div class="md-typeset"><table></table></div></body>'
    css = (
        ".md-typeset__scrollwrap{overflow-x:auto}"  # the bundle wraps tables in it: after paint
        ".md-typeset table{display:block}"  # on the page: inlined, not repeated after paint
        ".md-search-result{color:red}"  # no script names it: neither
    )
    scripts = ['e.className="md-typeset__scrollwrap";document.querySelector(".md-typeset")']
    runtime = purge.runtime_css(page, [css], scripts)
    assert runtime == ".md-typeset__scrollwrap{overflow-x:auto}", runtime


# --- The fast path against soupsieve over the whole page ---------------------------------

# What the index of a page's elements must get right as soupsieve does: names in capitals, a
# <template>'s contents (on the page, but never selected), siblings, the root's parent, IDs,
# attribute values in every form, and selectors soupsieve cannot read.
PAGE = """<!doctype html>
<HTML lang="en" data-md-color-scheme="default"><head><title>t</title><style>.gone{}</style>
<link rel="stylesheet" href="x.css"><noscript id="stylesheets"><link rel="stylesheet" href="y.css"></noscript></head>
<BODY dir="ltr" data-md-color-primary="indigo">
<input class="md-toggle" type="CHECKBOX" id="__drawer" data-md-toggle="drawer">
<input data-md-color-scheme="slate" data-md-color-primary="indigo" type="radio" name="__palette">
<header class="md-header md-header--shadow" data-md-component="header"><nav class="md-header__inner md-grid">
<label class="md-header__button md-icon" for="__drawer"><svg viewBox="0 0 24 24"><path d="M3"></path></svg></label>
<div class="md-header__title"><span class="md-ellipsis">Title</span></div></nav></header>
<div class="md-container"><main class="md-main"><div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
<h1 id="title">Title<a class="headerlink" href="#title">#</a></h1>
<p>Text with <a href="https://example.org" rel="noopener noreferrer">a link</a> and <code>code</code>.</p>
<h2 id="second">Second</h2><ul><li>one</li><li class="task-list-item">two</li></ul>
<div class="admonition note"><p class="admonition-title">Note</p><p>Text.</p></div>
<details class="tip" open><summary>More</summary><p>Hidden.</p></details>
<table><thead><tr><th>Year</th></tr></thead><tbody><tr><td>2023</td></tr></tbody></table>
<blockquote><p>Quoted.</p></blockquote>
<p><a class="md-button" href="https://example.org/sign">Sign</a><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>
<div class="footnote"><hr><ol><li id="fn:1"><p>source<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>
<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset"></div></div>
</article></div></main>
<footer class="md-footer"><div class="md-footer-meta md-typeset"><div class="md-copyright">c</div></div></footer></div>
<template id="theme-scripts"><div class="in-template md-typeset__scrollwrap"><p class="md-tooltip">t</p></div>
<script src="bundle.js"></script></template>
</BODY></HTML>"""

SELECTORS = """
* ; html ; body ; :root ; html>body ; *>html ; :is(*) html ; body>html ; head+body ; title~body
.md-header ; .md-header--shadow ; .md-header.md-header--shadow ; .md-header.md-main ; .md-dialog--active
.md-dialog--active .md-dialog__inner ; .md-typeset .md-dialog--active ; .md-nav__link--active
#title ; h1#title ; #__drawer ; #missing ; h2#title ; [id=title] ; [id=fn\\:1] ; #fn\\:1
h2+ul ; h2+p ; h1~ul ; ul~h1 ; h1+p ; p+h1 ; li+li ; .task-list-item+li ; li~.task-list-item
.md-typeset h1 ; .md-typeset>h1 ; .md-content>h1 ; .md-content h1 ; article h1 ; main>article ; main article p
.md-typeset :is(p, li)>a ; .md-typeset :is(h1, h2) .headerlink ; :is(.admonition, details) p ; :where(ul) li
.md-typeset :has(>.headerlink) ; .md-typeset :has(.missing) ; li:not(.task-list-item) ; :not(.md-typeset) a
[type=checkbox] ; [type=checkbox s] ; [type=radio] ; [data-md-toggle=drawer] ; [data-md-toggle=search]
[data-md-color-primary=indigo] .md-header ; [data-md-color-primary=red] .md-header ; [data-md-color-scheme=slate]
[dir=rtl] .md-typeset li ; [dir=ltr] .md-typeset li ; [dir] li ; [href^=https] ; [href$=sign] ; [href*=example]
[rel~=noopener] ; [rel~=other] ; [lang|=en] ; [LANG=EN i] ; [data-md-component=dialog] .md-dialog__inner
.in-template ; template .in-template ; .md-tooltip ; template ; template+* ; #theme-scripts ; body>template
.md-typeset__scrollwrap ; .md-typeset table:not([class]) ; .md-typeset table th ; td ; tbody td ; svg path
svg|path ; *|path ; |path ; .md-icon svg ; label[for=__drawer] svg ; .md-header:unknown-state(1) ; :-webkit-any(.md-header)
.md-header:hover ; .md-button:focus-visible ; .md-toggle:checked~.md-container ; #__drawer:checked~.md-container .md-main
a::after ; .md-typeset a:hover code ; .footnote-backref:target ; :scope .md-header ; & .md-header ; .md-ellipsis
.a\\:b ; .md-header\\  ; .gone ; noscript link ; link ; style ; head title ; HEAD>TITLE ; BODY INPUT
[data-none!=x] .md-header ; [class!=md-header] ; :is(.md-header, .missing)~.md-container ; :is(.missing, #none) p
"""


@pytest.fixture
def soupsieve_over_the_page(monkeypatch):
    """The purge as it was: `select_one` over the whole page for every selector, the kept
    stylesheet parsed whole."""

    def selects(page, selector):
        try:
            return page.soup.select_one(selector) is not None
        except Exception:  # noqa: BLE001 - unreadable: kept
            return True

    def without_unused_properties(kept, page_html, once):
        css = "".join(kept)
        rules = tuple(purge.declarations(tinycss2.parse_stylesheet(css, True, True)))
        page_uses = set(VAR.findall(page_html)) | animations(page_html)
        while True:
            smaller = "".join(declarations_kept(rules, set(VAR.findall(css)) | animations(css) | page_uses))
            if smaller == css:
                return css
            css = smaller

    def purge_whole(soup, stylesheets):
        with monkeypatch.context() as patch:
            patch.setattr(PageSelectors, "selects", selects)
            patch.setattr(purge, "without_unused_properties", without_unused_properties)
            return purge.purge(soup, stylesheets, Once())

    return purge_whole


def purged_both_ways(page, stylesheets, soupsieve_over_the_page):
    fast = purge.critical_css(page, stylesheets)
    whole = soupsieve_over_the_page(purge.without_inlining(BeautifulSoup(page, "html.parser")), stylesheets)
    return fast, whole


def test_the_fast_path_keeps_what_soupsieve_over_the_whole_page_keeps(soupsieve_over_the_page):
    selectors = [s.strip() for line in SELECTORS.strip().splitlines() for s in line.split(" ; ")]
    css = "".join(f"{selector}{{--n{i}:{i};color:var(--n{i})}}" for i, selector in enumerate(selectors))
    css += "@media screen{" + css + "}@keyframes spin{to{opacity:0}}.md-header{animation:spin 1s}"
    fast, whole = purged_both_ways(PAGE, [css], soupsieve_over_the_page)
    assert fast == whole
    # Both ways keep some and drop some: the comparison compares something.
    assert ".md-header.md-header--shadow{" in fast and "h2+p{" not in fast and "[dir=rtl] .md-typeset li" not in fast


def test_the_fast_selection_answers_as_select_one_over_the_whole_page():
    """Selectors as they are, not widened (`:not()`, `:scope`, `&`, `!=` among them)."""
    soup = BeautifulSoup(PAGE, "html.parser")
    page = PageSelectors(soup, Once())
    for selector in [s.strip() for line in SELECTORS.strip().splitlines() for s in line.split(" ; ")]:
        try:
            expected = soup.select_one(selector) is not None
        except Exception:  # noqa: BLE001 - unreadable: kept
            expected = True
        assert page.selects(selector) == expected, selector


def material_stylesheets():
    spec = importlib.util.find_spec("material")
    folder = Path(spec.origin).parent / "templates" / "assets" / "stylesheets" if spec and spec.origin else None
    found = sorted(folder.glob("*.min.css")) if folder and folder.is_dir() else []
    if not found:
        pytest.skip("the Material theme is not installed")
    return [path.read_text(encoding="utf-8") for path in found]


def test_the_fast_path_keeps_what_soupsieve_keeps_of_materials_stylesheets(soupsieve_over_the_page):
    stylesheets = material_stylesheets()
    fast, whole = purged_both_ways(PAGE, stylesheets, soupsieve_over_the_page)
    assert fast == whole
    assert ".md-typeset .admonition" in fast and ".md-search-result" not in fast


def test_what_pages_share_leaves_each_page_its_own_answers():
    """One `Once` for the pages of a build: a page purged after another keeps what it keeps alone."""
    stylesheets = material_stylesheets()
    other = PAGE.replace('class="admonition note"', 'class="tabbed-set"').replace("table>", "div>")
    scripts = ['"md-typeset__scrollwrap";"md-tooltip";"md-dialog--active";"md-typeset__table"']
    once, kept = Once(), []
    for page in [PAGE, other, PAGE]:
        alone = purge.critical_css(page, stylesheets), purge.runtime_css(page, stylesheets, scripts)
        shared = (
            purge.critical_css(page, stylesheets, once),
            purge.runtime_css(page, stylesheets, scripts, once),
        )
        assert shared == alone
        kept.append(shared)
    assert kept[0] != kept[1], "the two pages should keep different rules"
