"""Bad inputs, by family (tests/corpus/): what an attacker or a careless editor could write, and
how to tell, without the site's own code, whether a built page let any of it through.

- `markup_corpus()`: Markdown entries of tests/corpus/*.txt, each to be a page of its own;
- `files_corpus()`: whole files for docs/ (tests/corpus/files.yml);
- `settings_corpus()`: the site's settings and code configuration (tests/corpus/settings.yml);
- `dangers(html, hashes)`: what is active or hidden in a built page, read by html5lib."""

import base64
import hashlib
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

CORPUS = Path(__file__).parent / "corpus"
ACTIVE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "portal", "fencedframe"}
ACTIVE_ELEMENTS |= {"animate", "set", "template", "dialog", "noscript", "textarea", "xmp", "plaintext", "style", "video"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")


def markup_corpus():
    """(family, name, markdown) for every entry of tests/corpus/*.txt."""
    entries = []
    for path in sorted(CORPUS.glob("*.txt")):
        texts = path.read_text(encoding="utf-8").split("\n%%\n")[1:]
        entries += [(path.stem, f"{path.stem}-{n:02d}", text) for n, text in enumerate(texts, 1)]
    return entries


def files_corpus(path=CORPUS / "files.yml"):
    """(family, relative path under docs/, bytes) for every entry of a files corpus."""
    entries = []
    for family, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        for item in items:
            if "page" in item:
                data = f"---\n{item['page']}\n---\n\n# A page\n".encode()
            elif "latin1" in item:
                data = item["latin1"].encode("latin-1")
            elif "repeat" in item:
                before, unit, times, after = item["repeat"]
                data = (before + unit * times + after).encode()
            else:
                data = item["text"].encode()
            entries.append((family, f"corpus/{item['name']}", data))
    return entries


def settings_corpus(path=CORPUS / "settings.yml"):
    """(family, entry) for every entry of the settings corpus; the entry's `data`, the bytes of
    mkdocs.yml (or, for a `code:` entry, None), with {nav} still to fill in."""
    entries = []
    for family, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        for item in items:
            if "repeat" in item:
                before, unit, times, after = item["repeat"]
                data = (before + unit * times + after).encode()
            elif "latin1" in item:
                data = item["latin1"].encode("latin-1")
            else:
                data = item["settings"].encode() if "settings" in item else None
            entries.append((family, {**item, "data": data}))
    return entries


def sha256(text):
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def theme_own(element, policy_hashes):
    """The theme's search form, its scripts kept inert until paint, its deferred stylesheets and
    the critical CSS the policy hashes: outside the article."""
    if element.name == "style":
        return f"'{sha256(element.string or '')}'" in policy_hashes
    return element.name == "form" or (element.name, element.get("id")) in {("template", "theme-scripts"), ("noscript", "stylesheets")}


def dangers(html, policy_hashes):
    """What is active or hidden in a built page, read by html5lib through BeautifulSoup (not
    statement_site): scripts outside the policy, handlers and script URLs anywhere; in the article,
    also the elements and attributes that embed, submit or hide."""
    found = []
    soup = BeautifulSoup(html, "html5lib")
    article = soup.select_one("article.md-content__inner")
    content = set(map(id, article.find_all(True))) if article else set()
    for element in soup.find_all(True):
        if element.name in ACTIVE_ELEMENTS and (id(element) in content or not theme_own(element, policy_hashes)):
            found.append(f"<{element.name}>")
        if element.name == "script" and id(element) in content:
            found.append("a script in the article")
        elif element.name == "script" and not element.has_attr("src") and element.get("type") != "application/json":
            digest = f"'{sha256(element.string or '')}'"
            if digest not in policy_hashes:
                found.append(f"an unhashed script {element.string!r:.40}")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            # As browsers read an address: outer controls and spaces stripped, tabs and newlines removed.
            url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                found.append(f"{name}= on <{element.name}>")
            elif name in ("hidden", "popover") and id(element) in content:
                found.append(f"{name}= on <{element.name}>")
            elif name in ("href", "src", "action", "data", "xlink:href") and url.startswith(UNSAFE_SCHEMES):
                if not (element.name == "link" and url.startswith("data:image/svg+xml")):
                    found.append(f"{name}={value!r:.40}")
    return found
