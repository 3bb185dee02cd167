"""Near-duplicate articles group into one release; different articles never do (pipeline.syndication)."""

import pytest

from pipeline.syndication import group_copies, shingles, similarity

RELEASE = (
    "The county council has agreed to spend an extra eight million pounds on services for children with special "
    "educational needs and disabilities over the next two years. The money will pay for eighty more caseworkers, "
    "a new case management system and three hundred more places in special schools by September 2025. The cabinet "
    "member said families had waited too long for plans and that the council would report progress every quarter "
    "to the scrutiny committee, starting in the autumn."
)
OTHER = (
    "Opposition councillors have called on the administration to publish monthly figures for the number of "
    "families waiting for an education, health and care plan, after the waiting list grew for the third quarter "
    "running. The group leader said the delay was unacceptable and asked for an urgent meeting with the director "
    "of children's services before the budget is set in February."
)


@pytest.mark.parametrize("copy", [
    "This is a press release from the county council. " + RELEASE,
    RELEASE.replace("three hundred", "300").replace("eighty", "80"),
    RELEASE + " Read the full report on the council's website.",
    RELEASE.rsplit(". ", 1)[0] + ".",  # last sentence dropped
])
def test_reposted_release_groups_with_the_original(copy):
    assert group_copies({"original": RELEASE, "copy": copy, "other": OTHER}) == [["copy", "original"], ["other"]]


def test_articles_on_the_same_story_in_other_words_stay_apart():
    retold = ("Eighty extra caseworkers are to be hired as part of an eight million pound package for SEND agreed by "
              "the council, which also wants a new computer system and more special school places by 2025.")
    assert group_copies({"a": RELEASE, "b": retold}) == [["a"], ["b"]]


def test_copies_group_transitively_and_every_key_comes_back_once():
    texts = {"a": RELEASE, "b": RELEASE + " Extra line one.", "c": RELEASE + " Extra line one. Extra line two.",
             "d": OTHER, "e": ""}
    groups = group_copies(texts)
    assert groups == [["a", "b", "c"], ["d"], ["e"]]
    assert sorted(key for group in groups for key in group) == sorted(texts)


def test_empty_texts_are_not_copies_of_each_other():
    assert group_copies({"x": "", "y": "  "}) == [["x"], ["y"]]


@pytest.mark.parametrize("text, expected", [
    ("One two three four five six", {b"one two three four five", b"two three four five six"}),
    ("Short, text!", {b"short text"}),
    ("", set()),
])
def test_shingles_are_five_word_runs_ignoring_case_and_punctuation(text, expected):
    assert shingles(text) == expected


def test_similarity_is_jaccard_of_shingles():
    assert similarity(RELEASE, RELEASE) == 1.0
    assert similarity(RELEASE, OTHER) == 0.0
