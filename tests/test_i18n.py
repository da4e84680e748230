"""Every label cjm writes has a translation, and the language is chosen as the format says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import cjm

from cjm.language import LANGUAGES
from cjm.model import BUILTIN_CHANNELS
from cjm.present.i18n import LOCALES, choose, words

SOURCE = Path(__file__).resolve().parent.parent / "src" / "cjm"
KEYWORDS = {"t": None, "plural": (1, 2), "N_": None, "in_context": ((1, "c"), 2)}  # t("..."),
# t.plural("...", "...", n), N_("..."), t.in_context("context", "...")


def messages_in_code() -> set[str]:
    found = extract_from_dir(str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS)
    extracted = {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}
    return extracted | {channel.name for channel in BUILTIN_CHANNELS.values()}  # shown in the map's language


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_english_message_has_a_translation_and_no_catalog_entry_is_stale(lang: str) -> None:
    translated: dict[str, object] = {}
    for path in sorted((LOCALES / lang).glob("*.po")):
        with path.open("rb") as po:
            translated |= {
                str(m.id if isinstance(m.id, str) else m.id[0]): m.string
                for m in read_po(po, locale=lang)
                if m.id and (m.string if isinstance(m.string, str) else all(m.string))
            }
    used = messages_in_code()
    assert used, "no message found in the code: the extraction keywords are wrong"
    assert sorted(used - set(translated)) == [], f"messages without a {lang} translation"
    assert sorted(set(translated) - used) == [], f"{lang}.po translates messages the code no longer has"


def test_spanish_words_and_decimals() -> None:
    t = words("es")
    assert t("Moment of Pain") == "Momento de dolor" and words("en")("Moment of Pain") == "Moment of Pain"
    assert t.number(6.1) == "6,1" and words("en").number(6.1) == "6.1"


def test_the_flag_wins_then_the_journey_then_its_catalogs_then_the_configuration() -> None:
    assert choose("en", "es", "es", "es") == "en"
    assert choose(None, "es", "en", "en") == "es"
    assert choose(None, None, "es", "en") == "es"
    assert choose(None, None, None, "es") == "es"
    assert choose(None, None, None, None) == "en"


def test_the_language_comes_from_the_flag_the_journey_the_catalogs_it_uses_then_the_configuration(
    tmp_path: Path,
) -> None:
    """A catalog's `lang` speaks for the journeys that take personas or teams from it, not for every
    journey that happens to be in the same folder."""
    (tmp_path / "catalog.yaml").write_text(
        "cjm: 1\nkind: catalog\nlang: es\npersonas: [{id: ana, name: Ana, needs: [x]}]\n"
        "teams: [{id: ventas, name: Ventas}]\n",
        encoding="utf-8",
    )
    journey = "cjm: 1\nid: {id}\ntitle: T\n{extra}phases:\n  - id: before\n    stages:\n      - id: s\n        name: S\n"
    journey += (
        "        touchpoints:\n          - {{id: t, name: T, channel: web, owner: {owner}, emotion: -1}}\n"
    )
    (tmp_path / "uses.yaml").write_text(journey.format(id="uses", extra="personas: [ana]\n", owner="ventas"))
    (tmp_path / "other.yaml").write_text(
        journey.format(id="other", extra="teams: [{id: ops, name: Ops}]\n", owner="ops")
    )

    def lang(*arguments: str) -> str:
        result = cjm("report", *arguments, "--format", "json", cwd=tmp_path)
        assert result.code == 0, result
        return str(json.loads(result.out)["lang"])

    assert lang("uses.yaml", "--catalog", "catalog.yaml") == "es"  # the catalog it takes Ana from
    assert lang("other.yaml", "--catalog", "catalog.yaml") == "en"  # in scope, but unused
    assert lang("uses.yaml", "--catalog", "catalog.yaml", "--lang", "en") == "en"  # the flag wins
    (tmp_path / ".cjm.toml").write_text('lang = "es"\n')
    assert lang("other.yaml", "--catalog", "catalog.yaml") == "es"  # the configuration, last
    (tmp_path / ".cjm.toml").write_text('lang = "fr"\n')
    refused = cjm("report", "other.yaml", cwd=tmp_path)
    assert refused.code == 2 and "'fr' is not a language cjm writes" in refused.err


def test_spanish_input_words_read_as_the_formats_own(tmp_path: Path) -> None:
    """The feminine emotion words and the moments `verdad` and `dolor` mean what their English do."""
    (tmp_path / "j.yaml").write_text(
        "cjm: 1\nid: j\ntitle: T\nphases:\n  - id: before\n    stages:\n      - id: s\n        name: S\n"
        "        touchpoints:\n"
        "          - {id: a, name: A, channel: web, emotion: muy-negativa, moment: dolor, expected_emotion: positiva}\n"
        "          - {id: b, name: B, channel: web, emotion: negativa, moment: verdad}\n"
        "          - {id: c, name: C, channel: web, emotion: muy-positiva}\n",
        encoding="utf-8",
    )
    result = cjm("report", "j.yaml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result
    report = json.loads(result.out)
    assert [p["emotion"] for p in report["curve"]["points"]] == [-2, -1, 2]
    assert [p["expected_emotion"] for p in report["curve"]["points"]] == [1, None, None]
    assert {p["touchpoint"]: p["marked"] for p in report["pains"]} == {"a": True, "b": False}
    assert [t["touchpoint"] for t in report["truths"]] == ["b"]
