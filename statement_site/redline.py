"""What readers will see change between two commits: a redline, as Markdown for the pull
request's job summary.

    python -m statement_site redline BASE HEAD >> "$GITHUB_STEP_SUMMARY"

Both commits are read with the model (`Source.read(root, GitTree(root, commit))`), so what is
compared is what the site renders, not the Markdown: each part's words, and what a reader
perceives of it beyond its words (`parts.Detail`: where its links and buttons lead, its images'
files, descriptions and tooltips, words struck through, a heading's level, the direction and
language of a passage), its place on the page; each page's title, description, language, notes
on the Revisions page and abbreviations; the settings that reach every page (`source.config`:
the site's name, description, copyright and language, the nav, the language switch); and the
words of every PDF and SVG. Each change is shown once, where a reader meets it: settings first,
then page by page and section by section, each part by its ID; then pages removed and every
other file added, changed, renamed or removed (`git diff --name-status -z -M`), by what it holds
(its size and git blob ID). README.md's table lists each kind of change and how it is shown.
It says "No change to the text readers see." only when nothing it compares changed and no file
under docs/, published-anchors.yml or mkdocs.yml did.

Everything that comes from a commit (words, addresses, tooltips, headings, IDs, file names) is
data: it goes through `literal()`, which GitHub renders as the text itself and never as Markdown
or HTML; and the report stops before the 1 MiB GitHub shows of a job summary.
"""

import posixpath
import string
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from . import limits
from .pdf import pdf_text
from .source.files import ANCHORS_FILE, CODE_CONFIG, CONFIG_FILE, DOCS, ContentOver, GitTree, changed_paths, git
from .source.parts import ASPECTS, KINDS
from .source.project import Source
from .source.text import visible

TITLE = "## What readers will see change"
LEGEND = "Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>."
NO_CHANGE = "No change to the text readers see."
CONTEXT = 6  # unchanged words kept on each side of a change
# GitHub shows at most 1 MiB (1,048,576 bytes) of a step's job summary.
LIMIT = 1_000_000
CUT = "The redline stops here, longer than GitHub shows: `git diff` between the two commits has the rest."
# Files whose words a reader reads, and how large a file is read for them.
WORDS_OF = {".pdf": limits.PDF_BYTES, ".svg": limits.SVG_BYTES}
# The settings that reach every page, as `source.config` holds them, and what to call them.
SETTINGS = {
    "site_name": "the site's name (site_name)",
    "site_description": "the site's description (site_description)",
    "copyright": "the line at the foot of every page (copyright)",
    "language": "the site's language (theme language)",
}

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


def code(value):
    """An ID or a file name, in a monospace font, shown as written."""
    return f"<code>{literal(value)}</code>"


def quoted(words):
    return f"“{literal(words)}”"


def inserted(value):
    return f"<ins>{literal(value)}</ins>" if value else "(nothing)"


def deleted(value):
    return f"<del>{literal(value)}</del>" if value else "(nothing)"


def replaced(was, now):
    """A value that changed as a whole (an address, a file, a language): the old, then the new."""
    return f"{deleted(was)} → {inserted(now)}"


# -- The report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """The project at one commit: its model, and its files as git holds them."""

    source: Source
    tree: GitTree

    @classmethod
    def read(cls, root, commit, code=None):
        """The commit's content, rendered by its own code, or by `code`'s (a tree) when given."""
        tree = GitTree(root, commit)
        return cls(Source.read(root, ContentOver(tree, code) if code else tree), tree)

    def file(self, path):
        """What a reader could tell of a file: its size and a digest of what it holds."""
        size, digest = self.tree.size(path), self.tree.digest(path)
        return f"{size:,} bytes, git blob {digest[:12]}" if digest else "no such file"

    def image(self, page, address):
        """(an image's address with what its file holds, and an SVG's words; the file under
        docs/ or None)."""
        path = file_of(page.src, address)
        if path is None:
            return address, None
        words = words_of(self, path) if PurePosixPath(path).suffix.lower() in WORDS_OF and self.tree.exists(path) else None
        return f"{address} ({self.file(path)}{'' if words is None else ', its words: “' + words + '”'})", path


def report(root, base, head, code=None):
    """The redline from `base` to `head` (commits, branches or tags of the repository at `root`),
    both read by their own code, or by `code`'s (a tree: the review's checkout of main, so that
    a pull request's code never shapes what its reviewers read)."""
    root = Path(root)
    base, head = commit_of(root, base), commit_of(root, head)
    before, after = Version.read(root, base, code), Version.read(root, head, code)
    files = changed_paths(root, base, head, DOCS, ANCHORS_FILE, CONFIG_FILE, CODE_CONFIG)
    lines, shown = [], set()
    settings = settings_lines(before.source.config, after.source.config)
    if settings:
        lines += ["### Site settings", "", *settings, ""]
        shown.add(CONFIG_FILE)
    renamed = {old: new for status, old, new in files if status == "renamed"}
    for old_src, new_src in pages_to_show(before.source, after.source, renamed):
        block = page_block(before, after, old_src, new_src, shown)
        if block or old_src != new_src:  # a new or renamed page is a change, whatever it holds
            lines += [page_heading(old_src, new_src), "", *block]
            shown.update(f"{DOCS}/{src}" for src in (old_src, new_src) if src)
    if alias_changes(before.source, after.source):
        shown.add(ANCHORS_FILE)
    others = pages_and_files(before, after, files, shown)
    if others:
        lines += ["### Pages and other files", "", *others, ""]
    if not lines:  # nothing compared changed, and no file under docs/ (each is listed above)
        return f"{TITLE}\n\n{NO_CHANGE}\n"
    return "\n".join(bounded([TITLE, "", LEGEND, "", *lines])).rstrip() + "\n"


def commit_of(root, name):
    """The full SHA of a commit, branch or tag; stops the command with a message when unknown."""
    found = None if name.startswith("-") else git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    if not found:
        raise SystemExit(f"redline: {name!r} is not a commit of this repository")
    return found.strip()


def pages_to_show(before, after, renamed):
    """[(src at base or None, src at head)]: the pages at head in the order of the site, each
    with the page it was (itself, the page git found it renamed from, or None: a new page), then
    the pages with aliases only."""
    was = {new.removeprefix(f"{DOCS}/"): old.removeprefix(f"{DOCS}/") for old, new in renamed.items()}
    pairs = []
    for src in after.pages:
        if src in before.pages:
            pairs.append((src, src))
        else:
            old = was.get(src)
            pairs.append((old if old in before.pages and old not in after.pages else None, src))
    aliased = sorted({alias.page for alias in (*before.aliases, *after.aliases)} - set(after.pages) - set(before.pages))
    return pairs + [(src, src) for src in aliased]


def page_heading(old_src, new_src):
    name = literal(f"{DOCS}/{new_src}")
    if old_src is None:
        return f"### {name} (new page)"
    return f"### {name}" if old_src == new_src else f"### {name} (renamed from {literal(f'{DOCS}/{old_src}')})"


def bounded(lines):
    """The lines that fit in a job summary (counted in bytes, as GitHub does), and a word where
    they stop."""
    total = 0
    for index, line in enumerate(lines):
        total += len(line.encode("utf-8")) + 1
        if total > LIMIT - len(CUT) - 2:
            return [*lines[:index], "", CUT]
    return lines


def changed_words(was, now):
    """Words that changed: redlined when there were words before and after."""
    if was and now:
        return redline(was, now)
    return inserted(now) if now else deleted(was)


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


def aligned(old, new, key=lambda item: item, pairs=lambda a, b: True):
    """[(old item or None, new item or None)] where two lists differ: an item in place of one
    that `pairs` allows is paired with it; the others are new or removed. In the new list's order."""
    found = []
    old_keys, new_keys = [key(item) for item in old], [key(item) for item in new]
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        left = list(old[a1:a2])
        for item in new[b1:b2]:
            partner = next((each for each in left if pairs(each, item)), None)
            if partner is not None:
                left.remove(partner)
            found.append((partner, item))
        found += [(item, None) for item in left]
    return found


# -- Settings that reach every page ----------------------------------------------------------------


def settings_lines(old, new):
    """The site's name, description, copyright and language, the nav and the language switch,
    as `source.config` reads them at each commit; none when either cannot be read (its file is
    then named with the other files, and the checks say why)."""
    if not (old.read and new.read):
        return []
    lines = []
    for name, called in SETTINGS.items():
        was, now = getattr(old, name), getattr(new, name)
        if was != now:
            lines.append(f"- {literal(called)}: {changed_words(was, now)}")
    return lines + nav_lines(old.nav, new.nav) + switch_lines(old.alternates, new.alternates)


def nav_lines(old, new):
    """Each nav entry whose title or place among the sections changed, added or removed (by the
    page or address it leads to), then the order, when it changed."""
    old_entries, new_entries = nav_entries(old), nav_entries(new)
    lines = []
    for target, title in new_entries.items():
        if target not in old_entries:
            lines.append(f"- nav entry for {code(target[0])} (new): {inserted(title)}")
        elif old_entries[target] != title:
            lines.append(f"- nav entry for {code(target[0])}: {redline(old_entries[target], title)}")
    lines += [f"- nav entry for {code(target[0])} (removed): {deleted(title)}" for target, title in old_entries.items() if target not in new_entries]
    order = [target for target in old_entries if target in new_entries], [target for target in new_entries if target in old_entries]
    if order[0] != order[1]:
        was, now = ("; ".join(entries[target] for target in targets) for entries, targets in zip((old_entries, new_entries), order))
        lines.append(f"- nav order: {replaced(was, now)}")
    return lines


def nav_entries(nav):
    """{(the page or address an entry leads to, its occurrence): "Section › Title"}, in order."""
    entries, seen = {}, {}
    for entry in nav:
        target = entry.src or entry.link or ""
        seen[target] = seen.get(target, 0) + 1
        entries[(target, seen[target])] = " › ".join((*entry.sections, entry.title))
    return entries


def switch_lines(old, new):
    """The language switch (`extra.alternate`): each language's name, address and tag."""

    def shown(entry):
        return f"{entry.get('name', '')} ({entry.get('lang', '')}): {entry.get('link', '')}"

    lines = []
    for was, now in aligned([shown(e) for e in old], [shown(e) for e in new]):
        what = "language switch" + (" (new)" if was is None else " (removed)" if now is None else "")
        lines.append(f"- {what}: {changed_words(was, now)}")
    return lines


# -- One page: its changed parts by section, then what belongs to the whole page -------------------


def page_block(before, after, old_src, new_src, shown):
    """A page's changes under their sections, then its IDs'. A new page (`old_src` None) is
    shown whole, as new. Adds to `shown` the files whose change it shows (the images')."""
    old, new = before.source.page(old_src) if old_src else None, after.source.page(new_src)
    changes = part_changes(before, after, old, new, shown) + page_changes(old, new) if new else []
    lines = []
    for section, items in grouped(changes).items():
        lines += [section, "", *items, ""]
    ids = id_lines(old, new, before.source.aliases_of(old_src), after.source.aliases_of(new_src))
    # A line of its own between the two lists: GitHub would otherwise join them into one.
    return lines + (["<strong>IDs and aliases</strong>", "", *ids, ""] if ids else [])


def part_changes(before, after, old_page, new_page, shown):
    """[(section line, item line)] of each part that reads otherwise, is new, removed or moved."""
    old_parts, new_parts = old_page.parts if old_page else (), new_page.parts
    pairs = paired_parts(old_parts, new_parts)
    moved = moves(pairs, old_parts, new_parts)
    found = []
    for i, j in pairs:
        old, new = old_parts[i] if i is not None else None, new_parts[j] if j is not None else None
        page, part = (new_page, new) if new else (old_page, old)
        items = part_items(old, new, moved.get(j))
        if new is not None:
            was = perceived(old.details, before, old_page) if old else []
            items += detail_items(named(new), was, perceived(new.details, after, new_page), shown)
        found += [(section_line(page, part.section), item) for item in items]
    return found


def paired_parts(old_parts, new_parts):
    """[(old index or None, new index or None)]: parts with an ID an editor wrote are paired by
    that ID; the others are aligned by their words, in order (a reworded paragraph or a renamed
    heading pairs with itself); a part removed in one place and new in another with the same
    words has moved. New parts come in the new page's order, then removed ones."""
    new_ids = {part.id for part in new_parts if part.explicit}
    old_by_id = {part.id: index for index, part in enumerate(old_parts) if part.explicit}
    partner, unpaired = aligned_without_ids(old_parts, new_parts)
    removed = [i for i, part in enumerate(old_parts) if part.explicit and part.id not in new_ids] + unpaired
    pairs = []
    for j, part in enumerate(new_parts):
        i = old_by_id.get(part.id) if part.explicit else partner.get(j)
        if i is None:  # the same words elsewhere: moved (its ID, if any, changed: the IDs say so)
            i = next((r for r in removed if key(old_parts[r]) == key(part)), None)
            removed = [r for r in removed if r != i]
        pairs.append((i, j))
    return pairs + [(i, None) for i in sorted(removed)]


def aligned_without_ids(old_parts, new_parts):
    """({new index: old index}, [old indexes left alone]) of the parts without an editor's ID,
    aligned by kind and words: a part in place of another of its kind is that part reworded."""
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
    return part.kind, part.own_text


def moves(pairs, old_parts, new_parts):
    """{new index: where it moved} of the parts whose order among the others changed: those
    outside the longest sequence kept in order. Parts that moved together (next to each other
    before and after) are one move, named on the first."""
    both = [(i, j) for i, j in pairs if i is not None and j is not None]
    kept = set(in_order(both))
    runs = []
    for index, (i, j) in enumerate(both):
        if (i, j) in kept:
            continue
        if runs and runs[-1][-1] == both[index - 1] and both[index - 1][0] == i - 1:
            runs[-1].append((i, j))
        else:
            runs.append([(i, j)])
    found = {}
    for (i, j), *others in runs:
        old, new = old_parts[i], new_parts[j]
        where = f"now after {reference(new_parts[j - 1])}" if j > 0 else "now first on the page"
        together = f", with {', '.join(reference(new_parts[other]) for _, other in others)}" if others else ""
        section = f" from the section {quoted(old.section or 'before the first heading')}" if old.section != new.section else ""
        found[j] = f"moved{section}{together}: {where}"
    return found


def in_order(both):
    """The longest sequence of (old index, new index) pairs, in new order, whose old indexes
    increase (patience sorting): the parts that kept their order."""
    tails, previous = [], {}
    for index, (i, _) in enumerate(both):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            low, high = (middle + 1, high) if both[tails[middle]][0] < i else (low, middle)
        previous[index] = tails[low - 1] if low else None
        tails[low : low + 1] = [index]
    chain, at = [], tails[-1] if tails else None
    while at is not None:
        chain.append(both[at])
        at = previous[at]
    return chain[::-1]


def part_items(old, new, moved):
    """A part's words reworded, new or removed, its kind changed, and where it moved: item lines."""
    if old is None:
        return [f"- {label(new)} (new): {inserted(new.own_text)}"]
    if new is None:
        return [f"- {label(old)} (removed): {deleted(old.own_text)}"]
    items = []
    if old.own_text != new.own_text:
        items.append(f"- {label(new)}: {redline(old.own_text, new.own_text)}")
    if old.kind != new.kind:
        items.append(f"- {named(new)}: now {a(KINDS[new.kind].name)} (was {a(KINDS[old.kind].name)})")
    elif old.within != new.within:  # a quotation is in a quote: its kind says so
        items.append(f"- {named(new)}: now {placed(new.within)} (was {placed(old.within)})")
    if moved:
        items.append(f"- {named(new)} {moved}")
    return items


def perceived(details, version, page):
    """[(aspect, value, the words it belongs to, its file under docs/ or None)] of a part's
    details, abbreviations aside (the page's); an image by what its file holds."""
    found = []
    for detail in details:
        value, path = version.image(page, detail.value) if detail.aspect == "image" else (detail.value, None)
        if detail.aspect != "abbreviation":
            found.append((detail.aspect, value, detail.of, path))
    return found


def detail_items(name, was, now, shown):
    """Item lines for what a reader perceives of a part beyond its words that changed (all of
    it, for a new part). Adds to `shown` the image files they show."""
    lines = []
    for gone, came in aligned(was, now, key=lambda d: d[:2], pairs=lambda a, b: a[0] == b[0]):
        aspect, _, of, path = came or gone
        what = f"{name}, {literal(ASPECTS[aspect])}" + (f" {quoted(of)}" if of else "")
        if gone and came:
            lines.append(f"- {what}: {replaced(gone[1], came[1])}")
        elif came:
            lines.append(f"- {what} (new): {inserted(came[1])}")
        else:
            lines.append(f"- {what} (removed): {deleted(gone[1])}")
        shown.update(path for path in (gone and gone[3], came and came[3]) if path)
    return lines


def file_of(page_src, address):
    """The file under docs/ an address on a page leads to, or None (another site, outside docs/)."""
    split = urlsplit(address)
    if split.scheme or split.netloc or not split.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), unquote(split.path)))
    return None if path.startswith("..") else f"{DOCS}/{path}"


# What a part may sit in (parts.each_part), as a reader sees it.
CONTAINERS = {"notice": "a notice", "quote": "a quotation", "item": "a list item", "footnote": "a footnote"}


def placed(within):
    return "inside " + " inside ".join(CONTAINERS.get(each, each) for each in reversed(within)) if within else "on the page itself"


def a(name):
    return f"{'an' if name[0] in 'aeiou' else 'a'} {literal(name)}"


def label(part):
    """Its ID when an editor gave it one, else what it is."""
    return code(f"#{part.id}") if part.explicit else f"{literal(part.name)} without an ID"


def named(part):
    """Its label, and its first words when it has no ID, for a line that does not show them."""
    return label(part) if part.explicit else f"{label(part)} {first_words(part)}"


def reference(part):
    """A part named in a sentence: its ID, else what it is and its first words."""
    return code(f"#{part.id}") if part.explicit else f"the {literal(part.name)} {first_words(part)}"


def first_words(part):
    words = part.own_text.split()
    return quoted(" ".join(words[:8]) + (" …" if len(words) > 8 else ""))


def section_line(page, section):
    """The section a part comes under, as its heading reads, with the heading's own ID."""
    heading = next((p for p in page.parts if p.kind == "heading" and p.words == section and p.container is None), None)
    named = f" {code('#' + heading.id)}" if heading is not None and heading.explicit else ""
    return f"<strong>{literal(section or 'Before the first heading')}</strong>{named}"


def page_changes(old, new):
    """The page's own title, description, language and notes on the Revisions page (front
    matter), and the abbreviations it explains."""
    meta = old.meta if old else {}
    found = []
    for name in ("title", "description", "lang"):
        was, now = meta.get(name), new.meta.get(name)
        if was != now:
            found.append(("<strong>Front matter</strong>", f"- {code(name + ':')} {changed_words(was, now)}"))
    notes = [f"{change.date}: {change.note}" for change in (old.changes if old else ())]
    for was, now in aligned(notes, [f"{change.date}: {change.note}" for change in new.changes]):
        what = "note on the Revisions page" + (" (new)" if was is None else " (removed)" if now is None else "")
        found.append(("<strong>Front matter</strong>", f"- {what}: {changed_words(was, now)}"))
    for was, now in aligned(abbreviations(old), abbreviations(new), pairs=lambda a, b: a[0] == b[0]):
        what = f"- {quoted((now or was)[0])}" + (" (new)" if was is None else " (removed)" if now is None else "")
        values = replaced(was[1], now[1]) if was and now else inserted(now[1]) if now else deleted(was[1])
        found.append(("<strong>Abbreviations</strong>", f"{what}: {values}"))
    return found


def abbreviations(page):
    """[(abbreviation, what it stands for)] that a page explains, by abbreviation."""
    found = {(d.of, d.value) for part in (page.parts if page else ()) for d in part.details if d.aspect == "abbreviation"}
    return sorted(found)


def grouped(changes):
    """{section line: [item lines]}, sections in the order they first come."""
    sections = {}
    for section, item in changes:
        sections.setdefault(section, []).append(item)
    return sections


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


# -- Pages removed, and every other file -----------------------------------------------------------


def pages_and_files(before, after, files, shown):
    """Pages removed, then each changed file that the lines above do not show, by what it holds
    (a PDF's or an SVG's words, else its size and digest)."""
    # A page still there that cannot be read is a file changed: the checks say why.
    removed = [
        page.file
        for src, page in before.source.pages.items()
        if src not in after.source.pages and page.file not in shown and not after.tree.exists(page.file)
    ]
    lines = [f"- **Page removed**: {code(file)}" for file in removed]
    shown = shown | set(removed)
    for status, path, new_path in files:
        if path in shown and (new_path is None or new_path in shown):
            continue
        names = code(path) if new_path is None else f"{code(path)} → {code(new_path)}"
        lines.append(f"- **File {status}**: {names} {file_change(before, after, path, new_path or path, status)}")
    return lines


def file_change(before, after, path, new_path, status):
    """A changed file by what it holds: its size and digest at each commit, and a PDF's or an
    SVG's words redlined, or that they cannot be read."""
    if status == "removed":
        return f"({before.file(path)})"
    sizes = f"({after.file(new_path)})" if status == "added" else f"({before.file(path)} → {after.file(new_path)})"
    if PurePosixPath(new_path).suffix.lower() not in WORDS_OF:
        return sizes
    was, now = words_of(before, path) if status != "added" else "", words_of(after, new_path)
    if was is None or now is None:
        return f"{sizes}: its words cannot be read"
    return f"{sizes}: the same words" if was == now else f"{sizes}, its words: {changed_words(was, now)}"


def words_of(version, path):
    """The words a reader reads in a PDF or an SVG at one commit, or None when they cannot be read."""
    size, suffix = version.tree.size(path), PurePosixPath(path).suffix.lower()
    if size is None or size > WORDS_OF[suffix]:
        return None
    data = version.tree.read_bytes(path)
    return pdf_text(data) if suffix == ".pdf" else svg_text(data)


# What an SVG shows or says as words: drawn text, and its title and description for screen readers.
SVG_WORDS = {"text", "title", "desc"}


def svg_text(data):
    """The words of an SVG, or None when it cannot be read as the checks read it (UTF-8, XML,
    without DOCTYPE or entities, which could multiply it)."""
    from xml.etree import ElementTree

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "<!doctype" in text.lower() or "<!entity" in text.lower():
        return None
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    words = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if name in SVG_WORDS:
            words += "".join(element.itertext()).split()
    return " ".join(words)
