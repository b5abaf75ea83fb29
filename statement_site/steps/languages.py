"""A page in another language says so, for screen readers, browsers' translation and hyphenation.

An editor writes `lang: es` in the page's front matter (CONTRIBUTING.md, "A page in another
language"); its `<html lang>` then carries it, whichever generator built it. The theme's labels
stay in the site's language (`theme.language`)."""

import dataclasses
import re
from html import escape

HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")', re.IGNORECASE)


def mark_languages(site):
    pages = dict(site.pages)
    for page in site.source.pages.values():
        if page.lang and page.dest in pages:
            pages[page.dest] = with_lang(pages[page.dest], page.lang)
    return dataclasses.replace(site, pages=pages)


def with_lang(html, lang):
    return HTML_LANG.sub(lambda m: f"{m.group(1)}{escape(lang)}{m.group(2)}", html, count=1)
