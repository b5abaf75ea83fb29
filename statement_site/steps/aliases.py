"""Old links land where their part went: each alias of published-anchors.yml (`old-id: new-id`
under its page) becomes an empty `<span class="anchor-alias" id="old-id">` at the start of the
part whose ID is `new-id`, with or without JavaScript.

From the model (`Source.aliases`, read once a build), over each built page, under both generators
alike: the Markdown extensions that render a page read no file. An alias whose part is not on
the page, or whose old ID the page still has, is the checks' to refuse (checks.py); here it adds
nothing."""

import dataclasses
import html

from ..markup import Markup, with_edits

# Elements that hold nothing: the span goes just before one.
VOID = {"img", "hr", "br", "input"}


def keep_old_ids(site):
    pages = dict(site.pages)
    for page in site.source.pages.values():
        aliases = site.source.aliases_of(page.src)
        if aliases and page.dest in pages:
            pages[page.dest] = with_aliases(pages[page.dest], aliases)
    return dataclasses.replace(site, pages=pages)


def with_aliases(text, aliases):
    """`text` with a span for each old ID (`{old: new}`) at the start of the element whose ID is new."""
    at = {}
    for start, raw, tag, attributes in Markup(text).tags:
        ident = dict(attributes).get("id")
        if ident:
            at.setdefault(ident, start if tag in VOID else start + len(raw))
    spans = [(at[new], at[new], f'<span class="anchor-alias" id="{html.escape(old)}"></span>') for old, new in aliases.items() if new in at and old not in at]
    return with_edits(text, spans)
