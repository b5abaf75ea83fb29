"""How long the hardening takes on the worst inputs: run by hand, prints figures.

    .venv/bin/python scripts/bench_hardening.py

For each robustness entry of tests/corpus/files.yml: the time of the docs/ check that refuses it.
Then, for the worst inputs the check still accepts (a block just under the limits of
site_checks/sources.py), the time Python-Markdown takes to render them, which the limits bound."""

import sys
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_hardening import files_corpus  # noqa: E402  (one reading of tests/corpus/files.yml)

from site_checks import sources  # noqa: E402

print("refused input                  bytes      check")
for family, name, data in files_corpus():
    if family != "robustness":
        continue
    start = time.perf_counter()
    problems = sources.markdown_problems(data)
    elapsed = time.perf_counter() - start
    print(
        f"{name.removeprefix('corpus/'):<28} {len(data):>9,} {elapsed * 1000:>8.1f} ms  {problems[0][1][:60] if problems else 'ACCEPTED'}"
    )

print("\naccepted worst case            chars     render")
units = {
    "backtick runs": "`` ` ",
    "escaped backticks": "\\`",
    "brackets": "[",
    "footnote refs": "[^",
    "open tags": "<a ",
}
worst = []
for name, unit in units.items():
    text = ""
    while not sources.markdown_problems((text + unit).encode()):
        text += unit
    start = time.perf_counter()
    markdown.markdown(text, extensions=["attr_list", "toc", "footnotes"])
    elapsed = time.perf_counter() - start
    worst.append((elapsed / len(text), text))
    print(f"{name:<28} {len(text):>7,} {elapsed * 1000:>8.1f} ms")

# The slowest accepted block per character, repeated up to the file size limit.
text = worst_block = max(worst)[1]
text = ((worst_block + "\n\n") * (sources.MAX_BYTES // (len(worst_block) + 2)))[: sources.MAX_BYTES - 1]
text = text[: text.rfind("\n\n")]
assert not sources.markdown_problems(text.encode())
start = time.perf_counter()
markdown.markdown(text, extensions=["attr_list", "toc", "footnotes"])
print(f"{'a whole file of those':<28} {len(text):>7,} {(time.perf_counter() - start) * 1000:>8.1f} ms")
