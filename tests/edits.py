"""How editors edit, as CONTRIBUTING.md (or GitHub's preview) shows them: the ordinary edits of
each class, which must pass, and the mistakes, with the words the editor must read. Each finds
what it touches through the model (the first section, the last list item…), never in today's
wording. tests/check/test_editors.py judges them with the editor checks; test_generators.py
builds them all with MkDocs and with Zensical."""

import random
from pathlib import Path

from languages import SAMPLES, add_page_in, offer_language
from PIL import Image
from project import git

from statement_site.source.project import Source


def index(project):
    return Source.read(project).pages["index.md"]


def lines_of(path):
    return path.read_text(encoding="utf-8").split("\n")


def block_end(lines, part):
    """The line after a part's block (its ID line included), counted from 0."""
    end = part.line
    while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith(("- ", "#", "///")):
        end += 1
    return end


def insert_after(project, part, markdown, page="index.md", blank=True):
    """Add `markdown` after a part, a blank line before it: the line it starts on."""
    path = Path(project) / "docs" / page
    lines = lines_of(path)
    end = block_end(lines, part)
    lines[end:end] = ["", *markdown.split("\n")] if blank else markdown.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return end + (2 if blank else 1)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def paragraphs(project):
    return [p for p in index(project).parts if p.kind == "paragraph" and p.explicit]


def items(project):
    return [p for p in index(project).parts if p.kind == "item" and p.container is None]


def add_to_nav(project, title, page):
    replace(Path(project) / "mkdocs.yml", "nav:\n", f"nav:\n  - {title}: {page}\n")
    text = (Path(project) / "mkdocs.yml").read_text(encoding="utf-8")
    # The statement stays first.
    lines = text.split("\n")
    at = lines.index(f"  - {title}: {page}")
    lines.insert(at + 2, lines.pop(at))
    (Path(project) / "mkdocs.yml").write_text("\n".join(lines), encoding="utf-8")


def add_alias(project, old, new, page="index.md"):
    """Under `aliases:` of the page, the line `old-id: new-id`, as the build's message says."""
    listing = Path(project) / "published-anchors.yml"
    lines = lines_of(listing)
    at = next(n for n in range(lines.index(f"{page}:"), len(lines)) if lines[n].strip().startswith("aliases:"))
    lines.insert(at + 1, f"    {old}: {new}")
    listing.write_text("\n".join(lines), encoding="utf-8")


def draw_image(path, size=(40, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (64, 81, 181)).save(path)


# -- The ordinary edits, by class (each must pass) -------------------------------------------------


def fix_a_typo(project):
    paragraph = paragraphs(project)[0]
    word = paragraph.text.split()[-1]
    replace(Path(project) / "docs/index.md", word, word.rstrip(".") + "s.")


def reword_a_heading(project):
    section = next(p for p in index(project).parts if p.kind == "heading" and p.explicit)
    replace(Path(project) / "docs/index.md", f"## {section.text} {{#{section.id}}}", f"## Our new heading {{#{section.id}}}")


def add_a_paragraph(project):
    insert_after(project, paragraphs(project)[0], "A new paragraph of the statement.\n{#new-paragraph}")


def add_a_call(project):
    insert_after(project, items(project)[-1], "- Public officials must read this new call.\n  {#call-new}", blank=False)


def remove_a_shared_call(project):
    """Delete the call's two lines, and send its links to the first call, as the message says."""
    first, last = items(project)[0], items(project)[-1]
    path = Path(project) / "docs/index.md"
    lines = lines_of(path)
    del lines[last.line - 1 : last.line + 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    add_alias(project, last.id, first.id)


def add_an_image(project):
    draw_image(Path(project) / "docs/assets/vigil.png")
    insert_after(project, paragraphs(project)[0], "![Candles at a vigil for peace](assets/vigil.png)")


def add_an_outside_link(project):
    insert_after(project, paragraphs(project)[-1], "Read the [United Nations' appeal](https://www.un.org/en/) in full.\n{#un-appeal}")


def add_an_update_notice(project):
    deck = next(p for p in index(project).parts if "md-deck" in p.classes)
    insert_after(
        project,
        deck,
        "/// note | Updated 1 December 2026\nThe figures in this statement were updated on 1 December 2026.\n///",
    )


def add_a_table(project):
    """As GitHub's preview shows it, under a paragraph: no ID asked of a table."""
    insert_after(project, paragraphs(project)[1], "| Year | People |\n| :--- | ---: |\n| 2023 | 16,314 |\n| 2024 | 40,000 |")


def add_a_footnote(project):
    paragraph = paragraphs(project)[1]
    path = Path(project) / "docs/index.md"
    lines = lines_of(path)
    lines[paragraph.line - 1] += "[^health-ministry]"
    lines += ["", "[^health-ministry]: Gaza Health Ministry, figures of August 2024."]
    path.write_text("\n".join(lines), encoding="utf-8")


def add_a_quote(project):
    insert_after(project, paragraphs(project)[2], "> Peace cannot wait.\n> {#quote-peace}")


def strike_a_word(project):
    insert_after(project, paragraphs(project)[-1], "The figure was ~~40,000~~ 41,000.\n{#corrected-figure}")


def write_a_hashtag(project):
    insert_after(project, paragraphs(project)[-1], "#CeasefireNow is trending.\n{#hashtag}")


def images_in_a_list_and_a_notice(project):
    draw_image(Path(project) / "docs/assets/flag.png")
    insert_after(project, items(project)[0], "- A call with a picture ![A white flag](assets/flag.png)\n  {#call-picture}", blank=False)
    deck = next(p for p in index(project).parts if "md-deck" in p.classes)
    insert_after(project, deck, "/// warning | Correction\nA figure was corrected.\n\n![A white flag](assets/flag.png)\n///")


def every_kind_in_a_list_item_and_a_notice(project):
    """A footnote, struck words and a hashtag in a call; a table, a quote and a footnote in a notice."""
    insert_after(
        project,
        items(project)[0],
        "- Officials must act now[^act], not ~~later~~ soon. #CeasefireNow\n  {#call-act-now}",
        blank=False,
    )
    deck = next(p for p in index(project).parts if "md-deck" in p.classes)
    insert_after(
        project,
        deck,
        "/// note | Figures\n| Year | People |\n| :--- | ---: |\n| 2024 | 41,000 |\n\n> As reported.[^figures]\n///",
    )
    path = Path(project) / "docs/index.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n[^act]: As the calls say.\n\n[^figures]: Gaza Health Ministry.\n", encoding="utf-8"
    )


def add_a_button(project):
    insert_after(project, paragraphs(project)[-1], "[Sign the letter](https://www.ilrc.org/){ .md-button .md-button--primary }\n{#sign}")


WEB_ADDRESS = "https://www.ilrc.org/"
EMAIL_ADDRESS = "info@ilrc.org"


def write_out_addresses(project):
    """A web address and an e-mail address written out, as GitHub's preview links them."""
    insert_after(project, paragraphs(project)[-1], f"Write to <{EMAIL_ADDRESS}> or read more at {WEB_ADDRESS}\n{{#write-to-us}}")


GITHUB_NOTICE = "The figures in this statement were checked again on 2 December 2026."


def add_a_notice_as_github_writes_it(project):
    """GitHub's own notice syntax, as its help pages and its preview show it: no ID asked."""
    deck = next(p for p in index(project).parts if "md-deck" in p.classes)
    insert_after(project, deck, f"> [!NOTE]\n> {GITHUB_NOTICE}")


def add_a_page(project):
    (Path(project) / "docs/updates.md").write_text(
        "---\ndescription: What changed & why, in the ILRC's words.\n---\n\n# Updates\n\n"
        "What changed in the statement, and when.\n{#updates-intro}\n",
        encoding="utf-8",
    )
    add_to_nav(project, "Updates", "updates.md")


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
    """CONTRIBUTING.md, "A page in another language": the page, its nav line, the language
    switch, and a link from the statement."""
    (Path(project) / "docs/es.md").write_text(SPANISH_PAGE, encoding="utf-8")
    add_to_nav(project, "Español", "es.md")
    offer_language(project, "Español", "es/", "es")
    insert_after(project, paragraphs(project)[-1], "[Leer en español](es.md)\n{#en-espanol}")


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
    path = Path(project) / "docs/index.md"
    replace(path, "---\n", "---\nchanges:\n  - date: 2026-12-01\n    note: The figures were updated.\n", )


# -- Habits of GitHub's preview and of Material's documentation, as editors first write them ------
# (CONTRIBUTING.md, "Habits from GitHub and Material"). IDs, footnote labels and file names are
# the edits' own ("edits-…"), never one an editor may also write.

EMOJI_PARAGRAPH = ":dove: Peace now, and :heart: for every family."


def write_emoji_as_on_github(project):
    insert_after(project, paragraphs(project)[-1], f"{EMOJI_PARAGRAPH}\n{{#edits-emoji}}")


TASKS = (("A letter to Congress was sent.", True), ("A meeting with officials is planned.", False))


def tick_tasks_as_on_github(project):
    """A task list, one box ticked: GitHub's `- [x]` and `- [ ]`."""
    lines = [f"- [{'x' if done else ' '}] {words}\n  {{#edits-task-{n}}}" for n, (words, done) in enumerate(TASKS, 1)]
    insert_after(project, paragraphs(project)[-1], "We report on each call:\n{#edits-tasks}\n\n" + "\n".join(lines))


ADDRESS_LINES = ("Immigrant Legal Resource Center", "San Francisco, California", "November 2023")


def break_lines_as_on_github(project):
    """A line ending in a backslash, and one ending in two spaces: both break there."""
    first, second, third = ADDRESS_LINES
    insert_after(project, paragraphs(project)[-1], f"{first}\\\n{second}  \n{third}\n{{#edits-address}}")


MATERIAL_NOTICE = ("Sources", "The figures are those the Gaza Health Ministry gave in August 2024.")


def write_a_notice_as_material_shows_it(project):
    title, text = MATERIAL_NOTICE
    insert_after(project, paragraphs(project)[0], f'!!! info "{title}"\n    {text}')


DEFINITION = ("Ceasefire", "An end to the fighting, agreed by both sides.")


def define_a_term(project):
    term, definition = DEFINITION
    insert_after(project, paragraphs(project)[0], f"{term}\n:   {definition}")


ABBREVIATION = ("UNRWA", "United Nations Relief and Works Agency")


def explain_an_abbreviation(project):
    short, long = ABBREVIATION
    insert_after(project, paragraphs(project)[-1], f"{short} runs schools and clinics.\n{{#edits-abbreviation}}")
    path = Path(project) / "docs/index.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n*[{short}]: {long}\n", encoding="utf-8")


EDITORS_NOTE = "Keep in step with the press release"


def leave_a_note_for_editors(project):
    """HTML comments, hidden as GitHub's preview hides them: on lines of their own (one over two
    paragraphs) and within a line."""
    insert_after(
        project,
        paragraphs(project)[1],
        f"<!-- {EDITORS_NOTE}. -->\n\nWe stand with every family.<!-- {EDITORS_NOTE}, too. -->\n{{#edits-note}}\n\n"
        f"<!--\n{EDITORS_NOTE}:\n\nthe figures above.\n-->",
    )


CITED_ADDRESS = "https://www.un.org/en/"


def cite_a_source_by_its_address(project):
    """A footnote that ends in its source's address, the usual way to cite."""
    paragraph = paragraphs(project)[2]
    path = Path(project) / "docs/index.md"
    lines = lines_of(path)
    lines[paragraph.line - 1] += "[^edits-source]"
    lines += ["", f"[^edits-source]: United Nations, {CITED_ADDRESS}."]
    path.write_text("\n".join(lines), encoding="utf-8")


CAPTIONS = {"edits-figure": "Candles at the vigil in San Francisco.", "edits-figure-blocks": "The march, as it reached City Hall."}


def caption_an_image_as_on_github(project):
    """An image and an emphasised line under it, as GitHub's preview shows a caption."""
    draw_image(Path(project) / "docs/assets/edits-figure.png")
    caption = CAPTIONS["edits-figure"]
    insert_after(project, paragraphs(project)[0], f"![People holding candles](assets/edits-figure.png)\n*{caption}*\n{{#edits-figure}}")


def caption_an_image_as_material_shows_it(project):
    """`/// caption` under a linked image, as Material's documentation writes a caption."""
    draw_image(Path(project) / "docs/assets/edits-figure-blocks.png")
    caption = CAPTIONS["edits-figure-blocks"]
    insert_after(
        project,
        paragraphs(project)[-1],
        f"[![A march on a wide street](assets/edits-figure-blocks.png)](https://www.ilrc.org/)\n{{#edits-figure-blocks}}\n\n"
        f"/// caption\n{caption}\n///",
    )


def give_the_title_an_id(project):
    """The page's title, given an ID as a section's is: a link may end in it, and it has no share
    address (a link to the title is a link to the page)."""
    title = next(p for p in index(project).parts if p.kind == "heading" and p.level == 1)
    if title.explicit:
        return  # the editors gave it one
    path = Path(project) / "docs/index.md"
    lines = lines_of(path)
    lines[title.line - 1] = lines[title.line - 1].rstrip() + " {#edits-title}"
    path.write_text("\n".join(lines), encoding="utf-8")


def link_an_image(project):
    draw_image(Path(project) / "docs/assets/edits-linked.png")
    insert_after(project, paragraphs(project)[-1], "[![The ILRC's logo](assets/edits-linked.png)](https://www.ilrc.org/)\n{#edits-linked-image}")


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
    ]
}


# -- The mistakes, and what the editor reads -----------------------------------------------------


def after_first_paragraph(markdown):
    def mistake(project):
        return "docs/index.md", insert_after(project, paragraphs(project)[0], markdown)

    return mistake


def heavy_image(project):
    path = Path(project) / "docs/assets/poster.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Noise does not compress: 700 × 500 pixels of it make a 1.05 MB PNG.
    Image.frombytes("RGB", (700, 500), random.Random(0).randbytes(700 * 500 * 3)).save(path)
    after_first_paragraph("![A poster calling for a ceasefire](assets/poster.png)\n{#poster}")(project)
    return "docs/assets/poster.png", 1


def spanish_page_without_lang(project):
    (Path(project) / "docs/es.md").write_text(SPANISH_PAGE.replace("lang: es\n", ""), encoding="utf-8")
    add_to_nav(project, "Español", "es.md")
    return "docs/es.md", 1


def flow_style_aliases(project):
    replace(Path(project) / "published-anchors.yml", "  aliases:\n", "  aliases: {}\n")
    add_alias(project, "old-id", items(project)[0].id)
    lines = lines_of(Path(project) / "published-anchors.yml")
    return "published-anchors.yml", next(n for n, line in enumerate(lines, 1) if "aliases: {}" in line)


def renamed_without_alias(project):
    git(project, "add", "-A")  # nothing to add: the copy is as published
    call = items(project)[-1]
    replace(Path(project) / "docs/index.md", f"{{#{call.id}}}", "{#call-renamed}")
    lines = lines_of(Path(project) / "published-anchors.yml")
    return "published-anchors.yml", next(n for n, line in enumerate(lines, 1) if line.strip() == "aliases:")


def a_nav_title_with_a_colon(project):
    """A new page's nav line whose title has a colon: YAML reads it as a key in a key."""
    (Path(project) / "docs/press.md").write_text("# Press release\n\nFor the press.\n", encoding="utf-8")
    add_to_nav(project, "Press: 3 December", "press.md")
    lines = lines_of(Path(project) / "mkdocs.yml")
    return "mkdocs.yml", lines.index("  - Press: 3 December: press.md") + 1


FRENCH_PAGE = """\
---
lang: fr
description: L’ILRC : un appel pour un cessez-le-feu permanent
---

# L’ILRC appelle à un cessez-le-feu permanent

Un cessez-le-feu permanent est le premier pas vers la paix.
{#premier-pas}
"""


def a_french_description_with_a_colon(project):
    """French puts a space before a colon: YAML reads ' : ' as a key in a key, as ': '."""
    (Path(project) / "docs/fr.md").write_text(FRENCH_PAGE, encoding="utf-8")
    add_to_nav(project, "Français", "fr.md")
    return "docs/fr.md", 3


def setting_line(project, key, *lines):
    """mkdocs.yml with the lines of `key` (its own, and those indented under it) replaced by
    `lines`: (the file, the first line's number)."""
    path = Path(project) / "mkdocs.yml"
    text = lines_of(path)
    at = next(n for n, line in enumerate(text) if line.startswith(f"{key}:"))
    end = next((n for n in range(at + 1, len(text)) if not text[n].startswith((" ", "-"))), len(text))
    text[at:end] = lines
    path.write_text("\n".join(text), encoding="utf-8")
    return "mkdocs.yml", at + 1


def last_item(source):
    return [p for p in source.pages["index.md"].parts if p.kind == "item" and p.container is None][-1].id


# name -> (the mistake, returning (file, line); what the editor reads after `file:line: `, or a
# function of the model before the mistake that says it)
MISTAKES = {
    "paragraph-without-id": (
        after_first_paragraph("Nobody can link to this paragraph."),
        "this paragraph has no ID, so nobody can link to it: add a line '{#nobody-can-link}' right under it.",
    ),
    "call-without-id": (
        lambda project: ("docs/index.md", insert_after(project, items(project)[-1], "- Congress must act now.", blank=False)),
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
        lambda project: (lambda at: ("docs/index.md", at + 1))(after_first_paragraph("A paragraph.\n{# a-paragraph}")(project)[1]),
        "this ID is not read as one: write it as {#some-id}, on one line, with no spaces, and close it with '}'.",
    ),
    "a-headings-id-under-it": (
        after_first_paragraph("## A new section\n{#a-new-section}"),
        "an ID on the line under a heading is not read: write it at the end of the heading's line: "
        "'## A new section {#a-new-section}'.",
    ),
    "image-without-alt-text": (
        lambda project: (draw_image(Path(project) / "docs/assets/vigil.png"), after_first_paragraph("![](assets/vigil.png)")(project))[1],
        "the image assets/vigil.png has no description, so screen readers cannot say what it shows: "
        "write it between the brackets, ![A crowd holding candles](assets/vigil.png).",
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
        after_first_paragraph("/// note | Updated 1 December 2026\nThe figures were updated."),
        "the notice opened here is never closed: add a line '///' after its text.",
    ),
    "id-never-closed": (
        lambda project: (lambda at: ("docs/index.md", at + 1))(after_first_paragraph("A paragraph whose ID lost its brace.\n{#lost-brace")(project)[1]),
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
        after_first_paragraph("[Sign](https://www.ilrc.org/){ .big-button }\n{#sign}"),
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
        "YAML reads the ': ' in this line as the start of a value: write the text in quotes, '  - \"Press: 3 December\": press.md'",
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
            f"back, or, if it was renamed, add the line '    {last_item(before)}: call-renamed' under 'aliases:' for "
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
    "an-icon-of-material": (
        after_first_paragraph(":material-heart: For every family.\n{#every-family}"),
        "':material-heart:' is an icon of Material for MkDocs, which the site does not have, so it would show as "
        "text: write an emoji instead, as on GitHub, such as :heart: or :dove:.",
    ),
    "a-comment-never-closed": (
        after_first_paragraph("<!-- Keep in step with the press release.\n\nWe stand with every family.\n{#every-family}"),
        "this HTML comment is never closed, so it would hide everything after it: end it with '-->'.",
    ),
    "a-look-alike-id": (
        after_first_paragraph("A paragraph.\n{#m\u0456ssion}"),
        "the ID 'm\u0456ssion' holds U+0456 (CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I), which only looks like "
        "a letter of a-z: IDs use a-z, 0-9 and hyphens; retype it as 'mission'",
    ),
}
def replace_front_matter(project):
    """The Spanish page says its language, and nothing else is done (no language switch)."""
    path = Path(project) / "docs/es.md"
    path.write_text("---\nlang: es\n" + path.read_text(encoding="utf-8").removeprefix("---\n"), encoding="utf-8")


def page_missing_from_nav(project):
    (Path(project) / "docs/draft.md").write_text("# A draft\n\nNot linked from the nav.\n", encoding="utf-8")
    return "docs/draft.md", 1


def front_matter(bad_line):
    """privacy.md's first front matter line replaced by `bad_line`."""

    def mistake(project):
        path = Path(project) / "docs/privacy.md"
        lines = lines_of(path)
        assert lines[0] == "---", "privacy.md has no front matter to break"
        lines[1] = bad_line
        path.write_text("\n".join(lines), encoding="utf-8")
        return "docs/privacy.md", 2

    return mistake


def change_note(date):
    """A note for readers dated `date`, in privacy.md's front matter: its date's line."""

    def mistake(project):
        path = Path(project) / "docs/privacy.md"
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\nchanges:\n  - date: {date}\n    note: Updated.\n", 1), encoding="utf-8")
        return "docs/privacy.md", 3

    return mistake


def front_matter_never_closed(project):
    path = Path(project) / "docs/privacy.md"
    text = path.read_text(encoding="utf-8")
    path.write_text("---\n" + text.split("\n---\n", 1)[0].removeprefix("---\n") + "\n\n" + text.split("\n---\n", 1)[1], encoding="utf-8")
    return "docs/privacy.md", 1


MISTAKES.update(
    {
        "a-link-to-no-page": (
            after_first_paragraph("See [the statement](statement.md).\n{#see}"),
            "the link 'statement.md' leads to no file of docs/: check its spelling",
        ),
        "a-link-to-no-part": (
            after_first_paragraph("See [the calls](index.md#nope).\n{#see}"),
            "the link 'index.md#nope' leads to no part of docs/index.md: check the ID after '#'",
        ),
        "a-link-to-no-part-of-this-page": (
            after_first_paragraph("See [above](#nope).\n{#see}"),
            "the link '#nope' leads to no part of docs/index.md: check the ID after '#'",
        ),
        "a-missing-image": (
            after_first_paragraph("![The ILRC logo](assets/ilrc-logo.png)"),
            "the image 'assets/ilrc-logo.png' leads to no file of docs/: check its spelling",
        ),
        "an-id-used-twice": (
            lambda project: (lambda at: ("docs/index.md", at + 3, f"the ID 'contact' is already used at line {at}: each part of a page needs its own ID"))(
                after_first_paragraph("## Contact {#contact}\n\nWrite to us.\n{#contact}")(project)[1]
            ),
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
            lambda project: (front_matter("changes: 2026-12-01 The figures were updated.")(project)),
            "changes: holds one note per change, each written '  - date: 2026-12-01' and '    note: …' on the lines under it",
        ),
        "front-matter-never-closed": (
            front_matter_never_closed,
            "the front matter opened here is never closed: end it with a line '---'",
        ),
        "a-page-in-spanish-without-the-language-switch": (
            lambda project: (spanish_page_without_lang(project), replace_front_matter(project))[0],
            lambda before: "this page is in Español (lang: es), but the language switch does not offer it: add "
            + (f"under 'extra:' in mkdocs.yml (line {before.config.line_in_settings('extra')}) the lines " if before.config.line_in_settings("extra") else "at the end of mkdocs.yml the lines 'extra:', ")
            + "'  alternate:', '    - name: English', '      link: ./', '      lang: en', '    - name: Español', '      link: es/', '      lang: es'",
        ),
        "a-page-whose-title-has-a-colon-missing-from-the-nav": (
        lambda project: ((Path(project) / "docs/press.md").write_text("# Press: 3 December\n\nFor the press.\n", encoding="utf-8"), ("docs/press.md", 1))[1],
        lambda before: "this page is in no menu, so readers cannot find it: add a line '  - \"Press: 3 December\": press.md' under "
        f"'nav:' in mkdocs.yml (line {before.config.line_in_settings('nav')})",
    ),
    "a-page-missing-from-the-nav": (
            page_missing_from_nav,
            lambda before: "this page is in no menu, so readers cannot find it: add a line '  - A draft: draft.md' under "
            f"'nav:' in mkdocs.yml (line {before.config.line_in_settings('nav')})",
        ),
    }
)


# Where the message's line is not where the mistake starts: the ID line under the paragraph.
ID_LINE = {"a-look-alike-id", "a-button-class-on-a-paragraph"}


