"""The bounds on what editors may put into the site, each with why: the sizes and counts of files,
pages, settings and IDs. A reader of one format keeps the bounds of its own work beside it:
pdf.py (objects, revisions, seconds), svg.py (elements), allowlist.py (nesting), redline.py
(words compared).

The checks (checks.py) stop an input past a bound with a `file:line` message before any work
grows with it: a page's work is bounded (its size, its parts, the nav it carries), so a build
grows in proportion to its pages, and stays within the publish workflow's ten minutes
(`python scripts/benchmark.py --scale` prints the build time at 1x, 10x and 100x the statement)."""

# Files under docs/
FILES = 2_000  # the statement has 10
PAGES = 500  # each is parsed, purged and shared: a build grows with them, linearly
PAGE_BYTES = 100_000  # the statement is 7.5 KB; Markdown's time grows with size
IMAGE_BYTES = 1_000_000  # readers on phones: 1600 pixels wide as JPEG or WebP is plenty
SVG_BYTES = 100_000
PDF_BYTES = 10_000_000
NAME_CHARACTERS = 80  # of one file or folder name
PATH_DEPTH = 4  # docs/a/b/c/page.md
# Each page carries the nav's lists on the way to it (navigation.prune in config/site.yml): bounded
# lists keep every page's size, and so the work of each, the same however many pages there are.
NAV_ENTRIES = 40
NAV_DEPTH = 4  # sections in sections: the menu stays one a reader can find a page in

# The site's settings (mkdocs.yml): what reaches every page's tab, header, footer and preview.
SETTINGS_BYTES = 100_000  # the file editors change: a nav of 500 pages is 20 KB
TITLE_CHARACTERS = 80  # the site's name, a nav title, a language's name: a tab or a menu line
SETTING_CHARACTERS = 500  # the description, the copyright line

# Inside a page: Python-Markdown's inline patterns take quadratic time on long runs of
# brackets and backticks, so a block is bounded in length and in those characters.
LINE_CHARACTERS = 5_000
BLOCK_CHARACTERS = 4_000  # today's longest paragraph has 1,300
BLOCK_BRACKETS = 100  # `[`, `<` and backticks in one block: links, footnotes, code
NESTING = 16  # list or quote levels opening one line
INDENT = 64  # 16 levels of list
META_CHARACTERS = 500  # one front matter value

# IDs and what is made from them
ID_LENGTH = 64  # an address stays readable when shared
PARTS = 400  # parts with an ID on one page: each gets a share page and a card
SHARE_PAGES = 3_000  # in the whole site: 100 times the statement's, each with a card of about 85 KB
ALIASES = 300  # in published-anchors.yml
ANCHORS_FILE_BYTES = 20_000  # strict YAML reading grows faster than the file
