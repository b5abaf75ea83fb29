"""The site's settings, from its two configuration files, read safely before any generator
loads them (both read YAML with PyYAML's full loader, whose Python tags run code):

- mkdocs.yml, the editors' settings (EDITOR_SETTINGS), which starts with
  `INHERIT: config/site.yml`: read strictly, by a schema walk over PyYAML's own reading of the
  file. It is the parser both generators use, so that what is judged is what they will read
  (`site_name: yes` is a boolean to them, and text to a YAML 1.2 reader such as StrictYAML).
  Only the keys editors may write, each once, no tag, anchor or alias; values that reach a page
  are plain text (no < > " or character reference, which both generators' templates print as
  they are); nav entries are pages of docs/ or https: addresses; the language switch leads to
  pages of the site, with language tags.
- config/site.yml, the code's configuration: PyYAML's safe loader with MkDocs' `!ENV` tag (code,
  but never executed here), each key once, every path inside the project, nothing included from
  outside docs/, no editor's setting.

`Config` is the merged view both generators build (the editors' file over the code's), each
value with the file and line it comes from."""

import html
import importlib.util
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import pathspec
import yaml
from yaml_env_tag import construct_env_tag

from .. import limits
from ..problems import Problem
from .files import CODE_CONFIG, CONFIG_FILE, DOCS, WorkTree, decode, file_name_problem
from .strict import syntax_message
from .text import hidden_in_value


@dataclass(frozen=True)
class NavEntry:
    """One line of the nav: a page of docs/, or a link elsewhere."""

    title: str
    src: str | None  # a page of docs/ ("index.md"), or None for a link elsewhere
    line: int  # in mkdocs.yml
    link: str | None = None  # for a link elsewhere, where it leads
    sections: tuple[str, ...] = ()  # the titles of the sections it is listed under, outermost first


@dataclass(frozen=True)
class Place:
    """Where a setting is written."""

    file: str  # mkdocs.yml or config/site.yml
    line: int


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
    extensions: tuple | None = ()  # (name, options) in the order listed; None when unknown
    extra: dict = field(default_factory=dict)
    favicon: str = ""
    places: dict = field(default_factory=dict)  # "site_name", "extra.alternate", "theme.custom_dir"… -> Place
    code_paths: tuple = ()  # what a build reads of the code: config/site.yml, the theme's folder, the hooks
    read: bool = True  # False when a file could not be read: what it would say is unknown

    @property
    def alternates(self):
        """The theme's language switch (`extra.alternate`): [{name, link, lang}]."""
        entries = self.extra.get("alternate")
        return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []

    def out_of_nav(self, src):
        """Whether a page is kept out of the nav on purpose (`not_in_nav`)."""
        return pathspec.PathSpec.from_lines("gitignore", self.not_in_nav.splitlines()).match_file(src)

    def line_in_settings(self, key):
        """The line of `key` in the editors' file (mkdocs.yml), or None when it is not there."""
        place = self.places.get(key)
        return place.line if place and place.file == CONFIG_FILE else None

    @property
    def site_path(self):
        """The site's path on its host: "/ceasefire-statement/"."""
        match = re.match(r"^[a-z]+://[^/]+(/.*)?$", self.site_url)
        return (match.group(1) or "/") if match else "/"


def read_config(tree, report):
    """The settings of mkdocs.yml over config/site.yml in `tree`; `read=False` after a problem
    (and `extensions=None` when the code's configuration, which says how pages render, is unknown)."""
    settings = read_editor_settings(tree, report)
    code = read_code_config(tree, report)
    if code is None:
        return Config(read=False, extensions=None)
    data, places = code
    values, editor_places = settings if settings is not None else ({}, {})
    places = {**places, **editor_places}
    data = {**data, **values, "extra": {**(data.get("extra") or {}), **values.get("extra", {})}}
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    return Config(
        site_name=str(data.get("site_name") or ""),
        site_url=str(data.get("site_url") or ""),
        site_description=" ".join(str(data.get("site_description") or "").split()),
        copyright=" ".join(str(data.get("copyright") or "").split()),
        repo_url=str(data.get("repo_url") or ""),
        language=str(theme.get("language") or "en"),
        nav=tuple(values.get("nav", ())),
        not_in_nav=values.get("not_in_nav", ""),
        extensions=tuple(extensions_of(data)),
        extra=data["extra"],
        favicon=str(theme.get("favicon") or ""),
        places=places,
        code_paths=(CODE_CONFIG, *(str(p) for p in [theme.get("custom_dir"), *(data.get("hooks") or [])] if p)),
        read=settings is not None,
    )


def settings_problems(root):
    """What stops the settings of the project at `root` before any generator loads them (the
    first step of make build, make serve, make build-zensical and the review), sorted."""
    problems = []
    read_config(WorkTree(root), lambda *found: problems.append(Problem(*found)))
    return sorted(set(problems))


def settings_text(tree, path, missing, report):
    """The text of a settings file, or None after one message: missing (said on mkdocs.yml,
    where the build starts), too big, not UTF-8."""
    if not tree.exists(path):
        report(CONFIG_FILE, 1, missing)
        return None
    return decode(path, tree.read_bytes(path), limits.SETTINGS_BYTES, report)


def extensions_of(data):
    """(name, options) of each entry of `markdown_extensions`, in order (a name alone, or a
    name with its options); an entry of another shape is named as none."""
    for entry in data.get("markdown_extensions") or []:
        if isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            yield name, options if isinstance(options, dict) else {}
        else:
            yield entry, {}


# -- mkdocs.yml: the editors' settings ----------------------------------------------------------

# What editors may write (CONTRIBUTING.md, "The site's settings"); INHERIT, kept as it is, adds
# the code's configuration under them. Under `extra:`, only `alternate:`, the language switch.
EDITOR_SETTINGS = ("INHERIT", "site_name", "site_description", "copyright", "nav", "not_in_nav", "extra")
ALLOWED = "site_name, site_description, copyright, nav, not_in_nav and extra: alternate: (the language switch)"
# Keys both generators read that are code: named as such rather than as a typo.
CODE_KEYS = {
    "site_url", "site_author", "site_dir", "docs_dir", "repo_url", "repo_name", "edit_uri", "edit_uri_template",
    "theme", "plugins", "hooks", "markdown_extensions", "extra_css", "extra_javascript", "extra_templates",
    "validation", "strict", "use_directory_urls", "dev_addr", "watch", "exclude_docs", "draft_docs",
    "remote_branch", "remote_name", "google_analytics", "project",
}  # fmt: skip
STR, NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}")
# A page of the site as the language switch links it: "./", "es/", "fr/guide/".
SITE_ADDRESS = re.compile(r"\./|([a-z0-9][a-z0-9_.-]*/){1,4}")
CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
INVALID = object()  # a value that got its message: left out of the settings
# Anchors and aliases repeat a part of the file (nested, without bound); a tag makes a value
# something else than text, and the generators' loader runs Python for some.
NOT_PLAIN = {
    yaml.TagToken: "YAML tags (!name) are not used in the site's settings: write plain text",
    yaml.AnchorToken: "YAML anchors and aliases (&name, *name) are not used here: write each value out",
    yaml.AliasToken: "YAML anchors and aliases (&name, *name) are not used here: write each value out",
}


class Reading:
    """One reading of mkdocs.yml: its lines, the values and places found, the problems said."""

    def __init__(self, text, report):
        self.lines = text.split("\n")
        self.report = report
        self.values, self.places = {}, {}
        self.said = 0

    def say(self, node, message, line=None):
        self.report(CONFIG_FILE, line or node.start_mark.line + 1, message)
        self.said += 1
        return INVALID


def with_pyyamls_words(read):
    """`read(loader)` with libyaml's loader, which reads the same tokens and nodes ten times
    faster; what it cannot read is read again by PyYAML's own, whose error's words the message
    quotes (syntax_message)."""
    try:
        return read(yaml.CSafeLoader)
    except yaml.YAMLError:
        return read(yaml.SafeLoader)


def read_editor_settings(tree, report):
    """({key: value}, {key: Place}) of mkdocs.yml, or None when it cannot be read at all."""
    text = settings_text(tree, CONFIG_FILE, f"the site's settings are missing: restore it, starting with 'INHERIT: {CODE_CONFIG}'", report)
    if text is None:
        return None
    reading = Reading(text, report)
    try:
        for token in with_pyyamls_words(lambda loader: list(yaml.scan(text, Loader=loader))):
            if isinstance(token, (yaml.TagToken, yaml.AnchorToken, yaml.AliasToken)):
                reading.say(token, NOT_PLAIN[type(token)])
                return None
        node = with_pyyamls_words(lambda loader: yaml.compose(text, Loader=loader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = reading.lines[mark.line] if mark and mark.line < len(reading.lines) else ""
        report(CONFIG_FILE, mark.line + 1 if mark else 1, syntax_message(error, line))
        return None
    if node is not None and not isinstance(node, yaml.MappingNode):
        reading.say(node, f"the settings are 'key: value' lines ({ALLOWED})")
        return None
    for key_node, value_node in node.value if node else ():
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        line = key_node.start_mark.line + 1
        if key not in EDITOR_SETTINGS:
            reading.say(key_node, not_a_setting(key))
            continue
        if key in reading.places:
            reading.say(key_node, f"the key '{key}' is written twice (first on line {reading.places[key].line}): keep one")
            continue
        reading.places[key] = Place(CONFIG_FILE, line)
        value = SETTING_READERS[key](reading, key, value_node)
        if value is not INVALID:
            reading.values[key] = value
    if "INHERIT" not in reading.places:
        report(CONFIG_FILE, 1, f"the first line is 'INHERIT: {CODE_CONFIG}' (the site's code settings): put it back as it was")
        return None
    # A setting refused leaves the others' meaning unknown (a page out of the nav, a language
    # not offered): its one message comes first.
    return (reading.values, reading.places) if not reading.said else None


def not_a_setting(key):
    shown = str(key)[:40]
    if key in CODE_KEYS:
        return (
            f"'{shown}:' is code, not an editor's setting: it belongs in {CODE_CONFIG}, which developers change "
            f"(ask one). The settings here are {ALLOWED}"
        )
    return f"'{shown}:' is not a setting of this site: the settings here are {ALLOWED} (CONTRIBUTING.md, “The site's settings”)"


def read_inherit(reading, key, node):
    if not isinstance(node, yaml.ScalarNode) or node.value != CODE_CONFIG:
        return reading.say(node, f"keep this line as it is, 'INHERIT: {CODE_CONFIG}': it adds the site's code settings, which developers change")
    return node.value


def read_text(reading, key, node, one_line=False, bound=limits.SETTING_CHARACTERS):
    """A setting that reaches pages as text, in any script: one string of plain text."""
    if isinstance(node, yaml.ScalarNode) and node.tag == NULL and not node.value:
        return reading.say(node, f"{key}: has no text: write it after '{key}: ', or delete the line")
    if not isinstance(node, yaml.ScalarNode):
        return reading.say(node, f"{key}: is one line of text after '{key}: ', not a list or a key")
    if node.tag != STR:
        kind = node.tag.rsplit(":", 1)[-1]
        return reading.say(node, f"the site would read {node.value!r} as a {kind}, not as text: put it in quotes, {key}: \"{node.value}\"")
    problem, found = text_problem(node.value, one_line, bound)
    if problem:
        return reading.say(node, f"{key}: {problem}", line_holding(reading, node, found))
    return node.value


def read_title(reading, key, node):
    return read_text(reading, key, node, one_line=True, bound=limits.TITLE_CHARACTERS)


def text_problem(value, one_line, bound):
    """(why `value` is not plain text a page may show, what in it), or (None, None)."""
    if not value.strip():
        return "has no text: write it, or delete the line", None
    if one_line and "\n" in value.strip():
        return "is one line of text", None
    hidden = hidden_in_value(value, allowed="\n")
    if hidden:
        name = unicodedata.name(hidden, "a control character")
        return f"the invisible character U+{ord(hidden):04X} ({name}) is not allowed: it makes text read otherwise than it shows; delete it", hidden
    if "<" in value or ">" in value:
        return "< and > are not used here (pages would read them as HTML): write the words out", next(c for c in value if c in "<>")
    if '"' in value:
        return 'a straight quote (") is not used here (pages would read it as the end of a value): write “ and ” instead', '"'
    for reference in CHARACTER_REFERENCE.finditer(value):
        if html.unescape(reference.group(0)) != reference.group(0):
            return f"'{reference.group(0)}' is HTML for a character: write the character itself (or '&' with a space after it)", reference.group(0)
    if len(value) > bound:
        return f"is more than {bound} characters: shorten it", None
    return None, None


def line_holding(reading, node, found):
    """The line of the file on which `found` stands in the value of `node` (a value may run
    over several lines), else the value's first line."""
    if found:
        for number in range(node.start_mark.line, min(node.end_mark.line + 1, len(reading.lines))):
            if found in reading.lines[number]:
                return number + 1
    return node.start_mark.line + 1


def read_nav(reading, key, node, depth=1, sections=()):
    """The nav's entries, nested sections flattened (each entry names its own), each with its
    line: pages of docs/ or https: addresses, under plain-text titles."""
    if not isinstance(node, yaml.SequenceNode):
        return reading.say(node, "nav: is a list of '- Title: page.md' lines, indented two spaces under 'nav:'")
    if len(node.value) > limits.NAV_ENTRIES:
        reading.say(
            node,
            f"more than {limits.NAV_ENTRIES} entries in one list of the nav: group the pages in sections "
            "('- Section:' with the pages' lines under it, indented)",
            node.value[limits.NAV_ENTRIES].start_mark.line + 1,
        )
        return INVALID
    entries = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            src = nav_target(reading, item)
            if src is not INVALID:
                entries.append(NavEntry(item.value, src, item.start_mark.line + 1, None if src else item.value, sections))
            continue
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            reading.say(item, "a nav entry is '- Title: page.md' (or '- Section:' with its entries under it, indented)")
            continue
        title_node, value = item.value[0]
        title = read_title(reading, "a nav title", title_node)
        if isinstance(value, yaml.SequenceNode):
            if depth >= limits.NAV_DEPTH:
                reading.say(item, f"sections nested more than {limits.NAV_DEPTH} deep: move these pages up a level")
                continue
            section = read_nav(reading, key, value, depth + 1, (*sections, title if title is not INVALID else ""))
            entries += [] if section is INVALID else section
            continue
        src = nav_target(reading, value)
        if title is not INVALID and src is not INVALID:
            entries.append(NavEntry(title, src, item.start_mark.line + 1, None if src else value.value, sections))
    return entries


def nav_target(reading, node):
    """A page of docs/ ("index.md"), None for an https: address, or INVALID after a message."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
        return reading.say(node, "a nav entry leads to a page of docs/ ('- Title: page.md') or to an https: address")
    target = node.value
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", target):
        split = urlsplit(target)
        if split.scheme == "https" and split.netloc and not re.search(r"[\s\"'<>\\`]", target):
            return None
        return reading.say(node, f"the nav leads to '{target[:60]}': an address in the nav starts with https:// (or is a page of docs/, such as privacy.md)")
    parts = PurePosixPath(target).parts
    problem = file_name_problem(parts) if target.endswith(".md") and not target.startswith("/") else "x"
    if problem or ".." in parts:
        return reading.say(node, f"the nav leads to '{target[:60]}': a nav entry names a page of docs/ as it is written there, such as privacy.md or es/index.md")
    return target


def read_not_in_nav(reading, key, node):
    if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
        return reading.say(
            node,
            "not_in_nav: is text, not a list: one page after it ('not_in_nav: revisions.md'), or several, "
            "each on its own line under 'not_in_nav: |', indented two spaces",
            reading.places[key].line,
        )
    return node.value


def read_extra(reading, key, node):
    """`extra:` holds the language switch only; the rest of `extra` is code."""
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return reading.say(node, "extra: has the language switch under it ('  alternate:' and its entries): add them, or delete the line")
    extra = {}
    for name_node, value in node.value:
        name = name_node.value if isinstance(name_node, yaml.ScalarNode) else ""
        if name != "alternate":
            reading.say(name_node, f"under extra:, only alternate: (the language switch) is an editor's setting; '{str(name)[:40]}:' is code, in {CODE_CONFIG}")
        elif "alternate" in extra:
            reading.say(name_node, "the key 'alternate' is written twice: keep one")
        else:
            reading.places["extra.alternate"] = Place(CONFIG_FILE, name_node.start_mark.line + 1)
            alternate = read_alternate(reading, value)
            extra["alternate"] = [] if alternate is INVALID else alternate
    return extra


SWITCH_ENTRY = "'- name: Español', then '  link: es/' and '  lang: es' under it"


def read_alternate(reading, node):
    """The language switch: for each language its name, the address of its page and its tag."""
    if not isinstance(node, yaml.SequenceNode):
        return reading.say(node, f"alternate: is a list, one entry per language: {SWITCH_ENTRY}")
    entries = []
    for item in node.value:
        keys = [k.value if isinstance(k, yaml.ScalarNode) else "" for k, _ in item.value] if isinstance(item, yaml.MappingNode) else []
        if len(keys) != 3 or set(keys) != {"name", "link", "lang"}:
            reading.say(item, f"each language of the switch has a name, a link and a lang, once each: {SWITCH_ENTRY}")
            continue
        fields = {k.value: v for k, v in item.value}
        name = read_title(reading, "name", fields["name"])
        link, lang = (fields[k].value if isinstance(fields[k], yaml.ScalarNode) and fields[k].tag == STR else "" for k in ("link", "lang"))
        if not SITE_ADDRESS.fullmatch(link):
            reading.say(fields["link"], "link: is the address of the page in that language on this site, such as es/ (or ./ for the statement)")
        elif not LANG.fullmatch(lang):
            reading.say(fields["lang"], "lang: is a language tag, such as es, fr or pt-BR")
        elif name is not INVALID:
            entries.append({"name": name, "link": link, "lang": lang})
    return entries


SETTING_READERS = {
    "INHERIT": read_inherit,
    "site_name": read_title,
    "site_description": read_text,
    "copyright": read_text,
    "nav": read_nav,
    "not_in_nav": read_not_in_nav,
    "extra": read_extra,
}


# -- config/site.yml: the code's configuration --------------------------------------------------


class CodeLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the `!ENV` tag both generators read, and each key once (YAML
    would keep the last one without a word)."""

    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is written twice: keep one", key_node.start_mark)
            keys.add(key)
        return super().construct_mapping(node, deep)


CodeLoader.add_constructor("!ENV", construct_env_tag)


def read_code_config(tree, report):
    """(the configuration, {key: Place}) of config/site.yml, judged; None after a problem."""
    text = settings_text(tree, CODE_CONFIG, f"{CODE_CONFIG}, the site's code settings that this file inherits, is missing: ask a developer", report)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)  # libyaml: the same nodes, ten times faster
        data = CodeLoader(text).construct_document(node) if node else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if "could not determine a constructor" in problem:
            problem = "this tag is not read here (a tag of the generators' loader can run code): write the value itself"
        report(CODE_CONFIG, mark.line + 1 if mark else 1, f"this file cannot be read safely: {problem}")
        return None
    if not isinstance(data, dict):
        report(CODE_CONFIG, 1, "the configuration is 'key: value' lines")
        return None
    places = {}  # "theme", "theme.custom_dir", "hooks.0" (a list's first entry)…
    for key, value in node.value:
        places[key.value] = Place(CODE_CONFIG, key.start_mark.line + 1)
        if isinstance(value, yaml.MappingNode):
            places |= {f"{key.value}.{k.value}": Place(CODE_CONFIG, k.start_mark.line + 1) for k, _ in value.value}
        elif isinstance(value, yaml.SequenceNode):
            places |= {f"{key.value}.{n}": Place(CODE_CONFIG, item.start_mark.line + 1) for n, item in enumerate(value.value)}
    problems = list(code_problems(data, tree.root))
    for key, message in problems:
        report(CODE_CONFIG, (places.get(key) or places.get(key.split(".")[0]) or Place(CODE_CONFIG, 1)).line, message)
    return None if problems else (data, places)


def code_problems(data, root):
    """(key, message) for what the code's configuration may not say: an editor's setting, a
    second level of INHERIT, or a path that leaves the project or includes files from outside docs/."""
    for key in EDITOR_SETTINGS:
        if key in data and key != "extra":
            yield key, f"'{key}:' is an editor's setting: it belongs in {CONFIG_FILE}" if key != "INHERIT" else "the code's settings inherit nothing"
    if "alternate" in (data.get("extra") or {}):
        yield "extra.alternate", f"the language switch is an editor's setting: it belongs in {CONFIG_FILE}, under 'extra:'"
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    if data.get("docs_dir", DOCS) != DOCS:
        yield "docs_dir", f"docs_dir is {DOCS}: the checks judge the pages there, and only there"
    custom_dir = theme.get("custom_dir")
    hooks = data.get("hooks") if isinstance(data.get("hooks"), list) else [data.get("hooks")] if data.get("hooks") else []
    paths = [(f"hooks.{n}", hook) for n, hook in enumerate(hooks)]
    if custom_dir:
        paths.insert(0, ("theme.custom_dir", custom_dir))
    for key, path in paths:
        if not inside(root, path) or inside(root, path, DOCS):
            yield key, f"{path!r} is not a folder or file of the project outside docs/: code lives in the project, beside docs/"
    site_dir = str(data.get("site_dir", "site"))
    kept = [DOCS, os.path.dirname(CODE_CONFIG), ".git", *(str(p) for p in [custom_dir, *hooks] if p)]
    if not inside(root, site_dir) or any(inside(root, path, site_dir) or inside(root, site_dir, path) for path in kept):
        yield "site_dir", (
            f"site_dir {site_dir!r}: the build empties this folder first, so it is a folder of its own inside the "
            "project (such as site), neither docs/, the code nor a folder holding them"
        )
    for key in ("extra_css", "extra_javascript"):
        for n, address in enumerate(data.get(key) or []):
            address = address if isinstance(address, str) else str((address or {}).get("path", ""))
            if urlsplit(address).scheme or address.startswith(("/", "\\")) or ".." in PurePosixPath(address).parts:
                yield f"{key}.{n}", f"{address!r}: the site's own stylesheets and scripts are files of the site (overrides/assets/), nothing from elsewhere"
    for n, (name, options) in enumerate(extensions_of(data)):
        if not loadable(name):
            yield f"markdown_extensions.{n}", (
                f"the Markdown extension {str(name)[:60]!r} is not one the site loads: Python-Markdown's own "
                "(abbr, toc…), pymdownx.… or statement_site.markdown.…, installed from requirements.in"
            )
        yield from ((f"markdown_extensions.{n}", why) for why in inclusion_problems(root, name, options))


# Python-Markdown imports an extension by its name: a commit's configuration, read as data (the
# redline, the review), names only the libraries the site uses, never any module installed.
EXTENSION_PACKAGES = ("markdown.extensions.", "pymdownx.", "statement_site.markdown.")


def loadable(name):
    if not isinstance(name, str):
        return False
    if "." not in name:  # Python-Markdown's own by their short names, such as toc
        return re.fullmatch(r"[a-z_]+", name) is not None and importlib.util.find_spec(f"markdown.extensions.{name}") is not None
    return name.startswith(EXTENSION_PACKAGES) and re.fullmatch(r"[a-z_][a-z0-9_.]*", name) is not None


# Where an extension that includes files into pages (pymdownx.snippets, markdown-include…) reads
# them from when its configuration does not say: the folder of the build, the project.
INCLUDED_FROM = {"pymdownx.snippets": ["."]}


def inclusion_problems(root, name, options):
    """An extension that includes files into pages reads them only from docs/, and nothing from
    another host."""
    for option in ("base_path", "base_dir"):
        paths = options.get(option, INCLUDED_FROM.get(name, []) if option == "base_path" else [])
        for path in [paths] if isinstance(paths, str) else paths:
            if not inside(root, str(path), DOCS):
                yield f"{name}: {option} {str(path)!r} reaches files outside docs/: include only from docs/"
    if options.get("url_download") or options.get("restrict_base_path") is False:
        yield f"{name}: files are included only from docs/ (no url_download, restrict_base_path kept)"


def inside(root, path, within="."):
    """Whether `path` (relative to the project, or absolute) is `within` (a folder of the
    project, relative to it) or under it, read as written (`..` counted)."""
    base = os.path.abspath(os.path.join(root, within))
    full = os.path.abspath(os.path.join(root, str(path)))
    return full == base or full.startswith(base.rstrip(os.sep) + os.sep)
