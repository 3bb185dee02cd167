"""The council registry: every entry well-formed, and crawl targets resolve as a user would expect."""

import re

import pytest

from scrapers.registry import load_registry, normalise_base_url, resolve_target

PLATFORMS = {"moderngov", "cmis", "other"}


def test_every_registry_entry_has_name_platform_base_url_and_verified_flag():
    registry = load_registry()
    assert list(registry)[0] == "hertfordshire"
    for slug, council in registry.items():
        assert council["platform"] in PLATFORMS, slug
        assert council["base_url"].startswith(("http://", "https://")) and council["base_url"].endswith("/"), slug
        assert isinstance(council["verified"], bool), slug
        assert council["name"].endswith("County Council"), slug


def test_hertfordshire_is_verified_moderngov():
    council = resolve_target("hertfordshire")
    assert council["base_url"] == "https://democracy.hertfordshire.gov.uk/" and council["verified"]


@pytest.mark.parametrize("given", [
    "https://democracy.hertfordshire.gov.uk/",
    "http://democracy.hertfordshire.gov.uk",
    "democracy.hertfordshire.gov.uk/mgListCommittees.aspx",
])
def test_base_url_of_a_registered_council_resolves_to_its_entry(given):
    assert resolve_target(given)["slug"] == "hertfordshire"


def test_unknown_base_url_gets_a_slug_from_its_host_and_path():
    council = resolve_target("http://modgov.sefton.gov.uk/moderngov/ieListMeetings.aspx")
    assert council["slug"] == "modgov-sefton-gov-uk-moderngov"
    assert council["base_url"] == "http://modgov.sefton.gov.uk/moderngov/"


@pytest.mark.parametrize("target, message", [("atlantis", "unknown council"), ("essex", "runs cmis")])
def test_unusable_slug_is_a_clear_error(target, message):
    with pytest.raises(ValueError, match=message):
        resolve_target(target)


def test_normalise_base_url_adds_scheme_and_trailing_slash():
    assert normalise_base_url("democracy.kent.gov.uk") == "https://democracy.kent.gov.uk/"


NEWS_KINDS = {"press_release", "news"}
NEWS_KEYS = {"id", "name", "organisation", "kind", "party", "url", "feed", "sitemap", "listing", "verified", "source",
             "domains"}


@pytest.mark.parametrize("slug, council", list(load_registry().items()))
def test_every_news_source_is_well_formed(slug, council):
    ids = [source["id"] for source in council["news"]]
    assert len(ids) == len(set(ids)), slug
    for source in council["news"]:
        assert set(source) <= NEWS_KEYS, (slug, source["id"])
        assert re.fullmatch(r"[a-z0-9-]+", source["id"]), (slug, source["id"])
        assert source["kind"] in NEWS_KINDS and isinstance(source["verified"], bool), (slug, source["id"])
        assert source["url"].startswith(("http://", "https://")), (slug, source["id"])
        listing = source.get("listing")
        assert listing is None or {"url", "links"} <= set(listing), (slug, source["id"])


def test_hertfordshire_has_its_newsroom_party_groups_and_papers():
    news = load_registry()["hertfordshire"]["news"]
    assert {"Liberal Democrats", "Conservative", "Labour"} <= {source["party"] for source in news}
    assert any(source["kind"] == "press_release" and source["party"] is None for source in news)
    assert sum(source["kind"] == "news" for source in news) >= 3


def test_cmis_council_resolves_when_only_its_news_is_wanted():
    assert resolve_target("essex", news_only=True)["platform"] == "cmis"
