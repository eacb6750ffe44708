"""A nightly batch full of bad input: each bad file is one clear line on stderr, the good
articles still go in, the exit code is 1 and nothing is left half-written."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
GOOD = "В Томской области создан новый промышленный кластер. В него вошли 12 компаний региона.\n"


def make_bad_inputs(folder: Path) -> dict[str, str]:
    """Generated bad files, each with a word its error line must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02\x03" * 20)
    with zipfile.ZipFile(folder / "archive.txt", "w") as z:
        z.writestr("a.txt", "архив")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "program.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64 + bytes(range(256)))
    (folder / "noise.txt").write_bytes(bytes((i * 37 + 11) % 256 for i in range(4000)))
    (folder / "big.txt").write_text(GOOD * 3000, encoding="utf-8")  # over the --max-size used below
    (folder / "chinese.txt").write_text("中国工业园区发展迅速。今年新增了十五个产业集群，投资额达到三十亿元。\n" * 5, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": GOOD, "title": "Кластер"}, ensure_ascii=False) + "\n"
        + '{"text": "сломанная строка\n'
        + json.dumps({"text": "В Омске открылся технопарк. Резидентами стали 7 компаний.", "title": "Технопарк"},
                     ensure_ascii=False) + "\n", encoding="utf-8")
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    return {"empty.txt": "empty", "paper.txt": "PDF", "archive.txt": "ZIP", "image.txt": "PNG", "program.txt": "ELF",
            "noise.txt": "not text", "big.txt": "--max-size", "chinese.txt": "language", "feed.jsonl:2": "JSON",
            "loop": "loop"}


def test_bad_input_never_stops_the_batch(data_dir):
    raw = data_dir / "raw"
    expected = make_bad_inputs(raw / "night")
    (raw / "night" / "long-line.txt").write_text("Кластер" + "ж" * 1_000_000 + "\n" + GOOD, encoding="utf-8")
    (raw / "night" / "control.txt").write_text("В Омске\x00\x07\x1b[31m открыли\ud800 технопарк. " + GOOD,
                                               encoding="utf-8", errors="surrogatepass")
    out = subprocess.run([SCRIPT, "--data-dir", str(data_dir), "ingest", str(raw), "--max-size", "100KB"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("clusterkb: ")]
    for name, word in expected.items():
        lines = [line for line in errors if name in line]
        assert len(lines) == 1, (name, errors)
        assert word.lower() in lines[0].lower()
    stats = json.loads(subprocess.run([SCRIPT, "--data-dir", str(data_dir), "stats", "--format", "json"],
                                      capture_output=True, text=True).stdout)
    assert stats["articles"] >= 5 + 2  # the samples and the two good feed lines
    exported = subprocess.run([SCRIPT, "--data-dir", str(data_dir), "export"], capture_output=True, text=True)
    assert exported.returncode == 0 and exported.stdout.strip()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported(data_dir):
    secret = data_dir / "raw" / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    out = subprocess.run([SCRIPT, "--data-dir", str(data_dir), "ingest"], capture_output=True, text=True)
    assert out.returncode == 1 and "secret.txt" in out.stderr and "ermission" in out.stderr


def test_a_path_that_does_not_exist_is_a_usage_error(data_dir):
    out = subprocess.run([SCRIPT, "--data-dir", str(data_dir), "ingest", str(data_dir / "missing.txt")],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "missing.txt" in out.stderr


def test_a_bug_in_reading_one_file_fails_that_file_only(tmp_path, monkeypatch):
    from clusterkb.read import articles, boilerplate
    from clusterkb.read.articles import ArticleError

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Особый случай. " + GOOD, encoding="utf-8")
    real = boilerplate.layout

    def layout(text, lang):
        if text.startswith("Особый"):
            raise RuntimeError("boom")
        return real(text, lang)

    monkeypatch.setattr(articles.boilerplate, "layout", layout)
    items = list(articles.iter_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError"]
    assert isinstance(items[1], ArticleError) and "b.txt" in str(items[1]) and "boom" in items[1].problem
