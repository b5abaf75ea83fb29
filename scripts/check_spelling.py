"""Spelling (codespell) on the files given, except the pages written in another language.

A page whose front matter says `lang: es` (or any language but English, as the model of the
source reads it) is left out: codespell knows only English, and would flag every word of a
translation.

Usage: python scripts/check_spelling.py docs/index.md README.md …
"""

import sys
from pathlib import Path

from codespell_lib import main as codespell

from statement_site.source.project import Source


def main(paths):
    languages = {page.file: page.lang for page in Source.read(Path.cwd()).pages.values()}
    english = [path for path in paths if (languages.get(Path(path).as_posix()) or "en").split("-")[0] == "en"]
    # With no file, codespell would check the whole folder.
    return codespell(*english) if english else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
