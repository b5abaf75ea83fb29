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
"""

from pymdownx import emoji


class EmojiExtension(emoji.EmojiExtension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.setConfig("emoji_index", emoji.gemoji)
        self.setConfig("emoji_generator", emoji.to_alt)


def makeExtension(**kwargs):
    return EmojiExtension(**kwargs)
