"""Write the invented example teams, data/example-team/da/ and data/example-team/en/.

    .venv/bin/python scripts/make_example_team.py            # (re)write both teams
    .venv/bin/python scripts/make_example_team.py --check    # exit 1 if the shipped files differ from this script

Five invented managers (Anna, Bo, Camilla, Dennis, Emine) on one invented project, the same people and
ratings in both languages, every text in the team's language. Each answer is given through the model's
own setters, as a participant's widget gives it, and each section is then "saved" as the save box saves it:
the notebook's widgets are built on the model and what they show with a value is confirmed
(sections/protocol.py), so the files record what was answered by the course's rule. What a person below does
not set stays unanswered where the widget shows no value for it (a rating still "– ikke vurderet –"); the
course's suggestions they left as shown count as theirs. Some leave things on purpose, so that notebooks 07
and 08 show how that looks: Bo and Dennis kept the course's suggested influence of the partners and did not
get to the anchoring phase, Dennis did not rate the demands nor what each direction needs, nor choose where to
begin; Emine left the activity axis where it starts; Camilla rated a gain 0 and 0 ("not at all"), which counts
as an answer. Every file is marked "invented": true.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from samskabelse.answers import EXAMPLE_TEAMS, answers_payload  # noqa: E402
from samskabelse.course import load_course  # noqa: E402
from samskabelse.sections.directions import DirectionsModel  # noqa: E402
from samskabelse.sections.framing import FramingModel  # noqa: E402
from samskabelse.sections.gains import GainsModel  # noqa: E402
from samskabelse.sections.phases import PhaseReadiness  # noqa: E402
from samskabelse.sections.protocol import mark  # noqa: E402
from samskabelse.sections.timeline import TimelinePlan  # noqa: E402
from samskabelse.sections.typology import TypologyAnswer  # noqa: E402

OWNER = "example:invented"  # no participant ever has this owner, so nobody saves into these files
SAVED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
START = date(2027, 2, 1)

PROJECT = {"da": "Spisefællesskaber for ældre i lokalområderne",
           "en": "Shared meals for older people in the neighbourhoods"}
NAMES = {  # the stakeholders they name, in both languages
    "council": ("Ældre- og Sundhedsudvalget", "Health and Care Committee"),
    "director": ("Direktøren", "The director"),
    "board": ("Direktionen", "The executive board"),
    "finance_committee": ("Økonomiudvalget", "Finance Committee"),
    "finance": ("Økonomi", "Finance"),
    "meals": ("Madservice", "Meal service"),
    "culture": ("Kultur og Fritid", "Culture and Leisure"),
    "staff": ("Aktivitetsmedarbejderne", "Activity staff"),
    "kitchen": ("Køkkenet", "The kitchen"),
    "assessors": ("Visitatorerne", "Needs assessors"),
    "elders": ("Ældreforeningen", "Older people's association"),
    "residents": ("Beboerforeningen", "Residents' association"),
    "volunteers": ("De frivillige", "The volunteers"),
    "grocer": ("Købmanden", "The grocer"),
    "loneliness": ("Mindre ensomhed", "Less loneliness"),
    "learning": ("Medarbejdernes læring", "Staff learning"),
    "meeting": ("Møde i fagudvalget", "Committee meeting"),
    # why they begin where they do (notebook 03)
    "frames": ("Partnerne skal vide, hvad de kan få indflydelse på, før vi inviterer dem.",
               "The partners must know what they can influence before we invite them."),
    "no_backing": ("Uden Økonomiudvalgets opbakning bliver der ingen spisefællesskaber.",
                   "Without the Finance Committee's backing there will be no shared meals."),
    "board_hears": ("Direktionen hører for lidt om, hvad vi lærer undervejs.",
                    "The executive board hears too little about what we learn along the way."),
    "backing_first": ("Opbakning opad er det, resten står på.", "Backing from above is what the rest stands on."),
}
PHASE_STATUS = {"in": "in_place", "un": "under_way", "no": "not_started"}

# Per person: what they answered. A key left out, or None, is not answered.
TEAM = {
    "anna": {
        "name": "Anna",
        "typology": {"initiative": ("public", "clearly"), "activity": ("produce", "mostly")},
        "gains": {"quality": (5, 4), "innovation": (3, 3), "economy": (2, 2), "democracy": (2, 2),
                  "co_ownership": (4, 3), "community": (4, 4)},
        "demands": {"time": 4, "resources": 3, "control": 3, "readiness": 2},
        "phases": ("clarify", {"clarify": "in in un un un", "cocreate": "un un no no no", "anchor": "no no no no"}),
        "attention": {"upward": 4, "across": 2, "downward": 3, "outward": 3},
        "need": {"upward": 4, "across": 3, "downward": 4, "outward": 5},
        "start": ("clarify", "frames", "frames"),
        "stakeholders": {"upward": ["council", "director"], "across": ["meals"], "downward": ["staff"],
                         "outward": ["elders", "residents"]},
        "framing": {"budget": (True, "top_management", "informed"), "time_frame": (True, "manager", "informed"),
                    "legal": (True, "politicians", "informed"), "goals": (True, "politicians", "consulted"),
                    "target_group": (False, "together", "co_decide"), "methods": (False, "together", "co_decide"),
                    "roles": (False, "together", "co_decide"), "success": (False, "together", "co_decide")},
        "timeline": {"weeks": {"clarify": (8, "medium"), "cocreate": (20, "high"), "anchor": (10, "medium")},
                     "committee": "meeting"},
    },
    "bo": {
        "name": "Bo",
        "typology": {"initiative": ("public", "clearly"), "activity": ("produce", "clearly")},
        "gains": {"quality": (3, 3), "innovation": (2, 2), "economy": (5, 2), "democracy": (1, 1),
                  "co_ownership": (3, 2), "community": (2, 3)},
        "demands": {"time": 5, "resources": 4, "control": 2, "readiness": 4},
        "phases": ("clarify", {"clarify": "un no no no un", "cocreate": "no no no no no"}),  # anchoring: not yet
        "attention": {"upward": 5, "across": 3, "downward": 2, "outward": 1},
        "need": {"upward": 5, "across": 4, "downward": 3, "outward": 3},
        "start": ("clarify", "backing", "no_backing"),
        "stakeholders": {"upward": ["finance_committee", "board"], "across": ["finance", "meals"]},
        "framing": {"budget": (True, "top_management", None), "time_frame": (True, "top_management", None),
                    "legal": (True, "politicians", None), "goals": (True, "politicians", None),
                    "target_group": (True, "manager", None), "methods": (False, "manager", None),
                    "roles": (False, "together", None), "success": (False, "together", None)},
        "timeline": {"weeks": {"clarify": (6, "low"), "cocreate": (14, "medium"), "anchor": (8, "low")},
                     "committee": "meeting"},
    },
    "camilla": {
        "name": "Camilla",
        "typology": {"initiative": ("civic", "mostly"), "activity": ("produce", "clearly")},
        "gains": {"quality": (4, 4), "innovation": (3, 2), "economy": (0, 0), "democracy": (4, 3),  # 0: not at all
                  "co_ownership": (5, 4), "community": (5, 5)},
        "own": [("loneliness", 5, 3)],
        "demands": {"time": 3, "resources": 2, "control": 5, "readiness": 2},
        "phases": ("cocreate", {"clarify": "in un un no in", "cocreate": "in in un no un", "anchor": "no no no no"}),
        "attention": {"upward": 1, "across": 2, "downward": 4, "outward": 5},
        "need": {"upward": 4, "across": 3, "downward": 4, "outward": 4},
        "start": ("cocreate", "upward_status", "board_hears"),
        "stakeholders": {"across": ["culture"], "downward": ["staff", "kitchen"],
                         "outward": ["elders", "residents", "volunteers", "grocer"]},
        "framing": {"budget": (True, "top_management", "consulted"), "time_frame": (True, "manager", "informed"),
                    "legal": (True, "politicians", "informed"), "goals": (True, "politicians", "informed"),
                    "target_group": (False, "partners", "full"), "methods": (False, "partners", "full"),
                    "roles": (False, "together", "co_decide"), "success": (False, "together", "co_decide")},
        "timeline": {"weeks": {"clarify": (10, "medium"), "cocreate": (26, "high"), "anchor": (12, "high")},
                     "committee": "meeting"},
    },
    "dennis": {
        "name": "Dennis",
        "typology": {"initiative": ("civic", "clearly"), "activity": ("develop", "mostly")},
        "gains": {"quality": (4, 3), "innovation": (5, 3), "economy": (3, 2), "democracy": (3, 2),
                  "co_ownership": (3, 3), "community": (3, 3)},
        "demands": {},  # not rated
        "phases": ("clarify", {"clarify": "un un in un no", "cocreate": "no no no no no"}),  # anchoring: not yet
        "attention": {"upward": 3, "across": 1, "downward": 3, "outward": 2},  # what each needs: not rated
        # where to begin: not chosen
        "stakeholders": {"upward": ["director"], "downward": ["assessors"], "outward": ["elders"]},
        "framing": {"budget": (True, "top_management", None), "time_frame": (True, "manager", None),
                    "legal": (True, "politicians", None), "goals": (True, "politicians", None),
                    "target_group": (False, "manager", None), "methods": (False, "together", None),
                    "roles": (False, "together", None), "success": (True, "manager", None)},
        "timeline": {"weeks": {"clarify": (8, "medium"), "cocreate": (18, "high"), "anchor": (10, "medium")}},
    },
    "emine": {
        "name": "Emine",
        "typology": {"initiative": ("public", "mostly")},  # the other axis left where it starts
        "gains": {"quality": (4, 4), "innovation": (3, 3), "economy": (3, 3), "democracy": (3, 2),
                  "co_ownership": (5, 4), "community": (4, 3)},
        "own": [("learning", 3, 3)],
        "demands": {"time": 3, "resources": 3, "control": 4, "readiness": 3},
        "phases": ("clarify", {"clarify": "in un in un un", "cocreate": "un un no no no", "anchor": "no no no no"}),
        "attention": {"upward": 3, "across": 4, "downward": 3, "outward": 3},
        "need": {"upward": 4, "across": 3, "downward": 4, "outward": 4},
        "start": ("clarify", "backing", "backing_first"),
        "stakeholders": {"upward": ["council"], "across": ["meals", "culture"], "downward": ["staff"],
                         "outward": ["residents"]},
        "framing": {"budget": (True, "top_management", "informed"), "time_frame": (True, "manager", "informed"),
                    "legal": (True, "politicians", "informed"), "goals": (True, "politicians", "informed"),
                    "target_group": (False, "together", "co_decide"), "methods": (False, "together", "co_decide"),
                    "roles": (False, "together", "co_decide"), "success": (False, "together", "co_decide")},
        "timeline": {"weeks": {"clarify": (8, "medium"), "cocreate": (22, "high"), "anchor": (10, "medium")},
                     "committee": "meeting"},
    },
}


def text(key: str, lang: str) -> str:
    return NAMES[key][0 if lang == "da" else 1]


def person_sections(person: dict, course) -> dict:
    lang = course.language
    typology = TypologyAnswer(initiative=course.typology.initiative.low.id, activity=course.typology.activity.low.id)
    for axis, (pole, strength) in person["typology"].items():
        typology.set_axis(axis, pole, strength, course)
    typology.set_project(PROJECT[lang])

    gains = GainsModel.for_course(course)
    for gid, (importance, likelihood) in person["gains"].items():
        gains.rate(gid, importance=importance, likelihood=likelihood)
    for did, value in person["demands"].items():
        gains.set_demand(did, value)
    if person.get("own"):
        gains.set_own([(text(k, lang), i, lik) for k, i, lik in person["own"]], course)

    current, marked = person["phases"]
    phases = PhaseReadiness.new(course)
    for ph in course.phases:
        for point, status in zip([f.id for f in ph.focus_points], (marked.get(ph.id) or "").split(), strict=False):
            phases.set(ph.id, point, PHASE_STATUS[status], course)
    phases.choose(current, course)
    if person.get("start"):
        phase, point, reason = person["start"]
        phases.choose_start(phase, point, course)
        phases.set_start_reason(text(reason, lang))

    directions = DirectionsModel.for_course(course)
    for d, value in person["attention"].items():
        directions.set_attention(d, value)
    for d, value in person.get("need", {}).items():
        directions.set_need(d, value)
    for d, keys in person["stakeholders"].items():
        directions.set_stakeholders(d, [text(k, lang) for k in keys])

    framing = FramingModel.for_course(course)
    for element, (fixed, decider, influence) in person["framing"].items():
        framing.set_fixed(element, fixed)
        framing.set_decider(element, decider)
        if influence is not None:
            framing.set_influence(element, influence)

    timeline = TimelinePlan.from_course(course, START)
    timeline.project = PROJECT[lang]
    mark(timeline, "project")
    mark(timeline, "start")
    for est in timeline.phases:
        weeks, level = person["timeline"]["weeks"][est.phase]
        est.weeks, est.uncertainty = float(weeks), level
        mark(timeline, "phases", est.phase, "weeks")
        mark(timeline, "phases", est.phase, "uncertainty")
    for d in timeline.deadlines:
        if d.id in person["timeline"]:
            d.name = text(person["timeline"][d.id], lang)
            mark(timeline, "deadlines", d.id, "name")
    sections = {"typology": typology, "gains": gains, "phases": phases, "directions": directions,
                "framing": framing, "timeline": timeline}
    saved_as_shown(sections, course)
    return sections


def saved_as_shown(sections: dict, course) -> None:
    """What the save box does: build each notebook's widgets on its model and confirm what they show."""
    from samskabelse.sections import section
    from samskabelse.sections.protocol import confirm, shown_items

    for name in list(sections):
        sections[name] = section(name).screen(course, sections[name])[0].model  # 06 works on its own copy
    for model in sections.values():
        confirm(model, shown_items(model))


def team_files(lang: str) -> dict[str, str]:
    """File name -> contents, for the team in `lang`."""
    course = load_course(lang)
    out = {}
    for i, (stem, person) in enumerate(TEAM.items()):
        payload = answers_payload(person["name"], course, person_sections(person, course), owner=OWNER,
                                  invented=True, now=SAVED + timedelta(minutes=7 * i))
        out[f"{stem}.json"] = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    differ = []
    for lang, folder in EXAMPLE_TEAMS.items():
        files = team_files(lang)
        if check:
            shipped = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.json")}
            differ += [f"{folder / n}" for n in sorted(set(files) | set(shipped)) if files.get(n) != shipped.get(n)]
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            if old.name not in files:
                old.unlink()
        for name, content in files.items():
            (folder / name).write_text(content, encoding="utf-8")
        print(f"wrote {len(files)} files to {folder.relative_to(ROOT)}")
    if differ:
        print("differ from scripts/make_example_team.py (run it to update them):\n  " + "\n  ".join(differ))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
