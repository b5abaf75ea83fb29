"""How editors edit, as CONTRIBUTING.md (or GitHub's preview) shows them: the ordinary edits of
each class, which must pass, and the mistakes, with the words the editor must read. Each finds
what it touches through the model (the home page's first section, its last list item…), never in
today's wording, and writes only names of its own (`own()`: IDs, footnote labels, pages, images),
which no editor's page holds: whatever editors merge, the edits still apply, and apply again
over a `main` that holds them already. tests/check/test_editors.py judges them with the editor
checks; test_generators.py builds them all with MkDocs and with Zensical."""

import hashlib
import random
import re
from pathlib import Path

from languages import SAMPLES, add_page_in
from mkdocs_yml import add_language_switch, add_to_nav, lines_of, list_indent, yaml_block
from PIL import Image
from project import ROOT, git

from statement_site.source.files import WorkTree
from statement_site.source.pages import read_page
from statement_site.source.project import Source
from statement_site.source.render import Renderer
from statement_site.source.settings import read_config


def free_prefix(root, wanted="edits"):
    """The prefix of every name the edits write: `edits`, or `edits2`, `edits3`… when the
    project's content already holds a name that starts so (its `main` may hold these very edits)."""
    docs = Path(root) / "docs"
    held = [path.relative_to(docs).as_posix() for path in docs.rglob("*")]
    held += [path.read_text(encoding="utf-8", errors="replace") for path in docs.rglob("*.md")]
    held += [(Path(root) / name).read_text(encoding="utf-8") for name in ("mkdocs.yml", "published-anchors.yml") if (Path(root) / name).is_file()]
    taken = "\n".join(held)
    prefix, n = wanted, 1
    while re.search(rf"(?<![\w-]){prefix}-", taken):
        n += 1
        prefix = f"{wanted}{n}"
    return prefix


PREFIX = free_prefix(ROOT)


def own(name):
    """A name of the edits' own: `edits-emoji`, `edits-es.md`."""
    return f"{PREFIX}-{name}"


SETTINGS_FILES = ("mkdocs.yml", "config/site.yml")


def model(project):
    """What a project's pages and settings say (Source.read), read again only when they changed:
    edits and mistakes ask it several times between two writes, and copies of one project hold
    the same content, so they share one model (its `root` is the first copy's: ask it what the
    pages say, not where the project is)."""
    root = Path(project)
    files = [*SETTINGS_FILES, "published-anchors.yml", *(p.relative_to(root) for p in sorted((root / "docs").rglob("*")))]
    return remembered(("model", digest_of(root, files)), lambda: Source.read(root))


def home(project):
    """The model of the home page (the statement), wherever the editors keep it: read alone, as
    the whole model reads it (settings, then the page), again only when either changed; edits
    ask for it after each change to some other page or file."""
    root = Path(project)
    src = home_file(root).relative_to(root / "docs").as_posix()

    def read():
        tree = WorkTree(root)
        config = read_config(tree, ignored)
        titles = {entry.src: entry.title for entry in config.nav if entry.src}
        return read_page(tree, f"docs/{src}", src, Renderer(config), titles.get(src), ignored)

    return remembered(("home", src, digest_of(root, [*SETTINGS_FILES, f"docs/{src}"])), read)


def digest_of(root, files):
    """A digest of the files' names and bytes (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for name in files:
        path = root / name
        digest.update(f"\0{name}\0".encode() + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()


def remembered(key, read):
    """What `read()` gives, kept under `key` with the last three others read."""
    if key not in MODELS:
        if len(MODELS) >= 4:
            MODELS.pop(next(iter(MODELS)))
        MODELS[key] = read()
    return MODELS[key]


MODELS = {}  # (what, content digest) -> its model, or its home page's


def ignored(*problem):
    """What a reading finds wrong: the checks say it, not the edits."""


def home_file(project):
    """The home page's file: index.md, as MkDocs names it (README.md where there is none)."""
    docs = Path(project) / "docs"
    return docs / "index.md" if (docs / "index.md").is_file() else docs / "README.md"


def home_name(project):
    """The home page's file as messages name it: "docs/index.md"."""
    return home_file(project).relative_to(project).as_posix()


def block_end(lines, part):
    """The line after a part's block (its ID line included), counted from 0."""
    end = part.line
    while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith(("- ", "#", "///")):
        end += 1
    return end


def insert_after(project, part, markdown, page=None, blank=True):
    """Add `markdown` after a part of the home page (or of `page`, a Path), a blank line before
    it: the line it starts on."""
    path = page or home_file(project)
    lines = lines_of(path)
    end = block_end(lines, part)
    lines[end:end] = ["", *markdown.split("\n")] if blank else markdown.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return end + (2 if blank else 1)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def replace_on_line(path, number, old, new):
    """`old` replaced by `new` on line `number` (from 1) of `path`."""
    lines = lines_of(path)
    assert old in lines[number - 1], f"{old!r} is not on line {number} of {path.name}"
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def paragraphs(project):
    """The home page's paragraphs with an ID, on the page itself (not in a notice or a list)."""
    return [p for p in home(project).parts if p.kind == "paragraph" and p.explicit and p.container is None]


def paragraph(project, n):
    """The home page's nth paragraph with an ID, or its last when it has fewer."""
    found = paragraphs(project)
    return found[min(n, len(found) - 1)]


def items(project):
    return [p for p in home(project).parts if p.kind == "item" and p.container is None]


def under_the_title(project):
    """The deck under the home page's title, else its title: where a notice goes."""
    parts = home(project).parts
    return next((p for p in parts if "md-deck" in p.classes), None) or next(p for p in parts if p.kind == "heading")


def add_alias(project, old, new, page="index.md"):
    """Under `aliases:` of the page, the line `old-id: new-id`, as the build's message says."""
    listing = Path(project) / "published-anchors.yml"
    lines = lines_of(listing) if listing.is_file() else []
    found = yaml_block(lines, page)
    if found is None:
        lines += [f"{page}:", "  aliases:", f"    {old}: {new}"]
    else:
        at, end = found
        aliases = yaml_block(lines, "aliases", indent="  ", start=at, stop=end)
        if aliases is None:
            lines.insert(at + 1, "  aliases:")
            aliases = (at + 1, at + 2)
        lines.insert(aliases[0] + 1, f"    {old}: {new}")
    listing.write_text("\n".join(lines), encoding="utf-8")


def rename_id(project, old, new, page="index.md"):
    """`{#old}` renamed `{#new}` on the page, as the build then asks: the alias `old: new`, and
    the aliases that led to #old lead to #new."""
    path = Path(project) / "docs" / page
    part = model(project).pages[page].ids[old]
    replace_on_line(path, part.id_line or part.line, f"{{#{old}}}", f"{{#{new}}}")
    listing = Path(project) / "published-anchors.yml"
    lines = lines_of(listing) if listing.is_file() else []
    found = yaml_block(lines, page)
    for n in range(*(found or (0, 0))):
        lines[n] = re.sub(rf"^(\s+[a-z0-9-]+):\s*{re.escape(old)}\s*$", rf"\1: {new}", lines[n])
    if lines:
        listing.write_text("\n".join(lines), encoding="utf-8")
    add_alias(project, old, new, page)


def add_move(project, old, new):
    """`old:` and `moved: new` under it in published-anchors.yml, as the build's message says."""
    listing = Path(project) / "published-anchors.yml"
    lines = lines_of(listing) if listing.is_file() else []
    found = yaml_block(lines, old)
    if found is None:
        lines += [f"{old}:", f"  moved: {new}"]
    else:
        lines.insert(found[0] + 1, f"  moved: {new}")
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")


OWN_PAGE = "---\ndescription: A page of the edits' own.\n---\n\n# A page of its own\n\nIts words.\n"


def own_page(project, text=OWN_PAGE):
    """A page of the edits' own, in the nav: its path."""
    name = f"{own('page')}.md"
    (Path(project) / "docs" / name).write_text(text, encoding="utf-8")
    add_to_nav(project, "A page of its own", name)
    return Path(project) / "docs" / name


def draw_image(path, size=(40, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (64, 81, 181)).save(path)


# -- The ordinary edits, by class (each must pass) -------------------------------------------------


def fix_a_typo(project):
    """The last word of the first paragraph, changed where it is written."""
    part = paragraph(project, 0)
    path = home_file(project)
    line = part.line + len(part.text.split("\n")) - 1 if part.id_line is None else part.id_line - 1
    word = lines_of(path)[line - 1].split()[-1]
    replace_on_line(path, line, word, word.rstrip(".") + "s.")


def reword_a_heading(project):
    section = next(p for p in home(project).parts if p.kind == "heading" and p.explicit and p.level > 1)
    path = home_file(project)
    marker = "#" * section.level
    lines = lines_of(path)
    lines[section.line - 1] = f"{marker} Our new heading {{#{section.id}}}"
    path.write_text("\n".join(lines), encoding="utf-8")


def add_a_paragraph(project):
    insert_after(project, paragraph(project, 0), f"A new paragraph of the statement.\n{{#{own('paragraph')}}}")


def add_a_call(project):
    insert_after(project, items(project)[-1], f"- Public officials must read this new call.\n  {{#{own('call')}}}", blank=False)


def remove_a_shared_call(project):
    """Delete the call's lines (its words and its ID), and send its links to the first call, as
    the message says."""
    first, last = items(project)[0], items(project)[-1]
    path = home_file(project)
    lines = lines_of(path)
    del lines[last.line - 1 : last.id_line or last.line]
    path.write_text("\n".join(lines), encoding="utf-8")
    add_alias(project, last.id, first.id, home(project).src)


def add_an_image(project):
    draw_image(Path(project) / f"docs/assets/{own('vigil')}.png")
    insert_after(project, paragraph(project, 0), f"![Candles at a vigil for peace](assets/{own('vigil')}.png)")


def add_an_outside_link(project):
    insert_after(project, paragraph(project, -1), f"Read the [United Nations' appeal](https://www.un.org/en/) in full.\n{{#{own('appeal')}}}")


def add_an_update_notice(project):
    insert_after(
        project,
        under_the_title(project),
        "/// note | Updated 1 December 2026\nThe figures in this statement were updated on 1 December 2026.\n///",
    )


def add_a_table(project):
    """As GitHub's preview shows it, under a paragraph: no ID asked of a table."""
    insert_after(project, paragraph(project, 1), "| Year | People |\n| :--- | ---: |\n| 2023 | 16,314 |\n| 2024 | 40,000 |")


def at_the_end(path, markdown):
    """`markdown` at the end of a page, a blank line before it, as an editor adds it: its line."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{markdown.strip()}\n", encoding="utf-8")
    return text.count("\n") + 3


def add_footnote(project, part, label, note):
    """A mark at the end of the part's first line, and the note at the end of the page."""
    path = home_file(project)
    lines = lines_of(path)
    lines[part.line - 1] += f"[^{label}]"
    path.write_text("\n".join(lines), encoding="utf-8")
    at_the_end(path, f"[^{label}]: {note}")


def add_a_footnote(project):
    add_footnote(project, paragraph(project, 1), own("source"), "Gaza Health Ministry, figures of August 2024.")


def add_a_quote(project):
    insert_after(project, paragraph(project, 2), f"> Peace cannot wait.\n> {{#{own('quote')}}}")


def strike_a_word(project):
    insert_after(project, paragraph(project, -1), f"The figure was ~~40,000~~ 41,000.\n{{#{own('corrected')}}}")


def write_a_hashtag(project):
    insert_after(project, paragraph(project, -1), f"#CeasefireNow is trending.\n{{#{own('hashtag')}}}")


def images_in_a_list_and_a_notice(project):
    image = f"![A white flag](assets/{own('flag')}.png)"
    draw_image(Path(project) / f"docs/assets/{own('flag')}.png")
    insert_after(project, items(project)[0], f"- A call with a picture {image}\n  {{#{own('call-picture')}}}", blank=False)
    insert_after(project, under_the_title(project), f"/// warning | Correction\nA figure was corrected.\n\n{image}\n///")


def every_kind_in_a_list_item_and_a_notice(project):
    """A footnote, struck words and a hashtag in a call; a table, a quote and a footnote in a notice."""
    act, figures = own("act"), own("figures")
    insert_after(
        project,
        items(project)[0],
        f"- Officials must act now[^{act}], not ~~later~~ soon. #CeasefireNow\n  {{#{own('call-act-now')}}}",
        blank=False,
    )
    insert_after(
        project,
        under_the_title(project),
        f"/// note | Figures\n| Year | People |\n| :--- | ---: |\n| 2024 | 41,000 |\n\n> As reported.[^{figures}]\n///",
    )
    at_the_end(home_file(project), f"[^{act}]: As the calls say.\n\n[^{figures}]: Gaza Health Ministry.")


def add_a_button(project):
    insert_after(project, paragraph(project, -1), f"[Sign the letter](https://www.ilrc.org/){{ .md-button .md-button--primary }}\n{{#{own('sign')}}}")


WEB_ADDRESS = "https://www.ilrc.org/"
EMAIL_ADDRESS = "info@ilrc.org"


def write_out_addresses(project):
    """A web address and an e-mail address written out, as GitHub's preview links them."""
    insert_after(project, paragraph(project, -1), f"Write to <{EMAIL_ADDRESS}> or read more at {WEB_ADDRESS}\n{{#{own('write-to-us')}}}")


GITHUB_NOTICE = "The figures in this statement were checked again on 2 December 2026."


def add_a_notice_as_github_writes_it(project):
    """GitHub's own notice syntax, as its help pages and its preview show it: no ID asked."""
    insert_after(project, under_the_title(project), f"> [!NOTE]\n> {GITHUB_NOTICE}")


def add_a_page(project):
    (Path(project) / f"docs/{own('updates')}.md").write_text(
        "---\ndescription: What changed & why, in the ILRC's words.\n---\n\n# Updates\n\n"
        f"What changed in the statement, and when.\n{{#{own('updates-intro')}}}\n",
        encoding="utf-8",
    )
    add_to_nav(project, "Updates", f"{own('updates')}.md")


SPANISH_PAGE = """\
---
lang: es
description: El Centro de Recursos Legales para Inmigrantes pide un alto el fuego permanente.
---

# El ILRC pide un alto el fuego permanente

Un alto el fuego permanente es el primer paso hacia la paz y la estabilidad en la región.
{{#{id}}}
"""


def spanish_page(project, page=SPANISH_PAGE):
    """The page in Spanish, of the edits' own, and its nav line: (its name, its address)."""
    name = f"{own('es')}.md"
    (Path(project) / "docs" / name).write_text(page.format(id=own("primer-paso")), encoding="utf-8")
    add_to_nav(project, "Español", name)
    return name, f"{own('es')}/"


def add_a_page_in_spanish(project):
    """CONTRIBUTING.md, "A page in another language": the page, its nav line, the language
    switch, and a link from the statement."""
    name, address = spanish_page(project)
    add_language_switch(project, [("English", "./", model(project).config.language), ("Español", address, "es")], model(project).config)
    insert_after(project, paragraph(project, -1), f"[Leer en español]({name})\n{{#{own('en-espanol')}}}")


# The site's settings as an editor writes them (CONTRIBUTING.md, "The site's settings"): a colon
# and an ampersand in the title, quotes and a dash in the description, a symbol in the copyright
# line, a menu entry to another site whose title has a colon.
SETTINGS = {
    "site_name": "ILRC: Calls for a Permanent Ceasefire & Peace",
    "site_description": "The ILRC’s statement : “a permanent ceasefire” — the first step towards peace",
    "copyright": "© 2026 Immigrant Legal Resource Center (ILRC) — all rights reserved",
}
OUTSIDE_IN_NAV = ("ILRC: our organisation", "https://www.ilrc.org/")


def write_the_sites_settings(project):
    for key, value in SETTINGS.items():
        setting_line(project, key, f"{key}: '{value}'")
    add_to_nav(project, f'"{OUTSIDE_IN_NAV[0]}"', OUTSIDE_IN_NAV[1])


def add_a_page_in_persian(project):
    """A translation into a language written right to left, with the non-joiners its spelling
    needs (آتش‌بس): the page, its nav line, the language switch, a link from the statement."""
    add_page_in(project, "fa", "edits-persian", "edits-persian")
    insert_after(project, paragraphs(project)[-1], f"[{SAMPLES['fa'].name}](edits-persian.md)\n{{#edits-to-persian}}")


def add_a_page_in_chinese(project):
    """A translation into a language written without spaces, its paragraph longer than a title."""
    add_page_in(project, "zh", "edits-chinese", "edits-chinese")
    insert_after(project, paragraphs(project)[-1], f"[{SAMPLES['zh'].name}](edits-chinese.md)\n{{#edits-to-chinese}}")


def note_a_change_for_readers(project):
    """A note first under `changes:` in the home page's front matter (added, with the front
    matter, when it has none)."""
    path = home_file(project)
    lines = lines_of(path)
    note = ["- date: 2026-12-01", "  note: The figures were updated."]
    closing = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None) if lines[0] == "---" else None
    if closing is None:
        lines[0:0] = ["---", "changes:", *(f"  {line}" for line in note), "---", ""]
    else:
        found = yaml_block(lines, "changes", start=1, stop=closing)
        if found is None:
            lines[1:1] = ["changes:", *(f"  {line}" for line in note)]
        else:
            indent = list_indent(lines, found[0] + 1, found[1], "  ")
            lines[found[0] + 1 : found[0] + 1] = [indent + line for line in note]
    path.write_text("\n".join(lines), encoding="utf-8")


# -- Habits of GitHub's preview and of Material's documentation, as editors first write them ------
# (CONTRIBUTING.md, "Habits from GitHub and Material").

EMOJI_PARAGRAPH = ":dove: Peace now, and :heart: for every family."


def write_emoji_as_on_github(project):
    insert_after(project, paragraph(project, -1), f"{EMOJI_PARAGRAPH}\n{{#{own('emoji')}}}")


TASKS = (("A letter to Congress was sent.", True), ("A meeting with officials is planned.", False))


def tick_tasks_as_on_github(project):
    """A task list, one box ticked: GitHub's `- [x]` and `- [ ]`."""
    lines = [f"- [{'x' if done else ' '}] {words}\n  {{#{own(f'task-{n}')}}}" for n, (words, done) in enumerate(TASKS, 1)]
    insert_after(project, paragraph(project, -1), f"We report on each call:\n{{#{own('tasks')}}}\n\n" + "\n".join(lines))


ADDRESS_LINES = ("Immigrant Legal Resource Center", "San Francisco, California", "November 2023")


def break_lines_as_on_github(project):
    """A line ending in a backslash, and one ending in two spaces: both break there."""
    first, second, third = ADDRESS_LINES
    insert_after(project, paragraph(project, -1), f"{first}\\\n{second}  \n{third}\n{{#{own('address')}}}")


MATERIAL_NOTICE = ("Sources", "The figures are those the Gaza Health Ministry gave in August 2024.")


def write_a_notice_as_material_shows_it(project):
    title, text = MATERIAL_NOTICE
    insert_after(project, paragraph(project, 0), f'!!! info "{title}"\n    {text}')


DEFINITION = ("Ceasefire", "An end to the fighting, agreed by both sides.")


def define_a_term(project):
    term, definition = DEFINITION
    insert_after(project, paragraph(project, 0), f"{term}\n:   {definition}")


ABBREVIATION = ("UNRWA", "United Nations Relief and Works Agency")


def explain_an_abbreviation(project):
    short, long = ABBREVIATION
    insert_after(project, paragraph(project, -1), f"{short} runs schools and clinics.\n{{#{own('abbreviation')}}}")
    at_the_end(home_file(project), f"*[{short}]: {long}")


EDITORS_NOTE = "Keep in step with the press release"


def leave_a_note_for_editors(project):
    """HTML comments, hidden as GitHub's preview hides them: on lines of their own (one over two
    paragraphs) and within a line."""
    insert_after(
        project,
        paragraph(project, 1),
        f"<!-- {EDITORS_NOTE}. -->\n\nWe stand with every family.<!-- {EDITORS_NOTE}, too. -->\n{{#{own('note')}}}\n\n"
        f"<!--\n{EDITORS_NOTE}:\n\nthe figures above.\n-->",
    )


CITED_ADDRESS = "https://www.un.org/en/"


def cite_a_source_by_its_address(project):
    """A footnote that ends in its source's address, the usual way to cite."""
    add_footnote(project, paragraph(project, 2), own("citation"), f"United Nations, {CITED_ADDRESS}.")


CAPTIONS = {own("figure"): "Candles at the vigil in San Francisco.", own("figure-blocks"): "The march, as it reached City Hall."}


def caption_an_image_as_on_github(project):
    """An image and an emphasised line under it, as GitHub's preview shows a caption."""
    figure = own("figure")
    draw_image(Path(project) / f"docs/assets/{figure}.png")
    insert_after(project, paragraph(project, 0), f"![People holding candles](assets/{figure}.png)\n*{CAPTIONS[figure]}*\n{{#{figure}}}")


def caption_an_image_as_material_shows_it(project):
    """`/// caption` under a linked image, as Material's documentation writes a caption."""
    figure = own("figure-blocks")
    draw_image(Path(project) / f"docs/assets/{figure}.png")
    insert_after(
        project,
        paragraph(project, -1),
        f"[![A march on a wide street](assets/{figure}.png)](https://www.ilrc.org/)\n{{#{figure}}}\n\n/// caption\n{CAPTIONS[figure]}\n///",
    )


def give_the_title_an_id(project):
    """The page's title, given an ID as a section's is: a link may end in it, and it has no share
    address (a link to the title is a link to the page)."""
    title = next(p for p in home(project).parts if p.kind == "heading" and p.level == 1)
    if title.explicit:
        return  # the editors gave it one
    path = home_file(project)
    lines = lines_of(path)
    lines[title.line - 1] = lines[title.line - 1].rstrip() + f" {{#{own('title')}}}"
    path.write_text("\n".join(lines), encoding="utf-8")


def link_an_image(project):
    draw_image(Path(project) / f"docs/assets/{own('linked')}.png")
    insert_after(project, paragraph(project, -1), f"[![The ILRC's logo](assets/{own('linked')}.png)](https://www.ilrc.org/)\n{{#{own('linked-image')}}}")


PRESS_LINE = ("+1 (415) 255-9499", "tel:+14152559499")


def offer_a_telephone_number(project):
    """A press contact: an e-mail address and a number a phone calls when tapped."""
    words, address = PRESS_LINE
    insert_after(project, paragraph(project, -1), f"Press: <press@ilrc.org>, or call [{words}]({address}).\n{{#{own('press-line')}}}")


def link_to_a_part_by_its_id(project):
    """`[words](#id)` to a section of the same page, as CONTRIBUTING.md shows it."""
    section = next(p for p in home(project).parts if p.kind == "heading" and p.explicit and p.level > 1)
    insert_after(project, paragraph(project, -1), f"Read [that section](#{section.id}) again.\n{{#{own('read-again')}}}")


def paragraphs_in_a_row(page):
    """The first two paragraphs with an ID that follow each other on a page."""
    return next((a, b) for a, b in zip(page.parts, page.parts[1:]) if all(p.kind == "paragraph" and p.explicit and p.container is None for p in (a, b)))


def merge_two_paragraphs(project):
    """Two paragraphs in a row become one, which keeps the first's ID; the second's links are
    sent to it with the alias the build asks for."""
    first, second = paragraphs_in_a_row(home(project))
    path = home_file(project)
    lines = lines_of(path)
    words = lines[second.line - 1 : second.id_line - 1]
    lines[first.id_line - 2] += " " + " ".join(words)
    del lines[first.id_line - 1 : second.id_line - 1]  # the first's ID line, the blank, the second's words
    lines[first.id_line - 1] = lines[first.id_line - 1].replace(f"{{#{second.id}}}", f"{{#{first.id}}}")
    path.write_text("\n".join(lines), encoding="utf-8")
    add_alias(project, second.id, first.id, home(project).src)


TIMELINE = ("7 October 2023", "27 October 2023")


def add_a_sourced_timeline(project):
    """A table whose cells cite their sources in footnotes."""
    first, second = TIMELINE
    insert_after(
        project,
        paragraph(project, 1),
        f"| Date | What happened |\n| :--- | :--- |\n| {first} | The attacks.[^{own('tl-1')}] |\n| {second} | The ground operation.[^{own('tl-2')}] |",
    )
    at_the_end(home_file(project), f"[^{own('tl-1')}]: Reuters, https://www.reuters.com/.\n\n[^{own('tl-2')}]: United Nations, https://news.un.org/.")


SECOND_STATEMENT = (
    "One year on",  # its line in the nav: not its title
    "The ILRC Renews Its Call for a Permanent Ceasefire",
)


def add_a_second_statement_in_a_nav_section(project):
    """A page of its own with a deck, sections and calls, listed in a nav section under a label
    that is not its title, beside a page in Arabic and one in Chinese (the language switch
    offers them)."""
    label, title = SECOND_STATEMENT
    pages = {
        own("statement"): (
            label,
            f"# {title}\n\nOne year on, we renew our call\n{{.md-deck}}\n\n## One year on {{#{own('one-year-on')}}}\n\n"
            f"The war goes on, and so does our call.\n{{#{own('goes-on')}}}\n\n"
            f"- Public officials must call for a permanent ceasefire now.\n  {{#{own('ask-ceasefire')}}}\n"
            f"- Congress must stop funding the war.\n  {{#{own('ask-funding')}}}\n",
        ),
        own("ar"): ("العربية", f"---\nlang: ar\n---\n\n# وقف دائم لإطلاق النار\n\nيمكن أن يكون وقف إطلاق النار الدائم الخطوة الأولى نحو السلام.\n{{#{own('ar-first')}}}\n"),
        own("zh"): ("中文", f"---\nlang: zh\n---\n\n# 永久停火\n\n永久停火可以成为迈向和平与稳定的第一步。\n{{#{own('zh-first')}}}\n"),
    }
    for name, (_, text) in pages.items():
        (Path(project) / f"docs/{name}.md").write_text(text, encoding="utf-8")
    path = Path(project) / "mkdocs.yml"
    lines = lines_of(path)
    at, end = yaml_block(lines, "nav")
    indent = list_indent(lines, at + 1, end, "  ")
    lines[end:end] = [f"{indent}- The edits' pages:", *(f"{indent}    - {label}: {name}.md" for name, (label, _) in pages.items())]
    path.write_text("\n".join(lines), encoding="utf-8")
    switch = [("English", "./", model(project).config.language), ("العربية", f"{own('ar')}/", "ar"), ("中文", f"{own('zh')}/", "zh")]
    add_language_switch(project, switch, model(project).config)


def publish_and_rename_a_page(project, text=None, name="renamed-page"):
    """A page of the edits' own, published (committed), then renamed with its nav line: (its
    old path, its new one). The build then asks for the lines that keep its old address."""
    old = own_page(project, text or OWN_PAGE)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "A page, published before it is renamed")
    new = old.with_name(f"{own(name)}.md")
    old.rename(new)
    replace(Path(project) / "mkdocs.yml", f": {old.name}", f": {new.name}")
    return old, new


def rename_a_published_page(project):
    """A page published earlier, renamed: its old address is kept with the lines the build asks
    for (`moved:`)."""
    old, new = publish_and_rename_a_page(project, f"# A page renamed\n\nIts words.\n{{#{own('renamed-words')}}}\n", name="new-name")
    add_move(project, old.name, new.name)


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
        add_a_table,
        add_a_footnote,
        add_a_quote,
        strike_a_word,
        write_a_hashtag,
        images_in_a_list_and_a_notice,
        every_kind_in_a_list_item_and_a_notice,
        add_a_button,
        write_out_addresses,
        add_a_notice_as_github_writes_it,
        add_a_page,
        add_a_page_in_spanish,
        write_the_sites_settings,
        add_a_page_in_persian,
        add_a_page_in_chinese,
        note_a_change_for_readers,
        write_emoji_as_on_github,
        tick_tasks_as_on_github,
        break_lines_as_on_github,
        write_a_notice_as_material_shows_it,
        define_a_term,
        explain_an_abbreviation,
        leave_a_note_for_editors,
        cite_a_source_by_its_address,
        caption_an_image_as_on_github,
        caption_an_image_as_material_shows_it,
        link_an_image,
        give_the_title_an_id,
        offer_a_telephone_number,
        link_to_a_part_by_its_id,
        merge_two_paragraphs,
        add_a_sourced_timeline,
        add_a_second_statement_in_a_nav_section,
        rename_a_published_page,
    ]
}


# -- The mistakes, and what the editor reads -----------------------------------------------------


def after_first_paragraph(markdown):
    def mistake(project):
        return home_name(project), insert_after(project, paragraph(project, 0), markdown)

    return mistake


def at_the_end_of_the_page(markdown):
    """A mistake at the end of the home page, where nothing after it can close what it opens."""

    def mistake(project):
        return home_name(project), at_the_end(home_file(project), markdown)

    return mistake


def spanish_page_without_the_switch(project):
    """The page in Spanish says its language, and nothing else is done: the message names the
    lines of mkdocs.yml as they are after its nav line."""
    path, line = spanish_page_without_lang(project)
    replace_front_matter(project)
    after = model(project)
    wanted = [("English", "./", after.config.language), ("Español", f"{own('es')}/", "es")]
    return path, line, f"this page is in Español (lang: es), but the language switch does not offer it: add {switch_advice(after, wanted)}"


def heavy_image(project):
    name = f"assets/{own('poster')}.png"
    path = Path(project) / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    # Noise does not compress: 700 × 500 pixels of it make a 1.05 MB PNG.
    Image.frombytes("RGB", (700, 500), random.Random(0).randbytes(700 * 500 * 3)).save(path)
    after_first_paragraph(f"![A poster calling for a ceasefire]({name})\n{{#{own('poster')}}}")(project)
    return f"docs/{name}", 1


def spanish_page_without_lang(project):
    name, _ = spanish_page(project, SPANISH_PAGE.replace("lang: es\n", ""))
    return f"docs/{name}", 1


def aliases_line(project, page="index.md"):
    """The line of `aliases:` under the page in published-anchors.yml (from 1)."""
    lines = lines_of(Path(project) / "published-anchors.yml")
    at, end = yaml_block(lines, page)
    return yaml_block(lines, "aliases", indent="  ", start=at, stop=end)[0] + 1


def flow_style_aliases(project):
    add_alias(project, own("old-id"), items(project)[0].id)
    line = aliases_line(project)
    replace_on_line(Path(project) / "published-anchors.yml", line, "aliases:", "aliases: {}")
    return "published-anchors.yml", line


def renamed_without_alias(project):
    git(project, "add", "-A")  # nothing to add: the copy is as published
    call = items(project)[-1]
    replace_on_line(home_file(project), call.id_line or call.line, f"{{#{call.id}}}", f"{{#{own('call-renamed')}}}")
    return "published-anchors.yml", aliases_line(project, home(project).src)


def a_nav_title_with_a_colon(project):
    """A new page's nav line whose title has a colon: YAML reads it as a key in a key."""
    (Path(project) / f"docs/{own('press')}.md").write_text("# Press release\n\nFor the press.\n", encoding="utf-8")
    return "mkdocs.yml", add_to_nav(project, "Press: 3 December", f"{own('press')}.md")


FRENCH_PAGE = """\
---
lang: fr
description: L’ILRC : un appel pour un cessez-le-feu permanent
---

# L’ILRC appelle à un cessez-le-feu permanent

Un cessez-le-feu permanent est le premier pas vers la paix.
{{#{id}}}
"""


def a_french_description_with_a_colon(project):
    """French puts a space before a colon: YAML reads ' : ' as a key in a key, as ': '."""
    name = f"{own('fr')}.md"
    (Path(project) / "docs" / name).write_text(FRENCH_PAGE.format(id=own("premier-pas")), encoding="utf-8")
    add_to_nav(project, "Français", name)
    return f"docs/{name}", 3


def setting_line(project, key, *lines):
    """mkdocs.yml with the lines of `key` (its own, and those indented under it) replaced by
    `lines`, or with `lines` at its end when it has no `key`: (the file, the first line's number)."""
    path = Path(project) / "mkdocs.yml"
    text = lines_of(path)
    at, end = yaml_block(text, key) or (len(text), len(text))
    text[at:end] = lines
    path.write_text("\n".join(text), encoding="utf-8")
    return "mkdocs.yml", at + 1


def last_item(source):
    home = next(page for page in source.pages.values() if page.url == "")
    return [p for p in home.parts if p.kind == "item" and p.container is None][-1].id


LOOK_ALIKE = own("m\u0456ssion")  # with a Cyrillic і

# name -> (the mistake, returning (file, line); what the editor reads after `file:line: `, or a
# function of the model before the mistake that says it)
MISTAKES = {
    "paragraph-without-id": (
        after_first_paragraph("Nobody can link to this paragraph."),
        "this paragraph has no ID, so nobody can link to it: add a line '{#nobody-can-link}' right under it.",
    ),
    "call-without-id": (
        lambda project: (home_name(project), insert_after(project, items(project)[-1], "- Congress must act now.", blank=False)),
        "this list item has no ID, so nobody can link to it: add a line '  {#congress-must-act}' right under it, "
        "indented like its text.",
    ),
    "quote-without-id": (
        after_first_paragraph("> Peace cannot wait."),
        "this quotation has no ID, so nobody can link to it: add a line '> {#peace-cannot-wait}' right under it.",
    ),
    "section-without-id": (
        after_first_paragraph("## A new section"),
        "this section heading has no ID, so nobody can link to it: write it at the end of the heading's line: "
        "'## A new section {#a-new-section}'.",
    ),
    "an-id-with-a-space": (
        lambda project: (lambda at: (home_name(project), at + 1))(after_first_paragraph("A paragraph.\n{# a-paragraph}")(project)[1]),
        "this ID is not read as one: write it as {#some-id}, on one line, with no spaces, and close it with '}'.",
    ),
    "a-headings-id-under-it": (
        after_first_paragraph("## A new section\n{#a-new-section}"),
        "an ID on the line under a heading is not read: write it at the end of the heading's line: "
        "'## A new section {#a-new-section}'.",
    ),
    "image-without-alt-text": (
        lambda project: (draw_image(Path(project) / f"docs/assets/{own('vigil')}.png"), after_first_paragraph(f"![](assets/{own('vigil')}.png)")(project))[1],
        f"the image assets/{own('vigil')}.png has no description, so screen readers cannot say what it shows: "
        f"write it between the brackets, ![A crowd holding candles](assets/{own('vigil')}.png).",
    ),
    "image-over-1-mb": (
        heavy_image,
        "the image is 1.1 MB, too heavy for readers on phones (at most 1.0 MB): save it smaller (1600 pixels wide, "
        "as JPEG or WebP, is plenty) and replace the file",
    ),
    "material-notice-without-its-text-indented": (
        after_first_paragraph('!!! note "Updated"\nThe figures were updated.'),
        "this notice has no text under it: write its text on the lines under the '!!!' line, each indented by "
        "four spaces.",
    ),
    "colon-fence-notice": (
        after_first_paragraph(":::note"),
        "':::' would show on the page as text: a notice is written as on GitHub, `> [!NOTE]` and its text on "
        "the `>` lines below (or `/// note | Its title`, its text, and `///` alone on the line after it).",
    ),
    "notice-never-closed": (
        at_the_end_of_the_page("/// note | Updated 1 December 2026\nThe figures were updated."),
        "the notice opened here is never closed: add a line '///' after its text.",
    ),
    "id-never-closed": (
        lambda project: (lambda at: (home_name(project), at + 1))(after_first_paragraph("A paragraph whose ID lost its brace.\n{#lost-brace")(project)[1]),
        "this ID is not read as one: write it as {#some-id}, on one line, with no spaces, and close it with '}'.",
    ),
    "page-in-spanish-without-lang": (
        spanish_page_without_lang,
        "this page seems to be in Spanish, but does not say so, so screen readers would read it with an "
        "English voice: add 'lang: es' to its front matter, the lines between '---' at the top of the page.",
    ),
    "aliases-in-flow-style": (
        flow_style_aliases,
        "'{}' or '[]' says that the value is empty, so lines under it cannot be read: delete the braces and keep "
        "each entry on its own line, indented two more spaces",
    ),
    "raw-html-iframe": (
        after_first_paragraph('<iframe src="https://example.org/"></iframe>'),
        "the HTML <iframe> would show on the page as text: link to the other page instead: [its title](https://…)",
    ),
    "a-class-that-is-not-available": (
        after_first_paragraph(f"[Sign](https://www.ilrc.org/){{ .big-button }}\n{{#{own('sign')}}}"),
        "the class 'big-button' is not available. Available: a link shown as a button: [Sign the letter](https://…)"
        "{ .md-button }; a filled button: [Sign the letter](https://…){ .md-button .md-button--primary }; the line "
        "under the page's title, set as a deck: its paragraph, then a line { .md-deck }",
    ),
    "a-notice-that-folds-away": (
        after_first_paragraph("> [!NOTE]-\n> The figures were updated."),
        "the element <details> is not among those a statement needs; a notice that folds away hides its text: "
        "write `> [!NOTE]` with nothing after it",
    ),
    "a-kind-of-notice-github-does-not-have": (
        after_first_paragraph("> [!UPDATE]\n> The figures were updated."),
        "'[!UPDATE]' is not a kind of notice: write > [!NOTE], > [!TIP], > [!IMPORTANT], > [!WARNING] or "
        "> [!CAUTION], as GitHub shows them",
    ),
    "a-nav-title-with-a-colon": (
        a_nav_title_with_a_colon,
        f"YAML reads the ': ' in this line as the start of a value: write the text in quotes, '  - \"Press: 3 December\": {own('press')}.md'",
    ),
    "a-french-description-with-a-colon": (
        a_french_description_with_a_colon,
        "YAML reads the ': ' in this line as the start of a value: write the text in quotes, "
        "'description: \"L’ILRC : un appel pour un cessez-le-feu permanent\"'",
    ),
    "a-site-name-with-a-colon": (
        lambda project: setting_line(project, "site_name", "site_name: ILRC: A Statement"),
        "YAML reads the ': ' in this line as the start of a value: write the text in quotes, 'site_name: \"ILRC: A Statement\"'",
    ),
    "not-in-nav-as-a-list": (
        lambda project: setting_line(project, "not_in_nav", "not_in_nav:", "  - revisions.md"),
        "not_in_nav: is text, not a list: one page after it ('not_in_nav: revisions.md'), or several, each on its "
        "own line under 'not_in_nav: |', indented two spaces",
    ),
    "a-straight-quote-in-the-sites-description": (
        lambda project: setting_line(project, "site_description", "site_description: 'The \"ceasefire\" statement'"),
        "site_description: a straight quote (\") is not used here (pages would read it as the end of a value): write “ and ” instead",
    ),
    "a-script-in-the-settings": (
        lambda project: setting_line(project, "copyright", "extra_javascript:", "  - https://example.org/x.js"),
        "'extra_javascript:' is code, not an editor's setting: it belongs in config/site.yml, which developers change "
        "(ask one). The settings here are site_name, site_description, copyright, nav, not_in_nav and extra: "
        "alternate: (the language switch)",
    ),
    "a-button-class-on-a-paragraph": (
        after_first_paragraph("Sign the letter today.\n{: .md-button }"),
        "the class 'md-button' is not available on <p>, only as a link shown as a button: "
        "[Sign the letter](https://…){ .md-button }",
    ),
    "renamed-without-alias": (
        renamed_without_alias,
        lambda before: (
            f"#{last_item(before)} has been shared, but docs/index.md no longer has it. Put the {{#{last_item(before)}}} "
            f"back, or, if it was renamed, add the line '    {last_item(before)}: {own('call-renamed')}' under 'aliases:' for "
            "index.md in published-anchors.yml"
        ),
    ),
    "a-note-that-folds-away-as-material-writes-it": (
        after_first_paragraph('??? info "Sources"\n    The figures come from the Gaza Health Ministry.'),
        "'??? info' makes a note that folds away, which hides its text from readers who do not open it, and from "
        "print: write '!!! info' instead, its title and text as they are.",
    ),
    "a-note-that-folds-away-open": (
        after_first_paragraph('???+ note "Sources"\n\n    The figures come from the Gaza Health Ministry.'),
        "'???+ note' makes a note that folds away, which hides its text from readers who do not open it, and from "
        "print: write '!!! note' instead, its title and text as they are.",
    ),
    "a-note-that-folds-away-in-blocks": (
        after_first_paragraph("/// details | Sources\nThe figures come from the Gaza Health Ministry.\n///"),
        "'/// details' makes a note that folds away, which hides its text from readers who do not open it, and "
        "from print: write '/// note' instead, its title and text as they are.",
    ),
    "content-tabs": (
        after_first_paragraph('=== "English"\n\n    Peace now.\n\n=== "Español"\n\n    Paz ahora.'),
        "'=== \"English\"' makes content tabs, which show one tab at a time and hide the others' text, in print "
        "too: write each tab as a section instead, '### English {#english}' and its text under it, not indented.",
    ),
    "a-block-the-site-does-not-have": (
        after_first_paragraph("/// info | Sources\nThe figures come from the Gaza Health Ministry.\n///"),
        "'/// info' is not a block the site has, so it would show as text: a notice is '/// note | Its title' (or "
        "tip, important, warning, caution, danger), its text, and '///' alone on the line after it; a caption "
        "under an image is '/// caption', the caption, and '///'.",
    ),
    "a-caption-with-options": (
        after_first_paragraph(f"/// caption | < #{own('march')}\nThe march, as it reached City Hall.\n///"),
        "'/// caption' stands alone on its line, or the caption shows as typed: write '/// caption', the caption on the "
        "lines under it, and '///' alone on the line after it; the figure's ID goes under its image ('{#id}'), and "
        "the site numbers no figures.",
    ),
    "an-icon-of-material": (
        after_first_paragraph(f":material-heart: For every family.\n{{#{own('every-family')}}}"),
        "':material-heart:' is an icon of Material for MkDocs, which the site does not have, so it would show as "
        "text: write an emoji instead, as on GitHub, such as :heart: or :dove:.",
    ),
    "a-comment-never-closed": (
        at_the_end_of_the_page(f"<!-- Keep in step with the press release.\n\nWe stand with every family.\n{{#{own('every-family')}}}"),
        "this HTML comment is never closed, so it would hide everything after it: end it with '-->'.",
    ),
    "a-look-alike-id": (
        # Beside the ID it looks like, of the edits' own.
        lambda project: (lambda at: (home_name(project), at + 3))(
            after_first_paragraph(f"A paragraph.\n{{#{own('mission')}}}\n\nA paragraph.\n{{#{LOOK_ALIKE}}}")(project)[1]
        ),
        f"the ID '{LOOK_ALIKE}' holds U+0456 (CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I), which only looks like "
        f"a letter of a-z: IDs use a-z, 0-9 and hyphens; retype it as '{own('mission')}'",
    ),
}
def replace_front_matter(project):
    """The Spanish page says its language, and nothing else is done (no language switch)."""
    path = Path(project) / f"docs/{own('es')}.md"
    path.write_text("---\nlang: es\n" + path.read_text(encoding="utf-8").removeprefix("---\n"), encoding="utf-8")


def switch_advice(read, entries):
    """The lines the message asks for when the language switch of the model `read` lacks
    `entries`, and where they go."""
    lines = [f"'    - name: {name}', '      link: {link}', '      lang: {lang}'" for name, link, lang in entries]
    offered = {(entry["link"], entry["lang"]) for entry in read.config.alternates}
    lines = [line for line, (_, link, lang) in zip(lines, entries) if (link, lang) not in offered]
    alternate, extra = read.config.line_in_settings("extra.alternate"), read.config.line_in_settings("extra")
    if alternate:
        return f"under 'alternate:' in mkdocs.yml (line {alternate}) the lines " + ", ".join(lines)
    if extra:
        return f"under 'extra:' in mkdocs.yml (line {extra}) the lines '  alternate:', " + ", ".join(lines)
    return "at the end of mkdocs.yml the lines 'extra:', '  alternate:', " + ", ".join(lines)


def page_missing_from_nav(project):
    (Path(project) / f"docs/{own('draft')}.md").write_text("# A draft\n\nNot linked from the nav.\n", encoding="utf-8")
    return f"docs/{own('draft')}.md", 1


def front_matter(bad_line):
    """A page of the edits' own, its front matter's first line replaced by `bad_line`."""

    def mistake(project):
        path = own_page(project)
        lines = lines_of(path)
        lines[1] = bad_line
        path.write_text("\n".join(lines), encoding="utf-8")
        return f"docs/{path.name}", 2

    return mistake


def change_note(date):
    """A note for readers dated `date`, in the front matter of a page of the edits' own: its date's line."""

    def mistake(project):
        path = own_page(project, OWN_PAGE.replace("---\n", f"---\nchanges:\n  - date: {date}\n    note: Updated.\n", 1))
        return f"docs/{path.name}", 3

    return mistake


def front_matter_never_closed(project):
    path = own_page(project, OWN_PAGE.replace("\n---\n", "\n\n", 1))
    return f"docs/{path.name}", 1


MISTAKES.update(
    {
        "a-link-to-no-page": (
            after_first_paragraph(f"See [the statement]({own('no-such-page')}.md).\n{{#{own('see')}}}"),
            f"the link '{own('no-such-page')}.md' leads to no file of docs/: check its spelling",
        ),
        "a-link-to-a-page-misspelt": (
            lambda project: (
                own_page(project),
                after_first_paragraph(f"See [the page]({own('pgae')}.md).\n{{#{own('see')}}}")(project),
            )[1],
            f"the link '{own('pgae')}.md' leads to no file of docs/: write '{own('page')}.md', the nearest name",
        ),
        "a-link-to-no-part": (
            after_first_paragraph(f"See [the calls](index.md#{own('no-such-part')}).\n{{#{own('see')}}}"),
            f"the link 'index.md#{own('no-such-part')}' leads to no part of docs/index.md: check the ID after '#'",
        ),
        "a-link-to-no-part-of-this-page": (
            after_first_paragraph(f"See [above](#{own('no-such-part')}).\n{{#{own('see')}}}"),
            f"the link '#{own('no-such-part')}' leads to no part of docs/index.md: check the ID after '#'",
        ),
        "a-link-by-a-headings-words": (
            lambda project: (lambda at: (home_name(project), at + 2))(
                after_first_paragraph(f"## Our calls, again {{#{own('calls')}}}\n\nSee [our calls](#our-calls-again).\n{{#{own('see')}}}")(project)[1]
            ),
            f"the link '#our-calls-again' leads to no part of docs/index.md: write '#{own('calls')}', the ID of the "
            "heading “Our calls, again”",
        ),
        "a-missing-image": (
            after_first_paragraph(f"![The ILRC logo](assets/{own('logo')}.png)"),
            f"the image 'assets/{own('logo')}.png' leads to no file of docs/: check its spelling",
        ),
        "an-id-used-twice": (
            lambda project: (
                lambda at: (
                    home_name(project),
                    at + 3,
                    f"the ID '{own('contact')}' is already used at line {at}: each part of a page needs its own ID",
                )
            )(after_first_paragraph(f"## Contact {{#{own('contact')}}}\n\nWrite to us.\n{{#{own('contact')}}}")(project)[1]),
            None,  # the make function says it, with the line of the first use
        ),
        "front-matter-that-is-not-yaml": (
            front_matter('description: "What this site does not do'),
            "this is not valid YAML (found unexpected end of stream): indent with two spaces, one entry per line",
        ),
        "a-title-with-straight-quotes": (
            front_matter("title: 'Privacy, \"plainly\"'"),
            'title: write quotation marks as “ and ” (a straight " would end the value where a theme prints it)',
        ),
        "a-description-with-a-character-reference": (
            front_matter("description: What we keep &amp; what we do not"),
            "description: '&amp;' would show as '&': write the character itself",
        ),
        "a-change-on-a-day-that-does-not-exist": (
            change_note("2026-02-31"),
            "2026-02-31 is no day of the calendar: check the month and the day (YYYY-MM-DD)",
        ),
        "a-change-dated-in-the-future": (
            change_note("2099-01-01"),
            "2099-01-01 is still to come: date a note on the day the change is published, or later",
        ),
        "a-change-whose-date-holds-a-line-break": (
            change_note('"2026-01-01\\n"'),
            "a change's date is written YYYY-MM-DD, such as 2026-12-01",
        ),
        "a-change-that-is-no-list": (
            front_matter("changes: 2026-12-01 The figures were updated."),
            "changes: holds one note per change, each written '  - date: 2026-12-01' and '    note: …' on the lines under it",
        ),
        "front-matter-never-closed": (
            front_matter_never_closed,
            "the front matter opened here is never closed: end it with a line '---'",
        ),
        "a-page-in-spanish-without-the-language-switch": (
            spanish_page_without_the_switch,
            None,  # the make function says it
        ),
        "a-page-whose-title-has-a-colon-missing-from-the-nav": (
            lambda project: (
                (Path(project) / f"docs/{own('press')}.md").write_text("# Press: 3 December\n\nFor the press.\n", encoding="utf-8"),
                (f"docs/{own('press')}.md", 1),
            )[1],
            lambda before: f"this page is in no menu, so readers cannot find it: add a line '  - \"Press: 3 December\": {own('press')}.md' "
            f"under 'nav:' in mkdocs.yml (line {before.config.line_in_settings('nav')})",
        ),
        "a-page-missing-from-the-nav": (
            page_missing_from_nav,
            lambda before: f"this page is in no menu, so readers cannot find it: add a line '  - A draft: {own('draft')}.md' under "
            f"'nav:' in mkdocs.yml (line {before.config.line_in_settings('nav')})",
        ),
    }
)


def merged_without_alias(project):
    """Two paragraphs made one (merge_two_paragraphs), the alias not added yet: the message
    suggests the ID the second's words are under now."""
    git(project, "add", "-A")  # nothing to add: the copy is as published
    listing = Path(project) / "published-anchors.yml"
    before = listing.read_text(encoding="utf-8")
    merge_two_paragraphs(project)
    listing.write_text(before, encoding="utf-8")
    return "published-anchors.yml", aliases_line(project, home(project).src)


def merged_paragraphs(before):
    """(the first's ID, the second's) of the two paragraphs merge_two_paragraphs merges."""
    return tuple(part.id for part in paragraphs_in_a_row(next(page for page in before.pages.values() if page.url == "")))


def page_renamed_without_its_move(project):
    """A page of its own, published, renamed with its nav line: the lines that keep its address."""
    publish_and_rename_a_page(project)
    lines = lines_of(Path(project) / "published-anchors.yml")
    return "published-anchors.yml", len("\n".join(lines).rstrip("\n").split("\n"))


MISTAKES.update(
    {
        "two-paragraphs-merged-without-alias": (
            merged_without_alias,
            lambda before: (
                f"#{merged_paragraphs(before)[1]} has been shared, but docs/index.md no longer has it. Put the "
                f"{{#{merged_paragraphs(before)[1]}}} back, or, if it was renamed, add the line '    {merged_paragraphs(before)[1]}: "
                f"{merged_paragraphs(before)[0]}' under 'aliases:' for index.md in published-anchors.yml"
            ),
        ),
        "a-page-renamed-without-its-move": (
            page_renamed_without_its_move,
            f"docs/{own('page')}.md was published and is gone, so links to it would lead nowhere: add the lines "
            f"'{own('page')}.md:' and '  moved: {own('renamed-page')}.md' at the end of published-anchors.yml, which sends "
            f"them to {own('renamed-page')}.md, the page that reads most like it",
        ),
        "a-telephone-number-without-its-country-code": (
            after_first_paragraph(f"Call [our press line](tel:415-255-9499).\n{{#{own('call')}}}"),
            "href='tel:415-255-9499' on <a>: a telephone number is written tel:, a + and the country code, then its digits "
            "(hyphens may separate them), such as tel:+14152559499",
        ),
        "a-web-address-without-https": (
            after_first_paragraph(f"Read [our site](www.ilrc.org).\n{{#{own('site')}}}"),
            "the link 'www.ilrc.org' leads to no file of docs/: an address on another site starts with https://: "
            "write 'https://www.ilrc.org'",
        ),
    }
)


# Where the message's line is not where the mistake starts: the ID line under the paragraph.
ID_LINE = {"a-look-alike-id", "a-button-class-on-a-paragraph"}
