"""Links that were shared keep working.

published-anchors.yml lists, page by page, every ID a shared link may end in, and the aliases
of IDs that were renamed or removed. The build warns (and so fails under --strict) when a listed
ID is gone, and when a page gives an ID (`{#id}`) that is not listed yet, so that every new part
is protected from its first day; an alias becomes an empty element with the old ID inside its new target, so an old
link lands on the right part, with or without JavaScript."""

import logging
import re
from collections import Counter
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import yaml

log = logging.getLogger("mkdocs.hooks.anchors")
FILE = "published-anchors.yml"
IDS = re.compile(r'\sid="([^"]+)"')
GIVEN_ID = re.compile(r"\{:?[^{}\n]*?#([\w-]+)[^{}\n]*\}")

published = {}  # page source path -> {"anchors": {id: line}, "aliases": {old: (new, line)}}


def on_config(config):
    path = Path(config.config_file_path).parent / FILE
    published.clear()
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        log.warning(yaml_checker(config).explain(FILE, path.read_text(encoding="utf-8"), error))
        published[None] = "unreadable"  # no page's IDs can be checked against it
        return
    # Read the YAML as nodes, to name the line of each entry in messages.
    for page, entries in root.value if root else []:
        sections = {key.value: value for key, value in entries.value}
        # `aliases:` with only comments under it is an empty value, not a mapping.
        anchors = sections.get("anchors") if isinstance(sections.get("anchors"), yaml.SequenceNode) else None
        aliases = sections.get("aliases") if isinstance(sections.get("aliases"), yaml.MappingNode) else None
        published[page.value] = {
            "anchors": {node.value: node.start_mark.line + 1 for node in anchors.value} if anchors else {},
            "aliases": {old.value: (new.value, old.start_mark.line + 1) for old, new in aliases.value}
            if aliases
            else {},
        }


def yaml_checker(config):
    """scripts/check_yaml.py, whose messages say what an editor's YAML mistake means."""
    spec = spec_from_file_location("check_yaml", Path(config.config_file_path).parent / "scripts" / "check_yaml.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_page_markdown(markdown, page, config, files):
    """Each ID the page gives must be listed, so that the build protects its links from then on."""
    if None in published:
        return markdown
    listed = published.get(page.file.src_uri, {}).get("anchors", {})
    source = f"docs/{page.file.src_uri}"
    for number, line in enumerate(page.file.content_string.split("\n"), 1):
        for ident in GIVEN_ID.findall(line):
            if ident not in listed:
                where = (
                    f"under anchors in {FILE}"
                    if page.file.src_uri in published
                    else (
                        f"in {FILE}, in a new section '{page.file.src_uri}:' with a line 'anchors:' (copy the one for index.md)"
                    )
                )
                log.warning(
                    f"{source}:{number}: the ID #{ident} is new: add '- {ident}' {where}, "
                    "so that links to it keep working."
                )
    return markdown


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
