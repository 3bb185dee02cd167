"""The item pipeline: a thin dispatcher from spider items to the plain functions in pipeline.records."""

from pipeline import records
from scrapers.context import crawl_context
from scrapers.items import (
    ArticleItem, AttendanceItem, CommitteeItem, CouncilItem, CrawlErrorItem, DecisionItem, DocumentItem,
    MeetingItem, MemberItem, MinutesItem, NamedVotesItem, NewsSourceItem, RecordedVotesItem,
)

STORE = {
    MinutesItem: records.store_full_minutes,
    CouncilItem: records.store_council, AttendanceItem: records.store_attendance,
    NamedVotesItem: records.store_named_votes, MemberItem: records.store_member,
    DecisionItem: records.store_decision, RecordedVotesItem: records.store_recorded_votes,
    NewsSourceItem: records.store_news_source,
}


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        context = crawl_context(self.crawler)
        if isinstance(item, DocumentItem):
            change = records.store_document(context.db, item, context.record_error)
            context.counts[change] += 1
            context.counts["downloaded"] += not item.not_modified
        elif isinstance(item, ArticleItem):
            change = records.store_article(context.db, item, context.record_error)
            context.counts[change] += 1
            context.counts["downloaded"] += not item.not_modified
        elif isinstance(item, MeetingItem):
            records.store_meeting(context.db, item)
            context.counts["meetings"] += 1
        elif isinstance(item, CommitteeItem):
            records.store_committee(context.db, item)
            context.counts["committees"] += 1
        elif isinstance(item, CrawlErrorItem):
            context.record_error(item.url, item.reason, item.severity)
        else:
            problem = STORE[type(item)](context.db, item)
            if problem:
                context.record_error(getattr(item, "url", None) or context.base_url, problem, "warning")
        return item
