"""Plain text from fetched council documents: PDFs (pypdfium2), HTML pages and plain text."""

from __future__ import annotations

import codecs
import ctypes
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import lxml.html
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from lxml import etree

EMPTY_FILE = "empty file (0 bytes)"
ENCRYPTED_PDF = "encrypted PDF (a password is required)"

_PDF_MAGIC = b"%PDF-"
# PDF readers accept a header anywhere in the first kilobyte.
_PDF_MAGIC_WINDOW = 1024
_META_WINDOW = 2048
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers (WHATWG Encoding) read these labels as windows-1252, and so do we.
_WINDOWS_1252_ALIASES = {"ascii", "latin-1", "iso8859-1"}
_C1_ERRORS = "windows-1252-c1"

_DROPPED_TAGS = ("script", "style", "noscript", "head", "template")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody tfoot thead "
    "tr ul".split()
)
_ITEM_TAGS = frozenset({"li", "tr"})
_CELL_TAGS = frozenset({"td", "th"})

_MEDIA_KINDS = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
_GENERIC_MEDIA = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/download",
     "application/x-download", "application/force-download"}
)
_EXTENSION_KINDS = {".pdf": "pdf", ".htm": "html", ".html": "html", ".txt": "text"}

class ExtractionError(Exception):
    """A document whose text cannot be extracted; ``reason`` (also ``str(e)``) says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Extracted:
    """Extracted text: ``kind`` is "pdf", "html" or "text"; ``pages[0]`` is page 1."""

    kind: str
    pages: list[str]
    warning: str | None = None


def _c1_controls(error: UnicodeDecodeError) -> tuple[str, int]:
    # windows-1252 leaves five bytes undefined; WHATWG maps them to C1 controls instead of failing.
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error(_C1_ERRORS, _c1_controls)


def extract_text(body: bytes, content_type: str | None, url: str) -> Extracted:
    """Extract the text of a fetched document, choosing the reader by magic bytes, type and URL path."""
    if not body:
        raise ExtractionError(EMPTY_FILE)
    kind = _document_kind(body, content_type, url)
    if kind == "pdf":
        return Extracted("pdf", pdf_pages(body))
    charset = charset_parameter(content_type)
    if kind == "html":
        html, warning = decode_html(body, charset)
        return Extracted("html", [html_to_text(html)], warning)
    text, warning = _decode(body, [("HTTP header", charset)])
    return Extracted("text", [text.replace("\r\n", "\n")], warning)


def _document_kind(body: bytes, content_type: str | None, url: str) -> str:
    if _PDF_MAGIC in body[:_PDF_MAGIC_WINDOW]:
        return "pdf"
    media = _media_type(content_type)
    if media in _MEDIA_KINDS:
        return _MEDIA_KINDS[media]
    extension = PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()
    if media in _GENERIC_MEDIA and extension in _EXTENSION_KINDS:
        return _EXTENSION_KINDS[extension]
    described = media or "no content type"
    if extension:
        described += f" ({extension})"
    raise ExtractionError(f"unsupported document type: {described}")


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_parameter(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, or None."""
    match = _CONTENT_TYPE_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def decode_html(body: bytes, declared_encoding: str | None = None) -> tuple[str, str | None]:
    """Decode an HTML page; returns ``(text, warning)``, the warning set when bytes had to be reinterpreted.

    The charset comes from a byte order mark, else ``declared_encoding`` (the HTTP header), else a
    ``<meta>`` tag in the first 2 KB, else UTF-8. Bytes that are invalid in that charset are decoded as
    windows-1252, which maps every byte, so no character is dropped.
    """
    meta = _META_CHARSET.search(body[:_META_WINDOW])
    meta_label = meta.group(1).decode("ascii") if meta else None
    if meta_label and meta_label.lower().startswith("utf-16"):
        # A <meta> tag readable as ASCII cannot be UTF-16; browsers read it as UTF-8.
        meta_label = "utf-8"
    return _decode(body, [("HTTP header", declared_encoding), ("<meta> tag", meta_label)])


def _decode(body: bytes, declarations: list[tuple[str, str | None]]) -> tuple[str, str | None]:
    source, label, codec = _choose_codec(body, declarations)
    try:
        return body.decode(codec, _C1_ERRORS if codec == "cp1252" else "strict"), None
    except UnicodeDecodeError:
        text = body.decode("cp1252", _C1_ERRORS)
    if source is None:
        return text, "no charset declared and not valid UTF-8; decoded as windows-1252"
    return text, f"charset {label} declared in {source} but the bytes are not valid {label}; decoded as windows-1252"


def _choose_codec(body: bytes, declarations: list[tuple[str, str | None]]) -> tuple[str | None, str, str]:
    """Return (where the charset was declared or None, its label, Python codec name)."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return "byte order mark", codec, codec
    for source, label in declarations:
        codec = _text_codec(label)
        if codec:
            return source, label.strip().lower(), codec
    return None, "utf-8", "utf-8"


def _text_codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
        b"".decode(name)  # rejects bytes-to-bytes codecs such as base64
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def html_to_text(html: str) -> str:
    """Readable text of an HTML page or fragment: one paragraph per block, joined by blank lines.

    Scripts, styles and ``<head>`` are dropped, whitespace (including ``&nbsp;``) is folded inside a
    paragraph, empty paragraphs vanish, and consecutive list items or table rows are joined by one newline.
    """
    if not html.strip():
        return ""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except etree.ParserError:
        return ""
    etree.strip_elements(root, *_DROPPED_TAGS, with_tail=False)
    collector = _ParagraphCollector()
    for event, element in etree.iterwalk(root, events=("start", "end")):
        collector.visit(event, element)
    collector.flush()
    return _join_paragraphs(collector.paragraphs)


class _ParagraphCollector:
    """Gathers text between block boundaries; remembers whether each paragraph sat in a list item or row."""

    def __init__(self) -> None:
        self.paragraphs: list[tuple[str, bool]] = []
        self._buffer: list[str] = []
        self._item_depth = 0

    def visit(self, event: str, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                self.flush()
            self._item_depth += tag in _ITEM_TAGS
            self._buffer.append(element.text or "")
            return
        if tag in _CELL_TAGS:
            self._buffer.append(" ")
        if tag in _BLOCK_TAGS:
            self.flush()
        self._item_depth -= tag in _ITEM_TAGS
        self._buffer.append(element.tail or "")

    def flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if text:
            self.paragraphs.append((text, self._item_depth > 0))


def _join_paragraphs(paragraphs: list[tuple[str, bool]]) -> str:
    parts: list[str] = []
    previous_is_item = False
    for text, is_item in paragraphs:
        if parts:
            parts.append("\n" if previous_is_item and is_item else "\n\n")
        parts.append(text)
        previous_is_item = is_item
    return "".join(parts)


def pdf_pages(data: bytes) -> list[str]:
    """Text of each PDF page in order (index 0 is page 1), lines separated by "\\n".

    Raises ExtractionError for empty, encrypted or corrupt files.
    """
    if not data:
        raise ExtractionError(EMPTY_FILE)
    document = _open_pdf(data)
    try:
        return [_page_text(document, index) for index in range(len(document))]
    finally:
        document.close()


def _open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ExtractionError(_load_failure_reason(error)) from error


def _load_failure_reason(error: pdfium.PdfiumError) -> str:
    if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
        return ENCRYPTED_PDF
    if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF (unsupported security handler)"
    if error.err_code == pdfium_c.FPDF_ERR_SUCCESS:
        return "corrupt PDF (no pages)"
    detail = re.search(r"PDFium: ([^)]*)", str(error))
    return f"corrupt PDF ({detail.group(1) if detail else error})"


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    # Raw PDFium calls: the helper objects add finalizer bookkeeping on every page.
    page = pdfium_c.FPDF_LoadPage(document.raw, index)
    if not page:
        raise ExtractionError(f"corrupt PDF (page {index + 1} cannot be loaded)")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise ExtractionError(f"corrupt PDF (no text layer on page {index + 1})")
        try:
            count = pdfium_c.FPDFText_CountChars(textpage)
            buffer = (ctypes.c_ushort * (count + 1))()
            written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)  # includes the NUL
            raw = ctypes.string_at(buffer, max(written - 1, 0) * 2)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    return raw.decode("utf-16-le", "replace").replace("\r\n", "\n")
