"""Building: the site builds from a fresh clone, strictly, with no warning."""

import os
import subprocess
import sys

from conftest import ROOT


def test_strict_build_has_no_warnings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert (tmp_path / "index.html").is_file()


def test_pages_lose_only_white_space_that_renders_alike():
    """hooks/compact_html.py: the templates' indentation between elements goes; code, scripts
    and attribute values keep theirs."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from compact_html import compact

    page = (
        '<div>\n    \n    <p title="a\n   b">Text\n      more</p>\n  </div>\n'
        "<pre><code>x = 1\n    y = 2</code></pre>\n  <p><code>a\n   b</code> <kbd>c\n  d</kbd></p>\n"
        "<script>\n  const s = `\n    kept`;\n</script>\n  <textarea>\n  kept\n</textarea>"
    )
    assert compact(page) == (
        '<div>\n<p title="a\n   b">Text\nmore</p>\n</div>\n'
        "<pre><code>x = 1\n    y = 2</code></pre>\n<p><code>a\n   b</code> <kbd>c\n  d</kbd></p>\n"
        "<script>\n  const s = `\n    kept`;\n</script>\n<textarea>\n  kept\n</textarea>"
    )
