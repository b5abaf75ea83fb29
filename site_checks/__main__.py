"""`python -m site_checks SITE_DIR [--docs DOCS_DIR] [--site-url URL]`: the post-build pass over any
output folder (after `zensical build`, for example). Exit status 1 when anything is refused."""

import argparse
import sys
import time
from pathlib import Path

from . import check_site


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m site_checks", description=__doc__)
    parser.add_argument("site_dir", type=Path, help="the output folder (site/)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the Markdown sources (docs/)")
    parser.add_argument("--site-url", default="", help="the site's address: absolute links to it count as local")
    args = parser.parse_args(argv)
    start = time.monotonic()
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
