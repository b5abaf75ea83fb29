"""The verdict: every page of the output folder, as a browser reads it, against the allowlist
(allowlist.py); every SVG against what a drawing may hold (svg.py). A refused page or
image is taken out of the site and the pipeline fails, naming the Markdown file and line (or the
page and the nearest ID), what was found and why.

The inline scripts and styles a page may hold are the site's own (steps/policy.py): those of the
templates, and those an earlier step made for that page. The ones found are handed on to the
policy step, which hashes exactly them."""

import dataclasses

from .. import allowlist
from ..problems import Problem
from ..svg import svg_problems
from .origins import at_origin
from .policy import Templates


def judge_pages(site):
    templates = Templates(site.source.root)
    site_url = site.source.config.site_url
    problems, refused, inline = list(site.problems), set(site.refused), {}
    for origin, why in templates.refused:
        problems.append(Problem(origin, 1, why))
    for path in sorted(p for p in site.paths() if p.lower().endswith(".svg")):
        found = svg_problems(site.read(path))
        if found:
            problems += [Problem(f"site/{path}", line, why) for line, why in found]
            refused.add(path)
    for path, html in site.pages.items():
        produced = site.produced.get(path, set())

        def is_trusted(kind, text, produced=produced):
            return (kind, text) in produced or templates.is_trusted(kind, text)

        refusals, found = allowlist.judge(html, is_trusted, site_url)
        if refusals:
            page = site.source.page_by_dest.get(path)
            problems += [p for p in (where(refusal, path, page, site.source.root) for refusal in refusals) if p not in problems]
            refused.add(path)
        else:
            inline[path] = found
    pages = {path: html for path, html in site.pages.items() if path not in refused}
    return dataclasses.replace(site, pages=pages, inline=inline, problems=tuple(problems), refused=frozenset(refused))


def where(refusal, path, page, root):
    """A Problem at the nearest line of the Markdown (`docs/page.md:LINE: … (site/page, after #id)`);
    in the theme's markup, on the line of mkdocs.yml or of the template that holds what was
    found (once for every page); else on the built page, after its nearest ID."""
    near = f"#{refusal.near}" if refusal.near else "the top of the page"
    fallback = Problem(f"site/{path}", 1, f"{refusal.message()} (after {near})")
    if refusal.region == "theme":
        # An address as the theme prints it: relative to the page, or under the site's path.
        texts = [refusal.needle, refusal.needle.lstrip("./").rsplit("../", 1)[-1]]
        origin = at_origin(root, [t for t in texts if len(t) > 3], f"{refusal.message()} (in the theme's markup of every page that shows it)", None)
        if origin is not None:
            return origin
    if page is None:
        return fallback
    region = "" if refusal.region == "content" else "in the theme's markup, "
    return Problem(page.file, source_line(page, refusal), f"{refusal.message()} ({region}site/{path}, after {near})")


def source_line(page, refusal):
    """The line of the Markdown nearest to a refusal: the first holding what was found, after the
    part with the nearest ID; else that part's line; else 1."""
    lines = page.markdown.lower().split("\n")
    start = 0
    if refusal.near and refusal.region == "content" and refusal.near in page.ids:
        start = page.ids[refusal.near].line - 1
    needle = refusal.needle.lower()
    for begin in (start, 0):
        for index in range(begin, len(lines)):
            if needle and needle in lines[index]:
                return index + 1
    return start + 1

