"""Links that were shared keep working.

published-anchors.yml lists, page by page, every ID a shared link may end in, and the aliases
of IDs that were renamed or removed. The build warns (and so fails under --strict) when a listed
ID is gone; an alias becomes an empty element with the old ID inside its new target, so an old
link lands on the right part, with or without JavaScript."""

import logging
import re
from collections import Counter
from pathlib import Path

import yaml

log = logging.getLogger("mkdocs.hooks.anchors")
FILE = "published-anchors.yml"
IDS = re.compile(r'\sid="([^"]+)"')

published = {}  # page source path -> {"anchors": {id: line}, "aliases": {old: (new, line)}}


def on_config(config):
    path = Path(config.config_file_path).parent / FILE
    published.clear()
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{FILE}:{mark.line + 1}" if mark else FILE
        log.warning(f"{where}: this file is not valid YAML: {getattr(error, 'problem', error)}")
        return
    # Read the YAML as nodes, to name the line of each entry in messages.
    for page, entries in root.value if root else []:
        sections = {key.value: value for key, value in entries.value}
        anchors = sections.get("anchors")
        aliases = sections.get("aliases")
        published[page.value] = {
            "anchors": {node.value: node.start_mark.line + 1 for node in anchors.value} if anchors else {},
            "aliases": {old.value: (new.value, old.start_mark.line + 1) for old, new in aliases.value}
            if aliases
            else {},
        }


def on_page_content(html, page, config, files):
    entry = published.get(page.file.src_uri)
    if not entry:
        return html
    ids = Counter(IDS.findall(html))
    source = f"docs/{page.file.src_uri}"
    for old, (new, line) in entry["aliases"].items():
        if ids[old]:
            log.warning(f"{FILE}:{line}: the alias #{old} is still an ID in {source}; remove the alias.")
        elif not ids[new]:
            log.warning(f"{FILE}:{line}: the alias #{old} points to #{new}, which {source} does not have.")
        else:
            end = re.search(rf'<[a-z][a-z0-9]*\b[^>]*\sid="{re.escape(new)}"[^>]*>', html).end()
            html = f'{html[:end]}<span class="anchor-alias" id="{old}"></span>{html[end:]}'
            ids[old] += 1
    for anchor, line in entry["anchors"].items():
        if not ids[anchor]:
            log.warning(
                f"{FILE}:{line}: #{anchor} has been shared, but {source} no longer has it. "
                f"Put the {{#{anchor}}} back, or add `{anchor}: <new-id>` under aliases."
            )
    return html
