"""The pull request's preview (review.py, the `site-preview` artifact), browsable from disk:
unzipped, its `index.html` opened as a file, every page and every share address opens.

A browser shows a folder of the disk, not its index.html, for an address that ends in a folder,
so every address of the site's own that leads to a folder is pointed at the folder's index.html,
relative to the page: links and stylesheets (`privacy/`, `../`, `../../#call-ceasefire`), the
`<meta>` refresh of share pages and of renamed pages' old addresses; addresses under the site's
path (`/ceasefire-statement/privacy/`, the 404 page's) are made relative to the page. Only
attribute values of tags change, each read by html.parser and written escaped (a moved page's
old address keeps the address its script follows in `data-to`); no inline script or style
changes, so the policies stay true. The published site never goes through this: the review
applies it to the preview it built, after the build."""

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from .markup import Markup, with_edits

# The attributes of tags whose value is an address: a, link, script, img, and the script of a
# moved page's old address (overrides/redirect-page.html), which reads its data-to.
ADDRESSES = {"href", "src", "data-to"}
ATTRIBUTE = re.compile(r"""(\s)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
REFRESH = re.compile(r"(\s*\d+\s*;\s*url=)(.*)", re.IGNORECASE | re.DOTALL)


def browsable_from_disk(folder, site_url):
    """Every page of the built site in `folder` with its addresses of folders pointed at their
    index.html; `site_url` is the address the site was built for."""
    folder = Path(folder)
    site_path = urlsplit(site_url or "/").path.rstrip("/") + "/"
    for file in sorted(folder.rglob("*.html")):
        page = file.relative_to(folder).as_posix()
        text = file.read_text(encoding="utf-8")

        def change(url, page=page):
            return on_disk(url, page, folder, site_path)

        changed = with_tag_addresses(text, change)
        if changed != text:
            file.write_text(changed, encoding="utf-8")


def on_disk(url, page, folder, site_path):
    """`url`, written in the page at `page`, as it reads from disk: to a folder of the site, to
    that folder's index.html; under the site's path, relative to the page; else as it is."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url  # another site, or a part of the same page
    path = unquote(parts.path)
    here = posixpath.dirname(page)
    if path.startswith("/"):
        if not (path + "/").startswith(site_path):
            return url
        target = posixpath.normpath(path[len(site_path) :] or ".")
    else:
        target = posixpath.normpath(posixpath.join(here, path))
    if target.startswith("../") or target == "..":
        return url
    if (folder / target / "index.html").is_file():
        target = posixpath.join(target, "index.html")
    elif not path.startswith("/"):
        return url
    relative = posixpath.relpath(target, here or ".")
    return urlunsplit(("", "", quote(relative, safe="/"), parts.query, parts.fragment))


def with_tag_addresses(text, change):
    """`text` with each address in its tags' attributes changed by `change` (html.parser finds
    the tags, and reads what is inside a <script> or <style> as text)."""
    edits = []
    for start, raw, tag, attributes in Markup(text).tags:
        attributes = dict(attributes)
        refresh = tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh"
        new = ATTRIBUTE.sub(lambda match, refresh=refresh: with_value_changed(match, change, refresh), raw)
        if new != raw:
            edits.append((start, start + len(raw), new))
    return with_edits(text, edits)


def with_value_changed(match, change, refresh):
    space, name, equals, quoted = match.groups()
    value = html.unescape(quoted[1:-1] if quoted[:1] in "\"'" else quoted)
    if name.lower() in ADDRESSES:
        new = change(value)
    elif refresh and name.lower() == "content" and (found := REFRESH.fullmatch(value)):
        new = found.group(1) + change(found.group(2).strip())
    else:
        return match.group(0)
    return match.group(0) if new == value else f'{space}{name}{equals}"{html.escape(new)}"'


