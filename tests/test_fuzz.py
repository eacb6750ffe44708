"""The whole extraction on arbitrary text: never raises, every mention indexes the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterkb.model import Article
from clusterkb.extract import extract_article

WORDS = ["Губернатор", "Омской", "области", "Виталий", "Хоценко", "«", "»", "АО", "кластер", "15",
         "млрд", "рублей", "3,6", "до", "1", "ноября", "2023", "года", "Минпромторг", "России", "(АКИТ)",
         "директор", "Михаила", "Лабудина", "Вчера,", "20-21", "июля", "девять", "и", ".", ",", "\n",
         "The", "Association", "of", "Fund", "Region", "$5", "million", "%", "№", "\u00a0", "Фото:", "#"]
cyrillic = st.text(alphabet=st.characters(min_codepoint=0x400, max_codepoint=0x4FF) | st.sampled_from(" .,«»\n0123456789-"),
                   max_size=300)
word_soup = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
anything = st.text(max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(cyrillic, word_soup, anything), lang=st.sampled_from(["ru", "en"]),
       published=st.sampled_from([None, "2024-02-29", "2023"]))
def test_extraction_never_raises_and_mentions_index_the_text(text, lang, published):
    art = Article(id="fuzz", path="fuzz.txt", text=text, title=None, published=published, lang=lang)
    for fact in extract_article(art).facts:
        assert fact.mentions
        for m in fact.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text
