"""Evidence that later texts give about promises (pipeline/evidence.py, patterns/evidence.yml)."""

import pytest

from pipeline.evidence import find_evidence, reported_quantity, stance_of
from pipeline.promises import group_mentions
from pipeline.vocabulary import vocabulary
from tests.test_promises import OFFER, STAFF

EXAMPLES = vocabulary("evidence")["examples"]


@pytest.mark.parametrize("text, stance", EXAMPLES["stances"])
def test_stance_example_has_its_stance(text, stance):
    assert stance_of(text) == stance


@pytest.mark.parametrize("text", EXAMPLES["no_stance"])
def test_no_stance_example_has_no_stance(text):
    assert stance_of(text) is None


@pytest.mark.parametrize("text, promised, stance, reported", [
    ("Forty-six of the eighty additional posts have been filled", 80, "progress", 46),
    ("74 of the 80 posts were filled", 80, "progress", 74),
    ("All eighty additional posts were filled by 2 September 2024", 80, "delivered", 80),
    ("Sixty of the 150 additional special school places opened in September 2024", 150, "delivered", 60),
    ("The 70 places promised for autumn 2021 all opened by October 2021", 340, "delivered", 70),
    ("Outreach is now available to 81% of schools", None, "progress", None),
    ("The new system went live on 7 April 2025", 80, "delivered", None),
])
def test_reported_quantity_is_the_number_reached(text, promised, stance, reported):
    assert reported_quantity(text, promised, stance) == reported


def text(source, body, published, council="shire"):
    return {"source": source, "document": source, "page": 1, "agenda_item": None, "text": body,
            "published": published, "url": f"https://example.org/{source}", "council": council, "title": "Progress Report"}


MENTIONS = {m["id"]: m for m in (STAFF, OFFER)}
PROMISES = group_mentions(list(MENTIONS.values()))
STAFF_PROMISE = next(p for p in PROMISES if p["origin"] == STAFF["id"])
OFFER_PROMISE = next(p for p in PROMISES if p["origin"] == OFFER["id"])


@pytest.mark.parametrize("body, published, promise, stance, quantity, new_deadline", [
    ("Forty-five of the eighty additional caseworkers have been recruited so far.", "2023-12-01",
     STAFF_PROMISE, "progress", 45, None),
    ("All eighty additional caseworkers were recruited and are in post.", "2024-09-16",
     STAFF_PROMISE, "delivered", 80, None),
    ("Recruitment of the eighty caseworkers has been delayed until December 2024.", "2024-03-01",
     STAFF_PROMISE, "revised", None, "2024-12-31"),
    ("The relaunched Local Offer website went live on 23 May 2022.", "2022-06-20",
     OFFER_PROMISE, "delivered", None, None),
    ("The Local Offer relaunch has been scrapped.", "2022-03-01", OFFER_PROMISE, "abandoned", None, None),
    ("The April 2022 date for the Local Offer website was missed.", "2022-06-01", OFFER_PROMISE, "missed", None, None),
])
def test_statement_links_to_its_promise_with_stance_and_numbers(body, published, promise, stance, quantity, new_deadline):
    found = find_evidence([text("shire/r1/p1", body, published)], PROMISES, MENTIONS)
    assert [(e["promise"], e["stance"], e["quantity_value"], e["new_deadline"]) for e in found] == [
        (promise["id"], stance, quantity, new_deadline)]


@pytest.mark.parametrize("body, published, council", [
    ("All eighty additional caseworkers were recruited.", "2023-07-01", "shire"),  # before the promise
    ("All eighty additional caseworkers were recruited.", "2024-09-16", "wold"),  # another council
    ("Members asked how many of the eighty caseworkers had been recruited.", "2024-09-16", "shire"),
    ("The library at Ashby Vale has opened.", "2024-09-16", "shire"),
])
def test_statement_that_does_not_report_on_a_promise_is_not_evidence(body, published, council):
    assert find_evidence([text(f"{council}/r1/p1", body, published, council)], PROMISES, MENTIONS) == []


def test_evidence_has_offsets_quote_and_stable_id():
    body = "1. Introduction.\n\n2. All eighty additional caseworkers were recruited and are in post."
    item = find_evidence([text("shire/r1/p1", body, "2024-09-16")], PROMISES, MENTIONS)[0]
    assert body[item["start"]:item["end"]] == item["quote"]
    assert item["id"].startswith(STAFF_PROMISE["id"] + "/e") and len(item["id"]) == len(STAFF_PROMISE["id"]) + 12
    assert (item["published"], item["url"]) == ("2024-09-16", "https://example.org/shire/r1/p1")
    assert 0 < item["confidence"] <= 1


def test_same_statement_printed_twice_is_one_piece_of_evidence():
    body = "All eighty additional caseworkers were recruited and are in post."
    found = find_evidence([text("shire/r1/p1", body, "2024-09-16"), text("shire/m1/p1", body, "2024-09-16")],
                          PROMISES, MENTIONS)
    assert len(found) == 1


def test_each_clause_links_to_the_promise_it_names():
    body = ("Officers reported that 46 of the 80 additional caseworkers had been recruited and that the Local Offer "
            "website is on track.")
    found = find_evidence([text("shire/r1/p1", body, "2023-12-01")], PROMISES, MENTIONS)
    assert {(e["promise"], e["stance"], e["quantity_value"]) for e in found} == {
        (STAFF_PROMISE["id"], "progress", 46), (OFFER_PROMISE["id"], "progress", None)}
