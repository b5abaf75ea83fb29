"""A page in another language says so, for screen readers, browsers' translation and hyphenation.

An editor writes `lang: es` in the page's front matter (CONTRIBUTING.md, "A page in another
language"); the page's <html lang> then carries it. The theme's labels stay in the site's
language (`theme.language`)."""

import re
from html import escape

HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")', re.IGNORECASE)


def on_post_page(output, page, config):
    lang = page.meta.get("lang")
    if not isinstance(lang, str) or not lang:
        return output
    return HTML_LANG.sub(lambda m: f"{m.group(1)}{escape(lang)}{m.group(2)}", output, count=1)
