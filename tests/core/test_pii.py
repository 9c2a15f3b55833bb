"""Free text that looks like a personnummer, phone number or e-mail address is flagged before it
is saved; ordinary numbers in interview notes (years, amounts, dates, case numbers) are not."""

import pytest

from naravard.core.pii import pii_flags, pii_problem


@pytest.mark.parametrize("text, kind", [
    ("Hon har personnummer 19121212-1212.", "personnummer"),
    ("121212-1212", "personnummer"),
    ("Född 121212+1212, alltså över hundra år", "personnummer"),
    ("pnr 1212121212", "personnummer"),
    ("Samordningsnummer 701063-2391", "personnummer"),
    ("20121212-1212", "personnummer"),
    ("Ring mig på 070-123 45 67", "telefon"),
    ("tel 0701234567", "telefon"),
    ("+46 70 123 45 67", "telefon"),
    ("Växeln 08-123 456 78", "telefon"),
    ("Skriv till anna.berg@exempel.se", "epost"),
    ("maila fornamn.efternamn+nv@region-exempel.example", "epost"),
])
def test_personal_data_is_flagged_with_its_kind(text, kind):
    assert [f.kind for f in pii_flags(text)] == [kind]


@pytest.mark.parametrize("text", [
    "Medlen för 2026 är 12 345 678 kronor.",
    "Överenskommelsen gäller 2023–2026.",
    "Beslutet togs 2026-03-02 i länsgruppen.",
    "Lagen (SFS 2017:30) gäller sedan länge.",
    "Vi hade 12 möten 2025 och 3 000 besök.",
    "Mötet börjar kl. 08.30 och slutar 16.00.",
    "Ärendet har diarienummer 2024-1234.",
    "Organisationsnummer 232100-0016 för regionen.",
    "0,5 procent av budgeten, ungefär 2,5 miljoner kronor.",
    "Kontakta oss via @Region på sociala medier.",
    "IP 07, socialchef i Bergslund",
    "1212121213",  # wrong check digit and not a phone number: an order number
])
def test_ordinary_numbers_and_words_are_not_flagged(text):
    assert pii_flags(text) == []


def test_the_message_names_every_kind_found_and_says_what_to_do():
    message = pii_problem("Ring 070-123 45 67 eller skriv till a.b@c.se")
    assert "ett telefonnummer och en e-postadress" in message
    assert "Ta bort uppgiften" in message


def test_clean_text_gives_no_message():
    assert pii_problem("Regionen beslutar i praktiken ensam.") is None
    assert pii_problem("") is None
