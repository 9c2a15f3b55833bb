"""Build a private preview of one or more chapters, for writers (not used by CI).

Usage: .venv/bin/python scripts/preview_chapter.py book/chapters/05_tight_loose_tight.md [...]

Copies book/ to a temporary folder, makes a table of contents with just the given chapters,
merges pending glossary entries (book/_pending/glossary_*.md) and pending BibTeX entries
(book/_pending/*.bib) into the copy, and builds it with warnings as errors. Prints the warnings
and where the HTML is.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    chapters = [Path(a).resolve() for a in argv]
    if not chapters:
        print(__doc__)
        return 2
    out = Path(tempfile.mkdtemp(prefix="preview_"))
    book = out / "book"
    shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("_build"))
    pending = ROOT / "book" / "_pending"
    # Glossary: the real one plus pending entries.
    gloss = (book / "ordlista.md").read_text(encoding="utf-8")
    extra = "".join(p.read_text(encoding="utf-8").rstrip() + "\n\n"
                    for p in sorted(pending.glob("glossary_*.md")))
    if extra:
        gloss = re.sub(r"```\s*$", "\n" + extra + "```\n", gloss.rstrip() + "\n")
        (book / "ordlista.md").write_text(gloss, encoding="utf-8")
    bib = (book / "references.bib").read_text(encoding="utf-8")
    for p in sorted(pending.glob("*.bib")):
        bib += "\n" + p.read_text(encoding="utf-8")
    (book / "references.bib").write_text(bib, encoding="utf-8")
    rel = [str(c.relative_to(ROOT / "book").with_suffix("")) for c in chapters]
    toc = "format: jb-book\nroot: intro\nchapters:\n" + "".join(f"  - file: {r}\n" for r in rel)
    toc += "  - file: ordlista\n  - file: referenser\n"
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    cmd = [str(ROOT / ".venv" / "bin" / "jupyter-book"), "build", str(book), "-W", "-n",
           "--keep-going"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    text = proc.stdout + proc.stderr
    lines = [l for l in text.splitlines()
             if ("WARNING" in l or "ERROR" in l) and "IPKernelApp" not in l]
    print("\n".join(lines) or "Inga varningar.")
    print(f"HTML: {book / '_build' / 'html'}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
