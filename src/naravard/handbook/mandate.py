"""The systemledning's mandate and rules of procedure: a template in data/mandat.yml, filled
with the county from data/county.yml and rendered by the project's document model.

The same document is shown on the handbook's page about the mandate, written as a Word file
into the built site (:mod:`naravard.handbook.downloads`) and exported by
``naravard export mandat``. Nothing here imports python-docx or IPython at import time.
"""

from __future__ import annotations

import string
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from naravard.core.county import County, current_county, looks_like_contact_details
from naravard.core.datafile import DataModel, LocatedError, load_model
from naravard.core.text import join_swedish
from naravard.documents.blocks import (Block, Bullets, Document, Heading, Lines, Para, Table,
                                       TitlePage)

MANDATE_FILE = "mandat.yml"
#: The Word file's name, in the built site and as the export's default.
MANDATE_FILENAME = "mandat-och-arbetsordning.docx"
#: The words a text may put inside {} and what each becomes (see :func:`placeholders`).
PLACEHOLDERS = ("lan", "region", "kommuner", "antal_kommuner", "antal_platser")


def check_text(text: str) -> str:
    """Refuse unknown {placeholders}, unpaired braces and personal contact details."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise ValueError("En klammer { eller } står ensam. Skriv {{ eller }} för att få en "
                         "klammer i texten, eller rätta ordet inom klamrarna.") from None
    allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
    for name in fields:
        if name not in PLACEHOLDERS:
            shown = "{" + name + "}" if name else "{}"
            raise ValueError(f"Okänt ord inom klamrar: {shown}. Tillåtna: {allowed}.")
    if looks_like_contact_details(text):
        raise ValueError("Texten ser ut att innehålla en e-postadress eller ett telefonnummer. "
                         "Ange roller, aldrig personliga kontaktuppgifter.")
    return text


def _check_items(items: list[str]) -> list[str]:
    for i, item in enumerate(items):
        try:
            check_text(item)
        except ValueError as exc:
            raise LocatedError((i,), str(exc)) from None
    return items


class MandateSection(DataModel):
    """A section of the mandate: heading, paragraphs, bullets and what comes from county.yml."""

    heading: str = Field(alias="rubrik", min_length=1,
                         json_schema_extra={"exempel": "rubrik: 1 Syfte"})
    paragraphs: list[str] = Field(default_factory=list, alias="text",
                                  json_schema_extra={"exempel": "text: med ett ”- ” per stycke"})
    bullets: list[str] = Field(default_factory=list, alias="punkter",
                               json_schema_extra={"exempel": "punkter: med ett ”- ” per punkt"})
    numbered: bool = Field(False, alias="numrerade",
                           json_schema_extra={"exempel": "numrerade: true"})
    members: bool = Field(False, alias="ledamöter",
                          json_schema_extra={"exempel": "ledamöter: true"})
    signatures: bool = Field(False, alias="underskrifter",
                             json_schema_extra={"exempel": "underskrifter: true"})

    _check_heading = field_validator("heading")(check_text)
    _check_lists = field_validator("paragraphs", "bullets")(_check_items)

    @model_validator(mode="after")
    def _has_content(self) -> "MandateSection":
        if not (self.paragraphs or self.bullets or self.members or self.signatures):
            raise LocatedError(("text",), "Avsnittet är tomt. Skriv minst ett stycke under "
                                          "”text:” eller en punkt under ”punkter:”.")
        return self


class Mandate(DataModel):
    """The whole template: title, subtitle, a note on its status and the sections."""

    title: str = Field(alias="titel", min_length=1,
                       json_schema_extra={"exempel": "titel: Mandat och arbetsordning för …"})
    subtitle: str = Field("", alias="underrubrik")
    note: str = Field("", alias="not")
    sections: list[MandateSection] = Field(
        alias="avsnitt", min_length=1,
        json_schema_extra={"exempel": "”- rubrik: 1 Syfte” med ”text:” under, ett per avsnitt"})

    _check_texts = field_validator("title", "subtitle", "note")(check_text)


def load_mandate(data: Path) -> Mandate:
    """Read and validate ``<data>/mandat.yml``; DataError names file, row and key."""
    return load_model(data / MANDATE_FILE, Mandate,
                      "mallen för systemledningens mandat och arbetsordning (kapitel 3a)")


def current_mandate(data: Path | None = None) -> Mandate:
    """The template of the project's data folder, cached until mandat.yml changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), MANDATE_FILE, load_mandate)


def check_mandate(data: Path) -> None:
    """The checker for ``naravard check`` and the build."""
    load_mandate(data)


def placeholders(county: County) -> dict[str, str]:
    """What each {placeholder} in the template becomes for ``county``."""
    return {"lan": county.name, "region": county.region,
            "kommuner": join_swedish(county.municipality_names),
            "antal_kommuner": str(len(county.municipalities)),
            "antal_platser": str(len(county.members))}


def mandate_blocks(county: County, mandate: Mandate, level: int = 1) -> list[Block]:
    """The sections as document blocks, section headings at ``level``."""
    values = placeholders(county)

    def fill(text: str) -> str:
        return text.format(**values)

    blocks: list[Block] = []
    for section in mandate.sections:
        blocks.append(Heading(fill(section.heading), level))
        blocks += [Para(fill(p)) for p in section.paragraphs]
        if section.bullets:
            blocks.append(Bullets([fill(b) for b in section.bullets], numbered=section.numbered))
        if section.members:
            rows = [(str(n), m.role, county.organisation_of(m.principal))
                    for n, m in enumerate(county.members, 1)]
            blocks.append(Table(["Plats", "Roll", "Organisation"], rows,
                                caption=f"Systemledningens platser i {county.name}",
                                widths=(1, 5, 5)))
        if section.signatures:
            organisations = [county.region, *(m.organisation for m in county.municipalities)]
            blocks.append(Lines([f"{org}: beslutat av (organ) och datum" for org in organisations]))
    return blocks


def mandate_document(county: County | None = None, mandate: Mandate | None = None) -> Document:
    """The mandate filled in for the county, as one document for every renderer."""
    county = county or current_county()
    mandate = mandate or current_mandate()
    values = placeholders(county)
    parties = join_swedish([county.region, *(m.organisation for m in county.municipalities)])
    return Document(
        title=mandate.title.format(**values),
        blocks=mandate_blocks(county, mandate),
        title_page=TitlePage(subtitle=mandate.subtitle.format(**values),
                             lines=[f"Huvudmän: {parties}"], note=mandate.note.format(**values)),
        subject="Mandat och arbetsordning för systemledningen",
        author=parties,
        footer=f"Mandat och arbetsordning – systemledningen i {county.name}",
    )


def mandate_docx(county: County | None = None, mandate: Mandate | None = None) -> bytes:
    """The mandate as a Word file on the county's document template."""
    from naravard.documents.docx import to_docx

    return to_docx(mandate_document(county, mandate))


def export_mandate(fmt: str, county: County | None = None) -> tuple[bytes, str]:
    """The mandate as ``docx``, ``html`` or ``md``: (content, file name)."""
    doc = mandate_document(county)
    stem = MANDATE_FILENAME.rsplit(".", 1)[0]
    if fmt == "docx":
        return mandate_docx(county), MANDATE_FILENAME
    if fmt == "html":
        from naravard.documents.html import to_html

        return to_html(doc, print_button=True).encode("utf-8"), f"{stem}.html"
    if fmt == "md":
        from naravard.documents.markdown import to_markdown

        return to_markdown(doc).encode("utf-8"), f"{stem}.md"
    raise ValueError(f"Okänt format ”{fmt}”. Välj docx, html eller md.")


def mandate_page_html(county: County | None = None):
    """The mandate as it stands on the handbook's page (IPython HTML, headings below the
    page's own)."""
    from IPython.display import HTML

    from naravard.documents.html import blocks_html

    county = county or current_county()
    blocks = mandate_blocks(county, current_mandate(), level=2)
    return HTML(f'<div class="naravard-mandat">{blocks_html(blocks)}</div>')
