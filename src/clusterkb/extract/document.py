"""The article as the extractors see it: body text with junk blanked out, and its sentences."""
from __future__ import annotations

import bisect
import re
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ..lang.gazetteer import english_words
from ..lang.normalize import unmix_scripts
from ..model import Article
from ..model import Mention


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


# A name right after these is a credit or a byline, not a thing the article is about:
# «Фото: Иван Петров», «Фото: пресс-служба Минпромторга», «Источник: ТАСС».
_CREDIT = re.compile(r"(?:фото|фотография|автор|текст|источник|корреспондент|видео)\s*[:©]?\s*"
                     r"(?:пресс-служб\w*\s+)?$|#\s*$", re.I)
_CREDIT_REACH = 200  # characters before a name searched for its credit word: far more than the longest one


@dataclass
class Document:
    """`text` has the same length as the body, so offsets index the article text as read;
    excluded ranges (photo credits and the like) are blanked with spaces."""

    article: Article
    text: str
    sentences: list[Sentence]

    @property
    def lang(self) -> str:
        return self.article.lang

    @cached_property
    def published(self) -> dt.date | None:
        """The publication day, when known to the day (a bare year or month gives None)."""
        value = self.article.published
        if value and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
        return None

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def paragraphs(self) -> list[Sentence]:
        """The non-empty lines of the text. NER reads a paragraph at a time: a sentence alone
        is too little context for the model («Путин также подпишет…» after a paragraph on a
        visit is a person; the sentence alone is nothing)."""
        return [Sentence(start, start + len(line), line) for start, line in _lines(self.text)]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def in_credit(self, start: int) -> bool:
        """Does a name at `start` follow a credit on its line («Фото: пресс-служба …»)? Only the
        end of the line before the name can make it one, so only the last stretch of that line
        is searched (the whole line when that stretch is mostly blank): the cost stays the same
        on a page that is one long line."""
        lo = max(0, start - _CREDIT_REACH)
        line_start = self.text.rfind("\n", lo, start) + 1 or lo
        head = self.text[line_start:start]
        core = head.rstrip()
        core = core[:-1].rstrip() if core.endswith((":", "©")) else core
        if line_start == lo > 0 and len(core) < _CREDIT_REACH // 2:
            head = self.text[self.text.rfind("\n", 0, start) + 1:start]
        return bool(_CREDIT.search(head))

    def mention(self, start: int, end: int) -> Mention:
        """A mention of text[start:end] with the sentence it stands in."""
        sent = self.sentence_at(start)
        return Mention(start, end, self.article.text[start:end], sent.text if sent else "")


def make_document(article: Article) -> Document:
    """Blank excluded ranges, cut at body_end, make look-alike Latin letters inside Russian
    words Cyrillic (unmix_scripts) and split into sentences (razdel)."""
    from razdel import sentenize

    body = article.body
    chars = list(body)
    for a, b in article.excluded:
        for i in range(max(a, 0), min(b, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    text = unmix_scripts("".join(chars))
    sentences = []
    for line_start, line in _lines(text):
        for start, stop in _going_on([(s.start, s.stop) for s in sentenize(line) if s.text.strip()], line):
            sentences.append(Sentence(line_start + start, line_start + stop, line[start:stop]))
    return Document(article, text, sentences)


_GOES_ON = re.compile(r"(?<![\w.])(?:" + "|".join(
    english_words()["month_abbreviations"] + english_words()["honorifics"] + english_words()["not_sentence_ends"]
) + r")\.$")


def _going_on(spans: list[tuple[int, int]], line: str) -> list[tuple[int, int]]:
    """razdel's sentences of a line, with those it cut after an English abbreviation that never
    ends one joined to the next: «on Jan.» + «15, 2024 …» → «on Jan. 15, 2024 …», and so «Gov.
    Vladislav Shapsha» and «St. Petersburg» stay whole for NER, dates and roles.

    Example: _going_on([(0, 10), (11, 20)], "Since Jan. 15 it is.") → [(0, 20)]"""
    out: list[tuple[int, int]] = []
    for start, stop in spans:
        if out and _GOES_ON.search(line[out[-1][0]:out[-1][1]]):
            out[-1] = (out[-1][0], stop)
        else:
            out.append((start, stop))
    return out


def _lines(text: str):
    """Paragraphs (lines) of the text with their offsets: a sentence never crosses a line break,
    since news titles, datelines and captions end without a full stop."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1
