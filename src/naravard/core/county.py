"""The county: name, region, municipalities and systemledning, loaded from data/county.yml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from naravard.core.datafile import DataModel, LocatedError, read_mapping, validated

COUNTY_FILE = "county.yml"

# Both patterns run in linear time on any text (a pasted 60,000-character text takes
# milliseconds): a match may only start where a run of its characters starts (the lookbehinds),
# so no run is rescanned from every position inside it, and every other repetition is bounded.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
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


class Municipality(DataModel):
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


class Member(DataModel):
    """A seat in the systemledning, described by role and principal, never by person."""

    role: str = Field(alias="roll", min_length=1,
                      json_schema_extra={"exempel": "roll: Kommundirektör"})
    principal: str = Field(alias="huvudman", min_length=1,
                           json_schema_extra={"exempel": "huvudman: Norrvik"})

    _check_text = field_validator("role", "principal")(_no_contact_details)


class County(DataModel):
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
                raise LocatedError(("kommuner", i, "namn"),
                                    f"Kommunen ”{name}” står två gånger. Ta bort dubbletten.")
            seen.add(name.casefold())
        allowed = self.principals()
        for i, member in enumerate(self.members):
            if member.principal not in allowed:
                options = ", ".join(f"”{p}”" for p in allowed)
                raise LocatedError(
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


def load_county(data: Path) -> County:
    """Load and validate ``<data>/county.yml``; raise DataError listing every problem."""
    raw, text, shown = read_mapping(data / COUNTY_FILE, "”namn: Exempellän”")
    return validated(County, raw, text, shown)


def current_county(data: Path | None = None) -> County:
    """The county of the project's data folder, cached until county.yml changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), COUNTY_FILE, load_county)
