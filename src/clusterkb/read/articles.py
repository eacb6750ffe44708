"""Inputs → Article records: text files in any common encoding, HTML pages, JSONL feeds and
folders of them, each with its metadata and where the article body ends."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import sys
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from . import boilerplate
from .boilerplate import Kind, Layout
from .decoding import clean, decode, one_line, printable, without_surrogates
from ..model import Article
from .metadata import clean_author, detect_lang, find_author, find_source, parse_published

MAX_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIX = ".jsonl"
STDIN = "-"
METADATA_FIELDS = ("title", "published", "source", "url", "author", "lang")
FIELD_MAX_CHARS = {"title": 1000, "published": 100, "lang": 20}  # any other field: 2,000
log = logging.getLogger("clusterkb")


class ArticleError(Exception):
    """An input that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        path, problem = path_name(path), without_surrogates(problem)
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def content_id(data: bytes) -> str:
    """Stable article id: the hash of the bytes as read."""
    return hashlib.sha256(data).hexdigest()[:16]


# -- public entry points --------------------------------------------------------------------


def iter_paths(paths: Iterable[str | os.PathLike[str]], follow_symlinks: bool = False) -> Iterator[Path | ArticleError]:
    """Files named, and the article files under folders named, in sorted order, without reading
    them (so a caller can check size and mtime first). `-` stands for standard input. A path that
    does not exist, an unlistable folder, a symlink loop or (unless `follow_symlinks`) a symlink
    leading out of the folders named comes out as an ArticleError."""
    paths = list(paths)
    roots = None if follow_symlinks else _input_roots(paths)
    for path in paths:
        p = Path(path)
        if os.fspath(path) == STDIN:
            yield p
        elif p.is_dir():
            yield from _walk(p, roots)
        elif p.exists() or p.is_symlink():
            yield p
        else:
            yield ArticleError(path_name(p), "no such file or folder")


def _input_roots(paths: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """The folders reading may reach without --follow-symlinks: each folder named, and the
    folder of each file named (as they are on disk, links resolved)."""
    roots = []
    for path in paths:
        if os.fspath(path) == STDIN:
            continue
        p = Path(os.path.abspath(path))
        roots += [p.resolve()] if p.is_dir() else [p.parent.resolve(), p.resolve().parent]
    return tuple(roots)


def path_name(path: str | os.PathLike[str]) -> str:
    """A path as text that can be stored: bytes of a file name that are not UTF-8 become U+FFFD."""
    return without_surrogates(os.fspath(path))


def _within(path: Path, roots: tuple[Path, ...] | None) -> bool:
    """Is the path, links resolved, inside one of the roots (always, when roots is None)?"""
    if roots is None:
        return True
    target = path.resolve()
    return any(target.is_relative_to(root) for root in roots)


def _leaves(path: Path) -> str:
    return (f"symbolic link to {printable(path_name(path.resolve()))} leads out of the input folders; "
            "not followed (--follow-symlinks follows it)")


def iter_articles(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = MAX_BYTES, follow_symlinks: bool = False
) -> Iterator[Article | ArticleError]:
    """Every article in the files, folders and feeds named (`-` reads a JSONL feed from standard
    input). Never raises for a bad input: it comes out as an ArticleError and the rest go on.
    Unless `follow_symlinks`, links out of the folders named are not followed (see iter_paths
    and read_article)."""
    for item in iter_paths(paths, follow_symlinks):
        if isinstance(item, ArticleError):
            yield item
        elif os.fspath(item) == STDIN:
            yield from _iter_feed(sys.stdin.buffer, STDIN, max_bytes)
        elif item.suffix.lower() == FEED_SUFFIX:
            yield from _read_feed(item, max_bytes)
        else:
            try:
                yield read_article(item, max_bytes, follow_symlinks)
            except ArticleError as e:
                yield e
            except Exception as e:  # a bug of ours in reading one file must not stop the batch
                yield _unexpected(path_name(item), e)


def _unexpected(where: str, error: Exception) -> ArticleError:
    return ArticleError(where, f"could not be read ({type(error).__name__}: {error}); please report this")


def read_article(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, follow_symlinks: bool = False) -> Article:
    """One text or HTML file as an Article, its `NAME.meta.json` sidecar overriding metadata. A
    sidecar is a file beside its article: one whose link leads out of the article's folder is not
    opened unless `follow_symlinks`."""
    p = Path(path)
    name = path_name(p)
    if p.suffix.lower() == FEED_SUFFIX:
        raise ArticleError(name, "a JSONL feed holds many articles: read it with iter_articles")
    with _open(p, max_bytes) as f:
        data = _read_bounded(f, name, max_bytes)
    if not data:
        raise ArticleError(name, "empty file")
    try:
        text = decode(data)
    except ValueError as e:
        raise ArticleError(name, str(e)) from None
    given = _sidecar(p, max_bytes, None if follow_symlinks else _input_roots([p]))
    if _looks_like_html(name, text):
        text, page = _html_text(text, name)
        given = _overlay(page, given)
    return article_from_text(text, name, id=content_id(data), **given)


def article_from_text(text: str, path: str, *, id: str | None = None, **metadata: Any) -> Article:
    """An Article from text in memory. Title, date, source, author and junk are found in the
    text; `metadata` (any of METADATA_FIELDS, published_time, published_confidence) overrides."""
    unknown = set(metadata) - {*METADATA_FIELDS, "published_time", "published_confidence"}
    if unknown:
        raise TypeError(f"unknown metadata: {', '.join(sorted(unknown))}")
    try:
        text = clean(text)
    except ValueError as e:
        raise ArticleError(path, str(e)) from None
    if not text.strip():
        raise ArticleError(path, "no text: empty or only whitespace")
    lang = detect_lang(text)
    layout = boilerplate.layout(text, lang)
    fields: dict[str, Any] = {"lang": lang, **_described(layout)}
    fields.update(_given(metadata, path))
    return Article(
        id=id or content_id(text.encode("utf-8")), path=path, text=text,
        body_end=layout.body_end, excluded=layout.excluded, **fields,
    )


# -- metadata --------------------------------------------------------------------------------

_TITLE_MAX_CHARS = 300


def _described(layout: Layout) -> dict[str, Any]:
    """Title, publication stamp, source, URL and author as the text states them."""
    lines = layout.lines
    title = lines[layout.title].text if layout.title is not None else None
    stamp = layout.stamp
    credits = [line.text for line, kind in zip(lines, layout.kinds, strict=True) if kind is Kind.CREDIT]
    others = [line.text for line, kind in zip(lines, layout.kinds, strict=True) if kind is not Kind.CREDIT]
    source, url = find_source((lines[i].text for i in layout.navigation), others)
    return {
        "title": title if title and len(title) <= _TITLE_MAX_CHARS else None,
        "published": stamp.date if stamp else None,
        "published_time": stamp.time if stamp else None,
        "dateline": stamp.dateline if stamp else None,
        "published_confidence": 1.0 if stamp and stamp.date else None,
        "source": source,
        "url": url,
        "author": find_author(credits),
    }


def _given(metadata: dict[str, Any], path: str) -> dict[str, Any]:
    """Metadata given by the caller, a feed or a sidecar, with `published` normalised to ISO."""
    given = {k: _safe_field(k, v, path) if isinstance(v, str) else v for k, v in metadata.items() if v is not None}
    if "published" in given:
        try:
            date, time = parse_published(str(given["published"]))
        except ValueError as e:
            raise ArticleError(path, str(e)) from None
        given["published"] = date
        if time:
            given.setdefault("published_time", time)
        given.setdefault("published_confidence", 1.0)
    return given


def _safe_field(key: str, value: str, path: str) -> str:
    """A metadata value on one line, without control characters, cut to its bound (with a warning)."""
    limit = FIELD_MAX_CHARS.get(key, 2000)
    text, cut = one_line(value, limit)
    if cut:
        log.warning("%s: %s is %s characters long, cut to %s", printable(path), key, f"{len(value):,}", f"{limit:,}")
    return text


def _overlay(page: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """HTML page metadata under metadata given explicitly (whose date is then stated in full)."""
    if "published" in given:
        page = {k: v for k, v in page.items() if k != "published_confidence"}
    return {**page, **given}


def _fields(record: Any, where: str) -> dict[str, str]:
    """The metadata fields of a feed line or sidecar, each a string."""
    if not isinstance(record, dict):
        raise ArticleError(where, "not a JSON object")
    fields = {}
    for key in METADATA_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise ArticleError(where, f"field {key!r} must be a string, not {type(value).__name__}")
        if value:
            fields[key] = value
    return fields


def _sidecar(path: Path, max_bytes: int, roots: tuple[Path, ...] | None) -> dict[str, str]:
    """Metadata from `NAME.meta.json` beside `NAME.txt`, if there is one (a name too long for
    the file system has none); bounded by `max_bytes` and opened only within `roots` (None: anywhere)."""
    meta = path.with_name(path.stem + ".meta.json")
    name = path_name(meta)
    if not os.path.lexists(meta):
        return {}
    if not _within(meta, roots):
        raise ArticleError(name, "sidecar " + _leaves(meta))
    with _open(meta, max_bytes) as f:
        data = _read_bounded(f, name, max_bytes)
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise ArticleError(name, f"sidecar metadata is not readable JSON: {e}") from None
    return _fields(record, name)


# -- HTML ------------------------------------------------------------------------------------

_HTML_DATE_CONFIDENCE = 0.9
_HTML_START = re.compile(
    r"\s*(?:<!doctype html|<html|<head|<body|<!--|<meta|<div|<p[\s>]|<article|<section|<h[1-6][\s>])",
    re.I,
)


def _looks_like_html(name: str, text: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(text[:1000]))


_TAG_MAX_CHARS = 10_000
# One start tag, its quoted values taken whole; possessive, so a tag left open costs no backtracking.
_START_TAG = re.compile(r"<(?P<name>[a-zA-Z][^\s/>]{0,64})(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>")


def _tamed(html: str, where: str) -> str:
    """The page with the attributes of any start tag longer than 10,000 characters dropped: the
    HTML parser's cost grows with the square of a tag's attributes (200,000 of them on one tag
    took minutes), and no article text is in them."""
    dropped = 0

    def tame(m: re.Match[str]) -> str:
        nonlocal dropped
        if len(m.group()) <= _TAG_MAX_CHARS:
            return m.group()
        dropped += 1
        return f"<{m.group('name')}>"

    html = _START_TAG.sub(tame, html)
    if dropped:
        log.warning("%s: the attributes of %s HTML tag(s) over %s characters were dropped", printable(where),
                    f"{dropped:,}", f"{_TAG_MAX_CHARS:,}")
    return html


def _html_text(html: str, where: str) -> tuple[str, dict[str, Any]]:
    """The main text of a web page (trafilatura), its title on top, and the page's metadata."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            _tamed(html, where), with_metadata=True, include_comments=False, favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # a third-party parser on arbitrary input: report, never crash
        raise ArticleError(where, f"the HTML could not be parsed ({type(e).__name__}: {e})") from None
    text = (doc.text or "") if doc else ""
    if not text.strip():
        raise ArticleError(where, "no article text found in the HTML")
    title = doc.title
    if title and title not in text[: len(title) + 500]:
        text = f"{title}\n\n{text}"
    page = {
        "title": title, "published": doc.date, "source": doc.hostname or doc.sitename,
        "url": doc.url, "author": clean_author(doc.author) if doc.author else None,
        "published_confidence": _HTML_DATE_CONFIDENCE if doc.date else None,
    }
    return text, {k: v for k, v in page.items() if v}


# -- feeds -----------------------------------------------------------------------------------

_SKIP_CHUNK = 1 << 20


def _read_feed(path: Path, max_bytes: int) -> Iterator[Article | ArticleError]:
    try:
        with _open(path, None) as f:
            yield from _iter_feed(f, path_name(path), max_bytes)
    except ArticleError as e:
        yield e


def _iter_feed(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Article | ArticleError]:
    """Articles of a JSONL feed, one per line (`text` or `html`, optional metadata); a broken
    line comes out as an ArticleError for `NAME:LINE` and the other lines go on."""
    try:
        for number, raw in enumerate(_bounded_lines(stream, max_bytes), 1):
            where = f"{name}:{number}"
            if raw is None:
                yield ArticleError(where, f"line is longer than the {_size(max_bytes)} limit")
                continue
            try:
                article = _feed_article(raw, where, first=number == 1)
            except ArticleError as e:
                yield e
                continue
            except Exception as e:  # as in iter_articles: one line, not the feed
                yield _unexpected(where, e)
                continue
            if article is not None:
                yield article
    except OSError as e:
        yield ArticleError(name, _reason(e))


def _feed_article(raw: bytes, where: str, first: bool) -> Article | None:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8").strip()
    except UnicodeDecodeError as e:
        raise ArticleError(where, f"not UTF-8 text (byte {e.start})") from None
    if not line:
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise ArticleError(where, f"not valid JSON ({e.msg.rstrip(': ').removesuffix(' at')} at column {e.colno})") from None
    except RecursionError:
        raise ArticleError(where, "not valid JSON: nested too deeply") from None
    given = _fields(record, where)
    html, text = record.get("html"), record.get("text")
    if isinstance(html, str) and html.strip():
        text, page = _html_text(html, where)
        given = _overlay(page, given)
    elif not isinstance(text, str):
        raise ArticleError(where, "no 'text' or 'html' string field")
    return article_from_text(text, where, id=content_id(line.encode()), **given)


def _bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The stream's lines, None for a line longer than `max_bytes` (skipped without keeping it)."""
    while raw := stream.readline(max_bytes + 1):
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


# -- files and folders -----------------------------------------------------------------------


def _open(path: Path, max_bytes: int | None) -> BinaryIO:
    """The file opened for reading, after checking it is a regular file within `max_bytes`. It
    is opened without blocking and checked once open, so a FIFO or a device put in its place is
    never read."""
    name = path_name(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        problem = "broken symbolic link" if path.is_symlink() else "no such file or folder"
        raise ArticleError(name, problem) from None
    except IsADirectoryError:
        raise ArticleError(name, "is a folder, not a file") from None
    except OSError as e:
        raise ArticleError(name, _reason(e)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(name, "not a regular file (a pipe, device or socket is never read)")
        if max_bytes is not None and info.st_size > max_bytes:
            raise ArticleError(name, _too_big(info.st_size, max_bytes))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bounded(f: BinaryIO, name: str, max_bytes: int) -> bytes:
    try:
        data = f.read(max_bytes + 1)
    except OSError as e:
        raise ArticleError(name, _reason(e)) from None
    if len(data) > max_bytes:
        raise ArticleError(name, _too_big(len(data), max_bytes))
    return data


def _walk(root: Path, roots: tuple[Path, ...] | None) -> Iterator[Path | ArticleError]:
    """Article files under `root` in sorted order, following folder symlinks but each folder
    once; a symlink back to a folder above it is reported, not followed, and so is one leading
    out of the `roots` (None: links go anywhere)."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path | ArticleError, frozenset[tuple[int, int]] | None]] = [(root, frozenset())]
    while stack:
        path, ancestors = stack.pop()
        if ancestors is None or isinstance(path, ArticleError):
            yield path
            continue
        try:
            info = path.stat()
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                target = printable(path_name(path.resolve()))
                yield ArticleError(path_name(path), f"symbolic link loop back to {target}, not followed")
                continue
            if key in seen:
                continue
            seen.add(key)
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as e:
            yield ArticleError(path_name(path), f"cannot list folder: {_reason(e)}")
            continue
        inside = ancestors | {key}
        stack.extend(reversed([_entry(e, inside, roots) for e in entries if _wanted(e)]))


def _entry(entry: os.DirEntry[str], inside: frozenset[tuple[int, int]], roots: tuple[Path, ...] | None
           ) -> tuple[Path | ArticleError, frozenset[tuple[int, int]] | None]:
    """A folder entry to walk into (with its ancestors), a file to yield (None), or the error of a
    link to a folder out of the roots. A link to a file is read as that file wherever it points
    (a folder of links to articles is a way to name them); a link to a folder elsewhere is not
    walked, so no link in an incoming folder opens the rest of the disk."""
    path = Path(entry.path)
    folder = _is_folder(entry)
    if folder and entry.is_symlink() and not _within(path, roots):
        return ArticleError(path_name(path), _leaves(path)), None
    return path, inside if folder else None


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _wanted(entry: os.DirEntry[str]) -> bool:
    """Folders and article files, hidden ones left out."""
    if entry.name.startswith("."):
        return False
    return _is_folder(entry) or entry.name.lower().endswith(ARTICLE_SUFFIXES)


def _reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower()


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def _too_big(size: int, limit: int) -> str:
    return f"file is {_size(size)}, over the {_size(limit)} limit (--max-size)"
