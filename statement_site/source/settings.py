"""The site's settings, from mkdocs.yml: what the model and the steps need of them (the nav, the
site's name and address, the language switch, the Markdown extensions pages are rendered with),
each with its line, read with one parser."""

import re
from dataclasses import dataclass, field

import pathspec
import yaml
from yaml_env_tag import construct_env_tag

from .. import limits
from .files import CONFIG_FILE, decode


@dataclass(frozen=True)
class NavEntry:
    """One line of the nav: a page of docs/, or a link elsewhere."""

    title: str
    src: str | None  # a page of docs/ ("index.md"), or None for a link elsewhere
    line: int  # in mkdocs.yml
    link: str | None = None  # for a link elsewhere, where it leads
    sections: tuple[str, ...] = ()  # the titles of the sections it is listed under, outermost first


@dataclass(frozen=True)
class Config:
    """What the site's configuration says that the model and the steps need."""

    site_name: str = ""
    site_url: str = ""
    site_description: str = ""
    copyright: str = ""  # the line at the foot of every page
    repo_url: str = ""
    language: str = "en"  # the theme's: the site's own language
    nav: tuple = ()  # NavEntry, nested sections flattened
    not_in_nav: str = ""  # gitignore-like lines, as MkDocs reads them
    extensions: tuple = ()  # (name, options) in the order mkdocs.yml lists them
    extra: dict = field(default_factory=dict)
    favicon: str = ""
    line_of: dict = field(default_factory=dict)  # top-level key -> line
    read: bool = True  # False when mkdocs.yml could not be read: what it would say is unknown

    @property
    def alternates(self):
        """The theme's language switch (`extra.alternate`): [{name, link, lang}]."""
        entries = self.extra.get("alternate")
        return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []

    def out_of_nav(self, src):
        """Whether a page is kept out of the nav on purpose (`not_in_nav`)."""
        return pathspec.PathSpec.from_lines("gitignore", self.not_in_nav.splitlines()).match_file(src)

    @property
    def site_path(self):
        """The site's path on its host: "/ceasefire-statement/"."""
        match = re.match(r"^[a-z]+://[^/]+(/.*)?$", self.site_url)
        return (match.group(1) or "/") if match else "/"


# What an editor most likely did, by what PyYAML says.
YAML_HINTS = {
    "mapping values are not allowed here": ": a title with ': ' in it is written in quotes, "
    "'  - \"Press: 3 December\": press.md'",
}


class ConfigLoader(yaml.SafeLoader):
    """PyYAML as MkDocs and Zensical read mkdocs.yml, with their `!ENV` tag."""


ConfigLoader.add_constructor("!ENV", construct_env_tag)


def read_config(tree, report):
    """The settings of mkdocs.yml in `tree`; `Config(read=False)` after a problem."""
    if not tree.exists(CONFIG_FILE):
        report(CONFIG_FILE, 1, "the site's configuration is missing")
        return Config(read=False)
    text = decode(CONFIG_FILE, tree.read_bytes(CONFIG_FILE), limits.PAGE_BYTES, report)
    if text is None:
        return Config(read=False)
    try:
        node = yaml.compose(text, Loader=ConfigLoader)
        data = ConfigLoader(text).construct_document(node) if node else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        hint = YAML_HINTS.get(problem, "")
        report(CONFIG_FILE, mark.line + 1 if mark else 1, f"this file is not valid YAML: {problem}{hint}")
        return Config(read=False)
    if not isinstance(data, dict):
        report(CONFIG_FILE, 1, "the configuration must be `key: value` lines")
        return Config(read=False)
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node else {}
    nav_node = next((value for key, value in node.value if key.value == "nav"), None) if node else None
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    extensions = []
    for entry in data.get("markdown_extensions") or []:
        if isinstance(entry, str):
            extensions.append((entry, {}))
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            extensions.append((name, options or {}))
    return Config(
        site_name=str(data.get("site_name") or ""),
        site_url=str(data.get("site_url") or ""),
        site_description=" ".join(str(data.get("site_description") or "").split()),
        copyright=str(data.get("copyright") or ""),
        repo_url=str(data.get("repo_url") or ""),
        language=str(theme.get("language") or "en"),
        nav=tuple(read_nav(nav_node, report)),
        not_in_nav=str(data.get("not_in_nav") or ""),
        extensions=tuple(extensions),
        extra=data.get("extra") if isinstance(data.get("extra"), dict) else {},
        favicon=str(theme.get("favicon") or ""),
        line_of=lines,
    )


def read_nav(node, report, sections=()):
    """The nav's entries, nested sections flattened (each entry names its own), each with its
    line in mkdocs.yml."""
    if node is None:
        return
    if not isinstance(node, yaml.SequenceNode):
        report(CONFIG_FILE, node.start_mark.line + 1, "nav: is a list of '- Title: page.md' lines")
        return
    if len(node.value) > limits.NAV_ENTRIES:
        line = node.value[limits.NAV_ENTRIES].start_mark.line + 1
        report(
            CONFIG_FILE,
            line,
            f"more than {limits.NAV_ENTRIES} entries in one list of the nav: group the pages in sections "
            "('- Section:' with the pages' lines under it, indented)",
        )
    for item in node.value:
        line = item.start_mark.line + 1
        if isinstance(item, yaml.ScalarNode):
            yield NavEntry(item.value, item.value, line, sections=sections)
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key, value = item.value[0]
            if isinstance(value, yaml.SequenceNode):
                yield from read_nav(value, report, (*sections, str(key.value)))
            elif isinstance(value, yaml.ScalarNode):
                is_link = re.match(r"^[a-z]+:", value.value) is not None
                link = value.value if is_link else None
                yield NavEntry(str(key.value), None if is_link else value.value, line, link, sections)
            else:
                report(CONFIG_FILE, line, "a nav entry is '- Title: page.md'")
        else:
            report(CONFIG_FILE, line, "a nav entry is '- Title: page.md'")
