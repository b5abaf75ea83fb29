"""Bad inputs, by family (tests/corpus/): what an attacker or a careless editor could write, and
how to tell, without the site's own code, whether a built page let any of it through.

- `markup_corpus()`: Markdown entries of tests/corpus/*.txt, each to be a page of its own;
- `files_corpus()`: whole files for docs/ (tests/corpus/files.yml);
- `settings_corpus()`: the site's settings and code configuration (tests/corpus/settings.yml);
- `dangers(html, hashes)`: what is active or hidden in a built page, read by html5lib."""

import base64
import hashlib
import re
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

CORPUS = Path(__file__).parent / "corpus"
ACTIVE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "portal", "fencedframe"}
ACTIVE_ELEMENTS |= {"animate", "set", "template", "dialog", "noscript", "textarea", "xmp", "plaintext", "style", "video"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg")
# The site's own classes, which hide or leave out what they are on unless the site made it: the
# permalink's ¶, the footnote's way back ↩ (tests/corpus/classes.txt).
HIDING_CLASSES = {"headerlink", "share-link", "footnote-backref", "md-toggle", "md-visually-hidden"}
GENERATED_SIGNS = {"¶", "↩"}


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
            elif "pdf" in item:
                data = catalog_pdf(item["pdf"].encode("latin-1"), *(o.encode("latin-1") for o in item.get("objects", [])))
            elif "repeat" in item:
                before, unit, times, after = item["repeat"]
                data = (before + unit * times + after).encode()
            else:
                data = item["text"].encode()
            entries.append((family, f"corpus/{item['name']}", data))
    return entries


# -- PDFs written byte by byte (tests/check/test_attachments.py, files.yml's `pdf` entries) ------


def by_hand(objects, packed=None, extra=b""):
    """A PDF written byte by byte: `objects` {number: body} in the file, `packed` {number: body}
    in one compressed object stream (then the table is a cross-reference stream), and `extra`
    bytes after the objects that no table points to. Object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    out += extra
    size = max([*objects, *(packed or {})]) + 1
    if packed:
        return bytes(out + object_stream_and_table(len(out), offsets, size, packed))
    return bytes(out + cross_reference_table(len(out), offsets, size))


def cross_reference_table(start, offsets, size):
    """A classic table of the objects at `offsets`, written at `start`, and the trailer."""
    rows = [b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(1, size)]
    table = b"xref\n0 %d\n0000000000 65535 f \n" % size + b"".join(rows)
    return table + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start)


def object_stream_and_table(start, offsets, size, packed):
    """An object stream holding `packed`, then a cross-reference stream, written at `start`."""
    stream, table, size = size, size + 1, size + 2
    index, body = [], b""
    for number, member in packed.items():
        index.append(b"%d %d" % (number, len(body)))
        body += member + b"\n"
    head = b" ".join(index) + b"\n"
    content = zlib.compress(head + body)
    out = b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        stream, len(packed), len(head), len(content)
    ) + content + b"\nendstream\nendobj\n"  # fmt: skip
    offsets = {**offsets, stream: start, table: start + len(out)}
    rows = b""
    for number in range(size):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        elif number in packed:
            rows += b"\x02" + stream.to_bytes(4, "big") + list(packed).index(number).to_bytes(2, "big")
        else:
            rows += b"\x00\x00\x00\x00\x00\xff\xff"
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % (table, size, len(rows))  # fmt: skip
    return out + rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[table]


def catalog_pdf(entries, *objects):
    """A one-page PDF whose catalog also holds `entries`, with objects 4, 5… `objects`."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R " + entries + b" >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    return by_hand({1: catalog, 2: pages, 3: page, **dict(enumerate(objects, 4))})


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
        if id(element) in content and HIDING_CLASSES & set(element.get("class", [])):
            if element.get_text().strip() not in GENERATED_SIGNS:
                found.append(f"{element.get('class')} on <{element.name}> {element.get_text()[:30]!r}")
        if id(element) in content and element.name == "a" and look_alike_host(element.get("href", "")):
            found.append(f"a link to {element['href']!r}, whose host only looks like another")
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


def look_alike_host(href):
    """A web address whose host is not plain ASCII (tests/corpus/hosts.txt): the corpus's only
    such hosts are look-alikes, which no page may link to."""
    host = urlsplit(href).netloc
    return not unquote(host).isascii() or "xn--" in host.lower()
