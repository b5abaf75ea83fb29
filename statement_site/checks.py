"""What editors can get wrong, judged on the model of the source before any generator runs.

    python -m statement_site check        # on its own, in about a second
    (the MkDocs hook runs it first; `make build-zensical` runs it before Zensical)

Each problem is one `file:line: what is wrong, and what to write instead` (problems.Problem), in
words for editors. CHECKS lists the checks in order; each asks the model (source/), which has
read every text file and reports first what it could not read.
"""

import difflib
import posixpath
import re
import unicodedata
from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import slugify_unicode as unicode_slugify
from PIL import Image

from . import limits
from .problems import Problem
from .source.files import ANCHORS_FILE, CONFIG_FILE, DOCS, GENERATED, page_url
from .source.parts import habit_of, locate_text
from .source.project import Source, read_published
from .source.strict import as_yaml
from .source.text import COMMON_SCRIPTS, INVISIBLE, direction, hidden_characters, is_id, slug, visible
from .svg import svg_problems

# A page is taken for one in another language when these short words outnumber English ones.
COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "is", "that", "for", "with", "are", "we", "our"},
    "es": {"el", "la", "y", "de", "los", "las", "que", "del", "por", "para", "una", "con", "nuestro", "nuestra", "es"},
    "fr": {"le", "les", "des", "est", "une", "pour", "avec", "nous", "notre", "du", "et"},
}
LANGUAGE_NAMES = {"es": "Spanish", "fr": "French"}
ID_LIST = re.compile(r"\{:?[^{}\n]*#[^{}\n]*\}")  # `{#some-id}`: judged by the ID's own check


def check(source, published=None):
    """Every problem of `source`, sorted: each check of CHECKS in turn. `published` is the model
    of what is published (the baseline commit's), whose IDs must still lead somewhere, or None."""
    found = []
    for each in CHECKS:
        found += each(source, published, found)
    return sorted(set(found))


def unreadable(source, published, found):
    """What the model could not read, or may not be published at all: first, as it comes first."""
    return list(source.problems)


def each_page(source, published, found):
    return [problem for page in source.pages.values() for problem in page_problems(page, source)]


# -- Pages ----------------------------------------------------------------------------------------


def page_problems(page, source):
    problems = []
    lines = page.markdown.split("\n")
    problems += character_problems(page, lines)
    problems += id_problems(page, source)
    previous = None
    explained = set()  # lines of parts whose problem is said on another line
    for n, part in enumerate(page.parts):
        problems += habit_problems(page, n, lines, explained)
        written_id = re.fullmatch(r"\{:?\s*#([^\s{}]+)\s*\}", part.text)
        if written_id and previous and previous.kind == "heading" and not previous.explicit:
            # A heading's ID written under it, as a paragraph's is: one message, for the heading.
            how = previous.how_to_give_an_id(written_id.group(1), lines[previous.line - 1])
            problems.append(Problem(page.file, previous.line, f"an ID on the line under a heading is not read: {how}."))
        elif part.kind != "code" and ("{#" in part.text or "{:" in part.text):
            line = next((n for n in range(part.line, len(lines) + 1) if "{#" in lines[n - 1] or "{:" in lines[n - 1]), part.line)
            problems.append(
                Problem(page.file, line, "this ID is not read as one: write it as {#some-id}, on one line, with no spaces, and close it with '}'.")
            )
        for alt, target in part.images:
            if not alt.strip():
                problems.append(
                    Problem(
                        page.file,
                        part.line,
                        f"the image {target} has no description, so screen readers cannot say what it shows: "
                        f"write it between the brackets, ![A crowd holding candles]({target}).",
                    )
                )
        if part.kind == "notice" and not notice_closed(lines, part.line):
            problems.append(Problem(page.file, part.line, "the notice opened here is never closed: add a line '///' after its text."))
        previous = part
    if page.shared:
        reported = {problem.line for problem in [*problems, *source.problems] if problem.file == page.file}
        problems += missing_id_problems(page, lines, reported | explained)
    problems += link_problems(page, source)
    problems += language_problems(page, source)
    return problems


def habit_problems(page, n, lines, explained):
    """What the site does not render, named by its habit (source/parts.py HABITS), once: a run of
    content tabs is one habit; and a notice written `!!!` with no text indented under it."""
    part, later = page.parts[n], page.parts[n + 1 :]
    if part.kind == "habit":
        before = [p for p in page.parts[:n] if p.kind != "code"]
        if before and before[-1].habit is part.habit:
            return []  # the next tab of the same tabs, or the same habit again at once: said above
        written = lines[part.line - 1].strip() if 0 < part.line <= len(lines) else ""
        said = written if part.habit.written.match(written) else part.text  # its line, as written
        return [Problem(page.file, part.line, part.habit.message(said) + ".")]
    inline = habit_of(part.text, block=False)
    if inline and part.kind != "code":
        return [Problem(page.file, locate_text(lines, inline.written.search(part.text).group(0), part.line), inline.message(part.text) + ".")]
    written = lines[part.line - 1] if part.kind == "notice" and 0 < part.line <= len(lines) else ""
    inside = later and later[0].within[: len(part.within) + 1] == (*part.within, "notice")
    if written.lstrip().startswith("!!!") and not inside:
        explained.update(p.line for p in later[:1])  # the text meant for it: not a part of its own
        return [
            Problem(
                page.file,
                part.line,
                "this notice has no text under it: write its text on the lines under the '!!!' line, each indented "
                "by four spaces.",
            )
        ]
    return []


def character_problems(page, lines):
    """Invisible and direction-changing characters: text that reads otherwise than it shows.
    Those a word's spelling needs where they stand are text (source/text.py `needed`: Persian's
    non-joiner, Devanagari's joiners, an emoji sequence's); in an ID or an address, where they
    only hide, the ID's and the address's own messages name them."""
    problems = []
    addresses = {}
    for link in page.links:
        addresses.setdefault(link.line, []).append(link.href)
    for number, line in enumerate(lines, 1):
        hidden = hidden_characters(line, marks=True)
        judged = [span for span in (*addresses.get(number, ()), *ID_LIST.findall(line)) if span]
        for char in dict.fromkeys(c for _, c in hidden if not any(c in span for span in judged)):
            name = unicodedata.name(char, "an unnamed character")
            problems.append(
                Problem(page.file, number, f"the invisible character U+{ord(char):04X} ({name}) is not allowed here: it makes text read otherwise than it shows; delete it")
            )
    return problems


def id_problems(page, source):
    problems, seen = [], {}
    explicit = [part for part in page.parts if part.explicit]
    if len(explicit) > limits.PARTS:
        problems.append(Problem(page.file, 1, f"more than {limits.PARTS} parts with an ID: split the page"))
    other_pages = first_address_segments(source) if page.url == "" else set()
    for part in page.parts:
        if not part.id:
            continue
        line = part.id_line or part.line
        if part.explicit and not is_id(part.id):
            known = {p.id for other in source.pages.values() for p in other.parts if p.explicit and is_id(p.id)}
            problems.append(Problem(page.file, line, id_message(part.id, known)))
        elif part.explicit and page.url == "" and part.id in other_pages | set(GENERATED):
            problems.append(
                Problem(page.file, line, f"the ID '{part.id}' is also the address of a page (s/{part.id}/ would be both): choose another")
            )
        if part.id in seen:
            first = seen[part.id]
            problems.append(
                Problem(page.file, line, f"the ID '{part.id}' is already used at line {first}: each part of a page needs its own ID")
            )
        else:
            seen[part.id] = line
    return problems


def first_address_segments(source):
    """"privacy" of privacy/, "es" of es/: what an ID of the home page may not be (s/<id>/)."""
    return {page.url.split("/")[0] for page in source.pages.values() if page.url}


def id_message(ident, known=()):
    """Why an ID cannot be a link's end, naming a character that only looks right, and the ID
    it looks like when there is one (`mіssion`, with a Cyrillic і, looks like `mission`)."""
    strange = next((c for c in ident if c not in "abcdefghijklmnopqrstuvwxyz0123456789-"), None)
    if len(ident) > limits.ID_LENGTH:
        return f"the ID '{ident[:20]}…' is longer than {limits.ID_LENGTH} characters: shorten it"
    alike = next((k for k in sorted(known) if looks_like(ident, k)), None)
    suggestion = alike or slug(ident, words=8)
    if strange and ord(strange) in INVISIBLE:
        name = unicodedata.name(strange, "an unnamed character")
        return f"the ID '{visible(ident)}' holds the invisible character U+{ord(strange):04X} ({name}): IDs use a-z, 0-9 and hyphens; retype it as '{suggestion}'"
    if strange and not strange.isascii():
        name = unicodedata.name(strange, "an unnamed character")
        return (
            f"the ID '{ident}' holds U+{ord(strange):04X} ({name}), which only looks like a letter of a-z: "
            f"IDs use a-z, 0-9 and hyphens; retype it as '{suggestion}'"
        )
    return f"the ID '{ident}' cannot end a link: IDs use lowercase letters a-z, digits 0-9 and hyphens, such as '{suggestion}'"


def looks_like(ident, known):
    """The same length, and the same wherever `ident` holds a character an ID may hold."""
    allowed = "abcdefghijklmnopqrstuvwxyz0123456789-"
    return len(ident) == len(known) and ident != known and all(a == b for a, b in zip(ident, known) if a in allowed)


def missing_id_problems(page, lines, reported):
    """Parts a reader should be able to link to, written without an ID: the ID to add, by kind."""
    problems, taken = [], {p.id for p in page.parts if p.explicit}
    starts = {p.line for p in page.parts}
    for part in page.parts:
        if part.id and part.explicit or not part.needs_an_id or part.line in reported:
            continue
        if part.line + 1 in reported and part.line + 1 not in starts:
            continue  # what is wrong with the line under it (its attribute list) is said already
        if "{#" in part.text or "{:" in part.text:  # its ID is there, but not read: said already
            continue
        suggestion = slug(part.words)
        while suggestion in taken:
            suggestion = f"{suggestion}-2" if not suggestion[-1].isdigit() else f"{suggestion[:-1]}{int(suggestion[-1]) + 1}"
        taken.add(suggestion)
        problems.append(
            Problem(
                page.file,
                part.line,
                f"this {part.name} has no ID, so nobody can link to it: {part.how_to_give_an_id(suggestion, lines[part.line - 1])}.",
            )
        )
    return problems


def notice_closed(lines, start):
    """Whether a notice opened with `///` is closed; one written `> [!NOTE]` ends with its quote."""
    opened = lines[start - 1].lstrip() if 0 < start <= len(lines) else ""
    return not opened.startswith("///") or any(line.strip() == "///" for line in lines[start:])


def link_problems(page, source):
    """Links and images that lead nowhere (another page, a part, a file of docs/), each with the
    value it likely meant when there is one."""
    problems = []
    for link in page.links:
        split = urlsplit(link.href)
        if split.scheme or split.netloc or link.href.startswith("//"):
            if link.image:
                problems.append(
                    Problem(page.file, link.line, f"the image {link.href} is on another site: readers' browsers would ask it for the image; save it under docs/assets/")
                )
            continue
        path = unquote(split.path)
        if not path:
            target = page
        else:
            resolved = link_target(page, link.href)
            target = source.pages.get(resolved)
            if target is None and resolved not in source.files:
                if any(problem.file == f"docs/{resolved}" for problem in source.problems):
                    continue  # there, but refused: its own message says why
                kind = "image" if link.image else "link"
                advice = file_advice(page, link.href, resolved, source) or "check its spelling"
                problems.append(Problem(page.file, link.line, f"the {kind} '{link.href}' leads to no file of docs/: {advice}"))
                continue
        if split.fragment and target is not None:
            ids = set(target.ids) | set(source.aliases_of(target.src))
            if unquote(split.fragment) not in ids:
                advice = fragment_advice(unquote(split.fragment), target, link.href.split("#")[0])
                problems.append(Problem(page.file, link.line, f"the link '{link.href}' leads to no part of {target.file}: {advice}"))
    return problems


# Web addresses written without https:// (`www.ilrc.org`), which a link reads as a file of docs/.
HOST = re.compile(r"(www\.[^/\s]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(org|com|net|gov|edu|int|info|news|ngo|io|us|uk))(/\S*)?", re.IGNORECASE)


def file_advice(page, href, resolved, source):
    """What a link to no file of docs/ likely meant: a web or e-mail address written without its
    scheme, where a gone page moved, or the file whose name is nearest; as the link writes it."""
    if "@" in href and "/" not in href:
        return f"an e-mail address is written 'mailto:{href}'"
    if HOST.fullmatch(href):
        return f"an address on another site starts with https://: write 'https://{href}'"
    moved = source.moved_to(resolved)
    nearest = moved or nearest_name(resolved, [*source.pages, *source.files])
    if nearest is None:
        return None
    written = posixpath.relpath(nearest, posixpath.dirname(page.src) or ".")
    fragment = "#" + href.split("#", 1)[1] if "#" in href else ""
    return f"write '{written}{fragment}', " + ("where the page moved" if moved else "the nearest name")


def nearest_name(wanted, names):
    """The name of `names` that `wanted` likely misspells: the same but for case, the same file in
    another folder or with another ending (`.jpg`, `.png`), or a typo or two; else None."""
    wanted_path = PurePosixPath(wanted)
    ranked = []
    for name in names:
        path = PurePosixPath(name)
        if name.lower() == wanted.lower():
            rank = 0
        elif path.name == wanted_path.name and path.stem not in ("index", "README"):
            rank = 1
        elif path.with_suffix("") == wanted_path.with_suffix(""):
            rank = 2
        elif typos(wanted, name) <= max(1, min(2, len(wanted) // 6)):
            rank = 3 + typos(wanted, name)
        else:
            continue
        ranked.append((rank, name))
    return min(ranked)[1] if ranked else None


def typos(a, b):
    """How many letters one would type wrong, leave out, add or swap to write `b` as `a`
    (optimal string alignment distance), counted up to 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > 2:
            return 3
    return current[-1]


def fragment_advice(fragment, target, written):
    """What a link to no part of `target` likely meant: the ID of the heading whose words it
    used (`#our-calls-to-action`, as GitHub and Python-Markdown make one of a heading), or the
    ID it misspells; as the link writes it (`written`, what comes before `#`)."""
    wanted = fragment.lower()
    for part in target.parts:
        if part.kind == "heading" and part.id and wanted in heading_slugs(part.words):
            return f"write '{written}#{part.id}', the ID of the heading “{part.words}”"
    explicit = [part.id for part in target.parts if part.explicit and part.id]
    nearest = nearest_name(wanted.replace("_", "-"), explicit)
    if nearest:
        return f"write '{written}#{nearest}', the nearest ID"
    return "check the ID after '#'"


def heading_slugs(words):
    """The IDs GitHub's preview and Python-Markdown (toc) give a heading of these words."""
    github = re.sub(r"[^\w\- ]", "", words.lower()).replace(" ", "-")
    return {github, toc_slugify(words, "-"), unicode_slugify(words, "-")}


def link_target(page, href):
    """The file of docs/ a link of `page` leads to (relative to docs/), or None for another site."""
    split = urlsplit(href)
    if split.scheme or split.netloc or href.startswith("//"):
        return None
    resolved = (PurePosixPath(page.src).parent / unquote(split.path)).as_posix()
    return normalise(PurePosixPath(*[p for p in PurePosixPath(resolved).parts if p != "."]).as_posix())


def normalise(path):
    parts = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part:
            parts.append(part)
    return "/".join(parts)


def language_problems(page, source=None):
    if page.lang:
        return switch_problems(page, source) if source else []
    if source and any(p.file == page.file and p.line < page.body_line for p in source.problems):
        return []  # its front matter could not be read: whether it says a language is unknown
    if problem := script_problem(page):
        return [problem]
    words = re.findall(r"[a-záéíóúñçàèêôû]+", " ".join(part.text for part in page.parts).lower())
    counts = {code: sum(word in common for word in words) for code, common in COMMON_WORDS.items()}
    guess = max(counts, key=counts.get)
    if guess != "en" and counts[guess] > 2 * counts["en"] + 5:
        return [
            Problem(
                page.file,
                1,
                f"this page seems to be in {LANGUAGE_NAMES[guess]}, but does not say so, so screen readers would "
                f"read it with an English voice: add 'lang: {guess}' to its front matter, the lines between "
                "'---' at the top of the page.",
            )
        ]
    return []


def script_problem(page):
    """A page written mostly in a script other than Latin that does not say its language: read
    with an English voice, and laid out left to right even in Arabic or Hebrew. The language to
    suggest is the one Babel's likely subtags give the script (Arabic's is `ar`, Han's `zh`, and
    Han with kana is Japanese)."""
    from fontTools.unicodedata import script_extension, script_name

    counts = {}
    letters = [char for part in page.parts for char in part.text if char.isalpha()]
    for char in letters:
        for script in ("Latn",) if char.isascii() else script_extension(char) - COMMON_SCRIPTS:
            counts[script] = counts.get(script, 0) + 1
    letters = len(letters)
    script = max(counts, key=counts.get, default="Latn")
    if script == "Latn" or counts[script] * 2 < letters:
        return None
    import babel  # only for a page in another script

    written = "Jpan" if {"Hira", "Kana"} & set(counts) else "Kore" if "Hang" in counts else script
    likely = babel.core.get_global("likely_subtags").get(f"und_{written}", "")
    lang = likely.split("_")[0]
    if not lang:
        return None
    laid_out = ", and laid out left to right" if direction(lang) == "rtl" else ""
    return Problem(
        page.file,
        1,
        f"this page is written in the {script_name(written, script_name(script))} script but does not say its language, so screen readers "
        f"would read it with an English voice{laid_out}: add 'lang: {lang}' ({babel.Locale.parse(lang).english_name}), "
        "or the code of the language it is in, to its front matter, the lines between '---' at the top of the page",
    )


def switch_problems(page, source):
    """A page in another language than the site's is offered by the theme's language switch
    (`extra.alternate`, which also gives every page its `hreflang` alternates), with the page
    in the site's language, so that readers of either find the other."""
    site = source.config.language
    if page.lang.split("-")[0] == site.split("-")[0] or not source.config.read:
        return []  # the same language; or settings that could not be read, whose message comes first
    offered = {(entry.get("lang"), str(entry.get("link", "")).removeprefix("/") or "./") for entry in source.config.alternates}
    # The home page, wherever the nav lists it: the page in the site's language the switch offers.
    home = source.home or next(iter(source.pages.values()))
    wanted = [(site, home.url or "./"), (page.lang, page.url or "./")]
    if all(pair in offered for pair in wanted):
        return []
    entries = "".join(
        f"'    - name: {language_name(lang)}', '      link: {link}', '      lang: {lang}', "
        for lang, link in wanted
        if (lang, link) not in offered
    )
    alternate, extra = source.config.line_in_settings("extra.alternate"), source.config.line_in_settings("extra")
    if alternate:
        where, start = f"under 'alternate:' in {CONFIG_FILE} (line {alternate})", ""
    elif extra:
        where, start = f"under 'extra:' in {CONFIG_FILE} (line {extra})", "'  alternate:', "
    else:
        where, start = f"at the end of {CONFIG_FILE}", "'extra:', '  alternate:', "
    return [
        Problem(
            page.file,
            1,
            f"this page is in {language_name(page.lang)} (lang: {page.lang}), but the language switch does not offer it: "
            f"add {where} the lines {start}{entries.rstrip(', ')}",
        )
    ]


def language_name(lang):
    """A language's own name for itself: "Español" for es."""
    import babel  # only for a page in another language

    try:
        locale = babel.Locale.parse(lang.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return lang
    name = locale.get_display_name(locale) or lang
    return name[:1].upper() + name[1:]


# -- The nav ----------------------------------------------------------------------------------------


def nav_problems(source, published=None, found=()):
    if not source.config.read:
        return []  # mkdocs.yml's own message says why; every page is not "missing from the nav"
    problems = []
    listed = set()  # and the pages a message asks to write in place of a nav line's
    for entry in source.config.nav:  # titles and addresses judged as the settings were read
        if entry.src is None:
            continue
        listed.add(entry.src)
        if entry.src not in source.pages:
            moved = source.moved_to(entry.src)
            renamed = published and entry.src in published.pages and likely_new_page(published.pages[entry.src], source, published)
            nearest = moved or renamed or nearest_name(entry.src, list(source.pages))
            advice = f": write '{nearest}'" + (", where it moved" if moved else ", which reads most like it" if renamed else "") if nearest else ""
            problems.append(Problem(CONFIG_FILE, entry.line, f"the nav lists '{entry.src}', which is not a page of docs/{advice}"))
            listed.add(nearest)
    nav_line = source.config.line_in_settings("nav")
    where = f"under 'nav:' in {CONFIG_FILE} (line {nav_line})" if nav_line else f"at the end of {CONFIG_FILE}, under a line 'nav:'"
    for src, page in source.pages.items():
        if src not in listed and not source.config.out_of_nav(src):
            problems.append(
                Problem(page.file, 1, f"this page is in no menu, so readers cannot find it: add a line '  - {as_yaml(page.title)}: {src}' {where}")
            )
    return problems


def move_problems(source, published=None, found=()):
    """A page that moved (`moved:` in published-anchors.yml) keeps its address, which leads to
    the page that took its place: over a page that is there, it would take its place."""
    problems = []
    addresses = {page.url: page for page in source.pages.values()}
    for move in source.moves:
        url = page_url(move.old)
        page = addresses.get(url)
        if page is not None:
            problems.append(
                Problem(
                    ANCHORS_FILE,
                    move.line,
                    f"{move.old} would send its readers to {move.new}, but its address {url} is the page {page.file}'s: "
                    "'moved:' is for a page that is gone; remove this line, or the page",
                )
            )
        elif url.split("/")[0] in GENERATED:
            problems.append(Problem(ANCHORS_FILE, move.line, f"the site writes {GENERATED[url.split('/')[0]]} at {url} itself: {move.old} was never published there"))
        elif source.moved_to(move.old) is None:
            nearest = nearest_name(move.new, list(source.pages))
            advice = f"write 'moved: {nearest}'" if nearest else "write the page that takes its place, as docs/ names it"
            problems.append(Problem(ANCHORS_FILE, move.line, f"{move.old} moved to {move.new}, which is not a page of docs/: {advice}"))
    return problems


# -- Links that were shared --------------------------------------------------------------------------


def share_page_problems(source, published=None, found=()):
    """Each part with an ID gets a share page and a card: bounded, with a message, not dropped."""
    shared = {src: sum(1 for part in page.parts if part.shareable) for src, page in source.pages.items()}
    count = sum(shared.values()) + len(source.aliases) + sum(shared.get(source.moved_to(move.old), 0) for move in source.moves)
    if count > limits.SHARE_PAGES:
        return [Problem(DOCS, 1, f"{count} parts with an ID, aliases and moved parts: more than {limits.SHARE_PAGES} share pages; ask a developer")]
    return []


def alias_problems(source, published=None, found=()):
    problems = []
    counted = 0
    for alias in source.aliases:
        counted += 1
        if counted > limits.ALIASES:
            problems.append(Problem(ANCHORS_FILE, alias.line, f"more than {limits.ALIASES} aliases: ask a developer"))
            break
        page = source.pages.get(alias.page)
        if page is None:
            moved = source.moved_to(alias.page)
            where = f": it moved to {moved}, write the alias under '{moved}:'" if moved else ""
            problems.append(Problem(ANCHORS_FILE, alias.line, f"the alias #{alias.old} is for {alias.page}, which is not a page of docs/{where}"))
        elif alias.old in page.ids:
            problems.append(Problem(ANCHORS_FILE, alias.line, f"the alias #{alias.old} is still an ID in {page.file}; remove the alias."))
        elif alias.new not in page.ids:
            before = published.pages.get(alias.page) if published else None
            meant = likely_new_id(alias.new, before, page) or nearest_name(alias.new, [p.id for p in page.parts if p.explicit and p.id])
            advice = f" Write '{alias.old}: {meant}' (the ID it goes by now)." if meant else ""
            problems.append(Problem(ANCHORS_FILE, alias.line, f"the alias #{alias.old} points to #{alias.new}, which {page.file} does not have.{advice}"))
    return problems


def removed_id_problems(source, published, found=()):
    """Each page and ID that was published and leads nowhere now: the line to add to keep its
    links. A page that moved keeps its IDs on the page that took its place."""
    if published is None:
        return []
    problems = []
    ids = published.published_ids()
    for src, old in published.pages.items():
        if src in source.pages:
            continue
        moved = source.moved_to(src)
        if moved is None:
            problems.append(gone_page_problem(source, published, src, old))
            continue
        for ident in sorted(ids.get(src, set()) - set(source.pages[moved].ids) - set(source.aliases_of(moved))):
            problems.append(removed_id_problem(source, published, old, moved, ident, moved_from=src))
    for src, page in source.pages.items():
        kept = set(page.ids) | set(source.aliases_of(src))
        problems += [removed_id_problem(source, published, published.pages.get(src), src, ident) for ident in sorted(ids.get(src, set()) - kept)]
    return problems


def removed_id_problem(source, published, before, src, ident, moved_from=None):
    """#ident, published on `before` (a page of what is published), is not on the page `src`
    (the page it moved to, from `moved_from`)."""
    page = source.pages[src]
    new = likely_new_id(ident, before, page)
    line = aliases_line(source, src)
    where = f"on {moved_from}, which moved to {src}, but {page.file} does not have it" if moved_from else f"but {page.file} no longer has it"
    return Problem(
        ANCHORS_FILE if line else page.file,
        line or 1,
        f"#{ident} has been shared, {where}. Put the {{#{ident}}} back, or, "
        f"if it was renamed, add the line '    {ident}: {new or 'new-id'}' under 'aliases:' "
        f"for {src} in {ANCHORS_FILE}" + ("" if line else f" (start the file with '{src}:' and '  aliases:')"),
    )


def gone_page_problem(source, published, src, old):
    """A published page that is gone, and did not move: the lines that keep its address, with the
    page that reads most like it (else the home page) as the one that took its place."""
    likely = likely_new_page(old, source, published)
    home = source.home.src if source.home else "index.md"
    entry = source.anchor_lines.pages.get(src, (None, None))[0]
    target = likely or home
    how = (
        f"add the line '  moved: {target}' under '{src}:' in {ANCHORS_FILE} (line {entry})"
        if entry
        else f"add the lines '{src}:' and '  moved: {target}' at the end of {ANCHORS_FILE}"
    )
    which = (
        f"which sends them to {target}, the page that reads most like it"
        if likely
        else f"which sends them to the home page; or write the page that takes its place instead of {target}"
    )
    return Problem(
        ANCHORS_FILE,
        entry or max(1, source.anchor_lines.last),
        f"docs/{src} was published and is gone, so links to it would lead nowhere: {how}, {which}",
    )


def likely_new_page(old, source, published):
    """The page that was not published and reads most like `old` (its title, then its words), or None."""
    candidates = [page for src, page in source.pages.items() if src not in published.pages]
    old_words = Counter(words_of(old))

    def likeness(page):
        title = difflib.SequenceMatcher(None, page.title.lower(), old.title.lower()).ratio()
        # Words counted, not in order: whole pages, compared in linear time.
        return max(title, sum((old_words & Counter(words_of(page))).values()) / max(1, old_words.total()))

    scored = [(likeness(page), page.src) for page in candidates]
    best = max(scored, default=(0, None))
    return best[1] if best[0] >= 0.6 else None


def words_of(page_or_part):
    text = page_or_part.text if hasattr(page_or_part, "text") else " ".join(part.text for part in page_or_part.parts)
    return re.findall(r"\w+", text.lower())


def words_kept(old, new):
    """How much of the words `old` are in `new`, in order (1: all of them)."""
    if not old:
        return 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(old)


def likely_new_id(old, before, after):
    """The ID of the part of `after` that holds the words the part #old had on `before`: the
    part renamed, or the one its words were merged into; None when no part holds most of them."""
    old_part = before.ids.get(old) if before is not None else None
    candidates = [p for p in after.parts if p.explicit and p.id]
    if old_part is None or not candidates:
        return None
    words = words_of(old_part)
    scored = [
        (words_kept(words, words_of(p)), p.kind == old_part.kind, difflib.SequenceMatcher(None, p.text, old_part.text).ratio(), p.id)
        for p in candidates
    ]
    kept, _, _, ident = max(scored)
    return ident if kept >= 0.5 else None


def aliases_line(source, src):
    """The line after which an alias of `src` goes in published-anchors.yml, or None."""
    line, aliases = source.anchor_lines.pages.get(src, (None, None))
    return aliases or line


# -- Other files ------------------------------------------------------------------------------------


def file_problems(source, published=None, found=()):
    problems = []
    for name in source.files:
        path = source.root / DOCS / name
        suffix = PurePosixPath(name).suffix.lower()
        if not path.is_file() or path.is_symlink():
            continue
        if suffix == ".svg":
            problems += [Problem(f"{DOCS}/{name}", line, why) for line, why in svg_problems(path.read_bytes())]
        elif suffix == ".pdf":
            from . import pdf  # pypdf, only for a site that has a PDF

            # On the line that links to it, where the editor put it in the statement; else on it.
            linked = next(((p.file, link.line) for p in source.pages.values() for link in p.links if link_target(p, link.href) == name), None)
            for line, why in pdf.pdf_problems(path.read_bytes()):
                problems.append(Problem(linked[0], linked[1], f"{name}: {why}") if linked else Problem(f"{DOCS}/{name}", line, why))
        elif suffix in IMAGE_FORMATS:
            problems += [Problem(f"{DOCS}/{name}", 1, why) for why in image_problems(path, suffix)]
    return problems


# What each image file must be, by its name's ending: Pillow's name for the format.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}


def image_problems(path, suffix):
    """A file named as an image is that image: browsers are told so, whatever it holds."""
    try:
        with Image.open(path) as image:
            found = image.format
    except (OSError, Image.DecompressionBombError):
        found = None
    if found != IMAGE_FORMATS[suffix]:
        return [f"this file is not a {IMAGE_FORMATS[suffix]} image ({found or 'not an image'}): save it again as {suffix[1:].upper()}"]
    return []


def run(root):
    """The check of the project at `root`, against what is published: sorted problems."""
    return check(Source.read(root), read_published(root))


# The editor checks, in order, as pipeline.STEPS lists the steps: each takes the model, the model
# of what is published (or None) and the problems found so far, and returns its own.
CHECKS = (
    unreadable,
    each_page,
    nav_problems,
    move_problems,
    alias_problems,
    share_page_problems,
    removed_id_problems,
    file_problems,
)
