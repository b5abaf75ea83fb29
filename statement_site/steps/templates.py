"""The templates of overrides/ for the pages the pipeline writes itself (share pages, a moved
page's old address): rendered with Jinja, escaping every value, and the few settings their
shared head (partials/small-page-head.html) reads, as a theme's `config` holds them."""

import jinja2


def small_page_template(source, name):
    loader = jinja2.FileSystemLoader(str(source.root / "overrides"))
    environment = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True, bytecode_cache=bytecode_cache(source, "small-pages"))
    return environment.get_template(name)


def bytecode_cache(source, environment):
    """Templates compiled once into the build's cache (.build-cache/templates/ENVIRONMENT), each
    compiled again when its text changes (Jinja's bytecode cache keys a template by its name and
    text). One folder for each Jinja environment: how a template compiles depends on its
    environment's settings (autoescape), which the key does not hold."""
    folder = source.cache("templates") / environment
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def theme_config(source):
    return {"site_name": source.config.site_name, "theme": {"favicon": source.config.favicon}}
