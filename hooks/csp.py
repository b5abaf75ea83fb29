"""A Content Security Policy on every page: the browser runs only the scripts the site ships.

The inline scripts the theme and the overrides emit are hashed when the page is built, so the
policy follows the theme's version, and a script injected into or altered in a published page
does not run. The policy is a <meta> placed before anything it governs; a <meta> policy cannot
set `frame-ancestors`, `report-uri` or `sandbox`: those need an HTTP header, which GitHub Pages
does not let a site set. Keep this hook last in `hooks:`, after every hook that changes the HTML.
"""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser runs; any other (application/json …) is data and needs no hash.
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # Material draws its icons with CSS masks of data: SVG images.
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# Right after <meta charset> (or <head>), before any script or stylesheet.
CHARSET = re.compile(r"^([ \t]*)<meta charset=[^>]*>", re.IGNORECASE | re.MULTILINE)
HEAD = re.compile(r"^([ \t]*)<head>", re.IGNORECASE | re.MULTILINE)


def on_post_page(output, page, config):
    return with_policy(output)


def on_post_template(output, template_name, config):
    """Static pages built from the theme's templates (404.html) get their policy too."""
    return with_policy(output) if template_name.endswith(".html") else output


def on_post_build(config):
    """And so do the pages plugins write themselves (mkdocs-redirects' redirect pages)."""
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' not in html:
            path.write_text(with_policy(html), encoding="utf-8")


def with_policy(html):
    policy = dict(POLICY)
    policy["script-src"] = " ".join([policy["script-src"], *(f"'{digest}'" for digest in script_hashes(html))])
    policy["style-src"] = " ".join([policy["style-src"], *(f"'{digest}'" for digest in style_hashes(html))])
    content = "; ".join(f"{name} {sources}" for name, sources in policy.items())
    head = CHARSET.search(html) or HEAD.search(html)
    if not head:
        return html
    meta = f'\n{head.group(1)}<meta http-equiv="Content-Security-Policy" content="{content}">'
    return html[: head.end()] + meta + html[head.end() :]


def script_hashes(html):
    """The sha256 hash of every inline script the browser would run, in page order, once each."""
    scripts = InlineScripts()
    scripts.feed(html)
    scripts.close()
    return sha256_sources(scripts.texts)


def style_hashes(html):
    """The same for inline <style> elements (a critical stylesheet inlined in <head>)."""
    scripts = InlineScripts()
    scripts.feed(html)
    scripts.close()
    return sha256_sources(scripts.styles)


def sha256_sources(texts):
    digests = (base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() for text in texts)
    return list(dict.fromkeys(f"sha256-{digest}" for digest in digests))


class InlineScripts(HTMLParser):
    """Collects the text of inline scripts exactly as written: html.parser reads script
    content raw, as browsers do."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.texts, self.styles, self.current, self.style = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").strip().lower() in JAVASCRIPT_TYPES:
            self.current = []
        elif tag == "style":
            self.style = []

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)
        if self.style is not None:
            self.style.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.current is not None:
            self.texts.append("".join(self.current))
            self.current = None
        elif tag == "style" and self.style is not None:
            self.styles.append("".join(self.style))
            self.style = None
