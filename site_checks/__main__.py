"""The checks of site_checks/ for any generator. Exit status 1 when anything is refused.

    python -m site_checks --docs docs                 # before the build: the files under docs/
    python -m site_checks site --docs docs [--site-url URL]   # after it: docs/ and the output folder

With Zensical: `python -m site_checks --docs docs && zensical build && python -m site_checks site`
(Zensical stops with a traceback on invalid UTF-8, hence the check before it)."""

import argparse
import sys
import time
from pathlib import Path

from . import check_site, sources


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m site_checks", description=__doc__)
    parser.add_argument("site_dir", type=Path, nargs="?", help="the output folder (site/); none: check docs/ only")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the Markdown sources (docs/)")
    parser.add_argument("--site-url", default="", help="the site's address: absolute links to it count as local")
    args = parser.parse_args(argv)
    start = time.monotonic()
    if args.site_dir is None:
        problems = sources.check_docs(args.docs, Path.cwd())
        for problem in problems:
            print(f"ERROR   -  {problem}", file=sys.stderr)
        return 1 if problems else 0
    report = check_site(args.site_dir, args.docs if args.docs.is_dir() else None, Path.cwd(), args.site_url)
    for problem in report.problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    if report.problems:
        removed = ", ".join(p.relative_to(args.site_dir).as_posix() for p in report.refused) or "none"
        print(f"site_checks: {len(report.problems)} problem(s); removed from the output: {removed}", file=sys.stderr)
        return 1
    print(f"site_checks: {report.pages} pages checked, policies written ({time.monotonic() - start:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
