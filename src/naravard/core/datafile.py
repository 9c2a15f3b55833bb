"""The Swedish validation toolkit for the YAML files in data/.

Every data file (county, guides, catalogues, examples) is a pydantic model read from YAML. This
module reads the file, turns pydantic's errors into Swedish problems that name file, row and key,
and keeps the shared base model: unknown keys are errors, text is trimmed, values are frozen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from naravard.core.problems import DataError, Problem, dotted, relpath, yaml_line_of

M = TypeVar("M", bound=BaseModel)


class DataModel(BaseModel):
    """A mapping in a data file: unknown keys are errors, text is trimmed, values are frozen."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True,
                              frozen=True)


class LocatedError(ValueError):
    """A cross-field error that knows which key it is about."""

    def __init__(self, loc: tuple[Any, ...], message: str):
        self.loc = loc
        super().__init__(message)


# --- Swedish messages --------------------------------------------------------------------------------

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
        if isinstance(cause, LocatedError):
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
        # libyaml's parser when installed: the same safe constructor, several times faster
        # (every worksheet kernel reads the county's files at start).
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError([Problem(shown, row=row, message=(
            "YAML-syntaxen är felaktig här eller på raden ovanför. Kontrollera indrag (mellanslag, inte tabb) "
            "och att varje nyckel följs av kolon och mellanslag."))]) from None


def read_mapping(path: Path, keys_hint: str = "") -> tuple[Any, str, str]:
    """Read a YAML file that must be a mapping: ``(raw, text, shown path)``; DataError if not.

    ``keys_hint`` shows the keys the file starts with (``”namn: Exempellän”``) in the message.
    """
    raw, text = parse_yaml(path)
    shown = relpath(path)
    if not isinstance(raw, dict):
        hint = f", till exempel {keys_hint}" if keys_hint else ""
        raise DataError([Problem(shown, row=1,
                                 message=f"Filen ska bestå av nycklar med värden{hint}.")])
    return raw, text, shown


def validated(model: type[M], raw: Any, text: str, shown: str,
              context: dict[str, Any] | None = None) -> M:
    """``raw`` as ``model``; pydantic's errors become Swedish problems naming file, row, key."""
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        raise DataError(validation_problems(model, exc, text, shown)) from None


def read_data_yaml(path: Path, what: str) -> tuple[Any, str, str]:
    """Read a YAML mapping from data/: ``(raw, text, shown path)``; DataError when unusable.

    ``what`` names what the file is needed for, in the Swedish message when it is missing.
    """
    if not path.is_file():
        raise DataError([Problem(relpath(path), f"Filen saknas. Den behövs för {what}. Hämta "
                                                "den från huvudprojektets data/ och anpassa "
                                                "texterna.")])
    return read_mapping(path)


def load_model(path: Path, model: type[M], what: str,
               check: Callable[[M, str, str], list[Problem]] | None = None) -> M:
    """Read ``path`` as ``model``; raise DataError listing every problem, checks included.

    ``check(value, text, shown)`` adds the problems pydantic cannot see (duplicates, codes the
    program relies on), each naming file, row and key like the validation errors.
    """
    raw, text, shown = read_data_yaml(path, what)
    value = validated(model, raw, text, shown)
    problems = check(value, text, shown) if check else []
    if problems:
        raise DataError(problems)
    return value
