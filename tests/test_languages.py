"""The per-language registry: every language read brings the same set of extractors, and the
language-neutral code takes each article's grammar from it (sentences written for these tests)."""
from __future__ import annotations

from conftest import facts_of

from clusterkb.extract import unsupported
from clusterkb.extract.languages import LANGUAGES, language
from clusterkb.model import Article

_PROTOCOL = {  # what `extract/languages.py` promises of each language's modules
    "names": ("extract_names",),
    "dates": ("MONTHS", "WEEKDAYS", "PATTERNS", "clause_tense"),
    "counts": ("UNITS", "TOPIC", "read_words", "settle", "unit", "is_name", "is_part_of", "noun_before",
               "noun_of_clause", "is_circumstance"),
    "money": ("NOUN_SUM_HINT", "sum_by_noun", "starts_noun_phrase"),
}


def test_every_language_brings_every_extractor():
    for code, lang in LANGUAGES.items():
        for part, names in _PROTOCOL.items():
            module = getattr(lang, part)
            assert module.__name__.startswith(f"clusterkb.extract.{code}."), (code, part)
            missing = [n for n in names if not hasattr(module, n)]
            assert not missing, (code, part, missing)
        assert len(lang.dates.WEEKDAYS) == 7


def test_a_language_not_read_is_refused_by_name_and_falls_back_to_russian_grammar():
    message = unsupported(Article(id="x", path="x.txt", text="Hallo Welt", lang="de"))
    assert message == "language 'de' is not supported (only Russian and English articles are read)"
    assert language("de") is LANGUAGES["ru"]


def test_each_article_is_read_by_its_own_languages_grammar():
    """«5,000» groups thousands in English and is a decimal comma in Russian; the tense that
    places a month without a year comes from each language's verbs."""
    english = {(f.attrs["value"], f.attrs["head"]) for f in facts_of("The park created 5,000 jobs.", "count", lang="en")}
    russian = {f.attrs["value"] for f in facts_of("Парк создал 5,000 рабочих мест.", "count")}
    assert english == {(5000, "job")} and russian == {5}
    en_dates = {f.attrs["value"] for f in facts_of("The park opened in May.", "date", lang="en", published="2024-03-15")}
    ru_dates = {f.attrs["value"] for f in facts_of("Парк откроется в мае.", "date", published="2024-06-15")}
    assert en_dates == {"2023-05"} and ru_dates == {"2025-05"}
