"""The whole extraction (reading included) on real-shaped text mutated the way real files differ:
whitespace (tabs, no-break spaces, doubled spaces, hard line breaks), case and punctuation.
Nothing may raise, and every mention must be the article text at its offsets."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from clusterkb.read.articles import article_from_text
from clusterkb.extract import extract_article
from clusterkb.extract.languages import LANGUAGES

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw"
OWN = [
    "Губернатор Омской области Виталий Хоценко открыл индустриальный парк «Омский». Резидентами стали 12 "
    "компаний, инвестиции составят 3,6 млрд рублей до 1 ноября 2026 года.",
    "Директор Ассоциации кластеров, технопарков и ОЭЗ России (АКИТ РФ) Андрей Шпиленко сообщил, что "
    "Минпромторг России одобрил 15 заявок. Фото: Иван Петров",
    "The Association of Clusters and Technoparks of Russia (ACT) and the Ministry of Industry and Trade "
    "signed an agreement in Moscow on 3 June 2025. Elena Morozova, director of the Tomsk Region fund, said "
    "that $5 million will go to 20 companies.",
    "The Russian Government and the Industrial Development Fund of the Omsk Region opened the Omsk Technopark. "
    "Governor of the Omsk Region Vitaly Khotsenko said 7 residents had joined the Association of Industrial "
    "Parks of Russia.",
]
WHITESPACE = ["\t", "\u00a0", "  ", "\n", " \n ", "\u2009"]
PUNCTUATION = [".", ",", "«", "»", "\"", "(", ")", "—", "-", ":", ";", "№", "%", "!", "?"]


def _bases() -> list[str]:
    """Our own sentences, and the first paragraphs of the bundled sample articles."""
    samples = [p.read_text(encoding="utf-8")[:1500] for p in sorted(SAMPLES.glob("*.txt"))]
    return OWN + samples


@st.composite
def mutated_text(draw) -> str:
    """A base text with 1–15 edits, each a whitespace change, a case change, or a punctuation
    mark added, removed or swapped, at positions hypothesis chooses."""
    pieces = re.split(r"(\s+)", draw(st.sampled_from(_bases())))
    for _ in range(draw(st.integers(1, 15))):
        edit = draw(st.sampled_from(["space", "space", "upper", "lower", "title", "add", "drop", "swap"]))
        i = draw(st.sampled_from(range(1, len(pieces), 2) if edit == "space" and len(pieces) > 1 else range(len(pieces))))
        piece = pieces[i]
        if edit == "space":
            pieces[i] = draw(st.sampled_from(WHITESPACE))
        elif edit in ("upper", "lower", "title"):
            pieces[i] = getattr(piece, edit)()
        elif edit == "add":
            at = draw(st.integers(0, len(piece)))
            pieces[i] = piece[:at] + draw(st.sampled_from(PUNCTUATION)) + piece[at:]
        else:
            marks = [k for k, c in enumerate(piece) if not c.isalnum() and not c.isspace()]
            if marks:
                k = draw(st.sampled_from(marks))
                put = "" if edit == "drop" else draw(st.sampled_from(PUNCTUATION))
                pieces[i] = piece[:k] + put + piece[k + 1:]
    return "".join(pieces)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=mutated_text())
def test_mutated_articles_never_raise_and_mentions_are_the_text(text):
    assume(text.strip())
    article = article_from_text(text, "fuzz.txt")
    assume(article.lang in LANGUAGES)
    for fact in extract_article(article).facts:
        assert fact.mentions, fact
        for m in fact.mentions:
            assert 0 <= m.start < m.end <= len(article.text)
            assert article.text[m.start:m.end] == m.text, (fact.kind, m)
