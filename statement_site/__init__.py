"""The machinery of the statement's site, for MkDocs and Zensical alike.

- source/: THE model of docs/, front matter, the nav and published-anchors.yml, split by concept
- markdown/: the Python-Markdown extensions that shape the article (IDs, share controls, safety)
- checks.py: what editors can get wrong, judged on the model before any build (CHECKS, in order)
- pipeline.py: the ordered steps over a built site (STEPS; steps/, one module each)
- problems.py: the one shape of what checks and steps report
- __main__.py: `python -m statement_site check | finish | redline | summary`
"""
