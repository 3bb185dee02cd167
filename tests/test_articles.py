"""Article extraction (pipeline.articles.extract_article) on the Testshire fixture pages in tests/fixtures/news.

Which kind an article is (press release or news) comes from its source in the registry, not from the page,
so it is tested in tests/test_news.py.
"""

from datetime import date
from pathlib import Path

import pytest

from pipeline.articles import ArticleRefused, extract_article

NEWS = Path(__file__).parent / "fixtures" / "news"
UTF8 = "text/html; charset=utf-8"


def extract(path: str, content_type: str | None = UTF8, **hints):
    body = (NEWS / path).read_bytes().replace(b"{base}", b"https://www.testshire.example")
    return extract_article(body, f"https://www.testshire.example/{path}", content_type, **hints)


def expected_text(name: str) -> str:
    """The whole article text of a page, one paragraph a line, as kept in tests/fixtures/news/expected."""
    return (NEWS / "expected" / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")


# The two pages in the shape of the seed articles: a party group's release followed by a cookie banner written
# as plain paragraphs and a comments block, and a local paper's report with a byline and footer blocks.
PARTY_RELEASE = "libdems/news/send-motion-carried.html"
PARTY_RELEASE_TEXT = expected_text("send-motion-carried")
NEWS_STORY = "echo/news/cabinet-panel-backs-send-strategy.html"
NEWS_STORY_TEXT = expected_text("cabinet-panel-backs-send-strategy")  # the standfirst, then the body; no headline


@pytest.mark.parametrize("path, text", [(PARTY_RELEASE, PARTY_RELEASE_TEXT), (NEWS_STORY, NEWS_STORY_TEXT)])
def test_seed_shaped_pages_give_exactly_the_article_text(path, text):
    assert extract(path).text == text


@pytest.mark.parametrize("path, furniture", [
    # the cookie banner is plain paragraphs in a div with no cookie class: only the text rules catch it
    (PARTY_RELEASE, ["cookies", "This website uses", "Essential", "Statistics", "Marketing", "cookie policy"]),
    (PARTY_RELEASE, ["comments", "Margaret Hollis", "fourteen months", "Good to see all groups", "Leave a comment"]),
    (PARTY_RELEASE, ["Promoted by", "Printed (hosted)", "Your councillors", "Donate", "County Hall"]),
    (NEWS_STORY, ["As it happened", "sets its budget", "floods close roads"]),
    (NEWS_STORY, ["Read more", "Parents protest outside County Hall", "School transport bill"]),
    (NEWS_STORY, ["Most read", "Bypass opening", "market square", "Bin collection"]),
    (NEWS_STORY, ["newsletter", "Sign up", "inbox"]),
    (NEWS_STORY, ["Comments", "Joan from Danebury", "Words are cheap"]),
    (NEWS_STORY, ["Local Democracy Reporting Service", "By Sam Okafor", "Independent Press Standards", "Subscribe"]),
])
def test_page_furniture_does_not_reach_the_text(path, furniture):
    text = extract(path).text.lower()
    assert [words for words in furniture if words.lower() in text] == []


@pytest.mark.parametrize("path, title, published, author", [
    (PARTY_RELEASE, "Council backs Lib Dem call for faster help for children with SEND", date(2024, 2, 16),
     "Testshire Liberal Democrats"),  # article:published_time and article:author
    (NEWS_STORY, "Cabinet panel backs new SEND strategy for Testshire", date(2024, 2, 13),
     "Sam Okafor"),  # JSON-LD NewsArticle datePublished and author
    ("council/news/send-assessment-plan.html", "Council sets out plan to cut waiting times for SEND assessments",
     date(2024, 3, 4), None),
    ("echo/news/plan-to-cut-send-waiting-times.html", "Plan to cut SEND waiting times agreed by Testshire cabinet",
     date(2024, 3, 5), "Echo Reporter"),
    ("libdems/news/bus-pass-petition.html", "Lib Dems hand in bus pass petition", date(2024, 1, 10),
     None),  # <time class="entry-date published" datetime>
    ("independents/news/short-breaks-review.html",
     "Independents call for review of short breaks for disabled children", date(2024, 1, 30), None),
])
def test_title_date_and_author_come_from_the_page(path, title, published, author):
    article = extract(path)
    assert (article.title, article.published, article.date_source, article.author) == (
        title, published, "page", author)


@pytest.mark.parametrize("path", [
    NEWS_STORY,
    "echo/news/plan-to-cut-send-waiting-times.html",
    "conservatives/news/welcome-for-send-assessment-plan.html",
    "conservatives/news/more-school-places.html",
    "independents/news/short-breaks-review.html",
    "forum/news/survey-results.html",
])
def test_body_text_does_not_repeat_the_headline(path):
    """The title is kept apart (document page 1 is title, blank line, body): the body must not start with it."""
    article = extract(path)
    assert article.text.splitlines()[0] != article.title


def test_page_with_no_date_anywhere_has_published_none():
    article = extract("libdems/news/send-drop-in-sessions.html")
    assert (article.title, article.published, article.date_source) == (
        "Lib Dem councillors hold SEND drop-in sessions for parents", None, None)
    assert article.text.startswith("Liberal Democrat councillors are holding drop-in sessions")


@pytest.mark.parametrize("path, hint_source, hint_date", [
    ("council/news/danebury-special-school.html", "feed", date(2024, 2, 20)),
    ("conservatives/news/more-school-places.html", "sitemap", date(2024, 1, 22)),
    ("libdems/news/send-drop-in-sessions.html", "listing", date(2023, 9, 1)),
])
def test_hint_date_is_used_when_the_page_has_none(path, hint_source, hint_date):
    article = extract(path, hint_date=hint_date, hint_source=hint_source)
    assert (article.published, article.date_source) == (hint_date, hint_source)


@pytest.mark.parametrize("path, own_date", [
    (PARTY_RELEASE, date(2024, 2, 16)),
    (NEWS_STORY, date(2024, 2, 13)),
])
def test_page_date_wins_over_a_hint(path, own_date):
    article = extract(path, hint_date=date(2024, 3, 30), hint_source="feed")
    assert (article.published, article.date_source) == (own_date, "page")


def test_hint_title_is_used_only_when_the_page_has_none():
    assert extract(PARTY_RELEASE, hint_title="From the listing").title == (
        "Council backs Lib Dem call for faster help for children with SEND")
    html = ("<html><body><div><p>" + "Councillors agreed the motion by 41 votes to 20 after a long debate. " * 4
            + "</p></div></body></html>")
    assert extract_article(html, "https://www.testshire.example/p/7", hint_title="Motion agreed").title == (
        "Motion agreed")


@pytest.mark.parametrize("path, wall", [
    ("echo/news/send-tribunal-appeals-double.html", "Subscribe to continue reading"),  # headline, standfirst, offer
    ("echo/news/school-transport-contract.html", "We value your privacy"),  # Sourcepoint-style overlay
    ("misc/consent-wall-funding-choices.html", "Before you continue"),  # Funding Choices (class fc-consent-root)
])
def test_paywall_or_consent_wall_is_refused_with_a_reason_naming_the_wall(path, wall):
    with pytest.raises(ArticleRefused) as refused:
        extract(path)
    reason = str(refused.value)
    assert "paywall or consent wall" in reason and wall.lower() in reason.lower()


@pytest.mark.parametrize("body", [
    (NEWS / "misc/navigation-only.html").read_bytes(),
    b"<html><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>",
    b"",
])
def test_page_without_article_text_is_refused(body):
    with pytest.raises(ArticleRefused) as refused:
        extract_article(body, "https://www.testshire.example/council/news/", UTF8)
    assert "paywall" not in str(refused.value)


def test_windows_1252_page_declared_in_a_meta_tag_decodes_without_a_charset_header():
    article = extract("misc/windows-1252.html", content_type="text/html")
    assert article.title == "£2.4m for SEND transport"
    assert article.published == date(2023, 11, 28)
    assert "extra £2.4m on home-to-school transport" in article.text
    assert "cost £48 a journey" in article.text
    assert "the council’s own minibuses" in article.text
    assert "\ufffd" not in article.text and "Â" not in article.text and "â€" not in article.text


def test_str_body_is_read_as_it_is():
    body = (NEWS / PARTY_RELEASE).read_text(encoding="utf-8")
    assert extract_article(body, "https://www.testshire.example/x").text == PARTY_RELEASE_TEXT


def test_date_in_the_metadata_beats_a_date_like_address():
    page = ('<html><head><meta property="article:published_time" content="2020-05-24T10:00:00+00:00">'
            '<title>School approved</title></head><body><article><h1>School approved</h1><p>'
            + "The cabinet approved a new special school for the town, with places for eighty pupils. " * 4
            + "</p></article></body></html>")
    article = extract_article(page.encode(), "https://council.test/news/2020/05/25.3m-special-school-approved",
                              "text/html; charset=utf-8")
    assert (article.published, article.date_source) == (date(2020, 5, 24), "page")
