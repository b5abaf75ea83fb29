"""Hosts that only look like others: a web address whose host mixes scripts, as browsers judge
it, is no link the site makes (`exаmple.org`, with a Cyrillic `а`, reads as `example.org`).

    problem = host_problem("https://exаmple.org/")   # "…", or None

Browsers show such a host in its ASCII form (`xn--exmple-4nf.org`) because it deceives. Their rule
(Unicode's UTS #39, "highly restrictive", as Chromium applies it) is judged label by label, on the
host as a browser reads it (percent escapes decoded, NFKC, case folded, `xn--` labels decoded):
- the letters of a label share one script; characters common to all (digits, `-`) do not count;
- except Latin with Han and Japanese kana, with Han and Bopomofo, or with Han and Hangul, as
  Japanese, Chinese and Korean names are written;
- a label all in Cyrillic letters that each look like a Latin one (`аррӏе`) deceives too,
  unless the host's top-level label is Cyrillic (`.рф`).
Scripts are Unicode's, as fontTools ships them (`script_extension`).
"""

import unicodedata
from urllib.parse import unquote, urlsplit

from .source.text import COMMON_SCRIPTS

# Scripts that may share a label, as Chromium allows them.
TOGETHER = ({"Latn", "Hani", "Hira", "Kana"}, {"Latn", "Hani", "Bopo"}, {"Latn", "Hani", "Hang"})
# Cyrillic letters that look like Latin ones (Chromium's list for whole-script look-alikes).
CYRILLIC_LOOK_ALIKES = set("аысԁеԍһіюјӏорԛѕԝхуъЬҽпгѵѡ")
DOTS = {"\u3002": ".", "\uff0e": ".", "\uff61": "."}  # what browsers read as a label's end


def host_problem(url):
    """Why the host of a web address only looks like another, naming the character, or None."""
    try:
        written = urlsplit(url.replace("\\", "/")).hostname or ""
    except ValueError:
        return None
    host = "".join(DOTS.get(c, c) for c in unicodedata.normalize("NFKC", unquote(written)).casefold())
    if host.isascii() and "xn--" not in host:
        return None
    labels = [decoded(label) for label in host.split(".")]
    for label in labels:
        found = look_alike(label, labels[-1])
        if found:
            name = unicodedata.name(found, "an unnamed character")
            return (
                f"the host {written} only looks like another: '{found}' (U+{ord(found):04X}, {name}) is not the letter it "
                f"looks like, and browsers show the host as {ascii_form(host)}: write the address with the letters it "
                "means, or, to name a look-alike address, write it as code (`…`)"
            )
    return None


def decoded(label):
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return label
    return label


def look_alike(label, top):
    """The first character of `label` that makes it deceive, or None."""
    if label.isascii():
        return None
    from fontTools.unicodedata import script_extension  # only for a host that is not ASCII

    scripts = [(char, set(script_extension(char)) - COMMON_SCRIPTS) for char in label]
    scripts = [(char, found) for char, found in scripts if found]
    shared = set.intersection(*(found for _, found in scripts)) if scripts else set()
    if shared == {"Cyrl"} or shared >= {"Cyrl"} and len(shared) == 1:
        whole = all(char in CYRILLIC_LOOK_ALIKES for char, _ in scripts)
        top_cyrillic = any("Cyrl" in script_extension(char) for char in top)
        return scripts[0][0] if whole and not top_cyrillic else None
    if shared or any(all(found & allowed for _, found in scripts) for allowed in TOGETHER):
        return None
    # Mixed: the first character of a script other than the first letter's (or other than Latin).
    first = next((found for _, found in scripts if "Latn" in found), scripts[0][1])
    return next(char for char, found in scripts if not found & first)


def ascii_form(host):
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return "its ASCII form"
