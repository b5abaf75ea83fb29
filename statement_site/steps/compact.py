"""Pages without the blank lines and indentation that the templates leave between elements:
about 3 % of the statement page, gzipped, which helps its first response fit in one round trip
(steps/critical_css.py says why that matters).

Only text between tags changes, and only a run of white space that holds a line break, which
becomes that line break alone: browsers render both alike. Attribute values are never touched,
nor anything inside elements that keep their white space (code, scripts, styles)."""

import dataclasses
import re
from html.parser import HTMLParser

KEEPS_WHITE_SPACE = {"pre", "textarea", "script", "style", "code", "kbd", "samp", "template"}
LINE_BREAK = re.compile(r"[ \t\r\f]*\n\s*")


def compact_white_space(site):
    return dataclasses.replace(site, pages={path: compact(html) for path, html in site.pages.items()})


def compact(html):
    reader = TextNodes()
    reader.feed(html)
    reader.close()
    line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
    out, done = [], 0
    for (line, column), length in reader.spans:
        start = line_starts[line - 1] + column
        out += [html[done:start], LINE_BREAK.sub("\n", html[start : start + length])]
        done = start + length
    return "".join(out) + html[done:]


class TextNodes(HTMLParser):
    """Where each run of text outside white-space-keeping elements starts, and its length."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.spans, self.inside = [], []

    def handle_starttag(self, tag, attrs):
        if tag in KEEPS_WHITE_SPACE:
            self.inside.append(tag)

    def handle_endtag(self, tag):
        if tag in self.inside:
            del self.inside[len(self.inside) - 1 - self.inside[::-1].index(tag) :]

    def handle_data(self, data):
        if not self.inside and "\n" in data:
            self.spans.append((self.getpos(), len(data)))
