import gzip

import pytest

from newsgraph.ingest.plaintext import headline
from newsgraph.ingest.sources import iter_articles

BODY = (
    "The city council voted on Thursday to extend the night bus service to the eastern suburbs.\n\n"
    "The new routes will start running next month, the transport office said.\n"
)


def test_text_file_is_one_article_with_its_headline_as_title(tmp_path):
    path = tmp_path / "bus.txt"
    path.write_text("Night buses to reach the eastern suburbs\n\n" + BODY, encoding="utf-8")
    [raw] = iter_articles([path])
    assert raw.ok and raw.origin == str(path)
    assert raw.title == "Night buses to reach the eastern suburbs"
    # The text is kept whole, so offsets are offsets into the file.
    assert raw.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        BODY,  # first line is a sentence
        "Night buses to reach the eastern suburbs\n" + BODY,  # no blank line after it
        "Night buses to reach the eastern suburbs\n\n",  # nothing after it
        "Mayor:\n\n" + BODY,  # ends like a clause
        " ".join(["word"] * 30) + "\n\n" + BODY,  # too long for a headline
    ],
)
def test_no_title_when_the_first_line_is_not_a_headline(text):
    assert headline(text) is None


def test_headline_may_end_with_a_question_mark():
    assert headline("Will the buses run on time?\n\n" + BODY) == "Will the buses run on time?"


def test_gzipped_text_file(tmp_path):
    path = tmp_path / "bus.txt.gz"
    path.write_bytes(gzip.compress(BODY.encode()))
    [raw] = iter_articles([path])
    assert raw.ok and raw.text == BODY


def test_binary_junk_is_a_bad_record(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 8)
    [raw] = iter_articles([path])
    assert not raw.ok and raw.origin == str(path)
    assert "binary" in raw.error and "\n" not in raw.error


def test_pdf_named_txt_is_a_bad_record(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    [raw] = iter_articles([path])
    assert raw.error == "is a PDF document, not text"


def test_not_utf8_says_where(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 owners protest".encode("cp1252"))
    [raw] = iter_articles([path])
    assert raw.error.startswith("not UTF-8 text: byte 0xe9 at offset 3")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"])
def test_empty_file_is_a_bad_record(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    [raw] = iter_articles([path])
    assert raw.error == "empty: there is no text"
