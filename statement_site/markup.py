"""Where each tag of a built page starts, as html.parser reads it (the content of a <script> or
<style> is text): for the steps and the preview that change a tag in place and leave every other
character as it was."""

import re
from html.parser import HTMLParser


class StartTags(HTMLParser):
    """Every start tag of a page: (where it starts, its text as written, its name, its attributes)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.lines = [0] + [match.end() for match in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        line, column = self.getpos()
        self.found.append((self.lines[line - 1] + column, self.get_starttag_text(), tag, dict(attrs)))

    handle_startendtag = handle_starttag
