"""Spelling (codespell) on the files given, except the pages written in another language.

A page whose front matter says `lang: es` (or any language but English) is left out: codespell
knows only English, and would flag every word of a translation.

Usage: python scripts/check_spelling.py docs/index.md README.md …
"""

import sys
from pathlib import Path

import yaml
from codespell_lib import main as codespell


def language(path):
    """The `lang:` of a Markdown page's front matter, if it has one."""
    if not path.endswith(".md"):
        return None
    text = Path(path).read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        return None
    try:
        meta = yaml.safe_load(text[4 : text.index("\n---", 3)])
    except yaml.YAMLError:
        return None  # the build says what is wrong with it
    return meta.get("lang") if isinstance(meta, dict) else None


def main(paths):
    english = [path for path in paths if str(language(path) or "en").split("-")[0] == "en"]
    # With no file, codespell would check the whole folder.
    return codespell(*english) if english else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
