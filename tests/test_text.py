import re
from pathlib import Path

import lxml.html
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from pipeline.text import ExtractionError, decode_html, extract_text, html_to_text, pdf_pages

CAFE_1252 = "Council’s £5m plan – café".encode("cp1252")


def make_pdf(pages: list[str], **encryption) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if encryption:
        pdf.set_encryption(encryption_method=EncryptionMethod.RC4, **encryption)
    return bytes(pdf.output())


@pytest.fixture
def kingston(realworld: Path) -> Path:
    return realworld / "moderngov" / "kingston"


def test_pdf_pages_returns_each_page_in_order_with_unix_newlines():
    data = make_pdf(["First page\nsecond line", "Second page", "Third page"])

    pages = pdf_pages(data)

    assert pages == ["First page\nsecond line", "Second page", "Third page"]


def test_pdf_pages_keeps_order_across_a_long_document():
    data = make_pdf([f"Report page {number}" for number in range(1, 61)])

    pages = pdf_pages(data)

    assert pages == [f"Report page {number}" for number in range(1, 61)]


def test_pdf_with_only_an_owner_password_is_readable():
    data = make_pdf(["Open to read"], owner_password="owner-secret")

    assert pdf_pages(data) == ["Open to read"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty file (0 bytes)", id="zero-bytes"),
        pytest.param(
            make_pdf(["Locked"], owner_password="owner-secret", user_password="reader-secret"),
            "encrypted PDF (a password is required)",
            id="user-password",
        ),
        pytest.param(b"%PDF-1.4\n" + bytes(range(256)) * 8, "corrupt PDF (Data format error)", id="garbage"),
        pytest.param(make_pdf(["Cut short"])[:400], "corrupt PDF (Data format error)", id="truncated"),
    ],
)
def test_pdf_pages_rejects_unreadable_files_with_a_distinct_reason(data, reason):
    with pytest.raises(ExtractionError) as raised:
        pdf_pages(data)

    assert raised.value.reason == reason
    assert str(raised.value) == reason


@pytest.mark.parametrize(
    ("body", "declared", "text", "warning"),
    [
        pytest.param(
            CAFE_1252, None, "Council’s £5m plan – café",
            "no charset declared and not valid UTF-8; decoded as windows-1252",
            id="undeclared-1252-warns",
        ),
        pytest.param(CAFE_1252, "windows-1252", "Council’s £5m plan – café", None, id="header-1252-silent"),
        pytest.param(CAFE_1252, "ISO-8859-1", "Council’s £5m plan – café", None, id="latin1-label-read-as-1252"),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' + CAFE_1252,
            None,
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">Council’s £5m plan – café',
            None,
            id="http-equiv-meta",
        ),
        pytest.param(
            b'<meta charset="windows-1252">' + CAFE_1252, None,
            '<meta charset="windows-1252">Council’s £5m plan – café', None,
            id="meta-charset",
        ),
        pytest.param(
            b'<meta charset="windows-1252">' + "café".encode(), "utf-8",
            '<meta charset="windows-1252">café', None,
            id="header-beats-meta",
        ),
        pytest.param("Council’s café".encode(), None, "Council’s café", None, id="undeclared-utf8"),
        pytest.param("café".encode("utf-8-sig"), "windows-1252", "café", None, id="byte-order-mark-wins"),
        pytest.param(
            CAFE_1252, "utf-8", "Council’s £5m plan – café",
            "charset utf-8 declared in HTTP header but the bytes are not valid utf-8; decoded as windows-1252",
            id="wrong-declaration-warns",
        ),
        pytest.param(
            CAFE_1252, "no-such-charset", "Council’s £5m plan – café",
            "no charset declared and not valid UTF-8; decoded as windows-1252",
            id="unknown-label-ignored",
        ),
        pytest.param(b"a\x81b", "windows-1252", "a\x81b", None, id="undefined-1252-byte-kept"),
    ],
)
def test_decode_html_picks_the_declared_charset_and_never_drops_characters(body, declared, text, warning):
    assert decode_html(body, declared) == (text, warning)


WORD_FRAGMENT = """<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal">The Committee noted the
council&rsquo;s plan for   new
school places.</p>
<p class="MsoNormal">&nbsp;</p>
<p class="MsoNormal"><b>RESOLVED</b> that the plan be
<span class="SpellE">adopted</span>.<o:p></o:p></p>
</div></div>"""


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param(
            WORD_FRAGMENT,
            "The Committee noted the council’s plan for new school places.\n\nRESOLVED that the plan be adopted.",
            id="word-export-fragment",
        ),
        pytest.param(
            "<html><head><title>Page title</title><style>p {color: red}</style></head>"
            "<body><script>var tracking = 1;</script><noscript>Enable scripts</noscript>"
            "<h1>Heading</h1><p>Body text</p><!-- a comment --></body></html>",
            "Heading\n\nBody text",
            id="page-chrome-dropped",
        ),
        pytest.param("<ul><li>First</li><li>Second</li></ul><p>After</p>", "First\nSecond\n\nAfter", id="list-items"),
        pytest.param(
            "<table><tr><th>Title</th><th>Result</th></tr><tr><td>Budget</td><td>Carried</td></tr></table>",
            "Title Result\nBudget Carried",
            id="table-rows",
        ),
        pytest.param("<p>Line one<br>Line two</p>", "Line one\n\nLine two", id="line-break"),
        pytest.param("<div>Outer <p>inner</p> tail</div>", "Outer\n\ninner\n\ntail", id="text-around-blocks"),
        pytest.param('<?xml version="1.0" encoding="utf-8"?><p>Declared</p>', "Declared", id="xml-declaration"),
        pytest.param("", "", id="empty"),
        pytest.param("<p>&nbsp;</p><p> </p>", "", id="only-spacers"),
    ],
)
def test_html_to_text_gives_one_clean_paragraph_per_block(html, text):
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("body", "content_type", "url", "kind"),
    [
        pytest.param(make_pdf(["Report"]), "application/octet-stream", "https://x.test/doc", "pdf", id="pdf-magic"),
        pytest.param(make_pdf(["Report"]), "text/html", "https://x.test/page.htm", "pdf", id="magic-beats-type"),
        pytest.param(b"<p>Agenda</p>", "text/html; charset=utf-8", "https://x.test/ieListDocuments.aspx", "html",
                     id="html-type"),
        pytest.param(b"<p>Agenda</p>", None, "https://x.test/agenda.HTM", "html", id="htm-extension"),
        pytest.param(b"<p>Agenda</p>", "application/octet-stream", "https://x.test/a.html?x=1.pdf", "html",
                     id="extension-from-path-not-query"),
        pytest.param(b"Minutes", "text/plain", "https://x.test/notes", "text", id="text-type"),
        pytest.param(b"Minutes", None, "https://x.test/notes.txt", "text", id="txt-extension"),
    ],
)
def test_extract_text_chooses_the_reader_from_magic_type_then_url_path(body, content_type, url, kind):
    assert extract_text(body, content_type, url).kind == kind


def test_extract_text_reads_a_pdf_linked_with_a_query_string():
    extracted = extract_text(make_pdf(["Printed minutes"]), None, "https://x.test/documents/g1/Printed minutes.pdf?T=1")

    assert (extracted.kind, extracted.pages, extracted.warning) == ("pdf", ["Printed minutes"], None)


@pytest.mark.parametrize(
    ("content_type", "warning"),
    [
        ("text/html", "no charset declared and not valid UTF-8; decoded as windows-1252"),
        ("text/html; charset=windows-1252", None),
    ],
)
def test_extract_text_gives_html_as_one_page_with_the_decoding_warning(content_type, warning):
    extracted = extract_text(b"<p>" + CAFE_1252 + b"</p>", content_type, "https://x.test/page")

    assert extracted.pages == ["Council’s £5m plan – café"]
    assert extracted.warning == warning


@pytest.mark.parametrize(
    ("body", "content_type", "url", "reason"),
    [
        pytest.param(b"", "application/pdf", "https://x.test/a.pdf", "empty file (0 bytes)", id="empty-pdf"),
        pytest.param(b"", "text/html", "https://x.test/a.htm", "empty file (0 bytes)", id="empty-html"),
        pytest.param(
            b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "https://x.test/a.docx",
            "unsupported document type: application/vnd.openxmlformats-officedocument.wordprocessingml.document (.docx)",
            id="docx",
        ),
        pytest.param(b"\x89PNG", "image/png", "https://x.test/map", "unsupported document type: image/png", id="image"),
        pytest.param(
            b"PK\x03\x04", "application/octet-stream", "https://x.test/a.docx",
            "unsupported document type: application/octet-stream (.docx)",
            id="generic-type-unknown-extension",
        ),
        pytest.param(b"<html>", None, "https://x.test/mgAi.aspx?ID=1", "unsupported document type: no content type (.aspx)",
                     id="no-type-no-known-extension"),
        pytest.param(b"Not a PDF", "application/pdf", "https://x.test/a.pdf", "corrupt PDF (Data format error)",
                     id="pdf-type-without-pdf-bytes"),
    ],
)
def test_extract_text_refuses_what_it_cannot_read(body, content_type, url, reason):
    with pytest.raises(ExtractionError, match="^" + re.escape(reason) + "$"):
        extract_text(body, content_type, url)


@pytest.mark.realworld
@pytest.mark.parametrize(
    ("filename", "page_count", "page_number", "phrase"),
    [
        ("ManorgatePetition.pdf", 7, 1, "Traffic Management Measures On Manorgate"),
        ("ManorgatePetition.pdf", 7, 3, "Through traffic volume"),
        ("ZebraCrossing.pdf", 4, 1, "Coombe Lane West Zebra Crossing"),
        ("ZebraCrossing.pdf", 4, 4, "Timescale"),
    ],
)
def test_real_report_pdfs_give_every_page(kingston, filename, page_count, page_number, phrase):
    pages = pdf_pages((kingston / filename).read_bytes())

    assert len(pages) == page_count
    assert phrase in pages[page_number - 1]
    assert "\r" not in "".join(pages)


@pytest.mark.realworld
def test_real_agenda_item_word_html_becomes_folded_paragraphs(kingston):
    root = lxml.html.parse(str(kingston / "Agenda_151.html")).getroot()
    item = root.xpath('//tr[.//a[@name="AI51902"]]')[0]
    description, decision = (lxml.html.tostring(div, encoding="unicode") for div in item.cssselect("div.mgWordPara")[:2])

    assert "\n" not in html_to_text(description)
    assert html_to_text(description).startswith("To address a petition")
    paragraphs = html_to_text(decision).split("\n\n")
    assert paragraphs[0] == "RESOLVED that:"
    assert [paragraph[:2] for paragraph in paragraphs[1:]] == ["1.", "2.", "3."]
    assert all("  " not in paragraph and "\xa0" not in paragraph for paragraph in paragraphs)
