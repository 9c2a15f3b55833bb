"""Build a private preview copy of the handbook, for writers (not used by CI).

Usage: .venv/bin/python scripts/preview_chapter.py [book/chapters/NN_x.md ...]

Copies book/ to a temporary folder and builds the whole book there with warnings as errors, so
that writers can check their chapter without disturbing book/_build. Prints the warnings (for
the given chapters only, when some are named) and where the HTML is.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    wanted = [Path(a).resolve().name for a in argv]
    out = Path(tempfile.mkdtemp(prefix="preview_"))
    book = out / "book"
    shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("_build"))
    cmd = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book), "-W", "-n",
           "--keep-going"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    text = proc.stdout + proc.stderr
    lines = [l for l in text.splitlines()
             if ("WARNING" in l or "ERROR" in l) and "IPKernelApp" not in l
             and (not wanted or any(w in l for w in wanted))]
    print("\n".join(dict.fromkeys(lines)) or "Inga varningar.")
    print(f"HTML: {book / '_build' / 'html'}")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
