"""Check that YAML files parse, as MkDocs reads them (with its `!ENV` tag), and that no key is
written twice: YAML would silently keep only the last one. published-anchors.yml is read
against its schema by the editor checks (`python -m statement_site check`), which say more.

Usage: python scripts/check_yaml.py mkdocs.yml .github/workflows/checks.yml …
"""

import sys

import yaml
from yaml_env_tag import construct_env_tag


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is written twice", key_node.start_mark)
            keys.add(key)
        return super().construct_mapping(node, deep)


StrictLoader.add_constructor("!ENV", construct_env_tag)


def main(paths):
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        try:
            yaml.load(text, Loader=StrictLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else path
            print(f"{where}: {getattr(error, 'problem', None) or error}")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
