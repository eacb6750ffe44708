"""English names whose words are apart by a tab, a no-break space, two spaces or a line break:
read whole, never a crash (`clusterkb extract` of such a file used to raise «substring not found»)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from clusterkb.cli import app

SPACINGS = {"tab": "\t", "no-break space": "\u00a0", "two spaces": "  ", "line break": "\n"}


@pytest.mark.parametrize("spacing", SPACINGS.values(), ids=SPACINGS.keys())
def test_an_organisation_with_any_spacing_is_read_through_the_cli(tmp_path, spacing):
    text = ("Tomsk cluster gets support\n\n"
            f"The Industrial{spacing}Development{spacing}Fund of the Tomsk Region approved a loan "
            "to a local plant on Monday.\n")
    path = tmp_path / "en.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "extract", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout.splitlines()[0])["facts"]
    orgs = [f for f in facts if f["kind"] == "organization"]
    assert [o["name"] for o in orgs] == ["Industrial Development Fund of the Tomsk Region"]
    mention = orgs[0]["mentions"][0]
    assert text[mention["start"]:mention["end"]] == mention["text"]
