"""Reading inputs into Article records: encodings, bad files, HTML, feeds, folders, metadata."""
from __future__ import annotations

import io
import json
import os
import pathlib
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterkb.read.articles import (
    Article,
    ArticleError,
    article_from_text,
    content_id,
    iter_articles,
    iter_paths,
    read_article,
)
from clusterkb.read.metadata import (
    detect_lang,
    find_source,
    parse_agency_dateline,
    parse_dateline,
    parse_publication_line,
    parse_published,
)

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "text" / "wordpress_blog.txt").read_text(encoding="utf-8")
PLAIN_ARTICLE = ARTICLE.translate(str.maketrans("«»—", '""-'))  # encodable in KOI8-R and CP866


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def errors(items):
    return [str(x) for x in items if isinstance(x, ArticleError)]


def article_text(article: Article) -> str:
    """The body with excluded ranges removed and whitespace collapsed."""
    chars = list(article.body)
    for a, b in article.excluded:
        chars[a:b] = " " * (b - a)
    return " ".join("".join(chars).split())


# -- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("cp1251"),
        lambda t: t.encode("koi8_r"),
        lambda t: t.encode("cp866"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "cp1251", "koi8r", "cp866", "utf16-bom", "utf16le", "utf16be", "utf32"],
)
def test_the_same_article_in_every_encoding_gives_the_same_text(tmp_path, encode):
    path = tmp_path / "a.txt"
    path.write_bytes(encode(PLAIN_ARTICLE))
    article = read_article(path)
    assert article.text == PLAIN_ARTICLE
    assert article.id == content_id(path.read_bytes())
    assert article.body_end == PLAIN_ARTICLE.index("Поделиться:")


@pytest.mark.parametrize("text", ["Привет мир", "ОМСКИЙ КЛАСТЕР ОТКРЫЛСЯ В ПЯТНИЦУ", 'Ёлка у ООО "Ромашка"'])
@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_short_russian_texts_tell_cp1251_from_koi8r(tmp_path, text, codec):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    assert read_article(path).text == text


def test_western_single_byte_text(tmp_path):
    text = "Café résumé naïve. The quick brown fox jumps over the lazy dog at the café."
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_article(path).text == text


def test_newlines_are_universal(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Заголовок\r\nАбзац один.\rАбзац два.\r\n".encode())
    assert read_article(path).text == "Заголовок\nАбзац один.\nАбзац два.\n"


def test_a_few_broken_utf8_bytes_are_replaced(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode() + b"\xd0")
    assert read_article(path).text == ARTICLE + "\ufffd"


def test_other_extensions_are_read_when_they_are_text(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_article(path).text == ARTICLE


# -- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "ELF"),
        (b"hello\x00world\x00\x00\x01\x02", "NUL"),
        (bytes(range(256)) * 8, "NUL"),
        (bytes(range(1, 32)) * 50, "control characters"),
        (b"", "empty"),
        (b" \n\t\r\n  ", "whitespace"),
        (b"\xff\xfe" + "Привет".encode("utf-16-le") + b"\x00", "UTF-16"),
    ],
    ids=["pdf", "zip", "png", "elf", "nul", "all-bytes", "controls", "empty", "blank", "odd-utf16"],
)
def test_files_that_are_not_text_are_refused_with_a_clear_message(tmp_path, data, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as e:
        read_article(path)
    assert str(path) in str(e.value) and words in str(e.value)
    assert only(errors(iter_articles([path]))) == str(e.value)


def test_files_over_the_size_limit_are_refused_naming_size_and_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 600_000)
    message = only(errors(iter_articles([path], max_bytes=2 * 2**20)))
    assert "2.9 MiB" in message and "2.0 MiB limit" in message


def test_control_characters_are_blanked_and_lone_surrogates_replaced():
    article = article_from_text("Заголовок\x07 новости\x1b[0m\nТекст\ud800 статьи.\x0cЕщё", "t.txt")
    assert article.text == "Заголовок  новости [0m\nТекст\ufffd статьи.\nЕщё"


def test_a_megabyte_line_without_spaces_does_not_hang(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("x" * 1_000_000 + "\n", encoding="utf-8")
    start = time.perf_counter()
    article = read_article(path)
    assert time.perf_counter() - start < 3
    assert len(article.text) == 1_000_001 and article.title is None


def test_missing_paths_and_folders_named_as_files(tmp_path):
    assert errors(iter_articles([tmp_path / "nope.txt"])) == [f"{tmp_path / 'nope.txt'}: no such file or folder"]
    with pytest.raises(ArticleError, match="folder"):
        read_article(tmp_path)


def test_unreadable_files_are_reported(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    real_open = os.open

    def denied(name, *args, **kwargs):  # root reads any file: refuse this one as a file system would
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", os.fspath(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert errors(iter_articles([path])) == [f"{path}: permission denied"]


def test_broken_symlinks_are_reported(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert errors(iter_articles([tmp_path])) == [f"{tmp_path / 'gone.txt'}: broken symbolic link"]


# -- HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["regional_portal", "wordpress_news"])
def test_news_page_gives_the_clean_main_text(name):
    article = read_article(FIXTURES / "html" / f"{name}.html")
    clean = (FIXTURES / "html" / f"{name}.clean.txt").read_text(encoding="utf-8")
    assert article_text(article) == " ".join(clean.split())


def test_news_page_metadata():
    article = read_article(FIXTURES / "html" / "regional_portal.html")
    assert article.title == "В Новосибирской области создадут второй технопарк для малых производств"
    assert article.published == "2024-03-14" and article.published_confidence == 0.9
    assert article.source == "sibir-online.example"
    assert article.url == "https://sibir-online.example/news/economy/2024/03/14/tehnopark-berdsk"
    assert article.author == "Анна Крылова"
    assert read_article(FIXTURES / "html" / "wordpress_news.html").author == "Дмитрий Петров"


def test_html_in_windows_1251_and_html_sniffed_from_a_txt_file(tmp_path):
    html = (FIXTURES / "html" / "regional_portal.html").read_text(encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_bytes(html.replace('charset="utf-8"', 'charset="windows-1251"').encode("cp1251", "replace"))
    expected = read_article(FIXTURES / "html" / "regional_portal.html")
    assert article_text(read_article(path)) == article_text(expected)


def test_html_without_article_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body><script>var a = 1;</script></body></html>",
                    encoding="utf-8")
    with pytest.raises(ArticleError, match="no article text"):
        read_article(path)


# -- feeds and sidecars ----------------------------------------------------------------------


def feed_lines() -> list[str]:
    page = (FIXTURES / "html" / "wordpress_news.html").read_text(encoding="utf-8")
    return [
        json.dumps({"text": ARTICLE, "url": "https://example.ru/a", "published": "2023-09-05T10:00:00+03:00"},
                   ensure_ascii=False),
        '{"text": "broken',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        json.dumps({"html": page, "source": "yarnews"}, ensure_ascii=False),
        json.dumps({"text": "Текст\ud800 статьи о кластере.", "published": "31 февраля"}),
        json.dumps({"text": "Текст\ud800 статьи о кластере.", "title": 5}),
        '{"text": "Заголовок\\nТекст со\\u0000 стороны.\\ud83d\\ude00"}',
    ]


def check_feed(results, name):
    paths = [x.path for x in results]
    assert paths == [f"{name}:{n}" for n in (1, 2, 4, 5, 6, 7, 8, 9)]
    kinds = [type(x).__name__ for x in results]
    assert kinds == ["Article", "ArticleError", "ArticleError", "ArticleError", "Article",
                     "ArticleError", "ArticleError", "Article"]
    first, page, last = (x for x in results if isinstance(x, Article))
    assert first.text == ARTICLE and first.url == "https://example.ru/a"
    assert (first.published, first.published_time, first.published_confidence) == ("2023-09-05", "10:00:00", 1.0)
    assert first.id == content_id(feed_lines()[0].encode())
    assert page.source == "yarnews" and page.title == "В Ярославле появится кластер судостроения"
    assert last.text == "Заголовок\nТекст со  стороны.😀"
    messages = errors(results)
    assert "not valid JSON" in messages[0] and "not a JSON object" in messages[1]
    assert "no 'text' or 'html'" in messages[2] and "is not a date" in messages[3]
    assert "must be a string" in messages[4]


def test_jsonl_feed_yields_articles_and_an_error_per_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\ufeff" + "\n".join(feed_lines()) + "\n", encoding="utf-8")
    check_feed(list(iter_articles([path])), str(path))


def test_dash_reads_the_feed_from_stdin(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(feed_lines()).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    check_feed(list(iter_articles(["-"])), "-")


def test_feed_lines_over_the_limit_are_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    short = json.dumps({"text": "Короткая заметка о кластере."}, ensure_ascii=False)
    path.write_text(json.dumps({"text": "я" * 5000}) + "\n" + short + "\n", encoding="utf-8")
    results = list(iter_articles([path], max_bytes=1000))
    assert "longer than the 1,000 bytes limit" in str(results[0])
    assert results[1].text == "Короткая заметка о кластере." and results[1].path == f"{path}:2"


def test_read_article_refuses_a_feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(ArticleError, match="iter_articles"):
        read_article(path)


def test_sidecar_overrides_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    meta = {"published": "2023-09-06", "source": "kolcovo.example", "url": "https://kolcovo.example/1",
            "title": "Резиденты технопарка"}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert (article.published, article.source, article.url, article.title) == tuple(meta.values())
    assert article.author == "Марина Лебедева"


def test_broken_sidecar_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{oops", encoding="utf-8")
    assert "a.meta.json: sidecar metadata is not readable JSON" in only(errors(iter_articles([tmp_path])))


# -- folders ---------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for name in ["b/z.txt", "b/a.html", "a.txt", "b.txt", "c/d/e.jsonl", ".hidden/x.txt", "notes.md",
                 "a.meta.json", "b/img.png"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")


def test_folders_are_listed_recursively_in_sorted_order(tmp_path):
    make_tree(tmp_path)
    listed = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert listed == ["a.txt", "b/a.html", "b/z.txt", "b.txt", "c/d/e.jsonl"]


def test_listing_reads_no_file(tmp_path, monkeypatch):
    make_tree(tmp_path)
    monkeypatch.setattr(pathlib.Path, "open", lambda *a, **k: pytest.fail("a file was opened"))
    monkeypatch.setattr(os, "open", lambda *a, **k: pytest.fail("a file was opened"))
    assert len(list(iter_paths([tmp_path, tmp_path / "notes.md", "-"]))) == 7


def test_symlink_loops_are_reported_once_and_not_followed(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    (tmp_path / "c" / "again").symlink_to(tmp_path / "b")
    items = list(iter_paths([tmp_path]))
    assert [str(e) for e in items if isinstance(e, ArticleError)] == [
        f"{tmp_path / 'b' / 'loop'}: symbolic link loop back to {tmp_path.resolve()}, not followed"
    ]
    files = [p for p in items if isinstance(p, Path)]
    assert len(files) == len(set(os.path.realpath(p) for p in files)) == 5


def test_iter_articles_goes_on_after_bad_files(tmp_path):
    (tmp_path / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"%PDF-1.4")
    (tmp_path / "3.txt").write_text(ARTICLE.replace("Кольцово", "Сколково"), encoding="utf-8")
    kinds = [type(x).__name__ for x in iter_articles([tmp_path])]
    assert kinds == ["Article", "ArticleError", "Article"]


# -- metadata --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date", "time", "dateline"),
    [
        ("29-02-2024 07:55:08", "2024-02-29", "07:55:08", None),
        ("29.02.2024", "2024-02-29", None, None),
        ("2024-02-29T07:55", "2024-02-29", "07:55", None),
        ("20 ноября 2024, 10:55", "2024-11-20", "10:55", None),
        ("20 ноября, 10:55", None, "10:55", "--11-20"),
        ("Среда, 20 ноября 2024 года, 10:55 (мск)", "2024-11-20", "10:55", None),
        ("Опубликовано: 14.03.2024 в 9:41", "2024-03-14", "09:41", None),
        ("10:55, 20 ноября 2024", "2024-11-20", "10:55", None),
        ("29.02.2024 | Экономика", "2024-02-29", None, None),
        ("Published: March 5, 2024", "2024-03-05", None, None),
        ("5 May 2024 at 10:15", "2024-05-05", "10:15", None),
        ("Чт, 6 мар 2025, 17:20", "2025-03-06", "17:20", None),
        ("вт, 2 сент. 2025", "2025-09-02", None, None),
        ("Сб, 8 ноя 2025 г.", "2025-11-08", None, None),
        ("Пн, 3 ноя, 12:00", None, "12:00", "--11-03"),
        ("Sat, 8 Nov 2025, 07:05", "2025-11-08", "07:05", None),
        ("Wed, Jul 16, 2025", "2025-07-16", None, None),
        ("11.11.2024, 08:15 · Промышленность и энергетика", "2024-11-11", "08:15", None),
        ("7 июля 2025 | Экономика и финансы | Регионы", "2025-07-07", None, None),
    ],
)
def test_datelines(line, date, time, dateline):
    stamp = parse_dateline(line)
    assert (stamp.date, stamp.time, stamp.dateline) == (date, time, dateline)


@pytest.mark.parametrize(
    "line",
    ["31.02.2024", "С 1 января 2025 года в регионе вводятся новые меры поддержки", "Итоги 2024 года",
     "15 марок", "20-21 июля", "11.11.2024 · Завод в Вологде увеличил выпуск на 12%"],
)
def test_not_datelines(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline_text", "date", "dateline"),
    [
        ("ОМСК, 3 июня 2022. Вчера в городе открыли завод.", "ОМСК, 3 июня 2022.", "2022-06-03", None),
        ("ТЮМЕНЬ, 3 июня. /ТАСС/. Губернатор подписал указ.", "ТЮМЕНЬ, 3 июня. /ТАСС/.", None, "--06-03"),
        ("САМАРА, 17 окт — РИА Новости. Завод увеличил выпуск.", "САМАРА, 17 окт — РИА Новости.", None, "--10-17"),
        ("НИЖНИЙ НОВГОРОД, 17.10.2022 — В регионе создан кластер.", "НИЖНИЙ НОВГОРОД, 17.10.2022 —",
         "2022-10-17", None),
        ("САНКТ-ПЕТЕРБУРГ, 9 мая 2021 г. Парк принял резидента.", "САНКТ-ПЕТЕРБУРГ, 9 мая 2021 г.",
         "2021-05-09", None),
        ("Тверь, 2 февраля /ИА Верхневолжье/. Кластер создан.", "Тверь, 2 февраля /ИА Верхневолжье/.",
         None, "--02-02"),
        ("PERM, June 3 (Reuters) - The plant doubled its output.", "PERM, June 3 (Reuters) -", None, "--06-03"),
    ],
)
def test_agency_datelines_with_their_city(paragraph, dateline_text, date, dateline):
    agency = parse_agency_dateline(paragraph)
    stamp, end = agency.stamp, agency.end
    assert (paragraph[:end], stamp.date, stamp.dateline) == (dateline_text, date, dateline)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Тверь, 2 февраля. Кластер создан.",  # a city not in capitals needs an agency tag
        "ФРП, 3 июня 2022 года одобривший заем, сообщил о новых проектах.",
        "В ОМСКЕ ОТКРЫЛИ ЗАВОД",
        "ОМСК, 31 февраля. Текст.",
        "Кластер создан 3 июня 2022 года.",
    ],
)
def test_not_agency_datelines(paragraph):
    assert parse_agency_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("line", "date", "time"),
    [
        ("Опубликовано 02.06.2022 в 09:30 | Просмотров: 310", "2022-06-02", "09:30"),
        ("Дата публикации: 2 июня 2022 г. Автор: Пётр Сидоров", "2022-06-02", None),
        ("Обновлено: 02.06.2022; Комментарии: 4", "2022-06-02", None),
        ("Published: June 2, 2022 · 4 min read", "2022-06-02", None),
        ("Last updated 2 June 2022 at 18:05", "2022-06-02", "18:05"),
        ("Газета «Северный вестник» №52 (3310) от 21.05.2024, стр. 4", "2024-05-21", None),
        ("Журнал «Промышленник» №7 от 3 июля 2023 г.", "2023-07-03", None),
        ("№ 90 от 12.12.2022, с. 2", "2022-12-12", None),
    ],
)
def test_publication_lines(line, date, time):
    stamp = parse_publication_line(line)
    assert (stamp.date, stamp.time) == (date, time)


@pytest.mark.parametrize(
    "line",
    ["Опубликовано 2 июня 2022 года распоряжение правительства", "Опубликованы итоги конкурса",
     "Posted by Anna on June 2, 2022", "2 июня 2022 | Просмотров: 310",
     "Постановление правительства области № 312 от 05.04.2024", "Приказ № 15 от 01.02.2024 вступил в силу",
     "Свидетельство о регистрации № 4410 от 12.05.2021"],
)
def test_not_publication_lines(line):
    assert parse_publication_line(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", ("2024-02-29", None)),
        ("2024-02-29T07:55:00+05:00", ("2024-02-29", "07:55:00")),
        ("2024-02", ("2024-02", None)),
        ("29.02.2024", ("2024-02-29", None)),
        ("20 ноября 2024", ("2024-11-20", None)),
    ],
)
def test_published_values(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("header", "lines", "expected"),
    [
        (["Новости. Омск", "bk55.example"], ["Сетевое издание БК55"], ("bk55.example", None)),
        ([], ["Источник: http://kvnews.exampleПоследние новости"], ("kvnews.example", None)),
        ([], ["Источник: https://www.omsk.example/news/12?x=1."],
         ("omsk.example", "https://www.omsk.example/news/12?x=1")),
        ([], ["CopyRight © 2008-2014 БК55", "Все права защищены."], ("БК55", None)),
        ([], ["© ТАСС 1999-2024. Все права защищены."], ("ТАСС", None)),
        ([], ["Сетевое издание «Сибирь.Онлайн» зарегистрировано Роскомнадзором"], ("Сибирь.Онлайн", None)),
        ([], ["© 2024 nsknews.example"], ("nsknews.example", None)),
        ([], ["Абзац без источника."], (None, None)),
    ],
)
def test_source(header, lines, expected):
    assert find_source(header, lines) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Правительство области утвердило концепцию технопарка в Бердске.", "ru"),
        ("The government of the region has approved the concept of a technopark.", "en"),
        ("Уряд області затвердив концепцію технопарку, і це важливо для інвесторів.", "uk"),
        ("Die Regierung hat das Konzept für den Technologiepark und die Cluster gebilligt.", "de"),
        ("这是一个关于工业集群的中文文本，这是一个测试。", "zh"),
        ("12345 67890", "unknown"),
    ],
)
def test_language(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Новости. Омск\nbk55.example\n\nВ Омске строят технопарк\n\n29-02-2024 07:55:08\n"
         "Текст статьи о том, что строят.", "В Омске строят технопарк"),
        ("Главная / Новости / Экономика\nКластер открыт\nТекст статьи о кластере, который открыт.",
         "Кластер открыт"),
        ("Министерство промышленности области\nНовости\nЗаводы объединились в кластер\nТекст статьи о кластере.",
         "Заводы объединились в кластер"),
        ("Кластер готов\nВ регионе сформировали кластер, документы направлены в министерство.", "Кластер готов"),
        ("Заголовок дважды\n\nЗаголовок дважды\n\nТекст статьи идет дальше, и он длинный.", "Заголовок дважды"),
        ("Сразу текст статьи без заголовка, в котором говорится о кластере.",
         "Сразу текст статьи без заголовка, в котором говорится о кластере."),
        ("Пересланное сообщение от: Курск Промышленный\nЗАВОД В КУРСКЕ РАСШИРИТ ЦЕХ\n"
         "Завод в Курске расширит цех и наймет сто рабочих.", "ЗАВОД В КУРСКЕ РАСШИРИТ ЦЕХ"),
        ("ТВ Курск · Общество\nВ Курске открыли технопарк\nВ Курске открыли технопарк для школьников.",
         "В Курске открыли технопарк"),
        ("Новости Курска и Курской области\nВ Курске открыли технопарк\n"
         "В Курске открыли технопарк для школьников.", "В Курске открыли технопарк"),
        ("Союз машиностроителей Поволжья\nПресс-центр → Новости союза\nСоюз принял трех новых членов\n"
         "Союз принял в свои ряды три завода из Самары.", "Союз принял трех новых членов"),
    ],
)
def test_title_is_the_first_line_that_is_not_navigation(text, title):
    assert article_from_text(text, "t.txt").title == title


def test_fixture_metadata():
    def read(name):
        return read_article(FIXTURES / "text" / name)

    agency = read("federal_agency.txt")
    assert (agency.published, agency.published_time, agency.source) == ("2024-03-14", "12:05", "ТАСС")
    blog = read("wordpress_blog.txt")
    assert (blog.published, blog.author, blog.published_confidence) == ("2023-09-05", "Марина Лебедева", 1.0)
    english = read("english_release.txt")
    assert (english.lang, english.published, english.source) == ("en", "2024-03-05", "Tatar-inform")
    nodate = read("inline_promos.txt")
    assert (nodate.published, nodate.dateline, nodate.published_confidence) == (None, None, None)


def test_article_from_text_overrides_and_ids():
    article = article_from_text(ARTICLE, "x", published="29.02.2024", source="s.example", lang="en")
    assert (article.published, article.source, article.lang, article.published_confidence) == (
        "2024-02-29", "s.example", "en", 1.0)
    assert article.id == content_id(ARTICLE.encode()) and article_from_text(ARTICLE, "x", id="abc").id == "abc"
    with pytest.raises(TypeError, match="publisher"):
        article_from_text(ARTICLE, "x", publisher="me")
    with pytest.raises(ArticleError, match="x: published 'soon' is not a date"):
        article_from_text(ARTICLE, "x", published="soon")


def test_error_message_names_file_and_problem():
    error = ArticleError("a/b.txt", "empty file")
    assert (str(error), error.path, error.problem) == ("a/b.txt: empty file", "a/b.txt", "empty file")
    assert re.fullmatch(r"[0-9a-f]{16}", content_id(b"x"))


# -- robustness ------------------------------------------------------------------------------

JUNKY_WORDS = ["Фото:", "Читайте также", "Источник:", "©", "20 ноября", "10:55", "Подпишитесь", "#тег",
               "http://x.example/a", "bk55.example", "Автор:", "Главная", "Новости.", "\n", "\n\n",
               "ООО «Ромашка»", "e-mail:", "29.02.2024", "\x00", "\ud800", "\x1b", "\u2028"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from(JUNKY_WORDS), max_size=60).map(" ".join)))
def test_any_text_gives_an_article_or_an_article_error(text):
    try:
        article = article_from_text(text, "t.txt")
    except ArticleError:
        return
    assert article.body_end is None or 0 <= article.body_end <= len(article.text)
    assert all(0 <= a < b <= len(article.text) for a, b in article.excluded)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_any_bytes_give_an_article_or_an_article_error(tmp_path, data):
    path = tmp_path / "x.bin"
    path.write_bytes(data)
    assert len(list(iter_articles([path]))) == 1
