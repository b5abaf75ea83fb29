"""The first response paints the page: the CSS a page uses, purged at build time from the
stylesheets it links (Material's two and extra.css, steps/purge.py), is inlined in its <head>;
the full stylesheets are linked in a <noscript>, for readers without JavaScript. With JavaScript,
what the theme's scripts add once they run (a table's scroll wrapper, a tooltip: classes that
their code names and the page does not have yet) is styled by a small stylesheet of those rules
alone, loaded after paint with the scripts (overrides/partials/javascripts/bundle.html).

Each page's result is kept in `.build-cache/critical-css/`, named by a digest of all it depends on (the
page, every stylesheet and script of the site, this code and the purge's): a build purges only
the pages that changed, and loads the purge's libraries only then. The step hands each page's
inlined CSS on to the policy (`Site.produced`): it is trusted because this step made it from the
site's own stylesheets, never because it is in the page. A stylesheet the page links that is not
in the output folder stops the build: a Material update that moves them must not ship unstyled
pages.
"""

import dataclasses
import hashlib
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..problems import Problem
from ..source.files import CONFIG_FILE, SHARE_FOLDER, write_whole
from .origins import written_in

STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)"[^>]*>\n?')
HEAD_END = re.compile(r"</head>", re.IGNORECASE)
AFTER_PAINT = re.compile(r'<template id="theme-scripts">(.*?)</template>', re.DOTALL)
SCRIPT = re.compile(r'<script src="([^"]+)"')


def inline_critical_css(site):
    """Each page with its critical CSS inlined; the stylesheet of what the scripts add, beside
    the theme's; the inlined texts handed on as the site's own."""
    pages, added, produced, problems = dict(site.pages), dict(site.added), dict(site.produced), list(site.problems)
    site_url = site.source.config.site_url
    shared = []  # what the pages purged in this build have in common (purge.Once), once one is
    cache = site.source.cache("critical-css")
    inputs = what_pages_are_purged_against(site)

    for path, html in site.pages.items():
        if path.startswith(f"{SHARE_FOLDER}/"):
            continue  # a share page links its one small stylesheet, which it needs whole

        def read(href, path=path):
            target = site_path(href, path, site_url)
            if not site.exists(target):
                missing = Problem(
                    f"site/{path}",
                    1,
                    f"the file {target}, which the page links, is not in the output folder",
                    "a theme update may have moved it: check the theme's base.html `styles` and `scripts` "
                    "blocks and statement_site/steps/critical_css.py",
                )
                raise MissingStylesheet(missing_where_written(site.source.root, target, missing))
            return site.read(target).decode("utf-8")

        def write(href, text, path=path):
            added[site_path(href, path, site_url)] = text.encode("utf-8")

        try:
            pages[path], style = cached(cache, inputs + html, lambda writer, html=html, read=read: inlined(html, read, writer, shared), write)
        except MissingStylesheet as error:
            if error.args[0] not in problems:  # once, where it is written, not once a page
                problems.append(error.args[0])
            continue
        if style is not None:
            produced[path] = {*produced.get(path, ()), ("style", style)}
    return dataclasses.replace(site, pages=pages, added=added, produced=produced, problems=tuple(problems))


def what_pages_are_purged_against(site):
    """A digest of everything but the page that its critical CSS depends on: this code, and every
    stylesheet and script of the site (a page may link any of them)."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(__file__).with_name("purge.py").read_bytes())
    for path in sorted(p for p in site.paths() if p.endswith((".css", ".js"))):
        digest.update(f"\0{path}\0".encode())
        digest.update(site.read(path))
    return digest.hexdigest()


def cached(cache, key, purge_page, write):
    """`purge_page(write)`'s (page, its CSS), and the files it writes, kept in `cache` under the
    digest of `key` (everything they depend on): a build purges only the pages that changed."""
    path = cache / f"{hashlib.sha256(key.encode()).hexdigest()}.json"
    if path.is_file():
        kept = json.loads(path.read_text(encoding="utf-8"))
        for href, text in kept["written"].items():
            write(href, text)
        return kept["page"], kept["style"]
    written = {}

    def remembering(href, text):
        written[href] = text
        write(href, text)

    page, style = purge_page(remembering)
    write_whole(path, json.dumps({"page": page, "style": style, "written": written}).encode("utf-8"))
    return page, style


class MissingStylesheet(Exception):
    pass


def missing_where_written(root, target, missing):
    """A missing file, on the line that links it: mkdocs.yml's (put the file there, or remove
    the line), a template's (the theme may have moved it), else the page that links it."""
    found = written_in(root, target)
    if found is None:
        return missing
    if found[0] == CONFIG_FILE:
        return Problem(*found, f"the file {target}, which the pages link, is not a file of the site", "put it under docs/, or remove this line")
    return dataclasses.replace(missing, file=found[0], line=found[1])


def site_path(href, page_url, site_url):
    """Where a stylesheet linked by the page at `page_url` lives in the site."""
    split = urlsplit(href)
    if split.netloc:
        raise MissingStylesheet(Problem(f"site/{page_url}", 1, f"the stylesheet {href} is on another host", "the site serves its own CSS"))  # the verdict names its line
    if split.path.startswith("/"):  # 404.html links absolutely, under the site's path on its host
        root = urlsplit(site_url or "/").path
        return split.path[len(root) :] if split.path.startswith(root) else split.path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), split.path)).lstrip("/")


def inlined(html, read, write=None, shared=None):
    """(the page with its critical CSS inlined and its stylesheets deferred, that CSS); `read(href)` gives
    the text of a stylesheet or script the page links. Only the theme's stylesheets, in the
    <head> and on the site, are inlined: anything else is left where it is, for the allowlist to
    judge. `write(href, text)`, when given, saves the stylesheet of what the scripts add after
    paint, beside the theme's, named by its content; its link goes in with those scripts.
    `shared`: a list holding what the pages of a build have in common (`purge.Once`), or empty."""
    end = HEAD_END.search(html)
    if not end:
        return html, None
    head, body = html[: end.start()], html[end.start() :]
    links = [href for href in STYLESHEET.findall(head) if not urlsplit(href).netloc]
    if not links:
        return html, None
    from . import purge  # its libraries are loaded only when a page must be purged

    shared = [] if shared is None else shared
    if not shared:
        shared.append(purge.Once())
    once = shared[0]
    stylesheets = [read(href) for href in links]
    soup = purge.BeautifulSoup(html, "html.parser")
    classes = purge.page_classes(soup)  # of the page as it is: `runtime_css`
    css = purge.purge(purge.without_inlining(soup), stylesheets, once)
    head = STYLESHEET.sub(lambda m: "" if m.group(1) in links else m.group(0), head)
    deferred = "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
    after_paint = AFTER_PAINT.search(body)
    if after_paint and write:
        scripts = [read(src) for src in SCRIPT.findall(after_paint.group(1)) if not urlsplit(src).netloc]
        runtime = purge.runtime_rules(classes, stylesheets, scripts, once)
        if runtime:
            name = f"runtime-{hashlib.sha256(runtime.encode()).hexdigest()[:12]}.css"
            href = posixpath.join(posixpath.dirname(links[0]), name)
            write(href, runtime)
            start = after_paint.start(1)
            body = f'{body[:start]}<link rel="stylesheet" href="{href}">{body[start:]}'
    return f'{head}<style>{css}</style>\n<noscript id="stylesheets">{deferred}</noscript>\n{body}', css
