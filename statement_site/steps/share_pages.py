"""A share address for every part an editor gave an ID, with a preview card of its own.

Link-preview crawlers fetch an address without its fragment and run no JavaScript, so a link to
`…/#call-ceasefire` would show the page's card. Each shareable part (source.parts.Part.shareable) of a
page therefore gets a small page, `s/<id>/` (`s/<page>/<id>/` on pages other than the home
page), from overrides/share-page.html: its own Open Graph and Twitter card tags and image, a
<meta> refresh to the part (no script: it works with JavaScript off), and the part's text with a
plain link for a browser that does not follow it. An alias keeps its old address, which leads
where the alias points; so do a moved page's parts (published-anchors.yml, `moved:`). Share
pages say the language of the page their part is on, and its direction (`dir="rtl"` for Arabic,
Hebrew, Persian…); their titles and descriptions stop where that language breaks (a sentence's or
a clause's end in any script, "，" and "。" included), as wide as an English one.

The cards (1200x630 PNG, cards.py) are drawn from the part's own words; the file name carries a
hash of those words, so a reworded part gets an image address that no network has cached. Drawn
cards are kept in `.build-cache/cards/` beside mkdocs.yml, so a build draws only what changed.
"""

import dataclasses
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote

import regex

from .. import cards, limits
from ..problems import Problem
from ..source.files import share_path, site_address
from ..source.parts import KINDS
from ..source.text import CLAUSE_END, direction, line_breaks
from .templates import small_page_template, theme_config

TEMPLATE = "share-page.html"
STYLESHEET = "assets/stylesheets/share-page.css"
# In columns, as a terminal counts them: an ideograph, kana or Hangul takes two (Unicode's East
# Asian Width), so that a Chinese title is as short on a preview as an English one.
DESCRIPTION_LENGTH, TITLE_LENGTH, SENTENCE_LENGTH = 200, 100, 140
# A sentence ends at a sentence terminator of any script (. ! ? ؟ ۔ । ። 。 ！ ？, Unicode's
# Sentence_Terminal) and its closing quotes and brackets: before a space or the end (not after a
# lone capital, as in "U.S."), or anywhere for a wide one (。, which no space follows).
SENTENCE_END = regex.compile(
    r"(?<!\b\p{Lu})\p{Sentence_Terminal}+[\p{Pe}\p{Pf}\"']*(?=\s|$)|[\p{Sentence_Terminal}&&[\p{ea=W}\p{ea=F}]]+[\p{Pe}\p{Pf}]*",
    regex.V1,
)
# A clause ends at a comma, colon or semicolon of any script (, ، ; : Unicode's SContinue) before a
# space, at a wide one (， 、 ； ：) anywhere, or before a dash between spaces.
CLAUSE_BREAK = regex.compile(
    r"\s[–—-](?=\s)|[\p{Sentence_Break=SContinue}--[\-–—]](?=\s)|[\p{Sentence_Break=SContinue}&&[\p{ea=W}\p{ea=F}]]",
    regex.V1,
)


@dataclass(frozen=True)
class Share:
    path: str  # in the site: "s/call-ceasefire/"
    url: str  # absolute
    id: str
    kind: str  # what it is: "section", "call"… (source.parts.KINDS, `shared_as`)
    title: str  # og:title: a part's words (source.parts.Part.words), never a placeholder
    description: str  # og:description
    text: str  # what the fallback page shows
    heading: str  # the fallback page's heading: the section's, or the section a part is in
    card: dict  # what is drawn: the arguments of cards.draw()
    target: str  # the part in the site, from the site's root: "#call-ceasefire", "privacy/#x"
    statement: str  # the title of the page the part is on
    lang: str
    image: str = ""  # absolute
    image_path: str = ""  # in the site
    image_alt: str = ""
    canonical: "Share | None" = None  # for an alias: the share of the part it now leads to


def add_share_pages(site):
    source = site.source
    site_url = source.config.site_url
    shares, problems = [], list(site.problems)
    for page in source.pages.values():
        by_id = {}
        for n, part in enumerate(page.parts):
            if part.shareable and part.id and len(shares) + len(by_id) < limits.SHARE_PAGES:
                by_id[part.id] = share_of(page, n, source, site_url)
        # Once, on the first page whose cards this machine cannot draw whole (no FriBiDi).
        missing = next(filter(None, (cards.shaping_problem(share.card) for share in by_id.values())), None)
        if missing and not any(problem.message == missing for problem in problems):
            problems.append(Problem(page.file, 1, missing))
        for old, new in source.aliases_of(page.src).items():
            if new in by_id and old not in by_id:
                path = page.share_path(old)
                by_id[old] = dataclasses.replace(by_id[new], path=path, url=site_address(site_url, path), id=old, canonical=by_id[new])
        shares += by_id.values()
        # A page that moved keeps its parts' share addresses too (steps/redirects.py keeps the page's).
        for moved in (move.old for move in source.moves if source.moved_to(move.old) == page.src):
            for ident, share in by_id.items():
                path = share_path(moved, ident)
                shares.append(dataclasses.replace(share, path=path, url=site_address(site_url, path), canonical=share.canonical or share))
    originals = [share for share in shares if share.canonical is None]
    drawn = draw_cards([share.card for share in originals], source.cache("cards"))
    pages, added, finished = dict(site.pages), dict(site.added), {}
    for share in originals:
        key = cards.card_key(share.card)
        image_path = f"{share.path}card-{key[:12]}.png"
        added[image_path] = drawn[key]
        finished[share.path] = dataclasses.replace(
            share,
            image_path=image_path,
            image=site_address(site_url, image_path),
            image_alt=f"{share.title} From the statement “{share.statement}”, {cards.SOURCE}.",
        )
    template, config = small_page_template(source, TEMPLATE), theme_config(source)
    for share in shares:
        # An alias's page shows its new part's card and address, which is canonical.
        shown = finished[(share.canonical or share).path]
        pages[f"{share.path}index.html"] = template.render(
            share=shown,
            config=config,
            lang=share.lang,
            dir=direction(share.lang),
            site_lang=source.config.language,
            site_dir=direction(source.config.language),
            root="../" * share.path.count("/"),
            stylesheet=STYLESHEET,
        )
    return dataclasses.replace(site, pages=pages, added=added, problems=tuple(problems))


def draw_cards(specs, cache):
    """{card key: PNG} for every card; drawing and PNG compression release the GIL, so the cards
    are drawn side by side."""
    unique = {cards.card_key(spec): spec for spec in specs}
    with ThreadPoolExecutor() as pool:
        return dict(zip(unique, pool.map(lambda spec: cards.card_png(spec, cache), unique.values())))


def share_of(page, n, source, site_url):
    """The share page of page.parts[n]: its words, its card, its address."""
    part = page.parts[n]
    path = page.share_path(part.id)
    target = page.url + "#" + quote(part.id)
    statement = page.title
    lang = page.lang or source.config.language
    source_lines = (statement, cards.SOURCE)
    if part.kind == "heading":
        # A section: its heading, and the words under it, up to the next heading of its rank.
        body = []
        for later in page.parts[n + 1 :]:
            if later.kind == "heading" and later.level <= part.level:
                break
            if later.container is None and later.kind != "heading" and later.words:
                body.append(later.words)
        text = " ".join(body)
        title, description = part.words, shorten(text, DESCRIPTION_LENGTH, lang)
        card = {"kicker": "Statement", "main": part.words, "text": text, "source": source_lines, "lang": lang}
        heading = part.words
    else:
        text = part.words
        title, description = first_words(text, TITLE_LENGTH, lang), shorten(text, DESCRIPTION_LENGTH, lang)
        card = {"kicker": part.section or "Statement", "main": text, "text": "", "source": source_lines, "lang": lang}
        heading = part.section or statement
    return Share(
        path=path,
        url=site_address(site_url, path),
        id=part.id,
        kind=KINDS[part.kind].shared_as,
        title=title,
        description=description,
        text=text,
        heading=heading,
        card=card,
        target=target,
        statement=statement,
        lang=lang,
    )


def shorten(text, limit, lang="en"):
    """`text` cut where a line may break in `lang` (text.line_breaks: at a space, between two
    ideographs, not inside a hyphenated word) within `limit` columns, with an ellipsis when cut."""
    if within(text, limit) == text:
        return text
    kept, width, cut = "", 0, ""
    for piece in line_breaks(text, lang):
        if width + columns(piece.rstrip()) > limit:
            break
        kept += piece
        width += columns(piece)
        if not kept.endswith(("-", "\u2010")):
            cut = kept
    return CLAUSE_END.sub("", cut or within(text, limit)) + "…"


def first_words(text, limit, lang="en"):
    """A part's title: its first sentence if it is short enough to read as one, else its words up
    to the last clause break (comma, semicolon, colon, dash; "，" "、" "；" "：") within `limit`
    columns, else up to where a line may break."""
    end = SENTENCE_END.search(text)
    if end and columns(text[: end.end()]) <= SENTENCE_LENGTH:
        return text[: end.end()]
    head = within(text, limit)
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(head) if columns(head[: m.start()]) >= limit // 3]
    if breaks:
        return text[: breaks[-1]].rstrip() + "…"
    return shorten(text, limit, lang)


def columns(text):
    """How wide `text` reads: two columns for a wide or full-width character (an ideograph), one
    for any other (Unicode's East Asian Width)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def within(text, limit):
    """The longest beginning of `text` at most `limit` columns wide."""
    width = 0
    for n, char in enumerate(text):
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width > limit:
            return text[:n]
    return text
