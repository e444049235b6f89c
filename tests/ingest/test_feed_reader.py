import gzip

from newsgraph.ingest.sources import iter_articles


def test_rss_items_with_content_or_summary(fixtures):
    first, second, third = iter_articles([fixtures / "feed.rss"])
    origin = str(fixtures / "feed.rss")
    assert first.ok and first.origin == f"{origin}#1"
    assert first.title == "Ministers meet to discuss water sharing"
    assert first.date == "2024-04-02" and first.author == "Omar Rahimi"
    assert first.url == "https://ledger.example.org/2024/04/02/water-talks"
    assert first.source == "The Valley Ledger - World"
    # full content preferred over the teaser; HTML to text, paragraphs and line breaks kept, script dropped
    assert first.text == (
        "Water ministers from the three riverside states met on Tuesday to discuss how to share the flow "
        "of the river during the dry season.\n\nThe meeting ended without an agreement, but the ministers "
        "said they would meet again next month.\nA joint statement called the talks frank and useful."
    )
    # a plain-text title keeps its angle brackets; the summary is used when there is no content
    assert second.title == "Farmers protest over <fertiliser> prices"
    assert second.text.startswith("Hundreds of farmers gathered") and "<p>" not in second.text
    assert second.date == "2024-04-03"
    # an item with nothing to read is a bad record, with what is known of it
    assert third.error == "item has no content or summary" and third.origin == f"{origin}#3"
    assert third.url == "https://ledger.example.org/2024/04/04/empty"


def test_atom_entries(fixtures):
    first, second = iter_articles([fixtures / "feed.atom"])
    assert first.ok and first.title == "Road to the northern valleys cleared of snow"
    assert first.date == "2024-05-09" and first.author == "Lina Haidari"
    assert first.url == "https://dispatch.example.net/roads-cleared" and first.source == "Hill Country Dispatch"
    assert first.text.endswith("Villagers said supplies of flour and fuel were running low.")
    assert second.title == "Schools reopen in the district"  # an HTML title made text
    assert second.date == "2024-05-10"  # no <published>: <updated>


def test_folder_of_feeds_gzipped_too(tmp_path, fixtures):
    (tmp_path / "a.rss").write_bytes((fixtures / "feed.rss").read_bytes())
    (tmp_path / "b.atom.gz").write_bytes(gzip.compress((fixtures / "feed.atom").read_bytes()))
    records = list(iter_articles([tmp_path]))
    assert [r.origin.rsplit("/", 1)[-1] for r in records] == ["a.rss#1", "a.rss#2", "a.rss#3", "b.atom.gz#1", "b.atom.gz#2"]


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>')
    [raw] = iter_articles([path])
    assert raw.error == "not an RSS or Atom feed"


def test_broken_feed_is_a_bad_record(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_bytes(b"\x00\x01\x02 not xml at all \xff\xfe")
    [raw] = iter_articles([path])
    assert not raw.ok and raw.origin == str(path) and "\n" not in raw.error


def test_feed_parsing_never_touches_the_network(tmp_path, no_network):
    path = tmp_path / "remote.rss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://example.invalid/rss.dtd">'
        '<rss version="2.0"><channel><title>T</title><item><title>One</title>'
        '<description>Text of the one item in the feed.</description></item></channel></rss>'
    )
    [raw] = iter_articles([path])
    assert raw.ok and raw.text == "Text of the one item in the feed."
