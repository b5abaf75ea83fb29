"""HTML comments, hidden as GitHub's preview hides them: a note to other editors,
`<!-- Keep in step with the press release. -->`, is not published.

    markdown_extensions:
      - statement_site.markdown.comments

- A comment that starts a line (after at most three spaces, where CommonMark starts an HTML
  block) is taken out with every line up to the one that closes it, blank lines included; what
  follows `-->` on that line stays.
- A comment within a line of text is taken out of it; a paragraph that held only a comment (in
  a quote, `> <!-- … -->`) with it.

Nothing of a comment reaches the page, as HTML or as text. Code keeps its comments: fenced code
is set aside before this runs, an indented code block is left alone, and code spans are read
before comments within a line. A comment never closed stays as written, and the editor checks
name it (source/parts.py, HABITS): GitHub would hide everything after it.
"""

import re

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

OPENS = re.compile(r"^ {0,3}<!--")
# As CommonMark reads a comment within a line: `<!-->`, `<!--->`, or `<!--` … `-->`.
COMMENT = r"<!--(?:>|->|.*?-->)"


class CommentLines(Preprocessor):
    """Comments that start a line, taken out with the lines they span."""

    def run(self, lines):
        kept, index = [], 0
        while index < len(lines):
            opened = OPENS.match(lines[index])
            end = closing(lines, index, opened.end() - 2) if opened else None
            if end is None:
                kept.append(lines[index])
                index += 1
                continue
            line, at = end
            rest = lines[line][at + 3 :]
            if rest.strip():
                kept.append(rest)
            index = line + 1
        return kept


def closing(lines, index, start):
    """(line, column) of the `-->` that closes a comment opened on `lines[index]` (its `--` at
    `start`), or None."""
    for line in range(index, len(lines)):
        at = lines[line].find("-->", start if line == index else 0)
        if at >= 0:
            return line, at
    return None


class CommentInText(InlineProcessor):
    def handleMatch(self, m, data):
        return "", m.start(0), m.end(0)


class NothingLeft(Treeprocessor):
    """A paragraph that held only a comment (`> <!-- … -->`, in a quote) is no paragraph."""

    def run(self, root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "p" and not len(child) and not (child.text or "").strip() and not child.attrib:
                    parent.remove(child)


class CommentsExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        # After fenced code is set aside (pymdownx.superfences, 25).
        md.preprocessors.register(CommentLines(md), "statement_site_comment_lines", 24)
        # After code spans (190) and escapes (180), before links (160) and raw HTML (90).
        md.inlinePatterns.register(CommentInText(COMMENT, md), "statement_site_comment", 170)
        # Right after inline patterns (20).
        md.treeprocessors.register(NothingLeft(md), "statement_site_comment_left", 19.8)


def makeExtension(**kwargs):
    return CommentsExtension(**kwargs)
