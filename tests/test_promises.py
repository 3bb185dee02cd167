"""Grouping commitment mentions into promises (pipeline/promises.py, docs/tracking.md)."""

import pytest

from pipeline.promises import group_mentions, promise_id, topic_block
from pipeline.vocabulary import vocabulary


def mention(id, text, published, **fields):
    source = id.rsplit("@", 1)[0]
    return {"id": id, "source": source, "document": None, "page": None, "agenda_item": None, "text": text,
            "kind": "pledge", "is_send": 1, "actor": "council", "amount_gbp": None, "quantity_value": None,
            "quantity_unit": None, "deadline": None, "deadline_text": None, "published": published, "url": "",
            "council": id.split("/")[0], **fields}


STAFF = mention("shire/s1/p1@0-60", "The Council will recruit eighty additional caseworkers for SEND casework",
                "2023-07-17", quantity_value=80.0, quantity_unit="caseworkers", deadline="2024-04-30",
                deadline_text="by April 2024")
STAFF_AGAIN = mention("shire/s2/p1@0-60", "Recruitment of the eighty additional SEND caseworkers continues",
                      "2023-12-12", quantity_value=80.0, quantity_unit="caseworkers")
STAFF_LATER = mention("shire/s3/p1@0-60", "The eighty additional caseworkers will be recruited by September 2024",
                      "2024-03-01", quantity_value=80.0, quantity_unit="caseworkers", deadline="2024-09-30",
                      deadline_text="by September 2024")
STAFF_OTHER_NUMBER = mention("shire/s4/p1@0-60", "The Council will recruit twenty additional caseworkers",
                             "2024-03-01", quantity_value=20.0, quantity_unit="caseworkers")
OTHER_COUNCIL = mention("wold/s1/p1@0-60", "The Council will recruit eighty additional caseworkers for SEND casework",
                        "2023-08-01", quantity_value=80.0, quantity_unit="caseworkers")
OFFER = mention("shire/s5/p1@0-60", "The Council will relaunch the Local Offer website by April 2022",
                "2021-11-15", deadline="2022-04-30", deadline_text="by April 2022")


def by_origin(promises):
    return {promise["origin"]: promise for promise in promises}


@pytest.mark.parametrize("mentions, groups", [
    ([STAFF, STAFF_AGAIN], [[STAFF, STAFF_AGAIN]]),
    ([STAFF_AGAIN, STAFF], [[STAFF, STAFF_AGAIN]]),
    ([STAFF, STAFF_OTHER_NUMBER], [[STAFF], [STAFF_OTHER_NUMBER]]),
    ([STAFF, OTHER_COUNCIL], [[STAFF], [OTHER_COUNCIL]]),
    ([STAFF, OFFER], [[OFFER], [STAFF]]),
    ([STAFF, STAFF_AGAIN, STAFF_LATER], [[STAFF, STAFF_AGAIN, STAFF_LATER]]),
])
def test_mentions_of_one_undertaking_group_and_others_do_not(mentions, groups):
    promises = group_mentions(mentions)
    assert [promise["mentions"] for promise in promises] == [[m["id"] for m in group] for group in groups]


def test_promise_id_is_the_council_and_a_hash_of_the_origin():
    promise = group_mentions([STAFF, STAFF_AGAIN])[0]
    assert promise["id"] == promise_id("shire", STAFF["id"]) and promise["id"].startswith("shire/p")
    assert len(promise["id"]) == len("shire/p") + 10


def test_new_mentions_keep_existing_promise_ids():
    before = {p["id"] for p in group_mentions([STAFF, OFFER])}
    after = {p["id"] for p in group_mentions([STAFF, OFFER, STAFF_AGAIN, STAFF_OTHER_NUMBER])}
    assert before <= after


def test_later_deadline_is_a_revision_and_the_original_stays():
    promise = group_mentions([STAFF, STAFF_AGAIN, STAFF_LATER])[0]
    assert (promise["deadline"], promise["revised_deadline"], promise["revised_on"]) == ("2024-04-30", "2024-09-30", "2024-03-01")
    assert (promise["first_published"], promise["last_published"]) == ("2023-07-17", "2024-03-01")


def test_earlier_deadline_contradicts_and_starts_a_new_promise():
    earlier = mention("shire/s6/p1@0-60", "The eighty additional caseworkers will be recruited by January 2024",
                      "2023-09-01", quantity_value=80.0, quantity_unit="caseworkers", deadline="2024-01-31",
                      deadline_text="by January 2024")
    assert len(group_mentions([STAFF, earlier])) == 2


def test_duration_deadline_retold_later_is_not_a_revision():
    again = mention("shire/s7/p1@0-60", "Recruitment of the eighty additional caseworkers over the next two years",
                    "2023-12-12", quantity_value=80.0, quantity_unit="caseworkers", deadline="2025-12-12",
                    deadline_text="over the next two years")
    promise = group_mentions([STAFF, again])[0]
    assert promise["mentions"] == [STAFF["id"], again["id"]] and promise["revised_deadline"] is None


def test_origin_without_deadline_takes_the_first_deadline_given():
    decision = mention("shire/s0/p1@0-40", "That the recruitment of eighty additional caseworkers be approved",
                       "2023-07-17", quantity_value=80.0, quantity_unit="caseworkers")
    clause = mention("shire/s0/p1@42-90", "with all posts filled by April 2024", "2023-07-17",
                     deadline="2024-04-30", deadline_text="by April 2024")
    promise = group_mentions([decision, clause])[0]
    assert promise["mentions"] == [decision["id"], clause["id"]] and promise["deadline"] == "2024-04-30"


def test_clauses_keep_text_order_when_ids_sort_otherwise():
    first = mention("shire/s0/p1@86-120", "with all posts filled by April 2024", "2023-07-17",
                    deadline="2024-04-30", deadline_text="by April 2024")
    second = mention("shire/s0/p1@853-890", "Recruitment will begin in August 2023", "2023-07-17",
                     deadline="2023-08-31", deadline_text="in August 2023")
    assert [p["origin"] for p in group_mentions([second, first])] == [first["id"], second["id"]]


def test_promise_has_the_interface_fields():
    promise = group_mentions([STAFF])[0]
    assert set(promise) >= {"id", "council", "origin", "title", "topic", "mentions", "deadline", "revised_deadline",
                            "quantity_value", "quantity_unit", "amount_gbp", "first_published", "last_published"}
    assert (promise["topic"], promise["quantity_value"], promise["title"]) == ("staff", 80.0, STAFF["text"])


def test_long_title_is_trimmed_at_a_word():
    long = mention("shire/s8/p1@0-400", "The Council will relaunch the Local Offer website " + "and more words " * 20,
                   "2021-11-15")
    title = group_mentions([long])[0]["title"]
    assert len(title) <= 121 and title.endswith("…") and "\n" not in title


@pytest.mark.parametrize("text, topic", vocabulary("evidence")["examples"]["topics"])
def test_topic_example_is_in_its_block(text, topic):
    assert topic_block(text, 4_200_000 if "£" in text else None) == topic


def test_quantity_unit_decides_the_block_before_the_text():
    text = "We will create more than 340 new special school places and at least 200 resource provision places"
    assert topic_block(text, None, "special school places") == "special_school_places"
