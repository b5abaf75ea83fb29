"""The project as tests use it: its model, copies of it that tests change as editors would,
builds of those copies with MkDocs and Zensical, and a local server for a built site.

Expectations come from the model of the source (statement_site.source), never from today's
text: an editor adding a page, a table or an image touches no test."""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from bs4 import BeautifulSoup

from statement_site.source import Source

ROOT = Path(__file__).resolve().parent.parent
# What a build reads, copied for tests that edit the project as an editor would.
PROJECT_FILES = ("mkdocs.yml", "published-anchors.yml", "docs", "overrides", "hooks")
CACHE = ".cache"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Tests build copies outside any repository: nothing is published there unless a test commits it.
ENV.pop("PUBLISHED_BASE", None)


@functools.cache
def source():
    """The model of the repository's source."""
    return Source.read(ROOT)


def copy_project(dest):
    """What a build reads, copied to `dest` (no git history: nothing counts as published)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        origin = ROOT / name
        (shutil.copytree if origin.is_dir() else shutil.copy)(origin, dest / name)
    return dest


def with_build_cache(project):
    """The repository's build cache in a copy: cards and critical CSS are kept by the digest of
    all they depend on, so a copy reuses what is the same and makes what its edits change."""
    if (ROOT / CACHE).is_dir():
        shutil.copytree(ROOT / CACHE, Path(project) / CACHE, ignore=shutil.ignore_patterns("*.part"), dirs_exist_ok=True)
    return project


def git(project, *args):
    command = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run([*command, *args], cwd=project, capture_output=True, text=True, check=True).stdout


def published_copy(dest):
    """A copy whose files are committed on `main`: what it holds counts as published."""
    project = copy_project(dest)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Published")
    return project


def run(project, *args, timeout=600):
    """`python ARGS` in a project: (exit code, what it printed)."""
    result = subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, timeout=timeout, env=ENV)
    return result.returncode, result.stdout + result.stderr


def build_copy(project, *options):
    """`mkdocs build --strict` in a copied project, into its site/: (exit code, what it printed)."""
    with_build_cache(project)
    return run(project, "-m", "mkdocs", "build", "--strict", *options, "--site-dir", str(Path(project) / "site"))


def zensical_build(project):
    """`make build-zensical` in a copied project: the checks, Zensical, the pipeline, into site/."""
    code, output = run(project, "-m", "statement_site", "check")
    if code:
        return code, output
    with_build_cache(project)
    zensical = os.path.join(os.path.dirname(sys.executable), "zensical")
    built = subprocess.run([zensical, "build", "--clean"], cwd=project, capture_output=True, text=True, timeout=600, env=ENV)
    if built.returncode:
        return built.returncode, output + built.stdout + built.stderr
    code, finished = run(project, "-m", "statement_site", "finish", "site")
    return code, output + built.stdout + built.stderr + finished


def read_html(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


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
