"""`clusterkb report`: one self-contained HTML page, opened in a real headless Chromium (Debian's,
through Playwright) with the network cut off: it shows the entities, its links land on
sentences, and the console stays free of errors."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "clusterkb"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def clusterkb(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), "--data-dir", str(data), *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def whole(kb: Path) -> Path:
    out = kb.parent / "report.html"
    done = clusterkb(kb, "report", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def top_names(kb: Path) -> list[str]:
    return [t["name"] for t in json.loads(clusterkb(kb, "stats", "--format", "json", "--top", "8").stdout)["top"]]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it with apt-get install chromium")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class _Links(HTMLParser):
    """Every id, every in-page link, and every outside resource the page would load."""

    def __init__(self):
        super().__init__()
        self.ids, self.hashes, self.loads = set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.hashes.append(a["href"][1:])
        if tag in ("script", "img", "iframe") and a.get("src") or tag == "link" and a.get("href"):
            self.loads.append(a.get("src") or a.get("href"))


def test_page_is_self_contained_and_every_link_lands(whole):
    links = _Links()
    links.feed(whole.read_text(encoding="utf-8"))
    assert links.loads == []
    assert links.hashes and set(links.hashes) <= links.ids


def _open(browser, page_file: Path):
    """The page in Chromium with every request but the file itself refused, and what went wrong."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems, outside = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def refuse(route):
        if route.request.url == page_file.as_uri():
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    page.route("**/*", refuse)
    page.goto(page_file.as_uri())
    page.wait_for_selector("#graph .main-svg")
    return page, problems, outside


def _texts(page, selector: str) -> list[str]:
    """The text of SVG elements (which have no inner text)."""
    return page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")


def test_report_renders_in_chromium_with_the_entities_and_no_errors(browser, whole, top_names, tmp_path):
    page, problems, outside = _open(browser, whole)
    graph_labels = _texts(page, "#graph text")
    for name in top_names:
        assert page.locator(f"#entities-section .card h4:text-is('{name}')").count() == 1
        assert any(name.startswith(t.rstrip("…")) for t in graph_labels), (name, graph_labels)
    assert page.locator("#timeline .scatterlayer .point").count() > 0
    assert page.locator("#figures-section .barlayer .point").count() > 0
    links = page.evaluate("""['timeline', 'graph'].flatMap(id => document.getElementById(id).data)
        .flatMap(trace => trace.customdata || []).map(link => [link, !!document.getElementById(link)])""")
    assert links and all(found for _, found in links)  # a click on a point goes to its sentence or card
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    assert problems == [] and outside == []
    page.close()


def test_a_timeline_row_leads_to_its_sentence_and_article(browser, whole):
    page, problems, _ = _open(browser, whole)
    page.click("#timeline-section summary")
    row = page.locator("#timeline-section tr").nth(1)
    said = row.locator("td.said").inner_text().strip("«»")
    row.locator("a").click()
    target = page.locator(":target")
    assert said in target.inner_text()
    assert target.locator("xpath=ancestor::div[contains(@class, 'article')]//code").inner_text().endswith(".txt")
    assert problems == []
    page.close()


def _click(page, selector: str) -> None:
    """A real mouse click in the middle of an element (Plotly listens to the mouse, not to DOM clicks)."""
    element = page.locator(selector).last
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_function("location.hash !== ''")


def test_clicking_a_chart_point_goes_to_its_sentence_or_card(browser, whole):
    page, problems, _ = _open(browser, whole)
    _click(page, "#timeline .scatterlayer .point")
    assert page.locator("#sources-section li:target").count() == 1
    page.evaluate("history.replaceState(null, '', ' ')")
    _click(page, "#graph .scatterlayer .point")
    assert page.locator("#entities-section .card:target").count() == 1
    assert problems == []
    page.close()


def test_entity_report_centres_on_the_entity(browser, kb, tmp_path):
    shown = json.loads(clusterkb(kb, "show", "Лабудин", "--format", "json").stdout)[0]
    out = tmp_path / "one.html"
    done = clusterkb(kb, "report", str(out), "--entity", "Лабудин")
    assert done.returncode == 0, done.stderr
    page, problems, outside = _open(browser, out)
    assert page.locator("h1").inner_text().startswith(shown["name"])
    assert shown["name"] in _texts(page, "#graph text")
    card = page.locator(f"[id='e-{shown['id']}']")
    assert shown["roles"][0]["position"] in card.inner_text()
    assert problems == [] and outside == []
    page.close()


def test_report_says_what_is_wrong_in_one_line(kb, tmp_path):
    unknown = clusterkb(kb, "report", str(tmp_path / "x.html"), "--entity", "Несуществующий Человек")
    assert unknown.returncode == 1 and "no person, organisation or place" in unknown.stderr
    nowhere = clusterkb(kb, "report", str(tmp_path / "no" / "x.html"))
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    for done in (unknown, nowhere):
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def _without(module: str, *argv: str) -> subprocess.CompletedProcess:
    """The installed command's entry point run as if `module` were not installed."""
    code = (f"import sys; sys.modules[{module!r}] = None; sys.argv = ['clusterkb', *{list(argv)!r}]; "
            "from clusterkb.cli import main; main()")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_a_missing_extra_says_how_to_install_it(kb, tmp_path):
    report = _without("plotly", "--data-dir", str(kb), "report", str(tmp_path / "r.html"))
    assert report.returncode == 2 and "pip install 'clusterkb[report]'" in report.stderr
    assert not (tmp_path / "r.html").exists()
    parquet = _without("pyarrow", "--data-dir", str(kb), "export", "--format", "parquet", str(tmp_path / "p"))
    assert parquet.returncode == 2 and "pip install 'clusterkb[parquet]'" in parquet.stderr
    for done in (report, parquet):
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_help_names_the_extras_to_install():
    def help_of(command: str) -> str:
        env = {**os.environ, "COLUMNS": "200"}
        return subprocess.run([str(SCRIPT), command, "--help"], capture_output=True, text=True, env=env).stdout

    assert "pip install 'clusterkb[report]'" in help_of("report")
    assert "pip install 'clusterkb[parquet]'" in help_of("export")


def test_limit_keeps_the_latest_timeline_items(kb, tmp_path):
    out = tmp_path / "five.html"
    assert clusterkb(kb, "report", str(out), "--limit", "5").returncode == 0
    page = out.read_text(encoding="utf-8")
    table = page[page.index("<details><summary>Timeline as a table"):page.index("</details>")]
    whens = [cell.split("</td>")[0] for cell in table.split("<td class=when>")[1:]]
    assert len(whens) == 5 and whens == sorted(whens, reverse=True)
    assert "the latest 5 of" in page


def test_charts_name_the_biggest_regions_and_sum_the_rest():
    from clusterkb.report import NO_REGION, REGIONS_SHOWN, _fold_regions

    values = {(f"Регион {i:02d}", "2024"): float(i) for i in range(1, REGIONS_SHOWN + 6)}
    values[NO_REGION, "2023"] = 7.0
    order, folded = _fold_regions(values)
    assert order[0] == f"Регион {REGIONS_SHOWN + 5:02d}" and order[-2:] == ["5 other regions", NO_REGION]
    assert len(order) == REGIONS_SHOWN + 2
    assert folded["5 other regions", "2024"] == sum(range(1, 6))
    assert sum(folded.values()) == sum(values.values())
