"""The handbook's corrected facts stay corrected, and its prose stays readable: the chapters
agree on the law for sharing records, secrecy is never said to lapse in emergencies, the
corrected dates and origins stay, the bibliography keeps the addresses where a reader finds
the works, the note-taker has one name, and no sentence in a chapter runs over 40 words."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
CHAPTERS = sorted((BOOK / "chapters").glob("*.md"))
MAX_WORDS = 40


def _chapter(prefix: str) -> str:
    (path,) = [p for p in CHAPTERS if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def _bib_entries() -> dict[str, str]:
    text = (BOOK / "references.bib").read_text(encoding="utf-8")
    entries = {}
    for match in re.finditer(r"^@\w+\{([^,\s]+),(.*?)^\}", text, re.M | re.S):
        entries[match.group(1)] = match.group(2)
    return entries


# --- Prose extraction and sentence length -------------------------------------------------

_ROLE_DROP = re.compile(r"\{cite(?::p)?\}`[^`]*`")
_ROLE_AUTHOR = re.compile(r"\{cite:t\}`[^`]*`")
_ROLE_NAMED = re.compile(r"\{(numref|arbetsblad)\}`[^`]*`")
_ROLE_LABEL = re.compile(r"\{(term|ref|doc)\}`([^`<]*?)\s*(<[^`>]*>)?`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ”\"(\d])")


def _label_text(match: re.Match) -> str:
    """What a reader sees for a term/ref/doc role: its text, or the page title for a bare ref."""
    role, text, target = match.groups()
    if role in ("ref", "doc") and not target:
        return "Kapitel"
    return text


def prose_paragraphs(text: str) -> list[str]:
    """The running text of a MyST chapter: no front matter, code, tables, directives' options,
    headings or block quotes; roles reduced to what the reader sees; one string per paragraph
    or list item."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^(`{3,}|~{3,}).*?^\1\s*$", "", text, flags=re.S | re.M)
    paragraphs, current = [], []

    def flush():
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if (not line or line.startswith(("#", "|", ">", ":::", "(", ":")) or line == "---"):
            flush()
            continue
        if re.match(r"^([-*+]|\d+\.)\s", line):
            flush()
            line = re.sub(r"^([-*+]|\d+\.)\s+", "", line)
        current.append(line)
    flush()
    cleaned = []
    for para in paragraphs:
        para = _ROLE_DROP.sub("", para)
        para = _ROLE_AUTHOR.sub("Författarna", para)
        para = _ROLE_NAMED.sub(lambda m: "Figur" if m.group(1) == "numref" else "Arbetsbladet",
                               para)
        para = _ROLE_LABEL.sub(_label_text, para)
        para = _LINK.sub(lambda m: m.group(1), para)
        para = re.sub(r"\{\{[^}]*\}\}", "X", para)
        cleaned.append(para)
    return cleaned


def _words(sentence: str) -> int:
    return sum(1 for token in sentence.split() if re.search(r"[\wåäöÅÄÖ]", token))


def long_sentences(text: str, limit: int = MAX_WORDS) -> list[tuple[int, str]]:
    """Sentences in the chapter's running text with more than ``limit`` words."""
    found = []
    for para in prose_paragraphs(text):
        for sentence in _SENTENCE_END.split(para):
            n = _words(sentence)
            if n > limit:
                found.append((n, sentence))
    return found


def test_sentence_splitter_finds_a_long_sentence_and_ignores_citations_and_tables():
    long = " ".join(["Ord"] + ["ord"] * 40) + "."
    text = (f"Kort mening {{cite:p}}`a,b,c`. {long}\n\n| {' '.join(['x'] * 60)} |\n\n"
            f"> {' '.join(['citat'] * 60)}\n")
    assert [n for n, _ in long_sentences(text)] == [41]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_sentence_in_a_chapter_runs_over_forty_words(path):
    found = long_sentences(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{n} ord: {s[:120]}…" for n, s in found)


# --- Confidentiality and information sharing ---------------------------------------------

def test_no_chapter_says_secrecy_is_lifted_in_emergencies():
    for path in CHAPTERS:
        text = path.read_text(encoding="utf-8").lower()
        for phrase in ("sekretesskyddet är upphävt", "sekretessen är upphävd", "sekretessen upphävs"):
            assert phrase not in text, f"{path.name}: {phrase}"


def test_chapters_on_sharing_records_cite_the_2022_law_and_not_the_wrong_sfs_number():
    for prefix in ("02_", "07_", "14_"):
        text = _chapter(prefix)
        assert "sfs2022_913" in text, prefix
        assert "2020:646" not in text and "sfs2020_646" not in text, prefix
    assert "sfs2020_646" not in _bib_entries()


def test_chapter_seven_names_the_secrecy_breaking_rules_of_the_secrecy_act():
    text = _chapter("07_")
    assert "sekretessbrytande bestämmelser" in text.lower()
    assert "8 kap. 1–2 §§ OSL" in text and "12 kap. 2 § OSL" in text
    assert "1 januari 2023" in text


# --- Other corrected facts ---------------------------------------------------------------

def test_chapter_nine_dates_englands_integrated_care_systems_to_july_2022():
    text = _chapter("09_")
    assert "1 juli 2022" in text and "hca2022" in text
    assert "sedan sommaren 2023 en modell" not in text


def test_chapter_nine_says_finlands_reform_moved_responsibility_upwards():
    text = _chapter("09_")
    assert "flyttade alltså ansvaret uppåt" in text
    assert "för att öka decentraliseringen, medan" not in text


def test_tight_loose_tight_is_traced_to_peters_and_waterman_in_chapter_and_glossary():
    assert "peters1982" in _chapter("05_")
    glossary = (BOOK / "ordlista.md").read_text(encoding="utf-8")
    entry = glossary.split("\nTight–Loose–Tight\n", 1)[1].split("\n\n", 1)[0]
    assert "peters1982" in entry


def test_the_call_for_papers_is_not_presented_as_evidence():
    text = _chapter("05_")
    cite = text.index("barton2018")
    assert "inte en studie" in text[cite - 400:cite]


def test_continuity_table_shows_only_sources_that_could_be_found_and_says_what_kind():
    text = _chapter("04_")
    table = text.split(":name: tab-kontinuitet-evidens", 1)[1].split(":::", 1)[0]
    assert "Slags källa" in table
    for unfound in ("ridd2011", "howie2006", "schers2006", "mercer2016", "freeman2003"):
        assert unfound not in text


def test_success_factors_are_not_claimed_to_hold_regardless_of_size():
    first = _chapter("08_").split(":::", 2)[1]
    assert "oavsett ortens storlek" not in first
    assert "visar att det går." not in _chapter("01_")


def test_colour_profiles_say_that_they_move_from_residents_to_efforts():
    for prefix in ("07_", "13_"):
        assert "invånare, inte insatser" in _chapter(prefix) or \
            "beskriver färgerna invånare" in _chapter(prefix), prefix


# --- Bibliography ------------------------------------------------------------------------

FIXED_ENTRIES = {
    "gray2015": "howpublished", "crawford2010": "doi", "schneider2010": "doi", "saultz2005": "doi",
    "sfs2022_913": "url", "sfs2009_400": "url", "hca2022": "url", "nhsengland2023": "url",
    "stm2023": "url", "accounts2023": "url", "nelson2007": "isbn",
    "berwick2008": "doi", "plsek2001": "doi", "whittington2015": "url",
}


@pytest.mark.parametrize("key, field", FIXED_ENTRIES.items())
def test_corrected_bibliography_entries_tell_the_reader_where_to_find_the_work(key, field):
    entries = _bib_entries()
    assert key in entries, key
    assert re.search(rf"^\s*{field}\s*=", entries[key], re.M), f"{key} saknar {field}"


def test_the_buurtzorg_report_is_one_entry_with_its_real_publisher_and_year():
    entries = _bib_entries()
    assert "commonwealth2023" not in entries
    assert "Commonwealth Fund" in entries["gray2015"] and "pub. 1818" in entries["gray2015"]
    assert "2015" in entries["gray2015"]
    assert "crawford2014" not in entries and "nelson2008" not in entries


def test_bibliography_keys_are_unique():
    text = (BOOK / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,\s]+),", text, re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


# --- One name for the note-taker ---------------------------------------------------------

NOTE_TAKER_FILES = [*CHAPTERS, BOOK / "ordlista.md", BOOK / "om.md",
                    *sorted((ROOT / "data").glob("*.yml")),
                    *sorted((ROOT / "src" / "naravard").rglob("*.py"))]


def test_the_note_taker_is_called_sekreterare_everywhere():
    for path in NOTE_TAKER_FILES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bskrivar(e|en|na|ne)\b", text, re.I), path.name


# --- Anglicisms ----------------------------------------------------------------------------

def test_chapters_avoid_the_anglicisms_named_in_the_review():
    for path in CHAPTERS:
        text = path.read_text(encoding="utf-8")
        prose = " ".join(prose_paragraphs(text)).lower()
        for word in ("slack", "high tech", "data science"):
            assert word not in prose, f"{path.name}: {word}"
        assert not re.search(r"\b(är|blir|vara|mer|mindre) (tight|loose)\b", prose), path.name
