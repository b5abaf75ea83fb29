"""The redline of a pull request (`python -m statement_site redline BASE HEAD`): each changed word
marked, by page, section and ID; IDs, aliases, pages and every other changed file named; and
whatever an editor wrote shown as written, never as Markdown or HTML of the job summary.

Each test commits versions of the files to a new git repository and reads the redline's
Markdown rendered (Python-Markdown, then BeautifulSoup), as a reviewer sees it."""

import html
import re
import shutil
import string
import subprocess
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from statement_site import redline

ROOT = Path(__file__).resolve().parents[2]

BASE = {
    "docs/index.md": """\
# A statement

## Our calls {#calls}

We call on officials to act:
{#calls-intro}

- Officials must call for an immediate and permanent ceasefire in Gaza.
  {#call-ceasefire}
- Congress must reject funding requests.
  {#call-reject-funding}
""",
    "docs/old.md": "# Old page\n",
    "published-anchors.yml": "index.md:\n  aliases:\n",
}
# A reworded call, a new paragraph, a removed call with its alias, a page renamed.
HEAD = {
    "docs/index.md": """\
# A statement

## Our calls {#calls}

We call on officials to act:
{#calls-intro}

- Officials must call for a lasting and permanent ceasefire in Gaza.
  {#call-ceasefire}

A new paragraph, added today.
{#new-paragraph}
""",
    "docs/new.md": "# New page\n",
    "published-anchors.yml": "index.md:\n  aliases:\n    call-reject-funding: call-ceasefire\n",
}
# What an editor may write that the job summary must show as text: HTML (as entities and as
# tags), links, images, a heading that reads like the checks' verdict, Markdown that the page
# shows literally (escaped there), an alias key with markup, files of any name.
HOSTILE = {
    "docs/index.md": """\
# A statement

## Our calls {#calls}

A paragraph with &lt;img src=x onerror=alert(1)&gt; entities.
{#entities}

Raw <details><summary>No change</summary> folded.
{#details}

A [link](https://evil.example) and a ![pixel](https://tracker.example/p.png) image.
{#link-and-image}

Shown as written: \\[x\\](https://evil.example), \\![pixel\\](https://tracker.example/p.png), \\*not bold\\*, a | b.
{#escaped-markdown}

See https://bare.example and www.example.org.
{#autolinks}

## All checks passed

## Heading with <details> *markup* [x](https://evil.example) {#hostile-heading}
""",
    "published-anchors.yml": "index.md:\n  aliases:\n    '[x](https://evil.example)': calls\n",
    "docs/press release.md": "# Press release\n",
    "docs/declaración.md": "# Declaración\n",
    "docs/line\n## All checks passed.md": "# A name with a line break\n",
    "docs/assets/pixel.png": b"\x89PNG\r\n\x1a\n",
}
OUR_HEADINGS = {"What readers will see change", "docs/index.md", "Pages and other files"}
OUR_TAGS = {"del", "ins", "code", "strong"}


def commit(repo, number, files):
    """The files of `files` and no other page under docs/, committed."""
    for old in [p for p in (repo / "docs").rglob("*") if p.is_file()] if (repo / "docs").is_dir() else []:
        old.unlink()
    for name, content in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"Version {number}")


def git(repo, *args):
    command = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run([*command, *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def redline_of(repo, *versions):
    """Commit each version to a new repository (the site's settings beside them, so that the
    pages render as the site renders them); the redline from the first to the last."""
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(ROOT / "config", repo / "config")
    for number, files in enumerate(versions):
        commit(repo, number, files)
    return redline.report(repo, f"HEAD~{len(versions) - 1}", "HEAD")


def rendered(output):
    """The redline as a reviewer reads it."""
    return BeautifulSoup(markdown.markdown(output), "html.parser")


def item(soup, starting):
    """The text of the one list item that starts with `starting`."""
    found = [li for li in soup.find_all("li") if li.get_text().startswith(starting)]
    assert len(found) == 1, f"{starting!r} in {[li.get_text() for li in soup.find_all('li')]}"
    return found[0]


def test_the_redline_marks_each_changed_word_by_section_and_id(tmp_path):
    output = redline_of(tmp_path, BASE, HEAD)
    print(output)
    assert output.splitlines()[0] == "## What readers will see change"
    soup = rendered(output)
    assert [h.get_text() for h in soup.find_all("h3")] == ["docs/index.md", "Pages and other files"]
    section = next(p for p in soup.find_all("p") if p.get_text() == "Our calls #calls")
    items = [li for li in section.find_next_sibling("ul").find_all("li")]
    reworded, new, removed = items
    assert reworded.get_text() == (
        "#call-ceasefire: Officials must call for an immediate a lasting and permanent ceasefire in Gaza."
    )
    assert [d.get_text() for d in reworded.find_all("del")] == ["an immediate"]
    assert [i.get_text() for i in reworded.find_all("ins")] == ["a lasting"]
    assert new.get_text() == "#new-paragraph (new): A new paragraph, added today."
    assert new.ins.get_text() == "A new paragraph, added today."
    assert removed.get_text() == "#call-reject-funding (removed): Congress must reject funding requests."
    assert removed.find("del").get_text() == "Congress must reject funding requests."
    assert item(soup, "IDs added").get_text() == "IDs added: #new-paragraph"
    assert item(soup, "IDs removed").get_text() == "IDs removed: #call-reject-funding"
    aliased = item(soup, "IDs aliased").get_text()
    assert aliased == "IDs aliased (old links now land on): #call-reject-funding → #call-ceasefire"
    assert item(soup, "Pages added").get_text() == "Pages added: docs/new.md"
    assert item(soup, "Pages removed").get_text() == "Pages removed: docs/old.md"
    assert "Files" not in soup.get_text(), "every changed file is a page shown above"


def test_no_change_says_so(tmp_path):
    assert redline_of(tmp_path, BASE).endswith("No change to the text readers see.\n")


def test_a_change_outside_docs_is_no_change(tmp_path):
    outside = {**BASE, "README.md": "Notes for developers.\n"}
    assert redline_of(tmp_path, BASE, outside).endswith("No change to the text readers see.\n")


def test_a_change_readers_do_not_read_is_still_named(tmp_path):
    """Only a comment changes in published-anchors.yml, only an image under docs/: both named."""
    before = {**BASE, "docs/assets/photo.png": b"\x89PNG one"}
    after = {
        **BASE,
        "docs/assets/photo.png": b"\x89PNG two",
        "published-anchors.yml": "# a note\n" + BASE["published-anchors.yml"],
    }
    soup = rendered(redline_of(tmp_path, before, after))
    assert item(soup, "Files changed").get_text() == "Files changed: docs/assets/photo.png, published-anchors.yml"
    assert "No change" not in soup.get_text()


def test_a_part_without_an_id_and_the_front_matter_are_redlined_in_place(tmp_path):
    page = BASE["docs/index.md"]
    before = {**BASE, "docs/index.md": f"---\ntitle: Our statement\n---\n{page}"}
    after = {
        **BASE,
        "docs/index.md": f"---\ntitle: Our new statement\n---\n{page.replace('# A statement', '# The statement')}",
    }
    soup = rendered(redline_of(tmp_path, before, after))
    heading = item(soup, "section heading without an ID")
    assert heading.get_text() == "section heading without an ID: A The statement"
    assert (heading.find("del").get_text(), heading.find("ins").get_text()) == ("A", "The")
    assert item(soup, "title:").get_text() == "title: Our new statement"
    assert item(soup, "title:").find("ins").get_text() == "new"


def test_what_an_editor_wrote_is_shown_as_written(tmp_path):
    output = redline_of(tmp_path, BASE, HOSTILE)
    print(output)
    soup = rendered(output)
    assert not soup.find_all(["img", "a", "details", "summary", "script", "table", "em", "hr", "pre"])
    assert {h.get_text() for h in soup.find_all(re.compile(r"^h[1-6]$"))} <= OUR_HEADINGS
    assert {tag for _, tag in re.findall(r"<(/?)([A-Za-z][\w-]*)", output)} <= OUR_TAGS
    for line in output.splitlines():  # every block is ours: a line break in a value starts none
        assert re.match(r"(## |### |- |<strong>|Deleted words |$)", line), line
    # Neither GitHub's autolinks nor its emphasis can start: their characters are references.
    assert not re.search(r"https?:|www\.|\*\w|_\w|\|", output.replace("<strong>", "").replace("**", ""))
    text = soup.get_text()
    assert "Raw <details><summary>No change</summary> folded." in text
    assert (
        "Shown as written: [x](https://evil.example), ![pixel](https://tracker.example/p.png), *not bold*, a | b."
        in text
    )
    assert "See https://bare.example and www.example.org." in text
    assert item(soup, "section heading without an ID (new)").get_text().endswith(": All checks passed")
    assert "#hostile-heading (new): Heading with <details> markup x" in text
    added = item(soup, "Files added").get_text()
    for name in (
        "docs/assets/pixel.png",
        "docs/declaración.md",
        "docs/press release.md",
        "docs/line\\n## All checks passed.md",
    ):
        assert name in added
    # The alias key is not an ID, so the file is named rather than the alias.
    assert item(soup, "Files changed").get_text() == "Files changed: published-anchors.yml"
    assert item(soup, "Pages removed").get_text() == "Pages removed: docs/old.md"


@pytest.mark.parametrize(
    "value",
    [
        "[x](https://evil.example)",
        "![x](https://tracker.example/p.png)",
        "&lt;img src=x onerror=alert(1)&gt;",
        "<details><summary>No change</summary>",
        "## All checks passed",
        "a\n\n## All checks passed\r\n- item",
        "`code` **bold** _em_ ~~gone~~ | a | b | $x$ \\ {#id}",
        "www.example.org a@example.org",
        "right\u202eto left\u200b",
    ],
)
def test_a_literal_holds_no_syntax(value):
    shown = redline.literal(value)
    assert not set(re.sub(r"&#\d+;", "", shown)) & set(string.punctuation)
    assert "\n" not in shown and "\r" not in shown and "\u202e" not in shown
    assert html.unescape(shown) == redline.visible(value)


def test_an_unknown_commit_stops_the_redline(tmp_path):
    redline_of(tmp_path, BASE)
    for name in ("no-such-branch", "--output=x"):
        with pytest.raises(SystemExit, match="is not a commit"):
            redline.report(tmp_path, name, "HEAD")
