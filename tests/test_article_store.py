"""Article copies become one document per release, and re-running or adding copies keeps ids (pipeline.article_store)."""

import pytest

from db import store
from db.schema import open_db
from pipeline.article_store import collapse_articles
from tests.test_syndication import OTHER, RELEASE


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "promises.db")
    store.upsert_council(db, {"slug": "testshire", "name": "Testshire County Council", "platform": "moderngov",
                              "base_url": "http://council.test/", "verified": True})
    for source, kind in (("newsroom", "press_release"), ("gazette", "news"), ("libdems", "press_release")):
        store.upsert_news_source(db, {"id": f"testshire/{source}", "council": "testshire", "source": source,
                                      "name": source, "kind": kind})
    return db


def add(db, source: str, slug: str, text: str, published: str | None, kind: str = "press_release"):
    store.upsert_article_copy(db, {
        "id": f"testshire/{source}/{slug}", "council": "testshire", "source": f"testshire/{source}", "kind": kind,
        "organisation": source.title(), "party": None, "url": f"http://{source}.test/{slug}.html",
        "title": slug.replace("-", " "), "author": None, "published": published, "date_source": "page" if published
        else None, "text": text, "sha256": f"{hash((source, slug, text)) & (2**64 - 1):064x}",
        "content_type": "text/html"})


def documents(db) -> list[tuple]:
    return [tuple(row.values()) for row in db.query(
        "select id, published, copies, url from documents order by id")]


def test_three_copies_of_a_release_are_one_document_dated_by_the_earliest(db):
    add(db, "gazette", "council-reprint", "Reprinted from the council. " + RELEASE, "2023-07-20", "news")
    add(db, "newsroom", "eight-million", RELEASE, "2023-07-18")
    add(db, "libdems", "repost", RELEASE + " Promoted locally.", None)
    add(db, "libdems", "waiting-list", OTHER, "2023-12-15")
    counts = collapse_articles(db)
    assert counts == {"copies": 4, "documents": 2, "syndicated": 2, "dropped": 0}
    assert documents(db) == [
        ("testshire/libdems/waiting-list", "2023-12-15", 1, "http://libdems.test/waiting-list.html"),
        ("testshire/newsroom/eight-million", "2023-07-18", 3, "http://newsroom.test/eight-million.html"),
    ]
    owners = {row["id"]: row["document"] for row in db.query("select id, document from article_copies")}
    assert set(owners.values()) == {"testshire/newsroom/eight-million", "testshire/libdems/waiting-list"}
    page = db.execute("select text from document_pages where document = 'testshire/newsroom/eight-million'").fetchone()
    assert page[0] == "eight million\n\n" + RELEASE


def test_collapsing_again_changes_nothing(db):
    add(db, "newsroom", "eight-million", RELEASE, "2023-07-18")
    add(db, "gazette", "council-reprint", RELEASE, "2023-07-20", "news")
    collapse_articles(db)
    before = documents(db), db["document_pages"].count, db["document_versions"].count
    assert collapse_articles(db)["dropped"] == 0
    assert (documents(db), db["document_pages"].count, db["document_versions"].count) == before


def test_an_earlier_copy_found_later_joins_without_renaming_the_document(db):
    add(db, "gazette", "council-reprint", RELEASE, "2023-07-20", "news")
    collapse_articles(db)
    add(db, "newsroom", "eight-million", RELEASE, "2023-07-18")
    collapse_articles(db)
    assert documents(db) == [("testshire/gazette/council-reprint", "2023-07-18", 2,
                              "http://gazette.test/council-reprint.html")]


def test_two_releases_bridged_by_a_new_copy_merge_and_the_later_document_goes(db):
    # Shingle sets nest: first ⊂ bridge ⊂ longest, each about 0.75 of the next; first is 0.56 of longest.
    bridge = RELEASE + " " + " ".join(f"extra{n}" for n in range(25))
    longest = bridge + " " + " ".join(f"more{n}" for n in range(34))
    add(db, "newsroom", "eight-million", RELEASE, "2023-07-18")
    add(db, "gazette", "long-version", longest, "2023-07-25", "news")
    assert collapse_articles(db)["documents"] == 2
    add(db, "libdems", "bridge", bridge, "2023-07-21")
    counts = collapse_articles(db)
    assert counts["documents"] == 1 and counts["dropped"] == 1
    assert [row[0] for row in documents(db)] == ["testshire/newsroom/eight-million"]
    assert db.execute("select count(*) from document_pages where document = 'testshire/gazette/long-version'"
                      ).fetchone()[0] == 0
