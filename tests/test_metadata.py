"""metadata.yml: every table, view and column a user sees is described; facets, sorts and labels name real
columns; internal tables are hidden; statuses and licence are explained; Datasette serves every page."""

import asyncio
import re
from pathlib import Path

import markupsafe
import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from db.build import VIEWS
from db.schema import TABLES
from pipeline.status import STATUSES
from tests.conftest import run_promises

METADATA = yaml.safe_load((Path(__file__).resolve().parents[1] / "metadata.yml").read_text())
DESCRIBED = METADATA["databases"]["promises"]["tables"]
INTERNAL = {"tagged", "fetches"}
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CODE = "https://github.com/council-promises/council-promises"
# The keys of https://docs.datasette.io/en/0.65/metadata.html
TOP_KEYS = {"title", "description", "description_html", "license", "license_url", "source", "source_url",
            "about", "about_url", "databases", "plugins", "allow", "allow_sql", "extra_css_urls", "extra_js_urls"}
TABLE_KEYS = {"title", "description", "description_html", "license", "license_url", "source", "source_url",
              "about", "about_url", "columns", "sort", "sort_desc", "facets", "facet_size", "size", "hidden",
              "label_column", "sortable_columns", "fts_table", "fts_pk", "searchmode", "units", "allow", "plugins"}
COLUMN_SETTINGS = [(table, key, column) for table, settings in DESCRIBED.items()
                   for key in ("facets", "sort", "sort_desc", "label_column", "sortable_columns")
                   for column in ([settings[key]] if isinstance(settings.get(key), str) else settings.get(key, []))]
FOREIGN_KEY_TARGETS = sorted({target for _, options in TABLES.values()
                              for _, target, _ in options.get("foreign_keys", [])})


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("metadata")
    built = run_promises("demo", "--no-serve", "--data-dir", str(data_dir))
    assert built.returncode == 0, built.stderr
    return data_dir / "promises.db"


@pytest.fixture(scope="module")
def db_columns(db_path) -> dict[str, list[str]]:
    """Column names of every table and view of the demo database, full-text search tables left out."""
    db = sqlite_utils.Database(db_path)
    names = [name for name in db.table_names() + db.view_names() if "_fts" not in name]
    return {name: [column.name for column in db[name].columns] for name in names}


def fetch(db_path: Path, *paths: str) -> dict:
    """Responses of a Datasette serving the demo database with metadata.yml, by path."""
    async def get_all():
        datasette = Datasette([str(db_path)], metadata=METADATA)
        await datasette.invoke_startup()
        return {path: await datasette.client.get(path) for path in paths}
    return asyncio.run(get_all())


def test_every_table_and_view_of_the_database_is_described(db_columns):
    assert [name for name in db_columns if not DESCRIBED.get(name, {}).get("description")] == []


@pytest.mark.parametrize("name", [*TABLES, *VIEWS])
def test_every_table_of_the_schema_and_view_of_the_build_is_described(name):
    assert DESCRIBED[name]["description"].strip()


@pytest.mark.parametrize("name", DESCRIBED)
def test_every_column_of_a_described_table_is_described(name, db_columns):
    columns = DESCRIBED[name].get("columns", {})
    assert [column for column in db_columns[name] if not str(columns.get(column, "")).strip()] == []


@pytest.mark.parametrize("name", DESCRIBED)
def test_no_described_column_is_missing_from_the_database(name, db_columns):
    assert set(DESCRIBED[name].get("columns", {})) - set(db_columns[name]) == set()


@pytest.mark.parametrize("table,key,column", COLUMN_SETTINGS)
def test_facets_sorts_and_labels_name_real_columns(table, key, column, db_columns):
    assert column in db_columns[table]


@pytest.mark.parametrize("table", FOREIGN_KEY_TARGETS)
def test_foreign_keys_read_as_names_through_a_label_column(table):
    assert DESCRIBED[table].get("label_column")


def test_hidden_tables_are_exactly_the_internal_ones():
    assert {name for name, settings in DESCRIBED.items() if settings.get("hidden")} == INTERNAL


@pytest.mark.parametrize("status", STATUSES)
def test_description_explains_each_status_with_a_symbol_and_a_word(status):
    (line,) = [item for item in re.findall(r"<li>(.*?)</li>", METADATA["description_html"], re.DOTALL)
               if f"<code>{status}</code>" in item]
    assert re.match(r'<span aria-hidden="true">\S+</span> <strong>\w[\w ]+</strong>', line)


def test_description_has_one_line_for_each_status_and_no_other():
    assert len(re.findall(r"<li>", METADATA["description_html"])) == len(STATUSES)


@pytest.mark.parametrize("key,expected", [
    ("license", "Open Government Licence v3.0"),
    ("license_url", OGL),
    ("about_url", CODE),
])
def test_licence_is_the_open_government_licence_and_code_is_linked(key, expected):
    assert METADATA[key] == expected


@pytest.mark.parametrize("phrase", [OGL, "Open Government Licence", "Apache License 2.0", CODE])
def test_description_states_both_licences(phrase):
    assert phrase in METADATA["description_html"]


def test_metadata_uses_only_datasette_065_keys():
    assert set(METADATA) <= TOP_KEYS
    assert {key for settings in DESCRIBED.values() for key in settings} <= TABLE_KEYS


def test_datasette_serves_every_described_table_and_view_with_its_description(db_path):
    responses = fetch(db_path, *(f"/promises/{name}" for name in DESCRIBED))
    for name, settings in DESCRIBED.items():
        response = responses[f"/promises/{name}"]
        assert response.status_code == 200, name
        assert str(markupsafe.escape(settings["description"])) in response.text, name


def test_datasette_home_page_shows_the_description_and_licence(db_path):
    text = fetch(db_path, "/")["/"].text
    assert METADATA["description_html"] in text
    assert f'<a href="{OGL}">Open Government Licence v3.0</a>' in text


def test_datasette_hides_only_the_internal_and_full_text_tables(db_path):
    tables = fetch(db_path, "/promises.json")["/promises.json"].json()["tables"]
    assert {table["name"] for table in tables if table["hidden"] and "_fts" not in table["name"]} == INTERNAL
