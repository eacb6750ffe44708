"""kill -9 at any moment of an ingest from stdin, a forget, a merge or a rebuild, then the same command again:
the knowledge base ends equal to a run that was never killed, with no lock held and no file
left behind but the store's own."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from clusterkb.store import Store

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
REGIONS = ["Омской", "Тюменской", "Томской", "Курской", "Липецкой", "Калужской", "Пензенской", "Тверской"]


def feed(n: int) -> str:
    """n articles of our own as JSON Lines, each about a park in a region."""
    lines = []
    for i in range(n):
        region = REGIONS[i % len(REGIONS)]
        text = (f"В {region} области открыли индустриальный парк «Парк-{i}». Резидентами стали {i + 3} компаний, "
                f"инвестиции составят {i + 1},5 млрд рублей. Губернатор {region} области Иван Петров{i % 3} "
                f"сообщил, что к 2026 году в регионе появятся ещё {i % 4 + 2} парка.")
        lines.append(json.dumps({"text": text, "url": f"https://example.ru/news/{i}", "published": "2025-03-0%d" % (i % 9 + 1)},
                                ensure_ascii=False))
    return "\n".join(lines) + "\n"


def clusterkb(data: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, "--data-dir", str(data), *args], input=input, capture_output=True, text=True,
                          timeout=300)


def exported(data: Path) -> list[dict]:
    out = clusterkb(data, "export", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def killed(data: Path, args: list[str], input: str | None, after: float) -> None:
    proc = subprocess.Popen([SCRIPT, "--data-dir", str(data), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    if input is not None:
        try:
            proc.stdin.write(input)
            proc.stdin.close()
        except BrokenPipeError:
            pass
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def assert_clean(data: Path) -> None:
    """No lock held (a writer gets it at once) and nothing left but the store and its lock."""
    with Store(data).lock(wait=0):
        pass
    left = {p.name for p in (data / "extracted").iterdir()}
    assert left <= {"kb.sqlite", "kb.sqlite-wal", "kb.sqlite-shm", ".lock"}, left


def test_ingest_from_stdin_killed_anywhere_then_run_again_loses_nothing(tmp_path):
    lines = feed(24)
    reference = tmp_path / "reference"
    assert clusterkb(reference, "ingest", "-", "-q", input=lines).returncode == 0
    data = tmp_path / "data"
    rng = random.Random(5)
    for _ in range(5):
        killed(data, ["ingest", "-", "-q"], lines, rng.uniform(0.5, 4.0))
    final = clusterkb(data, "ingest", "-", input=lines)
    assert final.returncode == 0, final.stderr
    assert exported(data) == exported(reference)
    assert_clean(data)


def test_forget_killed_anywhere_then_run_again_forgets_all(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, line in enumerate(feed(12).splitlines()):
        (raw / f"{i:02d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    gone = [str(raw / f"{i:02d}.txt") for i in range(0, 12, 2)]
    reference, data = tmp_path / "reference", tmp_path / "data"
    for d in (reference, data):
        assert clusterkb(d, "ingest", str(raw), "-q").returncode == 0
    assert clusterkb(reference, "forget", *gone).returncode == 0
    rng = random.Random(9)
    for _ in range(4):
        killed(data, ["forget", *gone], None, rng.uniform(0.15, 1.2))
    again = clusterkb(data, "forget", *gone)
    assert again.returncode in (0, 1), again.stderr  # 1: some were forgotten by a killed run already
    assert exported(data) == exported(reference)
    assert clusterkb(data, "ingest", str(raw), "-q").returncode == 0  # forgotten files stay out
    assert exported(data) == exported(reference)
    assert_clean(data)


def test_merge_and_rebuild_killed_anywhere_keep_the_judgement_once(tmp_path):
    lines = feed(12)
    reference, data = tmp_path / "reference", tmp_path / "data"
    for d in (reference, data):
        assert clusterkb(d, "ingest", "-", "-q", input=lines).returncode == 0
    parks = sorted(f["id"] for f in exported(reference) if f["kind"] == "organization" and "Парк-" in f["name"])[:2]
    assert clusterkb(reference, "merge", *parks).returncode == 0
    rng = random.Random(13)
    for _ in range(4):
        killed(data, ["merge", *parks], None, rng.uniform(0.2, 2.5))
    if not clusterkb(data, "judgements", "--format", "jsonl").stdout:  # every kill came before the commit
        assert clusterkb(data, "merge", *parks).returncode == 0
    for _ in range(3):
        killed(data, ["rebuild"], None, rng.uniform(0.2, 2.5))
    assert clusterkb(data, "rebuild").returncode == 0
    assert exported(data) == exported(reference)
    judged = [json.loads(line) for line in clusterkb(data, "judgements", "--format", "jsonl").stdout.splitlines()]
    assert [(j["id"], j["verb"], j["entities"]) for j in judged] == [(1, "merge", parks)]
    assert_clean(data)
