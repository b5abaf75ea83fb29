"""Emoji written as on GitHub: `:heart:` is ❤️, the character itself.

    markdown_extensions:
      - statement_site.markdown.emoji

pymdownx.emoji, with GitHub's own list of shortcodes (gemoji) and each emoji written as its
Unicode character (`to_alt`): what GitHub's preview shows, drawn by the reader's own fonts, with
no image from another host. A shortcode GitHub does not know (`:ceasefire:`) stays as written,
as on GitHub.

Configured here, in Python: pymdownx.emoji takes its index and its generator as functions, which
config/site.yml could name only with a Python tag (`!!python/name:`), which the settings' safe reader
refuses. Whatever options config/site.yml gives, these two stay.

The index is gemoji's own tables, read as they are: pymdownx.gemoji copies them (about 20 ms)
for every Markdown instance, and MkDocs makes one per page; pymdownx.emoji only reads them.
"""

from types import MappingProxyType

from pymdownx import emoji, gemoji_db


class EmojiExtension(emoji.EmojiExtension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.setConfig("emoji_index", gemoji_read_only)
        self.setConfig("emoji_generator", emoji.to_alt)


def gemoji_read_only(options, md):
    """GitHub's shortcodes, as pymdownx.gemoji gives them, without a copy."""
    return {"name": gemoji_db.name, "emoji": MappingProxyType(gemoji_db.emoji), "aliases": MappingProxyType(gemoji_db.aliases)}


def makeExtension(**kwargs):
    return EmojiExtension(**kwargs)
