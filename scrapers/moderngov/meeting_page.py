"""Reading a ModernGov meeting page (ieListDocuments.aspx, mgAi.aspx): the cells of its agenda items
(title, description, decision, minutes, documents, Recorded Vote tables) and its meeting-list entries."""

import re

from scrapers.moderngov.markup import block_text, fold, link_text

DOCUMENT_HREF = re.compile(r"(^|/)(documents/[sg]\d+/|mgConvert2PDF\.aspx|Data/)", re.IGNORECASE)


def walk_item_cell(cell) -> dict:
    """Read an agenda item cell in order: title, description, then blocks labelled by sub-titles."""
    parts: dict = {"documents": [], "votes": []}
    label = None
    for child in cell.iterchildren() if cell is not None else ():
        classes = (child.get("class") or "").split()
        if child.tag == "p" and "mgAiTitleTxt" in classes and "title" not in parts:
            parts["title"] = link_text(child)
            parts["documents"] += [(a.get("href"), link_text(a)) for a in child.xpath(".//a[@href]")
                                   if DOCUMENT_HREF.search(a.get("href"))]
        elif child.tag == "p" and "mgSubItemTitleTxt" in classes:
            label = fold(child.text_content()).rstrip(":").lower()
        elif child.tag == "div" and "mgWordPara" in classes:
            key = {"decision": "decision", "minutes": "minutes"}.get(label or "", "description")
            if key == "description" and label is None:
                parts["description"] = block_text(child)
            elif key != "description":
                parts[key] = child
        elif child.tag == "ul":
            parts["documents"] += [(a.get("href"), link_text(a)) for a in child.xpath(".//a[@href]")
                                   if DOCUMENT_HREF.search(a.get("href"))]
        elif child.tag == "table" and "recorded vote" in fold(" ".join(child.xpath(".//caption//text()"))).lower():
            parts["votes"] += recorded_votes(child)
    return parts


def recorded_votes(table) -> list[dict]:
    """The rows of a "Recorded Vote" table: title, type, text and result."""
    rows = []
    for tr in table.xpath(".//tr[td]"):
        cells = [fold(td.text_content()) for td in tr.xpath("./td")]
        if len(cells) >= 4:
            rows.append({"title": cells[0], "type": cells[1], "text": cells[2], "result": cells[3]})
    return rows


def minutes_text(block) -> tuple[str, bool]:
    """Minutes text and whether the page cut it short with a link to mgAi.aspx."""
    if block is None:
        return "", False
    links = block.xpath(".//a[contains(translate(@href, 'MGAI', 'mgai'), 'mgai.aspx')]")
    for link in links:
        link.drop_tree()
    text = block_text(block)
    if links:
        text = re.sub(r"\s*\.\.\.\s*$", "", text)
    return text, bool(links)


def item_cell(row):
    """The cell of an agenda item row that holds its title and text (not the number cell)."""
    cells = [td for td in row.xpath("./td") if "mgItemNumberCell" not in (td.get("class") or "")]
    return cells[0] if cells else None


def cell_holding_subtitles(page):
    """On an mgAi.aspx page, the element whose children are the item's labelled blocks."""
    subtitles = page.xpath("//*[@id='modgov']//p[contains(@class, 'mgSubItemTitleTxt')]")
    return subtitles[0].getparent() if subtitles else None


def listing(link) -> str:
    """What a meeting list says after a meeting's link: "Agenda, Decisions, Minutes" or "CANCELLED"."""
    return fold(link.tail or "").lstrip("-– ").strip()


def kind_from_title(title: str) -> str:
    """A printed document's kind from its link text: minutes, decisions, agenda or (otherwise) pack."""
    lowered = title.lower()
    for kind in ("minutes", "decisions", "agenda"):
        if kind.rstrip("s") in lowered:
            return kind
    return "pack"
