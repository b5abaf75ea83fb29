"""Every input surface passes one gate: the site's settings (mkdocs.yml, config/site.yml),
published-anchors.yml, file names, links and special files under docs/, IDs, invisible
characters. Each bad input gets one message naming its file and line, never a traceback,
whatever its size; nothing from outside the project is published."""

import os
import shutil
from pathlib import Path

import pytest
import yaml
from bad_inputs import settings_corpus
from edits import insert_after, own, own_page, paragraph
from project import ROOT, build_copy, copy_project, source, zensical_build

from statement_site import checks
from statement_site.source.files import CODE_CONFIG, CONFIG_FILE
from statement_site.source.project import Source
from statement_site.source.settings import settings_problems

# -- The settings, read safely before any generator loads them ------------------------------------

SETTINGS = settings_corpus()


def settings_project(folder, entry):
    """The two configuration files of a project, one of them the entry's; a nav that lists every
    page of the repository's model for {nav}."""
    shutil.copytree(ROOT / "config", folder / "config")
    shutil.copy(ROOT / CONFIG_FILE, folder / CONFIG_FILE)
    if entry["data"] is not None:
        nav = "nav:\n" + "".join(f"  - {src}\n" for src in source().pages)
        (folder / CONFIG_FILE).write_bytes(entry["data"].replace(b"{nav}", nav.encode()))
    else:
        code = (folder / CODE_CONFIG).read_text(encoding="utf-8")
        old, new = entry["code"]
        assert old in code, f"{old!r} is not in {CODE_CONFIG}"
        (folder / CODE_CONFIG).write_text(code.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize("entry", [entry for _, entry in SETTINGS], ids=[f"{family}-{entry['name']}" for family, entry in SETTINGS])
def test_the_settings_are_judged_before_any_generator_reads_them(tmp_path, entry):
    """One message, on its file and line, saying what to write: never a generator's own error,
    a traceback or a second message about the same mistake."""
    project = settings_project(tmp_path, entry)
    problems = settings_problems(project)
    assert len(problems) == 1, "one message:\n" + "\n".join(map(str, problems))
    (problem,) = problems
    if entry["data"] is None:
        lines = (project / CODE_CONFIG).read_text(encoding="utf-8").split("\n")
        line = next((n for n, text in enumerate(lines, 1) if entry["at"] in text), None)
        assert (problem.file, problem.line) == (CODE_CONFIG, line), problem
    else:
        assert problem.file == CONFIG_FILE and problem.line == entry.get("line", problem.line), problem
    assert entry["said"] in problem.message and "\n" not in problem.message and "Traceback" not in problem.message, problem


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
@pytest.mark.parametrize("where", [CONFIG_FILE, CODE_CONFIG])
def test_python_in_the_settings_never_runs_under_either_generator(tmp_path, generator, where):
    """What the generators' own loader would run (a directory made), stopped first by `make build`
    and `make build-zensical`."""
    project = copy_project(tmp_path / "project")
    ran = tmp_path / "ran"
    tag = f"!!python/object/apply:os.makedirs ['{ran}']"
    path = project / where
    key = "site_name:" if where == CONFIG_FILE else "site_author:"
    lines = [f"{key} {tag}" if line.startswith(key) else line for line in path.read_text(encoding="utf-8").split("\n")]
    path.write_text("\n".join(lines), encoding="utf-8")
    code, output = (build_copy if generator == "mkdocs" else zensical_build)(project)
    assert code == 1 and not ran.exists(), output
    assert f"ERROR   -  {where}:" in output and ("YAML tags" in output or "this tag is not read here" in output), output



ANCHORS = yaml.safe_load((ROOT / "tests/corpus/anchors.yml").read_text(encoding="utf-8"))["shapes"]


def anchors_file(entry):
    if "repeat" in entry:
        before, unit, times, after = entry["repeat"]
        return (before + "".join(unit.replace("x", str(n)) for n in range(times)) + after).encode()
    if "latin1" in entry:
        return entry["latin1"].encode("latin-1")
    return entry["text"].encode()


@pytest.mark.parametrize("entry", ANCHORS, ids=[entry["name"] for entry in ANCHORS])
def test_published_anchors_yml_is_read_strictly(tmp_path, entry):
    project = copy_project(tmp_path / "project")
    (project / "published-anchors.yml").write_bytes(anchors_file(entry))
    source = Source.read(project)
    problems = [str(p) for p in checks.check(source) if p.file == "published-anchors.yml"]
    if "read" in entry:
        assert not problems and [[a.old, a.new] for a in source.aliases] == entry["read"], problems
        return
    assert len(problems) == 1, "one message:\n" + "\n".join(problems)
    line = int(problems[0].split(":")[1])
    assert 1 <= line <= max(2, anchors_file(entry).count(b"\n") + 1), problems[0]
    assert "Traceback" not in problems[0] and "\n" not in problems[0], problems[0]


LINKS = {
    "a file outside the project": "/etc/passwd",
    "the environment of the build": "/proc/self/environ",
    "the project's own code": "../statement_site",
    "a page of the site": "index.md",
}


@pytest.mark.parametrize("target", LINKS.values(), ids=LINKS)
def test_a_symbolic_link_is_never_published(tmp_path, target):
    project = copy_project(tmp_path / "project")
    link = project / "docs" / "assets" / "leak.png"
    link.parent.mkdir(exist_ok=True)
    os.symlink(target, link)
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert [p for p in problems if p.startswith("docs/assets/leak.png:1: a symbolic link is never published")], problems
    assert "leak.png" not in Source.read(project).files


def test_a_docs_folder_that_leads_elsewhere_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "docs")
    os.symlink(ROOT / "docs", project / "docs")
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert "docs:1: a symbolic link is never published (it can point outside the project): copy the file itself here" in problems
    assert not Source.read(project).pages


def test_a_special_file_is_never_published(tmp_path):
    project = copy_project(tmp_path / "project")
    os.mkfifo(project / "docs" / "pipe.md")
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert "docs/pipe.md:1: only ordinary files are published" in problems


NAMES = {
    "press release.md": "press-release.md",
    "declaración.md": "declaracion.md",
    "De\u0301claration.md": "declaration.md",  # decomposed (NFD)
    "line\nbreak.md": "line-break.md",
    "-dash.md": "dash.md",
    "x" * 90 + ".md": None,
}


@pytest.mark.parametrize("name", NAMES, ids=[repr(n)[:30] for n in NAMES])
def test_a_file_name_an_address_cannot_hold_is_refused_with_one_to_use(tmp_path, name):
    project = copy_project(tmp_path / "project")
    (project / "docs" / name).write_text("# A page\n", encoding="utf-8")
    problems = [p for p in checks.check(Source.read(project)) if "docs/" in p.file and p.file != "docs/index.md"]
    assert len(problems) == 1 and problems[0].line == 1, problems
    if NAMES[name]:
        assert f"such as '{NAMES[name]}'" in problems[0].message, problems[0]


@pytest.mark.parametrize("path", ["stylesheets/extra.css", "javascripts/share.js", "assets/x.mjs", "x.CSS"])
def test_a_stylesheet_or_script_under_docs_is_named_as_code(tmp_path, path):
    """Where the site's own lived once: one message, saying where code lives."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / path).write_text("body { display: none }\n", encoding="utf-8")
    source = Source.read(project)
    problems = [str(p) for p in checks.check(source) if p.file == f"docs/{path}"]
    assert len(problems) == 1 and "is code, not content" in problems[0] and "overrides/assets/" in problems[0], problems
    assert path not in source.files


@pytest.mark.parametrize("path", ["s/x.md", "s.md", "404.md", "s/index.md"])
def test_a_page_at_an_address_the_build_writes_is_refused(tmp_path, path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / path).write_text("# A page\n", encoding="utf-8")
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert [p for p in problems if p.startswith(f"docs/{path}:1: the site writes")], problems


def test_an_id_that_is_a_pages_address_is_refused(tmp_path):
    """`s/edits-page/` would be both the share page of #edits-page and the folder of edits-page.md's."""
    project = copy_project(tmp_path / "project")
    ident = own_page(project).stem
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\nA paragraph.\n{{#{ident}}}\n", encoding="utf-8")
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert [p for p in problems if f"the ID '{ident}' is also the address of a page" in p], problems


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u00ad", "\ufeff"], ids=["RLO", "LRI", "ZWSP", "SHY", "BOM"])
def test_invisible_and_direction_characters_are_named_where_they_are(tmp_path, char):
    project = copy_project(tmp_path / "project")
    index = project / "docs" / "index.md"
    at = insert_after(project, paragraph(project, 0), f"{'A paragraph of the test’s own. ' * 4}\n{{#{own('invisible')}}}") - 1
    lines = index.read_text(encoding="utf-8").split("\n")
    lines[at] = lines[at][:40] + char + lines[at][40:]
    index.write_text("\n".join(lines), encoding="utf-8")
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert [p for p in problems if p.startswith(f"docs/index.md:{at + 1}: the invisible character U+{ord(char):04X}")], problems


def test_every_bad_input_is_judged_within_bounds(tmp_path):
    """A page, an anchors file and front matter far past their bounds: one message each."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "huge.md").write_bytes(b"# x\n\n" + b"A sentence.\n\n" * 20_000)
    (project / "published-anchors.yml").write_bytes(b"index.md:\n  aliases:\n" + b"    a: b\n" * 50_000)
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert [p for p in problems if p.startswith("docs/huge.md:1: the file is")], problems
    assert [p for p in problems if p.startswith("published-anchors.yml:1: the file is")], problems


def test_a_folder_of_many_pages_is_refused_before_it_is_read(tmp_path):
    from statement_site import limits

    project = copy_project(tmp_path / "project")
    for n in range(limits.PAGES + 5):
        (project / "docs" / f"page-{n}.md").write_text("# x\n", encoding="utf-8")
    problems = [str(p) for p in checks.check(Source.read(project))]
    assert [p for p in problems if f"more than {limits.PAGES} pages" in p], problems[:5]


def test_the_checks_never_raise_on_what_is_under_docs(tmp_path):
    """Binary junk in a page, an image that is not one, an empty file: messages, not tracebacks."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "junk.md").write_bytes(bytes(range(256)) * 4)
    (project / "docs" / "assets").mkdir(exist_ok=True)
    (project / "docs" / "assets" / "fake.png").write_bytes(b"not an image")
    (project / "docs" / "empty.md").write_bytes(b"")
    checks.check(Source.read(project))
    assert Path(project / "docs" / "junk.md").exists()


DRAWINGS = {
    "illustrator": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" id="Layer_1" data-name="Layer 1" '
        'viewBox="0 0 100 40"><defs><style>.cls-1{fill:#231f20;stroke:#fff;stroke-miterlimit:10;}</style></defs>'
        '<title>Ceasefire</title><rect class="cls-1" x="0.5" y="0.5" width="99" height="39"/></svg>'
    ),
    "inkscape-plain": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="210mm" height="297mm" '
        'version="1.1" viewBox="0 0 210 297"><defs><linearGradient id="a"><stop offset="0" style="stop-color:#1a237e;stop-opacity:1"/>'
        '</linearGradient><linearGradient xlink:href="#a" id="b" x1="0" x2="1" gradientUnits="userSpaceOnUse"/></defs>'
        '<g transform="translate(10 20) rotate(5)"><path d="M12 8a3 3 0 0 0 3-3" style="fill:url(#b);stroke-width:0.26"/>'
        '<text xml:space="preserve" font-family="Noto Sans, sans-serif" font-size="12">Alto el fuego</text></g></svg>'
    ),
    "figma": (
        '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" xmlns="http://www.w3.org/2000/svg"><g clip-path="url(#clip0)">'
        '<circle cx="12" cy="12" r="10" fill="#4051B5" fill-opacity="0.9"/></g><defs><clipPath id="clip0"><rect width="24" '
        'height="24" fill="white"/></clipPath></defs></svg>'
    ),
}


@pytest.mark.parametrize("name", DRAWINGS)
def test_a_drawing_as_editors_export_it_passes(name):
    """The SVG allowlist holds what drawing programs write: classes in a <style>, gradients,
    clip paths, `xml:space`, `data-name`; it refuses only what reaches outside (tests/corpus/files.yml)."""
    from statement_site.svg import svg_problems

    assert svg_problems(DRAWINGS[name].encode()) == []


HOSTS = {
    "https://exаmple.org/": "'а' (U+0430, CYRILLIC SMALL LETTER A)",
    "https://xn--exmple-4nf.org/": "'а' (U+0430, CYRILLIC SMALL LETTER A)",
    "https://ex%D0%B0mple.org/": "'а' (U+0430, CYRILLIC SMALL LETTER A)",
    "https://аррӏе.com/": "'а' (U+0430, CYRILLIC SMALL LETTER A)",
    "https://gοοgle.com/": "'ο' (U+03BF, GREEK SMALL LETTER OMICRON)",
    "//pаypal.com/": "'а' (U+0430, CYRILLIC SMALL LETTER A)",
    "https://www.ilrc.org/": None,
    "https://münchen.de/": None,
    "https://пример.рф/": None,
    "https://аррӏе.рф/": None,  # a Cyrillic top-level label: Cyrillic letters are what it means
    "https://παράδειγμα.δοκιμή/": None,
    "https://日本語ドメイン.jp/": None,
    "https://ドメインname.jp/": None,  # Latin with Japanese, as Japanese names are written
}


@pytest.mark.parametrize("url", HOSTS)
def test_a_host_that_only_looks_like_another_is_no_link(url):
    """As browsers judge a host (UTS #39, per label): one that mixes scripts names the character."""
    from statement_site import allowlist

    problem = allowlist.url_problem(url, allow_remote=True)
    if HOSTS[url] is None:
        assert problem is None, problem
    else:
        assert HOSTS[url] in problem and "browsers show the host as xn--" in problem, problem


def test_an_explicit_link_to_a_look_alike_is_one_message_on_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "giving.md").write_text("# Giving\n\nGive [here](https://exаmple.org/give) or at www.exаmple.org today.\n", encoding="utf-8")
    problems = [str(p) for p in checks.check(Source.read(project)) if p.file == "docs/giving.md" and "href=" in p.message]
    assert len(problems) == 2 and all(p.startswith("docs/giving.md:3: href=") and "only looks like another" in p for p in problems), problems
    page = Source.read(project).pages["giving.md"]
    assert not page.links, "a look-alike host is made no link"
