"""Language: morphology and nominative forms, folds and stems, transliteration, lexicon tables."""
