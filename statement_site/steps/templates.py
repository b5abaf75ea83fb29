"""The templates of overrides/ for the pages the pipeline writes itself (share pages, a moved
page's old address): rendered with Jinja, escaping every value, and the few settings their
shared head (partials/small-page-head.html) reads, as a theme's `config` holds them."""

import jinja2


def small_page_template(source, name):
    loader = jinja2.FileSystemLoader(str(source.root / "overrides"))
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True).get_template(name)


def theme_config(source):
    return {"site_name": source.config.site_name, "theme": {"favicon": source.config.favicon}}
