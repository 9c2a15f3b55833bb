"""Fuzz every importer with generated malformed inputs and report how they were handled.

    .venv/bin/python benchmarks/fuzz_importers.py [--inputs 12000] [--seed 13] [--budget 330]

The inputs (CSV text in every encoding and line ending, damaged and hand-written workbooks with
zip bombs, sheets that claim every cell, rows without end, numbers like 1E999; JSON with deep
nesting, wrong types, 20,000 forums; GraphML damaged or with entities) go through the one
spreadsheet reader, the forum-map import, the interview template and step 2's tables. Each input
must end in a result or a Swedish refusal; the script prints inputs tried, refusals, uncaught
exceptions (by type), refusals with English parser words, the slowest input and the peak memory,
and ends with one line:

    summary inputs=<n> uncaught=<n> slowest_s=<s> peak_mb=<mb> english_messages=<n>
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from naravard.core.county import current_county  # noqa: E402
from naravard.core.problems import DataError  # noqa: E402
from naravard.core.spreadsheet import read_spreadsheet  # noqa: E402
from naravard.forums.example import load_example  # noqa: E402
from naravard.forums.fileio import read_upload  # noqa: E402
from naravard.forums.writers import to_csv, to_graphml, to_json, to_xlsx  # noqa: E402
from naravard.forums.model import ForumMap  # noqa: E402
from naravard.insight.example import example_study  # noqa: E402
from naravard.insight.guide import current_guide  # noqa: E402
from naravard.insight.template import read_interviews, template_csv, template_xlsx  # noqa: E402
from naravard.plan.catalog import TABLE_BY_KEY  # noqa: E402
from naravard.plan.tables import read_table_file  # noqa: E402
from tests.core.malformed import (claimed_dimension, deep_json, english_in, inline_row,  # noqa
                                  mutate, workbook, zip_bomb)

DATA = ROOT / "data"
PRINCIPALS = ["Region Exempellän", "Norrvik", "Sjöstad", "Åkerby", "Bergslund", "Ekeås"]
ALPHABET = list('ab;,\t"\r\n=\'1E9éåäö\x00 |-+@{}[]<>&') + ["\u2028", "\ufeff", "\x85"]
NUMBERS = ["1E999", "1" * 400, "nan", "inf", "-1", "1e308", "0,5", "12 300", "9" * 5000]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Fuzz:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.guide, self.county = current_guide(DATA), current_county(DATA)
        study = example_study(DATA)
        example = load_example()
        fmap = ForumMap.from_doc(example)
        self.seeds = {
            "csv": to_csv(fmap), "xlsx": to_xlsx(fmap, example), "json": to_json(example),
            "graphml": to_graphml(fmap), "mall.xlsx": template_xlsx(self.guide, self.county,
                                                                    study),
            "mall.csv": template_csv(self.guide, self.county, study),
        }
        many = {f"f{i}": {"name": f"Forum {i}", "level": "makro", "principal": "Norrvik"}
                for i in range(20_000)}
        self.fixed = [
            ("bomb.xlsx", zip_bomb()), ("bomb2.xlsx", zip_bomb(40 * 1024 * 1024)),
            ("dim.xlsx", claimed_dimension()), ("inga.xlsx", workbook(b"", sheets=b"")),
            ("rad.xlsx", workbook(b'<row r="1">' + b"<c/>" * 500_000 + b"</row>")),
            ("luckor.xlsx", workbook(inline_row(1, "namn") + inline_row(1_048_576, "x"))),
            ("bred.xlsx", workbook(b"".join(b'<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>'
                                            b"</t></is></c></row>" % (i, i)
                                            for i in range(1, 5000)))),
            ("djup.json", deep_json(100_000)), ("djup2.json", deep_json(900)),
            ("stor.json", json.dumps({"forums": many}, indent=1).encode()),
            ("entitet.graphml", b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
                                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><graphml><graph>'
                                b'<node id="&b;"/></graph></graphml>'),
            ("noder.graphml", b"<graphml><graph>" + b"<node id='n'/>" * 30_000
                              + b"</graph></graphml>"),
            ("mac.csv", b"namn;niv\xc3\xa5;huvudman\rEtt;makro;Norrvik\r"),
        ]

    def text(self, size: int) -> str:
        return "".join(self.rnd.choice(ALPHABET) for _ in range(size))

    def csv_input(self) -> tuple[str, bytes]:
        rnd = self.rnd
        rows = [";".join(rnd.choice([self.text(rnd.randint(0, 12)), rnd.choice(NUMBERS)])
                         for _ in range(rnd.randint(1, 8))) for _ in range(rnd.randint(0, 12))]
        text = rnd.choice(["\r\n", "\n", "\r"]).join(rows)
        if rnd.random() < 0.1:
            text += '"' + "x" * rnd.choice([10, 200_000])
        encoding = rnd.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
        return rnd.choice(["f.csv", "f.txt", "f", "f.tsv"]), text.encode(encoding, "replace")

    def mutated(self) -> tuple[str, bytes]:
        rnd = self.rnd
        name = rnd.choice(list(self.seeds))
        data = self.seeds[name]
        flips = [(rnd.randrange(10**7), rnd.randrange(256)) for _ in range(rnd.randint(0, 8))]
        cut = rnd.choice([None, None, rnd.randrange(len(data) + 1)])
        return "f." + name.split(".")[-1], mutate(data, flips, cut)

    def made_json(self) -> tuple[str, bytes]:
        rnd = self.rnd

        def value(depth: int = 0):
            kind = rnd.randrange(8 if depth < 4 else 5)
            makers = [lambda: None, lambda: rnd.random() < 0.5,
                      lambda: rnd.choice([10**400, -1, 2**63, 0.5]),
                      lambda: self.text(rnd.randint(0, 10)),
                      lambda: float(rnd.choice(["inf", "nan", "1e308"])),
                      lambda: [value(depth + 1) for _ in range(rnd.randint(0, 3))],
                      lambda: {self.text(3): value(depth + 1) for _ in range(rnd.randint(0, 3))},
                      lambda: {"name": value(depth + 1), "level": "makro",
                               "principal": "Norrvik"}]
            return makers[kind]()
        doc = {"forums": {f"f{i}": value(1) for i in range(rnd.randint(0, 5))},
               "relations": {f"r{i}": {"source": rnd.choice(["f0", "f1", value(2)]),
                                       "kind": rnd.choice(["informerar", value(2)]),
                                       "target": "f1"} for i in range(rnd.randint(0, 3))},
               "perspectives": {f"p{i}": value(1) for i in range(rnd.randint(0, 3))}}
        return "f.json", json.dumps(doc).encode()

    def made_workbook(self) -> tuple[str, bytes]:
        rnd = self.rnd
        rows = []
        for r in range(1, rnd.randint(2, 8)):
            cells = []
            for c in range(rnd.randint(1, 6)):
                ref = f"{chr(65 + c)}{r}".encode()
                kind = rnd.randrange(5)
                if kind == 0:
                    cells.append(b'<c r="%s"><v>%s</v></c>' % (ref, rnd.choice(NUMBERS).encode()))
                elif kind == 1:
                    cells.append(b'<c r="%s" t="s"><v>%d</v></c>' % (ref, rnd.randint(-1, 9)))
                elif kind == 2:
                    cells.append(b'<c r="%s" t="d"><v>%s</v></c>' % (ref, self.text(5).encode(
                        "utf-8", "replace").replace(b"<", b"").replace(b"&", b"")))
                elif kind == 3:
                    cells.append(b'<c r="%s" t="b"><v>%s</v></c>' % (ref, rnd.choice([b"1", b"x"])))
                else:
                    cells.append(b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>'
                                 % (ref, rnd.choice([b"namn", b"=1+1", b"Ett", b"\xc3\xa5"])))
            rows.append(b'<row r="%d">%s</row>' % (r, b"".join(cells)))
        dimension = rnd.choice([b"A1:C2", b"A1:XFD1048576", b"", b"ZZZ"])
        return rnd.choice(["f.xlsx", "mall.xlsx"]), workbook(b"".join(rows), dimension)

    def inputs(self, count: int):
        yield from self.fixed
        makers = [self.csv_input, self.mutated, self.made_json, self.made_workbook]
        for i in range(count - len(self.fixed)):
            if i % 500 == 0:
                yield self.fixed[(i // 500) % len(self.fixed)]
            else:
                yield makers[i % len(makers)]()

    def run_one(self, name: str, data: bytes, importer: str) -> list[str] | None:
        """The refusal's messages, or None when the input was read."""
        if importer == "forums":
            result = read_upload(name, data, PRINCIPALS)
            return [p.message for p in result.problems] or None
        try:
            if importer == "reader":
                read_spreadsheet(name, data)
            elif importer == "template":
                read_interviews(name, data, self.guide, self.county)
            else:
                read_table_file(name, data, TABLE_BY_KEY["population"], PRINCIPALS)
        except DataError as exc:
            return [p.message for p in exc.problems]
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--budget", type=float, default=330, help="seconds before stopping")
    args = parser.parse_args()
    fuzz = Fuzz(args.seed)
    started = time.perf_counter()
    tried = refused = english = 0
    uncaught: Counter[str] = Counter()
    slowest = (0.0, "")
    importers = ["reader", "forums", "template", "tables"]
    for i, (name, data) in enumerate(fuzz.inputs(args.inputs)):
        if time.perf_counter() - started > args.budget:
            print(f"stopped after {args.budget:.0f} s")
            break
        importer = "forums" if name.endswith((".json", ".graphml")) else importers[i % 4]
        t0 = time.perf_counter()
        try:
            messages = fuzz.run_one(name, data, importer)
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            uncaught[type(exc).__name__] += 1
            if uncaught[type(exc).__name__] <= 3:
                print(f"uncaught {type(exc).__name__} ({importer}, {name}): {exc!s:.200}")
            messages = None
        elapsed = time.perf_counter() - t0
        tried += 1
        if elapsed > slowest[0]:
            slowest = (elapsed, f"{importer} {name} ({len(data):,} bytes)")
        if messages:
            refused += 1
            bad = [m for m in messages if english_in(m)]
            if bad:
                english += 1
                if english <= 3:
                    print(f"english ({importer}, {name}): {bad[0]:.200}")
    print(f"inputs tried: {tried}")
    print(f"refusals: {refused}")
    print(f"uncaught exceptions: {sum(uncaught.values())} {dict(uncaught)}")
    print(f"refusals with English words: {english}")
    print(f"slowest input: {slowest[0]:.3f} s, {slowest[1]}")
    print(f"peak memory: {peak_mb():.0f} MB; total {time.perf_counter() - started:.0f} s")
    print(f"summary inputs={tried} uncaught={sum(uncaught.values())} slowest_s={slowest[0]:.3f} "
          f"peak_mb={peak_mb():.0f} english_messages={english}")
    return 0 if not uncaught and not english else 1


if __name__ == "__main__":
    raise SystemExit(main())
