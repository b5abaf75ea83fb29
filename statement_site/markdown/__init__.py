"""The site's own Python-Markdown extensions, one feature a module, as pymdown-extensions has
them: listed under `markdown_extensions` in config/site.yml, last, so that MkDocs and Zensical both
run them.

- `statement_site.markdown.safety`: raw HTML stays text; attributes only from the allowlist.
- `statement_site.markdown.share`: share controls on every part with an ID, and aliases.
- `statement_site.markdown.images`: images' sizes, and lazy loading below the first screen.
- `statement_site.markdown.attachments`: a link to a PDF says so, with its size.
- GitHub's habits, as its preview shows them: `emoji` (`:heart:` as ❤️), `escapes` (backslashes,
  and a line ending in one), `tasks` (task lists, each box named and inert), `comments` (hidden),
  `figures` (an image and its caption).
"""
