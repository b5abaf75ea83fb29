"""The project as tests use it: its model, copies of it that tests change as editors would,
builds of those copies with MkDocs and Zensical, and a local server for a built site.

Expectations come from the model of the source (statement_site.source), never from today's
text: an editor adding a page, a table or an image touches no test."""

import contextlib
import functools
import hashlib
import http.server
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from statement_site import checks, pipeline
from statement_site.source.files import CACHE
from statement_site.source.project import Source, read_published
from statement_site.source.settings import settings_problems

ROOT = Path(__file__).resolve().parent.parent
# What a build reads, copied for tests that edit the project as an editor would.
PROJECT_FILES = ("mkdocs.yml", "config", "published-anchors.yml", "docs", "overrides", "hooks")
BUILD_CACHES = ("cards", "critical-css")  # under CACHE
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Tests build copies outside any repository: nothing is published there unless a test commits it.
ENV.pop("PUBLISHED_BASE", None)


@functools.cache
def source():
    """The model of the repository's source."""
    return Source.read(ROOT)


def home_page(model):
    """The model of the home page, the statement, whatever its file is called (index.md, README.md)."""
    return next(page for page in model.pages.values() if page.url == "")


def page_in_the_menu(model):
    """The address, from the home page, of a page the menu lists at its top level (not the home
    page), as its link is written: "privacy/"."""
    listed = [entry.src for entry in model.config.nav if entry.src and not entry.sections and entry.src in model.pages]
    return next(model.pages[src].url for src in listed if model.pages[src].url)


def copy_project(dest):
    """What a build reads, copied to `dest` (no git history: nothing counts as published)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        origin = ROOT / name
        (shutil.copytree if origin.is_dir() else shutil.copy)(origin, dest / name)
    return dest


def with_build_cache(project):
    """The repository's build cache, shared with a copy: cards and critical CSS are kept by the
    digest of all they depend on (written whole, then renamed), so copies reuse what is the same,
    each other's included, and make only what their edits change."""
    for name in BUILD_CACHES:
        shared, own = ROOT / CACHE / name, Path(project) / CACHE / name
        shared.mkdir(parents=True, exist_ok=True)
        if not own.exists():
            own.parent.mkdir(parents=True, exist_ok=True)
            own.symlink_to(shared, target_is_directory=True)
    return project


def git(project, *args):
    """git in a test's repository, as an editor; its objects kept uncompressed: the repository is
    thrown away, and compressing the package's fonts in each copy took a third of a second."""
    command = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false", "-c", "core.compression=0"]
    return subprocess.run([*command, *args], cwd=project, capture_output=True, text=True, check=True).stdout


def published_copy(dest):
    """A copy whose files are committed on `main`: what it holds counts as published."""
    project = copy_project(dest)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Published")
    return project


def repository(dest):
    """A published copy whose `main` holds the package too, as the Verdict's checkout of main has
    it: `python -m statement_site review` run there uses that package."""
    repo = with_build_cache(published_copy(dest))
    shutil.copytree(ROOT / "statement_site", repo / "statement_site", ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "The package")
    return repo


def run(project, *args, timeout=600):
    """`python ARGS` in a project: (exit code, what it printed)."""
    result = subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, timeout=timeout, env=ENV)
    return result.returncode, result.stdout + result.stderr


def build_copy(project, *options, site_dir=None):
    """`make build` of a copied project into its site/ (or `site_dir`): its settings read safely,
    then `mkdocs build --strict` in this process (MkDocs and the hook are imported once a test
    session): (exit code, what it logged, a line a message). `options` are the command's; -q
    changes nothing here."""
    if Path(project) != ROOT:
        with_build_cache(project)
    problems = settings_problems(project)  # first, as `make build` reads them
    if problems:
        return 1, "\n".join(f"ERROR   -  {problem}" for problem in problems)
    config = load_config(str(Path(project) / "mkdocs.yml"), site_dir=str(site_dir or Path(project) / "site"), strict=True)
    with logged("mkdocs") as lines, nothing_published():
        try:
            build(config)
        except (Abort, PluginError, OSError) as error:
            return 1, "\n".join([*lines, f"Aborted: {error}"])
    return 0, "\n".join(lines)


def zensical_build(project):
    """`make build-zensical` in a copied project, into its site/: the editor checks, Zensical, then
    the pipeline, over one model, as `python -m statement_site zensical` runs them; Zensical here
    in a process of its own (its configuration is global to a process, and a test runs many)."""
    source = Source.read(project)
    with nothing_published():
        problems = checks.check(source, read_published(project))
    if problems:
        return 1, "\n".join(f"ERROR   -  {problem}" for problem in problems)
    with_build_cache(project)
    zensical = os.path.join(os.path.dirname(sys.executable), "zensical")
    built = subprocess.run([zensical, "build", "--clean"], cwd=project, capture_output=True, text=True, timeout=600, env=ENV)
    if built.returncode:
        return built.returncode, built.stdout + built.stderr
    site = pipeline.finish(Path(project) / "site", source)
    return (1 if site.problems else 0), "\n".join(f"ERROR   -  {problem}" for problem in site.problems)


@contextlib.contextmanager
def logged(name):
    """What a logger says while the block runs, as MkDocs prints it: `ERROR   -  message`."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(f"{record.levelname:<8}-  {record.getMessage()}")

    handler = Collect(logging.INFO)
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)


@contextlib.contextmanager
def nothing_published():
    """Outside any repository's history, as the copies are (CI sets PUBLISHED_BASE for its build)."""
    with mock.patch.dict(os.environ):  # as it was, after the block
        os.environ.pop("PUBLISHED_BASE", None)
        yield


def read_html(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def built_page(path):
    """A built page as BeautifulSoup reads it (html.parser), read once while its file holds the
    same bytes: the contract's checks read every page of a site many times. Shared between
    tests: read it, never change it (read_html gives a page of one's own)."""
    return page_of(str(path), hashlib.sha256(Path(path).read_bytes()).hexdigest())


@functools.lru_cache(maxsize=512)
def page_of(path, digest):
    return read_html(path)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve a built site on 127.0.0.1 only, on a free port."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def served_live(project, log, timeout=120):
    """`make serve` in a project (`python -m statement_site serve`) on a free port of 127.0.0.1,
    what it prints written to `log`: the address of the site once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with open(log, "w", encoding="utf-8") as output:
        command = [sys.executable, "-m", "statement_site", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=project, stdout=output, stderr=subprocess.STDOUT, env=ENV)
    try:
        deadline, address = time.monotonic() + timeout, None
        while address is None:
            assert server.poll() is None, f"make serve stopped:\n{Path(log).read_text(encoding='utf-8')}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    address = response.geturl()
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, f"make serve did not answer:\n{Path(log).read_text(encoding='utf-8')}"
                time.sleep(0.2)
        yield address
    finally:
        server.send_signal(signal.SIGTERM)  # the server is told as ^C tells it, and cleans up
        server.wait(timeout=30)
