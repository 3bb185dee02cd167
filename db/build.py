"""Build steps after a crawl: indexes, full-text search and views. Safe to run any number of times."""

from pathlib import Path

from db.schema import open_db

INDEXES = {
    "committees": [["council"]],
    "meetings": [["council", "date"], ["committee"]],
    "agenda_items": [["meeting"]],
    "motions": [["meeting"], ["agenda_item"], ["outcome"]],
    "documents": [["meeting"], ["agenda_item"], ["kind"]],
    "document_versions": [["document"]],
    "document_pages": [["document"], ["version"]],
    "crawl_errors": [["run"], ["target"]],
    "recorded_votes": [["meeting"], ["agenda_item"]],
    "member_votes": [["recorded_vote"], ["member"]],
    "attendance": [["meeting"], ["member"]],
    "members": [["council"], ["party"]],
    "decisions": [["council", "published"], ["meeting"]],
    "decision_documents": [["decision"], ["document"]],
    "promises": [["council", "status"], ["deadline"]],
    "promise_mentions": [["promise"]],
    "evidence": [["promise"], ["published"]],
    "promise_events": [["promise", "date"]],
    "commitments": [["source"], ["document"], ["agenda_item"], ["is_send"], ["deadline"]],
    "article_copies": [["document"], ["council", "published"]],
}

FULL_TEXT = {
    "agenda_items": ["title", "description", "decision", "minutes"],
    "document_pages": ["text"],
    "motions": ["title", "text"],
    "decisions": ["title", "decision", "reasons", "purpose"],
    "commitments": ["text", "actor", "deadline_text"],
    "promises": ["title", "status_reason"],
}

VIEWS = {
    "meeting_overview": """
        select meetings.id, meetings.date, meetings.time, committees.name as committee, meetings.status,
               meetings.venue, meetings.url,
               (select count(*) from agenda_items where agenda_items.meeting = meetings.id) as items,
               (select count(*) from documents where documents.meeting = meetings.id) as documents,
               (select count(*) from motions where motions.meeting = meetings.id) as motions
        from meetings left join committees on committees.id = meetings.committee
        order by meetings.date desc
    """,
    "motion_outcomes": """
        select motions.id, meetings.date, committees.name as committee, motions.title, motions.mover,
               motions.seconder, motions.outcome, motions.votes_for, motions.votes_against,
               motions.abstentions, motions.url
        from motions join meetings on meetings.id = motions.meeting
        left join committees on committees.id = meetings.committee
        order by meetings.date desc
    """,
    "send_commitments": """
        select commitments.id, commitments.published, commitments.text, commitments.kind, commitments.actor,
               commitments.deadline, commitments.deadline_text, commitments.amount_gbp,
               commitments.quantity_value, commitments.quantity_unit, commitments.confidence,
               coalesce(documents.title, agenda_items.title) as source_title, commitments.page, commitments.url
        from commitments
        left join documents on documents.id = commitments.document
        left join agenda_items on agenda_items.id = commitments.agenda_item
        where commitments.is_send = 1
        order by commitments.published, commitments.start
    """,
    "overdue_promises": """
        select promises.council, promises.id, promises.title, coalesce(promises.revised_deadline, promises.deadline)
               as deadline, promises.status_reason, promises.url
        from promises where promises.status = 'overdue'
        order by promises.council, deadline
    """,
    "promises_due_soon": """
        select promises.council, promises.id, promises.title, coalesce(promises.revised_deadline, promises.deadline)
               as deadline, promises.status, promises.status_reason, promises.url
        from promises
        where coalesce(promises.revised_deadline, promises.deadline) between date('now') and date('now', '+90 days')
          and promises.status not in ('delivered', 'broken')
        order by promises.council, deadline
    """,
    "delivered_promises": """
        select promises.council, promises.id, promises.title, promises.status_since as delivered,
               promises.status_reason, promises.url
        from promises where promises.status = 'delivered'
        order by promises.council, promises.status_since
    """,
    "member_attendance": """
        select attendance.id, meetings.date, committees.name as committee, attendance.name,
               coalesce(nullif(attendance.party, ''), members.party) as party,
               coalesce(nullif(attendance.ward, ''), members.ward) as ward, attendance.role,
               attendance.attendance, meetings.url
        from attendance join meetings on meetings.id = attendance.meeting
        left join committees on committees.id = meetings.committee
        left join members on members.id = attendance.member
        order by meetings.date desc, attendance.name
    """,
    "named_votes": """
        select member_votes.id, meetings.date, agenda_items.title as item, recorded_votes.title as vote,
               recorded_votes.result, member_votes.name, members.party, member_votes.vote as voted,
               member_votes.url
        from member_votes join recorded_votes on recorded_votes.id = member_votes.recorded_vote
        join meetings on meetings.id = recorded_votes.meeting
        left join agenda_items on agenda_items.id = recorded_votes.agenda_item
        left join members on members.id = member_votes.member
        order by meetings.date desc, recorded_votes.id, member_votes.name
    """,
    # Councillors behind a promise: movers and seconders of the motion whose text holds it (an agenda item
    # can carry several motions), and councillors the minutes quote ("Cllr Thwaite said the council will
    # ..."), matched to members by council and surname.
    "promise_people": """
        with in_motions as (
            select promise_mentions.promise, motions.mover, motions.seconder, motions.url
            from promise_mentions join commitments on commitments.id = promise_mentions.commitment
            left join documents on documents.id = commitments.document
            join motions on motions.agenda_item = coalesce(commitments.agenda_item, documents.agenda_item)
                 and instr(motions.text, commitments.text) > 0
        ),
        people as (
            select promise, mover as person, 'moved the motion' as role, url from in_motions
            union
            select promise, seconder, 'seconded the motion', url from in_motions
            union
            select promise_mentions.promise, substr(commitments.actor, 6), 'quoted in the minutes', commitments.url
            from promise_mentions join commitments on commitments.id = promise_mentions.commitment
            where commitments.actor like 'Cllr %'
        ),
        surnames as (
            select *, lower(substr(person, length(rtrim(person, replace(person, ' ', ''))) + 1)) as surname
            from people where person is not null and person != ''
        )
        select surnames.promise, promises.title, surnames.person, members.name as member, members.party,
               surnames.role, min(surnames.url) as url
        from surnames join promises on promises.id = surnames.promise
        left join members on members.council = promises.council
             and lower(substr(members.name, length(rtrim(members.name, replace(members.name, ' ', ''))) + 1))
                 = surnames.surname
        group by surnames.promise, surnames.person, members.id, surnames.role
        order by surnames.promise, surnames.role
    """,
    # One row per release, however many sites carried it (pipeline.article_store).
    "articles": """
        select documents.id, documents.council, documents.kind, documents.organisation, documents.party,
               documents.published, documents.published is null as date_unknown, documents.title,
               documents.author, documents.copies,
               (select group_concat(coalesce(article_copies.published, 'date unknown') || ' '
                                    || coalesce(article_copies.organisation, '') || ': ' || article_copies.url, char(10))
                from (select * from article_copies where article_copies.document = documents.id
                      order by published, url) as article_copies) as seen_at,
               documents.url
        from documents where documents.kind in ('press_release', 'news')
        order by documents.published desc
    """,
    "document_text": """
        select document_pages.id, documents.title, documents.kind, document_pages.page,
               meetings.date as meeting_date, document_pages.text, documents.url
        from document_pages join documents on documents.id = document_pages.document
        left join meetings on meetings.id = documents.meeting
        where document_pages.version = documents.current_version
    """,
}


# A document a crawl reached only through a decision (the meeting page's link to the same file was
# skipped as already asked for) belongs to the meeting the decision was taken at, when it is stored.
LINK_DECISION_DOCUMENTS = """
    update documents set meeting = (
        select decisions.meeting from decision_documents
        join decisions on decisions.id = decision_documents.decision
        join meetings on meetings.id = decisions.meeting
        where decision_documents.document = documents.id limit 1)
    where meeting is null and id in (select document from decision_documents)
"""


def build_database(path: Path) -> dict[str, int]:
    """Link documents to meetings through their decisions, create indexes, (re)populate FTS5 tables
    and (re)create views; returns row counts by table."""
    db = open_db(path)
    with db.conn:
        db.conn.execute(LINK_DECISION_DOCUMENTS)
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)
    for table, columns in FULL_TEXT.items():
        if db[f"{table}_fts"].exists():
            db[table].rebuild_fts()
        else:
            db[table].enable_fts(columns, create_triggers=True, tokenize="porter")
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    db.execute("PRAGMA optimize")
    tables = ("meetings", "agenda_items", "motions", "documents", "document_pages", "commitments", "promises")
    return {table: db[table].count for table in tables}
