"""A page in another language says so, for screen readers, browsers' translation and hyphenation;
one in a language written right to left (Arabic, Hebrew, Persian, Urdu…) says its direction too.

An editor writes `lang: fa` in the page's front matter (CONTRIBUTING.md, "A page in another
language"); its `<html lang>` then carries it, whichever generator built it. Which languages are
written right to left is the data of Unicode and CLDR (source.text.direction: the script the
language is written in, and that script's direction), not a list kept here. Such
a page gets `dir="rtl"` on `<html>` and on `<body>`, where Material and Zensical put the site's
direction (`theme.direction`, else the theme language's): the theme's own `[dir=rtl]` rules then
mirror the layout (the navigation on the right, text from the right), and the critical CSS keeps
them for that page (purge.py keeps an attribute selector some element of the page satisfies).
A page in a left-to-right language of a right-to-left site gets `dir="ltr"` back. The theme's
labels stay in the site's language (`theme.language`)."""

import dataclasses
import re
from html import escape

from ..source.text import direction

HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")', re.IGNORECASE)
HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
DIR = re.compile(r'\s+dir="[^"]*"', re.IGNORECASE)
BODY_DIR = re.compile(r'(<body\b[^>]*?\bdir=")[^"]*(")', re.IGNORECASE)


def mark_languages(site):
    pages = dict(site.pages)
    site_language = site.source.config.language
    for page in site.source.pages.values():
        if page.dest in pages and (page.lang or direction(site_language) == "rtl"):
            pages[page.dest] = with_lang(pages[page.dest], page.lang or site_language)
    return dataclasses.replace(site, pages=pages)


def with_lang(html, lang):
    """The page in `lang`, and in its direction: `dir` on <html> for a right-to-left language
    (left to right is every page's own), and on <body>, where the themes put it."""
    html = HTML_LANG.sub(lambda m: f"{m.group(1)}{escape(lang)}{m.group(2)}", html, count=1)
    written = ' dir="rtl"' if direction(lang) == "rtl" else ""
    html = HTML_TAG.sub(lambda m: DIR.sub("", m.group(0)[:-1]) + written + ">", html, count=1)
    return BODY_DIR.sub(lambda m: f"{m.group(1)}{direction(lang)}{m.group(2)}", html, count=1)
