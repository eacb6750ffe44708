"""Bytes → text: file signatures, byte-order marks, UTF-8/16, the Cyrillic single-byte
codecs told apart by Russian letter statistics, charset-normalizer for the rest; and the
text cleaned of stray control characters and lone surrogates."""
from __future__ import annotations

import codecs
import math
import re

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/ODT document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE_BYTES = 1 << 16
_UTF16_MIN_TEXT_SHARE = 0.9
_CYRILLIC_CODECS = ("cp1251", "koi8_r", "cp866")
_CYRILLIC_MIN_SHARE = 0.3
_RUSSIAN_LETTER_PERCENT = dict(zip(
    "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
    (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81, 2.62,
     2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48, 0.36, 0.32,
     0.26, 0.04, 0.04),
    strict=True,
))
_RUSSIAN_LOG_FREQUENCY = {c: math.log(p / 100) for c, p in _RUSSIAN_LETTER_PERCENT.items()}
_CYRILLIC_LETTER = re.compile("[а-яё]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_FIELD_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # with bidi overrides
_MAX_CONTROL_SHARE = 0.01
_MAX_CONTROLS = 10


def decode(data: bytes) -> str:
    """The text in `data` with its encoding detected; ValueError naming the problem if the bytes
    are not text: UTF-8/16/32 by BOM, UTF-16 by its NUL bytes, UTF-8, then the Cyrillic
    single-byte codecs by Russian letter statistics, then charset-normalizer."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"{what}, not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strictly(data, codec)
    if b"\0" in data:
        return _utf16(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _mostly_utf8(data) or _cyrillic(data) or _detected(data)


def _decode_strictly(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec, "strict" if codec == "utf-8-sig" else "surrogatepass")
    except UnicodeDecodeError as e:
        raise ValueError(f"not valid {codec.removesuffix('-sig').upper()} text (byte {e.start})") from None


def _utf16(data: bytes) -> str:
    """UTF-16 without a BOM: the byte order whose text is mostly European letters and signs."""
    for codec in ("utf-16-le", "utf-16-be"):
        sample = data[: min(len(data), _SAMPLE_BYTES) // 2 * 2].decode(codec, "surrogatepass")
        common = sum(1 for c in sample if "\x01" <= c < "\u0530" or "\u2000" <= c <= "\u206f")
        if sample and common >= _UTF16_MIN_TEXT_SHARE * len(sample):
            return data[: len(data) // 2 * 2].decode(codec, "surrogatepass")
    raise ValueError("binary data (NUL bytes), not text")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut-off character) among many good ones."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    return text if bad <= max(2, len(text) // 1000) and non_ascii >= 10 * bad else None


def _cyrillic(data: bytes) -> str | None:
    """Russian text in Windows-1251, KOI8-R or CP866: the codec under which the letters are
    likeliest Russian. A wrong codec permutes the letters, which shows in their frequencies."""
    sample = data[:_SAMPLE_BYTES]
    scores = {codec: _russian_score(sample.decode(codec, "replace")) for codec in _CYRILLIC_CODECS}
    best = max(scores, key=scores.__getitem__)
    return data.decode(best, "replace") if scores[best] > -math.inf else None


def _russian_score(text: str) -> float:
    """Mean log-frequency of the Cyrillic letters as Russian letters; -inf when Cyrillic is not
    most of the text's letters."""
    cyrillic = _CYRILLIC_LETTER.findall(text.lower())
    letters = sum(1 for c in text if c.isalpha())
    if not cyrillic or len(cyrillic) < _CYRILLIC_MIN_SHARE * letters:
        return -math.inf
    return sum(_RUSSIAN_LOG_FREQUENCY[c] for c in cyrillic) / len(cyrillic)


def _detected(data: bytes) -> str:
    """Any other encoding, by charset-normalizer; among equally clean readings, Windows-1252."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise ValueError("not text: the bytes fit no known encoding")
    western = next((r for r in results if r.encoding == "cp1252" and r.chaos <= best.chaos), None)
    return str(western or best)


def without_surrogates(text: str) -> str:
    """Lone surrogates (from a JSON escape like "\\ud800" or an undecodable file name) as U+FFFD,
    so the text can be written as UTF-8.

    >>> without_surrogates("a\\ud800b") == "a\\ufffdb"
    True
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def one_line(value: str, limit: int) -> tuple[str, bool]:
    """A metadata value safe to store and print: lone surrogates replaced, control characters
    and line breaks made single spaces, at most `limit` characters; and whether it was cut.

    >>> one_line("\\x1b[31mКластер\\n «Омск»\\ud800", 100)
    ('[31mКластер «Омск»\ufffd', False)
    """
    text = " ".join(_FIELD_CONTROL.sub(" ", without_surrogates(value)).split())
    return (text[:limit].rstrip(), True) if len(text) > limit else (text, False)


def printable(name: str) -> str:
    """A file name as it may go into a one-line message: as it is when every character prints,
    else quoted with its line breaks and escapes spelt out, so it can neither split nor colour
    the line.

    >>> printable("a.txt"), printable("evil\\n\\x1b[31m.txt")
    ('a.txt', "'evil\\\\n\\\\x1b[31m.txt'")
    """
    return name if name.isprintable() else repr(name)


def clean(text: str) -> str:
    """Text with universal newlines, lone surrogates replaced and stray control characters
    blanked; ValueError when control characters show it is binary data."""
    text = _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff"))
    text = without_surrogates(text)
    controls = len(_CONTROL.findall(text))
    if controls > max(_MAX_CONTROLS, _MAX_CONTROL_SHARE * len(text)):
        raise ValueError(f"binary data ({controls:,} control characters), not text")
    return _CONTROL.sub(" ", text) if controls else text
