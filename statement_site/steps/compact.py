"""Pages without the blank lines and indentation that the templates leave between elements:
about 3 % of the statement page, gzipped, which helps its first response fit in one round trip
(steps/critical_css.py says why that matters).

Only text between tags changes, and only a run of white space that holds a line break, which
becomes that line break alone: browsers render both alike. Attribute values are never touched,
nor anything inside elements that keep their white space (code, scripts, styles). A change of
steps/tidy.py's one reading of each page."""

import re

from ..markup import Markup, with_edits

LINE_BREAK = re.compile(r"[ \t\r\f]*\n\s*")


def white_space_edits(markup, html):
    """(start, end, the text compacted) of each run of text of `markup` (markup.Markup) that
    holds a line break."""
    edits = []
    for start, length in markup.texts:
        text = html[start : start + length]
        if "\n" in text:
            edits.append((start, start + length, LINE_BREAK.sub("\n", text)))
    return edits


def compact(html):
    """A page with its white space compacted, alone."""
    return with_edits(html, white_space_edits(Markup(html), html))
