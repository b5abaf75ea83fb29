"""What readers will see change: a word-level redline of the pages between two commits.

Usage: python scripts/redline.py BASE HEAD   (two commits, branches or tags of this repository)

Reads docs/*.md and published-anchors.yml at both commits from git alone, renders each page's
Markdown with the site's own extensions (so the text is what readers see, not the source), and
prints Markdown for the pull request's job summary: each changed part, grouped by section, with
its ID, deleted words in <del> and inserted words in <ins>; then the IDs added, removed or
aliased, and the pages added or removed. Prints "No change to the text readers see." when the
pages read the same.
"""

import difflib
import html
import re
import subprocess
import sys
from html.parser import HTMLParser

import markdown
import yaml
from mkdocs.utils.meta import get_data

EXTENSIONS = ["attr_list", "toc", "pymdownx.blocks.admonition", "pymdownx.saneheaders"]
PARTS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li"}
CONTEXT = 6  # unchanged words kept on each side of a change


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


def pages_at(commit):
    """{docs/page.md: its Markdown} at a commit."""
    names = git("ls-tree", "-r", "--name-only", commit, "--", "docs").split()
    return {name: git("show", f"{commit}:{name}") for name in names if name.endswith(".md")}


def aliases_at(commit):
    try:
        listing = yaml.safe_load(git("show", f"{commit}:published-anchors.yml")) or {}
    except (subprocess.CalledProcessError, yaml.YAMLError):
        return {}
    return {
        (page, old): new for page, entry in listing.items() for old, new in ((entry or {}).get("aliases") or {}).items()
    }


class Parts(HTMLParser):
    """The page's headings, paragraphs and list items: (tag, id, text), in order."""

    def __init__(self):
        super().__init__()
        self.parts, self.open = [], []

    def handle_starttag(self, tag, attrs):
        if tag in PARTS:
            self.open.append([tag, dict(attrs).get("id"), []])
        elif tag == "img" and self.open:
            self.open[-1][2].append(f"[image: {dict(attrs).get('alt', '')}]")

    def handle_endtag(self, tag):
        if tag in PARTS and self.open and self.open[-1][0] == tag:
            name, ident, words = self.open.pop()
            text = " ".join("".join(words).split())
            if text:
                self.parts.append((name, ident, text))

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def parts(source):
    """[(section title, part ID or None, text)] of a page, as rendered."""
    body, _ = get_data(source)
    rendered = markdown.markdown(body, extensions=EXTENSIONS)
    reader = Parts()
    reader.feed(rendered)
    section, result = "", []
    for tag, ident, text in reader.parts:
        if tag in ("h1", "h2"):
            section = f"{text} (#{ident})" if ident else text
        result.append((section, ident, text))
    return result


def redline(old, new):
    """Words of `new` with `old`'s deleted words in <del> and the new ones in <ins>; long
    unchanged runs shortened to their ends."""
    old_words, new_words = old.split(), new.split()
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            same = [html.escape(w) for w in old_words[a1:a2]]
            if len(same) > 2 * CONTEXT + 1:
                head = same[:CONTEXT] if out else []  # context after the previous change
                tail = same[-CONTEXT:] if a2 < len(old_words) else []  # context before the next one
                same = [*head, "…", *tail]
            out += same
            continue
        if a2 > a1:
            out.append(f"<del>{html.escape(' '.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{html.escape(' '.join(new_words[b1:b2]))}</ins>")
    return " ".join(out)


def keyed(page_parts):
    """Parts by ID; a part without an ID by its position among those without one."""
    result, unnamed = {}, 0
    for section, ident, text in page_parts:
        if ident is None:
            unnamed += 1
        result[ident or f"(part {unnamed} without an ID)"] = (section, text)
    return result


def report(base, head):
    before, after = pages_at(base), pages_at(head)
    lines, ids_added, ids_removed = [], [], []
    for page in sorted(set(before) & set(after)):
        old, new = keyed(parts(before[page])), keyed(parts(after[page]))
        by_section = {}
        for key, (section, text) in new.items():
            if key not in old:
                by_section.setdefault(section, []).append(f"- `#{key}` (new): <ins>{html.escape(text)}</ins>")
            elif old[key][1] != text:
                by_section.setdefault(section, []).append(f"- `#{key}`: {redline(old[key][1], text)}")
        for key, (section, text) in old.items():
            if key not in new:
                by_section.setdefault(section, []).append(f"- `#{key}` (removed): <del>{html.escape(text)}</del>")
        ids_added += [f"`#{key}`" for key in new if key not in old and not key.startswith("(")]
        ids_removed += [f"`#{key}`" for key in old if key not in new and not key.startswith("(")]
        if by_section:
            lines += [f"### {page}", ""]
            for section, items in by_section.items():
                lines += [f"**{section or 'Before the first heading'}**", "", *items, ""]
    old_aliases, new_aliases = aliases_at(base), aliases_at(head)
    aliased = [
        f"`#{old}` → `#{new}`" for key, new in new_aliases.items() if old_aliases.get(key) != new for old in key[1:]
    ]
    summary = [
        ("IDs added", ids_added),
        ("IDs removed", ids_removed),
        ("IDs aliased (old links now land on)", aliased),
        ("Pages added", [f"`{p}`" for p in sorted(set(after) - set(before))]),
        ("Pages removed", [f"`{p}`" for p in sorted(set(before) - set(after))]),
    ]
    lines += [f"- **{label}**: {', '.join(items)}" for label, items in summary if items]
    if not lines:
        return "## What readers will see change\n\nNo change to the text readers see.\n"
    legend = "Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>."
    return "\n".join(["## What readers will see change", "", legend, "", *lines]).rstrip() + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 3 or not all(re.fullmatch(r"[\w./^~-]+", arg) for arg in sys.argv[1:]):
        sys.exit(__doc__)
    sys.stdout.write(report(*sys.argv[1:]))
