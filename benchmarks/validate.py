"""How fast is `cjm validate`, next to the tool a team would otherwise use?

Generates a corpus of realistic journeys, then times whole processes side by side:
`cjm validate` (every rule, line and column on every finding) against
`check-jsonschema --schemafile schemas/journey.schema.json` (structure only) on the same files,
both reading YAML with ruamel.yaml's C parser. Peak memory is each run's largest process.

    pip install -e '.[bench]'
    python benchmarks/validate.py                 # 1,000 journeys of about 40 touchpoints
    python benchmarks/validate.py --files 200 --runs 5
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "journey.schema.json"
SMALL_FILE = ROOT / "examples" / "ecommerce-omnichannel.yaml"

CHANNELS = ["web", "mobile-app", "email", "sms", "whatsapp", "chat", "social", "phone", "store", "postal"]
TEAMS = ["marketing", "sales", "care", "logistics", "platform", "claims"]
PERSONAS = ["ana", "luis", "marta"]
WORDS = ["precio", "cobertura", "simulador", "póliza", "renovación", "siniestro", "pago", "cliente", "app", "web", "llamada", "espera", "formulario", "datos", "carta", "mediador", "oferta", "descuento", "factura", "entrega"]  # fmt: skip


def sentence(rng: random.Random, words: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def touchpoint(rng: random.Random, n: int, personas: list[str] = PERSONAS) -> str:
    passing = rng.sample(personas, rng.randint(1, len(personas)))
    emotion = rng.choice([
        str(rng.randint(-2, 2)),
        "{" + ", ".join(f"{p}: {rng.randint(-2, 2)}" for p in passing) + "}",  # only who passes (CJM206)
        rng.choice(["positive", "negativo", "neutral"]),
    ])  # fmt: skip
    lines = [
        f"          - id: tp-{n}",
        f"            name: {sentence(rng, 4)}",
        f"            channel: {rng.choice(CHANNELS)}",
        f"            activity: {sentence(rng)}",
        f"            personas: [{', '.join(passing)}]",
        f"            emotion: {emotion}",
        f"            expected_emotion: {rng.randint(0, 2)}",
        f'            thoughts: "{sentence(rng, 8)}?"',
        f"            confidence: {rng.choice(['observed', 'reported', 'inferred', 'assumed'])}",
    ]
    if rng.random() < 0.9:
        lines.append(f"            owner: {rng.choice(TEAMS)}")
    if rng.random() < 0.5:
        lines += [
            f"            frontstage: {sentence(rng)}",
            f"            backstage: [{sentence(rng, 3)}, {sentence(rng, 2)}]",
        ]
    if rng.random() < 0.3:
        lines.append(f"            moment: {rng.choice(['truth', 'pain'])}")
    if rng.random() < 0.5:
        lines += [f"            problems: [{sentence(rng)}]", "            improvements:",
                  f"              - {{text: {sentence(rng)}, owner: {rng.choice(TEAMS)}, status: planned, priority: high}}"]  # fmt: skip
    if rng.random() < 0.4:
        target = "" if rng.random() < 0.2 else f", target: {rng.randint(10, 90)}"
        lines += [
            "            metrics:",
            f'              - {{name: NPS, value: {rng.randint(-20, 80)}{target}, unit: "pts"}}',
        ]
    return "\n".join(lines)


def journey(rng: random.Random, index: int, touchpoints: int, cast: list[str] = PERSONAS) -> str:
    personas = "\n".join(
        f"  - {{id: {p}, name: {p.title()}, role: buyer, needs: [{sentence(rng, 3)}], channels: [web, email]}}"
        for p in cast
    )
    teams = "\n".join(f"  - {{id: {t}, name: {t.title()}, stage: front}}" for t in TEAMS)
    phases, n = [], 0
    for phase in ("before", "during", "after"):
        stages = []
        for s in range(2):
            count = touchpoints // 6 + (1 if n < touchpoints % 6 else 0)
            body = "\n".join(touchpoint(rng, n + k, cast) for k in range(count))
            n += count
            stages.append(
                f"      - id: {phase}-{s}\n        name: {sentence(rng, 2)}\n        touchpoints:\n{body}"
            )
        phases.append(f"  - id: {phase}\n    stages:\n" + "\n".join(stages))
    return (
        f"# yaml-language-server: $schema=../schemas/journey.schema.json\ncjm: 1\nid: journey-{index}\n"
        f"title: {sentence(rng, 5)}\npersonas:\n{personas}\nteams:\n{teams}\nphases:\n"
        + "\n".join(phases)
        + "\n"
    )


def make_corpus(folder: Path, files: int, touchpoints: int) -> int:
    rng = random.Random(20261124)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(files):
        text = journey(rng, i, touchpoints)
        (folder / f"journey-{i:04}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MB) of the largest process, exit code."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(label: str, command: list[str], runs: int) -> dict[str, float | str]:
    results = [run(command) for _ in range(runs)]
    codes = {code for _, _, code in results}
    return {
        "label": label,
        "seconds": statistics.median(t for t, _, _ in results),
        "memory": max(m for _, m, _ in results),
        "exit": ",".join(map(str, sorted(codes))),
    }


def check_c_parsers() -> None:
    from ruamel.yaml import YAML

    from cjm.loader import has_c_parser

    yaml = YAML(typ="safe")
    yaml.load("a: 1")
    uses_c = type(yaml.parser).__name__ == "CParser"
    print(
        f"C parser: cjm {'yes' if has_c_parser() else 'NO'}, check-jsonschema (ruamel safe loader) {'yes' if uses_c else 'NO'}"
    )


def table(rows: list[dict[str, float | str]], baseline: float) -> None:
    print(f"| {'command':<44} | {'seconds':>8} | {'vs check-jsonschema':>19} | {'peak MB':>7} | exit |")
    print(f"| {'-' * 44} | {'-' * 8}:| {'-' * 19}:| {'-' * 7}:| ---- |")
    for row in rows:
        ratio = baseline / float(row["seconds"])
        print(
            f"| {row['label']:<44} | {row['seconds']:>8.3f} | {ratio:>18.1f}x | {row['memory']:>7.0f} | {row['exit']:>4} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (the median is shown)")
    parser.add_argument("--keep", type=Path, help="keep the corpus in this folder")
    args = parser.parse_args()
    check_jsonschema = shutil.which("check-jsonschema")
    if check_jsonschema is None:
        sys.exit("check-jsonschema is not installed: pip install -e '.[bench]'")
    cjm = [sys.executable, "-m", "cjm"]
    check_c_parsers()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cjm-bench-"))
    size = make_corpus(folder / "corpus", args.files, args.touchpoints)
    files = sorted(str(p) for p in (folder / "corpus").glob("*.yaml"))
    print(
        f"corpus: {len(files)} journeys, {args.touchpoints} touchpoints each, {size / len(files) / 1024:.1f} KB a file, {os.cpu_count()} cores\n"
    )

    baseline = measure(
        "check-jsonschema (structure only)",
        [check_jsonschema, "--schemafile", str(SCHEMA), *files],
        args.runs,
    )
    rows = [
        baseline,
        measure(
            "cjm validate (every rule, all cores)", [*cjm, "validate", str(folder / "corpus")], args.runs
        ),
        measure(
            "cjm validate --jobs 1 (every rule, one core)",
            [*cjm, "validate", "--jobs", "1", str(folder / "corpus")],
            args.runs,
        ),
    ]
    table(rows, float(baseline["seconds"]))

    small = SMALL_FILE.relative_to(ROOT)
    print(f"\none small file ({small}, {SMALL_FILE.stat().st_size / 1024:.1f} KB), the pre-commit case:\n")
    small_runs = max(args.runs, 10)
    small_baseline = measure(
        "check-jsonschema", [check_jsonschema, "--schemafile", str(SCHEMA), str(SMALL_FILE)], small_runs
    )
    table(
        [small_baseline, measure("cjm validate", [*cjm, "validate", str(SMALL_FILE)], small_runs)],
        float(small_baseline["seconds"]),
    )
    if args.keep is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
