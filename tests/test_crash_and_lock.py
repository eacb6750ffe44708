"""A killed ingest loses nothing and never leaves an invalid knowledge base; two ingests never
interleave; a reader always sees a whole knowledge base."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


from clusterkb.facts import SCHEMA_VERSION

SCRIPT = str(Path(sys.executable).parent / "clusterkb")


def clusterkb(data: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, "--data-dir", str(data), *args], capture_output=True, text=True, **kw)


def exported(data: Path) -> list[dict]:
    """The exported facts, with source paths cut to file names (data dirs differ)."""
    out = clusterkb(data, "export", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    facts = [json.loads(line) for line in out.stdout.splitlines()]
    for f in facts:
        for s in f["sources"]:
            s["path"] = Path(s["path"]).name
    return facts


def assert_valid(data: Path) -> None:
    kb = data / "extracted" / "kb.json"
    if kb.exists():
        content = json.loads(kb.read_text(encoding="utf-8"))
        assert content["schema"] == SCHEMA_VERSION
        assert isinstance(content["facts"], list)
    for result in (data / "extracted" / "articles").glob("*.json"):
        assert json.loads(result.read_text(encoding="utf-8"))["facts"] is not None


def test_kill_at_random_moments_then_a_clean_run_gives_the_never_killed_result(data_dir, tmp_path):
    reference = tmp_path / "reference"
    (reference / "raw").mkdir(parents=True)
    for p in (data_dir / "raw").iterdir():
        (reference / "raw" / p.name).write_bytes(p.read_bytes())
    assert clusterkb(reference, "ingest", str(reference / "raw"), "-q").returncode == 0
    rng = random.Random(7)
    for _ in range(6):
        proc = subprocess.Popen([SCRIPT, "--data-dir", str(data_dir), "ingest", str(data_dir / "raw"), "-q", "--force"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_valid(data_dir)
    final = clusterkb(data_dir, "ingest", str(data_dir / "raw"))
    assert final.returncode == 0, final.stderr
    assert_valid(data_dir)
    assert exported(data_dir) == exported(reference)


def test_second_ingest_waits_or_gives_up_with_a_clear_message(data_dir):
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from clusterkb.kb import KnowledgeBase\n"
        "with KnowledgeBase(sys.argv[1]).lock():\n"
        "    print('locked', flush=True); time.sleep(3)\n"), str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    busy = clusterkb(data_dir, "ingest")
    assert busy.returncode == 3
    assert "another ingest" in busy.stderr and "--wait" in busy.stderr
    reader = clusterkb(data_dir, "stats", "--format", "json")  # readers are never blocked
    assert reader.returncode == 0 and json.loads(reader.stdout)["articles"] == 5
    waited = clusterkb(data_dir, "ingest", "--wait", "20")
    holder.wait()
    assert waited.returncode == 0, waited.stderr


def test_a_lock_left_by_a_killed_process_is_taken_over(data_dir):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from clusterkb.kb import KnowledgeBase\n"
        "with KnowledgeBase(sys.argv[1]).lock():\n"
        "    print('locked', flush=True); time.sleep(60)\n"), str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data_dir / "extracted" / ".lock").exists()
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0


def test_a_knowledge_base_of_another_schema_is_refused_clearly(data_dir):
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    root = data_dir / "extracted"
    for name in ("kb.json", "catalog.json"):
        content = json.loads((root / name).read_text(encoding="utf-8"))
        content["schema"] = SCHEMA_VERSION + 1
        (root / name).write_text(json.dumps(content), encoding="utf-8")
    with sqlite3.connect(root / "index.sqlite") as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    for command in (["query"], ["stats"], ["show", "Россия"], ["export"], ["ingest"]):
        out = clusterkb(data_dir, *command)
        assert out.returncode == 3, command
        assert "schema version" in out.stderr and "Traceback" not in out.stderr


def test_a_corrupt_knowledge_base_is_refused_clearly(data_dir):
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    root = data_dir / "extracted"
    (root / "kb.json").write_text('{"schema": 1, "facts": [', encoding="utf-8")
    out = clusterkb(data_dir, "export")
    assert out.returncode == 3 and "cannot read" in out.stderr
    (root / "index.sqlite").write_bytes(b"not a database at all" * 100)
    out = clusterkb(data_dir, "query")
    assert out.returncode == 3 and "cannot read" in out.stderr
