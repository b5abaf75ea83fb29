"""THE model of the site's source, split by concept as MkDocs' `structure/` is. Everything else
asks it: the checks, the Markdown extensions, the post-build steps, the redline and the tests.

    from statement_site.source.project import Source
    source = Source.read(Path("."))                              # the working tree
    source = Source.read(root, GitTree(root, "origin/main"))     # the same, at a commit

- text.py: words as a reader reads them, IDs, and the characters that deceive;
- files.py: what may be under docs/, where files come from (the working tree or a commit) and
  the addresses the site gives them;
- settings.py: the editors' settings (mkdocs.yml) over the code's configuration (config/site.yml),
  both read safely before any generator loads them: the nav and the settings pages show;
- pages.py: a page, its front matter and the bounds that keep its reading small;
- render.py: a page's Markdown rendered as the site renders it;
- parts.py: what a part is (every kind the site renders, and the habits it does not), and a
  rendered page cut into parts, each with its line;
- published.py: published-anchors.yml's aliases, and what `main` has published;
- project.py: `Source`, the whole project read once.

Whatever cannot be read becomes a `Problem` (problems.py), never an exception.
"""
