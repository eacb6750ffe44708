"""Article, Fact, Mention and Source records and their one JSON form.

Every other module builds these records; only this module turns them into JSON and back,
so the machine contract (README, "Facts") lives in one place.
"""
from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

_RESERVED = {"kind", "id", "mentions", "sources"}


@dataclass
class Article:
    """One article as read. Every fact offset indexes `text`; nothing past `body_end` is article,
    and the `excluded` (start, end) ranges inside the body (credits, navigation, datelines) are
    not article either."""

    id: str
    path: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, when the text or metadata states one in full
    lang: str = "ru"
    body_end: int | None = None
    source: str | None = None
    url: str | None = None
    excluded: list[tuple[int, int]] = field(default_factory=list)
    author: str | None = None
    published_time: str | None = None  # "07:55" or "07:55:08"
    dateline: str | None = None  # "--11-20" for a dateline without a year
    published_confidence: float | None = None  # 1.0 stated in full, 0.9 from HTML markup

    @property
    def body(self) -> str:
        return self.text if self.body_end is None else self.text[: self.body_end]


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a fact is said: character offsets into the article text as read."""

    start: int
    end: int
    text: str
    sentence: str


@dataclass
class Fact:
    """One real-world thing in one article, with every place the article mentions it.

    `attrs` holds the kind's own fields in contract order (for a person: name, first, middle,
    last, position, organization; for a count: value, unit, head, ...).
    """

    kind: str
    attrs: dict[str, Any]
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Source:
    """One article's evidence for a knowledge-base fact."""

    article: str
    path: str
    mentions: list[Mention]


@dataclass
class KBFact:
    """A deduplicated fact of the knowledge base, with a stable id and all its sources."""

    id: str
    kind: str
    attrs: dict[str, Any]
    sources: list[Source] = field(default_factory=list)


def json_number(value: Any) -> Any:
    """Decimal → int when whole, else the shortest float that prints the same digits."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _attrs_json(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: json_number(v) for k, v in attrs.items()}


def mention_to_json(m: Mention) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence}


def mention_from_json(d: dict[str, Any]) -> Mention:
    """A mention; its sentence string is shared with every other mention of that sentence
    (a knowledge base rebuild holds them all at once)."""
    return Mention(int(d["start"]), int(d["end"]), d["text"], sys.intern(d.get("sentence", "")))


def fact_to_json(f: Fact) -> dict[str, Any]:
    return {"kind": f.kind, **_attrs_json(f.attrs), "mentions": [mention_to_json(m) for m in f.mentions]}


def fact_from_json(d: dict[str, Any]) -> Fact:
    attrs = {k: v for k, v in d.items() if k not in _RESERVED}
    return Fact(d["kind"], attrs, [mention_from_json(m) for m in d.get("mentions", [])])


def source_to_json(s: Source) -> dict[str, Any]:
    return {"article": s.article, "path": s.path, "mentions": [mention_to_json(m) for m in s.mentions]}


def kb_fact_to_json(f: KBFact) -> dict[str, Any]:
    return {"id": f.id, "kind": f.kind, **_attrs_json(f.attrs),
            "sources": [source_to_json(s) for s in f.sources]}


_ARTICLE_SKIP = {"text", "excluded"}


def article_to_json(article: Any) -> dict[str, Any]:
    """The article record without its text: id, path, title, published, lang, then the rest."""
    d = {k: v for k, v in asdict(article).items() if k not in _ARTICLE_SKIP}
    head = {k: d.pop(k, None) for k in ("id", "path", "title", "published", "lang")}
    return {**head, **d}


def extraction_to_json(article: Any, facts: list[Fact]) -> dict[str, Any]:
    """One line of `clusterkb extract --format jsonl`: the article and its facts."""
    return {"article": article_to_json(article), "facts": [fact_to_json(f) for f in facts]}
