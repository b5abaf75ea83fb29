"""Every performance figure the project reports, printed in one run: `make bench`.

    .venv/bin/python scripts/benchmark.py                       # all five parts
    .venv/bin/python scripts/benchmark.py --build --check --runs 3
    .venv/bin/python scripts/benchmark.py --scale
    .venv/bin/python scripts/benchmark.py --reading --runs 1

It prints figures and judges nothing: the exit status is 1 only when something could not run.
Every build happens in temporary folders (copies of mkdocs.yml, published-anchors.yml, docs/,
overrides/ and hooks/); the one exception is this site's own build, which reads the project in
place (and its caches, .build-cache/) and writes to a temporary --site-dir.

--build    CPU time (user+sys of the whole process tree) and wall time of `mkdocs build --strict
           -q` of this site against a default Material site with the same docs/index.md; of
           `python -m statement_site zensical` (make build-zensical: the checks, Zensical's build,
           the pipeline) on a copy against `zensical build --clean` of that default site; and of
           `python -m statement_site check`. Median of --runs (11) after one warm-up each, the
           commands taking turns. About 2 minutes.
--scale    The build of copies of the project whose docs/ holds 1, 10 and 100 copies of every page
           (each copy's title says which, so that every share card is drawn): pages, parts with an
           ID, share pages written, the check, a first build (no .build-cache/: cards, critical CSS) and
           a second (.build-cache/ warm), ms per part; then where a build's time goes, step by step, cold
           and warm. One build of each kind, not a median. About 6 minutes on 2 cores, nearly
           all of it the 100x copy.
--reading  Lighthouse 12.8.2 (mobile and desktop presets) and a Playwright load of this site, a
           default Material site and the floor (the statement's words as plain HTML), served
           gzipped on 127.0.0.1, medians of --runs (3) with the sites taking turns; then LCP at 1,
           2 and 4 times the statement's length against the floor at the same length (the text
           repeated, IDs suffixed: gzip packs a repeat into few bytes, so the network cost grows
           less than the text). Needs bench/node_modules (make bench installs it) and Chromium. About 4 minutes with
           --runs 1, 10 with --runs 3.
--check    For each robustness entry of tests/corpus/files.yml (read as data), the time of
           `python -m statement_site check` on a copy with that file added, and the first line of
           what it says. About 20 seconds.
--cards    The CPU time to draw one preview card (cards.draw, then its PNG), median of --runs (20)
           after a warm-up: the statement's own cards (Latin, each part's), then a part in each
           script the fonts hold (CARD_SAMPLES), shaped by Raqm. About 10 seconds.
"""

import argparse
import datetime
import functools
import gzip
import html
import http.server
import importlib.metadata
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from statement_site import checks, pipeline
from statement_site.source.files import CACHE
from statement_site.source.project import Source

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "config", "published-anchors.yml", "docs", "overrides", "hooks")
CORPUS_FILES = ROOT / "tests" / "corpus" / "files.yml"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"  # bench/package.json, installed by make bench
CHROMIUM_ARGS = [
    "--no-sandbox",  # the benchmark may run as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
SCALES = (1, 10, 100)
LENGTHS = (1, 2, 4)
DEFAULT_RUNS = {"build": 11, "reading": 3, "cards": 20}  # builds: a shared machine's CPU time varies by a tenth from run to run
# A call of the statement in each script the cards' fonts hold (statement_site/fonts/README.md),
# about as long as the statement's own calls.
CARD_SAMPLES = {
    "Arabic": ("ar", "يجب على الكونغرس أن يدعو إلى وقف دائم لإطلاق النار وإلى الإفراج عن جميع الرهائن."),
    "Hebrew": ("he", "על הקונגרס לקרוא להפסקת אש קבועה ולשחרור כל בני הערובה."),
    "Persian": ("fa", "کنگره باید خواستار آتش\u200cبس دائمی و آزادی همه گروگان\u200cها شود."),
    "Devanagari": ("hi", "कांग्रेस को स्थायी युद्धविराम और सभी बंधकों की रिहाई का आह्वान करना चाहिए।"),
    "Chinese": ("zh", "国会必须呼吁永久停火，并呼吁释放所有人质。"),
    "Japanese": ("ja", "議会は恒久的な停戦と、すべての人質の解放を求めなければなりません。"),
    "Korean": ("ko", "의회는 영구적인 휴전과 모든 인질의 석방을 촉구해야 합니다."),
    "Thai": ("th", "รัฐสภาต้องเรียกร้องให้หยุดยิงถาวรและปล่อยตัวประกันทั้งหมด"),
}
TIMEOUT = 3600  # seconds for one command: the 100x build takes minutes, never an hour
CHECK_TIMEOUT = 120


class CouldNotRun(Exception):
    """A command or tool the benchmark needs failed: the part stops, the others go on."""


def progress(message):
    """What is running now, on stderr, so that stdout holds only the figures."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- Running commands ------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    command: tuple
    cpu: float  # user + sys seconds of the command's whole process tree
    wall: float
    returncode: int | None  # None: it timed out
    output: str  # stdout, then stderr


def run(command, cwd=ROOT, env=None, timeout=TIMEOUT):
    """One command, timed. RUSAGE_CHILDREN counts every descendant the command waited for."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # Python's compiled modules kept, as on any machine by default: a machine that sets
    # PYTHONDONTWRITEBYTECODE would have every run compile this site's many modules again.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(c) for c in command], cwd=cwd, env=environment, capture_output=True, text=True, errors="replace", timeout=timeout
        )
        returncode, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as error:
        returncode, output = None, f"timed out after {timeout} s: {error}"
    except OSError as error:  # no such program
        returncode, output = 127, str(error)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(tuple(map(str, command)), cpu, wall, returncode, output)


def must(result):
    """The run, or CouldNotRun with its last lines when it failed."""
    if result.returncode != 0:
        tail = "\n".join(result.output.strip().splitlines()[-8:])
        raise CouldNotRun(f"`{' '.join(result.command)}` exited with {result.returncode}:\n{tail}")
    return result


def python_command(*args):
    return [sys.executable, *args]


def mkdocs_build(site_dir, config=None):
    """`mkdocs build --strict -q` of the project in the working folder, into site_dir."""
    config_args = ["-f", config] if config else []
    return python_command("-m", "mkdocs", "build", "--strict", "-q", *config_args, "--site-dir", site_dir)


def zensical():
    # The venv's own script, beside its Python (not resolved: the venv's python is a link).
    return Path(sys.executable).with_name("zensical")


def median_of(results):
    return statistics.median(r.cpu for r in results), statistics.median(r.wall for r in results)


# -- Projects: copies of this one --------------------------------------------------------------


def copy_project(target):
    """What a build reads, copied without its caches: mkdocs.yml, docs/, overrides/, hooks/…"""
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def default_material_project(target, site_name):
    """A default Material for MkDocs site with the statement's text: the comparison's baseline."""
    (target / "docs").mkdir(parents=True)
    shutil.copy2(ROOT / "docs" / "index.md", target / "docs" / "index.md")  # front matter and all
    (target / "mkdocs.yml").write_text(f"site_name: {json.dumps(site_name)}\ntheme:\n  name: material\n", encoding="utf-8")
    return target


def key_block(lines, key):
    """(first, end) line indexes of a top-level key of mkdocs.yml and the lines under it."""
    start = next((n for n, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t-"):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def without_key(text, key):
    lines = text.split("\n")
    block = key_block(lines, key)
    return text if block is None else "\n".join(lines[: block[0]] + lines[block[1] :])


# Copies to a nav section: every list of the nav stays within statement_site.limits.NAV_ENTRIES,
# as the editor checks ask of any site.
COPIES_A_SECTION = 10


def with_copies_in_nav(text, model, copies):
    """mkdocs.yml with a nav section per copy, in sections of COPIES_A_SECTION copies (the editor
    checks want every page in a menu, and no list of the nav longer than they allow), and each
    copy's pages left out of the nav where the original's are."""
    lines = text.split("\n")
    start, end = key_block(lines, "nav")
    indent = re.match(r"[ \t]*", lines[start + 1]).group() if end > start + 1 else "  "
    sections = []
    copies = list(copies)
    for first in range(0, len(copies), COPIES_A_SECTION):
        group = copies[first : first + COPIES_A_SECTION]
        sections.append(f"{indent}- {json.dumps(f'Copies {group[0]} to {group[-1]}')}:")
        for n in group:
            sections.append(f"{indent}  - {json.dumps(f'Copy {n}')}:")
            sections += [f"{indent}    - {json.dumps(e.title)}: {json.dumps(f'copy-{n}/{e.src}')}" for e in model.config.nav if e.src]
    text = "\n".join(lines[:end] + sections + lines[end:])
    patterns = not_in_nav_patterns(model.config.not_in_nav)
    hidden = [*patterns, *(in_copy(pattern, n) for n in copies for pattern in patterns)]
    text = without_key(text, "not_in_nav")
    return text.rstrip("\n") + "\nnot_in_nav: |\n" + "".join(f"  {pattern}\n" for pattern in hidden)


def not_in_nav_patterns(value):
    """The model's `not_in_nav`: gitignore-like lines in one string (or, in older models, a tuple)."""
    lines = value.splitlines() if isinstance(value, str) else list(value)
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def in_copy(pattern, n):
    """A gitignore-like pattern of docs/ for the same files under docs/copy-n/."""
    negated, pattern = ("!", pattern[1:]) if pattern.startswith("!") else ("", pattern)
    return f"{negated}/copy-{n}/{pattern.lstrip('/')}" if pattern.startswith("/") else f"{negated}copy-{n}/{pattern}"


def retitled(markdown, n):
    """A page's first heading marked as copy n: its share cards differ from every other copy's,
    as a site with n times the text would have them, instead of coming from one cache entry."""
    front_matter = re.match(r"---\n.*?\n(?:---|\.\.\.)[ \t]*\n", markdown, flags=re.DOTALL)
    start = front_matter.end() if front_matter else 0
    heading = re.compile(r"^(# .*?)([ \t]*\{[^{}\n]*\})?[ \t]*$", flags=re.MULTILINE)  # before an {#id}
    return markdown[:start] + heading.sub(rf"\1 (copy {n})\2", markdown[start:], count=1)


def scaled_project(target, times, model):
    """A copy of the project whose docs/ holds `times` copies of every page: the originals, then
    docs/copy-N/ for N from 2."""
    copy_project(target)
    copies = range(2, times + 1)
    for n in copies:
        for src in model.pages:
            page = target / "docs" / f"copy-{n}" / src
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(retitled((ROOT / "docs" / src).read_text(encoding="utf-8"), n), encoding="utf-8")
    config = target / "mkdocs.yml"
    config.write_text(with_copies_in_nav(config.read_text(encoding="utf-8"), model, copies), encoding="utf-8")
    return target


def suffixed(markdown, n):
    """The same Markdown with every written ID and footnote label ending in `-n`, so that a page
    holding it twice still gives each part an ID of its own."""
    markdown = re.sub(r"\{#([a-z0-9-]+)", rf"{{#\1-{n}", markdown)
    return re.sub(r"\[\^([^\]\s]+)\]", rf"[^\1-{n}]", markdown)


def lengthened_project(target, times):
    """A copy of the project whose statement page holds its sections `times` times over (title
    and deck once)."""
    copy_project(target)
    page = target / "docs" / "index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    first_section = next(n for n, line in enumerate(lines) if line.startswith("## "))
    head, body = "\n".join(lines[:first_section]), "\n".join(lines[first_section:]).rstrip("\n")
    page.write_text("\n\n".join([head.rstrip("\n"), body, *(suffixed(body, n) for n in range(2, times + 1))]) + "\n", encoding="utf-8")
    return target


def checked(project):
    """The editor checks on a project: (run, problem lines)."""
    result = run(python_command("-m", "statement_site", "check"), cwd=project, timeout=CHECK_TIMEOUT)
    problems = [line.removeprefix("ERROR   -  ") for line in result.output.splitlines() if line.startswith("ERROR")]
    return result, problems


def refused(check, what):
    """Whether the editor checks, `checked(project)`, refused it; if so, what they said, printed."""
    result, problems = check
    if result.returncode != 0:
        print(f"\n{what}: the editor checks refuse it ({len(problems)} problem(s)); not measured:")
        for problem in problems[:10]:
            print(f"  {problem}")
    return result.returncode != 0


# -- Printing ---------------------------------------------------------------------------------------


def print_table(title, header, rows, left=(0,)):
    """A table with aligned columns: the columns in `left` aligned left, the rest right."""
    cells = [list(map(str, header))] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n{title}")
    for row in cells:
        print("  " + "  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())


def seconds(value):
    return f"{value:.2f}"


def ratio(value, base):
    return f"{value / base:.2f}" if base else "-"


def fmt(value):
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def version_of(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def first_line(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()
        return out[-1] if out else "-"
    except (OSError, subprocess.SubprocessError):
        return "-"


def cpu_model():
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "-"
    found = re.search(r"^model name\s*:\s*(.*)$", text, re.MULTILINE)
    return found.group(1) if found else "-"


def print_header(parts):
    commit = first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    changed = first_line(["sh", "-c", f"git -C '{ROOT}' status --porcelain | wc -l"])
    print("Performance figures of the statement's site (scripts/benchmark.py)")
    print(f"  when:     {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}; commit {commit} with {changed} changed file(s)")
    print(f"  machine:  {cpu_model()}, {os.cpu_count()} CPUs; {platform.platform()}")
    tools = ", ".join(f"{name} {version_of(name)}" for name in ("mkdocs", "mkdocs-material", "zensical", "markdown"))
    print(f"  tools:    Python {platform.python_version()}, {tools}")
    if "reading" in parts:
        print(f"  browser:  {chromium_path() or 'no Chromium'}, {first_line([chromium_path() or 'chromium', '--version'])}; "
              f"Lighthouse {first_line([LIGHTHOUSE, '--version']) if LIGHTHOUSE.exists() else 'missing'}, playwright {version_of('playwright')}")
    print("  CPU s:    user+sys of the command's whole process tree; wall s: elapsed")
    print(f"  parts:    {', '.join(parts)}")


# -- 1. Build cost ----------------------------------------------------------------------------------


def build_commands(work, site_name):
    """name -> [(command, folder, env)], each run in turn: the commands of one measured build."""
    default = default_material_project(work / "default", site_name)
    zensical_copy = copy_project(work / "zensical")
    zensical_env = {"SITE_DIR": "site-zensical"}
    return {
        MKDOCS_PATH: [(mkdocs_build(work / "this-site"), ROOT, None)],
        MKDOCS_DEFAULT: [(mkdocs_build(work / "default-site"), default, None)],
        ZENSICAL_PATH: [(python_command("-m", "statement_site", "zensical", "site-zensical"), zensical_copy, zensical_env)],
        ZENSICAL_DEFAULT: [([zensical(), "build", "--clean"], default, None)],
        "statement_site check": [(python_command("-m", "statement_site", "check"), ROOT, None)],
    }


MKDOCS_PATH = "this site: mkdocs build --strict -q"
MKDOCS_DEFAULT = "default Material, same text: mkdocs build"
ZENSICAL_PATH = "this site: make build-zensical (check, build, finish)"
ZENSICAL_DEFAULT = "default Material, same text: zensical build"
# Issue 25's budgets: build CPU at most this many times a default build of the same text.
BUDGETS = {(MKDOCS_PATH, MKDOCS_DEFAULT): 1.5, (ZENSICAL_PATH, ZENSICAL_DEFAULT): 2.0}


def measure_in_turns(commands, runs):
    """name -> [Run] over `runs` rounds after one warm-up round, the commands taking turns (A B A
    B): a slower minute of the machine weighs on all of them alike."""
    found = {name: [] for name in commands}
    for round_number in range(runs + 1):
        progress(f"build cost: round {round_number}/{runs}" + (" (warm-up)" if round_number == 0 else ""))
        for name, steps in commands.items():
            for command, folder, env in steps:
                result = must(run(command, cwd=folder, env=env))
                if round_number:
                    found[name].append(result)
    return found


def build_cost(runs, work):
    site_name = Source.read(ROOT).config.site_name
    found = measure_in_turns(build_commands(work, site_name), runs)
    medians = {name: median_of(results) for name, results in found.items()}
    rows = [[name, seconds(cpu), seconds(wall), ""] for name, (cpu, wall) in medians.items()]
    for n, ((this, default), budget) in enumerate(BUDGETS.items()):
        cpu = medians[this][0] / medians[default][0]
        verdict = f"budget {budget}x: {'within' if cpu <= budget else 'OVER'}"
        rows.insert(3 * n + 2, ["  ratio this / default", ratio(medians[this][0], medians[default][0]), ratio(medians[this][1], medians[default][1]), verdict])
    print_table(f"Build cost (median of {runs} after one warm-up; commands in turns)", ["", "CPU s", "wall s", ""], rows)
    print("  This site's build reads the project in place, with its caches (.build-cache/: cards, critical CSS) as they are;")
    print("  Zensical builds a copy of the project (its own cache warm after the warm-up).")


# -- 2. Scale -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    times: int
    pages: int
    parts: int  # parts with an ID, from the model
    share_pages: int  # written by the build
    page_kb: float  # the mean size of a built page other than share pages
    check: Run
    cold: Run
    warm: Run
    cold_steps: dict  # what -> (CPU s, wall s) of one build without caches, step by step
    warm_steps: dict  # the same, caches warm
    drawn_in_steps: int  # cards the warm step-by-step run drew: the cache missed them


def share_pages_written(site):
    return sum(1 for _ in (site / "s").rglob("index.html")) if (site / "s").is_dir() else 0


def mean_page_kb(site):
    """The mean size of the built pages other than share pages: the theme's nav in each of them
    lists every page, so it grows with the site."""
    sizes = [path.stat().st_size for path in site.rglob("*.html") if path.relative_to(site).parts[0] != "s"]
    return statistics.mean(sizes) / 1024 if sizes else 0.0


def cards_cached(project):
    folder = project / CACHE / "cards"
    return sum(1 for _ in folder.glob("*.png")) if folder.is_dir() else 0


def unfinished_build(project, site):
    """The MkDocs build without the project's hook: the output the pipeline starts from."""
    config = project / "unfinished.yml"
    config.write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")  # MkDocs replaces a parent's list
    return must(run(mkdocs_build(site, config=config.name), cwd=project))


def timed_in_process(action):
    """(result, CPU s, wall s) of a call in this process (threads included in the CPU)."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = action()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def build_steps(project, site):
    """Where a build's time goes: MkDocs alone, then the checks and each pipeline step run here,
    on its output, one after the other."""
    shutil.rmtree(site, ignore_errors=True)
    mkdocs_alone = unfinished_build(project, site)
    steps = {"MkDocs without the hook (process)": (mkdocs_alone.cpu, mkdocs_alone.wall)}
    _, cpu, wall = timed_in_process(lambda: checks.run(project))
    steps["checks.run (the hook's on_config)"] = (cpu, wall)
    source, cpu, wall = timed_in_process(lambda: Source.read(project))
    steps["Source.read"] = (cpu, wall)
    state, cpu, wall = timed_in_process(lambda: pipeline.read_site(site, source))
    steps["pipeline.read_site"] = (cpu, wall)
    for step in pipeline.STEPS:
        state, cpu, wall = timed_in_process(functools.partial(step, state))
        steps[f"{step.__module__.rsplit('.', 1)[-1]}.{step.__name__}"] = (cpu, wall)
    return steps


def measure_size(times, work, model):
    project = scaled_project(work / f"x{times}", times, model)
    copy_model = Source.read(project)
    pages = len(copy_model.pages)
    parts = sum(len(page.ids) for page in copy_model.pages.values())
    progress(f"scale {times}x: {pages} pages, {parts} parts with an ID: the editor checks")
    check, problems = checked(project)
    if refused((check, problems), f"{times}x"):
        return None
    site = work / f"x{times}-site"
    progress(f"scale {times}x: first build (no .build-cache/)")
    cold = must(run(mkdocs_build(site), cwd=project))
    written, page_kb = share_pages_written(site), mean_page_kb(site)
    progress(f"scale {times}x: first build took {cold.wall:.1f} s; second build (.build-cache/ warm)")
    warm = must(run(mkdocs_build(site), cwd=project))
    progress(f"scale {times}x: second build took {warm.wall:.1f} s; step by step without .build-cache/")
    shutil.rmtree(project / CACHE)
    cold_steps = build_steps(project, work / f"x{times}-unfinished")
    progress(f"scale {times}x: step by step with .build-cache/ warm")
    cached = cards_cached(project)
    warm_steps = build_steps(project, work / f"x{times}-unfinished")
    drawn = cards_cached(project) - cached  # not 0 when statement_site/cards.py changed meanwhile
    shutil.rmtree(project)  # the 100x copy holds about 200 MB of cards
    shutil.rmtree(site)
    return Size(times, pages, parts, written, page_kb, check, cold, warm, cold_steps, warm_steps, drawn)


def per_part(seconds_taken, parts):
    return seconds_taken * 1000 / parts


def print_scale(sizes):
    header = ["size", "pages", "parts with ID", "share pages", "KB/page", "check s", "cold CPU s", "cold wall s",
              "warm CPU s", "warm wall s", "cold ms/part", "warm ms/part"]  # fmt: skip
    rows = [
        [f"{s.times}x", s.pages, s.parts, s.share_pages, f"{s.page_kb:.0f}", seconds(s.check.wall), seconds(s.cold.cpu), seconds(s.cold.wall),
         seconds(s.warm.cpu), seconds(s.warm.wall), f"{per_part(s.cold.wall, s.parts):.1f}", f"{per_part(s.warm.wall, s.parts):.1f}"]
        for s in sizes
    ]  # fmt: skip
    print_table("Scale: mkdocs build --strict -q of copies of the project (one build without .build-cache/, then one with it)", header, rows)
    smallest, largest = sizes[0], sizes[-1]
    if largest is not smallest:
        for kind in ("cold", "warm"):
            small, large = getattr(smallest, kind).wall, getattr(largest, kind).wall
            growth = per_part(large, largest.parts) / per_part(small, smallest.parts)
            print(f"  {kind}: wall time per part at {largest.times}x / at {smallest.times}x: {growth:.2f} "
                  f"(linear growth: about 1, less for a fixed start-up cost)")  # fmt: skip
        print_marginal(sizes)
    print_steps(sizes)


def print_marginal(sizes):
    """The cost of one more part between sizes: linear growth keeps it the same."""
    for kind in ("cold", "warm"):
        costs = [
            (f"{a.times}x->{b.times}x", (getattr(b, kind).wall - getattr(a, kind).wall) * 1000 / (b.parts - a.parts))
            for a, b in zip(sizes, sizes[1:])
        ]
        shown = ", ".join(f"{span}: {cost:.1f} ms" for span, cost in costs)
        growth = f" (last / first: {costs[-1][1] / costs[0][1]:.1f}; linear growth: about 1)" if len(costs) > 1 and costs[0][1] > 0 else ""
        print(f"  {kind}: wall time per added part, {shown}{growth}")


def print_steps(sizes):
    """CPU s of each step, without caches and with them, at each size; then the sums."""
    names = list(sizes[0].warm_steps)
    runs = [(f"{s.times}x {kind}", getattr(s, f"{kind}_steps")) for s in sizes for kind in ("cold", "warm")]
    rows = [[name, *(f"{steps[name][0]:.2f}" for _, steps in runs)] for name in names]
    rows.append(["sum, CPU s", *(f"{sum(steps[n][0] for n in names):.2f}" for _, steps in runs)])
    rows.append(["sum, wall s", *(f"{sum(steps[n][1] for n in names):.2f}" for _, steps in runs)])
    print_table("Where a build's time goes: CPU s of each step, cold (no .build-cache/) and warm; the steps run in this process",
                ["", *(label for label, _ in runs)], rows)  # fmt: skip
    for size in sizes:
        if size.drawn_in_steps:
            print(f"  {size.times}x: the warm steps drew {size.drawn_in_steps} cards the builds had cached "
                  "(statement_site/cards.py changed during the run): add_share_pages is a cold figure there")  # fmt: skip


def scale(work):
    model = Source.read(ROOT)
    sizes = []
    for times in SCALES:
        size = measure_size(times, work, model)
        if size is None:
            break
        sizes.append(size)
    if sizes:
        print_scale(sizes)


# -- 3. Reading ---------------------------------------------------------------------------------------


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the browser accepts it, as GitHub Pages does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(TEXT_TYPES) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own value
        self.end_headers()
        return Body(body)

    def log_message(self, *args):
        pass


class Body:
    """The file-like object send_head returns, holding the gzipped bytes."""

    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(directory):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


class Served:
    """Sites served on 127.0.0.1 while the block runs: name -> URL."""

    def __init__(self, sites):
        self.sites = sites

    def __enter__(self):
        self.servers = {name: serve(folder) for name, folder in self.sites.items()}
        return {name: url for name, (_, url) in self.servers.items()}

    def __exit__(self, *exc):
        for server, _ in self.servers.values():
            server.shutdown()
            server.server_close()


def floor_page(page):
    """A page's words as plain HTML: headings, paragraphs and lists, no style, no script."""
    body, in_list = [], False
    for part in page.parts:
        if part.kind == "notice":
            continue  # its own parts follow
        tag = f"h{part.level}" if part.kind == "heading" else "li" if part.kind == "item" else "p"
        if (tag == "li") != in_list:
            body.append("</ul>" if in_list else "<ul>")
            in_list = not in_list
        body.append(f"<{tag}>{html.escape(part.text)}</{tag}>")
    if in_list:
        body.append("</ul>")
    title = html.escape(page.title)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{html.escape(page.description)}">\n<title>{title}</title>\n</head>\n<body>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def floor_site(target, project):
    target.mkdir(parents=True)
    (target / "index.html").write_text(floor_page(Source.read(project).pages["index.md"]), encoding="utf-8")
    return target


def reading_sites(work):
    """This site as configured, a default Material site on the same docs/index.md, and the floor."""
    progress("reading: building this site, the default Material site and the floor")
    must(run(mkdocs_build(work / "this")))
    default = default_material_project(work / "default", Source.read(ROOT).config.site_name)
    must(run(mkdocs_build(work / "default-site"), cwd=default))
    return {"this": work / "this", "default": work / "default-site", "floor": floor_site(work / "floor", ROOT)}


def first_response(site):
    """The statement page's own HTML, gzipped as served: what one round trip carries."""
    return {"first response KB": len(gzip.compress((site / "index.html").read_bytes(), compresslevel=6)) / 1024}


def lighthouse(url, preset, out):
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    must(run(command, env={"CHROME_PATH": chromium_path()}, timeout=300))
    report = json.loads(Path(out).read_text())
    audits = report["audits"]
    requests = [r for r in audits["network-requests"]["details"]["items"] if not r["url"].startswith("data:")]
    host = urlsplit(url).netloc
    shortfalls = {  # what keeps a score under 100
        f"{category['id']}: {ref['id']}"
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
    }
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "FCP s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "LCP s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "transfer KB": sum(r.get("transferSize", 0) for r in requests) / 1024,
        "requests": len(requests),
        "third-party": sum(urlsplit(r["url"]).netloc != host for r in requests),
    }, shortfalls


def lighthouse_in_turns(urls, preset, runs, work):
    """name -> (median of each figure, audits short of 100 in any run), the sites taking turns
    in each round so that they share the machine's moments alike."""
    found = {name: [] for name in urls}
    for round_number in range(runs):
        progress(f"reading: Lighthouse {preset}, round {round_number + 1}/{runs}: {', '.join(urls)}")
        for name, url in urls.items():
            found[name].append(lighthouse(url, preset, work / f"lh-{preset}-{name}-{round_number}.json"))
    return {
        name: ({key: statistics.median(r[key] for r, _ in results) for key in results[0][0]}, set().union(*(s for _, s in results)))
        for name, results in found.items()
    }


def playwright_load(browser, url):
    """One cold, unthrottled load at phone size: what the page fetches and when it paints."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: r.url.startswith((url, "data:")) or foreign.append(r.url))
    page.goto(url, wait_until="networkidle")
    timing = page.evaluate(
        """() => new Promise(done => new PerformanceObserver(list => {
          const entries = performance.getEntriesByType("resource");
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          const lcp = list.getEntries().at(-1);
          done({fcp: fcp.startTime, lcp: lcp.startTime, load: nav.loadEventEnd,
                bytes: [nav, ...entries].reduce((sum, e) => sum + e.transferSize, 0),
                requests: 1 + entries.length});
        }).observe({type: "largest-contentful-paint", buffered: true}))"""
    )
    context.close()
    return {
        "FCP ms": timing["fcp"],
        "LCP ms": timing["lcp"],
        "load ms": timing["load"],
        "transfer KB": timing["bytes"] / 1024,
        "requests": timing["requests"] + len(foreign),
        "third-party": len(foreign),
    }


def playwright_loads(urls):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise CouldNotRun(f"Playwright for Python is not installed ({error}): make bench installs it") from error

    progress("reading: Playwright loads")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            return {name: playwright_load(browser, url) for name, url in urls.items()}
        finally:
            browser.close()


def statement_floor():
    """The statement's words alone, gzipped: no page can send less."""
    text = "\n".join(part.text for part in Source.read(ROOT).pages["index.md"].parts if part.kind != "notice")
    return len(gzip.compress(text.encode(), compresslevel=9)) / 1024


def print_reading(sections):
    """One row per figure: this site, the default Material site, the floor, and each one's ratio
    to the floor."""
    rows = []
    for title, by_site in sections.items():
        rows.append([title, "", "", "", "", ""])
        this, default, floor = by_site["this"], by_site["default"], by_site["floor"]
        rows += [[f"  {key}", fmt(this[key]), fmt(default[key]), fmt(floor[key]), ratio(this[key], floor[key]),
                  ratio(default[key], floor[key])] for key in this]  # fmt: skip
    print_table("Reading: this site, a default Material site and the floor", ["", "this", "default", "floor", "this/floor", "default/floor"], rows)


def reading_table(runs, work):
    sites = reading_sites(work)
    sections, shortfalls = {"Statement page": {name: first_response(site) for name, site in sites.items()}}, set()
    with Served(sites) as urls:
        for preset in ("mobile", "desktop"):
            results = lighthouse_in_turns(urls, preset, runs, work)
            sections[f"Lighthouse {preset} (median of {runs})"] = {name: r[0] for name, r in results.items()}
            shortfalls |= {f"{preset} {audit}" for audit in results["this"][1]}
        sections["Playwright load, 375 px, unthrottled"] = playwright_loads(urls)
    print_reading(sections)
    for audit in sorted(shortfalls):
        print(f"  This site falls short of 100 on: {audit}")
    print(f"  Floor: the statement's text alone, gzipped: {statement_floor():.1f} KB")
    mobile = sections[f"Lighthouse mobile (median of {runs})"]
    this_tbt, default_tbt = mobile["this"]["TBT ms"], mobile["default"]["TBT ms"]
    print(f"  Mobile TBT in the same Lighthouse run: this {this_tbt:.0f} ms, default Material {default_tbt:.0f} ms, "
          f"this / default {ratio(this_tbt, default_tbt)}")  # fmt: skip


def length_sites(times, work):
    """This site and the floor with the statement `times` times as long; None if refused."""
    project = lengthened_project(work / f"long{times}", times)
    if refused(checked(project), f"{times}x length"):
        return None
    must(run(mkdocs_build(work / f"long{times}-site"), cwd=project))
    return {"this": work / f"long{times}-site", "floor": floor_site(work / f"long{times}-floor", project)}


def lcp_by_length(runs, work):
    rows = []
    for times in LENGTHS:
        progress(f"reading: the statement {times}x as long")
        sites = length_sites(times, work)
        if sites is None:
            break
        with Served(sites) as urls:
            results = lighthouse_in_turns(urls, "mobile", runs, work / f"long{times}")
        this, floor = results["this"][0], results["floor"][0]
        size = first_response(sites["this"])["first response KB"]
        rows.append([f"{times}x", f"{size:.1f}", f"{this['FCP s']:.2f}", f"{this['LCP s']:.2f}", f"{floor['LCP s']:.2f}",
                     ratio(this["LCP s"], floor["LCP s"]), f"{this['TBT ms']:.0f}"])  # fmt: skip
    print_table(f"LCP by the statement's length (Lighthouse mobile, median of {runs}, this and the floor in turns)",
                ["length", "page KB gz", "this FCP s", "this LCP s", "floor LCP s", "this/floor", "this TBT ms"], rows)  # fmt: skip


def reading(runs, work):
    if not LIGHTHOUSE.exists() or not chromium_path():
        raise CouldNotRun("needs Lighthouse in bench/node_modules and Chromium (apt-get install chromium): run it with `make bench`")
    reading_table(runs, work)
    lcp_by_length(runs, work)


# -- 4. Checks' speed on bad input ---------------------------------------------------------------------


def robustness_entries():
    """(name, bytes) of each robustness entry of tests/corpus/files.yml, written as its README says:
    `text` as UTF-8, `latin1` one byte per character, `repeat` [before, unit, times, after]."""
    family = yaml.safe_load(CORPUS_FILES.read_text(encoding="utf-8"))["robustness"]
    entries = []
    for item in family:
        if "latin1" in item:
            data = item["latin1"].encode("latin-1")
        elif "repeat" in item:
            before, unit, times, after = item["repeat"]
            data = (before + unit * times + after).encode()
        else:
            data = item["text"].encode()
        entries.append((item["name"], data))
    return entries


def check_row(name, size, result, problems):
    """A row: the entry, its size, the times and the first thing the check said."""
    said = "accepted" if result.returncode == 0 else "timed out" if result.returncode is None else (problems or ["?"])[0]
    own = re.search(r"problem\(s\) in ([0-9.]+) s", result.output)
    return [name, f"{size:,}", seconds(result.wall), seconds(result.cpu), own.group(1) if own else "-", len(problems), said[:140]]


def check_speed(work):
    project = copy_project(work / "check")
    progress("check: the project as it is, then each robustness entry added")
    rows = [check_row("(none added)", 0, *checked(project))]
    for name, data in robustness_entries():
        added = project / "docs" / "corpus" / name
        added.parent.mkdir(parents=True, exist_ok=True)
        added.write_bytes(data)
        rows.append(check_row(name, len(data), *checked(project)))
        added.unlink()
    print_table(
        "Checks on bad input: python -m statement_site check on a copy with docs/corpus/<entry> added",
        ["entry", "bytes", "wall s", "CPU s", "check s", "problems", "first message"],
        rows,
        left=(0, 6),
    )
    print("  wall s and CPU s: the whole command, Python's start included; check s: what the command reports")


# -- 5. Cards ----------------------------------------------------------------------------------------


def card_time(card, runs):
    """Median CPU seconds to draw `card` and make its PNG, as a build does on a cache miss (CPU
    time: other work on the machine moves it less than wall time)."""
    from statement_site import cards

    cards.card_png(card)  # the fonts loaded, their characters read
    times = []
    for _ in range(runs):
        started = time.process_time()
        cards.card_png(card)
        times.append(time.process_time() - started)
    return statistics.median(times)


def card_speed(runs, work):
    from statement_site import cards
    from statement_site.steps import share_pages

    source = Source.read(ROOT)
    site_url = source.config.site_url
    statement = [
        share_pages.share_of(page, n, source, site_url).card
        for page in source.pages.values()
        for n, part in enumerate(page.parts)
        if part.shareable and part.id
    ]
    progress(f"cards: {len(statement)} of the statement, then {len(CARD_SAMPLES)} scripts, {runs} runs each")
    latin = statistics.median(card_time(card, max(1, runs // 4)) for card in statement)
    rows = [["Latin: the statement's own cards (median of their medians)", "basic", f"{latin * 1000:.0f}"]]
    for name, (lang, words) in CARD_SAMPLES.items():
        card = {"kicker": "Statement", "main": words, "text": "", "source": (words[:20], cards.SOURCE), "lang": lang}
        family = cards.family_of(cards.shown(words))
        rows.append([f"{name} ({lang})", f"Raqm, {family}", f"{card_time(card, runs) * 1000:.0f}"])
    print_table("Cards: one card drawn and made a PNG (cards.card_png, not cached), CPU ms", ["card", "layout, fonts", "CPU ms"], rows)
    print(f"  {cards.layout()}")


# -- The command line ---------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for part in ("build", "scale", "reading", "check", "cards"):
        parser.add_argument(f"--{part}", action="store_true", help=f"run the {part} part (all parts when none is named)")
    parser.add_argument("--runs", type=int, help="runs per figure: the median (default 11 for builds, 3 for Lighthouse, 20 for cards)")
    args = parser.parse_args(argv)
    every = ["build", "scale", "reading", "check", "cards"]
    parts = [part for part in every if getattr(args, part)] or every
    print_header(parts)
    actions = {
        "build": lambda work: build_cost(args.runs or DEFAULT_RUNS["build"], work),
        "scale": scale,
        "reading": lambda work: reading(args.runs or DEFAULT_RUNS["reading"], work),
        "check": check_speed,
        "cards": lambda work: card_speed(args.runs or DEFAULT_RUNS["cards"], work),
    }
    failed = []
    for part in parts:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"bench-{part}-") as tmp:
            try:
                actions[part](Path(tmp))
            except CouldNotRun as error:
                print(f"\n{part}: could not run: {error}")
                failed.append(part)
        progress(f"{part}: done in {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
