"""The project's command line: `python -m statement_site COMMAND`.

    settings              the site's settings (mkdocs.yml, config/site.yml) read safely, before a generator loads them
    serve                 make serve: the settings read safely, then `mkdocs serve`, started again when the code changed
    check                 the editor checks on docs/, front matter, the nav and published-anchors.yml
    finish SITE_DIR       the post-build pipeline over an output folder (after `zensical build`)
    zensical SITE_DIR     make build-zensical: the checks, Zensical's build, the pipeline, one model, one process
    redline BASE HEAD     what readers will see change between two commits, as Markdown
    summary REPORT LOG    the job summary and annotations of a CI run, in plain words
    review BASE HEAD      the verdict on a pull request: this checkout's code over HEAD's content, as Markdown

Each problem is printed as `file:line: message`; the exit status is 1 when there is any. Each
command imports what it uses, when it runs: `settings` runs before every build and rebuild."""

import argparse
import os
import sys
import time
from pathlib import Path
from unittest import mock


def settings(args):
    from .source.settings import settings_problems

    problems = settings_problems(args.root)
    for problem in problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    if problems:
        print(f"statement_site settings: {len(problems)} problem(s), before any generator read them", file=sys.stderr)
        return 1
    print("statement_site settings: mkdocs.yml and config/site.yml read safely")
    return 0


def serve(args):
    from . import serve

    return serve.serve(args.root, args.dev_addr)


def check(args, source=None):
    """The editor checks, over `source` when the caller has read it: 0 when there is no problem."""
    from . import checks
    from .source.project import Source, read_published

    started = time.monotonic()
    source = source or Source.read(args.root)
    problems = checks.check(source, read_published(args.root))
    for problem in problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    took = time.monotonic() - started
    print(f"statement_site check: {len(problems)} problem(s) in {took:.2f} s", file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


def finish(args, source=None):
    folder = Path(args.site_dir)
    if not (folder / "index.html").is_file():
        print(f"ERROR   -  {folder}/index.html: there is no built site here", file=sys.stderr)
        return 1
    if 'http-equiv="Content-Security-Policy"' in (folder / "index.html").read_text(encoding="utf-8", errors="replace"):
        print(f"ERROR   -  {folder}: this site was finished already: build it again first", file=sys.stderr)
        return 1
    from . import pipeline
    from .source.project import Source

    started = time.monotonic()
    site = pipeline.finish(folder, source or Source.read(args.root))
    for problem in site.problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    took = time.monotonic() - started
    if site.problems:
        removed = ", ".join(sorted(site.refused)) or "none"
        print(f"statement_site finish: {len(site.problems)} problem(s); removed from the output: {removed}", file=sys.stderr)
        return 1
    print(f"statement_site finish: {len(site.pages)} pages finished in {took:.2f} s")
    return 0


def zensical(args):
    """The site built with Zensical, which runs no hooks: the editor checks, Zensical's build (as
    `zensical build --clean`), then the pipeline, over one model and in this one process: through
    Zensical's Python API, its build renders with the Markdown extensions the model loaded, where a
    `zensical` process of its own would load them all again (about 0.3 s of CPU)."""
    from .source.project import Source

    source = Source.read(args.root)
    if check(args, source):
        return 1
    import zensical  # only for this command

    config = str((Path(args.root) / "mkdocs.yml").resolve())
    # config/site.yml: site_dir: !ENV [SITE_DIR, site]; set while Zensical builds, then as it was.
    with mock.patch.dict(os.environ, SITE_DIR=args.site_dir):
        try:
            zensical.build(config, {"clean": True, "strict": False})
        except Exception as error:  # the configuration Zensical refuses, a page it cannot build
            print(f"ERROR   -  zensical build: {error}", file=sys.stderr)
            return 1
    return finish(args, source)


def redline(args):
    from . import redline

    sys.stdout.write(redline.report(Path(args.root), args.base, args.head))
    return 0


def summary(args):
    from . import summary

    return summary.main(args.report, args.log)


def review(args):
    from . import review

    verdict, since, head = review.review(args.root, args.base, args.head, args.site_dir)
    sys.stdout.write(review.report(verdict, args.root, since, head))
    if args.status:
        Path(args.status).write_text(review.status_line(verdict) + "\n", encoding="utf-8")
    return 0 if verdict.built else 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m statement_site", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path("."), help="the project (where mkdocs.yml is)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("settings", help="the site's settings, read safely").set_defaults(run=settings)
    serving = commands.add_parser("serve", help="the site served with live reload (make serve)")
    serving.add_argument("--dev-addr", default="127.0.0.1:8000", help="where to serve it: IP:PORT")
    serving.set_defaults(run=serve)
    commands.add_parser("check", help="the editor checks").set_defaults(run=check)
    finishing = commands.add_parser("finish", help="the post-build pipeline")
    finishing.add_argument("site_dir")
    finishing.set_defaults(run=finish)
    building = commands.add_parser("zensical", help="the site built with Zensical, checked and finished")
    building.add_argument("site_dir", help="the output folder, in the project (config/site.yml's site_dir, as $SITE_DIR)")
    building.set_defaults(run=zensical)
    lining = commands.add_parser("redline", help="what readers will see change")
    lining.add_argument("base")
    lining.add_argument("head")
    lining.set_defaults(run=redline)
    summing = commands.add_parser("summary", help="the CI job summary")
    summing.add_argument("report")
    summing.add_argument("log")
    summing.set_defaults(run=summary)
    reviewing = commands.add_parser("review", help="the verdict on a pull request, by this checkout's code")
    reviewing.add_argument("base", help="the branch the pull request goes into (main)")
    reviewing.add_argument("head", help="the pull request's last commit, fetched, never checked out")
    reviewing.add_argument("--site-dir", default="site-preview", help="where the built site goes")
    reviewing.add_argument("--status", help="a file to write the commit status's one line to")
    reviewing.set_defaults(run=review)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
