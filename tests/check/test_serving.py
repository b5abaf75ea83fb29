"""`make serve` without a browser (statement_site/serve.py): each page served carries the policy
the build wrote plus the hash of the one script the server added to that response, and the files
on disk keep the build's; a rebuild reads the settings safely before MkDocs loads them, shows its
problems on every address, and stops for new code; the server's own lines never fail a strict
rebuild. tests/browser/test_serving.py serves a copy and edits it in Chromium."""

import html
import logging
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import CountHandler
from project import ENV, copy_project, logged, with_build_cache

from statement_site import serve
from statement_site.steps.policy import digest

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def served(site_dir, path="/"):
    """(status, headers, body) of `path` as make serve's server answers it."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site_dir))
    server.watch(str(site_dir))  # a server that watches adds its reload script to each page
    started = []
    app = serve.AllowingReloadScript(server.get_app())
    body = b"".join(app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, lambda status, headers: started.append((status, dict(headers)))))
    return *started[0], body.decode("utf-8")


def sources(policy, directive):
    return next(part.split()[1:] for part in policy.split("; ") if part.split()[0] == directive)


def test_a_page_served_allows_the_script_the_server_added_and_the_file_keeps_the_builds_policy(site_dir):
    on_disk = (site_dir / "index.html").read_text(encoding="utf-8")
    status, headers, page = served(site_dir)
    script = page[page.rindex("<script>") + len("<script>") : page.rindex("</script>")]
    assert status == "200 OK" and serve.RELOAD_SCRIPT.fullmatch(script) and int(headers["Content-Length"]) == len(page.encode())
    built, live = POLICY.search(on_disk).group(1), POLICY.search(page).group(1)
    assert sources(live, "script-src") == [*sources(built, "script-src"), f"'{digest(script)}'"]
    assert live.replace(f" '{digest(script)}'", "") == built, "nothing else of the policy changes"
    assert page.replace(live, built).replace(f"<script>{script}</script>", "") == on_disk
    assert (site_dir / "index.html").read_text(encoding="utf-8") == on_disk, "the published file is the build's"


@pytest.mark.parametrize("added", ["alert(1)", "{reload}alert(1)"])
def test_no_other_script_is_allowed(site_dir, added):
    """Only the script MkDocs' server writes, as it writes it, right before </body>."""
    reload = served(site_dir)[2].rsplit("<script>", 1)[1].split("</script>")[0]
    page = (site_dir / "index.html").read_text(encoding="utf-8").replace("</body>", f"<script>{added.format(reload=reload)}</script></body>")
    assert serve.with_reload_script_allowed(page) == page


def test_the_servers_lines_never_stop_a_strict_rebuild():
    """MkDocs counts the warnings logged under `mkdocs` during a strict build; the server logs a
    404 or a 302 at WARNING, from another thread, at any time."""
    counted, server = CountHandler(), logging.getLogger("mkdocs.livereload")
    counted.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counted)
    server.addFilter(serve.request_lines_at_debug)
    try:
        server.warning('"GET /missing/ HTTP/1.1" code 404')
        logging.getLogger("mkdocs.hooks.statement_site").warning("a warning of the build")
    finally:
        server.removeFilter(serve.request_lines_at_debug)
        logging.getLogger("mkdocs").removeHandler(counted)
    assert counted.get_counts() == [("WARNING", 1)]


@pytest.fixture
def project(tmp_path):
    return with_build_cache(copy_project(tmp_path / "project"))


def rebuild(project, built):
    """make serve's rebuild of `project` into its served/, around MkDocs' own builder."""
    site_dir = project / "served"

    def builder(config=None):
        built.append(True)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True))

    code = (serve.PACKAGE, project / "hooks")
    return serve.Rebuild(project, builder, site_dir, code, serve.code_state(code))


def test_a_rebuild_reads_the_settings_safely_before_mkdocs_loads_them(project, tmp_path):
    built = []
    again = rebuild(project, built)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"\nsite_author: !!python/object/apply:os.mkdir [{tmp_path / 'ran'}]\n")
    with logged("mkdocs") as lines:
        again()
    assert not built and not (tmp_path / "ran").exists(), "MkDocs never loaded the settings"
    page = (project / "served" / serve.PROBLEMS_PAGE).read_text(encoding="utf-8")
    said = [line for line in lines if line.startswith("ERROR   -  mkdocs.yml:")]
    assert said and all(html.escape(line.removeprefix("ERROR   -  ")) in page for line in said), (lines, page)


def test_a_rebuild_that_fails_shows_why_at_every_address_and_the_site_again_once_fixed(project):
    built = []
    again = rebuild(project, built)
    page = project / "docs" / "index.md"
    markdown = page.read_text(encoding="utf-8")
    page.write_text(markdown + "\nA <b>raw</b> tag & [a link](missing.md).\n", encoding="utf-8")
    with logged("mkdocs") as lines:
        again()
    errors = [line.removeprefix("ERROR   -  ") for line in lines if line.startswith("ERROR   -  docs/index.md:")]
    served_page = (project / "served" / serve.PROBLEMS_PAGE).read_text(encoding="utf-8")
    assert errors and [path.name for path in (project / "served").iterdir()] == [serve.PROBLEMS_PAGE]
    assert all(html.escape(line) in served_page for line in errors)
    assert "<b>" not in served_page and '<meta http-equiv="refresh" content="2">' in served_page
    assert status_of(project / "served") == "the problems"
    page.write_text(markdown, encoding="utf-8")
    again()
    assert status_of(project / "served") == "the site" and len(built) == 2


def status_of(site_dir):
    return "the site" if (site_dir / "index.html").is_file() else "the problems" if (site_dir / serve.PROBLEMS_PAGE).is_file() else "nothing"


def test_a_rebuild_after_a_change_to_the_code_starts_the_server_again(project):
    built = []
    again = rebuild(project, built)
    with (project / "hooks" / "statement_site.py").open("a", encoding="utf-8") as hook:
        hook.write("\n# changed\n")
    with pytest.raises(SystemExit) as stopped:
        again()
    assert stopped.value.code == serve.RESTART and not built


class Server:
    """What `prepare` asks of MkDocs' server."""

    def __init__(self, root):
        self.root, self.watched, self.builder, self.app = str(root), [], None, object()

    def watch(self, path):
        self.watched.append(Path(path))

    def get_app(self):
        return self.app

    def set_app(self, app):
        self.app = app


def test_every_input_of_the_build_is_watched(project):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "served"))
    config = config.plugins.on_config(config)
    server = Server(project / "served")
    try:
        assert serve.prepare(server, config, None) is server
    finally:
        logging.getLogger("mkdocs.livereload").removeFilter(serve.request_lines_at_debug)
    inputs = {project / "config/site.yml", project / "overrides", project / "hooks/statement_site.py", project / "published-anchors.yml", serve.PACKAGE}
    assert set(server.watched) == inputs, "docs/ and mkdocs.yml MkDocs watches itself"
    assert isinstance(server.builder, serve.Rebuild) and isinstance(server.app, serve.AllowingReloadScript)


def test_make_serve_stops_when_told_even_started_with_ctrl_c_ignored(tmp_path):
    """A shell starts a background job with ^C ignored, and the server inherits it: told to stop
    (SIGTERM, as an editor's terminal or CI stops it), make serve stops all the same."""
    project = with_build_cache(copy_project(tmp_path / "project"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "statement_site", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, preexec_fn=ignore_ctrl_c)
    try:
        deadline = time.monotonic() + 60
        while not answers(port):
            assert server.poll() is None and time.monotonic() < deadline, "make serve did not start"
            time.sleep(0.2)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
    finally:
        server.kill()


def ignore_ctrl_c():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def answers(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
            return True
    except (urllib.error.URLError, ConnectionError):
        return False
