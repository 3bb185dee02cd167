"""A generated corpus of minutes-like council text for the tagging benchmark (benchmarks/tagging.py).

Every document is the minutes of one invented meeting of an invented county council: a heading, the
attendance, apologies, declarations of interest, the previous minutes, then numbered items (officers'
reports with debate and "RESOLVED that:" lists, notices of motion that are carried or lost, members'
and public questions with answers, performance reports with long statistical paragraphs and small
tables), and the close. All wording is template text written for this benchmark; every slot (people,
places, schools, committees, figures, money, dates, item numbers) is drawn at random, so the corpus
holds very few repeated sentences and the tagger's caches cannot flatter it.

About one sentence in ten comes from a commitment template (something the council, cabinet, a
committee or an officer says will be done); the rest is procedure, statistics, debate, past
achievements, forecasts, legal duties and questions. About a third of the items are about SEND.
Some documents are hard-wrapped at 78-100 columns with a running header and page numbers, like text
taken out of a PDF.

Deterministic: document i of seed s depends only on (s, i), so a smaller corpus is a prefix of a larger
one and documents can be made one at a time (`documents`) without holding the corpus in memory.

    from benchmarks.minutes_corpus import documents
    for doc in documents(total_bytes=20_000_000, seed=1):
        ...  # doc.body, doc.published, doc.council, doc.title, doc.size (UTF-8 bytes)
"""

from __future__ import annotations

import datetime
import math
import random
import textwrap
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

MIN_BYTES = 5 * 1024
MAX_BYTES = 80 * 1024

# ----------------------------------------------------------------------------- vocabulary (invented)

_COUNTIES = [
    "Westmarch", "Northvale", "Eastbury", "Harrowfield", "Lowmoor", "Brackenshire", "Kestrelford",
    "Ambervale", "Greystone", "Midhallow", "Southwold Downs", "Ravensmere", "Oakhampshire", "Thornbury Fells",
    "Coldwater", "Fenmarch", "Highcombe", "Wyrdale",
]
_PREFIXES = [
    "Ash", "Beck", "Bram", "Brook", "Castle", "Chapel", "Church", "Cold", "Crow", "Deep", "Elm", "Fair",
    "Fern", "Glen", "Great", "Green", "Hag", "Hart", "Hazel", "High", "Holm", "Kings", "Lang", "Little",
    "Long", "Marsh", "Mill", "Moor", "Nether", "New", "North", "Oak", "Old", "Pen", "Red", "Rook", "Rye",
    "Salt", "Sand", "Shep", "South", "Stan", "Stone", "Thorn", "Upper", "Wake", "Well", "West", "White",
    "Wick", "Wood", "Yar", "Bar", "Cran", "Dun", "Ever", "Fox", "Gold", "Hay", "Lind",
]
_SUFFIXES = [
    "bury", "by", "combe", "dale", "don", "field", "ford", "gate", "ham", "hampton", "hill", "hurst",
    "ington", "leigh", "ley", "minster", "mouth", "ness", "stead", "stoke", "ton", "wich", "wick",
    "worth", "bridge", "brook", "cote", "wood",
]
_FIRST = [
    "Aisha", "Alan", "Alison", "Amir", "Andrew", "Angela", "Anita", "Barbara", "Ben", "Bernard", "Bryony",
    "Carl", "Caroline", "Chloe", "Christine", "Colin", "Daniel", "David", "Deborah", "Derek", "Dominic",
    "Eileen", "Elaine", "Emma", "Fiona", "Frances", "Gareth", "Gemma", "Geoff", "Gillian", "Graham",
    "Hannah", "Harjit", "Helen", "Ian", "Imran", "Jacqui", "James", "Janet", "Jasbir", "Jeremy", "Joanne",
    "John", "Judith", "Karen", "Keith", "Kevin", "Lesley", "Liam", "Linda", "Lorraine", "Mandy", "Marcus",
    "Margaret", "Mark", "Martin", "Maureen", "Michael", "Mohammed", "Nadia", "Neil", "Nicola", "Nigel",
    "Olu", "Pamela", "Patrick", "Paul", "Philippa", "Priya", "Rachel", "Raj", "Rebecca", "Richard",
    "Robert", "Rosemary", "Ruth", "Sally", "Sam", "Sandra", "Sarah", "Shabana", "Sharon", "Simon",
    "Sophie", "Stephen", "Stuart", "Susan", "Tariq", "Teresa", "Tom", "Tony", "Trevor", "Valerie",
    "Vikram", "Wendy", "Yvonne", "Zoe",
]
_SURNAMES = [
    "Abbott", "Ahmed", "Akhtar", "Allen", "Archer", "Atkinson", "Bailey", "Banks", "Barker", "Bates",
    "Bell", "Bennett", "Bhatti", "Booth", "Bradshaw", "Brennan", "Briggs", "Burton", "Carr", "Chadwick",
    "Chapman", "Chaudhry", "Clarke", "Collins", "Cooper", "Crossley", "Dalton", "Davies", "Dixon",
    "Doherty", "Duffy", "Edwards", "Ellis", "Evans", "Farrell", "Fielding", "Fletcher", "Foster",
    "Gallagher", "Gill", "Goodwin", "Graham", "Griffiths", "Hall", "Hamilton", "Hancock", "Hargreaves",
    "Harrison", "Hartley", "Hayes", "Holden", "Hughes", "Hussain", "Iqbal", "Jackson", "Jenkins", "Kaur",
    "Kelly", "Khan", "Lambert", "Lawson", "Leach", "Lloyd", "Lowe", "Mahmood", "Marsden", "Mason",
    "McCarthy", "Mills", "Morgan", "Murphy", "Nash", "Newton", "Nolan", "Nowak", "Osborne", "Owen",
    "Palmer", "Parkinson", "Patel", "Pearson", "Price", "Quinn", "Rahman", "Rees", "Riley", "Robinson",
    "Rowe", "Shah", "Sharma", "Shaw", "Sinclair", "Singh", "Slater", "Stevens", "Sutcliffe", "Taylor",
    "Thornton", "Turner", "Wainwright", "Walsh", "Ward", "Webb", "Whitworth", "Wilkinson", "Wood",
    "Wright", "Yates", "Young",
]
_COMMITTEES = {
    # name: share of SEND items, kinds of topic it hears
    "Cabinet": (0.3, "all"),
    "Full Council": (0.25, "all"),
    "Children and Young People Scrutiny Committee": (0.7, "children"),
    "Schools Forum": (0.75, "children"),
    "Education and Skills Cabinet Panel": (0.7, "children"),
    "Corporate Parenting Panel": (0.35, "children"),
    "Highways and Transport Committee": (0.05, "place"),
    "Environment and Climate Select Committee": (0.0, "place"),
    "Adult Social Care and Health Overview Committee": (0.05, "people"),
    "Resources and Performance Committee": (0.25, "all"),
    "Audit and Governance Committee": (0.15, "all"),
    "Health and Wellbeing Board": (0.2, "people"),
    "Communities and Libraries Panel": (0.05, "place"),
}
_VENUES = ["the Council Chamber, County Hall", "Committee Room {n}, County Hall", "the Assembly Room, {place} Town Hall",
           "the Main Hall, {place} Civic Centre", "Room {n}, Shire House, {place}", "the Council Chamber and remotely via Microsoft Teams"]
_GROUPS = ["Conservative", "Labour", "Liberal Democrat", "Green", "Independent"]
_MEMBERS = [
    "Executive Member for Children, Young People and Families", "Cabinet Member for Education and Skills",
    "Cabinet Member for Highways and Transport", "Lead Member for Adult Social Care",
    "Cabinet Member for Finance and Resources", "Executive Member for Environment and Climate",
    "Cabinet Member for Communities", "Cabinet Member for Public Health", "Leader of the Council",
    "Deputy Leader of the Council",
]
_OFFICERS = {
    "send": ["Director of Children's Services", "Head of SEND", "Assistant Director for Education and Inclusion",
             "Principal Educational Psychologist", "SEND Sufficiency Lead", "Head of Inclusion"],
    "children": ["Director of Children's Services", "Assistant Director for Education and Inclusion",
                 "Head of School Organisation", "Head of Admissions"],
    "place": ["Executive Director of Place", "Head of Highways Operations", "Head of Waste Services",
              "Passenger Transport Manager", "Climate Programme Manager", "Head of Libraries and Heritage"],
    "people": ["Director of Adult Social Services", "Director of Public Health", "Head of Commissioning",
               "Assistant Director for Adult Social Care"],
    "finance": ["Chief Finance Officer", "Head of Finance (Children's Services)", "Strategic Finance Manager"],
    "general": ["Chief Executive", "Monitoring Officer", "Democratic Services Officer", "Head of Policy and Performance"],
}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty"]
_ROAD_KINDS = ["Road", "Lane", "Street", "Way", "Avenue", "Drive", "Hill"]
_SCHOOL_KINDS = ["Primary School", "Academy", "Church of England Primary School", "High School", "Community College",
                 "Infant School", "Junior School", "Catholic Primary School"]
_SPECIAL_KINDS = ["School", "Special School", "Academy", "Learning Centre"]
_SPECIAL_NAMES = ["Meadowview", "Riverside", "Oaktree", "Willowbank", "Hillcrest", "Brambles", "Kingfisher",
                  "Larkspur", "Beacon", "Harbour", "Orchard", "Skylark", "Foxglove", "Heathfield"]


# ----------------------------------------------------------------------------- topics
# Each topic: SEND or not, which committees hear it, action templates (base verb phrases: what may be
# promised), statistics (past or present facts), measures (for "X stood at Y"), question topics and
# report titles. Slots in braces are filled by _Writer.fill.

_TOPICS: dict[str, dict] = {
    "ehcp": {"send": True, "area": "children", "actions": [
        "issue at least {pct}% of new EHC plans within 20 weeks",
        "recruit {n_small} additional SEND caseworkers",
        "clear the backlog of {n_mid} overdue annual reviews",
        "introduce a new case management system for EHC needs assessments",
        "publish a revised Local Offer following consultation with parents and carers",
        "reduce the average time taken to issue an EHC plan to {weeks} weeks",
        "establish a dedicated annual review team of {n_small} officers",
        "commission an independent audit of {n_mid} EHC plans",
    ], "stats": [
        "In {past_period} the Council received {n_big} requests for an EHC needs assessment, {pct}% more than in the previous year",
        "{pct}% of new EHC plans were issued within 20 weeks, compared with {pct2}% nationally and {pct3}% among statistical neighbours",
        "There are now {n_big} children and young people with an EHC plan maintained by the Council, an increase of {n_mid} since {past_month}",
        "Of the {n_mid} plans issued in {past_month}, {n_small} had exceeded the 20-week timescale by more than ten weeks",
        "The number of annual reviews outstanding for more than twelve months fell from {n_mid} to {n_small}",
        "Tribunal appeals lodged against the Council rose to {n_mid} in {past_period}, with {pct}% conceded before a hearing",
    ], "measures": ["the share of EHC plans issued within 20 weeks", "the number of open EHC needs assessments",
                 "the number of overdue annual reviews", "average caseload per SEND officer"],
        "questions": ["the delays families in {place} were experiencing in getting an EHC needs assessment",
                   "how many EHC plans had been issued late since {past_month}",
                   "the quality of advice provided to SENDCOs in mainstream schools"],
        "titles": ["SEND Improvement Plan: Progress Update", "EHC Plan Timeliness and Quality", "Local Area SEND Inspection Action Plan"]},
    "places": {"send": True, "area": "children", "actions": [
        "open a {n_small}-place specialist resource provision at {school}",
        "create {n_mid} additional special school places in {place}",
        "expand {special} by {n_small} places",
        "build a new {n_mid}-place special free school for pupils with autism in {place}",
        "open {word} new SEMH units attached to mainstream primary schools",
        "provide {n_mid} more specialist places for children with speech, language and communication needs",
        "convert the former {place} Youth Centre into a satellite base for {special}",
    ], "stats": [
        "{n_big} pupils attend special schools in the county, of whom {n_mid} are placed in independent or non-maintained settings at an average cost of £{cost} a year",
        "Since {past_year}, {n_mid} specialist places have been created across {word} districts",
        "Occupancy at maintained special schools stood at {pct}% in {past_month}, leaving {n_small} vacancies countywide",
        "{special} has been operating above its commissioned number of {n_mid} places since {past_year}",
        "{n_small} children were without a school place while awaiting a specialist placement at the end of {past_month}",
    ], "measures": ["the number of special school places", "occupancy of specialist resource provision",
                 "the number of children placed out of county"],
        "questions": ["when the new specialist provision in {place} would open",
                   "why {n_small} children in {place} were still waiting for a special school place",
                   "the travelling distances faced by pupils placed in out-of-county special schools"],
        "titles": ["SEND Sufficiency Strategy {fy}", "Specialist Provision Capital Programme", "Proposal to Establish a Specialist Resource Provision at {school}"]},
    "high_needs": {"send": True, "area": "finance", "actions": [
        "bring the Dedicated Schools Grant deficit back into balance by {fy_future}",
        "reduce spending on independent special school placements by {money}",
        "invest {money} in early intervention for pupils receiving SEN support",
        "submit a revised deficit management plan under the Safety Valve programme",
        "transfer {pct_small}% of the schools block to the high needs block, subject to the agreement of the Schools Forum",
        "review top-up funding bands for pupils with EHC plans in mainstream schools",
    ], "stats": [
        "The high needs block overspent by {money} in {fy_past}, taking the cumulative DSG deficit to {money2}",
        "High needs expenditure has grown by {pct}% over {word} years while the grant has grown by {pct2}%",
        "Independent placements account for {pct}% of high needs spending but only {pct_small}% of pupils with EHC plans",
        "The Safety Valve agreement signed in {past_month} provides {money} of additional funding over {word} years",
    ], "measures": ["the in-year high needs overspend", "the cumulative DSG deficit", "the average cost of an independent placement"],
        "questions": ["the risk to the Council's reserves if the statutory override on DSG deficits ends",
                   "what would happen to top-up funding for schools in {place}"],
        "titles": ["High Needs Block Budget Monitoring {fy}", "Dedicated Schools Grant Deficit Management Plan", "Safety Valve Agreement: Quarterly Return"]},
    "send_transport": {"send": True, "area": "place", "actions": [
        "review the SEND home to school transport policy",
        "offer independent travel training to {n_mid} young people with SEND",
        "retender {n_mid} SEND transport routes",
        "introduce personal travel budgets for families of children with EHC plans",
        "reduce the number of single-occupancy taxi journeys by {pct_small}%",
    ], "stats": [
        "{n_big} children with SEND are transported to school each day on {n_mid} contracted routes",
        "The SEND transport budget of {money} is forecast to overspend by {money2}",
        "The average cost of transporting a pupil to an out-of-county placement is £{cost} a year",
        "{n_small} complaints about late or missed SEND transport were received in {past_month}",
    ], "measures": ["the cost of SEND transport", "the number of SEND transport routes", "complaints about SEND transport"],
        "questions": ["the late arrival of transport for pupils at {special}",
                   "whether passenger assistants received training in autism awareness"],
        "titles": ["Home to School Transport for Children with SEND", "SEND Transport Retendering"]},
    "psychology": {"send": True, "area": "children", "actions": [
        "recruit {n_small} educational psychologists",
        "launch a trainee educational psychologist scheme with the University of {place}",
        "reduce the waiting list for speech and language therapy to under {weeks} weeks",
        "expand the autism outreach service to {n_mid} more schools",
        "fund {n_small} additional specialist teachers for hearing and visual impairment",
    ], "stats": [
        "The educational psychology service has {n_small} FTE psychologists against an establishment of {n_mid}",
        "{n_mid} children were waiting for a speech and language therapy assessment in {past_month}",
        "Agency psychologists cost the Council {money} in {fy_past}",
        "Referrals to the autism assessment pathway rose by {pct}% in {past_period}",
    ], "measures": ["the number of educational psychologist vacancies", "waiting times for speech and language therapy"],
        "questions": ["the use of agency educational psychologists and the cost to the Council"],
        "titles": ["Educational Psychology Service Review", "Autism and Neurodiversity Pathway"]},
    "highways": {"send": False, "area": "place", "actions": [
        "resurface {n_small} miles of carriageway on the {road}",
        "repair {n_big} potholes",
        "replace {n_big} street lights with LED units",
        "complete the {place} bypass",
        "invest {money} in footway repairs across {word} districts",
        "introduce a 20mph limit outside {n_mid} schools",
        "rebuild the {place} Bridge on the {road}",
    ], "stats": [
        "{n_big} potholes were repaired in {past_period}, {pct}% of them within the 28-day target",
        "The latest condition survey shows {pct_small}% of A roads and {pct2}% of unclassified roads requiring maintenance",
        "The highways maintenance backlog is estimated at {money2}",
        "Winter gritting covered {n_mid} routes and used {n_big} tonnes of salt during {past_period}",
        "There were {n_mid} reported collisions on the {road} in {past_year}",
    ], "measures": ["the number of potholes reported", "the highways maintenance backlog", "the share of street lights converted to LED"],
        "questions": ["the condition of the {road} between {place} and {place2}",
                   "the response time for reported potholes in {place}"],
        "titles": ["Highways Capital Programme {fy}", "Road Safety Strategy", "{place} Bypass: Progress Report"]},
    "libraries": {"send": False, "area": "place", "actions": [
        "refurbish {place} Library",
        "extend opening hours at {n_small} branch libraries",
        "introduce self-service kiosks in {n_small} libraries",
        "relocate {place} Library to the new community hub on {road}",
    ], "stats": [
        "Visits to libraries reached {n_big} in {past_period}, {pct_small}% below pre-pandemic levels",
        "E-book loans rose by {pct}% to {n_big}",
        "{n_mid} volunteers gave {n_big} hours to the community library network in {past_year}",
    ], "measures": ["library visits", "active borrowers", "volunteer hours"],
        "questions": ["the future of the mobile library service in {place}"],
        "titles": ["Library Service Strategy", "Community Hubs Programme"]},
    "adults": {"send": False, "area": "people", "actions": [
        "commission {n_mid} extra-care housing units in {place}",
        "reduce the number of people waiting for a care assessment to below {n_mid}",
        "recruit {n_small} additional social workers for adults",
        "open a new day centre for older people in {place}",
        "increase the hourly rate paid to home care providers to £{rate}",
    ], "stats": [
        "{n_big} adults received long-term support from the Council in {past_period}",
        "{n_mid} people were waiting for a Care Act assessment at the end of {past_month}",
        "The adult social care budget overspent by {money} in {fy_past}",
        "Delayed discharges from {place} General Hospital averaged {n_small} a day",
        "Disabilities services for adults supported {n_big} people in {past_year}, {pct_small}% more than the year before",
    ], "measures": ["people waiting for a care assessment", "delayed transfers of care", "home care hours delivered each week"],
        "questions": ["the shortage of home care workers in rural parts of {place}",
                   "the fees paid to care homes in {place}"],
        "titles": ["Adult Social Care Market Position Statement", "Care Act Assessments: Waiting Lists"]},
    "waste": {"send": False, "area": "place", "actions": [
        "open a new household waste recycling centre at {place}",
        "introduce weekly food waste collections",
        "increase the recycling rate to {pct}%",
        "extend the opening hours of the {place} recycling centre",
    ], "stats": [
        "The household recycling rate was {pct}% in {past_period}",
        "{n_big} tonnes of residual waste were sent to energy recovery",
        "Fly-tipping incidents rose to {n_big} in {past_year}",
    ], "measures": ["the recycling rate", "tonnes of residual waste", "fly-tipping incidents"],
        "questions": ["the booking system at the {place} recycling centre"],
        "titles": ["Waste Strategy Review", "Household Waste Recycling Centres"]},
    "buses": {"send": False, "area": "place", "actions": [
        "restore {n_small} rural bus routes",
        "install {n_mid} real-time passenger information displays",
        "introduce a demand-responsive bus service in the {place} area",
        "extend the concessionary fares scheme to include travel before 9.30am",
    ], "stats": [
        "Bus patronage recovered to {pct}% of {past_year} levels",
        "The Council supports {n_mid} bus routes at a cost of {money} a year",
        "{n_small} services were withdrawn by operators in {past_period}",
    ], "measures": ["bus patronage", "supported bus routes"],
        "questions": ["the withdrawal of the number {n_small} bus service between {place} and {place2}"],
        "titles": ["Bus Service Improvement Plan", "Supported Bus Services Review"]},
    "climate": {"send": False, "area": "place", "actions": [
        "reach net zero for council operations by {year_far}",
        "plant {n_big} trees",
        "install solar panels on {n_mid} council buildings",
        "replace {n_small} fleet vehicles with electric vehicles",
    ], "stats": [
        "Council carbon emissions fell by {pct}% between {past_year_far} and {past_year}",
        "{n_big} trees were planted during the {past_season} planting season",
        "Energy costs across the estate rose by {money} in {fy_past}",
    ], "measures": ["council carbon emissions", "trees planted", "electric vehicle charge points installed"],
        "questions": ["progress on the climate emergency action plan"],
        "titles": ["Climate Emergency Action Plan: Annual Report", "Tree Planting Strategy"]},
    "admissions": {"send": False, "area": "children", "actions": [
        "provide {n_mid} additional Year 7 places in {place}",
        "expand {school} by one form of entry",
        "rebuild {school}",
        "consult on changes to the admission arrangements for {fy_academic}",
    ], "stats": [
        "{pct}% of applicants were offered their first preference secondary school",
        "Pupil numbers in {place} are projected to rise by {n_mid} over the next five years",
        "Surplus primary places in {place} stand at {pct_small}%",
    ], "measures": ["first-preference offers", "surplus school places"],
        "questions": ["the shortage of secondary places in {place}"],
        "titles": ["School Place Planning Report", "Admission Arrangements {fy_academic}"]},
    "finance": {"send": False, "area": "finance", "actions": [
        "deliver savings of {money} in {fy_future}",
        "set a balanced budget for {fy_future}",
        "hold general reserves at no less than {money}",
        "increase council tax by {pct_small}.99%",
        "sell the former {place} depot",
    ], "stats": [
        "The revenue budget is forecast to overspend by {money} at the end of the year",
        "{money} of the {money2} savings target for {fy_past} was delivered",
        "General reserves stood at {money} on 31 March {past_year}",
        "Capital expenditure of {money} was reprofiled into future years",
    ], "measures": ["the forecast revenue outturn", "general reserves", "savings delivered"],
        "questions": ["the use of reserves to balance the budget"],
        "titles": ["Revenue and Capital Budget Monitoring: Quarter {q}", "Medium Term Financial Strategy {fy}"]},
    "public_health": {"send": False, "area": "people", "actions": [
        "recommission the stop smoking service",
        "extend the school nursing service to {n_mid} more schools",
        "open {n_small} family hubs",
    ], "stats": [
        "Smoking prevalence among adults fell to {pct_small}%",
        "{pct}% of children in {place} were of a healthy weight at reception",
        "Uptake of NHS Health Checks was {pct}% in {past_period}",
    ], "measures": ["smoking prevalence", "health check uptake"],
        "questions": ["the closure of the sexual health clinic in {place}"],
        "titles": ["Public Health Annual Report", "Family Hubs Programme"]},
}
_AREA_TOPICS = {
    "children": ["ehcp", "places", "high_needs", "psychology", "admissions", "send_transport"],
    "place": ["highways", "libraries", "waste", "buses", "climate", "send_transport"],
    "people": ["adults", "public_health", "psychology"],
    "all": list(_TOPICS),
}
_SEND_TOPICS = [name for name, topic in _TOPICS.items() if topic["send"]]
_OTHER_TOPICS = [name for name, topic in _TOPICS.items() if not topic["send"]]


@dataclass(frozen=True)
class Document:
    title: str
    council: str
    published: datetime.date
    body: str
    size: int  # UTF-8 bytes of body
    sentences: int  # sentences the generator wrote (an estimate: list lines and headings count as one)
    commitments: int  # of which from a commitment template
    send_items: int
    items: int


# ----------------------------------------------------------------------------- the writer


class _Writer:
    """Writes one document; `rng` is the only source of randomness."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sentences = 0
        self.commitments = 0

    # -- random pieces

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def person(self) -> str:
        return f"{self.pick(_FIRST)} {self.pick(_SURNAMES)}"

    def place(self) -> str:
        prefix, suffix = self.pick(_PREFIXES), self.pick(_SUFFIXES)
        return prefix + suffix

    def school(self) -> str:
        return f"{self.place()} {self.pick(_SCHOOL_KINDS)}"

    def special(self) -> str:
        return f"{self.pick(_SPECIAL_NAMES)} {self.pick(_SPECIAL_KINDS)}"

    def road(self) -> str:
        return self.pick([f"A{self.rng.randint(30, 699)}", f"B{self.rng.randint(1000, 6999)}",
                          f"{self.place()} {self.pick(_ROAD_KINDS)}"])

    def money(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return f"£{self.rng.randint(2, 980) / 10:g}m"
        if r < 0.7:
            return f"£{self.rng.randint(1, 60)} million"
        if r < 0.95:
            return f"£{self.rng.randint(5, 999) * 1000:,}"
        return f"£{self.rng.randint(11, 29) / 10:g}bn"

    def number(self, low: int, high: int) -> str:
        value = self.rng.randint(low, high)
        return f"{value:,}"

    def date_text(self, day: datetime.date) -> str:
        style = self.rng.random()
        if style < 0.55:
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if style < 0.8:
            return f"{_WEEKDAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"
        if style < 0.9:
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        return f"{day.day}{_ordinal(day.day)} {_MONTHS[day.month - 1]} {day.year}"

    def fy(self, start: int) -> str:
        return f"{start}/{(start + 1) % 100:02d}" if self.chance(0.7) else f"{start}-{(start + 1) % 100:02d}"

    def deadline(self) -> str:
        """A deadline phrase for a future action (relative to the meeting), or "" (no deadline)."""
        y = self.published.year + self.rng.randint(0, 3)
        month = self.pick(_MONTHS)
        r = self.rng.random()
        options = (
            (0.12, lambda: f"by {month} {y}"),
            (0.2, lambda: f"from September {y}"),
            (0.27, lambda: f"in {month} {y}"),
            (0.34, lambda: f"by the end of the {self.fy(y)} financial year"),
            (0.39, lambda: f"for the {y}/{(y + 1) % 100:02d} academic year"),
            (0.45, lambda: f"by {self.rng.randint(1, 28)} {month} {y}"),
            (0.5, lambda: self.pick(["next spring", "this autumn", "next summer", "by the winter", "next year", "in the new year"])),
            (0.57, lambda: f"within {self.pick(['three', 'six', 'nine', 'twelve', '18'])} months"),
            (0.61, lambda: f"over the next {self.pick(['two', 'three', 'five'])} years"),
            (0.66, lambda: f"by Q{self.rng.randint(1, 4)} {y}"),
            (0.71, lambda: f"{self.pick(['early ', 'mid-', 'late ', 'by mid-'])}{y}"),
            (0.75, lambda: f"by the end of {y}"),
            (0.8, lambda: self.pick(["in the coming months", "as soon as possible", "shortly", "during the next municipal year"])),
            (0.84, lambda: f"before the start of the {self.pick(['spring', 'summer', 'autumn'])} term"),
            (0.87, lambda: f"at the {self.pick(_MONTHS)} meeting of this Committee"),
        )
        for limit, make in options:
            if r < limit:
                return make()
        return ""

    def past_period(self) -> str:
        y = self.published.year - self.rng.randint(0, 2)
        return self.pick([f"{self.fy(y - 1)}", f"the year to {self.pick(_MONTHS)} {y}", f"{y - 1}",
                          f"the first quarter of {self.fy(y)}", "the last twelve months",
                          "the autumn term", f"the six months to {self.pick(_MONTHS)}"])

    def fill(self, template: str, **extra) -> str:
        """Fill the slots of a template (only the ones it names are drawn)."""
        if "{" not in template:
            return template
        values = {}
        for key in _slots(template):
            if key in extra:
                values[key] = extra[key]
            else:
                values[key] = self.slot(key)
        return template.format(**values)

    def slot(self, key: str) -> str:
        rng, p = self.rng, self.published
        match key:
            case "n_small": return str(rng.randint(2, 40))
            case "n_mid": return self.number(20, 900)
            case "n_big": return self.number(900, 48000)
            case "pct" | "pct2" | "pct3": return f"{rng.randint(110, 985) / 10:g}"
            case "pct_small": return str(rng.randint(1, 12))
            case "weeks": return str(rng.randint(6, 26))
            case "word": return self.pick(_NUMBER_WORDS)
            case "money" | "money2": return self.money()
            case "cost": return self.number(18000, 95000)
            case "rate": return f"{rng.randint(1900, 3200) / 100:.2f}"
            case "place" | "place2": return self.place()
            case "school": return self.school()
            case "special": return self.special()
            case "road": return self.road()
            case "person": return self.person()
            case "q": return str(rng.randint(1, 4))
            case "fy": return self.fy(p.year)
            case "fy_future": return self.fy(p.year + rng.randint(0, 3))
            case "fy_past": return self.fy(p.year - rng.randint(1, 3))
            case "fy_academic": return f"{p.year + 1}/{(p.year + 2) % 100:02d}"
            case "past_period": return self.past_period()
            case "past_month": return f"{self.pick(_MONTHS)} {p.year - rng.randint(0, 2)}"
            case "past_year": return str(p.year - rng.randint(1, 3))
            case "past_year_far": return str(p.year - rng.randint(5, 12))
            case "past_season": return self.pick(["winter", "spring", "autumn"])
            case "year_far": return str(p.year + rng.randint(4, 14))
            case "deadline": return self.deadline()
        raise KeyError(key)

    # -- sentences

    def s(self, text: str) -> str:
        self.sentences += 1
        return text

    def c(self, text: str) -> str:
        self.sentences += 1
        self.commitments += 1
        return text

    def councillor(self) -> str:
        return self.pick(self.roster)

    def cllr(self) -> str:
        name = self.councillor()
        return f"Councillor {name}" if self.chance(0.6) else f"Cllr {name.split()[-1]}" if self.chance(0.5) else f"County Councillor {name}"

    def officer(self, area: str) -> str:
        options = _OFFICERS.get(area, _OFFICERS["general"])
        title = self.pick(options)
        return f"the {title}"

    def action(self, topic: dict) -> str:
        return self.fill(self.pick(topic["actions"]))

    def with_deadline(self, phrase: str) -> str:
        deadline = self.deadline()
        return f"{phrase} {deadline}" if deadline else phrase

    def commitment(self, topic: dict) -> str:
        """One commitment sentence about the topic."""
        act = self.with_deadline(self.action(topic))
        who = self.pick(["The Council", "The County Council", "Cabinet", "The Cabinet", "The service", "Officers",
                         "The authority", "The directorate", "We"])
        member = self.pick(_MEMBERS)
        forms = (
            lambda: f"{who} will {act}.",
            lambda: f"The {member} confirmed that the Council will {act}.",
            lambda: f"The {member} said that the Council would {self.pick(['open', 'provide', 'deliver', 'invest', 'recruit'])} "
                    f"the additional capacity {self.deadline() or 'next year'}.",
            lambda: f"{who} plans to {act}.",
            lambda: f"{who} intends to {act}, subject to {self.pick(['the outcome of the consultation', 'planning permission', 'funding from the Department for Education', 'approval of the business case'])}.",
            lambda: f"The service aims to {act}.",
            lambda: f"It is proposed to {act}.",
            lambda: f"Cabinet agreed to {act}.",
            lambda: f"The target is to {act}.",
            lambda: f"{who} {'is' if who not in ('Officers', 'We') else 'are'} committed to working with schools and families to {act}.",
            lambda: f"If approved, {who.lower() if who not in ('Cabinet', 'We') else who} will {act}.",
            lambda: f"In response, {self.officer(topic['area'])} confirmed that officers would {self.pick(['provide', 'publish', 'deliver'])} a written update to all Members {self.deadline() or 'after the meeting'}.",
            lambda: f"The {self.pick(['new unit', 'new provision', 'scheme', 'programme', 'first phase'])} is due to {self.pick(['open', 'start', 'be completed', 'launch'])} {self.deadline() or 'in ' + str(self.published.year + 1)}.",
            lambda: f"{self.pick(['The additional places', 'The new posts', 'Improvements', 'The savings'])} are expected {self.pick(['by', 'from', 'in'])} {self.pick(_MONTHS)} {self.published.year + self.rng.randint(0, 2)}.",
            lambda: f"{who} is to {self.pick(['invest', 'recruit', 'open', 'create', 'provide'])} {self.fill('{money}') if self.chance(0.5) else self.fill('{n_mid} more places')} {self.deadline()}.".replace(" .", "."),
            lambda: f"The Council {self.pick(['will', 'shall'])} {self.action(topic)} {self.deadline() or 'next year'} and {self.action(topic)} {self.deadline() or 'the year after'}.",
        )
        return self.c(self.pick(forms)())

    def non_commitment(self, topic: dict) -> str:
        """A statement that is not a commitment: a fact, a past achievement, a forecast, a duty, debate."""
        r = self.rng.random()
        if r < 0.42:
            return self.s(self.fill(self.pick(topic["stats"])) + ".")
        if r < 0.58:
            measure = self.pick(topic["measures"])
            m = f"{measure[0].upper()}{measure[1:]}"
            value = self.fill(self.pick(["{n_mid}", "{pct}%", "{n_big}"]))
            return self.s(self.pick([
                lambda: f"{m} stood at {value} at the end of {self.fill('{past_month}')}, compared with {self.fill('{n_mid}')} a year earlier.",
                lambda: f"{m} rose from {self.fill('{n_mid}')} to {value} over the year.",
                lambda: f"{m} fell by {self.fill('{pct_small}')}% between {self.fill('{past_month}')} and {self.fill('{past_month}')}.",
                lambda: f"Performance against {measure} was rated {self.pick(['red', 'amber', 'green', 'amber/red'])} at the end of quarter {self.rng.randint(1, 4)}.",
                lambda: f"Benchmarking placed the Council in the {self.pick(['first', 'second', 'third', 'bottom'])} quartile for {measure}.",
                lambda: f"The trend in {measure} has been broadly {self.pick(['stable', 'upward', 'downward', 'volatile'])} since {self.fill('{past_year}')}.",
                lambda: f"In {self.place()}, {measure} was {self.fill('{pct_small}')}% {self.pick(['above', 'below'])} the county average.",
                lambda: f"The {self.pick(['dashboard', 'appendix', 'scorecard'])} showed {measure} at {value} against a tolerance of {self.fill('{n_mid}')}.",
            ])())
        if r < 0.63:
            return self.s(self.pick([
                f"Members noted that {self.fill('{n_mid}')} {self.pick(['places', 'posts', 'cases', 'schemes'])} had been delivered since {self.fill('{past_year}')}.",
                f"The report explained that the previous target of {self.fill('{pct}')}% had not been met.",
                f"{self.fill('{n_small}')} additional staff were recruited during {self.fill('{past_year}')}.",
                f"Work on the {self.pick(['first', 'second'])} phase was completed in {self.fill('{past_month}')}.",
            ]))
        if r < 0.7:
            return self.s(self.pick([
                f"The deficit is forecast to reach {self.money()} by the end of {self.fill('{fy_future}')}.",
                f"Demand is projected to grow by {self.fill('{pct_small}')}% a year for the next {self.pick(_NUMBER_WORDS)} years.",
                f"Costs are likely to rise by a further {self.money()} if inflation remains above {self.rng.randint(15, 90) / 10:g}% {self.pick(['this year', 'into ' + self.fill('{fy_future}'), 'over the medium term', 'beyond ' + self.pick(_MONTHS)])}.",
            ]))
        if r < 0.75:
            return self.s(self.pick([
                (f"{self.pick(['Under', 'As required by', 'In line with'])} the Children and Families Act 2014, EHC plans must be issued within 20 weeks of the request, "
                f"and {self.fill('{n_mid}')} of the {self.fill('{n_big}')} requests received in {self.fill('{past_period}')} were not."),
                (f"The Council is required to publish its {self.pick(['Local Offer', 'statement of accounts', 'annual report', 'sufficiency assessment', 'pay policy statement'])} "
                f"by {self.rng.randint(1, 28)} {self.pick(_MONTHS)} each year, and the {self.fill('{past_year}')} edition ran to {self.rng.randint(20, 240)} pages."),
                (f"{self.pick(['Members were reminded', 'The Monitoring Officer reminded Members', 'The report noted', 'Councillor ' + self.councillor() + ' was reminded'])} that the Council has a statutory duty "
                f"under section {self.rng.randint(2, 120)} of the {self.pick(['Education Act 1996', 'Highways Act 1980', 'Care Act 2014', 'Children Act 1989', 'Localism Act 2011'])} "
                f"to {self.pick(['provide suitable education', 'maintain the highway', 'assess eligible needs', 'secure sufficient places', 'keep a register'])}."),
            ]))
        if r < 0.88:
            return self.s(self.pick([
                f"{self.cllr()} {self.pick(['expressed concern about', 'welcomed', 'questioned', 'drew attention to'])} {self.fill(self.pick(topic['questions']))}.",
                f"Members {self.pick(['discussed', 'debated', 'considered'])} {self.fill(self.pick(topic['questions']))} at some length.",
                f"{self.cllr()} said that residents in {self.place()} had raised the matter with {self.pick(['him', 'her', 'them'])} on several occasions.",
                f"Paragraph {self.rng.randint(2, 9)}.{self.rng.randint(1, 14)} of the report set out the reasons for the {self.pick(['variance', 'delay', 'change', 'increase'])}.",
                (f"{self.pick(['Several', 'A number of', 'Two', 'Three', 'Opposition'])} Members commented on the {self.pick(['quality', 'timeliness', 'clarity', 'cost', 'level of detail'])} "
                f"of the information on {self.pick(topic['measures'])} in {self.pick(['the report', 'Appendix ' + self.pick('ABCDE'), 'paragraph ' + str(self.rng.randint(2, 9)) + '.' + str(self.rng.randint(1, 14)), 'the dashboard'])}."),
            ]))
        return self.s(self.pick([
            f"The {self.pick(['Chairman', 'Chair', 'Vice-Chairman'])} thanked {self.officer(topic['area'])} for {self.pick(['the report', 'a clear presentation', 'attending'])}.",
            f"The figures for {self.pick(_MONTHS)} had been affected by {self.pick(['staff sickness', 'a change in recording practice', 'the late submission of returns', 'the transfer to a new system'])}.",
            f"A copy of the presentation is attached to these minutes as Appendix {self.pick('ABCDE')}.",
            f"It was noted that the {self.pick(['officers', 'service', 'team'])} had {self.pick(['worked closely with', 'met regularly with', 'consulted'])} {self.pick(['headteachers', 'parent carer forums', 'health partners', 'district councils', 'the trade unions'])}.",
        ]))

    # -- blocks (lists of paragraphs; a paragraph is a list of sentences or one line)

    def paragraph(self, topic: dict, sentences: int, commit_share: float) -> str:
        parts = [self.commitment(topic) if self.chance(commit_share) else self.non_commitment(topic)
                 for _ in range(sentences)]
        return " ".join(parts)

    def heading_block(self) -> list[str]:
        c = self.council
        venue = self.pick(_VENUES).format(n=self.rng.randint(1, 9), place=self.place())
        lines = [c.upper() if self.chance(0.5) else c, "",
                 self.s(f"Minutes of the meeting of the {self.committee} held on {self.date_text(self.published)} at "
                        f"{_clock(self.rng.randint(9, 18), self.pick(['00', '15', '30']))} in {venue}")]
        present = [self.roster[0] + " (Chairman)", self.roster[1] + " (Vice-Chairman)"] + self.roster[2:]
        if self.chance(0.5):
            lines += ["", self.s("Present: Councillors " + ", ".join(present[:-1]) + " and " + present[-1])]
        else:
            lines += ["", "Present:"] + [self.s(f"Councillor {name}") for name in present]
        if self.chance(0.6):
            lines += ["", self.s(f"Also in attendance: {self.cllr()} ({self.pick(_MEMBERS)})")]
        officers = [f"{self.person()} ({self.pick(self.officer_pool)})" for _ in range(self.rng.randint(2, 6))]
        lines += ["", self.s("Officers in attendance: " + "; ".join(officers))]
        return lines

    def numbered(self, title: str) -> str:
        self.item += 1
        style = self.number_style
        if style == 0:
            return f"{self.item}. {title}"
        if style == 1:
            return f"{self.item}\t{title.upper()}"
        return f"{self.minute_prefix}/{self.minute_base + self.item:03d} {title}"

    def procedural_items(self) -> list[str]:
        lines = ["", self.numbered("Apologies for Absence"), ""]
        absent = [self.person() for _ in range(self.rng.randint(0, 4))]
        if absent:
            lines.append(self.s(f"Apologies for absence were received from Councillor{'s' if len(absent) > 1 else ''} "
                                + (", ".join(absent[:-1]) + " and " + absent[-1] if len(absent) > 1 else absent[0]) + "."))
            if self.chance(0.5):
                lines.append(self.s(f"Councillor {self.person()} attended as a substitute for Councillor {absent[0]}."))
        else:
            lines.append(self.s("There were no apologies for absence."))
        lines += ["", self.numbered("Declarations of Interest"), ""]
        if self.chance(0.55):
            for _ in range(self.rng.randint(1, 3)):
                lines.append(self.s(f"{self.cllr()} declared a {self.pick(['non-pecuniary', 'personal', 'disclosable pecuniary', 'non-registerable'])} interest "
                                    f"in item {self.rng.randint(5, 14)} as {self.pick(['a governor of ' + self.school(), 'a member of ' + self.place() + ' Town Council', 'the parent of a child with an EHC plan', 'an employee of a care provider', 'a trustee of ' + self.place() + ' Community Transport'])}."))
        else:
            lines.append(self.s("There were no declarations of interest."))
        lines += ["", self.numbered("Minutes of the Previous Meeting"), ""]
        previous = self.published - datetime.timedelta(days=self.rng.randint(21, 90))
        if self.chance(0.5):
            lines += [self.s("RESOLVED:"), "",
                      self.s(f"That the minutes of the meeting held on {self.date_text(previous)} be approved as a correct record and signed by the Chairman.")]
        else:
            lines.append(self.s(f"The minutes of the meeting held on {self.date_text(previous)} were agreed as a correct record"
                                f"{', subject to the correction of the spelling of ' + self.person() + ' in minute ' + str(self.rng.randint(1, 12)) if self.chance(0.3) else ''}."))
        if self.chance(0.35):
            lines += ["", self.numbered("Public Questions"), ""]
            for _ in range(self.rng.randint(1, 3)):
                topic = self.topic()
                lines += [self.s(f"Question from {self.person()}, {self.place()}:"), "",
                          self.s(f"\u201cCan the {self.pick(_MEMBERS)} explain {self.fill(self.pick(topic['questions']))}?\u201d"), "",
                          self.s(f"Response from the {self.pick(_MEMBERS)}:"), "",
                          self.paragraph(topic, self.rng.randint(2, 5), 0.25), ""]
        return lines

    def topic(self) -> dict:
        name = self.pick(_SEND_TOPICS) if self.chance(self.send_share) else self.pick(self.other_topics)
        self.topic_names[name] += 1
        return _TOPICS[name]

    def report_item(self) -> list[str]:
        topic = self.topic()
        title = self.fill(self.pick(topic["titles"]))
        lines = ["", self.numbered(title), ""]
        officer = self.officer("send" if topic["send"] and self.chance(0.6) else topic["area"])
        lines.append(self.s(f"{officer[0].upper()}{officer[1:]} {self.pick(['introduced', 'presented', 'summarised'])} the report, which "
                            f"{self.pick(['set out', 'provided an update on', 'described', 'sought approval for'])} "
                            f"{self.pick(['progress with', 'the proposals for', 'the position on', 'options for'])} "
                            f"{title.lower() if self.chance(0.5) else self.pick(topic['measures'])}."))
        sub = 0
        for _ in range(self.rng.randint(2, 7)):
            text = self.paragraph(topic, self.rng.randint(2, 7), 0.12)
            if self.chance(0.3):
                sub += 1
                text = f"{self.item}.{sub} {text}"
            lines += ["", text]
        if self.chance(0.45):
            lines += [""] + self.questions(topic)
        if self.chance(0.3):
            lines += [""] + self.table(topic)
        if self.chance(0.2):
            lines += ["", self.s("Action:") + f" {self.person()} to circulate {self.pick(['the breakdown by district', 'the revised timetable', 'a briefing note', 'the consultation responses'])} to Members {self.deadline() or 'after the meeting'}."]
        lines += [""] + self.resolved(topic)
        return lines

    def questions(self, topic: dict) -> list[str]:
        lines = []
        for _ in range(self.rng.randint(1, 4)):
            ask = self.pick(["asked", "enquired", "sought assurance about", "asked for clarification of"])
            what = self.fill(self.pick(topic["questions"]))
            lines.append(self.s(f"{self.cllr()} {ask} {what}.") + " " + self.s(
                f"In response, {self.officer(topic['area'])} {self.pick(['explained', 'advised', 'reported', 'stated'])} that "
                f"{self.pick(['the position had improved since', 'figures would be available after', 'the service was recruiting ahead of'])} "
                f"{self.fill('{past_month}')}.") + (" " + self.commitment(topic) if self.chance(0.35) else "")
                + (" " + self.non_commitment(topic) if self.chance(0.5) else ""))
            lines.append("")
        return lines[:-1]

    def table(self, topic: dict) -> list[str]:
        measure = self.pick(topic["measures"])
        lines = [self.s(f"Table {self.rng.randint(1, 6)}: {measure[0].upper()}{measure[1:]}, by quarter")]
        year = self.published.year - 1
        for quarter in range(1, self.rng.randint(4, 8)):
            q = (quarter - 1) % 4 + 1
            y = year + (quarter - 1) // 4
            lines.append(self.s(f"Q{q} {y}/{(y + 1) % 100:02d}\t{self.number(10, 4000)}\t{self.rng.randint(100, 990) / 10:g}%"))
        return lines

    def resolved(self, topic: dict) -> list[str]:
        kind = self.rng.random()
        if kind < 0.25:
            return [self.s(f"RESOLVED that the report be noted{self.pick(['', ' and that a further update be brought to a future meeting'])}.")]
        lines = [self.s(self.pick(["RESOLVED that:", "RESOLVED: That", f"RESOLVED that the {self.committee}:", "It was RESOLVED that:"])), ""]
        markers = self.pick([["(a)", "(b)", "(c)", "(d)", "(e)"], ["(1)", "(2)", "(3)", "(4)", "(5)"], ["i.", "ii.", "iii.", "iv.", "v."], ["1.", "2.", "3.", "4.", "5."]])
        options = [
            lambda: self.s(f"the {self.pick(['report', 'update', 'progress'])} be noted"),
            lambda: self.c(f"{self.money()} be allocated from {self.pick(['the capital programme', 'the Transformation Reserve', 'contingency', 'the DSG reserve'])} to {self.action(topic)}"),
            lambda: self.c(f"the {self.pick(_OFFICERS['general'] + _OFFICERS[topic['area'] if topic['area'] in _OFFICERS else 'general'])} be authorised, in consultation with the {self.pick(_MEMBERS)}, to {self.action(topic)}"),
            lambda: self.c(f"a further report be brought to this Committee {self.pick(['in', 'by'])} {self.pick(_MONTHS)} {self.published.year + self.rng.randint(0, 1)}"),
            lambda: self.c(f"the proposal to {self.with_deadline(self.action(topic))} be approved"),
            lambda: self.s(f"the Committee's thanks to {self.pick(['staff', 'the schools', 'volunteers', 'partners'])} be recorded"),
            lambda: self.c(f"officers {self.pick(['be asked to', 'be requested to'])} {self.action(topic)}"),
            lambda: self.c(f"consultation on the proposal to {self.action(topic)} be undertaken {self.deadline() or 'in the spring'}"),
        ]
        count = self.rng.randint(2, 5)
        chosen = [self.pick(options)() for _ in range(count)]
        for i, item in enumerate(chosen):
            end = "." if i == count - 1 else (";" if i < count - 2 else "; and")
            lines.append(f"{markers[i]} {item}{end}")
        return lines

    def motion_item(self) -> list[str]:
        topic = self.topic()
        mover, seconder = self.councillor(), self.councillor()
        lines = ["", self.numbered(self.pick(["Notice of Motion", "Motions on Notice", "Motion: " + self.fill(self.pick(topic["titles"]))])), ""]
        lines.append(self.s(f"It was moved by {self.pick(['Councillor', 'County Councillor'])} {mover} and seconded by {self.pick(['Councillor', 'County Councillor'])} {seconder} that:"))
        lines.append("")
        background = " ".join(self.non_commitment(topic) for _ in range(self.rng.randint(1, 3)))
        calls = [self.c(f"calls on the {self.pick(['Cabinet', 'Leader', 'Executive', 'Cabinet Member'])} to {self.with_deadline(self.action(topic))}")
                 for _ in range(self.rng.randint(1, 3))]
        lines.append(self.s("\u201cThis Council notes that " + background[0].lower() + background[1:]) + " " +
                     self.s("Council therefore " + "; and ".join(calls) + ".\u201d"))
        lines.append("")
        if self.chance(0.3):
            lines.append(self.s(f"An amendment moved by Councillor {self.councillor()}, to {self.pick(['delete', 'insert', 'replace'])} the words \u201c{self.action(topic)}\u201d, was put to the vote and {self.pick(['lost', 'carried'])}."))
            lines.append("")
        if self.chance(0.5):
            lines.append(self.s(f"Following debate, a recorded vote was taken in accordance with Standing Order {self.pick('ABCDE')}{self.rng.randint(2, 30)}."))
            lines.append("")
        carried = self.chance(0.55)
        votes = [self.rng.randint(10, 60) for _ in range(3)]
        votes[1] = min(votes[1], votes[0] - 1) if carried else max(votes[1], votes[0] + 1)
        lines.append(self.s(f"For: {votes[0]}; Against: {votes[1]}; Abstentions: {votes[2] % 6}"))
        lines.append("")
        lines.append(self.s(f"The motion was {'CARRIED' if carried else 'LOST'}."))
        if carried and self.chance(0.5):
            lines += ["", self.s("RESOLVED: That the motion set out above be agreed.")]
        return lines

    def member_questions_item(self) -> list[str]:
        lines = ["", self.numbered(self.pick(["Questions from Members", "Members' Questions", "Questions to the Cabinet"])), ""]
        for i in range(self.rng.randint(2, 6)):
            topic = self.topic()
            lines += [self.s(f"Question {i + 1} from {self.cllr()} to the {self.pick(_MEMBERS)}:"), "",
                      self.s(f"\u201cWill the {self.pick(_MEMBERS)} tell Council {self.fill(self.pick(topic['questions']))}?\u201d"), "",
                      self.s("Reply:") + " " + self.paragraph(topic, self.rng.randint(2, 6), 0.3), ""]
            if self.chance(0.4):
                lines += [self.s("Supplementary question:") + " " + self.s(f"{self.cllr()} asked whether the {self.pick(_MEMBERS)} would meet residents of {self.place()} to discuss the matter."), "",
                          self.s(f"The {self.pick(_MEMBERS)} {self.pick(['agreed to do so', 'said that officers would arrange a meeting', 'undertook to reply in writing'])}."), ""]
        return lines[:-1]

    def statistics_item(self) -> list[str]:
        topic = self.topic()
        title = self.pick(["Performance Report", "Quarterly Performance Monitoring", "Integrated Performance and Finance Report", "Annual Data Summary"])
        lines = ["", self.numbered(f"{title}: Quarter {self.rng.randint(1, 4)}"), ""]
        for _ in range(self.rng.randint(2, 5)):
            lines += [" ".join(self.non_commitment(topic) if self.chance(0.8) else self.s(self.fill(self.pick(topic['stats'])) + ".")
                               for _ in range(self.rng.randint(6, 14))), ""]
        lines += self.table(topic) + [""]
        lines.append(self.s(f"RESOLVED that the {self.pick(['performance', 'report', 'position'])} be noted."))
        return lines

    def exempt_item(self) -> list[str]:
        return ["", self.numbered("Exclusion of the Press and Public"), "",
                self.s(f"RESOLVED that under Section 100A(4) of the Local Government Act 1972 the press and public be excluded from the meeting "
                       f"for item {self.rng.randint(8, 15)} on the grounds that it involves the likely disclosure of exempt information as defined in "
                       f"paragraph {self.rng.randint(1, 7)} of Part 1 of Schedule 12A to the Act.")]

    def closing(self) -> list[str]:
        following = self.published + datetime.timedelta(days=self.rng.randint(28, 84))
        return ["", self.numbered("Date of Next Meeting"), "",
                self.s(f"The next meeting will be held on {self.date_text(following)} at {_clock(self.rng.randint(9, 18), self.pick(['00', '30']))}."), "",
                self.s(f"The meeting closed at {self.rng.randint(1, 6)}.{self.rng.randint(0, 59):02d}pm."), "",
                self.pick(["CHAIRMAN", "Chair", "Chairman ........................"])]

    # -- a document

    def document(self, target: int) -> Document:
        rng = self.rng
        self.council = f"{self.pick(_COUNTIES)} County Council"
        self.committee = self.pick(list(_COMMITTEES))
        self.send_share, area = _COMMITTEES[self.committee]
        self.other_topics = [t for t in _AREA_TOPICS[area] if not _TOPICS[t]["send"]] or _OTHER_TOPICS
        self.officer_pool = _OFFICERS["general"] + _OFFICERS.get(area, []) + (_OFFICERS["send"] if self.send_share > 0.2 else [])
        start = datetime.date(2019, 1, 1).toordinal()
        self.published = datetime.date.fromordinal(start + rng.randint(0, 2860))
        self.roster = [self.person() for _ in range(rng.randint(6, 14))]
        self.item = 0
        self.number_style = rng.randint(0, 2)
        self.minute_prefix = self.pick(["CAB", "CYP", "SF", "HTC", "AGC", "FC", "RPC"]) + f"/{self.published.year % 100}"
        self.minute_base = rng.randint(0, 120)
        self.topic_names: Counter = Counter()

        lines = self.heading_block() + self.procedural_items()
        size = _size(lines)
        makers = [(0.5, self.report_item), (0.62, self.motion_item if self.committee in ("Full Council", "Cabinet") or self.chance(0.2) else self.report_item),
                  (0.75, self.member_questions_item), (0.95, self.statistics_item), (1.0, self.exempt_item)]
        closing_size = 260
        while size + closing_size < target:
            r = rng.random()
            block = next(make for limit, make in makers if r < limit)()
            block_size = _size(block)
            if size + block_size + closing_size > MAX_BYTES:
                if size + closing_size >= MIN_BYTES:
                    break
                continue
            lines += block
            size += block_size
        lines += self.closing()
        if self.chance(0.35):
            lines = self.as_pdf_text(lines)
        body = "\n".join(lines) + "\n"
        if len(body.encode("utf-8")) > MAX_BYTES:  # wrapping adds a little: cut at a line break
            body = body.encode("utf-8")[:MAX_BYTES].decode("utf-8", "ignore")
            body = body[:body.rfind("\n") + 1]
        title = f"Minutes of {self.committee}, {self.published.day} {_MONTHS[self.published.month - 1]} {self.published.year}"
        send_items = sum(n for name, n in self.topic_names.items() if _TOPICS[name]["send"])
        return Document(title, self.council, self.published, body, len(body.encode("utf-8")), self.sentences,
                        self.commitments, send_items, sum(self.topic_names.values()))

    def as_pdf_text(self, lines: list[str]) -> list[str]:
        """Hard-wrapped lines, a running header and page numbers, as text taken from a PDF."""
        width = self.rng.randint(78, 100)
        header = f"{self.committee} - {self.published.day} {_MONTHS[self.published.month - 1]} {self.published.year}"
        out, page, on_page = [header], 1, 0
        per_page = self.rng.randint(40, 55)
        for line in lines:
            wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) if len(line) > width else [line]
            for piece in wrapped:
                out.append(piece)
                on_page += 1
                if on_page >= per_page:
                    page += 1
                    out += [f"Page {page}", "", header]
                    on_page = 0
        return out


def _clock(hour: int, minutes: str) -> str:
    return f"{hour % 12 or 12}.{minutes}{'am' if hour < 12 else 'pm'}"


def _ordinal(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_SLOT_CACHE: dict[str, tuple[str, ...]] = {}


def _slots(template: str) -> tuple[str, ...]:
    slots = _SLOT_CACHE.get(template)
    if slots is None:
        import string
        slots = tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(template) if name))
        _SLOT_CACHE[template] = slots
    return slots


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def _target_size(rng: random.Random) -> int:
    """Document sizes log-uniform between 5 and 80 KB (median about 20 KB)."""
    return int(math.exp(rng.uniform(math.log(MIN_BYTES), math.log(MAX_BYTES))))


def document(seed: int, index: int) -> Document:
    """Document `index` of the corpus `seed` (independent of every other document)."""
    rng = random.Random(f"minutes-{seed}-{index}")
    return _Writer(rng).document(_target_size(rng))


def documents(total_bytes: int, seed: int = 1) -> Iterator[Document]:
    """Documents of corpus `seed`, one at a time, until their bodies reach `total_bytes` (UTF-8) in all."""
    made, index = 0, 0
    while made < total_bytes:
        doc = document(seed, index)
        made += doc.size
        index += 1
        yield doc


if __name__ == "__main__":  # print a sample: python benchmarks/minutes_corpus.py [seed] [index]
    import sys

    args = [int(a) for a in sys.argv[1:]]
    doc = document(args[0] if args else 1, args[1] if len(args) > 1 else 0)
    print(f"# {doc.title} | {doc.council} | published {doc.published} | {doc.size:,} bytes | "
          f"{doc.commitments}/{doc.sentences} commitment sentences | {doc.send_items}/{doc.items} SEND items\n")
    print(doc.body)
