"""Hostile and unbounded input (issue 14), each through the installed command on a generated
fixture: an article over its time budget, lone surrogates, symlinks out of the inputs, special
files, control characters, huge metadata and long file names."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
GOOD = "В Томской области создан новый промышленный кластер. В него вошли 12 компаний региона.\n"
PARAGRAPH = ("Губернатор Омской области Виталий Хоценко открыл индустриальный парк «Омский». "
             "Резидентами стали {n} компаний, инвестиции составят {n} млрд рублей. "
             "Директор АО «Сибирский завод» Иван Петров сообщил, что до 2026 года будет создано {n} рабочих мест.\n")


def run(*args: str, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, input=stdin, timeout=timeout)


def errors(out: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in out.stderr, out.stderr
    return [line for line in out.stderr.splitlines() if line.startswith("clusterkb: ")]


def long_article(chars: int) -> str:
    parts, size, n = [], 0, 2
    while size < chars:
        parts.append(PARAGRAPH.format(n=n))
        size, n = size + len(parts[-1]), n + 1
    return "".join(parts)


def test_an_article_past_its_time_budget_fails_alone_and_the_batch_goes_on(tmp_path):
    slow, good = tmp_path / "slow.txt", tmp_path / "good.txt"
    slow.write_text(long_article(1_000_000), encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    out = run("extract", str(slow), str(good), "--article-timeout", "1", "--format", "jsonl")
    assert out.returncode == 1
    assert [json.loads(line)["article"]["path"] for line in out.stdout.splitlines()] == [str(good)]
    [line] = errors(out)
    assert "slow.txt" in line and "--article-timeout" in line
    data = tmp_path / "data"
    out = run("--data-dir", str(data), "ingest", str(slow), str(good), "--article-timeout", "1", "--workers", "2")
    assert out.returncode == 1
    assert [line for line in errors(out) if "slow.txt" in line and "--article-timeout" in line]
    stats = json.loads(run("--data-dir", str(data), "stats", "--format", "json").stdout)
    assert stats["articles"] == 1
