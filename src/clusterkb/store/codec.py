"""How an article's facts are kept in the store: each fact's JSON form with its mentions as
[start, end, text, sentence number], the article's sentences kept once (in the full-text
table), so a sentence said in ten mentions is stored once.
"""
from __future__ import annotations

import json
from typing import Any



def sentences_of(facts: list[dict[str, Any]]) -> list[str]:
    """The distinct sentences of an article's mentions, in order of first use."""
    return list(dict.fromkeys(m.get("sentence", "") for f in facts for m in f.get("mentions", [])))


def encode_fact(fact: dict[str, Any], number: dict[str, int]) -> str:
    """A fact's JSON form with each mention's sentence replaced by its number in the article."""
    mentions = [[m["start"], m["end"], m["text"], number[m.get("sentence", "")]] for m in fact.get("mentions", [])]
    return json.dumps({**fact, "mentions": mentions}, ensure_ascii=False, separators=(",", ":"))


def decode_fact(text: str, sentence: dict[int, str] | None = None) -> dict[str, Any]:
    """The fact's JSON form again; sentences from `sentence` (number → text), or empty."""
    fact = json.loads(text)
    fact["mentions"] = [{"start": s, "end": e, "text": t, "sentence": (sentence or {}).get(k, "")}
                        for s, e, t, k in fact["mentions"]]
    return fact
