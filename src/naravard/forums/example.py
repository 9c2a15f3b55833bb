"""The county's example forum map from data/: forums.csv and forum_perspektiv.yml.

The handbook draws chapter 11 from these files at build time, `naravard check` validates them,
and the worksheet offers them as a starting point. Problems are reported in Swedish with file,
row and column (:class:`~naravard.core.problems.DataError`). A file that is absent, or that
``data/exempel.yml`` marks as another county's example, is not read (:mod:`naravard.core.examples`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from naravard.core.county import County, current_county
from naravard.core.datafile import parse_yaml
from naravard.core.examples import example_file
from naravard.core.problems import DataError, Problem, relpath, yaml_line_of
from naravard.forums.fileio import read_upload
from naravard.forums.model import (LEVELS, RELATION_KINDS, FieldError, ForumMap, clean_level,
                                   clean_principal, norm)

FORUMS_FILE = "forums.csv"
PERSPECTIVES_FILE = "forum_perspektiv.yml"


def organisations(county: County) -> dict[str, str]:
    """Organisation names that also identify a principal ("Norrviks kommun" -> "Norrvik")."""
    names = {m.organisation: m.name for m in county.municipalities}
    names.update({county.choice_label(a): a for a in county.area_names})
    return names


def parse_relation(text: str) -> tuple[str, str, str] | None:
    """"A rapporterar till B" -> ("A", "rapporterar till", "B"); None if no kind is found."""
    best = None
    for kind in RELATION_KINDS:
        pos = text.find(f" {kind} ")
        if pos > 0 and (best is None or pos < best[0]):
            best = (pos, kind)
    if best is None:
        return None
    pos, kind = best
    return text[:pos].strip(), kind, text[pos + len(kind) + 2:].strip()


def _load_forums(path: Path, county: County) -> ForumMap:
    result = read_upload(relpath(path), path.read_bytes(), county.principal_choices(),
                         organisations(county))
    if result.problems:
        raise DataError(result.problems)
    return result.fmap  # type: ignore[return-value]


def _load_perspectives(data: Path, county: County, fmap: ForumMap) -> dict[str, dict]:
    path = example_file(data, PERSPECTIVES_FILE)
    if path is None:
        return {}
    raw, text = parse_yaml(path)
    shown = relpath(path)
    problems: list[Problem] = []

    def problem(loc: tuple[Any, ...], field: str, message: str) -> None:
        problems.append(Problem(shown, row=yaml_line_of(text, loc), field=field, message=message))

    people = (raw or {}).get("deltagare") if isinstance(raw, dict) else None
    if not isinstance(people, list):
        raise DataError([Problem(shown, row=1, field="deltagare", message=(
            "Filen ska ha nyckeln ”deltagare:” med en post per deltagare."))])
    by_name = fmap.id_by_name()
    out: dict[str, dict] = {}
    seen_roles: set[str] = set()
    for i, person in enumerate(people):
        if not isinstance(person, dict) or not str(person.get("roll") or "").strip():
            town = county.municipality_names[0]
            problem(("deltagare", i), "roll", "Varje deltagare behöver en roll, till exempel "
                                              f"”roll: Kommundirektör {town}”.")
            continue
        role = str(person["roll"]).strip()
        if norm(role) in seen_roles:
            problem(("deltagare", i, "roll"), "roll", f"Rollen ”{role}” står två gånger.")
        seen_roles.add(norm(role))
        entries, known = [], set()
        for j, f in enumerate(person.get("forum") or []):
            loc = ("deltagare", i, "forum", j)
            name = str((f or {}).get("namn") or "").strip() if isinstance(f, dict) else ""
            if not name:
                problem(loc, "namn", "Forumet saknar namn.")
                continue
            entry: dict[str, Any] = {"name": name, "ref": by_name.get(norm(name)), "level": None,
                                     "principal": None,
                                     "decides": str(f.get("beslutar") or "").strip()}
            if entry["ref"] is None:
                try:
                    entry["level"] = clean_level(f.get("nivå"))
                except FieldError:
                    problem(loc, "nivå", f"”{name}” finns inte i {FORUMS_FILE}. Kontrollera "
                                         "stavningen, eller ange nivå (makro, meso eller mikro) "
                                         "för ett forum som bara finns i deltagarens bild.")
                    continue
                try:
                    entry["principal"] = clean_principal(f.get("huvudman") or "Gemensam",
                                                         county.principal_choices(),
                                                         organisations(county))
                except FieldError as exc:
                    problem(loc + ("huvudman",), "huvudman", str(exc))
                    continue
            entries.append(entry)
            known.add(norm(name))
        rels = []
        for j, r in enumerate(person.get("relationer") or []):
            loc = ("deltagare", i, "relationer", j)
            parsed = parse_relation(str(r or ""))
            if parsed is None:
                problem(loc, "relationer", "Skriv relationen som ”A rapporterar till B”, med "
                                           "någon av: " + ", ".join(RELATION_KINDS) + ".")
                continue
            source, kind, target = parsed
            unknown = [n for n in (source, target) if norm(n) not in known]
            if unknown:
                problem(loc, "relationer", f"”{unknown[0]}” står inte bland deltagarens forum. "
                                           "Lägg till det under ”forum:” eller rätta namnet.")
                continue
            rels.append({"source": source, "kind": kind, "target": target})
        out[f"p{i + 1:02d}"] = {"participant": role, "forums": entries, "relations": rels}
    if problems:
        raise DataError(problems)
    return out


def load_example(data: Path | None = None, county: County | None = None) -> dict | None:
    """The example worksheet document: the map of forums.csv and the perspectives.

    None when the county has no forums.csv of its own (absent, or another county's example).
    """
    from naravard.core.paths import data_dir

    folder = data or data_dir()
    path = example_file(folder, FORUMS_FILE)
    if path is None:
        return None
    county = county or current_county(folder)
    fmap = _load_forums(path, county)
    doc = fmap.to_doc()
    doc["perspectives"] = _load_perspectives(folder, county, fmap)
    return doc


def check_example(data: Path) -> None:
    """The checker for `naravard check`: raises DataError listing every problem."""
    from naravard.core.county import load_county
    from naravard.core.examples import load_examples

    try:
        county = load_county(data)
        load_examples(data)
    except DataError:
        return  # county.yml or exempel.yml is broken; their own checkers report it
    load_example(data, county)


__all__ = ["load_example", "check_example", "parse_relation", "organisations", "LEVELS"]
