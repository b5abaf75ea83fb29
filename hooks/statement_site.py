"""The MkDocs adapter of statement_site: the one hook (config/site.yml, `hooks:`). Zensical runs no hooks; it
gets the same checks and pipeline from `make build-zensical` (README, "Zensical").

- Before anything is read or written (`on_config`), the editor checks (checks.py): a problem
  stops every mode (`-q`, without `--strict`, `mkdocs serve`), one `file:line` line each, and
  the output folder is left empty. The model they read goes on to the pipeline in the build's
  configuration (`config["statement_site"]`): the source is read once a build.
- The theme's templates are compiled once and kept in `.build-cache/templates` (`on_env`):
  Jinja's bytecode cache, which compiles a template again when its text changes.
- A dirty build is a full one (`on_pre_build`): every page goes through the pipeline.
- Front matter needs nothing here: the editor checks refuse in a title or description what a
  theme would print otherwise than as text (a straight quote, a character reference), for both
  generators (source/pages.py). The title MkDocs takes from the first heading is the heading's
  text with entities decoded: it is escaped where MkDocs' templates print it as it is (its Jinja
  has no autoescape); Zensical keeps it escaped itself.
- After the build (`on_post_build`), the pipeline (pipeline.py) over the output folder; refused
  pages are taken out, and the build stops naming file and line.
- `mkdocs serve` (`on_serve`, make serve): every input watched, each rebuild after the settings'
  safe read, a restart for new code, problems shown on the page, and the policy of each page
  served allowing the server's reload script (statement_site/serve.py)."""

import dataclasses
import logging
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.utils import clean_directory

from statement_site import checks, pipeline
from statement_site.source.project import Source, read_published
from statement_site.steps import templates

log = logging.getLogger("mkdocs.hooks.statement_site")


def on_config(config):
    root = Path(config.config_file_path).parent
    source = Source.read(root)
    problems = checks.check(source, read_published(root))
    if problems:
        clean_directory(config.site_dir)
        stop(problems, "the editor checks")
    # Read once, handed to on_post_build with the build's configuration; `mkdocs serve` serves
    # the site at its own address.
    config["statement_site"] = dataclasses.replace(source, config=dataclasses.replace(source.config, site_url=config.site_url or ""))
    return config


def on_serve(server, config, builder):
    from statement_site import serve  # the development server's own (watchdog, livereload): not for a build

    return serve.prepare(server, config, builder)


def on_env(env, config, files):
    """The theme's templates compiled once, kept in .build-cache/templates, not again each build."""
    env.bytecode_cache = templates.bytecode_cache(config["statement_site"], "theme")
    return env


def on_pre_build(config):
    clean_directory(config.site_dir)


def on_page_content(html, page, config, files):
    """The title MkDocs takes from the first heading, entities decoded, is text."""
    if page._title_from_render:
        page._title_from_render = escape(page._title_from_render)
    return html


def on_post_build(config):
    site = pipeline.finish(config.site_dir, config["statement_site"])
    if site.problems:
        stop(site.problems, f"the pipeline (refused and removed: {', '.join(sorted(site.refused)) or 'none'})")


def stop(problems, what):
    for problem in problems:
        log.error(str(problem))
    raise PluginError(f"{len(problems)} problem(s) found by {what}: the site was not built")
