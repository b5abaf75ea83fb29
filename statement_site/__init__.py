"""The machinery of the statement's site, for MkDocs and Zensical alike.

- source.py: the model of docs/, front matter, the nav and published-anchors.yml
- markdown/: the Python-Markdown extensions that shape the article (IDs, share controls, safety)
- checks.py: what editors can get wrong, judged on the model before any build
- pipeline.py: the ordered steps over a built site (steps/)
- __main__.py: `python -m statement_site check | finish | redline | summary | card`
"""
