"""Hardening: bad input never ships, and the published pages run only the scripts they are meant to.

An edit that adds active or hidden content, or that breaks a link, an anchor, an image, the front
matter, an ID or the nav, stops `mkdocs build --strict` with a message naming file and line. Every
built page carries a Content Security Policy that allows exactly its own inline scripts: the
reader's browser reports no violation while the site is used, and blocks a script injected into
a published page or altered after the build."""

import base64
import hashlib
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import add_redirect, build_copy, copy_project, serve

# -- Bad input stops the build ------------------------------------------------------------


def append(project, page, markdown):
    """Add `markdown` at the end of a page of the copy, as an editor would; the line it starts on."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(text + markdown + "\n", encoding="utf-8")
    return text.count("\n") + 1


def fails_with(project, message):
    code, output = build_copy(project)
    assert code != 0, f"the build published this bad input:\n{output}"
    assert message in output, f"expected {message!r} in:\n{output}"


UNSAFE = {
    "script": ("<script>alert(1)</script>", "raw <script> is not allowed"),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "raw <iframe> is not allowed"),
    "object": ('<object data="movie.swf"></object>', "raw <object> is not allowed"),
    "embed": ('<embed src="movie.swf">', "raw <embed> is not allowed"),
    "form": ('<form action="https://example.org/"><input name="email"></form>', "raw <form> is not allowed"),
    "event-handler": (
        'Read <span onmouseover="alert(1)">this</span>.',
        "the inline event handler onmouseover= is not allowed",
    ),
    "event-handler-in-attr-list": (
        'A paragraph.\n{: onclick="alert(1)" }',
        "the inline event handler onclick= is not allowed",
    ),
    "javascript-markdown-link": (
        "[Donate](javascript:alert(1))",
        "a javascript: URL in a Markdown link or image is not allowed",
    ),
    "javascript-href": ('<a href="JavaScript:alert(1)">Donate</a>', "a javascript: URL in href= is not allowed"),
    "data-image": (
        "![logo](data:image/png;base64,iVBORw0KGgo=)",
        "a data: URL in a Markdown link or image is not allowed",
    ),
    "data-src": ('<img alt="" src="data:image/png;base64,iVBORw0KGgo=">', "a data: URL in src= is not allowed"),
    "style-element": ("<style>.md-typeset p { display: none }</style>", "raw <style> is not allowed"),
    "style-attribute": ('<span style="display:none">A hidden sentence.</span>', "a style attribute is not allowed"),
}


@pytest.mark.parametrize("markdown, problem", UNSAFE.values(), ids=UNSAFE)
def test_unsafe_markdown_stops_the_build(tmp_path, markdown, problem):
    project = copy_project(tmp_path)
    line = append(project, "privacy.md", markdown) + markdown.count("\n")
    fails_with(project, f"docs/privacy.md:{line}: {problem}")


def test_harmless_raw_html_and_code_still_build(tmp_path):
    project = copy_project(tmp_path)
    append(
        project,
        "privacy.md",
        'The <abbr title="Immigrant Legal Resource Center">ILRC</abbr> says:<br>\n'
        'a footnote<sup>1</sup>, and the code `<script>` or `<a onclick="">` shown as text.\n\n'
        '```html\n<iframe src="https://example.org/"></iframe>\n```',
    )
    code, output = build_copy(project)
    assert code == 0, output
    built = (project / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Immigrant Legal Resource Center">ILRC</abbr>' in built
    assert "<sup>1</sup>" in built and "<code>&lt;script&gt;</code>" in built


# MkDocs finds these itself; hooks/page_checks.py adds the line to edit.
BROKEN_LINKS = {
    "a page that does not exist": (
        "See [the statement](statement.md).",
        "Doc file 'privacy.md' contains a link 'statement.md', but the target is not found among documentation files.",
    ),
    "an anchor missing on another page": (
        "See [the calls](index.md#nope).",
        "Doc file 'privacy.md' contains a link 'index.md#nope', but the doc 'index.md' does not contain an anchor '#nope'.",
    ),
    "an anchor missing on the same page": (
        "See [above](#nope).",
        "Doc file 'privacy.md' contains a link '#nope', but there is no such anchor on this page.",
    ),
    "a missing image": (
        "![The ILRC logo](assets/ilrc-logo.png)",
        "Doc file 'privacy.md' contains a link 'assets/ilrc-logo.png', "
        "but the target is not found among documentation files.",
    ),
}


@pytest.mark.parametrize("markdown, message", BROKEN_LINKS.values(), ids=BROKEN_LINKS)
def test_broken_link(tmp_path, markdown, message):
    project = copy_project(tmp_path)
    line = append(project, "privacy.md", markdown)
    fails_with(project, f"docs/privacy.md:{line}: {message}")


def test_duplicate_id(tmp_path):
    project = copy_project(tmp_path)
    line = append(project, "privacy.md", "## Contact {#contact}\n\nWrite to us.\n{#contact}")
    fails_with(
        project,
        f"docs/privacy.md:{line + 3}: the ID 'contact' is already used at line {line}: "
        "each part of a page needs its own ID",
    )


def break_front_matter(project, bad_line):
    """Replace the first line inside the front matter of privacy.md."""
    path = project / "docs" / "privacy.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---", "privacy.md has no front matter to break"
    lines[1] = bad_line
    path.write_text("\n".join(lines), encoding="utf-8")


def test_front_matter_that_is_not_yaml(tmp_path):
    """MkDocs alone would publish the broken front matter as text, silently."""
    project = copy_project(tmp_path)
    break_front_matter(project, 'description: "What this site does not do')
    fails_with(
        project,
        "ERROR   -  docs/privacy.md:2: the front matter is not valid YAML "
        "(while scanning a quoted scalar; found unexpected end of stream), so it would show on the page",
    )


def test_front_matter_never_closed(tmp_path):
    project = copy_project(tmp_path)
    path = project / "docs" / "privacy.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\A(---\n.*?\n)---\n", r"\1", text, flags=re.DOTALL), encoding="utf-8")
    fails_with(project, "docs/privacy.md:1: the front matter opened here is never closed: end it with a line '---'")


def test_page_missing_from_nav(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "draft.md").write_text("# A draft\n\nNot linked from the nav.\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav_line = config[: re.search(r"^nav:", config, re.MULTILINE).start()].count("\n") + 1
    fails_with(
        project,
        f'mkdocs.yml:{nav_line}: The following pages exist in the docs directory, but are not included in the "nav" '
        "configuration:\n  - draft.md",
    )


# -- Every page carries a policy that allows exactly its own scripts ----------------------

EXECUTED_TYPES = {"", "module", "text/javascript", "application/javascript"}


def built_pages(site_dir):
    return sorted(site_dir.rglob("*.html"))


def parse_policy(content):
    directives = (part.split() for part in content.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def policy_of(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta and parse_policy(meta["content"])


def inline_script_hashes(soup):
    """Hashed here with BeautifulSoup, independently of hooks/csp.py."""
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256((script.string or "").encode()).digest()).decode() + "'"
        for script in soup.find_all("script")
        if not script.has_attr("src") and script.get("type", "").lower() in EXECUTED_TYPES
    }


def test_every_page_allows_exactly_its_inline_scripts(site_dir):
    for path in built_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = policy_of(soup)
        assert policy, f"{path.relative_to(site_dir)} has no Content-Security-Policy"
        hashes = {source for source in policy["script-src"] if source.startswith("'sha")}
        assert hashes == inline_script_hashes(soup), f"{path.relative_to(site_dir)}: policy and scripts differ"


def test_every_policy_is_strict_and_comes_first(site_dir):
    for path in built_pages(site_dir):
        name = path.relative_to(site_dir)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        policy = policy_of(soup)
        assert "'unsafe-inline'" not in str(policy) and "'unsafe-eval'" not in str(policy), name
        assert policy["default-src"] == ["'self'"] and policy["style-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"], name
        head = soup.head.find_all(True)
        assert head[0].has_attr("charset") and head[1].get("http-equiv") == "Content-Security-Policy", (
            f"{name}: the policy must follow <meta charset>, before anything it governs"
        )


def test_no_page_tells_other_sites_where_readers_come_from(site_dir, site_config):
    site_host = re.match(r"https?://([^/]+)", site_config.site_url).group(1)
    for path in built_pages(site_dir):
        name = path.relative_to(site_dir)
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        referrer = soup.find("meta", attrs={"name": "referrer"})
        assert referrer and referrer["content"] in {
            "no-referrer",
            "same-origin",
            "strict-origin",
            "strict-origin-when-cross-origin",
        }, name
        for link in soup.find_all("a", href=re.compile(r"^(https?:)?//")):
            if re.match(r"(https?:)?//([^/]+)", link["href"]).group(2) != site_host:
                assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), f"{name}: {link}"


def test_redirect_pages_get_a_policy_too(tmp_path):
    """mkdocs-redirects writes its pages itself, each with an inline script: they are covered."""
    project = copy_project(tmp_path)
    add_redirect(project, "old-privacy.md", "privacy.md")
    code, output = build_copy(project)
    assert code == 0, output
    soup = BeautifulSoup((project / "site/old-privacy/index.html").read_text(encoding="utf-8"), "html.parser")
    hashes = inline_script_hashes(soup)
    assert hashes and set(policy_of(soup)["script-src"]) == {"'self'", *hashes}


# -- In the browser: no violation while reading, and injected scripts are blocked ---------

RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.violations.push(`${event.violatedDirective} blocked ${event.blockedURI || event.sample}`));
"""


def site_pages(site_dir):
    """The address of every page a reader can reach (404.html links by absolute address); not
    the pages that only send readers on with a <meta> refresh (share pages, tested with their
    landing in tests/test_sharing_cards.py)."""
    return [
        path.relative_to(site_dir).parent.as_posix().removeprefix(".")
        for path in site_dir.rglob("index.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    ]


def violations(page):
    return page.evaluate("window.violations")


def use_controls(page):
    """The palette toggle, the share control, and on a phone the navigation drawer."""
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("[data-md-component=palette] label:not([hidden])").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme, "the palette toggle did nothing"
    share = page.locator("a.share-link").first
    share.hover()
    share.click()
    page.wait_for_function("document.getElementById('share-status')?.textContent.trim()")
    drawer = page.locator(".md-header label[for=__drawer]")
    if drawer.is_visible():
        drawer.click()
        page.wait_for_function("document.getElementById('__drawer').checked")


def test_reading_and_using_the_site_breaks_no_policy(page, base_url, site_dir):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.add_init_script(RECORD_VIOLATIONS)
    for path in site_pages(site_dir):
        page.goto(base_url + path)
        use_controls(page)
        assert violations(page) == [], f"/{path}"
    # Follow the navigation to another page, as a reader would.
    page.goto(base_url)
    drawer = page.locator(".md-header label[for=__drawer]")
    if drawer.is_visible():
        drawer.click()
    page.locator(".md-nav--primary a.md-nav__link[href='privacy/']").click()
    page.wait_for_url(base_url + "privacy/")
    assert violations(page) == []
    page.watch.assert_clean()


@pytest.fixture
def site_copy(site_dir, tmp_path):
    return shutil.copytree(site_dir, tmp_path / "site")


def open_blocked(browser, site, path="index.html"):
    """Load a page of an edited site copy; what the page then says about itself, and the violations."""
    with serve(site) as url:
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(url + path)
        page.wait_for_load_state("load")
        marks = page.evaluate("({...document.documentElement.dataset})")
        theme_ran = page.evaluate("typeof __md_get === 'function'")
        found = violations(page)
        page.close()
    return marks, theme_ran, found


def test_an_injected_script_is_blocked(browser, site_copy):
    index = site_copy / "index.html"
    html = index.read_text(encoding="utf-8")
    injected = (
        '<script>document.documentElement.dataset.script = "ran"</script>'
        '<img alt="" src="assets/images/favicon.png" onload="document.documentElement.dataset.handler = \'ran\'">'
    )
    index.write_text(html.replace("</body>", injected + "</body>"), encoding="utf-8")
    marks, theme_ran, found = open_blocked(browser, site_copy)
    assert marks == {}, f"injected code ran: {marks}"
    assert theme_ran, "the page's own scripts should still run"
    assert any(v.startswith("script-src-elem") for v in found), found
    assert any(v.startswith("script-src-attr") for v in found), found


def test_a_script_altered_after_the_build_is_blocked(browser, site_copy):
    index = site_copy / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "<script>__md_scope=" in html
    altered = html.replace(
        "<script>__md_scope=", '<script>document.documentElement.dataset.altered = "ran";__md_scope=', 1
    )
    index.write_text(altered, encoding="utf-8")
    marks, theme_ran, found = open_blocked(browser, site_copy)
    assert marks == {} and not theme_ran, "the altered script ran"
    assert any(v.startswith("script-src-elem") for v in found), found
