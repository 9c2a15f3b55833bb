"""The county: name, region, municipalities and systemledning, loaded from data/county.yml."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from naravard.core.problems import DataError, Problem, dotted, relpath, yaml_line_of

COUNTY_FILE = "county.yml"

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_RE = re.compile(r"(?<!\d)(?:\+46|0)[\s-]?\d{1,4}(?:[\s-]?\d){5,8}(?!\d)")


def looks_like_contact_details(text: str) -> bool:
    """True when text contains something that looks like an e-mail address or phone number."""
    return bool(EMAIL_RE.search(text) or PHONE_RE.search(text))


def _no_contact_details(value: str) -> str:
    if looks_like_contact_details(value):
        raise ValueError(
            "Texten ser ut att innehålla en e-postadress eller ett telefonnummer. "
            "Ange roller och organisationer, aldrig personliga kontaktuppgifter."
        )
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True,
                              frozen=True)


class Municipality(_Model):
    """A municipality (kommun) of the county."""

    name: str = Field(alias="namn", min_length=1, json_schema_extra={"exempel": "namn: Norrvik"})
    organisation_name: str | None = Field(
        None, alias="organisation", json_schema_extra={"exempel": "organisation: Norrviks kommun"}
    )
    inhabitants: int | None = Field(
        None, alias="invånare", ge=0, json_schema_extra={"exempel": "invånare: 42000"}
    )

    _check_name = field_validator("name", "organisation_name")(
        lambda v: _no_contact_details(v) if v is not None else v
    )

    @property
    def organisation(self) -> str:
        """The municipality as an organisation, e.g. "Norrviks kommun"."""
        if self.organisation_name:
            return self.organisation_name
        genitive = self.name if self.name[-1:].lower() in "sxz" else self.name + "s"
        return f"{genitive} kommun"


class Member(_Model):
    """A seat in the systemledning, described by role and principal, never by person."""

    role: str = Field(alias="roll", min_length=1,
                      json_schema_extra={"exempel": "roll: Kommundirektör"})
    principal: str = Field(alias="huvudman", min_length=1,
                           json_schema_extra={"exempel": "huvudman: Norrvik"})

    _check_text = field_validator("role", "principal")(_no_contact_details)


class County(_Model):
    """Everything the handbook and the worksheets need to know about the county."""

    name: str = Field(alias="namn", min_length=1, json_schema_extra={"exempel": "namn: Exempellän"})
    fictional: bool = Field(False, alias="påhittat",
                            json_schema_extra={"exempel": "påhittat: false"})
    region: str = Field(min_length=1, json_schema_extra={"exempel": "region: Region Exempellän"})
    municipalities: list[Municipality] = Field(
        alias="kommuner", min_length=1,
        json_schema_extra={"exempel": "en rad ”- namn: Norrvik” per kommun under ”kommuner:”"},
    )
    members: list[Member] = Field(
        alias="systemledning", min_length=1,
        json_schema_extra={"exempel": "”- roll: Regiondirektör” med ”huvudman: Region …” "
                                      "på raden under, en post per plats i systemledningen"},
    )
    language: Literal["sv"] = Field("sv", alias="språk", json_schema_extra={"exempel": "språk: sv"})
    worksheet_url: str = Field(
        "/voila/render/", alias="arbetsblad_adress",
        json_schema_extra={"exempel": "arbetsblad_adress: /voila/render/"},
    )
    workspace: str = Field("workspace", alias="arbetsyta", min_length=1,
                           json_schema_extra={"exempel": "arbetsyta: workspace"})

    _check_text = field_validator("name", "region")(_no_contact_details)

    @model_validator(mode="after")
    def _check_consistency(self) -> "County":
        names = [m.name for m in self.municipalities]
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name.casefold() in seen:
                raise _LocatedError(("kommuner", i, "namn"),
                                    f"Kommunen ”{name}” står två gånger. Ta bort dubbletten.")
            seen.add(name.casefold())
        allowed = self.principals()
        for i, member in enumerate(self.members):
            if member.principal not in allowed:
                options = ", ".join(f"”{p}”" for p in allowed)
                raise _LocatedError(
                    ("systemledning", i, "huvudman"),
                    f"”{member.principal}” är varken regionen eller en av kommunerna. "
                    f"Skriv en av: {options}.",
                )
        return self

    def principals(self) -> list[str]:
        """The valid principals: the region and every municipality's name."""
        return [self.region, *(m.name for m in self.municipalities)]

    def organisation_of(self, principal: str) -> str:
        """The display name of a principal: the region, or e.g. "Norrviks kommun"."""
        for m in self.municipalities:
            if m.name == principal:
                return m.organisation
        return principal

    @property
    def municipality_names(self) -> list[str]:
        return [m.name for m in self.municipalities]

    def members_table(self) -> list[dict[str, str]]:
        """Rows of the systemledning for tables: role and organisation."""
        return [{"Roll": m.role, "Organisation": self.organisation_of(m.principal)}
                for m in self.members]


class _LocatedError(ValueError):
    """A cross-field error that knows which key it is about."""

    def __init__(self, loc: tuple[Any, ...], message: str):
        self.loc = loc
        super().__init__(message)


# --- loading --------------------------------------------------------------------------------

_TYPE_MESSAGES = {
    "string_type": "Ska vara text.",
    "int_type": "Ska vara ett heltal, till exempel 12000.",
    "int_parsing": "Ska vara ett heltal, till exempel 12000.",
    "int_from_float": "Ska vara ett heltal utan decimaler.",
    "bool_type": "Ska vara true eller false.",
    "bool_parsing": "Ska vara true eller false.",
    "list_type": "Ska vara en lista, med en rad per post som börjar med ”- ”.",
    "dict_type": "Ska vara nycklar med värden (till exempel ”namn: …”).",
    "model_type": "Ska vara nycklar med värden (till exempel ”namn: …”).",
    "model_attributes_type": "Ska vara nycklar med värden (till exempel ”namn: …”).",
    "string_too_short": "Får inte vara tomt.",
    "greater_than_equal": "Får inte vara negativt.",
}


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]):
    """Find the pydantic FieldInfo for a path of aliases, or None."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        ann = info.annotation
        args = getattr(ann, "__args__", ())
        current = args[0] if args else ann
    return info


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    parent = loc[:-1]
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        info = _field_info(current, (part,))
        if info is None:
            return []
        ann = info.annotation
        args = getattr(ann, "__args__", ())
        current = args[0] if args else ann
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def swedish_message(model: type[BaseModel], error: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    """Translate one pydantic error into (location, Swedish message with what to write instead)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    info = _field_info(model, loc)
    example = (info.json_schema_extra or {}).get("exempel") if info is not None else None
    hint = f" Skriv till exempel: {example}" if example else ""
    if kind == "missing":
        return loc, "Nyckeln saknas." + hint
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_keys(model, loc))
        return loc, (f"Okänd nyckel ”{loc[-1]}”. Kontrollera stavningen eller ta bort den. "
                     f"Tillåtna nycklar här: {allowed}.")
    if kind == "too_short":
        return loc, "Listan får inte vara tom." + hint
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return loc, f"Värdet är inte tillåtet. Skriv ett av: {expected}."
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, _LocatedError):
            return loc + cause.loc, str(cause)
        return loc, str(cause) if cause else "Ogiltigt värde."
    message = _TYPE_MESSAGES.get(kind, "Ogiltigt värde.")
    return loc, message + hint


def validation_problems(model: type[BaseModel], exc: ValidationError, text: str,
                        file: str) -> list[Problem]:
    """Turn a pydantic ValidationError into Swedish problems naming file, row and key."""
    problems = []
    for error in exc.errors():
        loc, message = swedish_message(model, error)
        problems.append(Problem(file=file, row=yaml_line_of(text, loc),
                                field=dotted(loc) or None, message=message))
    return problems


def parse_yaml(path: Path) -> tuple[Any, str]:
    """Read a YAML file; raise DataError with the row of a syntax error."""
    shown = relpath(path)
    if not path.is_file():
        raise DataError([Problem(shown, "Filen saknas. Kopiera den från exemplet i projektet "
                                        "(data/county.yml) och ändra värdena.")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(shown, "Filen är inte sparad som UTF-8. Spara om den som "
                                        "UTF-8 i din texteditor.")]) from None
    try:
        return yaml.safe_load(text), text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError([Problem(shown, row=row, message=(
            "YAML-syntaxen är felaktig här eller på raden ovanför. Kontrollera indrag (mellanslag, inte tabb) "
            "och att varje nyckel följs av kolon och mellanslag."))]) from None


def load_county(data: Path) -> County:
    """Load and validate ``<data>/county.yml``; raise DataError listing every problem."""
    path = data / COUNTY_FILE
    raw, text = parse_yaml(path)
    shown = relpath(path)
    if not isinstance(raw, dict):
        raise DataError([Problem(shown, row=1, message=(
            "Filen ska bestå av nycklar med värden, till exempel ”namn: Exempellän”."))])
    try:
        return County.model_validate(raw)
    except ValidationError as exc:
        raise DataError(validation_problems(County, exc, text, shown)) from None


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> County:
    return load_county(Path(path))


def current_county(data: Path | None = None) -> County:
    """The county of the project's data folder, cached until county.yml changes."""
    from naravard.core.paths import data_dir

    folder = (data or data_dir()).resolve()
    file = folder / COUNTY_FILE
    mtime = file.stat().st_mtime if file.exists() else 0.0
    return _cached(str(folder), mtime)
