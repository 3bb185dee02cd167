"""`promises tag` on the demo database: incremental, complete with --all, and shown on the site's tables."""

import pytest

from db.schema import open_db
from tests.conftest import run_promises


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("tag")
    result = run_promises("demo", "--no-serve", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    return data_dir


def tag(data_dir, *args):
    result = run_promises("tag", "--data-dir", str(data_dir), *args)
    assert result.returncode == 0, result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_demo_tags_its_commitments_with_deadlines_and_money(demo_dir):
    db = open_db(demo_dir / "promises.db")
    send = list(db["commitments"].rows_where("is_send = 1"))
    assert len(send) >= 20
    assert any(row["amount_gbp"] == 8_000_000 for row in send)
    assert any(row["deadline"] for row in send)
    assert all(row["url"] and row["tagger_version"] for row in send)


def test_commitment_offsets_slice_their_source_text(demo_dir):
    db = open_db(demo_dir / "promises.db")
    for row in db.query("""select commitments.start, commitments.end, commitments.text, document_pages.text as source
                           from commitments join document_pages
                           on document_pages.version = commitments.version and document_pages.page = commitments.page
                           limit 50"""):
        assert row["source"][row["start"]:row["end"]] == row["text"]


def test_tag_again_tags_nothing_new(demo_dir):
    assert tag(demo_dir).startswith("0 texts tagged")


def test_tag_all_tags_every_text_again_without_duplicates(demo_dir):
    db = open_db(demo_dir / "promises.db")
    before = db["commitments"].count
    line = tag(demo_dir, "--all")
    assert int(line.split()[0]) == db["tagged"].count > 0
    assert db["commitments"].count == before


def test_tag_retags_a_changed_text_only(demo_dir):
    db = open_db(demo_dir / "promises.db")
    item = next(db.query("select id, minutes from agenda_items where minutes != '' limit 1"))
    db["agenda_items"].update(item["id"], {"minutes": item["minutes"] + " The council will open a new resource base by 2027."})
    assert tag(demo_dir).startswith("1 texts tagged")
    rows = list(db["commitments"].rows_where("source = ? and text like '%new resource base%'", [f"{item['id']}/minutes"]))
    assert len(rows) == 1 and rows[0]["deadline"] == "2027-12-31"
