"""Hardening in Chromium: reading and using the site breaks no policy; a script injected into a
published page, or one altered after the build, is blocked; and every bad input of the corpus
(tests/corpus/) is stopped by the editor checks or, once built by MkDocs or Zensical, runs
nothing, hides nothing and asks no other host for anything."""

import re
import shutil

import pytest
from bad_inputs import dangers, markup_corpus
from browsing import open_ready, use_controls
from project import copy_project, page_in_the_menu, run, serve, source, zensical_build

from statement_site import checks
from statement_site.source.project import Source

# -- In the browser: no violation while reading, and injected scripts are blocked ---------

RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.violations.push(`${event.violatedDirective} blocked ${event.blockedURI || event.sample}`));
"""


def site_pages(site_dir):
    """The address of every page a reader can reach (404.html links by absolute address); not
    the pages that only send readers on with a <meta> refresh (share pages, tested with their
    landing in tests/browser/test_share_addresses.py)."""
    return [
        path.relative_to(site_dir).parent.as_posix().removeprefix(".")
        for path in site_dir.rglob("index.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    ]


def violations(page):
    return page.evaluate("window.violations")


def test_reading_and_using_the_site_breaks_no_policy(page, base_url, site_dir):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.add_init_script(RECORD_VIOLATIONS)
    model = {doc.url.rstrip("/"): doc for doc in source().pages.values()}
    for path in site_pages(site_dir):
        open_ready(page, base_url + path)
        use_controls(page, any(part.shareable for part in model[path].parts))
        assert violations(page) == [], f"/{path}"
    # Follow the navigation to another page, as a reader would.
    page.goto(base_url)
    drawer = page.locator(".md-header label[for=__drawer]")
    if drawer.is_visible():
        drawer.click()
    other = page_in_the_menu(source())
    page.locator(f".md-nav--primary a.md-nav__link[href='{other}']").click()
    page.wait_for_url(base_url + other)
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
        # Less the theme's own mark, which its focus-visible polyfill sets once the bundle has run,
        # after `load`: whether it has yet is a race, and no injected code's doing.
        marks = page.evaluate("(({jsFocusVisible, ...marks}) => marks)({...document.documentElement.dataset})")
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



TRAP = (
    RECORD_VIOLATIONS
    + """
window.ran = [];
window.alert = window.confirm = window.prompt = (x) => window.ran.push(String(x));
"""
)


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



def corpus_project(folder):
    """A copy with every markup entry as a page of its own under docs/corpus/, out of the nav."""
    project = copy_project(folder)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("not_in_nav: revisions.md", "not_in_nav: |\n  revisions.md\n  corpus/"), encoding="utf-8")
    (project / "docs" / "corpus").mkdir()
    for _, name, text in markup_corpus():
        (project / "docs" / "corpus" / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    return project


BUILDERS = {
    "mkdocs": lambda project: run(project, "-m", "mkdocs", "build", "-q", "--site-dir", str(project / "site")),
    "zensical": zensical_build,
}


@pytest.mark.parametrize("generator", BUILDERS)
def test_every_bad_input_is_stopped_or_harmless(tmp_path, browser, generator):
    """The checks stop what they name; the rest is built, and in Chromium runs nothing."""
    project = corpus_project(tmp_path / "project")
    entries = markup_corpus()
    named = {str(p).split(":", 1)[0] for p in checks.check(Source.read(project))}
    stopped = [name for _, name, _ in entries if f"docs/corpus/{name}.md" in named]
    for name in stopped:
        (project / "docs" / "corpus" / f"{name}.md").unlink()
    code, output = BUILDERS[generator](project)
    assert code == 0, f"what the checks let through does not build:\n{output[-3000:]}"
    site, wrong, built = project / "site", [], []
    leaked = set()
    for _, name, _ in entries:
        if name in stopped:
            continue
        page = f"corpus/{name}/index.html"
        html = (site / page).read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        # Every source the policy lists, its directives' ending ';' aside.
        hashes = {token for directive in policy.group(1).split(";") for token in directive.split()} if policy else set()
        found = dangers(html, hashes)
        if found or not policy:
            wrong.append(f"docs/corpus/{name}.md: published with {found or 'no policy'}")
            leaked.add(name)
        built.append(page)
    for page, (ran, violated, foreign) in run_in_chromium(browser, site, built).items():
        if ran or violated or foreign:
            wrong.append(f"{page}: ran {ran}, violated {violated}, asked {foreign}")
            leaked.add(page.split("/")[1])
    counts = {}
    for family, name, _ in entries:
        tried, named, harmless, bad = counts.get(family, (0, 0, 0, 0))
        counts[family] = (tried + 1, named + (name in stopped), harmless + (name not in stopped and name not in leaked), bad + (name in leaked))
    print(f"\n{generator}: tried, stopped with file:line, harmless, leaked: " + "; ".join(f"{f} {c[0]}, {c[1]}, {c[2]}, {c[3]}" for f, c in counts.items()))
    assert not wrong, "\n".join(wrong)
    assert len(stopped) >= len(entries) // 2, "the checks stop fewer than half the bad inputs"


def test_a_script_injected_into_a_zensical_page_is_blocked(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    code, output = zensical_build(project)
    assert code == 0, output
    index = project / "site" / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</body>", '<script>alert("injected")</script></body>'), encoding="utf-8")
    ran, violated, foreign = run_in_chromium(browser, project / "site", ["index.html"])["index.html"]
    assert not ran and any(v.startswith("script-src-elem") for v in violated), (ran, violated)
    assert not foreign
