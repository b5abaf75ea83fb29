"""Compare this site with a default Material for MkDocs site and a text-only floor.

The floor is the same statement text as plain HTML with no styling and no script, built by
this script: what a page that only delivers the words costs. Builds all three into temporary
folders, serves each on 127.0.0.1 with gzip (as GitHub
Pages serves), runs Lighthouse (mobile and desktop presets) and a Playwright page
load on each, and prints one table side by side. Not a test: run it with `make bench`.

    python scripts/benchmark.py [--runs 3]

Lighthouse figures are the median of --runs runs (its scores move a point or two
from run to run); the Playwright load is unthrottled and shows what a page asks for.
"""

import argparse
import functools
import gzip
import html
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from statement import blocks  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the browser accepts it, as GitHub Pages does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (
            not path.is_file()
            or not ctype.startswith(TEXT_TYPES)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own value
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    """The file-like object send_head returns, holding the gzipped bytes."""

    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(directory):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def mkdocs_build(config, site):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], check=True, env=env
    )


def build_sites(work):
    """This site as configured, a default Material site on the same docs/index.md, and the floor."""
    this = work / "this"
    mkdocs_build(ROOT / "mkdocs.yml", this)
    default = work / "default"
    (default / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "index.md", default / "docs" / "index.md")
    (default / "mkdocs.yml").write_text("site_name: ILRC Calls for a Permanent Ceasefire\ntheme: material\n")
    mkdocs_build(default / "mkdocs.yml", default / "site")
    floor = work / "floor"
    floor.mkdir()
    (floor / "index.html").write_text(floor_page(), encoding="utf-8")
    return {"this": this, "default": default / "site", "floor": floor}


def floor_page():
    """The statement's words as plain HTML: headings, paragraphs and the list of calls, no style."""
    body, in_list = [], False
    for block in blocks():
        if (block.kind == "li") != in_list:
            body.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        body.append(f"<{block.kind}>{html.escape(block.text)}</{block.kind}>")
    if in_list:
        body.append("</ul>")
    title = html.escape(blocks()[0].text)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{title}">\n<title>{title}</title>\n</head>\n<body>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def first_response(site):
    """The statement page's own HTML, gzipped as served: what one round trip carries."""
    return {"first response KB": len(gzip.compress((site / "index.html").read_bytes(), compresslevel=6)) / 1024}


def lighthouse(url, preset, out):
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium_path()})
    report = json.loads(Path(out).read_text())
    audits = report["audits"]
    requests = [r for r in audits["network-requests"]["details"]["items"] if not r["url"].startswith("data:")]
    host = urlsplit(url).netloc
    shortfalls = {  # what keeps a score under 100
        f"{category['id']}: {ref['id']}"
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
    }
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "FCP s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "LCP s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "transfer KB": sum(r.get("transferSize", 0) for r in requests) / 1024,
        "requests": len(requests),
        "third-party": sum(urlsplit(r["url"]).netloc != host for r in requests),
    }, shortfalls


def median_lighthouse(url, preset, runs, work):
    """The median of each figure over the runs, and every audit that fell short in any run."""
    results = [lighthouse(url, preset, work / f"lh-{preset}-{urlsplit(url).port}-{i}.json") for i in range(runs)]
    metrics = {key: statistics.median(r[key] for r, _ in results) for key in results[0][0]}
    return metrics, set().union(*(short for _, short in results))


def playwright_load(browser, url):
    """One cold, unthrottled load at phone size: what the page fetches and when it paints."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: r.url.startswith((url, "data:")) or foreign.append(r.url))
    page.goto(url, wait_until="networkidle")
    timing = page.evaluate(
        """() => new Promise(done => new PerformanceObserver(list => {
          const entries = performance.getEntriesByType("resource");
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          const lcp = list.getEntries().at(-1);
          done({fcp: fcp.startTime, lcp: lcp.startTime, load: nav.loadEventEnd,
                bytes: [nav, ...entries].reduce((sum, e) => sum + e.transferSize, 0),
                requests: 1 + entries.length});
        }).observe({type: "largest-contentful-paint", buffered: true}))"""
    )
    context.close()
    return {
        "FCP ms": timing["fcp"],
        "LCP ms": timing["lcp"],
        "load ms": timing["load"],
        "transfer KB": timing["bytes"] / 1024,
        "requests": timing["requests"] + len(foreign),
        "third-party": len(foreign),
    }


def statement_floor():
    """The statement's words alone, gzipped: no page can send less."""
    text = "\n".join(block.text for block in blocks())
    return len(gzip.compress(text.encode(), compresslevel=9)) / 1024


def fmt(value):
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def ratio(value, floor):
    return f"{value / floor:.2f}" if floor else "-"


def print_table(sections):
    """One row per figure: this site, the default Material site, the floor, and each one's
    ratio to the floor."""
    width = max(len(key) for rows in sections.values() for key in rows["this"]) + 2
    print(f"{'':<{width}}{'this':>10}{'default':>10}{'floor':>10}{'this/floor':>12}{'default/floor':>15}")
    for title, rows in sections.items():
        print(title)
        this, default, floor = rows["this"], rows["default"], rows["floor"]
        for key in this:
            print(
                f"  {key:<{width - 2}}{fmt(this[key]):>10}{fmt(default[key]):>10}{fmt(floor[key]):>10}"
                f"{ratio(this[key], floor[key]):>12}{ratio(default[key], floor[key]):>15}"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per site and preset (median)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() or not chromium_path():
        sys.exit("Needs node_modules (npm ci) and Chromium: run it with `make bench`.")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        sites = build_sites(work)
        servers = {name: serve(site) for name, site in sites.items()}
        urls = {name: url for name, (_, url) in servers.items()}
        sections, shortfalls = {"Statement page": {name: first_response(site) for name, site in sites.items()}}, set()
        for preset in ("mobile", "desktop"):
            results = {name: median_lighthouse(url, preset, args.runs, work) for name, url in urls.items()}
            sections[f"Lighthouse {preset} (median of {args.runs})"] = {name: r[0] for name, r in results.items()}
            shortfalls |= {f"{preset} {audit}" for audit in results["this"][1]}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            sections["Playwright load, 375 px, unthrottled"] = {
                name: playwright_load(browser, url) for name, url in urls.items()
            }
            browser.close()
        for server, _ in servers.values():
            server.shutdown()
    print_table(sections)
    for audit in sorted(shortfalls):
        print(f"This site falls short of 100 on: {audit}")
    print(f"\nFloor: the statement's text alone, gzipped: {statement_floor():.1f} KB")


if __name__ == "__main__":
    main()
