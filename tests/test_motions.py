import pytest

from pipeline.motions import Motion, is_motion_item, normalise_outcome, parse_motions

# Invented motions and councillors, written for these tests.
TWO_TO_MOVE = """To consider the following motions submitted under Standing Order 9 (6).

(a) Rural bus services

P Q Ashworth to move (Seconder: R T Bellamy): - "Council notes that eleven village bus routes were cut last year.

Council asks the Executive Member to publish a recovery plan by June."

(b) School transport

County Councillor L M Okafor-Reed to move (Seconder: D Fenwick): - "Council notes the rising cost of home to school transport and asks the Cabinet to review eligibility.\""""

TWO_LETTERED = (
    "To consider Motions on Notice. (A) Library opening hours 'This Council believes that libraries should open "
    "on Sundays.' Proposed by Councillor Mia Thornbury Seconded by Councillor Oscar Pell "
    "(B) Street trees 'This Council commits to planting 500 street trees.' "
    "Proposed by Councillor Ivy Drummond and seconded by Councillor Ken Yusuf"
)

SINGLE_BODY = (
    "Proposed by Councillor Hana Ruiz and seconded by Councillor Tom Achebe: "
    '"This Council notes the closure of three youth clubs and calls for a review of youth services funding '
    'across every district before the next budget."'
)


def test_to_move_motions_are_split_with_mover_seconder_heading_and_text():
    motions = parse_motions("NOTICE OF MOTIONS - STANDING ORDER 9 (6)", TWO_TO_MOVE)

    assert motions == [
        Motion(
            title="Rural bus services",
            mover="P Q Ashworth",
            seconder="R T Bellamy",
            text="Council notes that eleven village bus routes were cut last year.\n\n"
            "Council asks the Executive Member to publish a recovery plan by June.",
        ),
        Motion(
            title="School transport",
            mover="L M Okafor-Reed",
            seconder="D Fenwick",
            text="Council notes the rising cost of home to school transport and asks the Cabinet to review eligibility.",
        ),
    ]


def test_lettered_motions_are_split_with_their_titles_and_proposers():
    motions = parse_motions("Motions on Notice", TWO_LETTERED)

    assert [(m.title, m.mover, m.seconder, m.text) for m in motions] == [
        ("Library opening hours", "Mia Thornbury", "Oscar Pell",
         "This Council believes that libraries should open on Sundays."),
        ("Street trees", "Ivy Drummond", "Ken Yusuf", "This Council commits to planting 500 street trees."),
    ]


def test_lettered_motions_may_each_be_a_paragraph():
    description = (
        "To consider Motions on Notice.\n\n"
        "(A) Pothole repairs\n\nThis Council asks for a faster repair target.\n\n"
        "Proposed by Councillor Ada Brook, seconded by Councillor Lee Marsh.\n\n"
        "(B) Free swimming\n\nThis Council supports free swimming for under-16s.\n\n"
        "Proposed by Councillor Sam Oduya and seconded by Councillor Ruth Kane."
    )

    motions = parse_motions("Motions on Notice", description)

    assert [(m.title, m.mover, m.seconder, m.text) for m in motions] == [
        ("Pothole repairs", "Ada Brook", "Lee Marsh", "This Council asks for a faster repair target."),
        ("Free swimming", "Sam Oduya", "Ruth Kane", "This Council supports free swimming for under-16s."),
    ]


def test_an_unsplit_body_is_one_motion_titled_by_its_first_sentence():
    motions = parse_motions("Motions", SINGLE_BODY)

    assert motions == [
        Motion(
            title="This Council notes the closure of three youth clubs and calls for a review of…",
            mover="Hana Ruiz",
            seconder="Tom Achebe",
            text="This Council notes the closure of three youth clubs and calls for a review of youth services "
            "funding across every district before the next budget.",
        )
    ]


@pytest.mark.parametrize(
    ("item_title", "description", "title", "mover"),
    [
        pytest.param("Motion A - Fair pay", "Council backs the Real Living Wage.", "Motion A - Fair pay", None,
                     id="lettered-sub-item"),
        pytest.param("Motion from Cllr Nia Gale on Youth Services", "Council supports youth clubs.",
                     "Motion from Cllr Nia Gale on Youth Services", "Nia Gale", id="mover-in-title"),
        pytest.param("Notice of Motion", "", "Notice of Motion", None, id="no-text-falls-back-to-item-title"),
    ],
)
def test_single_motion_sub_items_keep_their_own_title(item_title, description, title, mover):
    (motion,) = parse_motions(item_title, description, minutes="The motion was CARRIED.")

    assert (motion.title, motion.mover, motion.outcome) == (title, mover, "carried")


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("No motions on notice have been received.", id="none-received-note"),
        pytest.param("", id="empty-item"),
    ],
)
def test_items_without_motions_give_none(description):
    assert parse_motions("Motions on Notice", description) == []


@pytest.mark.parametrize(
    ("minutes", "outcomes"),
    [
        pytest.param(
            "Councillor Okafor-Reed moved her motion. The motion was put to the vote and was CARRIED "
            "(For: 38, Against: 27, Abstentions: 2).\n\nCouncillor Ashworth introduced his motion. "
            "Upon being put to the vote the motion was LOST.",
            [("lost", None, None, None), ("carried", 38, 27, 2)],
            id="matched-by-mover-name-in-any-order",
        ),
        pytest.param(
            "The first motion was put to the vote and AGREED, 41 votes for, 20 against and 3 abstentions. "
            "The second motion was withdrawn.",
            [("carried", 41, 20, 3), ("withdrawn", None, None, None)],
            id="matched-by-order",
        ),
        pytest.param(
            "An amendment was moved by Councillor Hale. The amendment was CARRIED. "
            "The motion as amended was then put to the vote and carried, For 30 Against 25 Abstain 1. "
            "Councillor Okafor-Reed's motion fell.",
            [("amended", 30, 25, 1), ("lost", None, None, None)],
            id="amended-and-fell",
        ),
        pytest.param(
            "Members debated both motions at length.",
            [(None, None, None, None), (None, None, None, None)],
            id="outcome-unknown",
        ),
    ],
)
def test_outcomes_and_votes_are_attached_to_the_right_motion(minutes, outcomes):
    motions = parse_motions("Notice of Motions", TWO_TO_MOVE, minutes=minutes)

    assert [(m.outcome, m.votes_for, m.votes_against, m.abstentions) for m in motions] == outcomes


@pytest.mark.parametrize(
    ("minutes", "decision", "expected"),
    [
        pytest.param("The motion was CARRIED by 40 votes to 12 with no abstentions.", "",
                     ("carried", 40, 12, 0), id="votes-to"),
        pytest.param("On being put to the vote there voted 38 for, 27 against and 2 abstentions. "
                     "The motion was declared LOST.", "", ("lost", 38, 27, 2), id="tally-before-outcome"),
        pytest.param("The motion was put to the vote and was not carried.", "", ("lost", None, None, None),
                     id="not-carried"),
        pytest.param("The amendment was LOST. The substantive motion was then AGREED.", "",
                     ("carried", None, None, None), id="lost-amendment-leaves-motion-carried"),
        pytest.param("The motion was moved and seconded.", "RESOLVED that the Council asks for a review.",
                     ("carried", None, None, None), id="decision-when-minutes-silent"),
        pytest.param("Council notes that 300 jobs were lost in the county.", "", (None, None, None, None),
                     id="motion-text-is-not-an-outcome"),
    ],
)
def test_outcome_of_a_single_motion_comes_from_minutes_then_decision(minutes, decision, expected):
    (motion,) = parse_motions("Motions", SINGLE_BODY, minutes=minutes, decision=decision)

    assert (motion.outcome, motion.votes_for, motion.votes_against, motion.abstentions) == expected


@pytest.mark.parametrize(
    ("rows", "minutes", "outcome"),
    [
        pytest.param([{"title": "Youth services", "type": "Resolution", "result": "Carried"}], "", "carried",
                     id="resolution-row"),
        pytest.param(
            [{"title": "Youth services: amendment", "type": "Amendment", "result": "Carried"},
             {"title": "Youth services: substantive", "type": "Resolution", "result": "Carried"}],
            "", "amended", id="carried-amendment-row"),
        pytest.param([{"title": "Youth services", "type": "Resolution", "result": "Lost"}],
                     "The motion was withdrawn.", "withdrawn", id="minutes-win-over-rows"),
        pytest.param([], "", None, id="no-rows"),
    ],
)
def test_recorded_vote_rows_fill_outcomes_the_minutes_leave_open(rows, minutes, outcome):
    (motion,) = parse_motions("Motions", SINGLE_BODY, minutes=minutes, recorded_votes=rows)

    assert motion.outcome == outcome


def test_recorded_vote_rows_are_matched_to_motions_by_mover_name():
    rows = [
        {"title": "Motion - Cllr Okafor-Reed", "type": "Resolution", "result": "Carried"},
        {"title": "Motion - Cllr Ashworth", "type": "Resolution", "result": "Lost"},
    ]

    motions = parse_motions("Notice of Motions", TWO_TO_MOVE, recorded_votes=rows)

    assert [m.outcome for m in motions] == ["lost", "carried"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("NOTICE OF MOTIONS - STANDING ORDER 9 (6)", True),
        ("Notice of Motion", True),
        ("Motions on Notice", True),
        ("Motion on notice", True),
        ("Motions", True),
        ("Motions.", True),
        ("Motion A - Bus fares", True),
        ("Motion 2: Libraries", True),
        ("Motion from Cllr Nia Gale on Youth Services", True),
        ("5A - Motion from Councillor Ann Lee", True),
        ("Motion to exclude the press and public", False),
        ("Promotion of active travel", False),
        ("Minutes", False),
        ("Petitions", False),
    ],
)
def test_is_motion_item_recognises_motion_titles_only(title, expected):
    assert is_motion_item(title) is expected


@pytest.mark.parametrize(
    ("result", "outcome"),
    [
        ("AGREED", "carried"),
        ("Carried", "carried"),
        ("approved", "carried"),
        ("Carried as amended", "amended"),
        ("amended", "amended"),
        ("LOST", "lost"),
        ("fell", "lost"),
        ("defeated", "lost"),
        ("Rejected", "lost"),
        ("Not carried", "lost"),
        ("Withdrawn", "withdrawn"),
        ("Deferred", None),
        ("", None),
    ],
)
def test_normalise_outcome_maps_council_wording(result, outcome):
    assert normalise_outcome(result) == outcome
