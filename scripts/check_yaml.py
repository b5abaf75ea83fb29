"""Check that YAML files parse, as MkDocs reads them (with its `!ENV` tag), and that no key is
written twice: YAML would silently keep only the last one (statement_site's CodeLoader, which
reads config/site.yml). mkdocs.yml and published-anchors.yml are read against their schemas by
the editor checks (`python -m statement_site check`), which say more.

Usage: python scripts/check_yaml.py mkdocs.yml .github/workflows/checks.yml …
"""

import sys

import yaml

from statement_site.source.settings import CodeLoader


def main(paths):
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        try:
            yaml.load(text, Loader=CodeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else path
            print(f"{where}: {getattr(error, 'problem', None) or error}")
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
