"""Reading ModernGov HTML: folded text, link text without hidden spans, query strings, Word blocks."""

import re
from urllib.parse import parse_qsl, urlsplit

from lxml import etree
from lxml import html as lxml_html

from pipeline.text import html_to_text

HIDDEN_TEXT = "contains(@class, 'mgFileSize') or contains(@class, 'mgHide')"
VALUE_ENDS = frozenset({"br", "p", "div", "ul", "ol", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6"})


def fold(text: str) -> str:
    """Whitespace (non-breaking spaces included) folded to single spaces, trimmed."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def link_text(element) -> str:
    """An element's text without the hidden file-size and screen-reader spans ModernGov adds to links."""
    return fold(" ".join(element.xpath(f".//text()[not(ancestor::span[{HIDDEN_TEXT}])]")))


def block_text(block) -> str:
    """The paragraphs of a block (a Word-exported div.mgWordPara) as text; "" for None."""
    return html_to_text(lxml_html.tostring(block, encoding="unicode")) if block is not None else ""


def query(url: str) -> dict[str, str]:
    """A URL's query parameters with lower-case names (ModernGov spells them MId, MID, mid...)."""
    return {key.lower(): value for key, value in parse_qsl(urlsplit(url).query)}


def scope(html: str):
    """The #modgov div of a page, or the whole fragment when it has none (an empty div for no HTML)."""
    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return lxml_html.Element("div")
    modgov = root.xpath("//*[@id='modgov']")
    return modgov[0] if modgov else root


def label_value(label) -> str:
    """The value after a `span.mgLabel`: its text up to the next label, line break or block.

    Never the rest of the paragraph: a page that writes "Party: X<br>Home address: ..." in one
    block must not give an address as the party.
    """
    parts = [label.tail or ""]
    for sibling in label.itersiblings():
        if sibling.tag in VALUE_ENDS or "mgLabel" in (sibling.get("class") or ""):
            break
        parts += [sibling.text_content(), sibling.tail or ""]
    return fold(" ".join(parts))
