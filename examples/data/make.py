"""Make the survey exports that examples/seguro-hogar.yaml measures: run `python examples/data/make.py`.

Each file is written the way its tool exports it: Qualtrics CSV (three header rows), SurveyMonkey
CSV (two header rows) and an Excel workbook (openpyxl, `pip install openpyxl`). The answers are
drawn from a fixed seed, so the files are the same on every run.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
NPS_LABELS = {0: "0 - Nada probable", 10: "10 - Muy probable"}


def qualtrics(rng: random.Random) -> None:
    """The survey after signing: Q1 the channel, Q3 the 0-10 recommendation question."""
    ids = ["StartDate", "EndDate", "RecordedDate", "ResponseId", "Q1", "Q3", "Q4"]
    texts = ["Start Date", "End Date", "Recorded Date", "Response ID", "¿Por qué canal contrataste?",
             "¿Con qué probabilidad recomendarías Hogar Seguro a un amigo?", "¿Algo que mejorar?"]  # fmt: skip
    imports = [{"ImportId": "startDate", "timeZone": "Europe/Madrid"}, {"ImportId": "endDate", "timeZone": "Europe/Madrid"},
               {"ImportId": "recordedDate", "timeZone": "Europe/Madrid"}, {"ImportId": "_recordId"},
               {"ImportId": "QID1"}, {"ImportId": "QID3"}, {"ImportId": "QID4_TEXT"}]  # fmt: skip
    start = datetime.datetime(2026, 9, 1, 9, 0)
    with (HERE / "encuesta-firma-qualtrics.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerows([ids, texts, [json.dumps(i) for i in imports]])
        for number in range(240):
            when = start + datetime.timedelta(hours=rng.randrange(0, 24 * 90))
            channel = rng.choice(["App", "App", "Web", "Teléfono"])
            score = rng.choices(range(11), weights=[1, 1, 1, 2, 2, 3, 4, 8, 12, 10, 9])[0]
            answer = "" if rng.random() < 0.04 else NPS_LABELS.get(score, str(score))
            comment = rng.choice(["", "", "Más rápido", "La firma en el móvil falló una vez"])
            stamp = when.strftime("%Y-%m-%d %H:%M:%S")
            writer.writerow([stamp, stamp, stamp, f"R_{number:05d}", channel, answer, comment])


def surveymonkey(rng: random.Random) -> None:
    """The survey after renewing in the app: a 0-10 question, and a multiple-choice one."""
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date",
             "¿Recomendarías Hogar Seguro a un amigo o familiar?", "¿Qué te ha gustado de la renovación?", ""]  # fmt: skip
    second = ["", "", "", "", "Response", "Rapidez", "Precio claro"]
    with (HERE / "renovacion-surveymonkey.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerows([first, second])
        for number in range(120):
            when = datetime.datetime(2026, 10, 1) + datetime.timedelta(hours=rng.randrange(0, 24 * 60))
            score = rng.choices(range(11), weights=[1, 1, 1, 1, 2, 2, 3, 6, 10, 9, 8])[0]
            stamp = when.strftime("%m/%d/%Y %I:%M:%S %p")
            writer.writerow([11800000000 + number, 4250001, stamp, stamp, score,
                             "Rapidez" if rng.random() < 0.6 else "", "Precio claro" if rng.random() < 0.3 else ""])  # fmt: skip


def spreadsheet(rng: random.Random) -> None:
    """Claims satisfaction kept by the claims team in a workbook, sheet Respuestas."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    cover.title = "Portada"
    cover.append(["Encuesta de satisfacción con el siniestro"])
    sheet = book.create_sheet("Respuestas")
    sheet.append(["Fecha", "Canal del parte", "Satisfacción (1-5)", "¿Resuelto a la primera?"])
    for _ in range(85):
        day = datetime.date(2026, 8, 1) + datetime.timedelta(days=rng.randrange(0, 100))
        channel = rng.choice(["WhatsApp", "WhatsApp", "Teléfono"])
        score = rng.choices(range(1, 6), weights=[3, 4, 4, 5, 3])[0]
        sheet.append([day, channel, None if rng.random() < 0.05 else score, rng.choice(["Sí", "Sí", "No"])])
    book.save(HERE / "siniestros.xlsx")


if __name__ == "__main__":
    qualtrics(random.Random(2026))
    surveymonkey(random.Random(11))
    spreadsheet(random.Random(8))
