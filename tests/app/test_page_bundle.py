"""A worksheet page gets Voilà's script chunks in one file, fetched while the kernel works.

The recorded chunk list (``src/naravard/app/page_chunks.json``) must match the installed Voilà;
after an upgrade, record it again with ``benchmarks/record_page_chunks.py``.
"""

from __future__ import annotations

import json
import re

import pytest
import voila
from voila.paths import collect_static_paths
from voila.utils import get_voila_labextensions_path

from naravard.app import pagebundle
from naravard.app.pagebundle import SWITCH_ENV, chunk_source, recorded_chunks, write_page_bundle
from tests.browser_support import open_worksheet

STATIC = collect_static_paths(["voila", "nbconvert"], "lab")
LABEXTENSIONS = get_voila_labextensions_path()
#: A chunk fetched on its own (not the main script, not an extension's entry point).
CHUNK = re.compile(r"/voila/(static/\d+\.voila\.js|labextensions/.+/static/"
                   r"(?!remoteEntry\.)[^/?]+\.js)")


def test_the_chunks_are_recorded_for_the_installed_voila():
    version, chunks = recorded_chunks()
    assert version == voila.__version__, (
        f"page_chunks.json är inspelad för Voilà {version}, installerad är {voila.__version__}: "
        "kör .venv/bin/python benchmarks/record_page_chunks.py")
    assert len(chunks) > 20


def test_every_recorded_chunk_is_a_file_voila_serves():
    _version, chunks = recorded_chunks()
    missing = [c for c in chunks if chunk_source(c, STATIC, LABEXTENSIONS) is None]
    assert missing == []


def test_the_bundle_runs_each_chunk_in_its_own_scope_in_the_recorded_order(tmp_path):
    name = write_page_bundle(tmp_path, STATIC, LABEXTENSIONS)
    assert name and re.fullmatch(r"page-[0-9a-f]{12}\.js", name)
    text = (tmp_path / name).read_text("utf-8")
    _version, chunks = recorded_chunks()
    positions = [text.index(f"/* {chunk} */\n(function () {{\n") for chunk in chunks]
    assert positions == sorted(positions)
    first = chunk_source(chunks[0], STATIC, LABEXTENSIONS).read_text("utf-8")
    assert f"(function () {{\n{first}\n}})();\n" in text


def test_a_new_bundle_replaces_the_old_one_and_an_unchanged_one_is_kept(tmp_path):
    (tmp_path / "page-000000000000.js").write_text("old", "utf-8")
    name = write_page_bundle(tmp_path, STATIC, LABEXTENSIONS)
    assert sorted(p.name for p in tmp_path.glob("page-*.js")) == [name]
    stamp = (tmp_path / name).stat().st_mtime_ns
    assert write_page_bundle(tmp_path, STATIC, LABEXTENSIONS) == name
    assert (tmp_path / name).stat().st_mtime_ns == stamp


def test_no_bundle_when_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(SWITCH_ENV, "off")
    assert write_page_bundle(tmp_path, STATIC, LABEXTENSIONS) is None
    assert list(tmp_path.iterdir()) == []


def test_no_bundle_for_chunks_recorded_with_another_voila(tmp_path, monkeypatch):
    recorded = tmp_path / "page_chunks.json"
    _version, chunks = recorded_chunks()
    recorded.write_text(json.dumps({"voila": "0.0.1", "chunks": chunks}), "utf-8")
    monkeypatch.setattr(pagebundle, "CHUNKS_FILE", recorded)
    assert write_page_bundle(tmp_path / "out", STATIC, LABEXTENSIONS) is None


def test_no_bundle_when_a_recorded_chunk_is_missing(tmp_path, monkeypatch):
    recorded = tmp_path / "page_chunks.json"
    recorded.write_text(json.dumps({"voila": voila.__version__,
                                    "chunks": ["voila/static/999999.voila.js"]}), "utf-8")
    monkeypatch.setattr(pagebundle, "CHUNKS_FILE", recorded)
    assert write_page_bundle(tmp_path / "out", STATIC, LABEXTENSIONS) is None


def test_a_path_outside_voilas_folders_is_never_read():
    assert chunk_source("voila/static/../../../etc/passwd", STATIC, LABEXTENSIONS) is None
    assert chunk_source("naravard/js/a11y.js", STATIC, LABEXTENSIONS) is None


@pytest.mark.browser
@pytest.mark.book
@pytest.mark.parametrize("name", ["forum_mapping", "uppfoljning"])
def test_a_served_worksheet_fetches_no_chunk_on_its_own(offline, name):
    o = offline()
    page = open_worksheet(o, name, "paket")
    page.wait_for_selector(".naravard-app input, .naravard-app button", timeout=60_000)
    fetched = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert [url for url in fetched if re.search(r"/naravard/static/page-[0-9a-f]{12}\.js$", url)]
    assert [url for url in fetched if CHUNK.search(url)] == []
    assert len(fetched) < 20
    assert o.failed == [] and o.blocked == []
