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


def _add_missing_chapters(book: Path, chapters: list[Path]) -> None:
    """Put named chapters that the toc does not list yet into part II of the copy's toc."""
    import yaml

    toc_path = book / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    listed = {c["file"] for part in toc["parts"] for c in part["chapters"]}
    part = next(p for p in toc["parts"] if p["caption"].startswith("Del II"))
    for chapter in chapters:
        rel = str(chapter.relative_to(ROOT / "book").with_suffix(""))
        if rel.startswith("chapters/") and rel not in listed:
            part["chapters"].append({"file": rel})
    part["chapters"].sort(key=lambda c: c["file"])
    toc_path.write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")


def main(argv: list[str]) -> int:
    wanted = [Path(a).resolve().name for a in argv]
    out = Path(tempfile.mkdtemp(prefix="preview_"))
    book = out / "book"
    shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("_build"))
    _add_missing_chapters(book, [Path(a).resolve() for a in argv])
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
