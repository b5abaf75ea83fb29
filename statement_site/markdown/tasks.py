"""Task lists, as on GitHub: `- [x] Done` and `- [ ] To do` are list items with a box, ticked or
not, that a reader sees and hears but cannot change.

    markdown_extensions:
      - statement_site.markdown.tasks

pymdownx.tasklist finds them (its pattern, and its classes `task-list` and `task-list-item`); the
box is drawn as Material and Zensical draw it by default (pymdownx.tasklist's `custom_checkbox`:
a green tick, or a grey circle, in print too), and made so that every reader gets it:

- **Named.** `<label class="task-list-control"><input type="checkbox" disabled checked><span
  class="task-list-indicator"></span>Done</label>`: the label holds the box and the item's words,
  so that a screen reader says the words with the box ("Done, checkbox, checked"). A nested
  list, or a loose item's later paragraphs, stay outside it.
- **Inert.** `disabled`: nothing a reader does ticks a box of the statement, with or without
  JavaScript; the allowlist refuses a box without it (allowlist.py, `REQUIRED_ATTRIBUTES`).
- **An element, not raw HTML set aside**, so that content safety judges it and the model reads a
  box as "[x]" or "[ ]" (the redline shows a box ticked).

It runs after attr_list, which has read the item's `{#id}`, and after inline patterns (the item's
words are elements by then), before content safety.
"""

import xml.etree.ElementTree as etree

from markdown import Extension
from pymdownx.tasklist import RE_CHECKBOX, TasklistTreeprocessor

# What ends an item's words: its nested lists and blocks stay outside the box's label.
BLOCKS = {"ul", "ol", "p", "div", "blockquote", "pre", "table", "dl", "figure"}


class LabelledTasks(TasklistTreeprocessor):
    """pymdownx.tasklist's, each box an element inside a label that holds the item's words."""

    def inline(self, li):
        return labelled(li)

    def sub_paragraph(self, li):
        return len(li) > 0 and li[0].tag == "p" and labelled(li[0])


def labelled(holder):
    """Whether `holder` (a list item, or a loose item's first paragraph) starts with a box; if so,
    the box and the words up to its first block are put in a label."""
    found = RE_CHECKBOX.match(holder.text or "")
    if found is None:
        return False
    label = etree.Element("label", {"class": "task-list-control"})
    attributes = {"type": "checkbox", "disabled": "disabled"}
    if found.group("state").lower() == "x":
        attributes["checked"] = "checked"
    etree.SubElement(label, "input", attributes)
    mark = etree.SubElement(label, "span", {"class": "task-list-indicator"})
    mark.tail, holder.text = found.group("line"), None
    end = next((i for i, child in enumerate(holder) if child.tag in BLOCKS), len(holder))
    for child in list(holder)[:end]:
        holder.remove(child)
        label.append(child)
    holder.insert(0, label)
    return True


class TasksExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        tasks = LabelledTasks(md)
        tasks.config = {"custom_checkbox": False, "clickable_checkbox": False}  # as pymdownx.tasklist sets it
        # After inline patterns (20) and attr_list (8); before content safety (7.5).
        md.treeprocessors.register(tasks, "statement_site_tasks", 7.9)


def makeExtension(**kwargs):
    return TasksExtension(**kwargs)
