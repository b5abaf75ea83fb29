"""The editors' edits: the contract between the site and the people who change it.

Each edit below is made to a copy of the repository exactly as CONTRIBUTING.md tells an editor
to make it; the copy is then built with `mkdocs build --strict` and checked with the whole
reading and sharing contract (tests/contract.py). Each mistake below must stop the build with
the exact words an editor reads. What an edit touches is found in the Markdown (the first
section, the last call…), never in today's wording.

`python tests/test_editors_edits.py` prints the table of edits (outcome, build time) and
every mistake's message."""

import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import contract
import pytest
from conftest import build_copy, copy_project, serve
from PIL import Image
from statement import blocks, calls

# -- How an editor edits (CONTRIBUTING.md) --------------------------------------------------


def source(project, page="index.md"):
    return project / "docs" / page


def lines_of(path):
    return path.read_text(encoding="utf-8").split("\n")


def insert_after_block(path, block, markdown):
    """Add `markdown` after a block (its ID line included), a blank line before it; the line it starts on."""
    lines = lines_of(path)
    end = block.line  # the line after the block's last line, counted from 1
    while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith(("- ", "#")):
        end += 1
    lines[end:end] = ["", *markdown.split("\n")]
    path.write_text("\n".join(lines), encoding="utf-8")
    return end + 2


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def list_anchor(project, anchor, page="index.md"):
    """Under `anchors:` of the page in published-anchors.yml, one more line `- anchor`."""
    listing = project / contract.ANCHORS_FILE
    lines = lines_of(listing)
    start = lines.index(f"{page}:")
    anchors = next(n for n in range(start, len(lines)) if lines[n].strip() == "anchors:")
    last = max(
        n for n in range(anchors, len(lines)) if lines[n].startswith("    - ") and n < aliases_line(lines, start)
    )
    lines.insert(last + 1, f"    - {anchor}")
    listing.write_text("\n".join(lines), encoding="utf-8")


def aliases_line(lines, start):
    return next((n for n in range(start, len(lines)) if lines[n].strip() == "aliases:"), len(lines))


def unlist_anchor(project, anchor):
    replace(project / contract.ANCHORS_FILE, f"    - {anchor}\n", "")


def add_alias(project, old, new, page="index.md"):
    """Under `aliases:`, the line `old-id: new-id`."""
    listing = project / contract.ANCHORS_FILE
    lines = lines_of(listing)
    at = aliases_line(lines, lines.index(f"{page}:"))
    lines.insert(at + 1, f"    {old}: {new}")
    listing.write_text("\n".join(lines), encoding="utf-8")


def add_to_nav(project, title, page):
    replace(
        project / "mkdocs.yml",
        "nav:\n  - Statement: index.md\n",
        f"nav:\n  - Statement: index.md\n  - {title}: {page}\n",
    )


def paragraphs(project):
    return [b for b in blocks(source(project)) if b.kind == "p" and b.id]


def draw_image(path, size=(40, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (64, 81, 181)).save(path)


# -- The edits that must pass ---------------------------------------------------------------


def fix_a_typo(project):
    """Change one word of a paragraph."""
    paragraph = paragraphs(project)[0]
    word = paragraph.text.split()[-1]
    replace(source(project), word, word.rstrip(".") + "s.")


def reword_a_heading(project):
    """The words change, the {#id} after them stays."""
    section = next(b for b in blocks(source(project)) if b.kind == "h2")
    replace(source(project), f"## {section.text} {{#{section.id}}}", f"## Our new heading {{#{section.id}}}")


def add_a_paragraph(project):
    insert_after_block(source(project), paragraphs(project)[0], "A new paragraph of the statement.\n{#new-paragraph}")
    list_anchor(project, "new-paragraph")


def add_a_call(project):
    last = calls(source(project))[-1]
    insert_after_block(source(project), last, "- Public officials must read this new call.\n  {#call-new}")
    # The new item follows the list directly, without a blank line: remove the one added.
    replace(
        source(project),
        "\n\n- Public officials must read this new call.",
        "\n- Public officials must read this new call.",
    )
    list_anchor(project, "call-new")


def remove_a_shared_call(project):
    """Delete the call's two lines, unlist its ID, and send its links to the first call."""
    first, last = calls(source(project))[0], calls(source(project))[-1]
    lines = lines_of(source(project))
    del lines[last.line - 1 : last.line + 1]
    source(project).write_text("\n".join(lines), encoding="utf-8")
    unlist_anchor(project, last.id)
    add_alias(project, last.id, first.id)


def add_an_image(project):
    draw_image(project / "docs" / "assets" / "vigil.png")
    insert_after_block(source(project), paragraphs(project)[0], "![Candles at a vigil for peace](assets/vigil.png)")


def add_an_outside_link(project):
    insert_after_block(
        source(project),
        paragraphs(project)[-1],
        "Read the [United Nations' appeal](https://www.un.org/en/) in full.\n{#un-appeal}",
    )
    list_anchor(project, "un-appeal")


def add_an_update_notice(project):
    deck = next(b for b in blocks(source(project)) if "md-deck" in b.classes)
    insert_after_block(
        source(project),
        deck,
        "/// note | Updated 1 December 2026\nThe figures in this statement were updated on 1 December 2026.\n///",
    )


def add_a_page(project):
    (project / "docs" / "updates.md").write_text(
        "# Updates\n\nWhat changed in the statement, and when.\n{#updates-intro}\n", encoding="utf-8"
    )
    add_to_nav(project, "Updates", "updates.md")
    with open(project / contract.ANCHORS_FILE, "a", encoding="utf-8") as listing:
        listing.write("updates.md:\n  anchors:\n    - updates-intro\n")


SPANISH_PAGE = """\
---
lang: es
description: El Centro de Recursos Legales para Inmigrantes pide un alto el fuego permanente.
---

# El ILRC pide un alto el fuego permanente

Un alto el fuego permanente es el primer paso hacia la paz y la estabilidad en la región.
{#primer-paso}
"""


def add_a_page_in_spanish(project):
    (project / "docs" / "es.md").write_text(SPANISH_PAGE, encoding="utf-8")
    add_to_nav(project, "Español", "es.md")
    with open(project / contract.ANCHORS_FILE, "a", encoding="utf-8") as listing:
        listing.write("es.md:\n  anchors:\n    - primer-paso\n")
    insert_after_block(source(project), paragraphs(project)[-1], "[Leer en español](es.md)\n{#en-espanol}")
    list_anchor(project, "en-espanol")


def write_a_hashtag(project):
    insert_after_block(source(project), paragraphs(project)[-1], "\\#Ceasefire now.\n{#hashtag}")
    list_anchor(project, "hashtag")


EDITS = {
    edit.__name__: edit
    for edit in [
        fix_a_typo,
        reword_a_heading,
        add_a_paragraph,
        add_a_call,
        remove_a_shared_call,
        add_an_image,
        add_an_outside_link,
        add_an_update_notice,
        add_a_page,
        add_a_page_in_spanish,
        write_a_hashtag,
    ]
}

# -- The mistakes that must stop the build, and what the editor reads ------------------------


def after_first_paragraph(markdown):
    def mistake(project):
        return "docs/index.md", insert_after_block(source(project), paragraphs(project)[0], markdown)

    return mistake


def line_of(project, path, text):
    return next(n for n, line in enumerate(lines_of(project / path), 1) if text in line)


def flow_style_aliases(project):
    replace(project / contract.ANCHORS_FILE, "  aliases:\n", "  aliases: {}\n")
    add_alias(project, "old-id", calls(source(project))[0].id)
    return contract.ANCHORS_FILE, line_of(project, contract.ANCHORS_FILE, "aliases: {}")


def unlisted_id(project):
    return after_first_paragraph("A paragraph with an ID nobody listed.\n{#keep-working}")(project)


def heavy_image(project):
    path = project / "docs" / "assets" / "poster.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Noise does not compress: 700 × 500 pixels of it make a 1.05 MB PNG.
    Image.frombytes("RGB", (700, 500), random.Random(0).randbytes(700 * 500 * 3)).save(path)
    return after_first_paragraph("![A poster calling for a ceasefire](assets/poster.png)")(project)


def spanish_page_without_lang(project):
    (project / "docs" / "es.md").write_text(SPANISH_PAGE.replace("lang: es\n", ""), encoding="utf-8")
    add_to_nav(project, "Español", "es.md")
    with open(project / contract.ANCHORS_FILE, "a", encoding="utf-8") as listing:
        listing.write("es.md:\n  anchors:\n    - primer-paso\n")
    return "docs/es.md", 1


# name -> (the mistake, returning (file, line), what the editor reads after `file:line: `)
MISTAKES = {
    "hashtag-without-backslash": (
        after_first_paragraph("#Ceasefire now.\n{#hashtag}"),
        "the line starts with '#Ceasefire', which looks like a heading without its space. For a hashtag, "
        "write a backslash before it: \\#Ceasefire. For a heading, write '## Ceasefire {#ceasefire}'.",
    ),
    "id-not-in-published-anchors": (
        unlisted_id,
        "the ID #keep-working is new: add '- keep-working' under anchors in published-anchors.yml, "
        "so that links to it keep working.",
    ),
    "paragraph-without-id": (
        after_first_paragraph("Nobody can link to this paragraph."),
        "this paragraph has no ID, so nobody can link to it: add a line '{#nobody-can-link}' right under it, "
        "and 'nobody-can-link' under anchors in published-anchors.yml.",
    ),
    "call-without-id": (
        lambda project: (
            "docs/index.md",
            insert_after_block(source(project), calls(source(project))[-1], "- Congress must act now."),
        ),
        "this call has no ID, so nobody can link to it: add a line '  {#congress-must-act}' right under it, "
        "and 'congress-must-act' under anchors in published-anchors.yml.",
    ),
    "image-without-alt-text": (
        lambda project: (
            draw_image(project / "docs/assets/vigil.png"),
            after_first_paragraph("![](assets/vigil.png)")(project),
        )[1],
        "the image assets/vigil.png has no description, so screen readers cannot say what it shows: "
        "write it between the brackets, ![A crowd holding candles](assets/vigil.png).",
    ),
    "image-over-1-mb": (
        heavy_image,
        "the image assets/poster.png is 1.1 MB, too heavy for readers on phones (at most 1 MB): save it smaller "
        "(1600 pixels wide, as JPEG or WebP is plenty) and replace the file.",
    ),
    "material-notice-syntax": (
        after_first_paragraph('!!! note "Updated"'),
        "'!!!' would show on the page as text: a notice is written `/// note | Its title`, its text on the "
        "lines below, and `///` alone on the line after it.",
    ),
    "colon-fence-notice": (
        after_first_paragraph(":::note"),
        "':::' would show on the page as text: a notice is written `/// note | Its title`, its text on the "
        "lines below, and `///` alone on the line after it.",
    ),
    "notice-never-closed": (
        after_first_paragraph("/// note | Updated 1 December 2026\nThe figures were updated."),
        "the notice opened here is never closed: add a line '///' after its text.",
    ),
    "id-never-closed": (
        after_first_paragraph("A paragraph whose ID lost its brace.\n{#lost-brace"),
        "this ID has no closing '}': write it as {#some-id}, on one line, with no spaces.",
    ),
    "page-in-spanish-without-lang": (
        spanish_page_without_lang,
        "this page seems to be in Spanish, but does not say so, so screen readers would read it with an "
        "English voice: add 'lang: es' to its front matter, the lines between '---' at the top of the page.",
    ),
    "aliases-in-flow-style": (
        flow_style_aliases,
        "'aliases: {}' says that aliases is empty, so the lines under it cannot be read: delete the '{}' and "
        "keep each entry on its own line under 'aliases:', indented two more spaces.",
    ),
}

# Where a mistake's line is not where it was inserted: the ID line under the paragraph.
ID_LINE_MISTAKES = {"id-not-in-published-anchors": 1, "id-never-closed": 1}


# -- Building every edited copy, two at a time -----------------------------------------------


def build(project):
    """`mkdocs build --strict` in the copy: (exit code, what it printed, seconds)."""
    started = time.monotonic()
    code, output = build_copy(project)
    return code, output, time.monotonic() - started


def fresh_copy(root, name):
    (Path(root) / name).mkdir()
    return copy_project(Path(root) / name)


def build_all(root):
    """Every edit and mistake applied to its own copy, all built, in parallel."""
    jobs = {}
    for name, edit in EDITS.items():
        project = fresh_copy(root, name)
        edit(project)
        jobs[name] = (project, None)
    for name, (mistake, _) in MISTAKES.items():
        project = fresh_copy(root, name)
        where = mistake(project)
        jobs[name] = (project, where)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = dict(zip(jobs, pool.map(build, [project for project, _ in jobs.values()])))
    return {name: (project, where, *results[name]) for name, (project, where) in jobs.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("editors"))


@pytest.mark.parametrize("edit", EDITS)
def test_an_editors_edit_builds_and_keeps_the_contract(built, edit):
    project, _, code, output, _ = built[edit]
    assert code == 0, f"the build stopped after the edit {edit}:\n{output}"
    problems = contract.problems(project, project / "site")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_mistake_stops_the_build_in_plain_words(built, mistake):
    _, (path, line), code, output, _ = built[mistake]
    line += ID_LINE_MISTAKES.get(mistake, 0)
    assert code != 0, f"the build published the mistake {mistake}:\n{output}"
    expected = f"{path}:{line}: {MISTAKES[mistake][1]}"
    assert expected in output, f"expected {expected!r} in:\n{output}"
    on_that_line = [entry for entry in output.splitlines() if f"{path}:{line}: " in entry]
    assert len(on_that_line) == 1, "one message per mistake:\n" + "\n".join(on_that_line)


# -- A notice looks right in light, dark and print --------------------------------------------


@pytest.fixture(scope="module")
def site_with_a_notice(built):
    project = built["add_an_update_notice"][0]
    with serve(project / "site") as url:
        yield url


def contrast(foreground, background):
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(color):
        channels = [int(c) / 255 for c in re.findall(r"\d+", color)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("media, scheme", [("screen", "light"), ("screen", "dark"), ("print", "light")])
def test_a_notice_is_a_readable_box_in_light_dark_and_print(browser, site_with_a_notice, media, scheme):
    page = browser.new_page()
    page.emulate_media(media=media, color_scheme=scheme)
    page.goto(site_with_a_notice)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    notice = page.locator("article .admonition").first
    assert notice.is_visible(), "the notice is not shown"
    border, width, whole = notice.evaluate(
        "e => [getComputedStyle(e).borderLeftColor, getComputedStyle(e).borderLeftWidth, getComputedStyle(e).breakInside]"
    )
    assert float(width.removesuffix("px")) > 0 and "rgba(0, 0, 0, 0)" not in border, "the notice has no visible edge"
    title, background = page.locator("article .admonition-title").first.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert contrast(title, background) >= 4.5, f"{media}/{scheme}: title {title} on {background}"
    if media == "print":
        assert whole == "avoid", "a notice may be cut across two sheets"
    page.close()


def test_the_yaml_check_explains_the_flow_style_trap(tmp_path):
    project = copy_project(tmp_path)
    _, line = flow_style_aliases(project)
    result = subprocess.run(
        [sys.executable, str(contract.Path(__file__).parent.parent / "scripts/check_yaml.py"), contract.ANCHORS_FILE],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.strip() == f"{contract.ANCHORS_FILE}:{line}: {MISTAKES['aliases-in-flow-style'][1]}"


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as root:
        results = build_all(root)
        print("| Edit | Outcome | Build time |\n| --- | --- | --- |")
        for name in EDITS:
            project, _, code, output, seconds = results[name]
            problems = contract.problems(project, project / "site") if code == 0 else ["the build stopped"]
            outcome = "passes: builds, contract holds" if not problems else "; ".join(problems)
            print(f"| {name.replace('_', ' ')} | {outcome} | {seconds:.1f} s |")
        print()
        for name in MISTAKES:
            _, _, code, output, seconds = results[name]
            said = [
                line for line in output.splitlines() if line.startswith("WARNING") and ".yml:" in line or ".md:" in line
            ]
            print(f"{name} (exit {code}, {seconds:.1f} s):\n  " + "\n  ".join(said) + "\n")
