"""What every check and every step reports: one shape, so that a message lands on its file and
line wherever it comes from (the editor checks, the pipeline, the job summary)."""

from dataclasses import dataclass


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
        return f"{self.file}:{self.line}: {self.text}"
