"""Russian: the grammar of dates, counts and money where Russian writes them differently; the
names are read by the NER-based modules of `extract/` (spans, people, organisations, places,
roles), which `ru/names.py` runs in order. `extract/languages.py` registers these modules."""
