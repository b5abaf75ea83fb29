"""Hardening: bad input never ships, and the published pages run only the scripts they are meant to.

An edit that adds active or hidden content, or that breaks a link, an anchor, an image, the front
matter, an ID or the nav, stops `mkdocs build --strict` with a message naming file and line. Every
built page carries a Content Security Policy that allows exactly its own inline scripts: the
reader's browser reports no violation while the site is used, and blocks a script injected into
a published page or altered after the build."""

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import add_redirect, build_copy, copy_project, open_ready, serve

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


def run_python(project, *args):
    """`python ARGS` in a copied project: (exit code, what it printed)."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return result.returncode, result.stdout + result.stderr


def mkdocs(project, *args):
    """`mkdocs build ARGS` in a copied project."""
    return run_python(project, "-m", "mkdocs", "build", *args, "--site-dir", str(project / "site"))


# What editors see: the file and line, what was found, and what to write instead.
UNSAFE = {
    "script": (
        "<script>alert(1)</script>",
        "the element <script> is not allowed: it is not among the elements a statement needs; "
        "the site's scripts live in overrides/partials/javascripts/ and are reviewed by developers",
    ),
    "iframe": ('<iframe src="https://example.org/"></iframe>', "the element <iframe> is not allowed"),
    "form": ('<form action="https://example.org/"><input name="email"></form>', "the element <form> is not allowed"),
    "event-handler": (
        'Read <span onmouseover="alert(1)">this</span>.',
        "the attribute onmouseover= on <span> is not allowed: an event handler runs code; remove it",
    ),
    "event-handler-in-attr-list": (
        'A paragraph.\n{: title="}" onclick="alert(1)" }',
        "the attribute onclick= on <p> is not allowed: an event handler runs code",
    ),
    "javascript-markdown-link": (
        "[Donate](javascript:alert(1))",
        "the javascript: scheme is not allowed (only https:, http:, mailto: and addresses on the site)",
    ),
    "data-image": (
        "![logo](data:image/png;base64,iVBORw0KGgo=)",
        "the data: scheme is not allowed",
    ),
    "style-attribute": (
        '<span style="display:none">A hidden sentence.</span>',
        "the attribute style= on <span> is not allowed: it can hide text, and the Content Security Policy "
        "blocks it; add a class in docs/stylesheets/extra.css",
    ),
    "stray-angle-bracket": ("x <a <script>alert(1)</script>", "the element <script> is not allowed"),
    "closing-the-article": (
        "</article><p>Now in the theme's markup.</p>",
        "HTML that a browser reads differently from how it is written (",
    ),
    "bogus-comment": (
        "A sentence <!-- hidden --> with a comment.",
        "an HTML comment or <!…>/<?…> markup is not allowed: it hides the text after it",
    ),
}


def test_unsafe_markdown_stops_the_build(tmp_path):
    """One build, one page per sample: each message names its own page and line."""
    project = copy_project(tmp_path)
    for name, (markdown, _) in UNSAFE.items():
        (project / "docs" / "unsafe").mkdir(exist_ok=True)
        (project / "docs" / "unsafe" / f"{name}.md").write_text(f"# A page\n\n{markdown}\n", encoding="utf-8")
    code, output = build_copy(project)
    assert code != 0, f"the build published this bad input:\n{output}"
    for name, (markdown, problem) in UNSAFE.items():
        found = [entry for entry in output.splitlines() if problem in entry and f"docs/unsafe/{name}.md:" in entry]
        assert found, f"expected {problem!r} for docs/unsafe/{name}.md in:\n{output}"
        lines = [f"docs/unsafe/{name}.md:{n}: " for n in range(3, 3 + markdown.count("\n") + 1)]
        assert found[0].split("  -  ", 1)[-1].startswith(tuple(lines)), found[0]
        assert not (project / "site" / "unsafe" / name / "index.html").exists(), f"{name}: left in the output"
    assert (project / "site" / "privacy" / "index.html").exists(), "a page with nothing wrong was removed"


@pytest.mark.parametrize("mode", ["-q", "--no-strict", "--dirty"])
def test_every_mode_refuses(tmp_path, mode):
    """Quiet, non-strict and dirty builds stop too: a refusal is an error, never a warning."""
    project = copy_project(tmp_path)
    append(project, "privacy.md", "<script>alert(1)</script>")
    code, output = mkdocs(project, *([mode] if mode != "--no-strict" else []))
    assert code != 0
    assert "docs/privacy.md:" in output
    assert not (project / "site" / "privacy" / "index.html").exists()


def test_what_editors_need_still_builds(tmp_path):
    """No false alarm on what editors need: notices, images, lang, outside links,
    escaped hashtags, <abbr>/<br>/<sup>, front matter with lang."""
    project = copy_project(tmp_path)
    (project / "docs" / "assets" / "x.png").write_bytes((project / "docs" / "assets" / "social-card.png").read_bytes())
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "markdown_extensions:\n", "markdown_extensions:\n  - admonition\n  - pymdownx.blocks.admonition\n"
        ),
        encoding="utf-8",
    )
    path = project / "docs" / "privacy.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("---\n", "---\nlang: en-US\n", 1)
        + "\n\n/// warning | Careful\nA warning.\n///\n\n"
        "![The ILRC logo](assets/x.png)\n\nSee [the ILRC](https://www.ilrc.org/) and \\#ceasefire now.\n\n"
        'The <abbr title="Immigrant Legal Resource Center">ILRC</abbr> says:<br>\n'
        'a footnote<sup>1</sup>, and the code `<script>` or `<a onclick="">` shown as text.\n\n'
        '<p lang="es">Alto el fuego.</p>\n\n'
        '```html\n<iframe src="https://example.org/"></iframe>\n```\n',
        encoding="utf-8",
    )
    code, output = build_copy(project)
    assert code == 0, output
    built = BeautifulSoup((project / "site" / "privacy" / "index.html").read_text(encoding="utf-8"), "html5lib")
    assert built.select("div.admonition.warning p.admonition-title")
    assert built.select_one('img[src="../assets/x.png"][alt="The ILRC logo"]')
    assert built.select_one('abbr[title="Immigrant Legal Resource Center"]') and built.select_one("sup")
    assert built.select_one('p[lang="es"]') and "<script>" in built.get_text()


def test_titles_and_descriptions_are_escaped_where_they_land(tmp_path):
    project = copy_project(tmp_path)
    path = project / "docs" / "privacy.md"
    title, description = 'Q&A: "quotes" & apostrophes\'', 'A & B "C"'
    text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    path.write_text(f"---\ntitle: '{title.replace(chr(39), chr(39) * 2)}'\ndescription: '{description}'\n---\n{text}")
    code, output = build_copy(project)
    assert code == 0, output
    page = BeautifulSoup((project / "site" / "privacy" / "index.html").read_text(encoding="utf-8"), "html5lib")
    assert page.title.string.startswith(title)
    assert page.find("meta", property="og:title")["content"] == title
    assert page.find("meta", property="og:description")["content"] == description
    assert page.find("meta", attrs={"name": "description"})["content"] == description


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
        styles = [
            "'sha256-" + base64.b64encode(hashlib.sha256((style.string or "").encode()).digest()).decode() + "'"
            for style in soup.find_all("style")
        ]
        assert policy["default-src"] == ["'self'"] and policy["style-src"] == ["'self'", *dict.fromkeys(styles)], name
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
    page.wait_for_function("() => document.getElementById('share-status')?.textContent.trim()")
    drawer = page.locator(".md-header label[for=__drawer]")
    if drawer.is_visible():
        drawer.click()
        page.wait_for_function("() => document.getElementById('__drawer').checked")


def test_reading_and_using_the_site_breaks_no_policy(page, base_url, site_dir):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.add_init_script(RECORD_VIOLATIONS)
    for path in site_pages(site_dir):
        open_ready(page, base_url + path)
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


# -- The corpus: bad inputs by family, each stopped or harmless (tests/corpus/) -------------

CORPUS = Path(__file__).parent / "corpus"
ACTIVE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "portal", "fencedframe"}
ACTIVE_ELEMENTS |= {
    "animate",
    "set",
    "template",
    "dialog",
    "noscript",
    "textarea",
    "xmp",
    "plaintext",
    "style",
    "video",
}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")
TRAP = (
    RECORD_VIOLATIONS
    + """
window.ran = [];
window.alert = window.confirm = window.prompt = (x) => window.ran.push(String(x));
"""
)


def markup_corpus():
    """(family, name, markdown) for every entry of tests/corpus/*.txt."""
    entries = []
    for path in sorted(CORPUS.glob("*.txt")):
        family = path.stem
        texts = path.read_text(encoding="utf-8").split("\n%%\n")[1:]
        entries += [(family, f"{family}-{n:02d}", text) for n, text in enumerate(texts, 1)]
    return entries


def files_corpus():
    """(family, relative path under docs/, bytes) for every entry of tests/corpus/files.yml."""
    entries = []
    for family, items in yaml.safe_load((CORPUS / "files.yml").read_text(encoding="utf-8")).items():
        for item in items:
            if "page" in item:
                data = f"---\n{item['page']}\n---\n\n# A page\n".encode()
            elif "latin1" in item:
                data = item["latin1"].encode("latin-1")
            elif "repeat" in item:
                before, unit, times, after = item["repeat"]
                data = (before + unit * times + after).encode()
            else:
                data = item["text"].encode()
            entries.append((family, f"corpus/{item['name']}", data))
    return entries


def theme_own(element, policy_hashes):
    """The theme's search form, its scripts kept inert until paint (bundle.html), its deferred
    stylesheets and the critical CSS the policy hashes (critical_css.py): outside the article."""
    if element.name == "style":
        return f"'{sha256(element.string or '')}'" in policy_hashes
    return element.name == "form" or (element.name, element.get("id")) in {
        ("template", "theme-scripts"),
        ("noscript", "stylesheets"),
    }


def sha256(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def dangers(html, policy_hashes):
    """What is active or hidden in a built page, read by html5lib through BeautifulSoup (not
    site_checks): scripts outside the policy, handlers and script URLs anywhere; in the article,
    also the elements and attributes that embed, submit or hide."""
    found = []
    soup = BeautifulSoup(html, "html5lib")
    article = soup.select_one("article.md-content__inner")
    content = set(map(id, article.find_all(True))) if article else set()
    for element in soup.find_all(True):
        if element.name in ACTIVE_ELEMENTS and (id(element) in content or not theme_own(element, policy_hashes)):
            found.append(f"<{element.name}>")
        if element.name == "script" and id(element) in content:
            found.append("a script in the article")
        elif element.name == "script" and not element.has_attr("src") and element.get("type") != "application/json":
            digest = f"'{sha256(element.string or '')}'"
            if digest not in policy_hashes:
                found.append(f"an unhashed script {element.string!r:.40}")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            # As browsers read an address: outer controls and spaces stripped, tabs and newlines removed.
            url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                found.append(f"{name}= on <{element.name}>")
            elif name in ("hidden", "popover") and id(element) in content:
                found.append(f"{name}= on <{element.name}>")
            elif name in ("href", "src", "action", "data", "xlink:href") and url.startswith(UNSAFE_SCHEMES):
                if not (element.name == "link" and url.startswith("data:image/svg+xml")):
                    found.append(f"{name}={value!r:.40}")
    return found


def run_in_chromium(browser, site, paths):
    """{path: what ran, violated or left the machine} for pages of a built site."""
    results = {}
    with serve(site) as url:
        context = browser.new_context()
        foreign = []
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(url)
                else (foreign.append(route.request.url), route.abort())
            ),
        )
        context.add_init_script(TRAP)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in paths:
            foreign.clear(), dialogs.clear()
            page.goto(url + path)
            page.wait_for_load_state("load")
            ran = page.evaluate("window.ran") + dialogs
            results[path] = (ran, violations(page), list(foreign))
        context.close()
    return results


def judge(entries, site, output, browser, page_of):
    """A table row per family: tried, stopped, harmless, leaked, executed; and what went wrong."""
    table, wrong, built = {}, [], {}
    for family, name, _ in entries:
        row = table.setdefault(family, dict.fromkeys(["tried", "stopped", "harmless", "leaked", "executed"], 0))
        row["tried"] += 1
        source, page = page_of(name)
        named = f"{source}:" in output
        if not (site / page).exists():
            row["stopped"] += 1
            if not named:
                wrong.append(f"{source}: not in the output, yet no message names it")
            continue
        html = (site / page).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html5lib")
        policy = policy_of(soup) or {}
        found = dangers(html, set(policy.get("script-src", [])) | set(policy.get("style-src", [])))
        if found:
            row["leaked"] += 1
            wrong.append(f"{source}: published with {found}")
        else:
            row["harmless"] += 1
        if named:
            wrong.append(f"{source}: named in an error, yet left in the output")
        built[page] = row
    for page, (ran, violated, foreign) in run_in_chromium(browser, site, list(built)).items():
        if ran:
            built[page]["executed"] += 1
            wrong.append(f"{page}: ran {ran}")
        if violated or foreign:
            wrong.append(f"{page}: {violated} {foreign}")
    lines = ["family | tried | stopped | harmless | leaked | executed"]
    lines += [f"{family} | " + " | ".join(str(v) for v in row.values()) for family, row in table.items()]
    total = {key: sum(row[key] for row in table.values()) for key in next(iter(table.values()))}
    lines.append("total | " + " | ".join(str(v) for v in total.values()))
    print("\n" + "\n".join(lines))
    return table, wrong


def write_markup_corpus(project):
    entries = markup_corpus()
    for _, name, text in entries:
        path = project / "docs" / "corpus" / f"{name}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    return entries


def markup_page(name):
    return f"docs/corpus/{name}.md", f"corpus/{name}/index.html"


def test_markup_corpus_is_stopped_or_harmless(tmp_path, browser):
    """All Markdown entries in one quiet, non-strict build: each one is its own page."""
    project = copy_project(tmp_path)
    entries = write_markup_corpus(project)
    assert len(entries) >= 150
    code, output = mkdocs(project, "-q")
    assert code != 0, "the corpus built without a single refusal"
    table, wrong = judge(entries, project / "site", output, browser, markup_page)
    assert not wrong, "\n".join(wrong)
    assert sum(row["stopped"] for row in table.values()) >= len(entries) // 2


def test_files_corpus_is_refused_before_any_page_is_written(tmp_path):
    """Files dropped into docs/, front matter, encodings, nesting, huge inputs: one message each."""
    project = copy_project(tmp_path)
    entries = files_corpus()
    for _, name, data in entries:
        path = project / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    code, output = mkdocs(project, "-q")
    assert code != 0
    missing = [f"docs/{name}" for _, name, _ in entries if f"docs/{name}:" not in output]
    assert not missing, f"no message names {missing}:\n{output[-3000:]}"
    assert "Traceback" not in output, output
    assert not list((project / "site").rglob("*.html")), "a stopped build left pages in the output folder"
    print(f"\n{len(entries)} files, each refused: " + ", ".join(sorted({family for family, _, _ in entries})))


# -- The same protections on a Zensical build, through `python -m site_checks` -------------


def zensical_build(project):
    zensical = os.path.join(os.path.dirname(sys.executable), "zensical")
    result = subprocess.run([zensical, "build", "--clean"], cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return run_python(project, "-m", "site_checks", "site", "--docs", "docs")


def test_files_corpus_is_refused_before_zensical_builds(tmp_path):
    """Zensical runs no hooks: the same docs/ check runs before it, from the command line."""
    project = copy_project(tmp_path)
    entries = files_corpus()
    for _, name, data in entries:
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_bytes(data)
    code, output = run_python(project, "-m", "site_checks", "--docs", "docs")
    assert code == 1
    missing = [f"docs/{name}" for _, name, _ in entries if f"docs/{name}:" not in output]
    assert not missing and "Traceback" not in output, f"no message names {missing}:\n{output[-3000:]}"


def test_zensical_site_gets_the_same_policy(tmp_path, browser):
    project = copy_project(tmp_path)
    code, output = zensical_build(project)
    assert code == 0, output
    pages = built_pages(project / "site")
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")
        policy = policy_of(soup)
        assert policy and "'unsafe-inline'" not in str(policy), path
        assert {h for h in policy["script-src"] if h.startswith("'sha")} == inline_script_hashes(soup), path
    index = project / "site" / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace("</body>", '<script>alert("injected")</script></body>'),
        encoding="utf-8",
    )
    (ran, violated, foreign) = run_in_chromium(browser, project / "site", ["index.html"])["index.html"]
    assert not ran and any(v.startswith("script-src-elem") for v in violated), (ran, violated)
    assert not foreign


def test_zensical_markup_corpus_is_stopped_or_harmless(tmp_path, browser):
    project = copy_project(tmp_path)
    entries = write_markup_corpus(project)
    code, output = zensical_build(project)
    assert code != 0
    table, wrong = judge(entries, project / "site", output, browser, markup_page)
    assert not wrong, "\n".join(wrong)


# -- The contract other branches rely on: which inline scripts and styles are the site's own ---

CRITICAL_CSS = ".md-typeset p{margin:0}"


def without_policy(path):
    html = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html), encoding="utf-8")


def test_an_inline_style_is_trusted_only_from_a_registered_producer(site_copy, site_config):
    from site_checks import check_site, csp

    index = site_copy / "index.html"
    without_policy(index)
    index.write_text(
        index.read_text(encoding="utf-8").replace("</head>", f"<style>{CRITICAL_CSS}</style></head>"), encoding="utf-8"
    )
    saved = index.read_text(encoding="utf-8")
    report = check_site(site_copy, project_root=Path(__file__).parent.parent, site_url=site_config.site_url)
    assert any("the inline <style> '.md-typeset p{margin:0}' is not allowed" in p for p in report.problems)
    assert not index.exists(), "a page with a style that is not the site's own was left in the output"

    index.write_text(saved, encoding="utf-8")

    @csp.inline_producer("style")
    def critical_css(page):
        return [CRITICAL_CSS] if page.path == "index.html" else []

    try:
        report = check_site(site_copy, project_root=Path(__file__).parent.parent, site_url=site_config.site_url)
    finally:
        del csp._producers[f"{critical_css.__module__}.{critical_css.__qualname__}"]
    assert not report.problems, report.problems
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html5lib")
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(CRITICAL_CSS.encode()).digest()).decode() + "'"
    styles = policy_of(soup)["style-src"]
    own = ["'" + csp.digest(style.string) + "'" for style in soup.find_all("style") if style.string != CRITICAL_CSS]
    assert styles == ["'self'", *own, digest], "the policy lists the page's own styles, then the registered one"


def test_only_static_override_scripts_are_trusted(tmp_path):
    from site_checks import csp

    partials = tmp_path / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "static.html").write_text("{#- a comment -#}\n<script>load()</script>\n", encoding="utf-8")
    (partials / "dynamic.html").write_text('<script>go("{{ page.title }}")</script>\n', encoding="utf-8")
    trusted = csp.Trusted(tmp_path)
    page = csp.Page(tmp_path, "index.html", "")
    assert trusted.is_trusted("script", "load()", page)
    assert not trusted.is_trusted("script", 'go("x")', page)
    assert trusted.refused == [
        ("overrides/partials/dynamic.html", "an inline <script> with Jinja inside is never trusted")
    ]
    # Material's own scope script, whose slot may only hold an address.
    scope = next(p for kind, p in trusted.patterns if p.pieces[0].startswith("__md_scope=new URL("))
    assert scope.matches("../".join(scope.pieces))
    assert not scope.matches('"+alert(1)+"'.join(scope.pieces))
    assert any(text.startswith("var palette=") for _, text in trusted.exact), "Material's palette script"


def test_serve_refuses_too(tmp_path):
    """`mkdocs serve` stops on the refusal instead of serving the page."""
    project = copy_project(tmp_path)
    append(project, "privacy.md", '<img src="x" alt="" onerror="alert(1)">')
    code, output = run_python(project, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:0")
    assert code != 0
    assert "the attribute onerror= on <img> is not allowed" in output
