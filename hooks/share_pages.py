"""A share address for every section, call and paragraph, with a preview card of its own.

Link-preview crawlers fetch a page without its fragment and run no JavaScript, so a link to
`…/#call-ceasefire` would show the page's card. Each part with an ID on a page listed in
published-anchors.yml therefore gets a small page, `s/<id>/` (`s/<page>/<id>/` for other pages
than the home page), built from overrides/share-page.html: its own Open Graph and Twitter card
tags and image, a <meta> refresh to the part in the statement (no script: it works with
JavaScript off), and the part's text with a plain link for a browser that does not follow it.
An alias (a renamed or removed ID) keeps its address, which leads where the alias points.

The card images (1200x630 PNG) are drawn here by scripts/social_card.py, from the part's own
words; their file name carries a hash of those words, so a reworded part gets a new image
address that no network has cached. The share controls copy these addresses: this hook gives
each permalink that has one a `data-share-url` (docs/javascripts/share.js).

Runs before hooks/csp.py, whose on_post_build gives these pages their Content Security Policy."""

import hashlib
import importlib.util
import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import yaml

log = logging.getLogger("mkdocs.hooks.share_pages")

PUBLISHED_FILE = "published-anchors.yml"
DRAWING = "scripts/social_card.py"
TEMPLATE = "share-page.html"
STYLESHEET = "stylesheets/share-page.css"
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}  # sections; the H1 is the page, with the page's card
SHAREABLE = HEADINGS | {"p", "li"}
KIND = {"p": "paragraph", "li": "call"}
DESCRIPTION_LENGTH, TITLE_LENGTH, SENTENCE_LENGTH = 200, 100, 140
ADDRESSABLE_ID = re.compile(r"[\w-][\w.-]*")  # one safe path segment
SHARE_LINK = re.compile(r'<a\b(?=[^>]*\bclass="[^"]*\bshare-link\b)[^>]*\bhref="#([^"]+)"[^>]*>')
# A sentence ends at . ! or ? (not after a lone capital, as in "U.S."); a clause at , ; : or a dash.
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][”’\"')]*(?=\s|$)")
CLAUSE_BREAK = re.compile(r"[,;:]?\s[–—-]?(?=\s)|[,;:](?=\s)")

published = {}  # page source path -> {"anchors": [id], "aliases": {old: new}}
shares = []  # the share pages of this build: Share
state = {"env": None, "drawing": None, "drawn": {}}


@dataclass
class Share:
    path: str  # in the site: "s/call-ceasefire/"
    url: str  # absolute
    id: str
    kind: str  # "section", "call", "paragraph"
    title: str  # og:title
    description: str  # og:description
    text: str  # what the fallback page shows
    card: dict  # what is drawn: kicker, main, text, source
    target: str  # the part in the statement, from the site's root: "#call-ceasefire"
    statement: str
    image: str = ""  # absolute; set when drawn
    image_path: str = ""  # in the site
    canonical: "Share" = None  # for an alias: the share it stands for
    image_alt: str = field(default="")


def on_config(config):
    published.clear()
    root = Path(config.config_file_path).parent
    try:
        listing = yaml.safe_load((root / PUBLISHED_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        listing = {}  # hooks/anchors.py reports it, with the line
    for page, entries in listing.items() if isinstance(listing, dict) else ():
        entries = entries if isinstance(entries, dict) else {}
        published[page] = {"anchors": list(entries.get("anchors") or []), "aliases": dict(entries.get("aliases") or {})}
    spec = importlib.util.spec_from_file_location("social_card", root / DRAWING)
    state["drawing"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(state["drawing"])
    # The drawing code is part of what a card is made of: a change to it gives new file names.
    state["drawing_version"] = hashlib.sha256((root / DRAWING).read_bytes()).hexdigest()


def on_env(env, config, files):
    state["env"] = env
    return env


def on_pre_build(config):
    shares.clear()


def on_page_content(html, page, config, files):
    listing = published.get(page.file.src_uri)
    if listing is None:
        return html
    blocks = Blocks.parse(html)
    statement = next((b.text for b in blocks if b.tag == "h1"), page.title)
    folder = PurePosixPath("s", PurePosixPath(page.file.dest_uri).parent)
    page_href = page.url
    by_id = {}
    for n, block in enumerate(blocks):
        if not block.id or not (block.tag in SHAREABLE or block.id in listing["anchors"]):
            continue
        if not ADDRESSABLE_ID.fullmatch(block.id):
            # Generated IDs (footnotes' `fn:1`) keep their fragment link; a published one must not.
            if block.id not in listing["anchors"]:
                continue
            source = page.file.content_string
            at = source.find(f"#{block.id}")
            line = f":{source.count(chr(10), 0, at) + 1}" if at >= 0 else ""
            log.warning(
                f"docs/{page.file.src_uri}{line}: the ID '{block.id}' cannot be part of a share address: "
                "use only letters, digits and hyphens"
            )
            continue
        by_id[block.id] = share_of(blocks, n, statement, folder, page_href, config.site_url)
    for old, new in listing["aliases"].items():
        if new in by_id and old not in by_id and ADDRESSABLE_ID.fullmatch(str(old)):
            target = by_id[new]
            path = f"{folder / str(old)}/".removeprefix("./")
            url = (config.site_url or "/") + quote(path)
            alias = Share(**{**target.__dict__, "path": path, "url": url, "id": old, "canonical": target})
            by_id[old] = alias
    shares.extend(by_id.values())
    return SHARE_LINK.sub(lambda m: with_share_url(m, by_id), html)


def with_share_url(match, by_id):
    share = by_id.get(unescape(match.group(1)))
    if not share:
        return match.group(0)
    return f'<a data-share-url="{escape(share.url)}"{match.group(0)[2:]}'


def share_of(blocks, n, statement, folder, page_href, site_url):
    """The share page of blocks[n]: its words, its card, its address."""
    block = blocks[n]
    path = f"{folder / block.id}/".removeprefix("./")
    target = page_href + "#" + quote(block.id)
    source = (statement, state["drawing"].SOURCE)
    if block.tag in HEADINGS:
        # A section: its heading, and the words under it, up to the next heading of its rank.
        level = int(block.tag[1])
        body = []
        for later in blocks[n + 1 :]:
            if later.tag in HEADINGS and int(later.tag[1]) <= level:
                break
            if not later.nested and later.tag not in HEADINGS:
                body.append(later.text)
        text = " ".join(body)
        kind, title, description = "section", block.text, shorten(text, DESCRIPTION_LENGTH)
        card = {"kicker": "Statement", "main": title, "text": text, "source": source}
    else:
        heading = next((b.text for b in reversed(blocks[:n]) if b.tag in HEADINGS), None)
        kind, text = KIND.get(block.tag, "part"), block.text
        title, description = first_words(text, TITLE_LENGTH), shorten(text, DESCRIPTION_LENGTH)
        card = {"kicker": heading or "Statement", "main": text, "text": "", "source": source}
    return Share(
        path=path,
        url=(site_url or "/") + quote(path),
        id=block.id,
        kind=kind,
        title=title,
        description=description,
        text=text,
        card=card,
        target=target,
        statement=statement,
    )


def on_post_build(config):
    site = Path(config.site_dir)
    originals = [share for share in shares if share.canonical is None]
    keys = {id(share): card_key(share.card) for share in originals}
    missing = {keys[id(s)]: s.card for s in originals if keys[id(s)] not in state["drawn"]}
    # Drawing and PNG compression release the GIL: the cards are drawn side by side.
    with ThreadPoolExecutor() as pool:
        for key, png in zip(missing, pool.map(draw_png, missing.values())):
            state["drawn"][key] = png
    state["drawn"] = {key: state["drawn"][key] for key in keys.values()}  # forget reworded cards
    for share in originals:
        share.image_path = f"{share.path}card-{keys[id(share)][:12]}.png"
        share.image = (config.site_url or "/") + quote(share.image_path)
        share.image_alt = f"{share.title} From the statement “{share.statement}”, {state['drawing'].SOURCE}."
        (site / share.image_path).parent.mkdir(parents=True, exist_ok=True)
        (site / share.image_path).write_bytes(state["drawn"][keys[id(share)]])
    template = state["env"].get_template(TEMPLATE)
    for share in shares:
        html = template.render(
            share=share.canonical or share,
            config=config,
            lang=config.theme.get("language", "en"),
            root="../" * share.path.count("/"),  # the site's root, from the share page
            stylesheet=STYLESHEET,
        )
        (site / share.path).mkdir(parents=True, exist_ok=True)
        (site / share.path / "index.html").write_text(html, encoding="utf-8")


def card_key(card):
    words = json.dumps(card, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{state['drawing_version']}\n{words}".encode()).hexdigest()


def draw_png(card):
    buffer = BytesIO()
    # The fastest compression: a third less time for each card, 15% more bytes (about 85 KB).
    state["drawing"].draw(**card).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def shorten(text, limit):
    """`text` cut at the last word boundary within `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"


def first_words(text, limit):
    """A part's title: its first sentence if it is short enough to read as one, else its words up
    to the last clause break (comma, semicolon, colon, dash) within `limit` characters, else up
    to a word boundary."""
    end = SENTENCE_END.search(text)
    if end and end.end() <= SENTENCE_LENGTH:
        return text[: end.end()]
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text[:limit]) if m.start() >= limit // 3]
    if breaks:
        return text[: breaks[-1]].rstrip() + "…"
    return shorten(text, limit)


@dataclass
class Block:
    tag: str
    id: str | None
    nested: bool  # inside another block (a paragraph in a list item)
    words: list = field(default_factory=list)

    @property
    def text(self):
        # Ordinary white space folds; the statement's non-breaking spaces stay.
        return re.sub(r"[ \t\r\n]+", " ", "".join(self.words)).strip(" ")


class Blocks(HTMLParser):
    """The headings, paragraphs and list items of a page's content, in order, with the words a
    reader sees in each (permalink signs left out)."""

    VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}

    @classmethod
    def parse(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.blocks

    def __init__(self):
        super().__init__()
        self.blocks, self.open = [], []  # open: [(tag, Block or None, hides its text)]

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        block = None
        if (tag in SHAREABLE or tag == "h1") and "anchor-alias" not in classes:
            block = Block(tag, attrs.get("id"), nested=any(b for _, b, _ in self.open))
            self.blocks.append(block)
        elif attrs.get("id") and "anchor-alias" not in classes:
            block = Block(tag, attrs["id"], nested=True)  # published IDs on other elements
            self.blocks.append(block)
        self.open.append((tag, block, "headerlink" in classes))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(hidden for _, _, hidden in self.open):
            return
        for _, block, _ in self.open:
            if block:
                block.words.append(data)
