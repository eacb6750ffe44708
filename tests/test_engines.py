"""Extraction engines: a real Dask LocalCluster builds the knowledge base the in-process ingest
builds and lets a failing article fail alone; pool workers of a killed ingest die with it and
leave no lock behind. Articles are sentences of our own, generated."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clusterkb import engines
from clusterkb.read.articles import article_from_text
from clusterkb.engines import DASK_BATCH, extract_all
from clusterkb.extract import extract_json

SCRIPT = str(Path(sys.executable).parent / "clusterkb")
REGIONS = ["Омской области", "Томской области", "Калужской области", "Пермском крае", "Татарстане"]
PEOPLE = ["Андрей Колесников", "Ирина Мухина", "Олег Баранов", "Мария Лещенко", "Денис Гаврилов"]
PARKS = ["Прогресс", "Энергия", "Восход", "Кедр", "Металлист", "Полюс", "Волна"]


def generated_text(i: int) -> str:
    """An article about an industrial park: its own park, region, person and numbers."""
    park, region, person = PARKS[i % len(PARKS)], REGIONS[i % len(REGIONS)], PEOPLE[i % len(PEOPLE)]
    return (f"Индустриальный парк «{park}» в {region} принял {i + 3} резидентов\n\n"
            f"{12 + i} марта 2025 года в {region} подвели итоги работы индустриального парка «{park}». "
            f"Директор парка {person} рассказал, что резидентами стали {i + 3} компаний. "
            f"Объём инвестиций составил {100 + 7 * i} млн рублей, создано {40 + i} рабочих мест. "
            f"Министерство промышленности и торговли Российской Федерации выделило парку субсидию. "
            f"По словам {person.split()[1]}а, до 2027 года в парке откроется ещё {i % 4 + 2} производства.\n")


def write_articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"park{i:03d}.txt").write_text(generated_text(i), encoding="utf-8")
    return folder


def clusterkb(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, "--data-dir", str(data), *args], capture_output=True, text=True, timeout=300)


def exported(data: Path) -> list[dict]:
    out = clusterkb(data, "export", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_dask_local_cluster_builds_the_knowledge_base_the_in_process_ingest_builds(tmp_path):
    raw = write_articles(tmp_path / "raw", 12)
    local = clusterkb(tmp_path / "local", "ingest", str(raw), "-q")
    dask = clusterkb(tmp_path / "dask", "ingest", str(raw), "--engine", "dask", "--workers", "2")
    assert local.returncode == 0 and dask.returncode == 0, local.stderr + dask.stderr
    assert "12 new, 0 changed, 0 unchanged, 0 failed" in dask.stderr
    facts = exported(tmp_path / "dask")
    assert len(facts) > 12 * 3 and facts == exported(tmp_path / "local")


def test_a_scheduler_and_workers_started_as_the_readme_says_build_the_same_knowledge_base(tmp_path):
    """`dask scheduler` and `dask worker` on this machine stand for a multi-machine cluster."""
    raw = write_articles(tmp_path / "raw", 8)
    dask, address_file = str(Path(sys.executable).parent / "dask"), tmp_path / "scheduler.json"
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", str(address_file)], stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        started.append(subprocess.Popen([dask, "worker", address, "--nworkers", "2", "--nthreads", "1",
                                         "--no-dashboard"], stderr=subprocess.DEVNULL))
        remote = clusterkb(tmp_path / "remote", "ingest", str(raw), "--engine", "dask", "--address", address)
        assert remote.returncode == 0, remote.stderr
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=60)
    assert clusterkb(tmp_path / "local", "ingest", str(raw), "-q").returncode == 0
    assert exported(tmp_path / "remote") == exported(tmp_path / "local")


DASK_STREAM = """
import json, os, sys

import dask

from clusterkb.read.articles import article_from_text
from clusterkb.model import Article
from clusterkb.engines import extract_all


class EndsTheWorker(str):
    \"\"\"Article text that ends the process that reads it: a worker that tries it dies.\"\"\"

    def __getitem__(self, key):
        os._exit(1)

    def __len__(self):
        os._exit(1)

    def __iter__(self):
        os._exit(1)

    def __getattribute__(self, name):
        if not name.startswith("__"):
            os._exit(1)
        return super().__getattribute__(name)


def article(path, text):
    if text == "kill":
        return Article(id="killer", path=path, text=EndsTheWorker("Технопарк открыли."))
    return article_from_text(text, path) if text else Article(id="broken", path=path, text=None)


def main():
    stream = [article(path, text) for path, text in json.load(sys.stdin)]
    pulled, results, ahead = [], [], 0

    def read_lazily():
        for a in stream:
            pulled.append(a)
            yield a

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # the first death condemns
        for a, result in extract_all(read_lazily(), lambda a: a, workers=2, engine="dask"):
            results.append([a.path, result])
            ahead = max(ahead, len(pulled) - len(results))
    json.dump({"ahead": ahead, "results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
"""


def test_failing_articles_and_one_that_kills_workers_fail_alone_on_dask_with_few_in_flight():
    """Run in a process of its own: a Dask client leaves threads behind, and the pool tests of
    this process fork."""
    texts = [[f"park{i}.txt", generated_text(i)] for i in range(60)]
    stream = texts[:3] + [["broken.txt", None]] + texts[3:20] + [["killer.txt", "kill"]] + texts[20:]
    out = subprocess.run([sys.executable, "-c", DASK_STREAM], input=json.dumps(stream), capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    run = json.loads(out.stdout)
    assert run["ahead"] <= 2 * 2 * DASK_BATCH < len(stream)  # memory flat in the stream's length
    assert [path for path, _ in run["results"]] == [path for path, _ in stream]  # input order, every article
    by_path = dict(run["results"])
    assert by_path.pop("broken.txt").startswith("extraction failed: TypeError")
    assert by_path.pop("killer.txt").startswith("extraction failed: it ended every dask worker that tried it")
    in_process = {path: extract_json(article_from_text(text, path)) for path, text in texts}
    assert by_path == json.loads(json.dumps(in_process))


def test_a_pool_holds_little_text_in_flight_and_lets_the_caller_work_while_it_waits(monkeypatch):
    """However long the stream, the articles in flight hold at most IN_FLIGHT_CHARS of text
    (here three articles' worth); while the oldest result is not ready, the caller's idle work
    runs until it says it has nothing left (ingest resolves what is stored meanwhile)."""
    articles = [article_from_text(generated_text(i), f"park{i}.txt") for i in range(12)]
    monkeypatch.setattr(engines, "IN_FLIGHT_CHARS", 3 * min(len(a.text) for a in articles))
    pulled, results, ahead, idle_calls = [], [], 0, []

    def read_lazily():
        for a in articles:
            pulled.append(a)
            yield a

    def idle():
        idle_calls.append(len(results))
        return len(idle_calls) % 3 != 0  # did some work twice, then has nothing to do

    for a, result in extract_all(read_lazily(), lambda a: a, workers=2, idle=idle):
        results.append((a.path, result))
        ahead = max(ahead, len(pulled) - len(results))
    assert ahead <= 3 < len(articles)
    assert [path for path, _ in results] == [a.path for a in articles]
    assert dict(results) == {a.path: extract_json(a) for a in articles}
    assert idle_calls and idle_calls[0] == 0  # the first article is awaited: none is extracted the moment it is sent


def test_engine_mistakes_are_one_line_errors(tmp_path):
    raw = write_articles(tmp_path / "raw", 1)
    for args, message in ((["--engine", "spark"], "unknown engine 'spark'; choose one of: local, dask"),
                          (["--address", "tcp://127.0.0.1:8786"], "--address names a Dask scheduler")):
        out = clusterkb(tmp_path / "data", "ingest", str(raw), *args)
        assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "data" / "extracted").exists()  # refused before anything is written
    out = clusterkb(tmp_path / "data", "ingest", str(raw), "--engine", "dask", "--address", "tpc://host:8786")
    assert out.returncode == 4 and "Traceback" not in out.stderr and len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith("clusterkb: tpc://host:8786: cannot start or reach the dask scheduler")


def test_without_the_dask_extra_the_message_names_it(tmp_path):
    raw = write_articles(tmp_path / "raw", 1)
    no_dask = ("import sys; sys.modules['distributed'] = None  # as if the extra were not installed\n"
               "from clusterkb.cli import main; sys.argv[0] = 'clusterkb'; main()")
    out = subprocess.run([sys.executable, "-c", no_dask, "--data-dir", str(tmp_path / "data"), "ingest", str(raw),
                          "--engine", "dask"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == "clusterkb: --engine dask needs the dask extra: pip install 'clusterkb[dask]'"


def processes_of(parent: int) -> set[int]:
    """Pids of the live (not zombie) children of `parent`, read from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) == parent and state != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def holds_a_flock(pid: int) -> bool:
    """Whether any descriptor of the process holds a flock (Linux lists them in fdinfo)."""
    infos = []
    for info in (Path("/proc") / str(pid) / "fdinfo").iterdir():
        with contextlib.suppress(OSError):  # a descriptor closed meanwhile
            infos.append(info.read_text())
    return any("FLOCK" in info for info in infos)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far (0 once it is gone)."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def killed_mid_extraction(data: Path, raw: Path, children: int, *args: str) -> set[int]:
    """Start `ingest RAW ARGS` (two workers); once it has `children` child processes, two of
    them working (0.1 s of CPU each), and none holds its lock, kill -9 it; return their pids."""
    ingest = subprocess.Popen([SCRIPT, "--data-dir", str(data), "ingest", str(raw), "-q", *args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = processes_of(ingest.pid)
        if len(workers) >= children and sum(cpu_seconds(pid) >= 0.1 for pid in workers) >= 2:
            break
        time.sleep(0.02)
    assert len(workers) == children, "the workers never started"
    assert ingest.poll() is None and all(alive(pid) for pid in workers), "the run ended before the kill"
    assert not any(holds_a_flock(pid) for pid in workers)
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    return workers


def assert_all_end(pids: set[int]) -> None:
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in pids)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_two_worker_ingest_leaves_no_worker_and_no_lock(tmp_path):
    raw = write_articles(tmp_path / "raw", 100)
    reference = clusterkb(tmp_path / "reference", "ingest", str(raw), "-q")
    assert reference.returncode == 0, reference.stderr
    data = tmp_path / "data"
    assert_all_end(killed_mid_extraction(data, raw, 2, "--workers", "2"))
    rerun = clusterkb(data, "ingest", str(raw), "-q")  # no --wait: the lock must be free at once
    assert rerun.returncode == 0, rerun.stderr
    assert exported(data) == exported(tmp_path / "reference")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_dask_ingest_leaves_no_worker_and_no_lock(tmp_path):
    raw = write_articles(tmp_path / "raw", 60)
    data = tmp_path / "data"  # two dask workers and multiprocessing's resource tracker
    assert_all_end(killed_mid_extraction(data, raw, 3, "--engine", "dask", "--workers", "2"))
    rerun = clusterkb(data, "ingest", str(raw), "-q")
    assert rerun.returncode == 0, rerun.stderr
