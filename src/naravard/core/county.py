"""The county: name, region, municipalities and systemledning, loaded from data/county.yml."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from naravard.core.datafile import DataModel, LocatedError, read_mapping, validated
from naravard.core.problems import DataError, Problem, yaml_line_of

COUNTY_FILE = "county.yml"
#: The principal of something shared by several principals (a forum, a role, a cost).
JOINT = "Gemensam"
#: Letters after which a municipality's name takes no genitive s ("Umeå kommun").
_NO_GENITIVE_S = "aeiouyåäöésxz"
#: Names that the genitive rule does not give: the 14 municipalities that call themselves
#: "stad", Falu kommun, and Gotland, whose municipality is Region Gotland. An ``organisation``
#: key in county.yml always wins over these.
KNOWN_ORGANISATIONS = {
    "Stockholm": "Stockholms stad", "Göteborg": "Göteborgs stad", "Malmö": "Malmö stad",
    "Solna": "Solna stad", "Lidingö": "Lidingö stad", "Sundbyberg": "Sundbybergs stad",
    "Vaxholm": "Vaxholms stad", "Borås": "Borås stad", "Mölndal": "Mölndals stad",
    "Trollhättan": "Trollhättans stad", "Västerås": "Västerås stad",
    "Landskrona": "Landskrona stad", "Helsingborg": "Helsingborgs stad",
    "Haparanda": "Haparanda stad", "Falun": "Falu kommun", "Gotland": "Region Gotland",
}
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")


def municipal_organisation(name: str) -> str:
    """The official-style name of a municipality: "Umeå kommun", "Storumans kommun".

    Names ending in a vowel or in s, x or z take no genitive s; all others do. A few official
    names that the rule does not give are known (:data:`KNOWN_ORGANISATIONS`).
    """
    if name in KNOWN_ORGANISATIONS:
        return KNOWN_ORGANISATIONS[name]
    genitive = name if name[-1:].lower() in _NO_GENITIVE_S else name + "s"
    return f"{genitive} kommun"

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

    @field_validator("inhabitants", mode="before")
    @classmethod
    def _swedish_thousands(cls, value):
        """"130 000" (space or non-breaking space between thousands) is 130000."""
        if isinstance(value, str):
            text = value.strip()
            if _THOUSANDS_RE.fullmatch(text):
                return int(re.sub(r"\D", "", text))
            if re.fullmatch(r"[\d\s.,\u00a0\u202f]+", text) and re.search(r"\d", text):
                raise ValueError(f"”{text}” går inte att läsa som ett antal invånare. Skriv "
                                 "siffrorna i en följd (130000) eller med mellanslag mellan "
                                 "tusentalen (130 000), utan decimaler.")
        return value

    _check_name = field_validator("name", "organisation_name")(
        lambda v: _no_contact_details(v) if v is not None else v
    )

    @property
    def organisation(self) -> str:
        """The municipality as an organisation, e.g. "Norrviks kommun"."""
        if self.organisation_name:
            return self.organisation_name
        return municipal_organisation(self.name)


class Area(DataModel):
    """A sub-area of the county (närsjukvårdsområde, länsdel …) grouping municipalities."""

    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Norra området"})
    kind: str = Field("område", alias="typ", min_length=1,
                      json_schema_extra={"exempel": "typ: närsjukvårdsområde"})
    municipalities: list[str] = Field(
        alias="kommuner", min_length=1,
        json_schema_extra={"exempel": "en rad ”- Norrvik” per kommun i området"},
    )

    _check_text = field_validator("name", "kind")(_no_contact_details)


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
    areas: list[Area] = Field(
        default_factory=list, alias="områden",
        json_schema_extra={"exempel": "”- namn: Norra området” med ”typ: närsjukvårdsområde” "
                                      "och ”kommuner:” under, en post per område"},
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
    def _check_consistency(self, info: ValidationInfo) -> "County":
        text = (info.context or {}).get("text", "")

        def row_of(*loc) -> str:
            row = yaml_line_of(text, loc) if text else None
            return f"rad {row}" if row else f"post {loc[1] + 1} under ”{loc[0]}”"

        first: dict[str, int] = {}
        for i, m in enumerate(self.municipalities):
            if m.name.casefold() in first:
                j = first[m.name.casefold()]
                raise LocatedError(("kommuner", i, "namn"), (
                    f"Kommunen ”{m.name}” står två gånger: på {row_of('kommuner', j, 'namn')} "
                    f"och på {row_of('kommuner', i, 'namn')}. Ta bort den ena."))
            first[m.name.casefold()] = i
        self._check_areas(row_of)
        allowed = [self.region, *self.municipality_names, *self.area_names]
        for i, member in enumerate(self.members):
            if member.principal not in allowed:
                options = ", ".join(f"”{p}”" for p in allowed)
                raise LocatedError(
                    ("systemledning", i, "huvudman"),
                    f"”{member.principal}” är varken regionen, en av kommunerna eller ett av "
                    f"områdena. Skriv en av: {options}.",
                )
        return self

    def _check_areas(self, row_of) -> None:
        taken = {n.casefold() for n in (self.region, JOINT, *self.municipality_names)}
        known = {n.casefold(): n for n in self.municipality_names}
        first: dict[str, int] = {}
        for i, area in enumerate(self.areas):
            key = area.name.casefold()
            if key in first:
                raise LocatedError(("områden", i, "namn"), (
                    f"Området ”{area.name}” står två gånger: på "
                    f"{row_of('områden', first[key], 'namn')} och på "
                    f"{row_of('områden', i, 'namn')}. Ge områdena olika namn."))
            if key in taken:
                raise LocatedError(("områden", i, "namn"), (
                    f"”{area.name}” är redan namnet på regionen, en kommun eller ”{JOINT}”. "
                    "Ge området ett eget namn, till exempel ”Norra området”."))
            first[key] = i
            seen: set[str] = set()
            for j, name in enumerate(area.municipalities):
                if name.casefold() not in known:
                    options = ", ".join(f"”{n}”" for n in self.municipality_names)
                    raise LocatedError(("områden", i, "kommuner", j), (
                        f"”{name}” i området ”{area.name}” är inte en av länets kommuner. "
                        f"Skriv namnet som under ”kommuner:”: {options}."))
                if name.casefold() in seen:
                    raise LocatedError(("områden", i, "kommuner", j), (
                        f"Kommunen ”{name}” står två gånger i området ”{area.name}”. "
                        "Ta bort dubbletten."))
                seen.add(name.casefold())

    def principals(self) -> list[str]:
        """The valid principals: the region and every municipality's name."""
        return [self.region, *(m.name for m in self.municipalities)]

    @property
    def area_names(self) -> list[str]:
        return [a.name for a in self.areas]

    def principal_choices(self) -> list[str]:
        """Everything a forum, role, cost or seat can belong to, in the order sheets show
        them: the region, each municipality, "Gemensam", then each area."""
        return [*self.principals(), JOINT, *self.area_names]

    def principal_options(self) -> list[tuple[str, str]]:
        """:meth:`principal_choices` as (label, value) pairs for drop-downs."""
        return [(self.choice_label(p), p) for p in self.principal_choices()]

    def choice_label(self, principal: str) -> str:
        """A principal as a drop-down shows it: "Umeå kommun", "Södra Lappland
        (närsjukvårdsområde)", "Gemensam"."""
        area = self.area(principal)
        if area is not None:
            named = area.kind.casefold() in area.name.casefold()
            return area.name if named else f"{area.name} ({area.kind})"
        return self.organisation_of(principal)

    def area(self, name: str) -> Area | None:
        """The area called ``name`` (exact), or None."""
        return next((a for a in self.areas if a.name == name), None)

    def area_of(self, municipality: str) -> Area | None:
        """The (first) area a municipality belongs to, or None."""
        return next((a for a in self.areas
                     if municipality.casefold() in {m.casefold() for m in a.municipalities}),
                    None)

    def organisation_of(self, principal: str) -> str:
        """The display name of a principal: the region, or e.g. "Norrviks kommun"."""
        for m in self.municipalities:
            if m.name == principal:
                return m.organisation
        return principal

    def derived_organisations(self) -> list[tuple[str, str]]:
        """(municipality, organisation name) for every municipality without an explicit
        ``organisation`` key: the names the rule made, for ``naravard check`` to list."""
        return [(m.name, m.organisation) for m in self.municipalities
                if not m.organisation_name]

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
    try:
        return validated(County, raw, text, shown, context={"text": text})
    except DataError as exc:
        raise DataError([_in_own_words(p, raw) for p in exc.problems]) from None


#: The example county's names in the suggestions of the messages above (``exempel`` hints).
_HINT_NAMES = ("Region Exempellän", "Exempellän", "Norrviks kommun", "Norrvik")


def _in_own_words(problem: Problem, raw: dict) -> Problem:
    """A problem whose suggestions use the county's own names from county.yml where it has
    them ("region: Region Västerbotten" rather than the example county's)."""
    def text(value) -> str:
        return value.strip() if isinstance(value, str) else ""

    towns = raw.get("kommuner") if isinstance(raw.get("kommuner"), list) else []
    first = text(towns[0].get("namn")) if towns and isinstance(towns[0], dict) else ""
    own = {"Region Exempellän": text(raw.get("region")), "Exempellän": text(raw.get("namn")),
           "Norrviks kommun": municipal_organisation(first) if first else "", "Norrvik": first}
    message = problem.message
    for i, name in enumerate(_HINT_NAMES):
        if own[name]:
            message = message.replace(name, f"\x00{i}\x00")
    for i, name in enumerate(_HINT_NAMES):
        message = message.replace(f"\x00{i}\x00", own[name])
    return replace(problem, message=message) if message != problem.message else problem


def current_county(data: Path | None = None) -> County:
    """The county of the project's data folder, cached until county.yml changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), COUNTY_FILE, load_county)
