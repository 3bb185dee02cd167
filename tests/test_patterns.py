"""Every vocabulary file's examples do what the file says (pipeline/patterns/*.yml)."""

import pytest

from pipeline.articles import clean_text, is_wall
from pipeline.commitments import classify, clauses
from pipeline.sentences import Span, is_boilerplate
from pipeline.topics import is_send
from pipeline.vocabulary import vocabulary

COMMITMENT_EXAMPLES = vocabulary("commitments")["examples"]


@pytest.mark.parametrize("kind, text", [
    (kind, text) for kind, texts in COMMITMENT_EXAMPLES.items() if kind != "not_commitments" for text in texts
])
def test_commitment_example_is_its_kind(kind, text):
    assert classify(text) == kind


@pytest.mark.parametrize("text", COMMITMENT_EXAMPLES["not_commitments"])
def test_not_commitment_example_is_not_a_commitment(text):
    assert classify(text) is None


@pytest.mark.parametrize("text", vocabulary("send")["examples"]["send"])
def test_send_example_is_send(text):
    assert is_send(text, text, "")


@pytest.mark.parametrize("text", vocabulary("send")["examples"]["not_send"])
def test_not_send_example_is_not_send(text):
    assert not is_send(text, text, "")


@pytest.mark.parametrize("text", vocabulary("boilerplate")["examples"]["boilerplate"])
def test_boilerplate_example_is_boilerplate(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", vocabulary("boilerplate")["examples"]["content"])
def test_content_example_is_not_boilerplate(text):
    assert not is_boilerplate(text)


@pytest.mark.parametrize("text, pieces", vocabulary("verbs")["examples"]["split"])
def test_coordinated_actions_split_into_clauses(text, pieces):
    assert len(clauses(Span(0, len(text), text))) == pieces


@pytest.mark.parametrize("text", vocabulary("verbs")["examples"]["whole"])
def test_single_action_stays_one_clause(text):
    assert len(clauses(Span(0, len(text), text))) == 1


def _letters_outside_escapes(pattern: str) -> str:
    import re
    return re.sub(r"\\.|\(\?-i:[^)]*\)", "", pattern)


@pytest.mark.parametrize("name", ["commitments", "send", "boilerplate"])
def test_case_insensitive_entries_are_written_in_lower_case(name):
    # The fast gates match them against lower-cased text (pipeline.vocabulary.gate).
    def entries(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for key, value in node.items():
                if key != "examples":
                    yield from entries(value)
        elif isinstance(node, list):
            for value in node:
                yield from entries(value)
    for entry in entries(vocabulary(name)):
        assert _letters_outside_escapes(entry) == _letters_outside_escapes(entry).lower(), entry


ARTICLE_EXAMPLES = vocabulary("articles")["examples"]


@pytest.mark.parametrize("text", ARTICLE_EXAMPLES["noise"])
def test_article_noise_example_is_dropped(text):
    assert clean_text(f"{text}\nThe council will open a new school in 2026.") == "The council will open a new school in 2026."


@pytest.mark.parametrize("text", ARTICLE_EXAMPLES["content"])
def test_article_content_example_is_kept(text):
    assert clean_text(text) == text


@pytest.mark.parametrize("text", ARTICLE_EXAMPLES["wall"])
def test_wall_example_is_a_wall(text):
    assert is_wall(text)


@pytest.mark.parametrize("text", ARTICLE_EXAMPLES["not_wall"] + ARTICLE_EXAMPLES["content"])
def test_not_wall_example_is_not_a_wall(text):
    assert not is_wall(text)
