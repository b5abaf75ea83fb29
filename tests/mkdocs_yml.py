"""mkdocs.yml edited as an editor edits it, line by line (comments and order kept), for the
ordinary edits (tests/edits.py) and the pages in other scripts (tests/languages.py): a nav line,
the language switch."""

from pathlib import Path

from statement_site.source.project import Source


def lines_of(path):
    return path.read_text(encoding="utf-8").split("\n")


def yaml_block(lines, key, indent="", start=0, stop=None):
    """(the line of `indent + key:`, the line after the last of its block), from 0, between
    `start` and `stop`; or None."""
    stop = len(lines) if stop is None else stop
    at = next((n for n in range(start, stop) if lines[n].startswith(f"{indent}{key}:")), None)
    if at is None:
        return None
    end = at + 1
    for n in range(at + 1, stop):
        line = lines[n]
        if line.strip() and not line.lstrip().startswith("#"):
            if len(line) - len(line.lstrip()) <= len(indent) and not (not indent and line.startswith("- ")):
                break
            end = n + 1
    return at, end


def list_indent(lines, start, end, default):
    """The indentation of the first `- ` entry between two lines, else `default`."""
    return next((line[: len(line) - len(line.lstrip())] for line in lines[start:end] if line.lstrip().startswith("- ")), default)


def add_to_nav(project, title, page):
    """A line `- title: page` (`- page` without a title) at the end of the nav, as its other
    entries are indented: its line."""
    path = Path(project) / "mkdocs.yml"
    lines = lines_of(path)
    at, end = yaml_block(lines, "nav")
    indent = list_indent(lines, at + 1, end, "  ")
    lines.insert(end, f"{indent}- {title}: {page}" if title else f"{indent}- {page}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return end + 1


def add_language_switch(project, entries, config=None):
    """The language switch's entries `(name, link, lang)` it does not offer yet, at the end of
    `alternate:` under `extra:` in mkdocs.yml (both added when missing). `config`: the
    project's settings as the model read them, when the caller has them."""
    config = config or Source.read(Path(project)).config
    offered = {(entry["link"], entry["lang"]) for entry in config.alternates}
    path = Path(project) / "mkdocs.yml"
    lines = lines_of(path)
    extra = yaml_block(lines, "extra")
    if extra is None:
        lines += ["extra:"]
        extra = (len(lines) - 1, len(lines))
    alternate = yaml_block(lines, "alternate", indent="  ", start=extra[0], stop=extra[1])
    if alternate is None:
        lines.insert(extra[0] + 1, "  alternate:")
        alternate = (extra[0] + 1, extra[0] + 2)
    at, end = alternate
    indent = list_indent(lines, at + 1, end, "    ")
    new = [
        f"{indent}{line}"
        for name, link, lang in entries
        if (link, lang) not in offered
        for line in (f"- name: {name}", f"  link: {link}", f"  lang: {lang}")
    ]
    lines[end:end] = new
    path.write_text("\n".join(lines), encoding="utf-8")
