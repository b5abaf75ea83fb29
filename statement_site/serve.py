"""`make serve`: MkDocs' development server, kept to the site's rules while it serves.

    python -m statement_site serve [--dev-addr 127.0.0.1:8000]     # make serve

`serve` reads the settings safely, then runs `mkdocs serve --strict` and starts it again when it
exits with RESTART. MkDocs hands its server to the hook (hooks/statement_site.py, `on_serve`),
which hands it to `prepare`:

- every input of the build is watched: docs/ and mkdocs.yml (MkDocs' own), config/site.yml,
  overrides/, the hooks, published-anchors.yml, and the package statement_site is imported from;
- each rebuild reads the settings safely first (`Rebuild`): MkDocs loads mkdocs.yml with PyYAML's
  full loader before any hook runs, so a rebuild whose settings have a problem never reaches it;
- a rebuild after a change to the code (the package, the hooks: Python imports a module once a
  process) exits with RESTART instead, and `serve` starts a server that imports the new code;
- a rebuild that fails logs its messages, as `make build` does, and puts them on a page served at
  every address (`problems_page`), which reloads every two seconds until the site builds again;
- each page served carries the policy the build wrote, which also allows the one script the
  server adds to that response (`AllowingReloadScript`): the page reloads after a change. The
  files on disk, and so the published site, keep their policy as it is.
- the server's own lines about requests (a 404, the 302 from `/` to the site's path) are logged
  at DEBUG: under `--strict` a warning logged during a rebuild would stop it.
"""

import contextlib
import html
import logging
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import BuildError, MkDocsException
from mkdocs.livereload import _SCRIPT_TEMPLATE
from mkdocs.utils import clean_directory

from .source.files import ANCHORS_FILE
from .source.settings import settings_problems
from .steps.policy import with_script_allowed

log = logging.getLogger("mkdocs.hooks.statement_site")

# The exit status of a server whose code changed (EX_TEMPFAIL): `serve` starts it again.
RESTART = 75
PACKAGE = Path(__file__).resolve().parent
# The script MkDocs' server adds before </body> of each page it serves, with its two numbers
# (the site's version and the request's); mkdocs/livereload/__init__.py.
RELOAD_SCRIPT = re.compile(
    re.escape(_SCRIPT_TEMPLATE.template).replace(re.escape("${epoch}"), r"\d+").replace(re.escape("${request_id}"), r"\d+")
)
PROBLEMS_PAGE = "404.html"  # served by MkDocs' server at any address with no file


def serve(root, dev_addr):
    """`make serve`: the settings read safely, then MkDocs' server, started again with new code."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dev-addr", dev_addr]
    stopping, running = threading.Event(), []

    def stop(*_):
        # Told to stop, the server running is told as ^C tells it, and cleans up after itself;
        # between two servers (a restart), none starts.
        stopping.set()
        for server in running:
            server.send_signal(signal.SIGINT)

    signal.signal(signal.SIGTERM, stop)
    # ^C stops MkDocs' server, which then cleans up after itself. A shell starts a background job
    # with ^C ignored, and a program keeps what it was started with: the server would then never
    # stop. With Python's own handler here, each server starts with ^C's default, and stops on it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    while not stopping.is_set():
        problems = settings_problems(root)
        for problem in problems:
            print(f"ERROR   -  {problem}", file=sys.stderr)
        if problems:
            print(f"statement_site serve: {len(problems)} problem(s) in the settings, before MkDocs read them", file=sys.stderr)
            return 1
        # No bytecode written into the watched package: it would be a change to rebuild for.
        with subprocess.Popen(command, cwd=root, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}) as server:
            running[:] = [server]
            if stopping.is_set():  # told while it started
                server.send_signal(signal.SIGINT)
            try:
                status = server.wait()
            except KeyboardInterrupt:  # ^C reached the server too, which stops by itself
                status = server.wait()
            running.clear()
        if status != RESTART:
            return status
    return 0


def prepare(server, config, builder):
    """MkDocs' server (`on_serve`), watching every input, its rebuilds kept to the site's rules."""
    root = Path(config.config_file_path).parent
    source = config["statement_site"]
    code = (PACKAGE, *(root / path for path in source.config.code_paths if path.endswith(".py")))
    for path in (*(root / path for path in source.config.code_paths), root / ANCHORS_FILE, PACKAGE):
        if path.exists():
            server.watch(str(path))
    server.builder = Rebuild(root, builder, Path(server.root), code, code_state(code))
    server.set_app(AllowingReloadScript(server.get_app()))
    logging.getLogger("mkdocs.livereload").addFilter(request_lines_at_debug)
    return server


def code_state(paths):
    """What the code is on disk: each file under `paths`, with its size and time of change."""
    files = [file for path in paths for file in ([path] if path.is_file() else path.rglob("*")) if "__pycache__" not in file.parts]
    return tuple(sorted((str(file), file.stat().st_size, file.stat().st_mtime_ns) for file in files if file.is_file()))


@dataclass(frozen=True)
class Rebuild:
    """MkDocs' builder, after the safe read of the settings; its problems shown on a page."""

    root: Path
    build: Callable  # MkDocs' own: loads the settings, then builds into the served folder
    site_dir: Path
    code: tuple  # the folders and files of the code the server imported
    imported: tuple  # code_state(code) when the server started

    def __call__(self, config=None):
        problems = [str(problem) for problem in settings_problems(self.root)]
        for problem in problems:
            log.error(problem)
        if not problems:
            if code_state(self.code) != self.imported:
                log.info("statement_site: the site's code changed: the server starts again with it (make serve)")
                raise SystemExit(RESTART)
            with logged_warnings() as problems:
                try:
                    self.build(config)
                    return
                except MkDocsException as error:  # what MkDocs stops a build with, having logged why
                    if not isinstance(error.__context__, BuildError):  # whose message it logged too
                        problems.append(error.format_message())
        clean_directory(str(self.site_dir))
        self.site_dir.mkdir(parents=True, exist_ok=True)
        (self.site_dir / PROBLEMS_PAGE).write_text(problems_page(problems), encoding="utf-8")
        log.error("statement_site: the site was not built; every page shows why until a change fixes it")


@contextlib.contextmanager
def logged_warnings():
    """The messages of MkDocs and its hooks logged at WARNING or above while the block runs."""
    lines = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: lines.append(record.getMessage())
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield lines
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


def problems_page(problems):
    """What every address shows while the site does not build: its problems, as text; it asks
    for itself again every two seconds (a <meta> refresh, no script), and so gets the page once
    a rebuild succeeds."""
    lines = html.escape("\n".join(problems))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<meta http-equiv="refresh" content="2">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>The site was not built</title>
</head>
<body>
<main>
<h1>The site was not built</h1>
<p>Fix what is named below, and save: this page shows the site again once it builds.</p>
<pre>{lines}</pre>
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class AllowingReloadScript:
    """MkDocs' server as a WSGI application, each HTML page's policy also allowing the reload
    script the server added to that response (the hash of its exact text: it holds the
    request's own number)."""

    app: Callable

    def __call__(self, environ, start_response):
        started = []
        body = self.app(environ, lambda status, headers, exc_info=None: started.append((status, headers)))
        status, headers = started[0]
        if not dict((name.lower(), value) for name, value in headers).get("content-type", "").startswith("text/html"):
            start_response(status, headers)
            return body
        try:
            page = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        page = with_reload_script_allowed(page.decode("utf-8")).encode("utf-8")
        start_response(status, [(name, str(len(page)) if name.lower() == "content-length" else value) for name, value in headers])
        return [page]


def with_reload_script_allowed(page):
    """A served page whose policy also allows the reload script the server put right before its
    </body> (at its end when it has none); any other page as it is."""
    end = page.rfind("</body>")
    before = page[: end if end >= 0 else len(page)]
    script = before[before.rfind("<script>") + len("<script>") : -len("</script>")]
    if not before.endswith("</script>") or not RELOAD_SCRIPT.fullmatch(script):
        return page
    return with_script_allowed(page, script)


def request_lines_at_debug(record):
    """The server's lines about requests it answered (`"GET / HTTP/1.1" code 302`) at DEBUG, as
    MkDocs logs a 200 (shown by `mkdocs serve -v`): they say nothing of the site, and under
    --strict a warning logged during a rebuild would stop it."""
    if record.levelno == logging.WARNING:
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
    return logging.getLogger(record.name).isEnabledFor(record.levelno)
