"""The files editors write in YAML (front matter, published-anchors.yml), read strictly against
a schema (StrictYAML: no typing surprises, no duplicate keys, no anchors or tags), each mistake
one message on its line; and, for those and mkdocs.yml, what to write when YAML cannot read a
line, and a value written so that YAML reads it back as that text."""

import re

import strictyaml
import yaml

from .text import squeeze


def read_strict_yaml(text, schema, path, report, explain, first_line=1):
    """The validated document, or None after one problem naming the line and what to write;
    `explain(error, path)` says what a validation error means for this kind of file."""
    offset = first_line - 1
    try:
        return strictyaml.load(text, schema, label=path)
    except strictyaml.YAMLValidationError as error:
        line = (error.problem_mark.line if error.problem_mark else 0) + 1 + offset
        report(path, line, explain(error, path))
    except strictyaml.exceptions.DuplicateKeysDisallowed as error:
        line = error.problem_mark.line + 1 + offset
        key = re.search(r"Duplicate key '([^']*)'", str(error))
        report(path, line, f"the key {key.group(1) if key else ''!r} is written twice: keep one")
    except strictyaml.exceptions.FlowMappingDisallowed as error:
        line = error.problem_mark.line + 1 + offset
        report(
            path,
            line,
            "'{}' or '[]' says that the value is empty, so lines under it cannot be read: delete the braces "
            "and keep each entry on its own line, indented two more spaces",
        )
    except strictyaml.exceptions.AnchorTokenDisallowed as error:
        report(path, error.problem_mark.line + 1 + offset, "YAML anchors and aliases (&name, *name) are not used here: write each value out")
    except strictyaml.exceptions.TagTokenDisallowed as error:
        report(path, error.problem_mark.line + 1 + offset, "YAML tags (!name) are not used here: write plain text")
    except strictyaml.exceptions.InconsistentIndentationDisallowed as error:
        report(path, error.problem_mark.line + 1 + offset, "the lines are indented unevenly: indent each level by two spaces")
    except (strictyaml.StrictYAMLError, strictyaml.ruamel.error.YAMLError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        report(path, (mark.line + 1 if mark else 1) + offset, syntax_message(error, line))
    return None


def syntax_message(error, line):
    """What to write for YAML that cannot be read (a YAML error of PyYAML or ruamel, and the line
    it points at), in an editor's words: a value holding ': ' is the usual cause."""
    problem = squeeze(str(getattr(error, "problem", None) or "it cannot be read"))
    if "mapping values are not allowed" in problem:
        mark = getattr(error, "problem_mark", None)
        # The ': ' that YAML stopped at is after the line's own key: the value holds it. At the
        # line's first, the line continues the value of a key above it.
        quoted = quoted_line(line) if mark and 0 <= line.find(": ") < mark.column else None
        if quoted:
            return f"YAML reads the ': ' in this line as the start of a value: write the text in quotes, '{quoted}'"
        return "YAML reads ': ' in a value as the start of another: put the whole value in quotes"
    if "'\\t'" in str(error):
        problem = "a tab character: indent with spaces"
    return f"this is not valid YAML ({problem}): indent with two spaces, one entry per line"


# What a nav line leads to: a page or an address, after its title.
TARGET = re.compile(r"^(\S+\.md|https?://\S+)$")


def quoted_line(line):
    """`line` with its text in quotes: the value after its key, or the title of a nav line
    (`- Press: 3 December: press.md`), which ends with the page; None for a line with no key."""
    indent, dash, body = re.match(r"^(\s*)(-\s+)?(.*?)\s*$", line).groups()
    if ": " not in body:
        return None
    title, target = body.rsplit(": ", 1)
    if dash and TARGET.match(target):
        return f"{indent}{dash}{quoted(title)}: {target}"
    key, value = body.split(": ", 1)
    return f"{indent}{dash or ''}{key}: {quoted(value)}"


def quoted(text):
    """`text` as a quoted YAML scalar: in double quotes, or single ones when it holds a double."""
    return f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"


def as_yaml(text):
    """`text` as a YAML value reads it back: as it is, or quoted where YAML would read it as
    something else (a colon and a space, a comment, a leading sign of its syntax)."""
    plain = text and ": " not in text and " #" not in text and not text.endswith(":") and text[0] not in "!&*[]{}|>'\"%@`#,?:-"
    as_text = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    return text if plain and as_text else quoted(text)


def mapping_items(node):
    """A strictyaml mapping's (key, value) nodes; none for an empty one (`aliases:` alone)."""
    return node.items() if node is not None and node.is_mapping() else ()
