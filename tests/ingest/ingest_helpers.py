"""Helpers for the ingest tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ENGLISH = (
    "The provincial government said on Monday that it would open ten new health centres in the "
    "mountain districts before the end of the year, after complaints from villagers that the nearest "
    "hospital was a day's drive away. Officials said doctors and nurses had already been hired."
)
FRENCH = (
    "Le gouvernement provincial a annoncé lundi qu'il ouvrirait dix nouveaux centres de santé dans les "
    "districts de montagne avant la fin de l'année, après les plaintes des villageois selon lesquelles "
    "l'hôpital le plus proche se trouvait à une journée de route."
)
GERMAN = (
    "Die Provinzregierung kündigte am Montag an, bis Ende des Jahres zehn neue Gesundheitszentren in den "
    "Bergbezirken zu eröffnen, nachdem Dorfbewohner geklagt hatten, das nächste Krankenhaus sei eine "
    "Tagesreise entfernt."
)

ARTICLE_URL = "https://ledger.example.org/2024/03/05/border-crossing-reopens"


def build_warc(path, page_html: bytes, gzip: bool = True):
    """A small crawl: warcinfo, a request, the article page, an image, a 404 page, a
    redirect, and a second article stored as a resource record."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsgraph tests"}))

        def response(url, status, content_type, body):
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

        request = StatusAndHeaders("GET /2024/03/05/border-crossing-reopens HTTP/1.1", [("Host", "ledger.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(ARTICLE_URL, "request", payload=io.BytesIO(b""), http_headers=request))
        response(ARTICLE_URL, "200 OK", "text/html; charset=utf-8", page_html)
        response("https://ledger.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
        response("https://ledger.example.org/missing", "404 Not Found", "text/html", b"<html><body><p>Not found</p></body></html>")
        response("https://ledger.example.org/old", "301 Moved Permanently", "text/html", b"")
        second = page_html.replace(b"Border crossing reopens after three weeks", b"Crossing stays open for a second week")
        writer.write_record(writer.create_warc_record(
            "https://ledger.example.org/second", "resource", payload=io.BytesIO(second),
            warc_content_type="text/html"))
