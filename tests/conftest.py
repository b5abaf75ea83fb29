"""The fixtures both tiers share: the repository's site, built once per session.

- tests/check/: everything that needs no browser (`make check`, at most 30 s on two cores);
- tests/browser/: reading, sharing and landing in Chromium (its conftest.py starts it), and what
  every reader gets in Firefox and WebKit too (test_every_engine.py).
Helpers live in tests/project.py (the project, copies, builds) and tests/contract.py (what the
built site must show of its source)."""

import pytest
from filelock import FileLock
from project import ROOT, build_copy, built_page


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, worker_id):
    """The repository's site, built once for the whole session with `mkdocs build --strict`: by
    the first of make check's workers that needs it, into their shared folder, the others waiting
    for it (pytest-xdist's way of a fixture that runs once); read it, never change it."""
    if worker_id == "master":  # no workers: pytest alone
        return built_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent / "site"
    with FileLock(f"{shared}.lock"):
        if not shared.with_name("site.built").is_file():
            built_site(shared)
            shared.with_name("site.built").touch()
    return shared


def built_site(out):
    code, output = build_copy(ROOT, site_dir=out)
    assert code == 0, output
    assert "WARNING" not in output, output
    return out


@pytest.fixture(scope="session")
def read_page(site_dir):
    """A built page as BeautifulSoup reads it, by its path in the site (``index.html``): shared,
    read it, never change it (project.built_page)."""

    def read(path="index.html"):
        return built_page(site_dir / path)

    return read




# The files whose tests take longest, first: `make check` runs each file on one worker
# (--dist loadfile, in this order with --no-loadscope-reorder), and a long file started last
# keeps the others waiting for it.
LONGEST_FIRST = ("test_generators.py", "test_editors.py", "test_review.py", "test_editing.py", "test_redline.py", "test_building.py")


def pytest_collection_modifyitems(items):
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
