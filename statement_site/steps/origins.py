"""Where a piece of a built page outside its content came from: the line of the site's
configuration, or of a template under overrides/, that holds it. A problem the pipeline finds in
a stylesheet or script the pages link, or in the theme's markup, is reported there, once, and
not on each page that shows it (nor on site/404.html, which shows it first)."""

from pathlib import Path

from ..problems import Problem
from ..source.files import CODE_CONFIG, CONFIG_FILE

OVERRIDES = "overrides"


def written_in(root, text):
    """(file, line) of the first line that holds `text`: the code's configuration, the editors'
    settings, then overrides/; or None."""
    root = Path(root)
    if not text:
        return None
    files = [root / CODE_CONFIG, root / CONFIG_FILE, *sorted((root / OVERRIDES).rglob("*.html"))]
    for path in files:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
            if text in line:
                return path.relative_to(root).as_posix(), number
    return None


def at_origin(root, texts, message, fallback):
    """A Problem with `message` on the line that holds the first of `texts` found, else `fallback`."""
    for text in texts:
        found = written_in(root, text)
        if found:
            return Problem(found[0], found[1], message)
    return fallback
