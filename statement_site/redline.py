"""What readers will see change between two commits: a word-level redline, as Markdown for the
pull request's job summary.

    python -m statement_site redline BASE HEAD >> "$GITHUB_STEP_SUMMARY"

Both commits are read with the model (`Source.read(root, GitTree(root, commit))`), so the words
compared are the ones the site renders, not the Markdown. The report gives, page by page and
section by section, each changed part with its ID, deleted words in <del> and inserted words in
<ins>; the IDs added, removed or aliased; the pages added or removed; and every other file
added, changed, renamed or removed under docs/, named whatever its name, so that it never says
"No change" when something changed (`git diff --name-status -z -M` lists them). It says
"No change to the text readers see." only when nothing under docs/ or in published-anchors.yml
changed.

Everything that comes from a commit (words, headings, IDs, aliases, file names) is data: it goes
through `literal()`, which GitHub renders as the text itself and never as Markdown or HTML.
"""

import string
import subprocess
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

from .source.files import ANCHORS_FILE, DOCS, GitTree, git
from .source.project import Source
from .source.text import INVISIBLE

TITLE = "## What readers will see change"
LEGEND = "Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>."
NO_CHANGE = "No change to the text readers see."
CONTEXT = 6  # unchanged words kept on each side of a change
# GitHub shows at most 1 MiB of a step's job summary; the references below make text longer.
LIMIT = 900_000
CUT = "The redline stops here, longer than GitHub shows: `git diff` between the two commits has the rest."
STATUS = {"A": "added", "M": "changed", "T": "changed", "D": "removed", "R": "renamed", "C": "copied"}

# -- Text from a commit, shown as written ----------------------------------------------------------

# Every ASCII punctuation character is Markdown or HTML syntax somewhere (links, images, emphasis,
# headings, tables, raw HTML, entities, autolinks, math): each one becomes a character reference.
SYNTAX = frozenset(string.punctuation)


def literal(value):
    """`value` as Markdown that GitHub (CommonMark with its extensions, then HTML) shows as
    exactly that text, wherever it stands on a line.

    One rule: each ASCII punctuation character becomes a numeric character reference (`[` is
    `&#91;`, `<` is `&#60;`, `&` is `&#38;`). CommonMark and HTML read a reference as the
    character and never as syntax, so no link, image, emphasis, heading, table, HTML tag,
    entity or autolink (`https:`, `www.`) can start from it. Line breaks, other control
    characters and invisible or direction-changing characters are shown as their escape
    (`\\n`, `\\u202e`): a value stays on its own line and reads as it is."""
    return "".join(f"&#{ord(char)};" if char in SYNTAX else char for char in visible(str(value)))


def visible(text):
    """`text` with each character that would break a line or hide itself written as its escape."""
    return "".join(escape_of(char) if is_hidden(char) else char for char in text)


def is_hidden(char):
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or ord(char) in INVISIBLE


def escape_of(char):
    return char.encode("unicode_escape").decode("ascii")  # a line break reads \n, a direction mark \u202e


def code(value):
    """An ID or a file name, in a monospace font, shown as written."""
    return f"<code>{literal(value)}</code>"


# -- The report ------------------------------------------------------------------------------------


def report(root, base, head):
    """The redline from `base` to `head` (commits, branches or tags of the repository at `root`)."""
    root = Path(root)
    base, head = commit_of(root, base), commit_of(root, head)
    before, after = Source.read(root, GitTree(root, base)), Source.read(root, GitTree(root, head))
    files = changed_files(root, base, head)
    lines, shown = [], set()
    for src in pages_to_show(before, after):
        changes = page_changes(before, after, src)
        ids = id_lines(before.page(src), after.page(src), before.aliases_of(src), after.aliases_of(src))
        if changes or ids:
            lines += [f"### {literal(DOCS + '/' + src)}", "", *page_block(changes, ids)]
        if changes:
            shown.add(f"{DOCS}/{src}")
    if alias_changes(before, after):
        shown.add(ANCHORS_FILE)
    others = pages_and_files(before, after, files, shown)
    if others:
        lines += ["### Pages and other files", "", *others, ""]
    if not lines:  # nothing changed under docs/ (every change there is listed above)
        return f"{TITLE}\n\n{NO_CHANGE}\n"
    return "\n".join(bounded([TITLE, "", LEGEND, "", *lines])).rstrip() + "\n"


def commit_of(root, name):
    """The full SHA of a commit, branch or tag; stops the command with a message when unknown."""
    found = None if name.startswith("-") else git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    if not found:
        raise SystemExit(f"redline: {name!r} is not a commit of this repository")
    return found.strip()


def changed_files(root, base, head):
    """[(status letter, path, new path or None)] of the files under docs/ and of
    published-anchors.yml that differ between two commits, renames found (-M)."""
    result = subprocess.run(
        ["git", "diff", "--name-status", "-z", "-M", "--no-ext-diff", base, head, "--", DOCS, ANCHORS_FILE],
        cwd=root,
        capture_output=True,
        timeout=60,
    )
    if result.returncode:
        raise SystemExit(f"redline: git diff failed: {result.stderr.decode('utf-8', 'backslashreplace').strip()}")
    fields = result.stdout.decode("utf-8", "backslashreplace").split("\0")
    found, index = [], 0
    while index + 1 < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":  # R100 old new
            found.append((status, fields[index + 1], fields[index + 2]))
            index += 3
        else:
            found.append((status, fields[index + 1], None))
            index += 2
    return found


def pages_to_show(before, after):
    """The pages read at both commits in the order of the site, then those with aliases only."""
    common = [src for src in after.pages if src in before.pages]
    aliased = sorted({alias.page for alias in (*before.aliases, *after.aliases)} - set(common))
    return common + aliased


def bounded(lines):
    """The lines that fit in a job summary, and a word where they stop."""
    total = 0
    for index, line in enumerate(lines):
        total += len(line) + 1
        if total > LIMIT:
            return [*lines[:index], "", CUT]
    return lines


# -- One page: its changed parts by section, then its IDs ------------------------------------------


def page_block(changes, ids):
    """A page's changed parts under their sections, then its IDs' changes."""
    lines = []
    for section, items in grouped(changes).items():
        lines += [section, "", *items, ""]
    # A line of its own between the two lists: GitHub would otherwise join them into one.
    return lines + (["<strong>IDs and aliases</strong>", "", *ids, ""] if ids else [])


def page_changes(before, after, src):
    """[(section line, item line)] of what reads otherwise on a page read at both commits."""
    old, new = before.page(src), after.page(src)
    if old is None or new is None:
        return []
    found = []
    for old_part, new_part in paired_parts(old.parts, new.parts):
        item = change_item(old_part, new_part)
        if item:
            page, part = (new, new_part) if new_part else (old, old_part)
            found.append((section_line(page, part.section), item))
    return found + front_matter_changes(old, new)


def paired_parts(old_parts, new_parts):
    """[(old part or None, new part or None)]: parts with an ID an editor wrote are paired by
    that ID; the others are aligned by their text, in order (a reworded paragraph or a renamed
    heading pairs with itself). New parts come in the new page's order, then removed ones."""
    new_ids = {part.id for part in new_parts if part.explicit}
    old_by_id = {part.id: part for part in old_parts if part.explicit}
    partner, unpaired = aligned_without_ids(old_parts, new_parts)
    removed = [i for i, part in enumerate(old_parts) if part.explicit and part.id not in new_ids] + unpaired
    pairs = []
    for index, part in enumerate(new_parts):
        old = old_by_id.get(part.id) if part.explicit else old_parts[partner[index]] if index in partner else None
        pairs.append((old, part))
    return pairs + [(old_parts[index], None) for index in sorted(removed)]


def aligned_without_ids(old_parts, new_parts):
    """({new index: old index}, [old indexes left alone]) of the parts without an editor's ID,
    aligned by kind and text: a part in place of another of its kind is that part reworded."""
    old_plain = [index for index, part in enumerate(old_parts) if not part.explicit]
    new_plain = [index for index, part in enumerate(new_parts) if not part.explicit]
    old_keys, new_keys = [key(old_parts[i]) for i in old_plain], [key(new_parts[i]) for i in new_plain]
    partner, unpaired = {}, []
    for _, a1, a2, b1, b2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        olds, news = old_plain[a1:a2], new_plain[b1:b2]
        for old_index, new_index in zip(olds, news):
            if old_parts[old_index].kind == new_parts[new_index].kind:
                partner[new_index] = old_index
            else:
                unpaired.append(old_index)
        unpaired += olds[len(news) :]
    return partner, unpaired


def key(part):
    return part.kind, part.text


def change_item(old, new):
    """One list item: a part reworded, new or removed; None when it reads the same."""
    if old and new:
        return None if old.text == new.text else f"- {label(new)}: {redline(old.text, new.text)}"
    if new:
        return f"- {label(new)} (new): <ins>{literal(new.text)}</ins>"
    return f"- {label(old)} (removed): <del>{literal(old.text)}</del>"


def label(part):
    """Its ID when an editor gave it one, else what it is."""
    return code(f"#{part.id}") if part.explicit else f"{literal(part.name)} without an ID"


def section_line(page, section):
    """The section a part comes under, as its heading reads, with the heading's own ID."""
    heading = next((p for p in page.parts if p.kind == "heading" and p.words == section and p.container is None), None)
    named = f" {code('#' + heading.id)}" if heading is not None and heading.explicit else ""
    return f"<strong>{literal(section or 'Before the first heading')}</strong>{named}"


def front_matter_changes(old, new):
    """The page's own title and description, when its front matter gives them."""
    found = []
    for name in ("title", "description"):
        was, now = old.meta.get(name), new.meta.get(name)
        if was != now:
            found.append(("<strong>Front matter</strong>", f"- {code(name + ':')} {changed_words(was, now)}"))
    return found


def changed_words(was, now):
    if was and now:
        return redline(was, now)
    return f"<ins>{literal(now)}</ins>" if now else f"<del>{literal(was)}</del>"


def grouped(changes):
    """{section line: [item lines]}, sections in the order they first come."""
    sections = {}
    for section, item in changes:
        sections.setdefault(section, []).append(item)
    return sections


def redline(old, new):
    """Words of `new` with `old`'s deleted words in <del> and the new ones in <ins>; long
    unchanged runs shortened to their ends."""
    old_words, new_words = old.split(), new.split()
    out = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            out += shortened(
                [literal(word) for word in old_words[a1:a2]], after_change=bool(out), before_change=a2 < len(old_words)
            )
            continue
        if a2 > a1:
            out.append(f"<del>{literal(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{literal(' '.join(new_words[b1:b2]))}</ins>")
    return " ".join(out)


def shortened(same, after_change, before_change):
    """An unchanged run of words, cut to CONTEXT words on each side that touches a change."""
    if len(same) <= 2 * CONTEXT + 1:
        return same
    head = same[:CONTEXT] if after_change else []
    tail = same[-CONTEXT:] if before_change else []
    return [*head, "…", *tail]


def id_lines(old, new, old_aliases, new_aliases):
    """IDs a link may end in, added or removed on a page, and its aliases added or removed."""
    old_ids = [p.id for p in old.parts if p.explicit] if old else []
    new_ids = [p.id for p in new.parts if p.explicit] if new else []
    lists = [
        ("IDs added", [code(f"#{i}") for i in new_ids if i not in old_ids]),
        ("IDs removed", [code(f"#{i}") for i in old_ids if i not in new_ids]),
        (
            "IDs aliased (old links now land on)",
            [f"{code('#' + o)} → {code('#' + n)}" for o, n in new_aliases.items() if old_aliases.get(o) != n],
        ),
        (
            "Aliases removed (old links no longer land)",
            [f"{code('#' + o)} (was → {code('#' + n)})" for o, n in old_aliases.items() if o not in new_aliases],
        ),
    ]
    return [f"- **{name}**: {', '.join(items)}" for name, items in lists if items]


def alias_changes(before, after):
    return {(a.page, a.old, a.new) for a in before.aliases} ^ {(a.page, a.old, a.new) for a in after.aliases}


# -- Pages added or removed, and every other file --------------------------------------------------


def pages_and_files(before, after, files, shown):
    """Pages added or removed, then each changed file that the lines above do not show."""
    added = [page.file for src, page in after.pages.items() if src not in before.pages]
    removed = [page.file for src, page in before.pages.items() if src not in after.pages]
    shown = shown | set(added) | set(removed)
    by_status = {}
    for status, path, new_path in files:
        if path in shown and (new_path is None or new_path in shown):
            continue
        name = code(path) if new_path is None else f"{code(path)} → {code(new_path)}"
        by_status.setdefault(STATUS.get(status, "changed"), []).append(name)
    lists = [("Pages added", [code(f) for f in added]), ("Pages removed", [code(f) for f in removed])]
    lists += [(f"Files {status}", names) for status, names in by_status.items()]
    return [f"- **{name}**: {', '.join(items)}" for name, items in lists if items]
