"""Write the built-in Word template to data/dokumentmall.docx (or to the path given).

Usage: .venv/bin/python scripts/make_docx_template.py [--force] [FIL]

The template holds the styles every exported Word file uses (see chapter 15 on restyling it in
Word). Run this to start over from the project's own look; an existing file is kept unless
--force is given, since a county may have restyled it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from naravard.documents.template import TEMPLATE_FILE, make_template

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "data" / TEMPLATE_FILE),
                        help=f"var mallen sparas (standard: data/{TEMPLATE_FILE})")
    parser.add_argument("--force", action="store_true", help="skriv över en befintlig mall")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"{out} finns redan och får vara kvar. Kör med --force för att skriva över den.",
              file=sys.stderr)
        return 1
    document = make_template()
    props = document.core_properties
    props.title = "Dokumentmall för Systemledning för Nära vård"
    props.subject = "Formatmallar för de Word-filer som arbetsbladen exporterar"
    props.author = props.last_modified_by = ""
    props.comments = ("Ändra formatmallarna, sidhuvudet och sidfoten i Word. Text i mallens "
                      "brödtext används inte.")
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    print(f"Mallen är sparad i {out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
