"""Every page, share pages included, is valid HTML as the Nu HTML Checker (npm vnu-jar, pinned)
reads it: what browsers are sure to read alike. In this tier because it starts a Java checker."""

import json
import re
import subprocess

from project import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# Material's own markup: `autocomplete="off"` on its drawer and search toggles (checkboxes).
THEME_MARKUP = re.compile(r'<input class="md-toggle" data-md-toggle="\w+" type="checkbox"')
# Where the checker lags the HTML Standard: its CSS parser reads `@property` (CSS Properties and Values, in every engine since 2024),
# which registers the text column's measure (overrides/assets/stylesheets/extra.css), is an unknown at-rule.
CSS_LAG = "Unrecognized at-rule “@property”"


def excused(message):
    extract = message.get("extract", "")
    if "autocomplete" in message["message"]:
        return bool(THEME_MARKUP.search(extract))
    return CSS_LAG in message["message"]


def test_nu_html_checker_finds_no_error_of_ours(site_dir):
    """Every page, share pages included: the Nu HTML Checker (npm vnu-jar, pinned)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html", str(site_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [f"{m['url'].split(str(site_dir))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if not excused(m)]
    assert not ours, "Nu HTML Checker:\n" + "\n".join(ours)
