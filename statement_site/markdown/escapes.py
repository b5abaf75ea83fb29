"""Backslashes as GitHub reads them (CommonMark): a line ending in `\\` breaks there, and a
backslash before any ASCII punctuation shows that character (`\\$`, `\\"`, `\\*`); before
anything else it stays, so `C:\\Users` reads as written.

    markdown_extensions:
      - statement_site.markdown.escapes

Python-Markdown's own means, configured: its list of escaped characters (`ESCAPED_CHARS`, which
lacks some punctuation) and its tag pattern for the break. pymdownx.escapeall would also break a
line at a backslash, but it escapes every character, and drops the backslash of `C:\\Users`,
which GitHub keeps.
"""

import string

from markdown import Extension
from markdown.inlinepatterns import SubstituteTagInlineProcessor

LINE_ENDS_IN_A_BACKSLASH = r"\\\n"


class EscapesExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.ESCAPED_CHARS = sorted(set(md.ESCAPED_CHARS) | set(string.punctuation))
        # Where Python-Markdown breaks a line ending in two spaces ("linebreak", 5).
        md.inlinePatterns.register(SubstituteTagInlineProcessor(LINE_ENDS_IN_A_BACKSLASH, "br"), "statement_site_hardbreak", 5.1)


def makeExtension(**kwargs):
    return EscapesExtension(**kwargs)
