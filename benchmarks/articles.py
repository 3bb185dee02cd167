"""Article speed: `pipeline.articles.extract_article` on generated web pages and `pipeline.syndication.group_copies`
on generated article texts.

    .venv/bin/python benchmarks/articles.py            # full run (about 4 minutes), writes docs/articles-speed.md
    .venv/bin/python benchmarks/articles.py --quick    # smoke check: 200 pages, 500/1000/2000 texts; writes nothing
    .venv/bin/python benchmarks/articles.py --quick --out /tmp/articles-quick.md   # ... and writes that page

1. Extraction: `extract_article(body, url, content_type)` (pipeline/articles.py: decode, drop the elements
   `pipeline/patterns/articles.yml` names, trafilatura's `bare_extraction`, drop furniture lines) on --pages
   generated article pages (`page`). Warm-up on pages of another seed, then --runs timed passes over all the
   pages; the table gives the median pass: articles per second and MB of HTML per second. The results of the
   first pass are checked against the generator, page by page: the title, the publication date, every body
   paragraph present, and no furniture in the text (cookie banner, share buttons, related articles, comments,
   navigation and footer links). Then one pass with each stage of `extract_article` timed on its own, and a
   cProfile of --profile-pages pages to say where trafilatura spends its time.
2. Dedup: `group_copies(texts)` on corpora of --sizes generated article texts (`dedup_corpus`), about 10% of
   them syndicated copies of another text of the corpus (a standfirst line added, a paragraph dropped or a
   few words changed, or two of these), the rest distinct articles. --runs timed calls per size, median;
   peak memory of each call (VmHWM after resetting it through /proc/self/clear_refs) above the RSS of the
   process holding its texts; then one call with its stages timed (shingles, MinHash signatures, the LSH
   loop) and LSH candidates counted. Scored against the generator: every copy in its original's group
   (recall) and no two distinct originals in one group (false merges).

Every measurement runs in a fresh child process (this script with --child) pinned to one CPU with
os.sched_setaffinity; the children run one after another. Page and text generation is deterministic (seeded
`random`), not timed, and all wording is template text written for this benchmark.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import hashlib
import html
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tagging import _machine, _peak_rss_mb, _pin, _status, run_child

MB = 1_000_000
PAGES = 2000
SIZES = "2000,5000,10000,20000"
QUICK_PAGES = 200
QUICK_SIZES = "500,1000,2000"
RUNS = 3
WARMUP_PAGES = 60
WARMUP_TEXTS = 400
WARMUP_SEED_OFFSET = 1000
PROFILE_PAGES = 300
BACKGROUND_PAIRS = 2000  # random pairs of distinct originals whose exact Jaccard is computed (not timed)
COPY_SHARE = 0.10
STORY_TEMPLATES = 14  # sentence templates one story draws from (of len(_SENTENCES))
RUN_MINUTES = 5  # what a whole run should take on the benchmark machine
NEAR_LINEAR = 1.15  # the largest exponent k (time grows as n^k) read as near-linear: 14× per 10×, as tracking.py

# ----------------------------------------------------------------------------- vocabulary (invented)

_COUNCILS = ["Westmarch", "Northvale", "Eastbury", "Harrowfield", "Lowmoor", "Brackenshire", "Kestrelford",
             "Ambervale", "Greystone", "Midhallow", "Ravensmere", "Oakhampshire", "Coldwater", "Fenmarch"]
_PREFIXES = ["Ash", "Beck", "Bram", "Brook", "Castle", "Chapel", "Cold", "Crow", "Elm", "Fair", "Fern", "Glen",
             "Green", "Hart", "Hazel", "High", "Holm", "Kings", "Lang", "Long", "Marsh", "Mill", "Moor", "Nether",
             "Oak", "Pen", "Red", "Rook", "Rye", "Salt", "Sand", "Stone", "Thorn", "Upper", "Wake", "West", "Wick"]
_SUFFIXES = ["bury", "by", "combe", "dale", "field", "ford", "gate", "ham", "hill", "hurst", "leigh", "ley",
             "minster", "mouth", "stead", "stoke", "ton", "wich", "worth", "bridge", "brook"]
_FIRST = ["Aisha", "Alan", "Amir", "Angela", "Ben", "Bryony", "Carl", "Chloe", "Colin", "Deborah", "Derek",
          "Eileen", "Fiona", "Gareth", "Gemma", "Hannah", "Imran", "Joanne", "Karen", "Liam", "Marcus", "Nadia",
          "Owen", "Priya", "Rachel", "Sanjay", "Tom", "Yvonne", "Zoe"]
_SURNAMES = ["Patel", "Hughes", "Okafor", "Lambert", "Singh", "Walsh", "Bennett", "Rahman", "Carr", "Doherty",
             "Foster", "Iqbal", "Marsden", "Nowak", "Quinn", "Sutcliffe", "Ellison", "Pryce", "Whitlock", "Adeyemi"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_SEASONS = ["spring", "summer", "autumn"]
_SCHOOL_KINDS = ["Primary School", "Academy", "High School", "Community College", "Park School", "Learning Centre"]
_NEEDS = ["autism", "social, emotional and mental health needs", "speech and language needs", "sensory impairments",
          "complex medical needs", "moderate learning difficulties", "profound and multiple learning difficulties"]
_ROLES = ["cabinet member for children's services", "cabinet member for education and skills", "leader of the council",
          "director of children's services", "chair of the scrutiny committee", "head of SEND",
          "opposition spokesperson for education"]
_PARENT_GROUPS = ["Parent Carer Forum", "SEND Parents Network", "Families Together group",
                  "Special Needs Support Group"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

# Sentences of the article bodies. Slots: {council} {town} {town2} {school} {n} {n2} {m} {pct} {money} {month}
# {year} {season} {need} {person} {role} {group} {day} {weeks}; [a|b|c] is a choice of wording, drawn for
# each sentence, so that two stories share few runs of five words (as two real articles would) even when
# they come from the same template.
_SENTENCES = [
    ("[The council|The county council|The authority|{council} County Council] [will open|is to open|has "
     "promised to open|plans to open] {n} [new|additional|extra] [special school places|specialist "
     "places|places in special schools] [by|before] {month} {year}."),
    ("{council} County Council has [agreed|voted|decided] to [spend|invest] £{money} million on a "
     "[new|purpose-built] special school [in|near|on the edge of] {town}."),
    ("The [new|planned] school will [take|admit|have room for] {n} [pupils|children|children and young "
     "people] with {need} when it opens in {season} {year}."),
    ("[Families|Parents|Some families] in {town} have [waited|been waiting] [up to|as long as|more than] "
     "{weeks} weeks for an education, health and care plan."),
    ("[Only|Just] {pct}% of new plans were [issued|finalised|completed] within the 20-week [legal "
     "limit|deadline|time limit] [last year|in {year2}|over the past twelve months]."),
    ("{person}, the {role}, said the [figures|numbers|delays] were [not good enough|unacceptable|a source "
     "of real concern]."),
    ("\"We know that [too many|far too many|many] families have waited too long, and [we are sorry|I "
     "apologise to them|that has to change],\" said {person}."),
    ("The {group} said parents had been [telling|warning] the council about [the delays|the shortage of "
     "places|the problems] for [years|{m} years|a long time]."),
    ("A report to [the cabinet|councillors|the scrutiny committee] on {day} shows that "
     "[spending|expenditure] on high needs [rose|climbed|increased] to £{money} million [in {year2}|last "
     "year|this year]."),
    ("The county's high needs budget is [forecast|expected|projected] to overspend by £{m} million [this "
     "year|in {year}|by the end of March]."),
    ("The council [plans|intends|has promised] to recruit {n} more caseworkers and {m} educational "
     "psychologists [by {month} {year}|over the next year|this {season}]."),
    ("Inspectors found [widespread|significant|serious] weaknesses in the local area's "
     "[arrangements|services|support] for children with SEND [in {council}|across the county|in {year2}]."),
    ("A written statement of action must now be sent to [Ofsted|the inspectorates|Ofsted and the Care "
     "Quality Commission] [within {m} days|by {month}|before the summer]."),
    ("{school} in {town} will [add|open|gain] a resourced provision for {n} children with {need} [from "
     "{month} {year}|next {season}|in {year}]."),
    ("Building work at {school} is [due|expected|scheduled] to [finish|be completed] in {month} {year}[| "
     "after a delay of {m} months| at a cost of £{money} million]."),
    ("The plan also [promises|includes|sets out] a new sensory room and [outdoor learning area|therapy "
     "space|quiet room] at {school}."),
    ("[Opposition|Liberal Democrat|Labour|Conservative|Green|Independent] councillors said the "
     "[proposals|plans|measures] [did not go far enough|came too late|were overdue] [for families in "
     "{town}|for children in {town2}|]."),
    ("{person} told the [meeting|committee|cabinet|council] that {n} children in {town} were still "
     "[without|waiting for] a school place."),
    ("Parents [will be able to|can] [comment on|give their views on|respond to] the "
     "[proposals|plans|consultation] until {day} {n2} {month}."),
    ("The consultation [closes|ends|runs until] on {n2} {month} and a [decision|final decision|cabinet "
     "decision] is expected in {season} {year}."),
    ("Home to school transport for pupils with SEND cost £{money} million [last year|in {year2}], [up "
     "by|an increase of|a rise of] {pct}%."),
    ("Independent travel training will be [offered|provided|available] to {n} young people [from|in|living "
     "in] {town} and {town2}."),
    ("The number of children with a plan in {council} has [risen|grown|gone up] by {pct}% [in five "
     "years|since {year2}|over the last decade]."),
    ("About {n} pupils from [the county|{council}|{town}] are taught in [independent special "
     "schools|private specialist schools|schools] [outside its borders|in neighbouring counties|many miles "
     "from home]."),
    ("The council says [bringing|moving] those places closer to home would save £{m} million a year [by "
     "{year}|in transport and fees|]."),
    ("A tribunal found in favour of [parents|families] in {pct}% of the [appeals|cases] heard [last "
     "year|in {year2}|since {month} {year2}]."),
    "Annual reviews are now [completed|held] on time for {pct}% of [children|pupils], against a target of {m}0%.",
    "{person} said the new {town} hub would be open to families from {month} {year}.",
    "The hub in {town2} will bring [health visitors|nurses|family workers], therapists and caseworkers under one roof.",
    ("The council's Local Offer website now [lists|includes|has details of] {n} "
     "[services|activities|support groups] for families in {town}."),
    "The safety valve agreement with the Department for Education is worth £{money} million over [five|six|{m}] years.",
    ("[Headteachers|Schools|Governors] in {town} say they have had no extra money to support pupils with "
     "{need} [since {year2}|this year|]."),
    ("A pilot in {n} mainstream schools [around|near|in and around] {town2} will train [staff|teaching "
     "assistants|teachers] to support pupils with {need}."),
    ("Councillors on the scrutiny committee asked for a progress report by {month} {year}[| and a list of "
     "sites| and updated costs]."),
    ("The {group} welcomed the [plan|announcement|decision] but said it would judge the council on "
     "[results|what it delivers|the places opened]."),
    ("{person} said: \"[This is|It is] the biggest investment in special schools [the county has ever "
     "made|in a generation|{council} has seen].\""),
    "Demand for places at {school} has outstripped supply for {m} years [in a row|running].",
    ("The former {town} [library|police station|youth centre|office] building will be converted into a "
     "[centre|unit|base] for {n} pupils."),
    "Waiting times for speech and language therapy in {town} [stand at|have reached|are now] {weeks} weeks.",
    "The council expects to clear the backlog of {n} overdue assessments by {month} {year}.",
    ("An extra £{m} million has been set aside for short breaks [for disabled children|and respite "
     "care|and holiday clubs] [in {year}|this year|across {council}]."),
    ("The new post-16 unit at {school} will offer {n} places for young people aged 16 to 25 [from {month} "
     "{year}|when it opens|]."),
    "Figures published on {day} show {pct}% of pupils with a plan [attend|are taught in|go to] mainstream schools.",
    "The cabinet will be asked to approve the [business case|final plans|budget] in {month} {year}.",
    ("Some parents in {town} said they had been [forced|left with no choice but] to home-school their "
     "children[| for {m} months| while they waited]."),
    ("{person} said the council would publish its progress against each [target|promise|milestone] [every "
     "quarter|twice a year|online]."),
    ("[In a statement, |Speaking after the meeting, |Responding to the report, |]{person} said {m} new "
     "[caseworkers|officers|psychologists] had [already started|been appointed|joined the team]."),
    ("The number of [requests for an assessment|new requests|applications] [rose|jumped|went up] to {n} "
     "[in {year2}|last year|this year], from {m}0 [five years earlier|in {year2}]."),
    ("[Last week|On {day}|Earlier this month] [the cabinet|councillors|the council] "
     "[agreed|approved|backed] a [new|revised|three-year] SEND strategy for {year}[| to {year}|]."),
    ("{school} [headteacher|head|principal] {person} said staff [had|were] [worked hard|been "
     "preparing|ready] to welcome [the first|new] pupils [in {month}|this {season}|]."),
    ("[Parents|The {group}|Campaigners] [will|plan to] [meet|lobby|write to] [the council|councillors|the "
     "MP for {town}] [on {day}|next month|in {month}]."),
    ("[According to|Figures from|Data published by] the Department for Education, {pct}% of plans in "
     "{council} were issued on time [in {year2}|last year]."),
    ("[A spokesperson for|A spokesman for|A spokeswoman for] the council said [it was|the authority "
     "was|officers were] [working hard|doing all it could|committed] to [reduce|cut|bring down] waiting "
     "times [in {town}|for families|]."),
    ("The [money|funding|investment] will also [pay for|cover|fund] {m} [minibuses|new teaching "
     "assistants|therapy posts] [for {school}|in {town}|across the county]."),
]

_TITLES = [
    "{council} to open {n} new special school places in {town}",
    "£{money}m special school for {town} approved by cabinet",
    "Families in {town} wait {weeks} weeks for SEND plans",
    "Council apologises over delays to education, health and care plans",
    "New SEND hub for {town} to open in {year}",
    "Inspectors find 'widespread weaknesses' in {council} SEND services",
    "{school} to add places for pupils with {need}",
    "SEND transport bill rises to £{money}m",
    "Parents asked for views on {town} special school plans",
    "High needs overspend of £{m}m forecast for {council}",
    "{council} promises to clear SEND assessment backlog by {month}",
    "Travel training for {n} young people in {town} and {town2}",
    "Opposition says {council} SEND plan 'does not go far enough'",
    "Post-16 SEND unit planned at {school}",
    "Speech and language therapy waits reach {weeks} weeks in {town}",
]
_STANDFIRSTS = [
    "This article was first published by the {paper}.",
    "By {person}, Local Democracy Reporting Service",
    "Press release from {council} County Council, issued {n2} {month} {year}.",
    "Republished with permission of the {paper}.",
    "Updated at {hour}:{minute} with a response from the council.",
]
_PAPERS = ["{town} Gazette", "{town} Herald", "{council} Echo", "{town} Advertiser", "{council} Chronicle"]
_COMMENTS = [
    "About time too, my son has been out of school since {month} waiting for a place.",
    "I will believe it when I see it, they promised the same thing in {year2}.",
    "Where is the money coming from, another council tax rise no doubt.",
    "Well done to the parents who kept pushing for this, you made it happen.",
    "Our daughter waited {weeks2} weeks for her plan and nobody ever said sorry to us.",
    "Why build in {town} when the need is greatest over in {town2}?",
    "Transport has been a shambles for years, my lad gets picked up at half six.",
    "Good news at last, the staff at {school} are brilliant and deserve better buildings.",
]
_HANDLES = ["mumof3", "{town}Dad", "concerned_parent", "SENDwarrior", "retired_teacher", "localres{n2}", "Jules{n2}",
            "taxpayer{n2}", "{town}Mum"]
_RELATED = [
    "Bus route through {town} to be withdrawn in {month}",
    "Plans for {n} new homes on the edge of {town} rejected",
    "Library opening hours cut across {council}",
    "Council tax to rise by {pct2}% in {council}",
    "Pothole repairs backlog reaches {n} in {town}",
    "New leisure centre for {town2} delayed again",
    "Recycling centre in {town} to close on Wednesdays",
]
_NAV = ["Home", "News", "Council", "Schools", "Health", "Transport", "Politics", "Business", "Sport", "Opinion",
        "What's on", "Jobs", "Property", "Contact us", "Search", "Local elections", "Weather", "Traffic", "Videos",
        "Puzzles"]
_FOOTER = ["About us", "Contact us", "Accessibility statement", "Privacy notice", "Cookie policy",
           "Terms and conditions",
           "Complaints", "Advertise with us", "Careers", "Freedom of information", "Modern slavery statement",
           "Sitemap", "RSS feeds", "Newsletters", "Corrections", "Editorial standards", "Help", "Community guidelines",
           "Manage preferences", "Archive", "Subscriptions", "Syndication"]
_SHARE = ["Share on Facebook", "Share on X", "Share on WhatsApp", "Share by email", "Share on LinkedIn"]
_COOKIE_TEXTS = [
    "We use cookies to make this site work and to understand how you use it.",
    "We would like to set additional cookies to remember your settings and improve our services.",
    "This website uses cookies. Some are essential, others help us measure how the site is used.",
]


@dataclass
class Story:
    """One generated article: what a page shows as the article, and its identity."""

    key: str
    site: str
    title: str
    paragraphs: list[str]
    published: datetime.datetime
    author: str
    standfirst: str

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class Page:
    """A generated HTML page of a story, with the furniture strings that must not reach the text."""

    story: Story
    url: str
    body: bytes
    furniture: list[str] = field(default_factory=list)  # substrings (case-insensitive)
    furniture_lines: list[str] = field(default_factory=list)  # whole lines (link labels)


# ----------------------------------------------------------------------------- generator


def _town(rng: random.Random) -> str:
    return rng.choice(_PREFIXES) + rng.choice(_SUFFIXES)


def _slots(rng: random.Random, council: str) -> dict:
    town = _town(rng)
    return {
        "council": council, "town": town, "town2": _town(rng),
        "school": f"{_town(rng)} {rng.choice(_SCHOOL_KINDS)}", "n": rng.randrange(6, 400), "n2": rng.randrange(1, 29),
        "m": rng.randrange(2, 40), "pct": rng.randrange(3, 97), "pct2": rng.randrange(2, 6),
        "money": f"{rng.randrange(5, 600) / 10:g}", "month": rng.choice(_MONTHS), "year": rng.randrange(2024, 2030),
        "year2": rng.randrange(2015, 2023), "season": rng.choice(_SEASONS), "need": rng.choice(_NEEDS),
        "person": f"{rng.choice(_FIRST)} {rng.choice(_SURNAMES)}", "role": rng.choice(_ROLES),
        "group": f"{council} {rng.choice(_PARENT_GROUPS)}", "day": rng.choice(_DAYS), "weeks": rng.randrange(21, 80),
        "weeks2": rng.randrange(21, 80), "hour": f"{rng.randrange(7, 20):02d}", "minute": f"{rng.randrange(60):02d}",
        "paper": rng.choice(_PAPERS).format(town=town, council=council),
    }


_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def _fill(rng: random.Random, template: str, council: str, base: dict | None = None) -> str:
    slots = _slots(rng, council)
    if base and rng.random() < 0.7:  # most sentences stay with the story's place, school and people
        slots.update(base)
    text = _CHOICE.sub(lambda match: rng.choice(match[1].split("|")), template).format(**slots)
    return text[0].upper() + text[1:]


_STORY_SLOTS = ("town", "town2", "school", "person", "role", "group", "need")


def story(rng: random.Random, index: int, seed: int) -> Story:
    """One article: a title, a standfirst and 6-20 paragraphs of 2-4 sentences, written from STORY_TEMPLATES
    of the sentence templates (a story sticks to its subject); numbers, dates and wording are drawn for every
    sentence, the place, school and people mostly stay those of the story."""
    council = rng.choice(_COUNCILS)
    base = {name: value for name, value in _slots(rng, council).items() if name in _STORY_SLOTS}
    angle = rng.sample(_SENTENCES, STORY_TEMPLATES)  # what this story is about: a subset of the templates
    paragraphs = []
    for _ in range(rng.randrange(6, 21)):
        chosen = rng.sample(angle, rng.randrange(2, 5))
        paragraphs.append(" ".join(_fill(rng, template, council, base) for template in chosen))
    published = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
        minutes=rng.randrange(7 * 365 * 24 * 60))
    title = rng.choice(_TITLES).format(**dict(_slots(rng, council), **base))
    return Story(key=f"s{seed}-{index:06d}", site=council, title=title[0].upper() + title[1:], paragraphs=paragraphs,
                 published=published, author=f"{rng.choice(_FIRST)} {rng.choice(_SURNAMES)}",
                 standfirst=_fill(rng, rng.choice(_SENTENCES), council, base))


# Page templates: how three kinds of site mark up the same furniture. Class and id words are those such
# sites commonly use (a council site in the GOV.UK style, a local paper, a WordPress party blog).
_FLAVOURS = {
    "council": {
        "cookie": '<div class="govuk-cookie-banner" role="region" aria-label="Cookies on {site}">'
                  '<h2 class="govuk-cookie-banner__heading">Cookies on {site}</h2>{cookie}'
                  '<button class="govuk-button">Accept additional cookies</button>'
                  '<button class="govuk-button">Reject additional cookies</button></div>',
        "nav": '<nav class="site-navigation" aria-label="Main menu"><ul>{links}</ul></nav>',
        "article_open": '<main id="main-content"><div class="news-article"><h1 class="page-title">{title}</h1>'
                        '<p class="lead">{standfirst}</p><p class="article-meta">Published: <time datetime="{iso}">'
                        '{human}</time></p>',
        "share": '<div class="share-this-page"><h2>Share this page</h2><ul>{items}</ul></div>',
        "related": '<aside class="related-content"><h2>Related articles</h2><ul>{items}</ul></aside>',
        "comments": '<section class="page-comments comments"><h2>{count} comments</h2>{items}</section>',
        "comment": '<div class="comment-item"><p class="comment-author">{handle}</p><p>{text}</p></div>',
        "article_close": '</div></main>',
        "footer": '<footer class="site-footer"><ul class="footer-links">{links}</ul><p>© {year} {site} County Council'
                  '</p></footer>',
    },
    "paper": {
        "cookie": '<div id="cookie-consent-banner"><p>{cookie}</p><p>See our cookie policy for details.</p>'
                  '<button>I accept cookies</button><button>Manage cookies</button></div>',
        "nav": '<header class="masthead"><a class="logo" href="/">{site} Echo</a><nav><ul>{links}</ul></nav></header>',
        "article_open": '<main><article class="story"><h1 class="headline">{title}</h1>'
                        '<p class="standfirst">{standfirst}'
                        '</p><div class="byline">By <span class="author">{author}</span> · <time datetime="{iso}">'
                        '{human}</time></div>',
        "share": '<ul class="social-share">{items}</ul>',
        "related": '<section class="related-articles"><h3>Related articles</h3><ul>{items}</ul></section>',
        "comments": '<div id="comments"><h3>{count} comments</h3>{items}</div>',
        "comment": '<div class="comment-body"><span class="comment-author">{handle}</span><p>{text}</p></div>',
        "article_close": '</article></main>',
        "footer": '<footer><div class="footer-nav"><ul>{links}</ul></div><p class="copyright">© {year} {site} Echo '
                  'Media Ltd. All rights reserved.</p></footer>',
    },
    "party": {
        "cookie": '<div id="cookie-law-info-bar"><span>{cookie} <a role="button">Accept cookies</a> '
                  '<a role="button">Cookie settings</a></span></div>',
        "nav": '<header id="masthead" class="site-header"><p class="site-title"><a href="/">{site} Liberal Greens</a>'
               '</p><nav id="site-navigation" class="main-navigation"><ul '
               'id="primary-menu">{links}</ul></nav></header>',
        "article_open": '<div id="content"><main id="main" class="site-main"><article class="post type-post">'
                        '<header class="entry-header"><h1 class="entry-title">{title}</h1><div class="entry-meta">'
                        '<time class="entry-date published" datetime="{iso}">{human}</time> by {author}</div></header>'
                        '<div class="entry-content"><p><strong>{standfirst}</strong></p>',
        "share": '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
                 '<ul>{items}</ul></div>',
        "related": '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
                   'Related articles</h3>{items}</div>',
        "comments": '<div id="comments" class="comments-area"><h2 class="comments-title">{count} comments</h2>'
                    '<ol class="comment-list">{items}</ol></div>',
        "comment": '<li class="comment"><article class="comment-body"><footer class="comment-meta">'
                   '<b class="fn">{handle}'
                   '</b> says:</footer><div class="comment-content"><p>{text}</p></div></article></li>',
        "article_close": "",
        "footer": '<footer id="colophon" class="site-footer"><ul class="menu">{links}</ul><div class="site-info">'
                  'Promoted by {site} Liberal Greens, 12 High Street. © {year}</div></footer>',
    },
}


def _links(rng: random.Random, labels: list[str], count: int, base: str) -> tuple[str, list[str]]:
    chosen = rng.sample(labels, count)
    return "".join(f'<li><a href="{base}/{label.lower().replace(" ", "-").replace(chr(39), "")}">{html.escape(label)}'
                   '</a></li>' for label in chosen), chosen


def page(rng: random.Random, item: Story) -> Page:
    """An HTML page of the story on one of three kinds of site, with its furniture: meta tags, header
    navigation (15 links), a cookie banner, share buttons, a related-articles aside, comments and a footer
    (20 links), and scripts and styles as real pages carry."""
    flavour_name = rng.choice(list(_FLAVOURS))
    flavour = _FLAVOURS[flavour_name]
    site, e = item.site, html.escape
    host = {"council": f"www.{site.lower()}.gov.uk", "paper": f"www.{site.lower()}echo.co.uk",
            "party": f"{site.lower()}libgreens.org.uk"}[flavour_name]
    slug = "-".join(item.title.lower().replace("£", "").replace("'", "").replace(",", "").split()[:8])
    url = f"https://{host}/news/{item.published:%Y/%m}/{slug}-{item.key}"
    iso = item.published.isoformat(timespec="seconds")
    human = f"{item.published.day} {_MONTHS[item.published.month - 1]} {item.published.year}"
    nav, nav_labels = _links(rng, _NAV, 15, f"https://{host}")
    foot, foot_labels = _links(rng, _FOOTER, 20, f"https://{host}")
    cookie = rng.choice(_COOKIE_TEXTS)
    shares = rng.sample(_SHARE, rng.randrange(3, 6))
    share_items = "".join(f'<li><a class="share-link" href="#">{s}</a></li>' for s in shares)
    related = [_fill(rng, template, site) for template in rng.sample(_RELATED, rng.randrange(3, 6))]
    if flavour_name == "party":
        related_items = "".join(f'<div class="jp-relatedposts-post"><a href="#">{e(r)}</a></div>' for r in related)
    else:
        related_items = "".join(f'<li><a href="#">{e(r)}</a></li>' for r in related)
    comments = [(_fill(rng, rng.choice(_HANDLES), site).replace(" ", ""), _fill(rng, text, site))
                for text in rng.sample(_COMMENTS, rng.randrange(2, 6))]
    comment_items = "".join(flavour["comment"].format(handle=e(h), text=e(t)) for h, t in comments)
    body_paragraphs = "".join(f"<p>{e(p)}</p>" for p in item.paragraphs)
    fields = {"site": e(site), "title": e(item.title), "standfirst": e(item.standfirst), "author": e(item.author),
              "iso": iso, "human": human, "year": item.published.year, "cookie": e(cookie)}
    head = (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{e(item.title)} | {e(site)} {"County Council" if flavour_name == "council" else "News"}</title>'
        f'<meta name="description" content="{e(item.standfirst)}">'
        f'<meta property="og:title" content="{e(item.title)}">'
        '<meta property="og:type" content="article">'
        f'<meta property="og:url" content="{url}">'
        f'<meta property="og:site_name" content="{e(site)}">'
        f'<meta property="article:published_time" content="{iso}">'
        f'<meta name="author" content="{e(item.author)}">'
        f'<link rel="canonical" href="{url}">'
        '<link rel="stylesheet" href="/assets/site.css">'
        '<style>.cookie-banner{position:fixed;bottom:0}.share a{display:inline-block;padding:4px}</style>'
        '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}'
        "gtag('js',new Date());</script></head>"
    )
    share = flavour["share"].format(items=share_items)
    share_after = share if rng.random() < 0.5 else ""  # some pages repeat the buttons under the article
    related_html = flavour["related"].format(items=related_items)
    comments_html = flavour["comments"].format(count=len(comments), items=comment_items)
    opening = [head, "<body>", flavour["cookie"].format(**fields), flavour["nav"].format(links=nav, **fields),
               flavour["article_open"].format(**fields), share]
    if flavour_name == "party":  # WordPress: related posts inside the entry, comments after the article
        middle = [body_paragraphs, share_after, related_html, "</div></article>", comments_html, "</main></div>"]
    else:
        middle = [f'<div class="article-body">{body_paragraphs}</div>', share_after, flavour["article_close"],
                  related_html, comments_html]
    closing = [flavour["footer"].format(links=foot, **fields),
               '<script src="/assets/app.js" defer></script></body></html>\n']
    parts = opening + middle + closing
    furniture = ["cookie", "Share on", "Share by", "Share this", "Related articles", "All rights reserved",
                 "Promoted by", "comments"]
    furniture += related + [text for _, text in comments] + [handle for handle, _ in comments]
    return Page(story=item, url=url, body="".join(parts).encode("utf-8"), furniture=furniture,
                furniture_lines=nav_labels + foot_labels)


def pages(count: int, seed: int) -> list[Page]:
    rng = random.Random(seed)
    return [page(rng, story(rng, index, seed)) for index in range(count)]


# ----------------------------------------------------------------------------- dedup corpus

_SWAPS = ["county", "authority", "families", "pupils", "new", "said", "expected", "planned", "local", "extra",
          "around", "about", "now", "also"]
COPY_KINDS = ("standfirst", "paragraph dropped", "words changed")


@dataclass
class DedupCorpus:
    texts: dict[str, str]  # key -> text
    original_of: dict[str, str]  # copy key -> key of the text it copies
    kind_of: dict[str, str]  # copy key -> how it was changed (COPY_KINDS)


def _copy(rng: random.Random, item: Story) -> tuple[str, str]:
    """A syndicated copy of the story's text and how it differs: a standfirst line added, one paragraph
    dropped, or 2-5 words changed."""
    kind = rng.choice(COPY_KINDS)
    paragraphs = list(item.paragraphs)
    if kind == "standfirst":
        line = _fill(rng, rng.choice(_STANDFIRSTS), item.site)
        return line + "\n" + "\n".join(paragraphs), kind
    if kind == "paragraph dropped":
        del paragraphs[rng.randrange(len(paragraphs))]
        return "\n".join(paragraphs), kind
    lines = [paragraph.split(" ") for paragraph in paragraphs]
    for _ in range(rng.randrange(2, 6)):
        words = rng.choice(lines)
        words[rng.randrange(len(words))] = rng.choice(_SWAPS)
    return "\n".join(" ".join(words) for words in lines), kind


def dedup_corpus(count: int, seed: int, copy_share: float = COPY_SHARE) -> DedupCorpus:
    """`count` article texts (paragraphs one per line, as `extract_article` returns them), about `copy_share`
    of them copies of another text of the corpus (an original may have more than one copy), the rest distinct
    stories. Keys are random, so that sorting them does not put a copy next to its original."""
    rng = random.Random(seed)
    copies = round(count * copy_share)
    stories = [story(rng, index, seed) for index in range(count - copies)]
    keys = set()
    while len(keys) < count:
        keys.add(f"{rng.choice(_COUNCILS).lower()}/{rng.getrandbits(48):012x}")
    keys = list(keys)
    rng.shuffle(keys)
    texts, original_of, kind_of = {}, {}, {}
    for key, item in zip(keys, stories):
        texts[key] = item.text
    original_keys = keys[:len(stories)]
    for key in keys[len(stories):]:
        index = rng.randrange(len(stories))
        texts[key], kind_of[key] = _copy(rng, stories[index])
        original_of[key] = original_keys[index]
    return DedupCorpus(texts=texts, original_of=original_of, kind_of=kind_of)


# ----------------------------------------------------------------------------- children

CONTENT_TYPE = "text/html; charset=utf-8"
# Steps of extract_article timed on their own when pipeline/articles.py has them (it has changed names before).
STEP_NAMES = ("decode_html", "_tree", "_cleaned_tree", "_drop_furniture", "clean_text", "_without_headline",
              "_refuse_walls", "_page_date")
FURNITURE_KINDS = ("cookie banner", "share buttons", "related articles", "comments", "navigation or footer link",
                   "footer text")


def _furniture_kind(needle: str, item: Page) -> str:
    low = needle.lower()
    if "cookie" in low:
        return "cookie banner"
    if low.startswith("share"):
        return "share buttons"
    if needle in item.furniture_lines:
        return "navigation or footer link"
    if low in ("all rights reserved", "promoted by"):
        return "footer text"
    if low == "related articles" or needle in item.furniture[8:] and not any(
            needle in comment for comment in item.furniture[8:]):
        return "related articles"
    return "comments"


def check_article(item: Page, article) -> dict:
    """What is wrong with one extraction, against the generator: title, date, missing paragraphs, furniture
    in the text, and any other line that is neither a paragraph nor the standfirst."""
    story_, problems = item.story, {}
    if article.title != story_.title:
        problems["title"] = f"{article.title!r} instead of {story_.title!r}"
    if article.published != story_.published.date():
        problems["date"] = f"{article.published} instead of {story_.published.date()}"
    lines = article.text.splitlines()
    present = set(lines)
    missing = [p for p in story_.paragraphs if p not in present]
    if missing:
        problems["missing"] = len(missing)
    low = article.text.lower()
    leaks = [needle for needle in item.furniture if needle.lower() in low]
    leaks += [label for label in item.furniture_lines if label in present]
    if leaks:
        problems["furniture"] = sorted({_furniture_kind(needle, item) for needle in leaks})
        problems["furniture_text"] = leaks[:3]
    expected = set(story_.paragraphs) | {story_.standfirst}
    other = [line for line in lines if line not in expected]
    if other:
        problems["other_lines"] = other[:3]
        problems["other_count"] = len(other)
    return problems


def _timed(counter: Counter, name: str, function):
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            counter[name] += time.perf_counter() - t0
    return wrapper


_URL_DATE = re.compile(r"\D(\d{4})[/_-](\d{1,2})[/_-](\d{1,2})(?:\D|$)")  # year/month/day, as htmldate reads URLs


def _url_date(url: str) -> datetime.date | None:
    match = _URL_DATE.search(url)
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


def _child_extract(args: dict) -> dict:
    _pin(args["cpu"])
    import cProfile
    import pstats

    import trafilatura

    import pipeline.articles as A

    for item in pages(WARMUP_PAGES, args["seed"] + WARMUP_SEED_OFFSET):
        A.extract_article(item.body, item.url, CONTENT_TYPE)
    started = time.perf_counter()
    corpus = pages(args["pages"], args["seed"])
    generation = time.perf_counter() - started
    size = sum(len(item.body) for item in corpus)
    gc.collect()

    runs, digests, first = [], [], None
    for _ in range(args["runs"]):
        results, refused = [], 0
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for item in corpus:
            try:
                results.append(A.extract_article(item.body, item.url, CONTENT_TYPE))
            except A.ArticleRefused as refusal:
                results.append(refusal)
                refused += 1
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        runs.append({"wall_s": wall, "cpu_s": cpu, "refused": refused})
        digests.append(hashlib.sha256(repr([vars(r) if not isinstance(r, Exception) else str(r)
                                            for r in results]).encode()).hexdigest())
        first = first or results

    # Checks (not timed), on the first pass.
    failures = Counter()
    furniture_kinds = Counter()
    examples: dict[str, list] = {}
    missing_paragraphs = 0
    text_bytes = 0
    for item, article in zip(corpus, first):
        if isinstance(article, Exception):
            failures["refused"] += 1
            examples.setdefault("refused", []).append([item.url, str(article)])
            continue
        text_bytes += len(article.text.encode("utf-8"))
        for name, detail in check_article(item, article).items():
            if name in ("furniture_text", "other_count", "date from the URL"):
                continue
            failures[name] += 1
            if name == "missing":
                missing_paragraphs += detail
            if name == "furniture":
                furniture_kinds.update(detail)
            if name == "date" and article.published == _url_date(item.url):
                failures["date from the URL"] += 1
            examples.setdefault(name, [])
            if len(examples[name]) < 3:
                examples[name].append([item.url, detail if name != "furniture" else
                                       check_article(item, article)["furniture_text"]])
    flavours = Counter("council" if ".gov.uk/" in item.url else "paper" if "echo.co.uk/" in item.url else "party"
                       for item in corpus)

    # Stages: one more pass with wrappers around the steps of extract_article (this process only; the names
    # that exist in pipeline/articles.py are wrapped, the others reported as absent).
    stages = Counter()
    selectors = Counter()
    removals = A._removals() if hasattr(A, "_removals") else ()
    originals = {name: getattr(A, name) for name in STEP_NAMES if hasattr(A, name)}
    bare = trafilatura.bare_extraction
    for name, function in originals.items():
        setattr(A, name, _timed(stages, name, function))
    trafilatura.bare_extraction = _timed(stages, "bare_extraction", bare)
    if removals:
        timed_removals = tuple(_timed(selectors, selector.css, selector) for selector in removals)
        original_removals = A._removals
        A._removals = lambda: timed_removals
    wall0 = time.perf_counter()
    for item in corpus:
        try:
            A.extract_article(item.body, item.url, CONTENT_TYPE)
        except A.ArticleRefused:
            pass
    staged_total = time.perf_counter() - wall0
    for name, function in originals.items():
        setattr(A, name, function)
    trafilatura.bare_extraction = bare
    if removals:
        A._removals = original_removals

    # What if htmldate looked at the URL only when the page has no better date (only when dates failed).
    whatif = None
    if failures.get("date") and hasattr(A, "DATE_OPTIONS"):
        saved_options = A.DATE_OPTIONS
        A.DATE_OPTIONS = dict(saved_options, deferred_url_extractor=True)
        whatif = Counter()
        for item in corpus:
            try:
                problems = check_article(item, A.extract_article(item.body, item.url, CONTENT_TYPE))
            except A.ArticleRefused:
                problems = {"refused": True}
            whatif.update(name for name in problems if name not in ("furniture_text", "other_count"))
        whatif = dict(whatif)
        A.DATE_OPTIONS = saved_options

    # Profile of trafilatura on the first pages.
    profiler = cProfile.Profile()
    profiler.enable()
    for item in corpus[:args["profile_pages"]]:
        try:
            A.extract_article(item.body, item.url, CONTENT_TYPE)
        except A.ArticleRefused:
            pass
    profiler.disable()
    stats = pstats.Stats(profiler)

    def cumulative(module: str, name: str) -> float:
        return sum(ct for (path, line, fn), (cc, nc, tt, ct, by) in stats.stats.items()
                   if fn == name and path.replace("\\", "/").endswith(module))

    profile = {
        "pages": min(args["profile_pages"], len(corpus)),
        "total": cumulative("pipeline/articles.py", "extract_article"),
        "bare_extraction": cumulative("trafilatura/core.py", "bare_extraction"),
        "metadata": cumulative("trafilatura/metadata.py", "extract_metadata"),
        "find_date": cumulative("htmldate/core.py", "find_date"),
        "extract_license": cumulative("trafilatura/metadata.py", "extract_license"),
        "sequence": cumulative("trafilatura/core.py", "trafilatura_sequence"),
        "extract_content": cumulative("trafilatura/main_extractor.py", "extract_content"),
        "compare_extraction": cumulative("trafilatura/external.py", "compare_extraction"),
        "readability": cumulative("trafilatura/external.py", "try_readability"),
        "tree_cleaning": cumulative("trafilatura/htmlprocessing.py", "tree_cleaning"),
        "ours_before": sum(cumulative("pipeline/articles.py", name)
                           for name in ("_cleaned_tree", "_tree", "_drop_furniture")),
    }
    return {
        "pages": len(corpus), "bytes": size, "text_bytes": text_bytes, "generation_s": generation,
        "paragraphs": sum(len(item.story.paragraphs) for item in corpus), "flavours": dict(flavours),
        "runs": runs, "same_output": len(set(digests)) == 1, "failures": dict(failures),
        "furniture_kinds": dict(furniture_kinds), "missing_paragraphs": missing_paragraphs, "examples": examples,
        "stages": dict(stages), "staged_total_s": staged_total, "wrapped": sorted(originals), "whatif_deferred": whatif,
        "selectors": sorted(selectors.items(), key=lambda kv: -kv[1]), "profile": profile,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux: "5" to /proc/self/clear_refs); False where not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _jaccard_of(first: str, second: str) -> float:
    from pipeline.syndication import shingles

    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b) if a or b else 0.0


def _instrument(syndication) -> tuple[Counter, dict]:
    """Wrap what group_copies calls (shingles, similarity, MinHash.bulk, MinHashLSH.query/insert) in the module's
    namespace, this process only; returns the time and call counters and a function to undo it."""
    times, state = Counter(), {"where": "other"}
    saved = {name: getattr(syndication, name) for name in ("shingles", "similarity", "MinHash", "MinHashLSH")
             if hasattr(syndication, name)}

    def shingles(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return saved["shingles"](*args, **kwargs)
        finally:
            times[f"shingles in {state['where']}"] += time.perf_counter() - t0

    def similarity(*args, **kwargs):
        state["where"], t0 = "similarity", time.perf_counter()
        try:
            return saved["similarity"](*args, **kwargs)
        finally:
            times["similarity"] += time.perf_counter() - t0
            times["similarity calls"] += 1
            state["where"] = "other"

    class MinHash(saved["MinHash"]):
        @classmethod
        def bulk(cls, b, **kwargs):
            state["where"], t0 = "bulk", time.perf_counter()
            try:
                return list(saved["MinHash"].bulk.__func__(cls, b, **kwargs))
            finally:
                times["bulk"] += time.perf_counter() - t0
                state["where"] = "other"

    class MinHashLSH(saved["MinHashLSH"]):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            times["bands"], times["rows"] = getattr(self, "b", 0), getattr(self, "r", 0)

        def query(self, minhash):
            t0 = time.perf_counter()
            found = super().query(minhash)
            times["lsh"] += time.perf_counter() - t0
            times["candidates"] += len(found)
            return found

        def insert(self, *args, **kwargs):
            t0 = time.perf_counter()
            try:
                return super().insert(*args, **kwargs)
            finally:
                times["lsh"] += time.perf_counter() - t0

    syndication.shingles, syndication.MinHash, syndication.MinHashLSH = shingles, MinHash, MinHashLSH
    if "similarity" in saved:
        syndication.similarity = similarity

    def undo():
        for name, value in saved.items():
            setattr(syndication, name, value)
    return times, undo


def _child_dedup(args: dict) -> dict:
    _pin(args["cpu"])
    import pipeline.syndication as S

    warm = dedup_corpus(WARMUP_TEXTS, args["seed"] + WARMUP_SEED_OFFSET)
    S.group_copies(warm.texts)
    del warm
    started = time.perf_counter()
    corpus = dedup_corpus(args["texts"], args["seed"])
    generation = time.perf_counter() - started
    gc.collect()
    baseline = _status("VmRSS")
    runs, first = [], None
    for _ in range(args["runs"]):
        reset = _reset_peak()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        groups = S.group_copies(corpus.texts)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        runs.append({"wall_s": wall, "cpu_s": cpu, "peak_mb": _status("VmHWM") if reset else float("nan")})
        first = first or groups
        del groups
        gc.collect()

    times, undo = _instrument(S)
    wall0 = time.perf_counter()
    S.group_copies(corpus.texts)
    instrumented = time.perf_counter() - wall0
    undo()

    # Scoring (not timed).
    group_of = {key: index for index, group in enumerate(first) for key in group}
    originals = [key for key in corpus.texts if key not in corpus.original_of]
    missed = [key for key, original in corpus.original_of.items() if group_of[key] != group_of[original]]
    missed_kinds = Counter(corpus.kind_of[key] for key in missed)
    per_group = Counter(group_of[key] for key in originals)
    merged_groups = [index for index, count in per_group.items() if count > 1]
    rng = random.Random(args["seed"])
    sample = [rng.sample(originals, 2) for _ in range(min(BACKGROUND_PAIRS, len(originals)))]
    background = sorted(_jaccard_of(corpus.texts[a], corpus.texts[b]) for a, b in sample)
    # The chance that LSH proposes a pair of distinct texts with Jaccard j is 1 - (1 - j^r)^b (b bands of r rows).
    bands, rows_ = int(times.get("bands", 0)), int(times.get("rows", 0))
    chance = statistics.fmean(1 - (1 - j ** rows_) ** bands for j in background) if bands and rows_ else None
    planted = sorted(_jaccard_of(corpus.texts[key], corpus.texts[original])
                     for key, original in list(corpus.original_of.items())[:1000])
    pairs_in_groups = sum(len(group) * (len(group) - 1) // 2 for group in first)
    planted_pairs = sum(n * (n - 1) // 2 for n in Counter(corpus.original_of.get(k, k) for k in corpus.texts).values())

    def quantiles(values: list[float]) -> dict:
        return {"median": statistics.median(values), "p99": values[int(0.99 * (len(values) - 1))],
                "min": values[0], "max": values[-1]}

    return {
        "texts": len(corpus.texts), "copies": len(corpus.original_of), "originals": len(originals),
        "copy_kinds": dict(Counter(corpus.kind_of.values())),
        "bytes": sum(len(text.encode("utf-8")) for text in corpus.texts.values()), "generation_s": generation,
        "baseline_rss_mb": baseline, "runs": runs, "groups": len(first),
        "multi_groups": sum(1 for group in first if len(group) > 1), "pairs_in_groups": pairs_in_groups,
        "planted_pairs": planted_pairs, "missed": len(missed), "missed_kinds": dict(missed_kinds),
        "missed_examples": [[key, corpus.kind_of[key], round(_jaccard_of(corpus.texts[key],
                                                                           corpus.texts[corpus.original_of[key]]), 3)]
                            for key in missed[:3]],
        "merged_groups": len(merged_groups), "merged_originals": sum(per_group[i] for i in merged_groups),
        "background": quantiles(background), "planted": quantiles(planted), "chance_per_pair": chance,
        "instrumented_s": instrumented, "stages": dict(times), "peak_rss_mb": _peak_rss_mb(),
        "threshold": getattr(S, "THRESHOLD", None), "candidate_threshold": getattr(S, "CANDIDATE_THRESHOLD", None),
    }


_CHILDREN = {"extract": _child_extract, "dedup": _child_dedup}


def _run_child(kind: str, args: dict) -> dict:
    result = run_child(__file__, kind, args)
    print(f"  {kind} {args.get('texts', args.get('pages', ''))} done in {result['child_wall_s']:.0f} s",
          file=sys.stderr, flush=True)
    return result


# ----------------------------------------------------------------------------- report


def _table(header: list[str], align: str, rows: list[list]) -> str:
    marks = {"l": "---", "r": "---:"}
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def _cpu_share(result: dict) -> float:
    return 100 * sum(run["cpu_s"] for run in result["runs"]) / sum(run["wall_s"] for run in result["runs"])


def _median_run(result: dict) -> dict:
    return sorted(result["runs"], key=lambda run: run["wall_s"])[len(result["runs"]) // 2]


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("trafilatura", "htmldate", "datasketch", "lxml", "numpy"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "?"
    return found


def _exponent(small: float, large: float, n_small: int, n_large: int) -> float:
    import math

    return math.log(large / small) / math.log(n_large / n_small)


def _extraction_figures(ex: dict) -> dict:
    run = _median_run(ex)
    failures = ex["failures"]
    return {"run": run, "per_s": ex["pages"] / run["wall_s"], "mb_s": ex["bytes"] / MB / run["wall_s"],
            "per_s_cpu": ex["pages"] / run["cpu_s"], "ms": 1000 * run["wall_s"] / ex["pages"],
            "title": failures.get("title", 0), "furniture": failures.get("furniture", 0),
            "date": failures.get("date", 0), "missing": failures.get("missing", 0),
            "other": failures.get("other_lines", 0), "refused": failures.get("refused", 0)}


def _dedup_figures(rows: list[dict]) -> dict:
    times = [_median_run(row)["wall_s"] for row in rows]
    first, last = rows[0], rows[-1]
    ratio = times[-1] / times[0]
    k = _exponent(times[0], times[-1], first["texts"], last["texts"])
    return {"times": times, "ratio": ratio, "k": k, "size_ratio": last["texts"] / first["texts"],
            "near_linear": k <= NEAR_LINEAR,
            "missed": sum(row["missed"] for row in rows), "copies": sum(row["copies"] for row in rows),
            "merged": sum(row["merged_groups"] for row in rows)}


def _chance(row: dict) -> int:
    """Candidates that are not planted copy pairs (every planted pair is proposed once when it is found)."""
    return max(0, int(row["stages"].get("candidates", 0)) - row["planted_pairs"] + row["missed"])


def _predicted(row: dict) -> float | None:
    if row.get("chance_per_pair") is None:
        return None
    return row["chance_per_pair"] * row["texts"] * (row["texts"] - 1) / 2


def _stage_split(row: dict) -> list[tuple[str, float]]:
    st, total = row["stages"], row["instrumented_s"]
    shingling = st.get("shingles in bulk", 0.0) + st.get("shingles in other", 0.0)
    hashing = st.get("bulk", 0.0) - st.get("shingles in bulk", 0.0)
    lsh = st.get("lsh", 0.0)
    exact = st.get("similarity", 0.0)
    parts = [("Shingles for the signatures (`shingles`)", shingling),
             ("MinHash signatures (`MinHash.bulk` less its shingling)", hashing),
             ("LSH index: `query` and `insert`", lsh),
             ("Exact check of each candidate pair (`similarity`, shingling both texts again)", exact)]
    parts.append(("Everything else (sorting keys, union-find, groups)", total - sum(t for _, t in parts)))
    return parts


def _report(machine: dict, load_end, started: datetime.datetime, minutes: float, ex: dict | None,
            dd: list[dict], command: str, quick: bool) -> str:
    def load(values) -> str:
        return " / ".join(f"{v:.2f}" for v in values)

    versions = _versions()
    cpu = (ex or dd[0])["cpu"]
    out: list[str] = ["# Article speed"]
    note = (" This is a `--quick` run (small sizes): a smoke check, not the figures to quote." if quick else "")
    out.append(f"Written by `benchmarks/articles.py` on {started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} "
               f"minutes.{note} Run it again rather than editing the figures by hand.")
    out.append("What is measured: `pipeline.articles.extract_article(body, url, content_type)` (web page to article: "
               "our furniture removal, then trafilatura) on generated article pages, and "
               "`pipeline.syndication.group_copies(texts)` (syndicated copies grouped by MinHash LSH) on generated "
               "article texts of growing corpus size. Both on one core; every figure is checked against what the "
               "generator planted, so that speed is never bought with wrong output.")

    rows = []
    if ex:
        f = _extraction_figures(ex)
        rows += [
            [f"Extraction throughput, {ex['pages']:,} pages, one core, median of {len(ex['runs'])} passes",
             "(reported)",
             f"{f['per_s']:.0f} articles/s, {f['mb_s']:.2f} MB/s of HTML ({f['ms']:.1f} ms a page)", ""],
            ["Pages whose extracted title is not the generated title", "0", f"{f['title']}", _met(f["title"] == 0)],
            ["Pages with furniture in the text (cookie banner, share buttons, related articles, comments, menus)", "0",
             f"{f['furniture']}", _met(f["furniture"] == 0)],
            ["Pages missing a body paragraph, or with any other stray line, or refused", "0",
             f"{f['missing']} / {f['other']} / {f['refused']}", _met(f["missing"] + f["other"] + f["refused"] == 0)],
            ["Pages whose publication date is not `article:published_time`", "0", f"{f['date']}", _met(f["date"] == 0)],
        ]
    if dd:
        d = _dedup_figures(dd)
        last = dd[-1]
        lrun = _median_run(last)
        rows += [
            [f"Dedup time, {last['texts']:,} texts, median of {len(last['runs'])}", "(reported)",
             f"{lrun['wall_s']:.1f} s ({1000 * lrun['wall_s'] / last['texts']:.2f} s per 1,000 texts)", ""],
            [f"Dedup time growth, {dd[0]['texts']:,} → {last['texts']:,} texts ({d['size_ratio']:g}× more)",
             f"≈ {d['size_ratio']:g}× (k ≤ {NEAR_LINEAR})",
             f"{d['ratio']:.1f}× ({d['times'][0]:.2f} → {d['times'][-1]:.2f} s; k = {d['k']:.2f})",
             _met(d["near_linear"])],
            [f"Dedup peak RSS above the process holding the texts, {last['texts']:,} texts", "(reported)",
             (f"{max(run['peak_mb'] for run in last['runs']) - last['baseline_rss_mb']:.0f} MB "
              f"(whole process {last['peak_rss_mb']:.0f} MB)"), ""],
            ["Planted copies not grouped with their original, all sizes", "0", f"{d['missed']} of {d['copies']:,}",
             _met(d["missed"] == 0)],
            ["Groups joining two distinct originals (false merges), all sizes", "0", f"{d['merged']}",
             _met(d["merged"] == 0)],
        ]
    out += ["## Summary", _table(["Measurement", "Goal", "Figure", ""], "llll", rows)]

    machine_rows = [
        ["Date", f"{started:%Y-%m-%d %H:%M} UTC"], ["Code measured", machine["code"]], ["`nproc`", machine["nproc"]],
        ["CPU", machine["cpu"]], ["Memory", f"{machine['memory_gib']:.1f} GiB"], ["OS", machine["os"]],
        ["Python", machine["python"]],
        ["trafilatura / htmldate", f"{versions['trafilatura']} / {versions['htmldate']}"],
        ["datasketch / numpy", f"{versions['datasketch']} / {versions['numpy']}"],
        ["lxml", versions["lxml"]],
        ["CPU the children were pinned to", f"{cpu} (`os.sched_setaffinity`, as `taskset -c {cpu}`)"],
        ["Load average (1 / 5 / 15 min) at start / end", f"{load(machine['load'])} ; {load(load_end)}"],
    ]
    out += ["## Machine and versions", _table(["", ""], "ll", machine_rows), "Commands:",
            ("```sh\ncd /work/main\n.venv/bin/python benchmarks/articles.py --quick   # smoke check, writes nothing\n"
             f"{command}\n```")]
    shares = []
    if ex:
        shares += [f"extraction {_cpu_share(ex):.0f}%"]
    shares += [f"dedup {row['texts']:,} {_cpu_share(row):.0f}%" for row in dd]
    out.append("Each measurement is a fresh child process (`benchmarks/articles.py --child ...`) pinned to one CPU; "
               "the children run one after another. Generation is deterministic (seeded `random`) and not timed. "
               "CPU time of the timed passes as a share of their wall time (below 100% when something else ran on "
               f"the same CPU; the figures above are wall time): {', '.join(shares)}.")

    if ex:
        out += _extraction_section(ex)
    if dd:
        out += _dedup_section(dd)
    out += ["## Reading", _reading(ex, dd)]
    return "\n\n".join(out) + "\n"


def _extraction_steps(ex: dict) -> list[tuple[str, float]]:
    """The timed steps of extract_article, whatever names pipeline/articles.py had when measured."""
    st, total = ex["stages"], ex["staged_total_s"]
    selectors = sum(t for _, t in ex["selectors"])
    if "_tree" in ex["wrapped"]:
        parse, removal = st.get("_tree", 0.0), st.get("_drop_furniture", selectors)
    else:  # _cleaned_tree parsed and removed furniture in one
        parse, removal = st.get("_cleaned_tree", 0.0) - selectors, selectors
    rows = [("Decode bytes (`decode_html`)", st.get("decode_html", 0.0)),
            ("Parse HTML (`lxml.html.document_fromstring`)", parse),
            (f"Furniture removal: the {len(ex['selectors'])} CSS selectors of `articles.yml` and `drop_tree`", removal),
            ("trafilatura `bare_extraction`", st.get("bare_extraction", 0.0)),
            ("Afterwards: furniture lines, headline, wall check, date ("
             + ", ".join(f"`{n}`" for n in ("clean_text", "_without_headline", "_refuse_walls", "_page_date")
                         if n in ex["wrapped"]) + ")",
             sum(st.get(n, 0.0) for n in ("clean_text", "_without_headline", "_refuse_walls", "_page_date")))]
    rows.append(("Everything else (in `extract_article` itself, and the wrappers)", total - sum(t for _, t in rows)))
    return rows


def _extraction_section(ex: dict) -> list[str]:
    f = _extraction_figures(ex)
    out = ["## 1. Extraction"]
    flavours = ", ".join(f"{name} {count}" for name, count in sorted(ex["flavours"].items()))
    out.append(
        f"{ex['pages']:,} pages ({ex['bytes'] / MB:.1f} MB of HTML, {ex['bytes'] / ex['pages'] / 1000:.1f} KB a page; "
        f"{ex['paragraphs']:,} body paragraphs), each an invented SEND news story (a title, a standfirst and 6-20 "
        f"paragraphs of 2-4 sentences from {len(_SENTENCES)} sentence templates with slots and wording choices) in "
        f"one of three kinds of site ({flavours}): a council site in the GOV.UK style, a local paper and a WordPress "
        "party blog, each with its own markup for the same furniture: a cookie banner, header navigation with 15 "
        "links, share buttons (sometimes twice), a related-articles block, 2-5 reader comments, a footer with 20 "
        "links and a copyright or imprint line, `og:title`, `article:published_time`, canonical link, a script and a "
        f"style. Generating them took {ex['generation_s']:.1f} s, not counted. Warm-up: {WARMUP_PAGES} pages of "
        "another "
        f"seed. Then {len(ex['runs'])} timed passes over all pages, `extract_article(body, url, \"{CONTENT_TYPE}\")` "
        "on each.")
    rows = [[i + 1, f"{run['wall_s']:.2f}", f"{run['cpu_s']:.2f}", f"{ex['pages'] / run['wall_s']:.0f}",
             f"{ex['bytes'] / MB / run['wall_s']:.2f}", run["refused"]] for i, run in enumerate(ex["runs"])]
    out.append(_table(["Pass", "Wall (s)", "CPU (s)", "Articles/s", "MB/s of HTML", "Refused"], "rrrrrr", rows))
    out.append(f"Median pass: **{f['per_s']:.0f} articles/s, {f['mb_s']:.2f} MB/s** of HTML ({f['per_s_cpu']:.0f} "
               f"articles/s on CPU time); {ex['text_bytes'] / MB:.2f} MB of article text came out "
               f"({100 * ex['text_bytes'] / ex['bytes']:.0f}% of the HTML). The passes gave "
               f"{'identical' if ex['same_output'] else 'DIFFERENT'} output. Peak RSS of the child: "
               f"{ex['peak_rss_mb']:.0f} MB.")

    out.append("### Checks, every page (first pass)")
    out.append("A page fails a check when: its title is not the generated title (exactly, after whitespace is "
               "collapsed); its date is not the date of `article:published_time`; a body paragraph is not a line of "
               "the text; any furniture string is in the text (case-insensitive: \"cookie\", \"Share on\", \"Share "
               "by\", \"Share this\", \"Related articles\", \"comments\", \"All rights reserved\", \"Promoted by\", "
               "each related headline, each comment and commenter's name; a navigation or footer link label as a "
               "whole line); or a line of the text is neither a body paragraph nor the standfirst.")
    kinds = ex["furniture_kinds"]
    rows = [["Title differs", f["title"]], ["Date differs", f["date"]],
            ["Body paragraph missing", f"{f['missing']} ({ex['missing_paragraphs']} paragraphs)"],
            ["Furniture in the text", f["furniture"] if not kinds else
             f"{f['furniture']} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})"],
            ["Other stray lines", f["other"]], ["Refused (`ArticleRefused`)", f["refused"]]]
    out.append(_table(["Check", "Pages failing"], "lr", rows))
    for name, examples in ex["examples"].items():
        out.append(f"Examples, {name}:\n\n" + "\n".join(f"- `{url}`: {json.dumps(detail, ensure_ascii=False)}"
                                                       for url, detail in examples))
    out.append("### Where the time goes")
    total = ex["staged_total_s"]
    rows = _extraction_steps(ex)
    out.append(f"One more pass with each step of `extract_article` timed on its own (wrappers installed in the child "
               f"only, around {', '.join(f'`{name}`' for name in ex['wrapped'])} and trafilatura's `bare_extraction`): "
               f"{total:.2f} s in all.")
    out.append(_table(["Step", "Time (s)", "ms a page", "Share"], "lrrr",
                      [[name, f"{t:.2f}", f"{1000 * t / ex['pages']:.2f}", f"{100 * t / total:.0f}%"]
                       for name, t in rows]))
    top = ", ".join(f"`{css}` {1000 * t / ex['pages']:.2f}" for css, t in ex["selectors"][:4])
    folding = sum(1 for css, _ in ex["selectors"] if css.endswith(" i]"))
    out.append(f"Costliest selectors, ms a page: {top}. {folding} of the {len(ex['selectors'])} selectors are "
               "case-insensitive attribute matches (`[class*=\"...\" i]`); cssselect turns each into XPath that "
               "lower-cases the attribute of every element of the page with `translate()` (twice), so each is a full "
               "walk of the tree in XPath.")
    p = ex["profile"]
    if p["total"]:
        rows = [["metadata (`extract_metadata`)", p["metadata"]],
                ["… of which the date (`htmldate.find_date`)", p["find_date"]],
                ["… of which licence search (`extract_license`)", p["extract_license"]],
                ["main text (`extract_content`)", p["extract_content"]],
                ["fallback comparison (`compare_extraction`: readability and baseline)", p["compare_extraction"]],
                ["… of which readability (`try_readability`)", p["readability"]]]
        out.append(f"cProfile of the first {p['pages']} pages ({p['total']:.2f} s under the profiler, which inflates "
                   "the many small Python calls; shares matter), cumulative time as a share of `extract_article`: "
                   f"`bare_extraction` {100 * p['bare_extraction'] / p['total']:.0f}%, our parsing and furniture "
                   f"removal {100 * p['ours_before'] / p['total']:.0f}%. Inside trafilatura:")
        out.append(_table(["trafilatura step", "Share of `extract_article`"], "lr",
                          [[name, f"{100 * t / p['total']:.0f}%"] for name, t in rows]))
    return out


def _dedup_section(dd: list[dict]) -> list[str]:
    first = dd[0]
    out = ["## 2. Dedup scaling"]
    kinds = Counter()
    for row in dd:
        kinds.update(row["copy_kinds"])
    bg, pl = dd[-1]["background"], dd[-1]["planted"]
    out.append(
        f"Corpora of {', '.join(format(row['texts'], ',') for row in dd)} texts, each generated on its own "
        "(same seed). "
        "A text is a story's paragraphs, one a line, as `extract_article` returns them "
        f"({first['bytes'] / first['texts'] / 1000:.1f} KB "
        f"a text on average). A story draws its sentences from {STORY_TEMPLATES} of the {len(_SENTENCES)} "
        "templates, so "
        f"stories differ in subject as well as in slots. {100 * COPY_SHARE:.0f}% of each corpus are copies of a random "
        f"original of the same corpus (an original may have several): a standfirst or credit line added, one paragraph "
        f"dropped, or 2-5 words changed (over all sizes: {', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))}). "
        "Keys are random, so sorting them does not put a copy next to its original.")
    out.append("Similarity of five-word shingle sets (exact Jaccard, as `group_copies` defines it), "
               f"{dd[-1]['texts']:,} texts: planted copy and original {pl['min']:.2f} / {pl['median']:.2f} (min / median; `group_copies` "
               f"threshold {dd[-1]['threshold']}); two random distinct originals {bg['median']:.3f} / {bg['p99']:.3f} / {bg['max']:.3f} (median / "
               f"99th percentile / max of {BACKGROUND_PAIRS:,} pairs). Template text makes distinct stories "
               "more alike than real "
               "articles usually are, and background similarity is what produces LSH candidates that are not copies.")
    out.append(f"Each size: warm-up on {WARMUP_TEXTS} texts of another seed, the corpus generated (not timed), then "
               f"{len(first['runs'])} timed calls of `group_copies(texts)`. Peak memory of a call is `VmHWM` after "
               "resetting it through `/proc/self/clear_refs` just before the call, less the RSS of the process "
               "holding its texts.")
    rows = []
    for row in dd:
        run = _median_run(row)
        peak = max(r["peak_mb"] for r in row["runs"]) - row["baseline_rss_mb"]
        rows.append([f"{row['texts']:,}", f"{row['copies']:,}", f"{row['bytes'] / MB:.1f}",
                     " / ".join(f"{r['wall_s']:.2f}" for r in row["runs"]), f"**{run['wall_s']:.2f}**",
                     f"{100 * run['cpu_s'] / run['wall_s']:.0f}%", f"{1000 * run['wall_s'] / row['texts']:.3f}",
                     f"{row['baseline_rss_mb']:.0f}", f"{peak:.1f}"])
    out.append(_table(["Texts", "Copies", "Text (MB)", "Calls (s)", "Median (s)", "CPU share", "s per 1,000 texts",
                       "RSS holding the texts (MB)", "Peak above that (MB)"], "rrrrrrrrr", rows))
    d = _dedup_figures(dd)
    steps = ", ".join(f"{_exponent(a, b, x['texts'], y['texts']):.2f}"
                      for a, b, x, y in zip(d["times"], d["times"][1:], dd, dd[1:]))
    out.append(f"Growth from {first['texts']:,} to {dd[-1]['texts']:,} texts: time × **{d['ratio']:.1f}** for "
               f"{d['size_ratio']:g}× the texts (linear: {d['size_ratio']:g}×); exponent k = {d['k']:.2f} (time "
               "grows as "
               f"n^k), by step {steps}.")
    out.append("### Stages and candidates")
    out.append("One more call per size with wrappers around what `group_copies` calls (`shingles`, `similarity`, "
               "`MinHash.bulk`, `MinHashLSH.query` and `insert`, in the child only). Candidates are the keys LSH "
               "returns; exact checks are the candidates `group_copies` compared with `similarity` (pairs already "
               "in one group are skipped).")
    rows = []
    for row in dd:
        split = _stage_split(row)
        st = row["stages"]
        rows.append([f"{row['texts']:,}", f"{row['instrumented_s']:.2f}"]
                    + [f"{t:.2f} ({100 * t / row['instrumented_s']:.0f}%)" for _, t in split]
                    + [f"{int(st.get('candidates', 0)):,}", f"{int(st.get('similarity calls', 0)):,}",
                       f"{row['planted_pairs']:,}", f"{_chance(row):,}",
                       f"{_predicted(row):,.0f}" if _predicted(row) is not None else "n/a",
                       f"{st.get('candidates', 0) / row['texts']:.2f}"])
    names = ["Shingles", "Signatures", "LSH", "Exact checks", "Rest"]
    out.append(_table(["Texts", "Total (s)"] + names + ["Candidates", "Exact checks", "Copy pairs planted",
                                                        "Chance candidates", "Predicted", "Candidates per text"],
                      "rrrrrrrrrrrrr", rows))
    last = dd[-1]["stages"]
    if last.get("bands"):
        out.append(f"Chance candidates are the candidates that are not planted copy pairs. LSH here uses "
                   f"{int(last['bands'])} bands of {int(last['rows'])} rows, so a pair of distinct texts with "
                   "Jaccard j "
                   f"is proposed with probability 1 − (1 − j^{int(last['rows'])})^{int(last['bands'])}; \"Predicted\" "
                   f"is that probability averaged over the {BACKGROUND_PAIRS:,} sampled pairs of distinct originals, "
                   "times the number of pairs of texts. Chance candidates grow with the number of pairs, n².")
    out.append("Stages: " + "; ".join(f"**{short}**: {name}"
                                      for short, (name, _) in zip(names, _stage_split(dd[0]))) + ".")
    out.append("### Correctness")
    rows = [[f"{row['texts']:,}", f"{row['copies']:,}", f"{row['groups']:,}", f"{row['multi_groups']:,}",
             f"{row['pairs_in_groups']:,} / {row['planted_pairs']:,}", f"{row['missed']}",
             f"{row['merged_groups']} ({row['merged_originals']} originals)"] for row in dd]
    out.append(_table(["Texts", "Copies planted", "Groups", "Groups of 2+", "Pairs grouped / planted",
                       "Copies not with their original", "Groups with 2+ distinct originals"], "rrrrrrr", rows))
    missed = [example for row in dd for example in row["missed_examples"]]
    if missed:
        out.append("Missed copies (key, how it was changed, exact Jaccard with its original): "
                   + "; ".join(f"`{key}` {kind} {j}" for key, kind, j in missed[:6]) + ".")
    return out


def _whatif_sentence(ex: dict) -> str:
    whatif = ex.get("whatif_deferred")
    if whatif is None:
        return ""
    others = {k: v for k, v in whatif.items() if k != "date"}
    return (f"One more pass with `deferred_url_extractor: True` added to `DATE_OPTIONS` (htmldate then uses a date "
            f"in the URL only when the page has none; set in the child only): {whatif.get('date', 0)} date failures, "
            + ("no other check changed" if others == {k: v for k, v in ex["failures"].items()
                                                      if k not in ("date", "date from the URL")} else
               f"other failures {json.dumps(others)}")
            + ". That is a one-line change for the owner of `pipeline/articles.py`, not made here.")


def _reading(ex: dict | None, dd: list[dict]) -> str:
    parts = []
    if ex:
        f = _extraction_figures(ex)
        steps, total = dict(_extraction_steps(ex)), ex["staged_total_s"]
        parse = steps["Parse HTML (`lxml.html.document_fromstring`)"]
        removal = next(t for name, t in steps.items() if name.startswith("Furniture removal"))
        bare = steps["trafilatura `bare_extraction`"]
        p = ex["profile"]
        inside = ""
        if p["total"] and p["bare_extraction"]:
            inside = (f" Inside trafilatura, metadata takes {100 * p['metadata'] / p['bare_extraction']:.0f}% of its "
                      f"time (the licence search alone {100 * p['extract_license'] / p['bare_extraction']:.0f}%), the "
                      f"main text {100 * p['extract_content'] / p['bare_extraction']:.0f}% and the comparison with its "
                      f"fallback extractors {100 * p['compare_extraction'] / p['bare_extraction']:.0f}% (profiled "
                      "shares; trafilatura's `fast=True` skips that comparison, at a cost to output quality this "
                      "benchmark has not measured).")
        checks = (f"Every page passed the title, {'date, ' if f['date'] == 0 else ''}furniture, paragraph and "
                  "stray-line checks"
                  if f["title"] + f["furniture"] + f["missing"] + f["other"] + f["refused"] == 0 else
                  f"Checks failed: title {f['title']}, furniture {f['furniture']}, missing paragraphs {f['missing']}, "
                  f"stray lines {f['other']}, refused {f['refused']} (examples in §1)")
        date = ""
        if f["date"]:
            from_url = ex["failures"].get("date from the URL", 0)
            date = (f" {f['date']} pages ({100 * f['date'] / ex['pages']:.1f}%) got the wrong date although they carry "
                    f"`article:published_time`; for {from_url} of them the date given is the one their URL spells: "
                    "a URL (and canonical link) of the form `/news/YYYY/MM/<slug>` whose slug starts with a "
                    "number from "
                    "1 to 31 (\"/2022/08/25.5m-special-school…\" reads as 25 August 2022). htmldate takes a complete "
                    "year/month/day in the URL before the page's metadata. Real permalinks look like this (WordPress's "
                    "\"month and name\" setting, slugs such as \"12m-for-...\" or \"5-things-...\"). "
                    + _whatif_sentence(ex))
        parts.append(
            f"**Extraction.** {f['per_s']:.0f} articles/s ({f['mb_s']:.2f} MB/s of HTML, {f['ms']:.1f} ms a "
            "page) on one "
            f"core. trafilatura's `bare_extraction` is {100 * bare / total:.0f}% of the time; our own furniture "
            f"removal before it is {100 * removal / total:.0f}% (the {len(ex['selectors'])} CSS selectors) plus "
            f"{100 * parse / total:.0f}% for parsing the page, which trafilatura would otherwise do itself.{inside} "
            f"{checks}.{date} At this rate extraction is never what limits a crawl: a polite crawl fetches about one "
            "page a second per site.")
    if dd:
        parts.append(_dedup_reading(dd))
    return "\n\n".join(parts)


def _dedup_reading(dd: list[dict]) -> str:
    d = _dedup_figures(dd)
    first, last = dd[0], dd[-1]
    steps = [_exponent(a, b, x["texts"], y["texts"]) for a, b, x, y in zip(d["times"], d["times"][1:], dd, dd[1:])]
    if d["near_linear"] and steps[-1] > NEAR_LINEAR:
        verdict = (f"near-linear by this page's reading (k ≤ {NEAR_LINEAR}, as docs/tracking-speed.md reads it), but "
                   f"only just, and the exponent rises with size (by step: {', '.join(f'{k:.2f}' for k in steps)})")
    elif d["near_linear"]:
        verdict = f"near-linear by this page's reading (k ≤ {NEAR_LINEAR}, as docs/tracking-speed.md reads it)"
    else:
        verdict = (f"not near-linear by this page's reading (k ≤ {NEAR_LINEAR}, as docs/tracking-speed.md reads it; by "
                   f"step: {', '.join(f'{k:.2f}' for k in steps)})")

    def linear(row: dict) -> float:
        split = dict(_stage_split(row))
        return sum(t for name, t in split.items() if not name.startswith("Exact check"))

    def exact(row: dict) -> float:
        return next(t for name, t in _stage_split(row) if name.startswith("Exact check"))

    checks = last["stages"].get("similarity calls", 0)
    per_check = exact(last) / checks if checks else float("nan")
    lin_per_text = linear(last) / last["texts"]
    chance_first, chance_last = _chance(first), _chance(last)
    top = max(_stage_split(last), key=lambda item: item[1])
    text = [
        (f"**Dedup.** From {first['texts']:,} to {last['texts']:,} texts the time grows {d['ratio']:.1f}× for "
         f"{d['size_ratio']:g}× the texts (k = {d['k']:.2f}): {verdict}."),
        f"The time has two parts. Shingling, MinHash signatures, the LSH index and the rest are work per text: "
        f"together they grow {linear(last) / linear(first):.1f}× ({linear(first):.2f} → {linear(last):.2f} s) and are "
        f"{100 * linear(last) / last['instrumented_s']:.0f}% of the time at {last['texts']:,} texts (the largest "
        f"stage there: {top[0].split(' (')[0]}, {100 * top[1] / last['instrumented_s']:.0f}%). The exact "
        f"checks grow {exact(last) / max(exact(first), 1e-9):.0f}× "
        f"({exact(first):.2f} → {exact(last):.2f} s), because LSH proposes, besides the copies, pairs of distinct "
        f"texts that happen to agree in one band, and their number grows with the number of pairs, n²: "
        f"{chance_first:,} → {chance_last:,} chance candidates"
        + (f" ({_exponent(max(chance_first, 1), chance_last, first['texts'], last['texts']):.2f} as an exponent of n; "
           f"the band model from the sampled similarities predicts {_predicted(last):,.0f} at {last['texts']:,}, "
           + (f"close to the {chance_last:,} measured)" if 0.75 <= chance_last / max(_predicted(last), 1) <= 1.33 else
              f"{chance_last / max(_predicted(last), 1):.1f}× off the measured count; {BACKGROUND_PAIRS:,} sampled "
              "pairs see few of the rare most-alike pairs, which weigh most)")
           if _predicted(last) is not None and chance_first else "")
        + f". Each check costs {1000 * per_check:.2f} ms, since `similarity` shingles both texts again.",
    ]
    if chance_last and checks:
        c = chance_last / (last["texts"] * (last["texts"] - 1) / 2)
        crossover = 2 * lin_per_text / (c * per_check)
        text.append(f"At these rates ({1000 * lin_per_text:.2f} ms of per-text work, {chance_last / last['texts']:.2f} "
                    f"chance candidates per text at {last['texts']:,} and rising in proportion to n), the exact checks "
                    f"would take as long as everything else at about {float(f'{crossover:.2g}'):,.0f} texts and "
                    "dominate beyond: "
                    "a projection, not a measurement. How soon that happens depends on how alike distinct articles "
                    f"are (median Jaccard {last['background']['median']:.3f}, 99th percentile "
                    f"{last['background']['p99']:.3f} here; template text is likely more alike than real articles, "
                    "where it would come later) and on the LSH settings"
                    + (f": LSH is set to propose pairs from an estimated {last['candidate_threshold']}, below the "
                       f"{last['threshold']} decision, which lets less alike pairs through"
                       if last.get("candidate_threshold") and last["candidate_threshold"] < (last["threshold"] or 1)
                       else "")
                    + ". Keeping each text's shingle set would make each check cheaper; skipping candidates whose "
                    "signatures estimate far below the threshold, or a stricter candidate threshold, would make them "
                    "fewer.")
    peaks = [max(r["peak_mb"] for r in row["runs"]) - row["baseline_rss_mb"] for row in dd]
    bands = last["stages"].get("bands")
    text.append(f"Peak memory above the texts grows with them: {peaks[0]:.0f} → {peaks[-1]:.0f} MB "
                f"({1000 * peaks[-1] / last['texts']:.1f} KB a text at {last['texts']:,}), mostly the LSH index "
                + (f"({int(bands)} band keys a text) " if bands else "")
                + "and the signatures (128 values a text); shingle sets are made one text at a time and dropped.")
    text.append(f"Correctness: {d['missed']} of {d['copies']:,} planted copies not grouped with their original and "
                f"{d['merged']} groups joining distinct originals, over all sizes.")
    return " ".join(text)


def _print_table(ex: dict | None, dd: list[dict]) -> None:
    if ex:
        f = _extraction_figures(ex)
        print(f"extraction  {ex['pages']:>6,} pages  {f['run']['wall_s']:7.2f} s  {f['per_s']:7.0f} articles/s  "
              f"{f['mb_s']:6.2f} MB/s  failures: title {f['title']} furniture {f['furniture']} date {f['date']} "
              f"missing {f['missing']} stray {f['other']} refused {f['refused']}")
    if dd:
        print(f"{'dedup texts':>12} {'median s':>9} {'s/1k':>7} {'peak MB':>8} {'candidates':>11} {'missed':>7} "
              f"{'merges':>7}")
        for row in dd:
            run = _median_run(row)
            print(f"{row['texts']:>12,} {run['wall_s']:>9.2f} {1000 * run['wall_s'] / row['texts']:>7.3f} "
                  f"{max(r['peak_mb'] for r in row['runs']) - row['baseline_rss_mb']:>8.1f} "
                  f"{int(row['stages'].get('candidates', 0)):>11,} {row['missed']:>7} {row['merged_groups']:>7}")
        d = _dedup_figures(dd)
        print(f"time({dd[-1]['texts']:,}) / time({dd[0]['texts']:,}) = {d['ratio']:.1f} (k = {d['k']:.2f})")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        args = json.loads(sys.argv[2])
        print(json.dumps(dict(_CHILDREN[args["kind"]](args), cpu=args["cpu"], seed=args["seed"])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_PAGES} pages and {QUICK_SIZES} texts; writes no page unless --out is given")
    parser.add_argument("--pages", type=int, help=f"pages for extraction (default {PAGES}); 0 to skip")
    parser.add_argument("--sizes", help=f"corpus sizes for dedup (default {SIZES}); '' to skip")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed passes / calls (median reported)")
    parser.add_argument("--profile-pages", type=int, default=PROFILE_PAGES)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpu", type=int, default=0, help="the CPU every child is pinned to")
    parser.add_argument("--out", help="the page to write (default docs/articles-speed.md, none with --quick)")
    cli = parser.parse_args()
    pages_count = cli.pages if cli.pages is not None else (QUICK_PAGES if cli.quick else PAGES)
    sizes_text = cli.sizes if cli.sizes is not None else (QUICK_SIZES if cli.quick else SIZES)
    sizes = sorted(int(size) for size in sizes_text.split(",") if size.strip())
    out = cli.out or (None if cli.quick else str(ROOT / "docs" / "articles-speed.md"))

    started = datetime.datetime.now(datetime.UTC)
    t0 = time.perf_counter()
    machine = _machine()
    common = {"seed": cli.seed, "cpu": cli.cpu, "runs": cli.runs}
    print(f"load average {machine['load']}; children pinned to CPU {cli.cpu}", file=sys.stderr)
    ex = (_run_child("extract", dict(common, pages=pages_count, profile_pages=cli.profile_pages))
          if pages_count else None)
    dd = [_run_child("dedup", dict(common, texts=size)) for size in sizes]
    minutes = (time.perf_counter() - t0) / 60
    _print_table(ex, dd)
    if out:
        argv = " ".join(arg for arg in sys.argv[1:])
        command = ".venv/bin/python benchmarks/articles.py" + (f" {argv}" if argv else "")
        report = _report(machine, os.getloadavg(), started, minutes, ex, dd, command, cli.quick)
        Path(out).write_text(report, encoding="utf-8")
        print(f"wrote {out} ({minutes:.1f} minutes)", file=sys.stderr)
    else:
        print(f"--quick: no page written ({minutes:.1f} minutes); --out FILE to write one", file=sys.stderr)


if __name__ == "__main__":
    main()
