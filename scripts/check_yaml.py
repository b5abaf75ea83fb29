"""Check that YAML files parse, as MkDocs reads them (with its `!ENV` tag), and that
no key is written twice: YAML would silently keep only the last one.

Usage: python scripts/check_yaml.py mkdocs.yml published-anchors.yml …
"""

import re
import sys

import yaml
from yaml_env_tag import construct_env_tag


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in keys:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice", key_node.start_mark
                )
            keys.add(key)
        return super().construct_mapping(node, deep)


StrictLoader.add_constructor("!ENV", construct_env_tag)


# `aliases: {}` (or `[]`) is a complete, empty value written on one line: YAML cannot read an
# entry indented under it, and its own message says nothing an editor understands.
FLOW_EMPTY = re.compile(r"^(\s*[^#\s][^:#]*):\s*(\{\s*\}|\[\s*\])\s*(#.*)?$")


def explain(path, text, error):
    """`path:line: what is wrong`, in words an editor understands, for a YAML error in `text`."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    lines = text.split("\n")
    for number in range((line or 1) - 1, 0, -1):  # the nearest line above that is not blank
        if not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#"):
            continue
        if trap := FLOW_EMPTY.match(lines[number - 1]):
            key, empty = trap.group(1).strip(), trap.group(2)
            return (
                f"{path}:{number}: '{key}: {empty}' says that {key} is empty, so the lines under it cannot be read: "
                f"delete the '{empty}' and keep each entry on its own line under '{key}:', indented two more spaces."
            )
        break
    where = f"{path}:{line}" if line else path
    return f"{where}: this file is not valid YAML: {getattr(error, 'problem', None) or error}"


def main(paths):
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        try:
            yaml.load(text, Loader=StrictLoader)
        except yaml.YAMLError as error:
            if isinstance(error, yaml.constructor.ConstructorError):  # a key written twice
                print(f"{path}:{error.problem_mark.line + 1}: {error.problem}")
            else:
                print(explain(path, text, error))
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
