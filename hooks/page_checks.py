"""The mistakes editors make, reported with the file and line to fix.

MkDocs finds broken links, missing anchors and images, and pages missing from `nav`, but names
only the page (or nothing to edit): this hook puts the Markdown line in front of each of those
warnings. It also reports what MkDocs lets through silently: an ID used twice on one page
(front matter is checked by site_checks/sources.py, through hooks/content_guard.py)."""

import logging
import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.page_checks")

MKDOCS_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")
LINK_WARNING = re.compile(r"Doc file '(?P<page>[^']+)' contains an? (?:\w+ )?link '(?P<link>[^']+)'")
NOT_IN_NAV = 'The following pages exist in the docs directory, but are not included in the "nav"'


class SourceLines(logging.Filter):
    """Prefixes MkDocs' link and nav warnings with `file:line: `, where the editor can fix them."""

    def __init__(self, config):
        super().__init__()
        self.root = Path(config.config_file_path).parent
        self.docs = Path(config.docs_dir)
        self.config_file = Path(config.config_file_path)
        self.reported = Counter()  # (page, link) -> warnings given so far, to name each occurrence

    def filter(self, record):
        message = record.getMessage()
        if match := LINK_WARNING.match(message):
            page, link = match.group("page", "link")
            source = self.docs / page
            lines = link_lines(source.read_text(encoding="utf-8"), link) if source.is_file() else []
            occurrence = self.reported[page, link]
            self.reported[page, link] += 1
            where = self.relative(source)
            if lines:
                where += f":{lines[min(occurrence, len(lines) - 1)]}"
        elif message.startswith(NOT_IN_NAV):
            config_text = self.config_file.read_text(encoding="utf-8")
            nav = re.search(r"^nav:", config_text, re.MULTILINE)
            where = self.relative(self.config_file)
            if nav:
                where += f":{line_at(config_text, nav.start())}"
        else:
            return True
        record.msg, record.args = f"{where}: {message}", ()
        return True

    def relative(self, path):
        return Path(os.path.relpath(path, self.root)).as_posix()


def on_config(config):
    # A config is loaded again on every rebuild of `mkdocs serve`: replace the previous filter.
    for name in MKDOCS_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == SourceLines.__name__]:
            logger.removeFilter(old)
        logger.addFilter(SourceLines(config))


def on_post_page(output, page, config):
    where = source_path(page, config)
    for ident, count in Counter(IdCollector.collect(output)).items():
        if count == 1:
            continue
        lines = id_lines(page.file.content_string, ident)
        for line in lines[1:]:
            log.warning(
                f"{where}:{line}: the ID '{ident}' is already used at line {lines[0]}: each part of a page needs its own ID"
            )
        if len(lines) < 2:
            log.warning(
                f"{where}:{lines[0] if lines else 1}: the ID '{ident}' appears {count} times in the built page "
                "(the theme or a hook uses it too): choose another"
            )
    return output


def link_lines(source, link):
    """The lines of the Markdown source where `link` is the target of a link or image."""
    target = re.compile(rf"""(?:\]\(\s*<?|\]:\s*<?|=["']?){re.escape(link)}(?=[\s)>"']|$)""", re.MULTILINE)
    return [line_at(source, m.start()) for m in target.finditer(source)]


def id_lines(source, ident):
    """The lines of the Markdown source that give an element the ID `ident`."""
    given = re.compile(rf"""\{{[^{{}}\n]*#{re.escape(ident)}(?=[\s}}])|\bid=["']?{re.escape(ident)}(?=["'\s>])""")
    return [line_at(source, m.start()) for m in given.finditer(source)]


def line_at(text, offset):
    return text.count("\n", 0, offset) + 1


def source_path(page, config):
    return Path(os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent)).as_posix()


class IdCollector(HTMLParser):
    """Every id="…" of a page, in order, repeats included."""

    @classmethod
    def collect(cls, html):
        collector = cls()
        collector.feed(html)
        collector.close()
        return collector.ids

    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]

    handle_startendtag = handle_starttag
