"""The curated tables in src/clusterkb/data: each says what it holds, each is read by the code
(through lang/tables.py), and a word list reads as the set the extractors test words against."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from clusterkb.lang.tables import load, words

SOURCE = Path(__file__).resolve().parent.parent / "src" / "clusterkb"
TABLES = sorted(p.name for p in (SOURCE / "data").glob("*.json"))
CODE = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py"))


@pytest.mark.parametrize("name", TABLES)
def test_every_table_says_what_it_holds_and_is_read_by_the_code(name):
    table = load(name)
    assert isinstance(table.get("about"), str), f"{name}: no «about»"
    assert f'"{name}"' in CODE, f"{name}: no module loads it"


def test_a_word_list_is_read_as_a_set():
    forms = words("legal_forms.json", "forms")
    assert {"ООО", "ФГУП"} <= forms and isinstance(forms, frozenset)
    assert len(forms) == len(json.loads((SOURCE / "data" / "legal_forms.json").read_text(encoding="utf-8"))["forms"])
    with pytest.raises(KeyError):
        words("legal_forms.json", "no such list")
