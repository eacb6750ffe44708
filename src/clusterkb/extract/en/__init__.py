"""English: the names (people, organisations, places), dates, counts and money where English
writes them differently from Russian. `extract/languages.py` registers these modules."""
