"""Names across scripts: Latin keys of Russian names, abbreviation keys, and organisation and
place names as bags of concepts.

English news writes Russian names in several transliteration systems (Виталий → Vitaly,
Vitaliy, Vitalii); `latin_key` folds them to one key. Names of bodies compare word by word:
generic words through a small table of their meanings (data/org_words.json: fund ↔ фонд),
proper names transliterated (Omsk ↔ Омской). Nothing here knows any particular body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer, nlp
from .normalize import english_singular, fold, is_cyrillic
from .tables import load

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
# Spelling variants of one romanised name, folded in this order (x before c, kh before y …).
_FOLDS = ((r"x", "ks"), (r"w", "v"), (r"q", "k"), (r"c(?!h)", "k"), (r"kh", "h"), (r"der\b", "dr"),
          (r"[yj][oe]", "e"), (r"[yj]", "i"), (r"(\w)\1+", r"\1"))
# Latin back to Cyrillic, longest letter groups first; a letter with two readings gives both.
_LATIN = (("shch", ("щ",)), ("zh", ("ж",)), ("kh", ("х",)), ("ts", ("ц", "тс")), ("ch", ("ч",)), ("sh", ("ш",)),
          ("ya", ("я", "ья")), ("yu", ("ю", "ью")), ("yo", ("ё", "ьё")), ("ye", ("е", "ье")), ("e", ("е", "э")),
          ("y", ("ы", "й")), ("a", ("а",)), ("b", ("б",)), ("v", ("в",)), ("g", ("г",)), ("d", ("д",)),
          ("z", ("з",)), ("i", ("и", "й")),
          ("j", ("й",)), ("k", ("к",)), ("l", ("л", "ль")), ("m", ("м",)), ("n", ("н",)), ("o", ("о",)), ("p", ("п",)),
          ("r", ("р",)), ("s", ("с",)), ("t", ("т",)), ("u", ("у",)), ("f", ("ф",)), ("h", ("х",)), ("c", ("к",)),
          ("w", ("в",)), ("x", ("кс",)))
_MAX_READINGS = 64  # Cyrillic spellings tried for one Latin word
_APOSTROPHES = re.compile(r"['’ʹʼ]")
_ABBREVIATION = re.compile(r"([A-ZА-ЯЁ][A-ZА-ЯЁ&]{1,7})(?:\s+(?:РФ|RF|России|Russia))?")
_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
_WORD = re.compile(r"[^\W_]+(?:[-‑&][^\W_]+)*&?|&")
_PLACE_ADJECTIVE = re.compile(r"(?P<base>[а-я-]+?(?:ск|цк))(?:ий|ой)")


def to_latin(text: str) -> str:
    """BGN/PCGN-style romanisation, letter by letter: «Хоценко» → «Khotsenko»."""
    out = []
    for ch in text:
        latin = _CYRILLIC.get(ch.lower())
        out.append(ch if latin is None else latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def latin_key(text: str) -> str:
    """One key for a name in either script and any common transliteration: lower case, romanised,
    x/ks, c/k, kh/h, -der/-dr, ye/e, yo/e, y/i and doubled letters folded («Виталий», «Vitaly» → «vitali»)."""
    key = to_latin(fold(_APOSTROPHES.sub("", text)))
    for pattern, repl in _FOLDS:
        key = re.sub(pattern, repl, key)
    return key


def abbreviation_key(form: str) -> str | None:
    """«АКИТ РФ» and «AC&T RF» → «akit»: an abbreviation letter by letter in Latin, «&» read as
    «и» (and), Latin look-alikes inside a Cyrillic one read as Cyrillic, a Latin C as К."""
    m = _ABBREVIATION.fullmatch(form.strip())
    if not m or sum(ch.isalpha() for ch in m.group(1)) < 3:
        return None
    abbr = m.group(1)
    if is_cyrillic(abbr):
        return to_latin(abbr.translate(_LOOKALIKES)).lower()
    return abbr.lower().replace("&", "i").replace("c", "k")


@dataclass(frozen=True)
class Concepts:
    """A name as a bag of concepts: generic words by meaning, proper names transliterated;
    `places` are the proper names that name a place, `generic` counts the table words."""

    words: frozenset[str]
    places: frozenset[str]
    generic: int

    @property
    def key(self) -> str:
        return "|".join(sorted(self.words))


@dataclass
class _Token:
    word: str
    normal: str
    concept: str | None = None
    dropped: bool = False
    place: bool = False


def concepts(name: str) -> Concepts:
    """«Industrial Development Fund of the Omsk Region» and «Фонд развития промышленности
    Омской области» → {development, fund, industry, region, om}, the place being «om» (Omsk)."""
    return _concepts(name, True)


@lru_cache(maxsize=50_000)
def _concepts(name: str, canonical_places: bool) -> Concepts:
    """`concepts`; `canonical_places`: read places said another way as the table's canonical place."""
    lang = "ru" if is_cyrillic(name) else "en"
    tokens = [_Token(w, _normal(w, lang)) for w in _WORD.findall(name)]
    _read_table(tokens, lang)
    kept = [t for t in tokens if not t.dropped]
    for i, t in enumerate(kept):
        if t.concept is None:
            t.concept, t.place = _proper(t.word, t.normal, lang, canonical_places)
            near = [kept[j].concept for j in (i - 1, i + 1) if 0 <= j < len(kept)]
            t.place = t.place or any(c in _table().place_words for c in near)
    return Concepts(frozenset(t.concept for t in kept), frozenset(t.concept for t in kept if t.place),
                    sum(t.concept in _table().concepts for t in kept))


def _normal(word: str, lang: str) -> str:
    """Russian: the lemma (ё folded); English: lower case, singular."""
    if lang == "ru":
        return word.lower() if word.isupper() else fold(nlp.parse(word.lower())[0].normal_form)
    return english_singular(word.lower().removesuffix("'s").removesuffix("’s"))


def _read_table(tokens: list[_Token], lang: str) -> None:
    """Mark the longest table phrase at each position with its concept (or as dropped)."""
    phrases = _table().phrases[lang]
    i = 0
    while i < len(tokens):
        for n in range(min(4, len(tokens) - i), 0, -1):
            hit = phrases.get(tuple(t.normal for t in tokens[i:i + n]))
            if hit is not None:
                tokens[i].concept, tokens[i].dropped = hit or None, not hit
                for t in tokens[i + 1:i + n]:
                    t.dropped = True
                i += n
                break
        else:
            i += 1


def _proper(word: str, normal: str, lang: str, canonical_places: bool) -> tuple[str, bool]:
    """A word the table does not know, as a Latin stem, and whether it names a known place; a
    place the places table knows by another name is its canonical name's place («Подмосковья»
    and «РТ» are «moskov» and «tatarstan», as «Московской области» and «Татарстана» are)."""
    canonical = _canonical_place(word, normal) if canonical_places else None
    if canonical:
        return canonical, True
    abbr = abbreviation_key(word)
    if abbr:
        return abbr, False
    if lang == "en":
        return _stem(latin_key(word)), gazetteer.place(word) is not None
    adjective = _PLACE_ADJECTIVE.fullmatch(normal)
    return _stem(latin_key(adjective.group("base") if adjective else normal)), _is_place(normal, adjective)


@lru_cache(maxsize=10_000)
def _canonical_place(word: str, normal: str) -> str | None:
    """The place concept of the table's canonical name for a place said another way, or None."""
    canonical = gazetteer.place(word) or gazetteer.place(normal)
    if canonical is None or fold(canonical) in (fold(word), fold(normal)):
        return None
    places = _concepts(canonical, False).places
    return next(iter(places)) if len(places) == 1 else None


def _stem(key: str) -> str:
    """What a place noun and its adjective share: «samara», «самарск(ий)» → «samar»,
    «omsk», «омск(ий)» → «om», «tyumen», «тюменск(ий)» → «tiumen»."""
    return re.sub(r"(?:sk)?[aeiou]*$", "", key) or key


def place_concepts() -> frozenset[str]:
    """The concepts of words that say a body belongs to a place («области», «региональный»)."""
    return _table().place_words


def is_place_adjective(lemma: str) -> bool:
    """«кировский», «омский»: an adjective made from a known place."""
    adjective = _PLACE_ADJECTIVE.fullmatch(lemma)
    return adjective is not None and _is_place(lemma, adjective)


def _is_place(lemma: str, adjective: re.Match[str] | None) -> bool:
    """A known place noun («Тюмени»), or an adjective made from one («омский», «тульский»)."""
    if adjective is None:
        return _is_known_place(lemma)
    base = adjective.group("base")
    stem = base[:-2]
    return any(_is_known_place(c) for c in (base, stem, stem + "ь", stem + "а", stem + "я", stem + "ия"))


def russian_place(word: str) -> str | None:
    """The Russian place a romanised word names, as pymorphy3's dictionary knows it, or None:
    «Sterlitamak» → «стерлитамак», «Yelabuga» → «елабуга», «Perm» → «пермь», «Ulyanovsk» →
    «ульяновск»; «Pruzhina» → None (a spring, no place).
    English news names many towns no table here lists; their romanisation reads back."""
    return next((r for r in _cyrillic_readings(word) if _is_known_place(r)), None)


def reads_as_russian(word: str) -> bool:
    """Is a romanised word a Russian word the dictionary knows («Nizhny» → «нижний», «Naberezhnye»
    → «набережные»), not an English one («Approves»)? An adjective's ending is romanised short."""
    readings = _cyrillic_readings(word)
    readings += [r[:-1] + ending for r in readings if r[-1] in "ыйе" for ending in ("ий", "ый", "ые")]
    return any(nlp.morph().word_is_known(r) for r in readings)


def _cyrillic_readings(word: str) -> list[str]:
    """The Cyrillic spellings a romanised word may stand for (none for a word no reading fits);
    a hyphenated one part by part («Khanty-Mansiysk» → «ханты-мансийск»)."""
    if "-" in word:
        combined = [""]
        for part in word.split("-"):
            readings = _cyrillic_readings(part)
            combined = [f"{c}-{r}" if c else r for c in combined for r in readings][:_MAX_READINGS]
        return combined
    readings = [""]
    rest = word.lower()
    while rest and len(readings) <= _MAX_READINGS:
        latin, cyrillic = next(((la, cy) for la, cy in _LATIN if rest.startswith(la)), ("", ()))
        if not latin:
            return []
        readings = [r + c for r in readings for c in cyrillic]
        rest = rest[len(latin):]
    if rest:
        return []
    return readings + [r + "ь" for r in readings if r[-1] not in "аеёиоуыэюяй"]  # a soft sign English leaves out: Perm, Tver


def _is_known_place(word: str) -> bool:
    return nlp.morph().word_is_known(word) and any("Geox" in p.tag and p.normal_form == word
                                                  for p in nlp.parse(word))


@dataclass(frozen=True)
class _WordTable:
    phrases: dict[str, dict[tuple[str, ...], str]]
    concepts: frozenset[str]
    place_words: frozenset[str]


@lru_cache(maxsize=1)
def _table() -> _WordTable:
    """data/org_words.json, its phrases normalised as names are (lemmas, singulars)."""
    data = load("org_words.json")
    phrases: dict[str, dict[tuple[str, ...], str]] = {"en": {}, "ru": {}}
    groups = [("", data[k]) for k in ("ignore", "qualifiers", "country")] + list(data["concepts"].items())
    for concept, forms in groups:
        for lang in ("en", "ru"):
            for form in forms[lang]:
                phrases[lang][tuple(_normal(w, lang) for w in _WORD.findall(form))] = concept
    return _WordTable(phrases, frozenset(data["concepts"]), frozenset(data["place_words"]))
