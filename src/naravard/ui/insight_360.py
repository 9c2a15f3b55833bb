"""Worksheet: 360-degree insight (first version): frame the question and classify it.

Step 1 frames "fråga X"; step 3 places it on the Stacey matrix from two sliders. Everything is
saved as it is typed.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..figures.stacey import classify, stacey_matrix
from ..store import get_path
from ..text import escape
from .common import Session, autosaved_text, header
from .widgets import VegaChart

DOC = "insight_360"
ZONE_ADVICE = {
    "enkel": "Enkel fråga: det finns ett känt svar. Besluta och genomför; systemledningen behöver "
             "inte lägga tid här.",
    "komplicerad": "Komplicerad fråga: svaret går att räkna ut med rätt expertis. Låt experter "
                   "utreda och föreslå.",
    "komplex": "Komplex fråga: ingen vet svaret i förväg. Samla perspektiv, pröva i liten skala "
               "och lär av resultatet – här gör 360-gradersinsikten mest nytta.",
    "kaotisk": "Kaotisk fråga: varken samsyn eller kunskap. Skapa först stabilitet, agera och "
               "samla sedan in insikter.",
}


def classification_chart(title: str, agreement: float, certainty: float):
    point = pd.DataFrame([{"label": title or "Fråga X", "agreement": agreement,
                           "certainty": certainty}])
    return stacey_matrix(points=point)


def build(session: Session) -> w.Widget:
    data = session.read()
    frame = w.VBox([
        w.HTML("<h2>Steg 1. Formulera frågan</h2><p class='naravard-help'>Vilken svår fråga "
               "mellan region och kommuner ska systemledningen förstå bättre?</p>"),
        autosaved_text(session, ("question", "title"), "Frågans rubrik",
                       placeholder="Till exempel: Hur hanterar vi statsbidragen tillsammans?"),
        autosaved_text(session, ("question", "description"), "Beskrivning", multiline=True),
        autosaved_text(session, ("question", "why_now"), "Varför nu?", multiline=True, rows=3),
        autosaved_text(session, ("question", "owner"), "Vems fråga är det?",
                       placeholder="Till exempel: systemledningen gemensamt"),
    ])
    frame.add_class("naravard-card")

    agreement = w.FloatSlider(value=float(get_path(data, ("classification", "agreement"), 0.5)),
                              min=0, max=1, step=0.05, readout_format=".2f",
                              description="Samsyn om vad som ska göras", style={"description_width": "16rem"},
                              layout=w.Layout(width="36rem"), continuous_update=False)
    certainty = w.FloatSlider(value=float(get_path(data, ("classification", "certainty"), 0.5)),
                              min=0, max=1, step=0.05, readout_format=".2f",
                              description="Säkerhet om orsak och verkan", style={"description_width": "16rem"},
                              layout=w.Layout(width="36rem"), continuous_update=False)
    zone = w.HTML("")
    chart = VegaChart()

    def show() -> None:
        current = session.read()
        title = get_path(current, ("question", "title"), "") or "Fråga X"
        kind = classify(agreement.value, certainty.value)
        zone.value = (f'<p class="naravard-zone"><strong>{escape(kind.capitalize())}</strong> – '
                      f"{escape(ZONE_ADVICE[kind])}</p>")
        chart.show(classification_chart(title, agreement.value, certainty.value))

    @session.guarded
    def on_slide(_change) -> None:
        session.save(("classification",), {"agreement": agreement.value,
                                           "certainty": certainty.value,
                                           "zone": classify(agreement.value, certainty.value)})
        show()

    agreement.observe(on_slide, names="value")
    certainty.observe(on_slide, names="value")
    show()
    classify_box = w.VBox([
        w.HTML("<h2>Steg 3. Klassificera frågan</h2><p class='naravard-help'>Hur eniga är ni om "
               "vad som behöver göras, och hur säkert vet ni vad som leder till vad?</p>"),
        agreement, certainty, zone, chart,
    ])
    classify_box.add_class("naravard-card")
    return w.VBox([
        header(session, "Insiktsinsamling i 360 grader",
               "Ta en svår gemensam fråga från formulering till en bild av hur synerna skiljer sig."),
        session.status, frame, classify_box,
    ])
