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


from clusterkb.store.schema import VERSION

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
    """The store is whole, and every stored article has its facts."""
    store = data / "extracted" / "kb.sqlite"
    if store.exists():
        with sqlite3.connect(store) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == str(VERSION)
            assert not db.execute("SELECT a.id FROM articles a WHERE a.facts != "
                                  "(SELECT count(*) FROM items i WHERE i.article = a.id)").fetchall()


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
        "import sys, time; from clusterkb.store import Store\n"
        "with Store(sys.argv[1]).lock():\n"
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
        "import sys, time; from clusterkb.store import Store\n"
        "with Store(sys.argv[1]).lock():\n"
        "    print('locked', flush=True); time.sleep(60)\n"), str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data_dir / "extracted" / ".lock").exists()
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0


def test_a_knowledge_base_of_another_schema_is_refused_clearly(data_dir):
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    with sqlite3.connect(data_dir / "extracted" / "kb.sqlite") as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(VERSION + 1),))
    for command in (["query"], ["stats"], ["show", "Россия"], ["export"], ["ingest"]):
        out = clusterkb(data_dir, *command)
        assert out.returncode == 3, command
        assert "schema version" in out.stderr and "Traceback" not in out.stderr


def test_a_corrupt_knowledge_base_is_refused_clearly(data_dir):
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    root = data_dir / "extracted"
    for suffix in ("-wal", "-shm"):
        (root / f"kb.sqlite{suffix}").unlink(missing_ok=True)
    (root / "kb.sqlite").write_bytes(b"not a database at all" * 100)
    for command in (["export"], ["query"], ["stats"], ["ingest"]):
        out = clusterkb(data_dir, *command)
        assert out.returncode == 3 and "cannot read" in out.stderr, command
        assert "Traceback" not in out.stderr


def test_a_knowledge_base_of_the_first_layout_is_moved_into_the_store(data_dir, tmp_path):
    """kb.json, catalog.json and per-article results (schema 1) become the store, no NLP run."""
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    expected = exported(data_dir)
    legacy = tmp_path / "legacy"
    root = legacy / "extracted"
    (root / "articles").mkdir(parents=True)
    with sqlite3.connect(data_dir / "extracted" / "kb.sqlite") as db:
        for (record,) in db.execute("SELECT record FROM articles"):
            article = json.loads(record)
            out = clusterkb(data_dir, "export")  # the facts of one article, rebuilt from the export
            facts = [{"kind": f["kind"], **{k: v for k, v in f.items() if k not in ("id", "kind", "sources", "why")},
                      "mentions": s["mentions"]} for f in map(json.loads, out.stdout.splitlines())
                     for s in f["sources"] if s["article"] == article["id"]]
            (root / "articles" / f"{article['id']}.json").write_text(json.dumps(
                {"schema": 1, "article": article, "file": None, "facts": facts}, ensure_ascii=False), encoding="utf-8")
    (root / "kb.json").write_text('{"schema": 1, "facts": []}', encoding="utf-8")
    refused = clusterkb(legacy, "stats")
    assert refused.returncode == 3 and "clusterkb rebuild" in refused.stderr
    assert clusterkb(legacy, "rebuild").returncode == 0
    assert not (root / "kb.json").exists() and not (root / "articles").exists()
    assert len(exported(legacy)) == len(expected)


def test_ingest_force_sets_an_unreadable_store_aside_and_builds_a_new_one(data_dir):
    assert clusterkb(data_dir, "ingest", "-q").returncode == 0
    expected = exported(data_dir)
    root = data_dir / "extracted"
    for suffix in ("-wal", "-shm"):
        (root / f"kb.sqlite{suffix}").unlink(missing_ok=True)
    (root / "kb.sqlite").write_bytes(b"not a database at all" * 100)
    assert clusterkb(data_dir, "ingest").returncode == 3
    forced = clusterkb(data_dir, "ingest", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "set aside as kb.sqlite.unreadable-" in forced.stderr
    assert list(root.glob("kb.sqlite.unreadable-*"))
    assert exported(data_dir) == expected
