"""Build the synthetic sample workshop through the library's public API.

Varnholm is an invented Norwegian city; every organisation in this workshop is
invented and no real person appears in it. Participants are handles and roles
("facilitator", "youth-worker-1", "police-2"...), never names.

The workshop is built the way a facilitator's apps would build it: each
participant opens a session on an in-memory store and runs commands
(``add_actor``, ``add_tie``, ``add``, ``vote``...). Every item has an explicit,
readable id, so the bundle is stable and diffs cleanly between runs.

Usage::

    .venv/bin/python scripts/build_sample.py            # writes datasets/sample_workshop.json
    .venv/bin/python scripts/build_sample.py OUT.json   # writes elsewhere
"""

# The data tables below keep one item per line (or per block) so that a change to the
# sample is a one-line diff; they are exempt from the formatter and the line length.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import nsc_workshop
from nsc_workshop.bundle import write_bundle
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID
from nsc_workshop.model import Workshop
from nsc_workshop.session import WorkshopSession
from nsc_workshop.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "datasets" / "sample_workshop.json"

OSLO_WINTER = dt.timezone(dt.timedelta(hours=1))

# ---------------------------------------------------------------------------
# Meta
# ---------------------------------------------------------------------------

META: dict[str, Any] = {
    "title": "Online hate and polarisation among young people",
    "city": "Varnholm",
    "country": "Norway",
    "language": "en",
    "start_date": dt.date(2026, 3, 10),
    "end_date": dt.date(2026, 3, 11),
    "blueprint_areas": ["digital", "youth", "diversity", "neighbourhoods", "governance"],
    "prevention_levels": ["primary", "secondary"],
    "sensitivity": "network",
    "summary": (
        "SYNTHETIC SAMPLE (invented city, invented organisations, no real people). "
        "In January 2026 a fight between two groups of teenagers outside Sørhavn Shopping Centre "
        "in Varnholm was filmed and shared by an anonymous local page as an attack by 'immigrant gangs'. "
        "Within days young Muslims at Nordbyen upper secondary school received threats in group chats, "
        "a counter-campaign targeted boys seen as 'nationalists', and a local patriots' association and "
        "the Muslim Council traded accusations. Municipality, police, schools, youth work, faith communities, "
        "civil society and young people framed the problem, mapped the actors and ran a two-day sprint. "
        "They chose to prototype 'digital first-aiders': trained young bystanders with a back-up line to "
        "youth workers on duty, and a new channel between police prevention and outreach youth work."
    ),
    "tags": ["online hate", "polarisation", "young people", "bystanders", "rumours", "synthetic sample"],
}

# ---------------------------------------------------------------------------
# Participants: handles and roles, never names
# ---------------------------------------------------------------------------

# (id, handle, role, sector)
PARTICIPANTS: list[tuple[str, str, str, str]] = [
    ("p_facilitator", "facilitator", "facilitator", "prevention_coordination"),
    ("p_note_taker", "note-taker", "note_taker", "prevention_coordination"),
    ("p_city_director", "city-director", "decider", "municipal_leadership"),
    ("p_youth_worker_1", "youth-worker-1", "participant", "youth_work"),
    ("p_youth_worker_2", "youth-worker-2", "participant", "youth_work"),
    ("p_police_1", "police-1", "participant", "police"),
    ("p_police_2", "police-2", "participant", "police"),
    ("p_teacher_1", "teacher-1", "participant", "schools"),
    ("p_social_worker_1", "social-worker-1", "participant", "social_services"),
    ("p_youth_council_1", "youth-council-1", "participant", "young_people"),
    ("p_youth_council_2", "youth-council-2", "participant", "young_people"),
    ("p_faith_rep_1", "faith-rep-1", "participant", "faith_communities"),
    ("p_librarian_1", "librarian-1", "participant", "sports_culture"),
    ("p_housing_1", "housing-1", "participant", "housing"),
    ("p_researcher_1", "researcher-1", "participant", "researchers"),
    ("p_network_observer", "network-observer", "observer", "nordic_european_networks"),
]

# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------


def _actor(
    actor_id: str,
    name: str,
    sector: str,
    kind: str,
    level: str,
    influence: int,
    interest: int,
    salience: str,
    stance: str,
    goals: str,
    *,
    by: str,
    notes: str = "",
    tags: tuple[str, ...] = (),
    attributes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One actor's fields; ``salience`` holds P, L and/or U for power, legitimacy, urgency."""
    return {
        "id": actor_id,
        "name": name,
        "sector": sector,
        "kind": kind,
        "level": level,
        "influence": influence,
        "interest": interest,
        "power": "P" in salience,
        "legitimacy": "L" in salience,
        "urgency": "U" in salience,
        "stance": stance,
        "goals": goals,
        "notes": notes,
        "tags": list(tags),
        "attributes": attributes or {},
        "by": by,
    }


ACTORS: list[dict[str, Any]] = [
    # -- municipality -------------------------------------------------------
    _actor(
        "act_mayor_office", "Varnholm Mayor's Office", "municipal_leadership", "organisation", "local", 9, 6, "PL",
        "supports", "Restore calm, show that the city acts, and protect Varnholm's reputation.",
        by="city-director", attributes={"contact_role": "chief of staff", "budget_band": "high"},
    ),
    _actor(
        "act_city_council", "Varnholm City Council", "municipal_leadership", "organisation", "local", 8, 4, "PL",
        "neutral", "Decide the prevention budget; divided on whether the incident is a security or a social problem.",
        by="city-director", notes="Two parties have asked for more police presence at Sørhavn.",
        tags=("elected",),
    ),
    _actor(
        "act_education_dept", "Varnholm Education Department", "municipal_departments", "unit", "local", 7, 7, "PL",
        "supports", "Keep schools safe and keep students in school.", by="teacher-1",
    ),
    _actor(
        "act_culture_dept", "Varnholm Department of Culture and Leisure", "municipal_departments", "unit", "local",
        6, 6, "PL", "supports", "Run youth clubs, the library and leisure offers that reach all young people.",
        by="youth-worker-1", notes="Youth clubs, the outreach team and the library sit under this department.",
        attributes={"contact_role": "head of youth services", "budget_band": "medium"},
    ),
    _actor(
        "act_integration_office", "Varnholm Integration and Inclusion Office", "municipal_departments", "unit",
        "local", 4, 8, "LU", "supports", "Counter discrimination and build trust between communities.",
        by="facilitator",
    ),
    _actor(
        "act_comms_unit", "Varnholm Municipal Communications Unit", "municipal_departments", "unit", "local", 5, 5,
        "PL", "neutral", "Speak for the city in a crisis; avoid feeding the story.", by="facilitator",
        notes="Communicated late after the incident, in formal language.",
    ),
    _actor(
        "act_prevention_coordinator", "Varnholm prevention coordinator", "prevention_coordination", "role", "local",
        6, 10, "PLU", "supports", "Get services to act together and keep the local action plan alive.",
        by="facilitator", notes="The only actor with working ties to both police and youth work.",
        tags=("broker", "convenor"), attributes={"contact_role": "coordinator", "budget_band": "medium"},
    ),
    _actor(
        "act_prevention_team", "Varnholm cross-sector prevention team", "prevention_coordination", "group", "local",
        6, 9, "PLU", "supports", "Handle worries about individual young people across services.",
        by="facilitator", attributes={"meeting_cadence": "monthly"},
    ),
    # -- public safety ------------------------------------------------------
    _actor(
        "act_police_district", "Varnholm police district", "police", "organisation", "regional", 9, 7, "PLU",
        "supports", "Prevent violence and prosecute threats; keep public order at Sørhavn.", by="police-1",
    ),
    _actor(
        "act_police_prevention", "Varnholm police prevention unit", "police", "unit", "local", 6, 9, "PLU",
        "supports", "Reach young people early through schools, parents and partners.", by="police-1",
        attributes={"contact_role": "prevention coordinator (police)", "staff": 4},
    ),
    _actor(
        "act_police_online_patrol", "Varnholm police online patrol", "police", "unit", "regional", 5, 8, "PLU",
        "supports", "Find threats and hate crime online early.", by="police-2",
        notes="Sees online threats early but has no contact with youth workers.", tags=("online",),
    ),
    _actor(
        "act_fire_rescue", "Varnholm Fire and Rescue Service", "emergency_services", "organisation", "local", 3, 2,
        "P", "neutral", "Keep the city's crisis plans up to date.", by="police-2",
        notes="Owns the crisis plan, which covers fires and floods but not unrest after incidents.",
        tags=("peripheral",),
    ),
    _actor(
        "act_probation", "Western Fjords probation office", "correctional_services", "organisation", "regional", 3, 3,
        "PL", "neutral", "Follow up two young adults on probation who are active in the chat groups.",
        by="police-2", tags=("peripheral",),
    ),
    # -- education ----------------------------------------------------------
    _actor(
        "act_nordbyen_school", "Nordbyen upper secondary school", "schools", "organisation", "local", 6, 9, "LU",
        "supports", "Keep a safe school climate; stop threats in student group chats.", by="teacher-1",
        notes="Most of the threats after the incident were made in chats of its students.",
        attributes={"students": 850},
    ),
    _actor(
        "act_sorhavn_school", "Sørhavn lower secondary school", "schools", "organisation", "neighbourhood", 5, 8,
        "LU", "supports", "Protect younger students from being drawn into the conflict.", by="teacher-1",
    ),
    _actor(
        "act_school_health", "Varnholm school health and counselling service", "schools", "unit", "local", 4, 7,
        "LU", "supports", "Support students' mental health after the incident.", by="teacher-1",
    ),
    _actor(
        "act_university_college", "Varnholm University College", "higher_education", "organisation", "regional",
        4, 4, "L", "neutral", "Offer a neutral place for debate and train future teachers.", by="researcher-1",
    ),
    # -- youth --------------------------------------------------------------
    _actor(
        "act_outreach_team", "Varnholm outreach youth workers", "youth_work", "unit", "local", 4, 10, "LU",
        "supports", "Stay close to the young people involved and keep their trust.", by="youth-worker-1",
        notes="Trusted by the young people involved; wary of being seen as informants for the police.",
        tags=("trusted by young people",), attributes={"contact_role": "team leader", "staff": 6},
    ),
    _actor(
        "act_sorhavn_youth_club", "Sørhavn youth club", "youth_work", "organisation", "neighbourhood", 3, 9, "LU",
        "supports", "Keep the club a safe place for everyone from Sørhavn.", by="youth-worker-1",
    ),
    _actor(
        "act_kaia_youth_house", "Kaia youth house", "youth_work", "organisation", "local", 4, 7, "L", "supports",
        "Support youth-led projects in the city centre.", by="youth-worker-2",
    ),
    _actor(
        "act_youth_council", "Varnholm Youth Council", "young_people", "group", "local", 3, 9, "LU", "supports",
        "Be heard before decisions, not after.", by="youth-council-1", tags=("youth voice",),
    ),
    _actor(
        "act_student_council", "Nordbyen student council", "young_people", "group", "local", 2, 8, "LU", "supports",
        "Make the school feel safe for all students.", by="youth-council-2",
    ),
    _actor(
        "act_fjordnet_forum", "FjordNet youth forum", "young_people", "group", "local", 3, 8, "U", "supports",
        "Run an online forum where young people from Varnholm talk without hate.", by="youth-council-2",
        notes="Run by volunteers aged 16-22; moderators are exhausted after the incident.",
        tags=("online", "youth voice"), attributes={"members": 1400},
    ),
    _actor(
        "act_incident_youths", "Young people involved in the Sørhavn incident", "young_people", "group",
        "neighbourhood", 2, 9, "U", "unknown", "Be safe, be heard and not be defined by one video.",
        by="youth-worker-1", tags=("target group",),
    ),
    _actor(
        "act_fjord_patriots_chat", "'Fjord Patriots' closed youth chat group", "young_people", "group", "local", 3, 7,
        "U", "opposes", "Defend 'our town' against what members see as a threat from immigrants.",
        by="police-2", notes="Around 60 members; some share content from the anonymous page.",
        tags=("conflict",),
    ),
    # -- welfare ------------------------------------------------------------
    _actor(
        "act_child_welfare", "Varnholm Child Welfare Service", "social_services", "organisation", "local", 6, 6,
        "PL", "supports", "Protect children at risk and support their families.", by="social-worker-1",
    ),
    _actor(
        "act_welfare_office", "Varnholm employment and welfare office", "social_services", "organisation", "local",
        4, 3, "PL", "neutral", "Get young people into work or education.", by="social-worker-1",
    ),
    _actor(
        "act_family_centre", "Sørhavn family centre", "social_services", "unit", "neighbourhood", 3, 6, "L",
        "supports", "Support parents in Sørhavn.", by="social-worker-1",
    ),
    _actor(
        "act_youth_mental_health", "Varnholm child and adolescent mental health clinic", "health", "organisation",
        "regional", 5, 5, "PL", "neutral", "Treat young people referred to it; waiting lists are long.",
        by="social-worker-1",
    ),
    _actor(
        "act_youth_health_station", "Varnholm youth health station", "health", "unit", "local", 3, 6, "L",
        "supports", "Offer young people low-threshold health advice.", by="social-worker-1",
    ),
    # -- neighbourhood ------------------------------------------------------
    _actor(
        "act_housing_company", "Varnholm municipal housing company", "housing", "organisation", "local", 6, 5, "PL",
        "neutral", "Keep Sørhavn's estates safe and let flats.", by="housing-1",
        attributes={"contact_role": "estate manager", "budget_band": "high"},
    ),
    _actor(
        "act_tenants_assoc", "Sørhavn tenants' association", "housing", "organisation", "neighbourhood", 3, 7, "LU",
        "neutral", "Calm in the courtyards; better lighting and meeting rooms.", by="housing-1",
    ),
    _actor(
        "act_residents_action", "Sørhavn Residents' Action Group", "civil_society", "group", "neighbourhood", 4, 9,
        "U", "opposes", "More police and cameras at Sørhavn; fewer 'outsiders' at the shopping centre.",
        by="housing-1", notes="Formed after the incident; close to the Patriots' Association.",
        tags=("conflict",),
    ),
    # -- community ----------------------------------------------------------
    _actor(
        "act_volunteer_centre", "Varnholm Volunteer Centre", "civil_society", "organisation", "local", 4, 6, "L",
        "supports", "Mobilise volunteers for evening walks and homework help.", by="librarian-1",
    ),
    _actor(
        "act_together_network", "Varnholm Together anti-racism network", "civil_society", "organisation", "local",
        4, 9, "LU", "supports", "Stand with targeted young people and name racism.", by="faith-rep-1",
        tags=("conflict",),
    ),
    _actor(
        "act_patriots", "Varnholm Patriots' Association", "civil_society", "organisation", "local", 4, 9, "U",
        "opposes", "Put 'Varnholm people first'; blame immigration for the incident.", by="faith-rep-1",
        notes="Legal association; its chair has spoken to the local paper several times since January.",
        tags=("conflict",),
    ),
    _actor(
        "act_womens_network", "Sørhavn Women's Network", "civil_society", "group", "neighbourhood", 3, 8, "LU",
        "supports", "Keep their children safe and be heard by the city.", by="faith-rep-1", tags=("conflict",),
    ),
    _actor(
        "act_dialogue_foundation", "Crossroads Dialogue Foundation", "civil_society", "organisation", "national", 4,
        6, "L", "supports", "Facilitate dialogue between groups in conflict and support exit work.", by="researcher-1",
        notes="Keeps a thin channel open to both sides of the split.", tags=("broker",),
    ),
    _actor(
        "act_muslim_council", "Varnholm Muslim Council", "faith_communities", "organisation", "local", 5, 9, "LU",
        "supports", "Protect members' children from threats and be treated fairly by police and press.",
        by="faith-rep-1", tags=("conflict",), attributes={"contact_role": "chair", "congregations": 3},
    ),
    _actor(
        "act_lutheran_parish", "Varnholm Lutheran parish", "faith_communities", "organisation", "local", 4, 5, "L",
        "supports", "Offer room for grief and dialogue.", by="faith-rep-1",
    ),
    _actor(
        "act_interfaith_forum", "Varnholm Interfaith Forum", "faith_communities", "group", "local", 4, 7, "L",
        "supports", "Show that faith communities stand together.", by="faith-rep-1", tags=("broker",),
    ),
    _actor(
        "act_library", "Varnholm Public Library", "sports_culture", "organisation", "local", 4, 7, "L", "supports",
        "Be a neutral meeting place and teach source criticism.", by="librarian-1",
        notes="Hosts meetings of very different groups; a natural broker.", tags=("broker", "meeting place"),
    ),
    _actor(
        "act_sorhavn_football", "Sørhavn IL football club", "sports_culture", "organisation", "neighbourhood", 4, 6,
        "L", "supports", "Keep teams mixed and keep boys from both groups playing.", by="youth-worker-2",
    ),
    _actor(
        "act_culture_house", "Havnelyset culture house", "sports_culture", "organisation", "local", 3, 5, "L",
        "supports", "Give young people a stage.", by="librarian-1",
    ),
    _actor(
        "act_parents_network", "Varnholm parents' network", "families", "group", "local", 3, 8, "LU", "supports",
        "Understand what children meet online and keep them safe.", by="teacher-1",
    ),
    _actor(
        "act_evening_walkers", "Sørhavn evening walkers (parents' group)", "families", "group", "neighbourhood", 2,
        7, "L", "supports", "Be adults present in the streets on Friday and Saturday nights.", by="housing-1",
    ),
    # -- private sector and media ------------------------------------------
    _actor(
        "act_business_assoc", "Varnholm Business Association", "business", "organisation", "local", 5, 3, "P",
        "neutral", "Keep the town centre attractive for shoppers.", by="city-director", tags=("peripheral",),
    ),
    _actor(
        "act_shopping_centre", "Sørhavn Shopping Centre management", "business", "organisation", "neighbourhood", 4,
        6, "PU", "neutral", "No more fights at the entrance; keep customers coming.", by="police-1",
        notes="Place of the incident; has hired extra guards on Friday nights.",
    ),
    _actor(
        "act_gaming_cafe", "Pixelhavn gaming café", "business", "organisation", "neighbourhood", 1, 4, "", "unknown",
        "Run a gaming café where many of the boys spend evenings.", by="youth-worker-2",
        notes="Nobody at the workshop knows the owner: an isolated actor and a missing link.",
        tags=("isolated",),
    ),
    _actor(
        "act_local_paper", "Varnholm Tidende (local newspaper)", "local_media", "organisation", "local", 6, 6, "P",
        "neutral", "Report fast and keep readers.", by="note-taker",
        notes="Published the incident video with the anonymous page's framing before checking it.",
    ),
    _actor(
        "act_fjord_radio", "Radio Fjordbølge community radio", "local_media", "organisation", "local", 2, 5, "L",
        "supports", "Give local voices airtime, including young hosts.", by="librarian-1",
    ),
    _actor(
        "act_uncensored_page", "'Varnholm Uncensored' anonymous social media page", "online_platforms", "group",
        "local", 5, 8, "PU", "opposes", "Attract followers with 'what the media won't tell you'.", by="police-2",
        notes="Anonymous admins; about 9,000 followers, many of them young.", tags=("conflict", "online"),
        attributes={"followers": 9000, "anonymous": True},
    ),
    _actor(
        "act_platform_trust_safety", "ChatterBox Nordic trust and safety team", "online_platforms", "unit", "nordic",
        7, 2, "P", "unknown", "Enforce the platform's rules across the Nordics.", by="police-2",
        notes="Can take down threats fast, but no one in Varnholm has a contact there.",
        tags=("isolated", "online"),
    ),
    # -- knowledge, state and networks -------------------------------------
    _actor(
        "act_research_centre", "Nordfjell Centre for Extremism Research", "researchers", "organisation", "national",
        3, 6, "L", "supports", "Understand online radicalisation among young people.", by="researcher-1",
    ),
    _actor(
        "act_national_directorate", "National Prevention Directorate", "national_authorities", "organisation",
        "national", 8, 5, "PL", "supports", "Fund and guide municipal prevention work.", by="network-observer",
        attributes={"contact_role": "grant officer", "budget_band": "high"},
    ),
    _actor(
        "act_county_office", "Western Fjords county office", "regional_authorities", "organisation", "regional", 6,
        4, "PL", "neutral", "Oversee municipal preparedness.", by="network-observer",
    ),
    _actor(
        "act_nordic_peer_network", "Nordic Cities Prevention Peer Network", "nordic_european_networks",
        "organisation", "nordic", 3, 7, "L", "supports", "Help member cities learn from each other.",
        by="network-observer",
    ),
    _actor(
        "act_european_exchange", "EuroPrev practitioners' exchange", "nordic_european_networks", "organisation",
        "european", 2, 5, "L", "supports", "Collect and share prevention practices across Europe.",
        by="network-observer", tags=("peripheral",),
    ),
    _actor(
        "act_equality_ombud", "Varnholm equality and anti-discrimination adviser", "other", "role", "local", 3, 6,
        "L", "supports", "Advise the city on discrimination complaints.", by="facilitator",
    ),
]  # fmt: skip

# ---------------------------------------------------------------------------
# Ties: (id, source, target, type, weight, notes)
# The map deliberately has no tie between a police actor and a youth-work actor.
# ---------------------------------------------------------------------------

TIES: list[tuple[str, str, str, str, int, str]] = [
    # municipal governance
    ("tie_001", "act_prevention_coordinator", "act_mayor_office", "reports_to", 4, ""),
    ("tie_002", "act_prevention_coordinator", "act_prevention_team", "collaborates", 5, "The coordinator chairs the team."),
    ("tie_003", "act_city_council", "act_mayor_office", "influences", 4, ""),
    ("tie_004", "act_city_council", "act_education_dept", "funds", 4, ""),
    ("tie_005", "act_city_council", "act_culture_dept", "funds", 4, ""),
    ("tie_006", "act_comms_unit", "act_mayor_office", "reports_to", 3, ""),
    ("tie_007", "act_nordbyen_school", "act_education_dept", "reports_to", 4, ""),
    ("tie_008", "act_sorhavn_school", "act_education_dept", "reports_to", 4, ""),
    ("tie_009", "act_sorhavn_youth_club", "act_culture_dept", "reports_to", 3, ""),
    ("tie_010", "act_kaia_youth_house", "act_culture_dept", "reports_to", 3, ""),
    ("tie_011", "act_culture_dept", "act_outreach_team", "funds", 4, ""),
    ("tie_012", "act_integration_office", "act_prevention_coordinator", "collaborates", 3, ""),
    ("tie_013", "act_prevention_team", "act_police_prevention", "collaborates", 4, ""),
    ("tie_014", "act_prevention_team", "act_child_welfare", "collaborates", 4, ""),
    ("tie_015", "act_prevention_team", "act_school_health", "collaborates", 3, ""),
    ("tie_016", "act_prevention_coordinator", "act_outreach_team", "collaborates", 3, ""),
    ("tie_017", "act_prevention_coordinator", "act_police_prevention", "shares_information", 4, ""),
    ("tie_018", "act_police_prevention", "act_prevention_coordinator", "shares_information", 3, ""),
    ("tie_019", "act_prevention_coordinator", "act_education_dept", "advises", 2, ""),
    ("tie_020", "act_national_directorate", "act_prevention_coordinator", "funds", 3, "Grant for the local action plan 2025-2027."),
    ("tie_021", "act_national_directorate", "act_prevention_coordinator", "advises", 3, ""),
    ("tie_022", "act_prevention_coordinator", "act_nordic_peer_network", "shares_information", 2, ""),
    ("tie_023", "act_nordic_peer_network", "act_prevention_coordinator", "advises", 3, ""),
    ("tie_024", "act_nordic_peer_network", "act_european_exchange", "shares_information", 2, ""),
    ("tie_025", "act_county_office", "act_mayor_office", "advises", 2, ""),
    # police
    ("tie_026", "act_police_prevention", "act_police_district", "reports_to", 5, ""),
    ("tie_027", "act_police_online_patrol", "act_police_district", "reports_to", 5, ""),
    ("tie_028", "act_police_online_patrol", "act_police_prevention", "shares_information", 4, ""),
    ("tie_029", "act_police_district", "act_county_office", "collaborates", 3, "Regional preparedness council."),
    ("tie_030", "act_police_district", "act_fire_rescue", "collaborates", 3, ""),
    ("tie_031", "act_police_prevention", "act_nordbyen_school", "collaborates", 3, ""),
    ("tie_032", "act_police_prevention", "act_sorhavn_school", "collaborates", 2, ""),
    ("tie_033", "act_police_prevention", "act_child_welfare", "refers", 4, "Follow-up of worry conversations with parents."),
    ("tie_034", "act_police_district", "act_local_paper", "shares_information", 3, ""),
    ("tie_035", "act_police_district", "act_national_directorate", "shares_information", 2, ""),
    ("tie_036", "act_police_prevention", "act_shopping_centre", "collaborates", 2, ""),
    ("tie_037", "act_police_prevention", "act_interfaith_forum", "shares_information", 2, ""),
    ("tie_038", "act_interfaith_forum", "act_police_prevention", "shares_information", 2, ""),
    ("tie_039", "act_muslim_council", "act_police_district", "shares_information", 2, "Reports threats against members, reluctantly."),
    ("tie_040", "act_muslim_council", "act_police_district", "distrusts", 3, "Reports threats but doubts they are followed up (parallel to tie_039)."),
    ("tie_041", "act_probation", "act_police_district", "shares_information", 2, ""),
    # education and knowledge
    ("tie_042", "act_school_health", "act_nordbyen_school", "collaborates", 4, ""),
    ("tie_043", "act_school_health", "act_youth_mental_health", "refers", 3, ""),
    ("tie_044", "act_nordbyen_school", "act_child_welfare", "refers", 3, ""),
    ("tie_045", "act_sorhavn_school", "act_sorhavn_youth_club", "collaborates", 3, ""),
    ("tie_046", "act_student_council", "act_nordbyen_school", "influences", 2, ""),
    ("tie_047", "act_nordbyen_school", "act_library", "collaborates", 3, "Source-criticism lessons at the library."),
    ("tie_048", "act_university_college", "act_education_dept", "advises", 2, ""),
    ("tie_049", "act_university_college", "act_research_centre", "collaborates", 3, ""),
    ("tie_050", "act_research_centre", "act_prevention_coordinator", "advises", 3, ""),
    ("tie_051", "act_research_centre", "act_national_directorate", "advises", 3, ""),
    ("tie_052", "act_parents_network", "act_nordbyen_school", "collaborates", 3, ""),
    ("tie_053", "act_parents_network", "act_sorhavn_school", "shares_information", 2, ""),
    # youth work and young people
    ("tie_054", "act_outreach_team", "act_sorhavn_youth_club", "collaborates", 5, ""),
    ("tie_055", "act_outreach_team", "act_kaia_youth_house", "collaborates", 4, ""),
    ("tie_056", "act_outreach_team", "act_incident_youths", "collaborates", 4, "In contact with most of the young people involved."),
    ("tie_057", "act_outreach_team", "act_youth_health_station", "refers", 3, ""),
    ("tie_058", "act_outreach_team", "act_child_welfare", "refers", 2, ""),
    ("tie_059", "act_sorhavn_youth_club", "act_sorhavn_football", "collaborates", 3, ""),
    ("tie_060", "act_kaia_youth_house", "act_youth_council", "collaborates", 3, ""),
    ("tie_061", "act_kaia_youth_house", "act_fjordnet_forum", "collaborates", 3, ""),
    ("tie_062", "act_library", "act_kaia_youth_house", "collaborates", 3, ""),
    ("tie_063", "act_youth_council", "act_city_council", "advises", 2, ""),
    ("tie_064", "act_youth_council", "act_student_council", "collaborates", 3, ""),
    ("tie_065", "act_fjordnet_forum", "act_student_council", "shares_information", 3, ""),
    ("tie_066", "act_incident_youths", "act_sorhavn_youth_club", "collaborates", 3, ""),
    # welfare and health
    ("tie_067", "act_child_welfare", "act_family_centre", "collaborates", 4, ""),
    ("tie_068", "act_family_centre", "act_womens_network", "collaborates", 3, ""),
    ("tie_069", "act_welfare_office", "act_child_welfare", "collaborates", 2, ""),
    ("tie_070", "act_youth_mental_health", "act_child_welfare", "collaborates", 3, ""),
    ("tie_071", "act_youth_health_station", "act_youth_mental_health", "refers", 3, ""),
    ("tie_072", "act_welfare_office", "act_business_assoc", "collaborates", 2, "Summer jobs for young people."),
    # housing and neighbourhood
    ("tie_073", "act_housing_company", "act_tenants_assoc", "collaborates", 3, ""),
    ("tie_074", "act_tenants_assoc", "act_evening_walkers", "collaborates", 2, ""),
    ("tie_075", "act_housing_company", "act_sorhavn_youth_club", "funds", 2, "Free premises in the basement of block C."),
    ("tie_076", "act_housing_company", "act_prevention_team", "collaborates", 2, ""),
    # civil society, faith, culture
    ("tie_077", "act_volunteer_centre", "act_evening_walkers", "collaborates", 3, ""),
    ("tie_078", "act_volunteer_centre", "act_library", "collaborates", 2, ""),
    ("tie_079", "act_culture_dept", "act_volunteer_centre", "funds", 3, ""),
    ("tie_080", "act_culture_dept", "act_volunteer_centre", "collaborates", 3, "Parallel to the funding tie tie_079."),
    ("tie_081", "act_together_network", "act_muslim_council", "collaborates", 4, ""),
    ("tie_082", "act_together_network", "act_fjordnet_forum", "collaborates", 3, ""),
    ("tie_083", "act_womens_network", "act_muslim_council", "collaborates", 3, ""),
    ("tie_084", "act_interfaith_forum", "act_muslim_council", "collaborates", 4, ""),
    ("tie_085", "act_interfaith_forum", "act_lutheran_parish", "collaborates", 4, ""),
    ("tie_086", "act_interfaith_forum", "act_mayor_office", "advises", 2, ""),
    ("tie_087", "act_integration_office", "act_interfaith_forum", "funds", 2, ""),
    ("tie_088", "act_integration_office", "act_together_network", "collaborates", 3, ""),
    ("tie_089", "act_library", "act_interfaith_forum", "collaborates", 2, "Hosts the forum's open meetings."),
    ("tie_090", "act_library", "act_culture_house", "collaborates", 3, ""),
    ("tie_091", "act_library", "act_culture_dept", "reports_to", 4, ""),
    ("tie_092", "act_culture_house", "act_fjord_radio", "collaborates", 2, ""),
    ("tie_093", "act_dialogue_foundation", "act_prevention_coordinator", "advises", 3, ""),
    ("tie_094", "act_dialogue_foundation", "act_muslim_council", "collaborates", 2, ""),
    ("tie_095", "act_dialogue_foundation", "act_patriots", "shares_information", 1, "A thin channel kept open to the association's chair."),
    ("tie_096", "act_lutheran_parish", "act_volunteer_centre", "collaborates", 2, ""),
    ("tie_097", "act_sorhavn_football", "act_parents_network", "collaborates", 2, ""),
    ("tie_098", "act_evening_walkers", "act_police_prevention", "shares_information", 2, ""),
    # media
    ("tie_099", "act_comms_unit", "act_local_paper", "shares_information", 3, ""),
    ("tie_100", "act_local_paper", "act_city_council", "influences", 3, ""),
    ("tie_101", "act_uncensored_page", "act_fjord_patriots_chat", "influences", 4, ""),
    ("tie_102", "act_uncensored_page", "act_local_paper", "influences", 2, "The paper picked up the page's video before checking it."),
    ("tie_103", "act_fjord_radio", "act_youth_council", "collaborates", 2, ""),
    # the other side of the split
    ("tie_104", "act_patriots", "act_residents_action", "collaborates", 4, ""),
    ("tie_105", "act_patriots", "act_uncensored_page", "shares_information", 3, ""),
    ("tie_106", "act_residents_action", "act_city_council", "influences", 3, "Petition for more police and cameras at Sørhavn."),
    ("tie_107", "act_fjord_patriots_chat", "act_uncensored_page", "shares_information", 3, ""),
    ("tie_108", "act_residents_action", "act_tenants_assoc", "collaborates", 2, ""),
    ("tie_109", "act_shopping_centre", "act_housing_company", "collaborates", 2, ""),
    # conflict and distrust: the split after the incident
    ("tie_110", "act_patriots", "act_muslim_council", "conflicts", 5, "Public exchange of accusations after the incident."),
    ("tie_111", "act_patriots", "act_together_network", "conflicts", 4, ""),
    ("tie_112", "act_uncensored_page", "act_muslim_council", "conflicts", 4, ""),
    ("tie_113", "act_fjord_patriots_chat", "act_fjordnet_forum", "conflicts", 4, "Raids and counter-raids in each other's chats."),
    ("tie_114", "act_residents_action", "act_muslim_council", "distrusts", 3, ""),
    ("tie_115", "act_residents_action", "act_womens_network", "conflicts", 3, ""),
    ("tie_116", "act_muslim_council", "act_local_paper", "distrusts", 3, "Coverage of the incident seen as one-sided."),
    ("tie_117", "act_womens_network", "act_police_district", "distrusts", 2, ""),
    ("tie_118", "act_fjord_patriots_chat", "act_local_paper", "distrusts", 2, ""),
    ("tie_119", "act_patriots", "act_mayor_office", "distrusts", 3, ""),
    ("tie_120", "act_residents_action", "act_housing_company", "distrusts", 3, ""),
    ("tie_121", "act_incident_youths", "act_police_prevention", "distrusts", 3, ""),
    ("tie_122", "act_together_network", "act_uncensored_page", "conflicts", 3, ""),
    ("tie_123", "act_uncensored_page", "act_local_paper", "conflicts", 2, ""),
    ("tie_124", "act_youth_council", "act_city_council", "distrusts", 2, "Feels consulted after decisions are taken."),
    ("tie_125", "act_fjordnet_forum", "act_local_paper", "distrusts", 2, ""),
    ("tie_126", "act_incident_youths", "act_fjord_patriots_chat", "conflicts", 4, ""),
    # further ties
    ("tie_127", "act_equality_ombud", "act_integration_office", "advises", 2, ""),
    ("tie_128", "act_police_online_patrol", "act_nordbyen_school", "advises", 2, "One talk on online threats per school year."),
    ("tie_129", "act_education_dept", "act_school_health", "funds", 3, ""),
    ("tie_130", "act_mayor_office", "act_police_district", "collaborates", 4, "Joint press conference after the incident."),
    ("tie_131", "act_national_directorate", "act_dialogue_foundation", "funds", 3, ""),
    ("tie_132", "act_research_centre", "act_police_district", "advises", 2, ""),
]  # fmt: skip

# ---------------------------------------------------------------------------
# Framing
# ---------------------------------------------------------------------------

PROBLEM_STATEMENT = (
    "Since the Sørhavn incident in January 2026, online hate between groups of young people in Varnholm "
    "has escalated: threats and slurs in group chats and on an anonymous local page, rumours that spill "
    "into school corridors and the shopping centre, and growing distrust between Muslim families, a local "
    "patriots' association and the city. Services each see a fragment of the picture and do not act "
    "together, and young people do not feel they have a say in the response."
)

# (characteristic id, score 0-2, note, by)
WICKEDNESS: list[tuple[str, int, str, str]] = [
    ("no_definitive_formulation", 2, "Police see a security problem, schools a school-climate problem, young people a problem of not being heard.", "facilitator"),
    ("no_stopping_rule", 2, "Online hate will not end; we can only reduce it and make young people and services more resilient.", "researcher-1"),
    ("good_or_bad", 2, "More police at Sørhavn is good for the residents' group and bad in the eyes of the Muslim Council.", "faith-rep-1"),
    ("no_immediate_test", 1, "Reports and school surveys give early signals, but trust changes over years.", "researcher-1"),
    ("one_shot", 2, "The city's first statement after the incident already deepened distrust; it cannot be taken back.", "youth-worker-1"),
    ("no_enumerable_solutions", 1, "We can list many options but never all of them; young people keep suggesting new ones.", "youth-council-1"),
    ("essentially_unique", 1, "Other Nordic cities have faced similar waves; the anonymous page and small-town closeness are ours.", "network-observer"),
    ("symptom_of_another", 2, "Exclusion, segregated housing in Sørhavn and the national debate on immigration feed it.", "social-worker-1"),
    ("explanation_determines_resolution", 2, "'A gang problem' and 'a hate problem' lead to very different plans.", "police-1"),
    ("no_right_to_be_wrong", 1, "A failed effort would hurt the young people involved, but small, careful pilots are acceptable.", "city-director"),
]  # fmt: skip

# (id, layer, text, by)
ICEBERG: list[tuple[str, str, str, str]] = [
    ("ice_events_01", "events", "A fight outside Sørhavn Shopping Centre was filmed and shared within hours.", "police-1"),
    ("ice_events_02", "events", "Young Muslims at Nordbyen received threats in class group chats for two weeks.", "teacher-1"),
    ("ice_events_03", "events", "The local paper published the video with the anonymous page's framing.", "librarian-1"),
    ("ice_events_04", "events", "A council member who spoke out against hate was threatened by email.", "city-director"),
    ("ice_patterns_01", "patterns", "Every incident involving young people now goes viral on the same anonymous page.", "police-2"),
    ("ice_patterns_02", "patterns", "Bystanders in chats stay silent; reports reach adults days or weeks later.", "youth-council-1"),
    ("ice_patterns_03", "patterns", "Each wave of hate is followed by a counter-wave against another group.", "youth-worker-2"),
    ("ice_patterns_04", "patterns", "Fewer young people from Sørhavn come to activities in the city centre.", "youth-worker-1"),
    ("ice_structures_01", "structures", "No one is responsible for the online spaces young people use.", "youth-worker-1"),
    ("ice_structures_02", "structures", "Police and youth work have no channel to each other; everything goes through the coordinator.", "facilitator"),
    ("ice_structures_03", "structures", "Sørhavn's housing concentrates low-income and newly arrived families.", "housing-1"),
    ("ice_structures_04", "structures", "Crisis communication plans cover fires and floods, not rumours after incidents between groups.", "note-taker"),
    ("ice_mental_models_01", "mental_models", "'Telling an adult makes it worse' (young people).", "youth-council-2"),
    ("ice_mental_models_02", "mental_models", "'Online is not real life' (many adults).", "teacher-1"),
    ("ice_mental_models_03", "mental_models", "'They are taking over our town' versus 'this town will never accept us'.", "faith-rep-1"),
    ("ice_mental_models_04", "mental_models", "'Working with the police betrays young people's trust' (youth work).", "police-2"),
]  # fmt: skip

# (id, kind, text, parent, objective)
PROBLEM_TREE: list[tuple[str, str, str, str | None, str]] = [
    ("pn_focal", "focal", "Online hate and polarisation among young people in Varnholm are escalating after the Sørhavn incident.", None,
     "Young people in Varnholm meet online hate with shared norms, peer support and a joined-up response."),
    ("pn_cause_01", "cause", "Young people meet hate online without peers or adults who step in.", "pn_focal",
     "Young people have trained peers and reachable adults who step in online."),
    ("pn_cause_01a", "cause", "Youth workers and teachers are not present in the online spaces young people use.", "pn_cause_01",
     "Youth workers are present where young people are online."),
    ("pn_cause_01a1", "cause", "Professionals have no mandate or guidance for working online.", "pn_cause_01a", ""),
    ("pn_cause_01b", "cause", "Bystanders fear becoming targets themselves.", "pn_cause_01",
     "Bystanders have safe ways to step in and are protected when they do."),
    ("pn_cause_02", "cause", "Services see fragments of the picture and do not act together.", "pn_focal",
     "Services share a lawful, common picture and act together."),
    ("pn_cause_02a", "cause", "There is no contact between police and youth work.", "pn_cause_02",
     "A regular, trusted channel between police prevention and outreach youth workers."),
    ("pn_cause_02a1", "cause", "Youth workers fear losing young people's trust if they are seen with the police.", "pn_cause_02a", ""),
    ("pn_cause_02b", "cause", "The rules on what information may be shared are unclear.", "pn_cause_02",
     "A one-page protocol on lawful information sharing."),
    ("pn_cause_03", "cause", "Rumours and disinformation spread faster than facts.", "pn_focal",
     "Trusted local facts reach young people before rumours do."),
    ("pn_cause_03a", "cause", "An anonymous page sets the story and local media follow it.", "pn_cause_03", ""),
    ("pn_cause_04", "cause", "Groups distrust each other and the city.", "pn_focal", ""),
    ("pn_cause_04a", "cause", "Segregated housing and few shared meeting places in Sørhavn.", "pn_cause_04",
     "Shared meeting places where young people from all groups come."),
    ("pn_effect_01", "effect", "Young Muslims feel unsafe at school and in town.", "pn_focal", "All young people feel safe at school and in town."),
    ("pn_effect_02", "effect", "Some young people withdraw into closed chat groups where views harden.", "pn_focal", ""),
    ("pn_effect_03", "effect", "Parents' and residents' groups mobilise against each other.", "pn_focal", ""),
    ("pn_effect_04", "effect", "Local democracy suffers: a council member who spoke out was threatened.", "pn_effect_03",
     "Elected members can speak out without threats."),
    ("pn_effect_05", "effect", "Absence rises at Nordbyen upper secondary school.", "pn_effect_01", ""),
]  # fmt: skip

# (id, symptom, five whys, by)
WHY_CHAINS: list[tuple[str, str, list[str], str]] = [
    (
        "why_01",
        "Threats in a student group chat went on for two weeks before any adult knew.",
        [
            "The students who saw them did not tell a teacher or a youth worker.",
            "They did not believe telling would help and feared being seen as snitches.",
            "Earlier reports led to nothing visible, or to police contact that scared people off.",
            "Schools, youth work and police have no shared, low-threshold way of handling online reports.",
            "Prevention is organised by sector, and nobody owns young people's online spaces.",
        ],
        "youth-worker-1",
    ),
    (
        "why_02",
        "The video of the incident reached most young people in town within a day, with a false story attached.",
        [
            "The anonymous page posted it first, with its own framing.",
            "No trusted local source offered a faster, credible account.",
            "The city and the police communicated late and in formal language young people do not read.",
            "Crisis communication plans cover fires and floods, not rumours after incidents between groups.",
            "Preparedness work has not treated polarisation as a risk to plan for.",
        ],
        "note-taker",
    ),
]

# (id, group, need, insight, by)
POVS: list[tuple[str, str, str, str, str]] = [
    ("pov_01", "Young people who witness hate in their group chats",
     "a safe, low-key way to step in or get help without becoming targets themselves",
     "they fear being labelled snitches and doubt that adults understand life online", "youth-council-1"),
    ("pov_02", "Young people targeted by online hate after the Sørhavn incident",
     "to see that someone they trust acts quickly and on their side",
     "silence from adults reads as agreement with the people who hate them", "faith-rep-1"),
    ("pov_03", "Outreach youth workers",
     "a way to raise online threats with the police without breaking young people's trust",
     "being seen as informants would close doors they took years to open", "youth-worker-2"),
    ("pov_04", "Parents in Sørhavn", "to understand what their children meet online",
     "the rumours reach them through the same pages that spread the hate", "housing-1"),
]  # fmt: skip
SELECTED_POV = "pov_01"

# (id, text, cluster, by)
HMW_NOTES: list[tuple[str, str, str, str]] = [
    ("hmw_01", "How might we help young bystanders step in safely when hate appears in their chats?", "Bystanders and peers", "youth-council-1"),
    ("hmw_02", "How might we make reporting online hate feel worth it for young people?", "Bystanders and peers", "social-worker-1"),
    ("hmw_03", "How might we let young people lead the response to online hate?", "Bystanders and peers", "youth-council-2"),
    ("hmw_04", "How might we bring youth workers into the online spaces young people use?", "Online spaces", "youth-worker-2"),
    ("hmw_05", "How might we get trusted local facts out faster than rumours?", "Rumours and communication", "police-2"),
    ("hmw_06", "How might we give the anonymous page's followers a reason to doubt it?", "Rumours and communication", "librarian-1"),
    ("hmw_07", "How might we connect police prevention and youth workers without costing youth workers' trust?", "Joined-up services", "facilitator"),
    ("hmw_08", "How might we share worries across services lawfully and quickly?", "Joined-up services", "police-1"),
    ("hmw_09", "How might we create places where young people from both sides of the conflict meet?", "Trust between groups", "housing-1"),
    ("hmw_10", "How might we get the Muslim Council and the Patriots' Association into one conversation?", "Trust between groups", "faith-rep-1"),
    ("hmw_11", "How might we help parents understand their children's life online?", "Online spaces", "teacher-1"),
    ("hmw_12", "How might we make the city's response visible to young people?", "Rumours and communication", "city-director"),
    ("hmw_13", "How might we protect young people who speak out against hate?", "Bystanders and peers", "youth-worker-1"),
    ("hmw_14", "How might we make gaming communities in Varnholm places of fair play?", "Online spaces", "youth-council-2"),
]  # fmt: skip

# voter -> [(vote id, HMW note, weight)]; budget 2 per participant
HMW_VOTES: dict[str, list[tuple[str, str, int]]] = {
    "youth-worker-1": [("v_hmw_01", "hmw_01", 1), ("v_hmw_02", "hmw_07", 1)],
    "youth-worker-2": [("v_hmw_03", "hmw_04", 1), ("v_hmw_04", "hmw_01", 1)],
    "police-1": [("v_hmw_05", "hmw_07", 1), ("v_hmw_06", "hmw_08", 1)],
    "police-2": [("v_hmw_07", "hmw_05", 1), ("v_hmw_08", "hmw_01", 1)],
    "teacher-1": [("v_hmw_09", "hmw_01", 2)],
    "social-worker-1": [("v_hmw_10", "hmw_08", 1), ("v_hmw_11", "hmw_02", 1)],
    "youth-council-1": [("v_hmw_12", "hmw_03", 1), ("v_hmw_13", "hmw_01", 1)],
    "youth-council-2": [("v_hmw_14", "hmw_03", 1), ("v_hmw_15", "hmw_13", 1)],
    "faith-rep-1": [("v_hmw_16", "hmw_10", 1), ("v_hmw_17", "hmw_09", 1)],
    "librarian-1": [("v_hmw_18", "hmw_09", 1), ("v_hmw_19", "hmw_11", 1)],
    "housing-1": [("v_hmw_20", "hmw_09", 1)],
    "researcher-1": [("v_hmw_21", "hmw_02", 1), ("v_hmw_22", "hmw_05", 1)],
    "city-director": [("v_hmw_23", "hmw_01", 1), ("v_hmw_24", "hmw_12", 1)],
}

LONG_TERM_GOAL = (
    "By 2028, young people in Varnholm step in against online hate and know that adults and services will "
    "back them, and the groups in conflict after the Sørhavn incident talk rather than threaten."
)

SPRINT_QUESTIONS: list[tuple[str, str]] = [
    ("sq_01", "Can we get young bystanders to step in or report within a day rather than two weeks?"),
    ("sq_02", "Can we connect youth workers and police prevention in a way young people accept?"),
    ("sq_03", "Can we get a trusted local account out before rumours set the story?"),
    ("sq_04", "Can we keep young people in the lead after the sprint ends?"),
]

# ---------------------------------------------------------------------------
# Sprint
# ---------------------------------------------------------------------------

SPRINT_START = dt.datetime(2026, 3, 10, 9, 0, tzinfo=OSLO_WINTER)

# (id, day, title, phase, duration in minutes, notes)
AGENDA: list[tuple[str, int, str, str, int, str]] = [
    ("ag_d1_01", 1, "Welcome, ground rules and why we are here", "other", 20, "Ground rules: no names of young people; Chatham House."),
    ("ag_d1_02", 1, "Long-term goal and sprint questions", "map", 40, ""),
    ("ag_d1_03", 1, "Map the young person's journey and ask the experts", "map", 60, "Experts: youth council, outreach team, police online patrol."),
    ("ag_d1_04", 1, "How-might-we notes, clustering and dot vote", "map", 40, "Two dots each."),
    ("ag_d1_05", 1, "Pick a target on the map", "map", 15, ""),
    ("ag_d1_06", 1, "Lunch", "break", 45, ""),
    ("ag_d1_07", 1, "Lightning demos", "sketch", 45, "Three minutes per demo."),
    ("ag_d1_08", 1, "Notes and ideas", "sketch", 40, ""),
    ("ag_d1_09", 1, "Crazy 8s", "sketch", 10, "Eight ideas in eight minutes."),
    ("ag_d1_10", 1, "Solution sketches", "sketch", 60, "Anonymous, three panels, a catchy title."),
    ("ag_d1_11", 1, "Check-out", "other", 10, ""),
    ("ag_d2_01", 2, "Art museum and heat map", "decide", 25, ""),
    ("ag_d2_02", 2, "Speed critique", "decide", 40, "Three minutes a sketch."),
    ("ag_d2_03", 2, "Straw poll and the decider's supervote", "decide", 15, "Three dots each."),
    ("ag_d2_04", 2, "Storyboard", "decide", 60, ""),
    ("ag_d2_05", 2, "Lunch", "break", 40, ""),
    ("ag_d2_06", 2, "Prototype", "prototype", 120, "Roles: maker, stitcher, writer, asset collector, interviewer."),
    ("ag_d2_07", 2, "Test: five interviews", "test", 100, "Five 15-minute interviews with students, a youth worker present."),
    ("ag_d2_08", 2, "Debrief, theory of change and action plan", "follow_up", 60, ""),
]  # fmt: skip

CHOSEN_HMW = "hmw_01"

# (id, text, kind, theme, link, by, private, revealed)
IDEAS: list[tuple[str, str, str, str, str | None, str, bool, bool]] = [
    ("idea_ld_01", "A peer-moderator scheme in a Nordic city's youth gaming servers: trained young moderators with an adult back-up line.",
     "lightning_demo", "Peer responders", "https://example.org/demos/peer-moderators", "youth-worker-2", False, False),
    ("idea_ld_02", "A 'rumour desk' run by a community radio and a library: residents send rumours, volunteers check and answer within hours.",
     "lightning_demo", "Rumour response", "https://example.org/demos/rumour-desk", "librarian-1", False, False),
    ("idea_ld_03", "Online youth work office hours: youth workers present in chat apps at fixed evening times.",
     "lightning_demo", "Online youth work", "https://example.org/demos/online-youth-work", "youth-worker-1", False, False),
    ("idea_ld_04", "Cook-and-talk nights: groups in conflict cook a meal together before they talk.",
     "lightning_demo", "Meeting places", "https://example.net/cases/cook-and-talk", "faith-rep-1", False, False),
    ("idea_01", "Train 30 young 'digital first-aiders' at Nordbyen and Sørhavn who step in when hate appears in chats.",
     "note", "Peer responders", None, "youth-council-1", False, False),
    ("idea_02", "An anonymous report button in the school app that reaches a youth worker, not the police.",
     "note", "Peer responders", None, "teacher-1", False, False),
    ("idea_03", "Youth workers take turns to be present in the FjordNet forum in the evenings.",
     "note", "Online youth work", None, "youth-worker-2", False, False),
    ("idea_04", "A monthly 'coffee without uniform' between police prevention officers and outreach youth workers, hosted by the prevention coordinator.",
     "note", "Joined-up services", None, "police-1", False, False),
    ("idea_05", "A one-page protocol on what youth workers and police may share, checked by the municipality's lawyer.",
     "note", "Joined-up services", None, "social-worker-1", False, False),
    ("idea_06", "Fast facts: the city posts a short, plain-language account within six hours of any incident involving young people.",
     "note", "Rumour response", None, "researcher-1", False, False),
    ("idea_07", "Invite the local paper to co-sign guidelines on covering incidents between groups of young people.",
     "note", "Rumour response", None, "city-director", False, False),
    ("idea_08", "Dialogue nights at the library with the Muslim Council and the Patriots' Association, facilitated by the Crossroads Dialogue Foundation.",
     "note", "Meeting places", None, "faith-rep-1", False, False),
    ("idea_09", "A mixed football tournament at Sørhavn with teams drawn across schools and neighbourhoods.",
     "note", "Meeting places", None, "housing-1", False, False),
    ("idea_10", "A parents' evening on 'what your child sees online', run by young people.",
     "note", "Parents", None, "teacher-1", False, False),
    ("idea_11", "A youth panel that reviews the city's messages before they go out after incidents.",
     "note", "Youth voice", None, "youth-council-2", False, False),
    ("idea_12", "Give the Youth Council a small fund for youth-led counter-speech projects.",
     "note", "Youth voice", None, "youth-council-1", False, False),
    ("idea_13", "Peer mentors for the young people involved in the incident, matched by the outreach team.",
     "note", "Peer responders", None, "youth-worker-1", False, False),
    ("idea_14", "Ask the platform's trust and safety team for a named contact for urgent takedowns.",
     "note", "Online spaces", None, "police-2", False, False),
    ("idea_15", "Let young people name the project so that it does not sound like a municipal programme.",
     "note", "Youth voice", None, "youth-council-2", True, True),
    ("idea_c8_01", "Comic strip: a bystander answers a heated chat with a sticker pack of calm replies.",
     "crazy8", "Peer responders", None, "youth-council-1", False, False),
    ("idea_c8_02", "Badges for digital first-aiders, so that peers know whom to ask.",
     "crazy8", "Peer responders", None, "youth-council-2", False, False),
    ("idea_c8_03", "A weekly ten-minute 'chat check' in class, led by students.",
     "crazy8", "Peer responders", None, "teacher-1", False, False),
    ("idea_c8_04", "A pop-up youth work stand at the shopping centre on Friday nights.",
     "crazy8", "Meeting places", None, "youth-worker-2", False, False),
    ("idea_c8_05", "Rumour bingo on community radio: young hosts debunk the week's rumours.",
     "crazy8", "Rumour response", None, "librarian-1", False, False),
    ("idea_c8_06", "A back-up line: a first-aider reaches an adult on duty within fifteen minutes.",
     "crazy8", "Peer responders", None, "youth-worker-1", False, False),
    ("idea_private_01", "Ask the decider to fund a paid youth coordinator post for two years.",
     "note", "Youth voice", None, "youth-worker-2", True, False),
]  # fmt: skip

# (id, title, description, panels, by)
SKETCHES: list[tuple[str, str, str, list[str], str]] = [
    (
        "sk_01",
        "Digital first-aiders with a back-up line",
        "Trained young bystanders step in against hate in chats; an adult on duty backs them up.",
        [
            "Young people nominated by their peers get a two-day training with youth workers and the library.",
            "In a heated chat a first-aider steps in with a calm reply from the sticker pack or helps the target leave.",
            "Serious threats go through the back-up line to the youth worker on duty, who brings in police "
            "prevention through the prevention coordinator only when needed.",
        ],
        "youth-council-1",
    ),
    (
        "sk_02",
        "Sørhavn fast facts",
        "A six-hour routine for plain-language facts after incidents, checked by a youth panel.",
        [
            "An incident happens; the communications unit, police and the outreach team meet online within two hours.",
            "A youth panel checks the draft: is it clear, does it blame anyone?",
            "Young hosts share it on community radio and the FjordNet forum.",
        ],
        "researcher-1",
    ),
    (
        "sk_03",
        "Cook-and-talk nights",
        "Monthly dinners at the library where groups in conflict cook before they talk.",
        [
            "The Crossroads Dialogue Foundation invites a few members from each side.",
            "They cook together at the library with young volunteers.",
            "A facilitated talk after dinner; agreed points are shared with the city.",
        ],
        "faith-rep-1",
    ),
    (
        "sk_04",
        "Coffee without uniform",
        "A monthly meeting of police prevention officers and outreach youth workers, hosted by the coordinator.",
        [
            "The prevention coordinator invites both teams to the youth house on a quiet morning.",
            "They share patterns, never names, using the one-page protocol.",
            "Joint actions are agreed; young people hear about them from the youth workers.",
        ],
        "police-1",
    ),
]

# voter -> [(vote id, target)]; budget 3 per participant in the "ideas" round
IDEA_VOTES: dict[str, list[tuple[str, str]]] = {
    "youth-worker-1": [("v_idea_01", "sk_01"), ("v_idea_02", "sk_04"), ("v_idea_03", "idea_03")],
    "youth-worker-2": [("v_idea_04", "sk_01"), ("v_idea_05", "idea_03"), ("v_idea_06", "idea_13")],
    "police-1": [("v_idea_07", "sk_04"), ("v_idea_08", "sk_01"), ("v_idea_09", "idea_05")],
    "police-2": [("v_idea_10", "sk_02"), ("v_idea_11", "sk_04"), ("v_idea_12", "idea_14")],
    "teacher-1": [("v_idea_13", "sk_01"), ("v_idea_14", "idea_c8_03"), ("v_idea_15", "sk_02")],
    "social-worker-1": [("v_idea_16", "sk_01"), ("v_idea_17", "idea_05"), ("v_idea_18", "idea_13")],
    "youth-council-1": [("v_idea_19", "sk_01"), ("v_idea_20", "idea_12"), ("v_idea_21", "idea_11")],
    "youth-council-2": [("v_idea_22", "sk_01"), ("v_idea_23", "idea_12"), ("v_idea_24", "sk_03")],
    "faith-rep-1": [("v_idea_25", "sk_03"), ("v_idea_26", "sk_02"), ("v_idea_27", "idea_08")],
    "librarian-1": [("v_idea_28", "sk_03"), ("v_idea_29", "idea_08"), ("v_idea_30", "sk_02")],
    "researcher-1": [("v_idea_31", "sk_02"), ("v_idea_32", "sk_01"), ("v_idea_33", "idea_06")],
}
SUPERVOTE = ("v_super_01", "sk_01")  # by the decider ("city-director")

# (vote id, voter, sketch, x, y): heat-map stickers on the parts of sketches people liked
HEATMAP: list[tuple[str, str, str, float, float]] = [
    ("v_heat_01", "teacher-1", "sk_01", 0.2, 0.5),
    ("v_heat_02", "youth-council-1", "sk_01", 0.5, 0.4),
    ("v_heat_03", "youth-worker-1", "sk_01", 0.85, 0.6),
    ("v_heat_04", "police-1", "sk_04", 0.8, 0.3),
    ("v_heat_05", "librarian-1", "sk_03", 0.5, 0.5),
]

# target -> (impact, effort, desirability, feasibility, viability): the group's scores, 1-5
SCORES: dict[str, tuple[int, int, int, int, int]] = {
    "sk_01": (5, 3, 5, 4, 4),
    "sk_02": (4, 2, 4, 4, 3),
    "sk_03": (4, 3, 3, 3, 3),
    "sk_04": (3, 1, 3, 5, 5),
    "idea_05": (3, 1, 2, 5, 5),
    "idea_12": (3, 1, 5, 5, 3),
}
CRITERIA = ("impact", "effort", "desirability", "feasibility", "viability")

CHOSEN_CONCEPT = "sk_01"
DECISION_RATIONALE = (
    "Digital first-aiders got the most dots and the decider's supervote. It answers the chosen HMW note and "
    "sprint questions 1 and 2: young people lead, and the back-up line brings in police prevention through "
    "the prevention coordinator, so youth workers keep young people's trust. 'Coffee without uniform' "
    "(sketch 4) scored as a quick win and goes straight into the action plan; 'Sørhavn fast facts' is kept "
    "for the next sprint."
)

# (id, text, sketch)
STORYBOARD: list[tuple[str, str, str | None]] = [
    (
        "sb_01",
        "A 16-year-old student (our persona) sees a classmate threatened in the class chat on a Friday night.",
        None,
    ),
    ("sb_02", "She remembers the first-aider badge and opens the sticker pack of calm replies.", "sk_01"),
    ("sb_03", "She posts a calm reply and messages the target privately: 'You are not alone.'", "sk_01"),
    ("sb_04", "The threats go on; she presses 'back-up' in the school app.", "sk_01"),
    ("sb_05", "The youth worker on duty answers within fifteen minutes and talks it through with her.", "sk_01"),
    ("sb_06", "The youth worker judges the threat serious and calls the prevention coordinator.", "sk_04"),
    ("sb_07", "Police prevention follows up with the sender's parents; her name is never shared.", "sk_04"),
    ("sb_08", "On Monday the youth worker tells her what happened, and the class chat agrees on rules.", None),
]

PROTOTYPE_DESCRIPTION = (
    "A clickable mock-up of the back-up button in the school app; a one-page outline of the two-day "
    "first-aider training; a sticker pack of six calm replies; and a role-play script of a heated group chat "
    "for the test interviews."
)

# (id, role, who, notes)
PROTOTYPE_ROLES: list[tuple[str, str, str, str]] = [
    ("role_maker", "maker", "youth-worker-2", "Builds the app mock-up in the slide tool."),
    ("role_stitcher", "stitcher", "facilitator", "Makes the pieces look like one thing."),
    ("role_writer", "writer", "youth-council-1", "Writes the calm replies in young people's language."),
    ("role_asset_collector", "asset_collector", "librarian-1", "Finds example chats and images we may use."),
    ("role_interviewer", "interviewer", "researcher-1", "Runs the five interviews."),
    ("role_note_taker", "other", "note-taker", "Notes findings during the interviews."),
]

TEST_PLAN: dict[str, Any] = {
    "target_group": (
        "Students aged 15-18 at Nordbyen upper secondary and Sørhavn lower secondary, including one who was "
        "targeted after the incident (with consent, and a youth worker present)."
    ),
    "assumptions": [
        "Young people will trust first-aiders who are peers rather than adults.",
        "A back-up line to a youth worker feels safer than reporting to the school or the police.",
        "Calm replies from a sticker pack will not make the first-aider a target.",
    ],
    "questions": [
        "Would you step in with a calm reply? What would stop you?",
        "Whom would you expect to answer the back-up button, and how fast?",
        "What would make you stop trusting the back-up line?",
        "What should the project be called?",
    ],
    "interviews_planned": 5,
}

# (id, interview, text, valence, pattern)
FINDINGS: list[tuple[str, int, str, str, bool]] = [
    ("fd_01", 1, "Liked the sticker pack: 'easier than finding the words yourself'.", "positive", True),
    ("fd_02", 1, "Worried that a badge makes first-aiders visible targets.", "negative", True),
    ("fd_03", 2, "Would only press back-up if the police are not told automatically.", "neutral", True),
    ("fd_04", 2, "Expected an answer within minutes, not hours.", "neutral", False),
    ("fd_05", 3, "Used the sticker pack and said it felt natural.", "positive", True),
    ("fd_06", 3, "Did not understand the difference between back-up and the school's report form.", "negative", False),
    ("fd_07", 4, "Said a badge is fine if it is optional and digital only.", "positive", True),
    ("fd_08", 4, "Asked whether parents would be told.", "neutral", True),
    ("fd_09", 5, "Targeted student: 'just knowing someone would answer on a Friday night matters'.", "positive", True),
    ("fd_10", 5, "Suggested the name 'Backup' instead of 'digital first-aiders'.", "positive", False),
]

# (id, level, text)
TOC: list[tuple[str, str, str]] = [
    ("toc_input_01", "input", "Two outreach youth workers at 20% each, the prevention coordinator's time, and the national grant."),
    ("toc_input_02", "input", "Young people's time and knowledge, paid at summer-job rates."),
    ("toc_activity_01", "activity", "Recruit and train 30 digital first-aiders in two schools and the FjordNet forum."),
    ("toc_activity_02", "activity", "Run the back-up line on evenings and weekends with a rota of youth workers."),
    ("toc_activity_03", "activity", "Hold a monthly meeting of police prevention and outreach youth workers, hosted by the coordinator."),
    ("toc_output_01", "output", "30 trained first-aiders; the sticker pack and a guide published."),
    ("toc_output_02", "output", "The back-up line answers within fifteen minutes, 80% of the time."),
    ("toc_outcome_short_01", "outcome_short", "Young bystanders know how to step in and where to get back-up."),
    ("toc_outcome_medium_01", "outcome_medium", "More young people step in or report online hate, and earlier."),
    ("toc_outcome_medium_02", "outcome_medium", "Youth workers and police prevention handle online threats together, lawfully."),
    ("toc_outcome_long_01", "outcome_long", "Group chats and local youth spaces online have norms against hate."),
    ("toc_impact_01", "impact", "Young people in Varnholm feel safe online and offline, and groups in conflict talk rather than threaten."),
    ("toc_assumption_01", "assumption", "Young people trust first-aiders who are peers, not adults."),
    ("toc_assumption_02", "assumption", "Youth workers can be on duty in the evenings within their working-time agreements."),
    ("toc_assumption_03", "assumption", "The schools allow a back-up button in the school app."),
]  # fmt: skip

# (id, name, baseline, target, data source, outcome)
INDICATORS: list[tuple[str, str, str, str, str, str]] = [
    ("ind_01", "Students who say they would step in against hate online", "31% (school survey, February 2026)",
     "50% by spring 2027", "Annual well-being survey at Nordbyen and Sørhavn schools", "toc_outcome_medium_01"),
    ("ind_02", "Days from the first online threat to an adult knowing", "About 14 days (two cases in 2026)",
     "Under 2 days", "Back-up line log, reviewed by the prevention team", "toc_outcome_medium_01"),
    ("ind_03", "Trained first-aiders still active after six months", "0", "25",
     "Outreach team register", "toc_outcome_short_01"),
    ("ind_04", "Joint case reviews by police prevention and youth workers", "0 per term",
     "10 meetings a year with documented joint reviews", "Prevention coordinator's minutes", "toc_outcome_medium_02"),
    ("ind_05", "Young people who feel safe online in Varnholm", "58% (youth survey 2025)", "70% by 2028",
     "Municipal youth survey", "toc_outcome_long_01"),
]  # fmt: skip

# (id, action, objective, lead (a role), timescale, budget, outcome, review date)
ACTIONS: list[tuple[str, str, str, str, str, str, str, dt.date]] = [
    ("ap_01", "Recruit and train the first 30 digital first-aiders.", "Young bystanders step in safely.",
     "Outreach youth work team leader", "April–June 2026", "NOK 180,000 (national grant)",
     "30 trained first-aiders in two schools and the FjordNet forum.", dt.date(2026, 6, 30)),
    ("ap_02", "Set up the back-up line and the evening rota.", "An adult answers within fifteen minutes.",
     "Head of youth services, Department of Culture and Leisure", "May 2026", "NOK 60,000 a year (evening duty)",
     "Back-up line running on Friday and Saturday evenings.", dt.date(2026, 9, 1)),
    ("ap_03", "Start a monthly 'coffee without uniform' between police prevention and outreach youth workers.",
     "Close the gap between police and youth work.", "Prevention coordinator", "From April 2026", "No extra cost",
     "A trusted channel and the first joint case review.", dt.date(2026, 6, 15)),
    ("ap_04", "Write a one-page protocol on lawful information sharing.", "Services share worries lawfully and fast.",
     "Municipal legal adviser, with the police prevention unit lead", "By May 2026", "Staff time",
     "A protocol signed by police, youth work, schools and child welfare.", dt.date(2026, 5, 31)),
    ("ap_05", "Agree a fast-facts routine for incidents involving young people.", "Facts reach young people before rumours.",
     "Head of municipal communications", "By August 2026", "Staff time",
     "A six-hour routine tested in one exercise.", dt.date(2026, 8, 15)),
    ("ap_06", "Give the Youth Council a counter-speech fund.", "Young people lead the response.",
     "Youth Council chair", "From autumn 2026", "NOK 50,000 a year",
     "At least three youth-led counter-speech projects funded.", dt.date(2026, 12, 1)),
    ("ap_07", "Test one dialogue night with the Muslim Council and the Patriots' Association.",
     "Groups in conflict talk rather than threaten.", "Interfaith forum coordinator, with a dialogue facilitator",
     "Autumn 2026", "NOK 20,000", "One facilitated evening and an agreed next step.", dt.date(2026, 11, 15)),
    ("ap_08", "Ask the platform's trust and safety team for a named contact for urgent takedowns.",
     "Threats are removed within hours.", "Police online patrol lead", "Q2 2026", "Staff time",
     "A named contact and an agreed route for urgent cases.", dt.date(2026, 6, 30)),
    ("ap_09", "Share the sprint with the Nordic peer network and plan an evaluation with the research centre.",
     "Learn and let others learn.", "Prevention coordinator", "2026–2027", "NOK 40,000 (evaluation)",
     "An evaluation plan and a case shared with the network.", dt.date(2027, 3, 1)),
]  # fmt: skip


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


class Sessions:
    """One session per participant handle, opened on first use."""

    def __init__(self, store: Store, workshop_id: str) -> None:
        self.store = store
        self.workshop_id = workshop_id
        self._open: dict[str, WorkshopSession] = {}

    def __getitem__(self, handle: str) -> WorkshopSession:
        if handle not in self._open:
            self._open[handle] = self.store.session(self.workshop_id, participant=handle)
        return self._open[handle]


def _build_participants(s: Sessions) -> None:
    for pid, handle, role, sector in PARTICIPANTS:
        s["facilitator"].add("participant", id=pid, handle=handle, role=role, sector=sector)


def _build_actors(s: Sessions) -> None:
    for spec in ACTORS:
        fields = dict(spec)
        by = fields.pop("by")
        name = fields.pop("name")
        s[by].add_actor(name, **fields)
    for tie_id, source, target, tie_type, weight, notes in TIES:
        s["facilitator"].add_tie(source, target, type=tie_type, id=tie_id, weight=float(weight), notes=notes)


def _build_framing(s: Sessions) -> None:
    fac = s["facilitator"]
    fac.update_section("framing", problem_statement=PROBLEM_STATEMENT)
    for characteristic, score, note, by in WICKEDNESS:
        s[by].upsert("wickedness", characteristic, score=score, note=note)
    for order, (note_id, layer, text, by) in enumerate(ICEBERG, start=1):
        s[by].add("iceberg_note", id=note_id, layer=layer, text=text, order=float(order))
    for order, (node_id, kind, text, parent, objective) in enumerate(PROBLEM_TREE, start=1):
        fac.add(
            "problem_node", id=node_id, kind=kind, text=text, parent=parent, objective=objective, order=float(order)
        )
    for chain_id, symptom, whys, by in WHY_CHAINS:
        s[by].add("why_chain", id=chain_id, symptom=symptom, whys=whys)
    for pov_id, group, need, insight, by in POVS:
        s[by].add("pov", id=pov_id, group=group, need=need, insight=insight)
    fac.update_section("framing", selected_pov=SELECTED_POV)
    for hmw_id, text, cluster, by in HMW_NOTES:
        s[by].add("hmw", id=hmw_id, text=text, cluster=cluster)
    for voter, votes in HMW_VOTES.items():
        for vote_id, target, weight in votes:
            s[voter].vote(target, id=vote_id, weight=weight)
    fac.update_section("framing", long_term_goal=LONG_TERM_GOAL)
    for order, (sq_id, text) in enumerate(SPRINT_QUESTIONS, start=1):
        fac.add("sprint_question", id=sq_id, text=text, order=float(order))


def _build_sprint(s: Sessions) -> None:
    fac = s["facilitator"]
    fac.update_section("sprint", template="2-day", start=SPRINT_START)
    for order, (item_id, day, title, phase, minutes, notes) in enumerate(AGENDA, start=1):
        fac.add(
            "agenda_item",
            id=item_id,
            day=day,
            title=title,
            phase=phase,
            duration_min=minutes,
            notes=notes,
            order=float(order),
        )
    fac.update_section("sprint", chosen_hmw=CHOSEN_HMW)
    for idea_id, text, kind, theme, link, by, private, revealed in IDEAS:
        s[by].add_idea(text, id=idea_id, kind=kind, theme=theme, link=link, private=private, revealed=revealed)
    for sketch_id, title, description, panels, by in SKETCHES:
        s[by].add("sketch", id=sketch_id, title=title, description=description, panels=panels)
    for vote_id, voter, target, x, y in HEATMAP:
        s[voter].vote(target, id=vote_id, kind="heatmap", x=x, y=y)
    for voter, votes in IDEA_VOTES.items():
        for vote_id, target in votes:
            s[voter].vote(target, id=vote_id)
    s["city-director"].vote(SUPERVOTE[1], id=SUPERVOTE[0], kind="supervote")
    for target, values in SCORES.items():
        for criterion, value in zip(CRITERIA, values, strict=True):
            fac.add(
                "score",
                id=f"sc_{target}_{criterion}",
                target=target,
                criterion=criterion,
                value=value,
                participant=None,
            )
    s["city-director"].update_section("sprint", chosen_concept=CHOSEN_CONCEPT, decision_rationale=DECISION_RATIONALE)
    for order, (step_id, text, sketch) in enumerate(STORYBOARD, start=1):
        fac.add("storyboard_step", id=step_id, text=text, sketch=sketch, order=float(order))
    fac.update_section("sprint", prototype_description=PROTOTYPE_DESCRIPTION)
    for role_id, role, who, notes in PROTOTYPE_ROLES:
        fac.add("prototype_role", id=role_id, role=role, who=who, notes=notes)
    fac.update_section("sprint", test_plan=TEST_PLAN)
    for finding_id, interview, text, valence, pattern in FINDINGS:
        s["note-taker"].add("finding", id=finding_id, interview=interview, text=text, valence=valence, pattern=pattern)
    for order, (toc_id, level, text) in enumerate(TOC, start=1):
        fac.add("toc", id=toc_id, level=level, text=text, order=float(order))
    for ind_id, name, baseline, target, source, outcome in INDICATORS:
        fac.add(
            "indicator", id=ind_id, name=name, baseline=baseline, target=target, data_source=source, outcome=outcome
        )
    for order, (ap_id, action, objective, lead, timescale, budget, outcome, review) in enumerate(ACTIONS, start=1):
        fac.add(
            "action",
            id=ap_id,
            action=action,
            objective=objective,
            lead=lead,
            timescale=timescale,
            budget=budget,
            outcome=outcome,
            review_date=review,
            order=float(order),
        )


def build(store: Store) -> Workshop:
    """Build the sample workshop in ``store`` and return it."""
    meta = dict(META)
    title, city, country = meta.pop("title"), meta.pop("city"), meta.pop("country")
    wid = store.create_workshop(title, city, country, workshop_id=SAMPLE_WORKSHOP_ID, participant="facilitator", **meta)
    sessions = Sessions(store, wid)
    _build_participants(sessions)
    _build_actors(sessions)
    _build_framing(sessions)
    _build_sprint(sessions)
    return store.load(wid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the synthetic sample workshop bundle.")
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT, help="bundle file to write")
    args = parser.parse_args(argv)
    store = nsc_workshop.open_store("sqlite://")
    try:
        workshop = build(store)
    finally:
        store.close()
    path = write_bundle(workshop, args.output)
    negative = sum(1 for tie in workshop.ties.values() if tie.sign < 0)
    print(
        f"{path}: {len(workshop.actors)} actors, {len(workshop.ties)} ties ({negative} negative), "
        f"{len(workshop.framing.hmw_notes)} HMW notes, {len(workshop.sprint.ideas)} ideas, "
        f"{len(workshop.sprint.sketches)} sketches, {len(workshop.votes)} votes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
