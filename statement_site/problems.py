"""What every check and every step reports: one shape, so that a message lands on its file and
line wherever it comes from (the editor checks, the pipeline, the job summary)."""

from dataclasses import dataclass

from .source.text import visible


@dataclass(frozen=True, order=True)
class Problem:
    """Something to fix, where it can be fixed: `docs/index.md:12: what is wrong: what to write`."""

    file: str  # relative to the project root: "docs/index.md", "mkdocs.yml"
    line: int  # 1 when the problem is the file as a whole
    message: str  # what is wrong, in an editor's words
    fix: str = ""  # what to write or do instead, when there is one thing to say

    @property
    def text(self):
        """The message and what to do, as one sentence."""
        return f"{self.message}: {self.fix}" if self.fix else self.message

    def __str__(self):
        """One line, whatever the file's name or the message holds: a line break in either is
        printed as its escape, so that no part of it can start a line (a workflow command)."""
        return visible(f"{self.file}:{self.line}: {self.text}")
