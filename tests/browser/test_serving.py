"""`make serve` in Chromium: in a copy of the project, served as `make serve` serves it, the open
page reloads after a change to any input (a page, published-anchors.yml, a stylesheet of
overrides/, the hooks' code, which restarts the server), within the page's own policy; a mistake
shows its message on the page and in the terminal while the server stays up, and a change to the
settings is read safely before MkDocs loads them."""

import re

from project import home_page, published_copy, served_live, with_build_cache

from statement_site.source.project import Source

RELOAD = 60_000  # ms: a rebuild of the copy, or a restart of its server, on a busy machine
RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.violations.push(event.violatedDirective));
"""


def mark(page):
    """A mark in the open page's window: gone once the page has reloaded."""
    page.evaluate("window.notReloaded = true")


def reloaded(page, condition="true"):
    """Wait until the page has reloaded and `condition` (a JavaScript expression) holds there."""
    page.wait_for_function(f"() => !window.notReloaded && document.readyState === 'complete' && ({condition})", timeout=RELOAD)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_open_page_reloads_after_a_change_to_any_input(browser, tmp_path):
    project = with_build_cache(published_copy(tmp_path / "project"))
    log = tmp_path / "serve.log"
    home = home_page(Source.read(project))
    statement = project / "docs" / home.src
    paragraph = next(part for part in home.parts if part.kind == "paragraph" and part.explicit)
    with served_live(project, log) as address:
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        messages = []
        page.on("console", lambda message: messages.append(message.text))
        with page.expect_console_message(lambda message: message.text == "Enabled live reload", timeout=RELOAD):
            page.goto(address)
        assert page.evaluate("window.violations") == [], "the reload script is within the page's policy"

        # A page's words.
        mark(page)
        replace(statement, paragraph.text, f"Reloaded words. {paragraph.text}")
        reloaded(page, "document.body.innerText.includes('Reloaded words.')")

        # An ID renamed: the build stops, on the page and in the terminal, naming the alias to
        # add; the alias added to published-anchors.yml, the page comes back.
        mark(page)
        replace(statement, f"{{#{paragraph.id}}}", f"{{#{paragraph.id}-renamed}}")
        reloaded(page, "document.title === 'The site was not built'")
        shown = page.locator("pre").inner_text().splitlines()
        assert any(re.match(rf"[\w/.-]+:\d+: .*#{paragraph.id}\b", line) for line in shown), shown
        assert all(line in log.read_text(encoding="utf-8") for line in shown), "the terminal says it too"
        mark(page)
        with (project / "published-anchors.yml").open("a", encoding="utf-8") as anchors:
            anchors.write(f"    {paragraph.id}: {paragraph.id}-renamed\n")
        reloaded(page, f"!!document.getElementById('{paragraph.id}-renamed')")

        # The settings: read safely before MkDocs loads them, so a Python tag runs nothing.
        mark(page)
        settings = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(f"{settings}\nsite_author: !!python/object/apply:os.mkdir [ran]\n", encoding="utf-8")
        reloaded(page, "document.title === 'The site was not built'")
        assert any(line.startswith("mkdocs.yml:") for line in page.locator("pre").inner_text().splitlines())
        assert not (project / "ran").exists(), "MkDocs never loaded the settings"
        mark(page)
        (project / "mkdocs.yml").write_text(settings, encoding="utf-8")
        reloaded(page, f"!!document.getElementById('{paragraph.id}-renamed')")

        # A stylesheet of overrides/.
        mark(page)
        with (project / "overrides/assets/stylesheets/extra.css").open("a", encoding="utf-8") as css:
            css.write("\nbody {\n  outline-color: rgb(1, 2, 3);\n}\n")
        reloaded(page, "getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'")

        # The hooks' code: the server starts again, with it.
        mark(page)
        with (project / "hooks/statement_site.py").open("a", encoding="utf-8") as hook:
            hook.write('\nlog.info("statement_site: the hook as changed")\n')
        reloaded(page)
        assert "the hook as changed" in log.read_text(encoding="utf-8")
        assert page.evaluate("window.violations") == [] and messages[-1] == "Enabled live reload", messages
