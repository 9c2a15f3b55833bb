"""The personal-data patterns do not blow up on long texts: a pasted 60,000-character text is
checked without hanging the kernel, however it is made (before the linear patterns: 7–21 s for runs
of letters, dots or digits; now a few milliseconds, see benchmarks/fuzz_importers.py). The bound
below is far above the linear time and far below the quadratic one, so that a loaded CI machine
does not fail it while a quadratic pattern still does."""

from __future__ import annotations

import time

import pytest

from naravard.core.pii import pii_flags

TEXTS = {"bokstäver": "a" * 60_000, "punkter": "a." * 30_000, "siffror": "0" * 60_000,
         "domän": "a@b" + "-" * 60_000, "snabel-a": "a@" * 30_000, "mellanslag": "0 " * 30_000}


@pytest.mark.parametrize("kind", TEXTS)
def test_long_text_is_checked_without_quadratic_blowup(kind):
    started = time.perf_counter()
    pii_flags(TEXTS[kind])
    assert time.perf_counter() - started < 4.0


def test_address_inside_long_text_is_still_found():
    text = "x" * 30_000 + " anna.berg@norrvik.se " + "y" * 30_000
    assert [f.text for f in pii_flags(text)] == ["anna.berg@norrvik.se"]
