"""The post-build pass of site_checks/ inside MkDocs: every page of the output folder is judged
against the allowlist with a browser-grade parser, and gets the Content Security Policy that
allows exactly the site's own inline scripts and styles (site_checks/__init__.py says which).

A refused page is deleted and the build stops with an error naming file and line, in every mode
(`-q`, without `--strict`, `mkdocs serve`); a build stopped for any other reason leaves an empty
output folder, never pages that were not checked. Keep this hook last in `hooks:`: it must see
the pages after every hook that writes or changes them. A <meta> policy cannot set
`frame-ancestors`, `report-uri` or `sandbox`: those need an HTTP header, which GitHub Pages does
not let a site set."""

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import clean_directory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # site_checks/, beside hooks/

from site_checks import check_site  # noqa: E402

site_dir, checked = None, False


def on_config(config):
    global site_dir, checked
    site_dir, checked = config.site_dir, False


def on_post_build(config):
    global checked
    checked = True  # from here on, every page left in the output folder has passed
    root = Path(config.config_file_path).parent
    report = check_site(config.site_dir, config.docs_dir, root, config.site_url or "", check_sources=False)
    if report.problems:
        removed = ", ".join(p.relative_to(config.site_dir).as_posix() for p in report.refused)
        raise PluginError("\n".join([*report.problems, f"Refused pages removed from the output: {removed}"]))


def on_build_error(error):
    """A build that stops leaves nothing that was not checked."""
    if site_dir and Path(site_dir).is_dir() and not checked:
        clean_directory(site_dir)
