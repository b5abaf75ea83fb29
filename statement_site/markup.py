"""One reading of a built page with html.parser (the content of a <script> or <style> is text):
where each start tag is, and each run of text outside the elements that keep their white space.
For the steps and the preview that change a tag or a run of text in place, leaving every other
character as it was; `with_edits` applies their changes together."""

import re
from html.parser import HTMLParser

KEEPS_WHITE_SPACE = {"pre", "textarea", "script", "style", "code", "kbd", "samp", "template"}


class Markup(HTMLParser):
    """`tags`: (where it starts, its text as written, its name, its attributes in order);
    `texts`: (where it starts, its length) of each run of text outside KEEPS_WHITE_SPACE."""

    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.tags, self.texts, self.inside = [], [], []
        self.lines = line_offsets(text)
        self.feed(text)
        self.close()

    def here(self):
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.here(), self.get_starttag_text(), tag, attrs))
        if tag in KEEPS_WHITE_SPACE:
            self.inside.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((self.here(), self.get_starttag_text(), tag, attrs))

    def handle_endtag(self, tag):
        if tag in self.inside:
            del self.inside[len(self.inside) - 1 - self.inside[::-1].index(tag) :]

    def handle_data(self, data):
        if not self.inside:
            self.texts.append((self.here(), len(data)))


def line_offsets(text):
    """Where each line of `text` starts: [0, the offset after each newline…]."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


def with_edits(text, edits):
    """`text` with each (start, end, new) put in place; the edits do not overlap."""
    out, done = [], 0
    for start, end, new in sorted(edits):
        out += [text[done:start], new]
        done = end
    return "".join(out) + text[done:]
