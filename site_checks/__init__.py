"""What must hold whichever generator builds the site (MkDocs or Zensical): a post-build pass.

    python -m site_checks SITE_DIR [--docs DOCS_DIR]   # after `zensical build`, or any build
    hooks/site_checks.py                               # the same pass inside `mkdocs build/serve`

It checks the files under docs/ (sources.py: types, encoding, size, nesting, front matter), then
judges every page of the output folder with a browser-grade parser against one allowlist
(allowlist.py), and writes into each page the Content Security Policy that allows exactly the
site's own inline scripts and styles (csp.py). A refused page is deleted from the output folder
and the pass fails, naming the Markdown file and line (or the page and nearest ID), what was
found and what to write instead.

The contract with the rest of the site (what counts as the site's own inline script or style):
an inline <script> or <style> is trusted only if its exact text comes from
  (a) a template under overrides/ whose element body is static text (no Jinja inside it);
  (b) the theme's own templates (Material, Zensical; csp.THEME_TEMPLATES) or mkdocs-redirects'
      page, whose slots may only hold an address;
  (c) a registered producer: `site_checks.csp.inline_producer(kind)` decorates the one function
      that generates inline content at build time (say, critical CSS per page); the pass calls it
      again on each page to know the texts it produced. List its module in
      `site_checks.csp.PRODUCER_MODULES` so that the standalone pass imports it.
Everything else stops the build and, had it reached a page, the browser would block it.
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import allowlist, csp, links, sources

POLICY_META = '<meta http-equiv="Content-Security-Policy" content="{}">'


@dataclass
class Report:
    problems: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # pages removed from the output folder
    pages: int = 0


def check_site(site_dir, docs_dir=None, project_root=None, site_url="", check_sources=True):
    """Check docs/ and the output folder, write each page's policy; refused pages are deleted.
    Messages name the Markdown file under `docs_dir` a page was built from; `check_sources=False`
    when docs/ was checked already (hooks/content_guard.py, before MkDocs read it)."""
    site_dir = Path(site_dir)
    root = Path(project_root) if project_root else Path.cwd()
    report = Report()
    if docs_dir is not None and check_sources:
        problems = sources.check_docs(docs_dir, root)
        report.problems += problems
        # After a generator that does not run the checks first (Zensical), what a refused file became.
        for name in dict.fromkeys(problem.split(":", 1)[0] for problem in problems):
            report.refused += outputs_of(Path(docs_dir), root / name, site_dir)
    allowlist.SITE_URL[0] = site_url
    trusted = csp.Trusted(root)
    for path in sorted(site_dir.rglob("*.svg")):
        problems = sources.svg_problems(path.read_bytes())
        if problems:
            report.problems += [f"{path.relative_to(site_dir).as_posix()}:{line}: {p}" for line, p in problems]
            report.refused.append(path)
    for path in sorted(site_dir.rglob("*.html")):
        report.pages += 1
        relative = path.relative_to(site_dir).as_posix()
        problems = check_page(path, relative, site_dir, trusted, docs_dir, root)
        if problems:
            report.problems += problems
            report.refused.append(path)
    report.refused = list(dict.fromkeys(report.refused))
    for path in report.refused:
        path.unlink(missing_ok=True)
    return report


def check_page(path, relative, site_dir, trusted, docs_dir, root):
    """Problems of one built page; when there are none, the page gets its policy."""
    data = path.read_bytes()
    text, problem = sources.decode(data)
    if problem:
        return [f"{relative}:{problem[0]}: {problem[1]}"]
    page = csp.Page(site_dir, relative, text)
    tree, errors = allowlist.parse(text)
    refusals, inline = allowlist.check_document(tree, lambda kind, body: trusted.is_trusted(kind, body, page))
    refusals += allowlist.misparsed(text, errors)
    if refusals:
        source = source_of(relative, docs_dir)
        return [where(refusal, relative, source, root) for refusal in refusals]
    meta = POLICY_META.format(csp.policy(inline))
    linked = links.with_external_rel(text, urlsplit(allowlist.SITE_URL[0]).netloc)
    if meta in text:  # written by an earlier run of this pass
        if linked != text:
            path.write_text(linked, encoding="utf-8")
        return []
    existing = [m for m in tree.iter("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    if existing:
        return [f"{relative}:1: a Content Security Policy other than the site's own: remove it from the template"]
    lower = linked.lower()
    charset = lower.find("<meta charset")
    anchor = lower.find(">", charset) + 1 if charset >= 0 else lower.find(">", lower.find("<head")) + 1
    if anchor <= 0 or lower.find("<head") < 0 and charset < 0:
        return [f"{relative}:1: the page has no <head> to carry its Content Security Policy"]
    path.write_text(linked[:anchor] + meta + linked[anchor:], encoding="utf-8")
    return []


def outputs_of(docs_dir, source, site_dir):
    """The files of the output folder built or copied from a file of docs/."""
    try:
        relative = source.resolve().relative_to(docs_dir.resolve()).as_posix()
    except ValueError:
        return []
    if not relative.endswith(".md"):
        return [site_dir / relative] if (site_dir / relative).is_file() else []
    stem = relative.removesuffix(".md")
    stem = stem.removesuffix("index").removesuffix("README").rstrip("/")
    candidates = [f"{stem}/index.html", f"{stem}.html"] if stem else ["index.html"]
    return [site_dir / c for c in candidates if (site_dir / c).is_file()]


def source_of(relative, docs_dir):
    """The Markdown file a page was built from (directory URLs or not), if it exists."""
    if docs_dir is None:
        return None
    docs_dir = Path(docs_dir)
    stem = relative.removesuffix(".html").removesuffix("/index").removesuffix("index")
    candidates = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md", "README.md"]
    return next((docs_dir / c for c in candidates if (docs_dir / c).is_file()), None)


def where(refusal, relative, source, root):
    """`docs/page.md:LINE: …(site/page, after #id)` at the nearest line, else the page and its nearest ID."""
    near = f"#{refusal.near}" if refusal.near else "the top of the page"
    if source is None:
        return f"site/{relative}: {refusal.message()} (after {near})"
    line = source_line(source.read_text(encoding="utf-8", errors="replace"), refusal)
    region = "" if refusal.region == "content" else "in the theme's markup, "
    return f"{sources.relative(source, root)}:{line}: {refusal.message()} ({region}site/{relative}, after {near})"


def source_line(source, refusal):
    """The line of the Markdown source nearest to a refusal: the first line holding what was found,
    after the line that gives the nearest ID; else that ID's line; else 1."""
    lower = source.lower()
    start = 0
    if refusal.near and refusal.region == "content":
        for marker in (f"#{refusal.near}", f'id="{refusal.near}"', f"id='{refusal.near}'", f"id={refusal.near}"):
            found = lower.find(marker.lower())
            if found >= 0:
                start = lower.rfind("\n", 0, found) + 1
                break
    needle = refusal.needle.lower()
    found = lower.find(needle, start) if needle else -1
    if found < 0 and needle:
        found = lower.find(needle)
    if found < 0 and needle.endswith("="):  # attr_list and bare attributes: `{: hidden }`
        found = lower.find(needle[:-1], start)
    position = found if found >= 0 else start
    return source.count("\n", 0, position) + 1
