"""The Vega/Vega-Lite/Vega-Embed JavaScript bundle, built locally by vl-convert (no CDN)."""

from __future__ import annotations

from pathlib import Path

from naravard.core.store import atomic_write_text

SNIPPET = "export default vegaEmbed;\nexport { vegaEmbed, vega, vegaLite };\n"


def bundle_name() -> str:
    import vl_convert as vlc

    from naravard.core.charts import _vl_version

    return f"vega-{vlc.__version__}-{_vl_version()}.mjs"


def ensure_bundle(folder: Path) -> Path:
    """Write the ES-module bundle to ``folder/vega.mjs`` (rebuilt when vl-convert changes)."""
    import vl_convert as vlc

    from naravard.core.charts import _vl_version

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "vega.mjs"
    stamp = folder / "vega.version"
    name = bundle_name()
    if target.exists() and stamp.exists() and stamp.read_text().strip() == name:
        return target
    code = vlc.javascript_bundle(SNIPPET, vl_version=_vl_version())
    atomic_write_text(target, code)
    atomic_write_text(stamp, name + "\n")
    return target
