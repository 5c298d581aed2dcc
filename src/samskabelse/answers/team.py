"""A team's answers side by side (notebook 08), and where the team disagrees most, as discussion questions.

    team = team_answers(course)          # the shipped, invented example team; type another folder in the box
    team.questions_shown()               # the discussion questions now shown (the slider sets how many)

The answers are each participant's saved file (answers.py), restored with each section's own model, so
that every number here is the one the participant's notebook showed. How far apart the answers are is
the course's working model: the range of the answers on each item's own scale, from 0 (all agree) to 1
(as far apart as the scale allows). It points at what to talk about; it is not a measure of anything else.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from samskabelse.widgets.access import alt_html, mark_widget
from samskabelse.answers import LoadedAnswers, display_labels, example_team, load_team
from samskabelse.course import REPO_ROOT, Course
from samskabelse.widgets.display import user_text
from samskabelse.widgets.figures import MAX_WIDTH, PALETTE, SERIES, LiveFigure, new_figure
from samskabelse.widgets.guard import ErrorBoundary
from samskabelse.base.i18n import Texts, join_names
from samskabelse.sections.protocol import any_answered, not_answered

TEAM_ENV_VAR = "SAMSKABELSE_TEAM"
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
DEFAULT_QUESTIONS = 3

TEXT = Texts(
    da={
        "folder": "Mappe med holdets svar",
        "load": "Indlæs",
        "example": "Det opdigtede eksempelhold",
        "loaded": "{n} deltagere fra <code>{folder}</code>: {names}.",
        "invented": "<b>Opdigtet eksempel:</b> personerne og svarene er opdigtet til træning. Skriv mappen med "
        "jeres egne svarfiler i feltet, og tryk <b>Indlæs</b>.",
        "problems": "Nogle filer kunne ikke læses (resten af holdet vises):",
        "notes": "Bemærkninger til svarene (punkter er matchet efter id):",
        "none": "Ingen svar at vise endnu. Bed deltagerne gemme deres svar (gem-boksen i hver notebook), og læg "
        "filerne i én mappe.",
        "missing": "{names} har ikke svaret på dette endnu.",
        "questions_slider": "Spørgsmål",
        "questions_head": "Spørgsmål til drøftelsen – hvor I er mest uenige",
        "no_questions": "Holdet er enigt om alt, der er svaret på – eller kun én har svaret. Spørg, om der er "
        "noget, I er enige om for hurtigt.",
        "out_of": "{v} ud af 5",
        # sections
        "h_type": "Hvilken type samskabelse?",
        "h_gains": "Gevinster: hvor vigtige?",
        "h_demands": "Hvad det kræver",
        "h_phases": "Fasernes fokuspunkter: hvor langt er I?",
        "h_directions": "Opmærksomhed i de fire retninger",
        "h_stakeholders": "Nøgleinteressenter, som deltagerne har nævnt",
        "h_framing": "Rammer: faste eller elastik, og partnernes indflydelse",
        "h_timeline": "Tidsplaner",
        "nobody": "Ingen på holdet har svaret i notebook {notebooks} (eller de tilsvarende arbejdsark) endnu; de "
                  "afsnit er ikke vist.",
        "person": "Deltager", "col_phase": "Fase", "col_focus": "Fokuspunkt", "col_direction": "Retning",
        "col_element": "Rammeelement",
        "fixed": "Fast", "elastic": "Elastik", "deciders": "Hvem bestemmer", "influence": "Partnernes indflydelse",
        "planned": "Planlagt slut", "weeks": "Uger i alt", "q": "Færdig senest ({q} %)",
                "fig_gains": "Hvor vigtig er gevinsten? (0–5)",
        "fig_directions": "Opmærksomhed nu (0–5)",
        "fig_phases": "Parathed pr. fase (%)",
        "fig_timeline": "Uger til slut: planlagt og færdig senest ({q} %)",
        "fig_mean": "Holdets gennemsnit",
        "fig_alt": "Figur i fire dele med holdets {n} deltagere ({names}), én markør pr. person og holdets "
                   "gennemsnit: hvor vigtige gevinsterne er, opmærksomheden i hver ledelsesretning, hvor mange "
                   "fokuspunkter der er på plads i hver fase, og uger til slut i hver tidsplan. Tallene står i "
                   "tabellerne under figuren.",
        "fig_planned": "planlagt",
        # questions
        "q_gains": "Hvor vigtig er gevinsten »{item}«? {high} gav {hi}, {low} gav {lo}. Hvad ser I hver især?",
        "q_demands": "Hvor tungt vejer kravet »{item}«? {high} sagde {hi}, {low} sagde {lo}. Hvad ved I hver "
        "især om det?",
        "q_typology": "Hvilken type samskabelse er projektet? {groups}. Hvem tager initiativet, og hvad gør I "
        "sammen?",
        "q_phases": "Hvor langt er I med »{item}«? {Hi}: {high}. {Lo}: {low}. Hvad ved I, som de andre ikke ved?",
        "q_directions": "Hvor meget opmærksomhed får ledelsen {item}? {high} gav {hi}, {low} gav {lo}. Hvad skal "
        "der til?",
        "q_fixed": "Ligger »{item}« fast, eller er der elastik? Fast: {fixed}. Elastik: {elastic}. Hvad siger I "
        "til partnerne?",
        "q_influence": "Hvor meget må partnerne bestemme over »{item}«? {Hi}: {high}. {Lo}: {low}. Hvor går "
        "grænsen?",
        "q_timeline": "Hvor lang tid tager projektet? {high} har planlagt {hi} uger, {low} {lo} uger. Hvad "
        "regner I hver især med tager tid?",
        "weeks_n": "{n}",
        "basis": "Hvor langt fra hinanden svarene er, er kursets arbejdsmodel: svarenes spænd på punktets egen "
        "skala. Det peger på, hvad I kan tale om – det måler ikke andet.",
    },
    en={
        "folder": "Folder with the team's answers",
        "load": "Load",
        "example": "The invented example team",
        "loaded": "{n} participants from <code>{folder}</code>: {names}.",
        "invented": "<b>Invented example:</b> the people and their answers are invented for training. Type the "
        "folder with your own answer files in the field, and press <b>Load</b>.",
        "problems": "Some files could not be read (the rest of the team is shown):",
        "notes": "Notes on the answers (items are matched by id):",
        "none": "No answers to show yet. Ask the participants to save their answers (the save box in each "
        "notebook), and put the files in one folder.",
        "missing": "{names} has not answered this yet.",
        "questions_slider": "Questions",
        "questions_head": "Questions for the discussion – where you disagree most",
        "no_questions": "The team agrees on everything answered so far – or only one person has answered. Ask "
        "whether there is anything you agree on too quickly.",
        "out_of": "{v} out of 5",
        "h_type": "Which type of co-creation?",
        "h_gains": "Gains: how important?",
        "h_demands": "What it demands",
        "h_phases": "The phases' focus points: how far have you come?",
        "h_directions": "Attention in the four directions",
        "h_stakeholders": "Key stakeholders the participants named",
        "h_framing": "Boundaries: fixed or elastic, and the partners' influence",
        "h_timeline": "Timelines",
        "nobody": "No one on the team has answered notebook {notebooks} (or the matching workbooks) yet; those "
                  "sections are not shown.",
        "person": "Participant", "col_phase": "Phase", "col_focus": "Focus point", "col_direction": "Direction",
        "col_element": "Frame element",
        "fixed": "Fixed", "elastic": "Elastic", "deciders": "Who decides", "influence": "The partners' influence",
        "planned": "Planned finish", "weeks": "Weeks in all", "q": "Finished by ({q}%)",
                "fig_gains": "How important is the gain? (0–5)",
        "fig_directions": "Attention now (0–5)",
        "fig_phases": "Readiness per phase (%)",
        "fig_timeline": "Weeks to finish: planned and finished by ({q}%)",
        "fig_mean": "The team's mean",
        "fig_alt": "Figure in four parts with the team's {n} participants ({names}), one marker per person and the "
                   "team's mean: how important the gains are, the attention in each leadership direction, how many "
                   "focus points are in place in each phase, and the weeks to finish in each timeline. The numbers "
                   "are in the tables below the figure.",
        "fig_planned": "planned",
        "q_gains": "How important is the gain “{item}”? {high} gave it {hi}, {low} gave it {lo}. What does each "
        "of you see?",
        "q_demands": "How heavy is the demand “{item}”? {high} said {hi}, {low} said {lo}. What does each of "
        "you know about it?",
        "q_typology": "Which type of co-creation is the project? {groups}. Who takes the initiative, and what do "
        "you do together?",
        "q_phases": "How far have you come with “{item}”? {Hi}: {high}. {Lo}: {low}. What do you know that the "
        "others do not?",
        "q_directions": "How much attention does leading {item} get? {high} gave it {hi}, {low} gave it {lo}. "
        "What would it take?",
        "q_fixed": "Is “{item}” fixed, or is there elastic room? Fixed: {fixed}. Elastic: {elastic}. What do you "
        "tell the partners?",
        "q_influence": "How much may the partners decide about “{item}”? {Hi}: {high}. {Lo}: {low}. Where is the "
        "line?",
        "q_timeline": "How long will the project take? {high} planned {hi} weeks, {low} {lo} weeks. What does "
        "each of you expect to take time?",
        "weeks_n": "{n}",
        "basis": "How far apart the answers are is the course's working model: the range of the answers on the "
        "item's own scale. It points at what to talk about – it measures nothing else.",
    },
)


# ---------------------------------------------------------------------------------------------
# Where the team disagrees
@dataclass(frozen=True)
class Disagreement:
    section: str  # the answers section: gains, typology, phases, directions, framing, timeline
    item: str  # the item's id within the section (a gain id, "point:phase.focus", ...)
    score: float  # 0 (all agree) to 1 (as far apart as the scale allows)
    question: str  # the discussion question, HTML-safe (names are escaped)


def _names(members: list[LoadedAnswers], lang: str) -> str:
    return join_names([user_text(m.label, 40, "?") for m in members], lang)


def _spread(course: Course, section: str, item: str, key: str, values, scale: float, show) -> Disagreement | None:
    """A disagreement from numeric answers (a mapping, or (person, value) pairs): top against bottom."""
    pairs = list(values.items()) if isinstance(values, dict) else list(values)
    if len(pairs) < 2:
        return None
    hi, lo = max(v for _, v in pairs), min(v for _, v in pairs)
    if hi == lo:
        return None
    t = TEXT[course.language]
    high = [m for m, v in pairs if v == hi]
    low = [m for m, v in pairs if v == lo]
    hi_text, lo_text = show(hi), show(lo)
    question = t[key].format(item=user_text(item_name(course, section, item), 120),
                             high=_names(high, course.language), low=_names(low, course.language),
                             hi=hi_text, lo=lo_text, Hi=hi_text[:1].upper() + hi_text[1:],
                             Lo=lo_text[:1].upper() + lo_text[1:])
    return Disagreement(section, item, min(1.0, (hi - lo) / scale), question)


def item_name(course: Course, section: str, item: str) -> str:
    if section == "gains" or section == "demands":
        return course.by_id(section, item).name
    if section == "phases":
        phase, point = item.split(".", 1)
        return next(f.text for f in course.by_id("phases", phase).focus_points if f.id == point)
    if section == "directions":
        from samskabelse.sections.directions import TEXT as DIRECTIONS_TEXT

        return DIRECTIONS_TEXT[course.language]["where"].get(item, course.by_id("directions", item).name)
    if section in ("framing", "influence"):
        return course.by_id("frame_elements", item).name
    return item


def with_section(team: list[LoadedAnswers], section: str) -> list[LoadedAnswers]:
    """The members who answered something in the section (a section saved untouched is not answered)."""
    return [m for m in team if section in m.models and any_answered(m.models[section])]


def gains_members(team: list[LoadedAnswers], course: Course):
    """The team as notebook 02's comparison (gains_team.Member) sees it: who weighed which gains and demands."""
    from samskabelse.sections.gains import GainsModel
    from samskabelse.answers.compare import Member, answered_ids

    out = []
    for m in team:
        model = m.models.get("gains")
        if not isinstance(model, GainsModel):
            continue
        gains, demands = answered_ids(model, course)
        out.append(Member(name=m.name, label=m.label, model=model, gains=gains, demands=demands,
                          file=m.path.name, invented=m.invented))
    return out


def disagreements(team: list[LoadedAnswers], course: Course) -> list[Disagreement]:
    """Every item the team answered differently, largest spread first (course order among equals)."""
    t = TEXT[course.language]
    lang = course.language
    out: list[Disagreement] = []

    def out_of(v):
        return t["out_of"].format(v=v)

    def add(found):
        if found is not None:
            out.append(found)

    # Gains and demands as notebook 02's team comparison reads them (a gain left unweighed is left out).
    from samskabelse.answers.compare import demand_spreads, gain_spreads

    members = gains_members(team, course)
    for s in gain_spreads(members, course, "importance"):
        add(_spread(course, "gains", s.key, "q_gains", s.values, 5, lambda v: out_of(int(v))))
    for s in demand_spreads(members, course):
        add(_spread(course, "demands", s.key, "q_demands", s.values, 5, lambda v: out_of(int(v))))

    typed = [m for m in with_section(team, "typology") if m.models["typology"].placed()]
    if len(typed) >= 2:
        kinds = {m: m.models["typology"].type_of(course) for m in typed}
        counts = Counter(k.id for k in kinds.values())
        if len(counts) > 1:
            n = len(typed)
            score = (1 - max(counts.values()) / n) * n / (n - 1)
            groups = "; ".join(f"{_names([m for m, k in kinds.items() if k.id == kid], lang)}: "
                               f"{user_text(course.by_id('types', kid).name, 60)}" for kid, _ in counts.most_common())
            out.append(Disagreement("typology", "type", min(1.0, score), t["q_typology"].format(groups=groups)))

    from samskabelse.sections.phases import SCORE
    from samskabelse.sections.phases import TEXT as PHASES_TEXT

    status_names = PHASES_TEXT[lang]
    phased = with_section(team, "phases")
    for ph in course.phases:
        for f in ph.focus_points:
            statuses = {m: s for m in phased if (s := m.models["phases"].answered_status(ph.id, f.id)) is not None}
            values = {m: SCORE[s] for m, s in statuses.items()}
            name_of = {SCORE[s]: status_names[s].lower() for s in statuses.values()}
            add(_spread(course, "phases", f"{ph.id}.{f.id}", "q_phases", values, 1.0, lambda v, n=name_of: n[v]))

    directed = with_section(team, "directions")
    for d in course.directions:
        add(_spread(course, "directions", d.id, "q_directions",
                    {m: v for m in directed if (v := m.models["directions"].answered_attention(d.id)) is not None},
                    5, out_of))

    framed = with_section(team, "framing")
    levels = [lv.id for lv in course.framing.influence_levels]
    level_names = {lv.id: lv.name.lower() for lv in course.framing.influence_levels}
    for e in course.framing.frame_elements:
        answered = [m for m in framed if m.models["framing"].answer("fixed", e.id) is not None]
        if len(answered) >= 2:
            fixed = [m for m in answered if m.models["framing"].fixed[e.id]]
            elastic = [m for m in answered if not m.models["framing"].fixed[e.id]]
            if fixed and elastic:
                score = 2 * min(len(fixed), len(elastic)) / len(answered)
                out.append(Disagreement("framing", e.id, min(1.0, score), t["q_fixed"].format(
                    item=user_text(e.name, 90), fixed=_names(fixed, lang), elastic=_names(elastic, lang))))
        values = {m: levels.index(m.models["framing"].influence[e.id]) for m in framed
                  if m.models["framing"].answer("influence", e.id) in levels}
        add(_spread(course, "influence", e.id, "q_influence", values, max(1, len(levels) - 1),
                    lambda v: level_names[levels[v]]))

    planned = with_section(team, "timeline")
    totals = {m: round(sum(p.weeks for p in m.models["timeline"].phases)) for m in planned}
    if totals and max(totals.values()) > 0:
        add(_spread(course, "timeline", "total", "q_timeline", totals, max(totals.values()),
                    lambda v: t["weeks_n"].format(n=v)))

    order = {id(d): i for i, d in enumerate(out)}
    return sorted(out, key=lambda d: (-d.score, order[id(d)]))


def discussion_questions(team: list[LoadedAnswers], course: Course, n: int = DEFAULT_QUESTIONS) -> list[Disagreement]:
    """The n largest disagreements, taking each section's largest first so that the questions cover the course."""
    found = disagreements(team, course)
    by_section: dict[str, list[Disagreement]] = {}
    for d in found:
        by_section.setdefault(d.section, []).append(d)
    rounds: list[Disagreement] = []
    depth = 0
    while len(rounds) < len(found):
        layer = [items[depth] for items in by_section.values() if len(items) > depth]
        rounds += sorted(layer, key=lambda d: -d.score)
        depth += 1
    return rounds[:n]


# ---------------------------------------------------------------------------------------------
# Side by side
def _table(head: list[str], rows: list[list[str]], css: str) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table class='samskabelse-team-table {css}'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _missing(team: list[LoadedAnswers], section: str, lang: str) -> str:
    answered = set(map(id, with_section(team, section)))
    lacking = [m for m in team if id(m) not in answered]
    return f"<p><i>{TEXT[lang]['missing'].format(names=_names(lacking, lang))}</i></p>" if lacking else ""


# The heading of each table -> the answers section it shows (a section nobody answered is not shown).
SECTION_OF = {"h_type": "typology", "h_gains": "gains", "h_demands": "gains", "h_phases": "phases",
              "h_directions": "directions", "h_stakeholders": "directions", "h_framing": "framing",
              "h_timeline": "timeline"}


def side_by_side_html(team: list[LoadedAnswers], course: Course) -> str:
    """Every section someone answered as a table (names escaped); the sections nobody answered named in one line."""
    t = TEXT[course.language]
    answered = {section for m in team for section in m.models}
    section_of = {f"<h4>{t[key]}</h4>": section for key, section in SECTION_OF.items()}
    chunks = re.split(r"(?=<h4>)", _all_sections_html(team, course))
    kept = [c for c in chunks if section_of.get(c[: c.find("</h4>") + 5], "") in answered | {""}]
    hidden = [NOTEBOOK_OF[sec] for sec in dict.fromkeys(section_of[c[: c.find("</h4>") + 5]] for c in chunks
                                                         if c not in kept)]
    if hidden and team:
        kept.append(f"<p><i>{t['nobody'].format(notebooks=join_names(hidden, course.language))}</i></p>")
    return "".join(kept)


NOTEBOOK_OF = {"typology": "01", "gains": "02", "phases": "03", "directions": "04", "framing": "05",
               "timeline": "06"}


def _all_sections_html(team: list[LoadedAnswers], course: Course) -> str:
    """Every section as a table, one row per participant (or per item), names escaped."""
    from samskabelse.sections.phases import TEXT as PHASES_TEXT

    t = TEXT[course.language]
    lang = course.language
    parts = []
    unanswered = f"<i>{not_answered(lang)}</i>"  # an item a participant left untouched: never shown as a choice

    def shown(value) -> str:
        return unanswered if value is None else user_text(str(value), 80)

    typed = with_section(team, "typology")
    parts.append(f"<h4>{t['h_type']}</h4>")
    parts.append(_table([t["person"], t["h_type"]],
                        [[user_text(m.label, 40), shown(m.models["typology"].type_of(course).name
                                                        if m.models["typology"].placed() else None)]
                         for m in typed], "samskabelse-team-typology") + _missing(team, "typology", lang))

    gains = with_section(team, "gains")
    parts.append(f"<h4>{t['h_gains']}</h4>")
    head = [t["person"], *[user_text(g.name, 40) for g in course.gains]]
    parts.append(_table(head, [[user_text(m.label, 40), *[shown(m.models["gains"].rating(g.id, "importance"))
                                                          for g in course.gains]] for m in gains],
                        "samskabelse-team-gains"))
    own = [(m, o) for m in gains for o in m.models["gains"].own]
    if own:
        label = user_text(course.own_gains_label, 60)
        parts.append("<p>" + label + ": " + "; ".join(
            f"{user_text(m.label, 40)}: {user_text(o.name, 40)} ({o.importance})" for m, o in own) + "</p>")
    parts.append(f"<h4>{t['h_demands']}</h4>")
    parts.append(_table([t["person"], *[user_text(d.name, 40) for d in course.demands]],
                        [[user_text(m.label, 40), *[shown(m.models["gains"].demand(d.id))
                                                     for d in course.demands]] for m in gains],
                        "samskabelse-team-demands") + _missing(team, "gains", lang))

    phased = with_section(team, "phases")
    parts.append(f"<h4>{t['h_phases']}</h4>")
    status_names = PHASES_TEXT[lang]
    rows = []
    for ph in course.phases:
        for f in ph.focus_points:
            rows.append([f"{ph.number}. {user_text(ph.name, 40)}", user_text(f.text, 110),
                         *[shown(status_names[s] if (s := m.models["phases"].answered_status(ph.id, f.id)) else None)
                           for m in phased]])
    parts.append(_table([t["col_phase"], t["col_focus"], *[user_text(m.label, 30) for m in phased]], rows,
                        "samskabelse-team-phases")
                 + _missing(team, "phases", lang))

    directed = with_section(team, "directions")
    parts.append(f"<h4>{t['h_directions']}</h4>")
    parts.append(_table([t["person"], *[user_text(d.name, 30) for d in course.directions]],
                        [[user_text(m.label, 40), *[shown(m.models["directions"].answered_attention(d.id))
                                                    for d in course.directions]] for m in directed],
                        "samskabelse-team-directions"))
    parts.append(f"<h4>{t['h_stakeholders']}</h4>")
    rows = []
    for d in course.directions:
        named: dict[str, list[str]] = {}
        for m in directed:
            for name in m.models["directions"].stakeholders.get(d.id, []):
                named.setdefault(" ".join(name.split()).casefold(), []).append(name)
        rows.append([user_text(d.name, 30), ", ".join(
            f"{user_text(v[0], 50)}{' ×' + str(len(v)) if len(v) > 1 else ''}" for v in named.values()) or "–"])
    parts.append(_table([t["col_direction"], t["h_stakeholders"]], rows, "samskabelse-team-stakeholders")
                 + _missing(team, "directions", lang))

    framed = with_section(team, "framing")
    parts.append(f"<h4>{t['h_framing']}</h4>")
    decider_names = {d.id: d.name for d in course.framing.deciders}
    level_names = {lv.id: lv.name for lv in course.framing.influence_levels}
    rows = []
    def counted(what: str, element: str, names: dict) -> str:
        answers = Counter(m.models["framing"].answer(what, element) for m in framed)
        parts = [f"{user_text(names.get(k, k), 40)} ({v})" for k, v in answers.most_common() if k is not None]
        if answers[None]:
            parts.append(f"{unanswered} ({answers[None]})")
        return ", ".join(parts) or "–"

    for e in course.framing.frame_elements:
        fixed = Counter(m.models["framing"].answer("fixed", e.id) for m in framed)
        rows.append([user_text(e.name, 40), str(fixed[True]), str(fixed[False]), str(fixed[None]),
                     counted("decider", e.id, decider_names), counted("influence", e.id, level_names)])
    parts.append(_table([t["col_element"], t["fixed"], t["elastic"], not_answered(lang).capitalize(), t["deciders"],
                         t["influence"]], rows, "samskabelse-team-framing") + _missing(team, "framing", lang))

    parts.append(f"<h4>{t['h_timeline']}</h4>")
    parts.append(timeline_table(team, course) + _missing(team, "timeline", lang))
    return "".join(parts)


def team_forecasts(team: list[LoadedAnswers], course: Course) -> dict[int, object]:
    """Each participant's timeline simulated as in notebook 06 (keyed by position in `team`)."""
    from samskabelse.sections.timeline import forecast

    out = {}
    for i, m in enumerate(team):
        plan = m.models.get("timeline")
        if plan is not None and any_answered(plan) and not plan.problems(course):
            out[i] = forecast(plan, course.language)
    return out


def timeline_table(team: list[LoadedAnswers], course: Course) -> str:
    from samskabelse.sections.timeline import format_date

    t = TEXT[course.language]
    forecasts = team_forecasts(team, course)
    qs = next(iter(forecasts.values())).percentiles if forecasts else ()
    rows = []
    for i, m in enumerate(team):
        if i not in forecasts:
            continue
        f = forecasts[i]
        rows.append([user_text(m.label, 40), format_date(f.planned_finish, course.language),
                     *[format_date(f.finish_date(q), course.language) for q in qs],
                     str(round(f.planned_total))])
    return _table([t["person"], t["planned"], *[t["q"].format(q=q) for q in qs], t["weeks"]], rows,
                  "samskabelse-team-timeline")


# ---------------------------------------------------------------------------------------------
# The figure: four panels, one marker shape and colour per participant
def _figure_name(text: str, max_chars: int = 26) -> str:
    from samskabelse.sections.gains import figure_text

    return figure_text(text, max_chars)


def _members_by_position(team: list[LoadedAnswers], course: Course) -> list:
    """gains_members, aligned with `team` (None for someone without a gains section)."""
    members = iter(gains_members(team, course))
    return [next(members) if "gains" in m.models else None for m in team]


FIGURE_WIDTH = MAX_WIDTH  # inches at 100 dpi: fits JupyterLab's and Voilà's output area at 1366 px without shrinking
MARKER_AREA = 70  # points², each participant's marker


def _spread_out(ax, values: dict[int, float], row: int, dpi: float) -> dict[int, tuple[float, float]]:
    """Where each participant's marker goes in a row: people with the same value side by side, a marker's width
    apart, in a column as far as the row allows and then in more columns, so that every marker shows whole."""
    (x0, y0), (x1, y1) = ax.transData.transform([(0, 0), (1, 1)])
    size_px = math.sqrt(MARKER_AREA) * dpi / 72 + 3
    dy, dx = size_px / abs(y1 - y0), size_px / abs(x1 - x0)
    per_column = max(1, int(0.7 / dy))
    groups: dict[float, list[int]] = {}
    for i, v in values.items():
        groups.setdefault(v, []).append(i)
    out = {}
    for v, group in groups.items():
        columns = -(-len(group) // per_column)
        in_column = min(len(group), per_column)
        for j, i in enumerate(group):
            out[i] = (v + dx * (j // per_column - (columns - 1) / 2), row + dy * (j % per_column - (in_column - 1) / 2))
    return out


def draw_team_figure(team: list[LoadedAnswers], course: Course):
    """Gains, directions, phase readiness and timelines, one marker per participant, and the team's mean.

    The four panels are stacked at the output area's width (a figure wider than the output area would be
    shrunk, and its text with it, below what a projector needs); people with the same value are set side by
    side; the mean is drawn over the markers, thinner than they are, so that neither hides the other."""
    from matplotlib.lines import Line2D

    t = TEXT[course.language]
    forecasts = team_forecasts(team, course)
    sizes = [len(course.gains), len(course.directions), len(course.phases), max(1, len(forecasts))]
    fig = new_figure(FIGURE_WIDTH, 2.2 + 0.52 * sum(sizes) + 0.35 * (len(team) // 3 + 1))
    axes = fig.subplots(4, 1, height_ratios=[n + 0.9 for n in sizes])
    # colour and marker cycle with different periods: 64 participants before a combination repeats
    style = {i: (SERIES[i % len(SERIES)], MARKERS[(i + i // len(SERIES)) % len(MARKERS)]) for i in range(len(team))}
    legend = display_labels(team, shortened=18)  # names as short as the legend needs, never two alike
    panels = []

    def dots(ax, labels, value_of, section, scale_max, title):
        answered = set(map(id, with_section(team, section)))
        members = [(i, m) for i, m in enumerate(team) if id(m) in answered]
        ys = range(len(labels))
        series = {i: ax.scatter([], [], s=MARKER_AREA, color=style[i][0], marker=style[i][1], edgecolor="black",
                                linewidth=0.6, zorder=3, label=_figure_name(legend[m], 40)) for i, m in members}
        for y in ys:
            values = [v for _, m in members if (v := value_of(m, y)) is not None]
            if values:
                mean = sum(values) / len(values)
                ax.plot([mean, mean], [y - 0.38, y + 0.38], color=PALETTE["black"], linewidth=2.5, zorder=4)
                ax.plot([min(values), max(values)], [y, y], color=PALETTE["grey"], linewidth=1.5, zorder=2)
        ax.set_yticks(list(ys), [_figure_name(label) for label in labels])
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xlim(-0.3 if scale_max == 5 else -5, scale_max + (0.3 if scale_max == 5 else 5))
        ax.set_title(title, loc="left")
        ax.grid(axis="x", alpha=0.3)
        panels.append((ax, members, series, value_of, ys))

    gains = course.gains
    as_member = {id(m): g for m, g in zip(team, _members_by_position(team, course), strict=True)}
    dots(axes[0], [g.name for g in gains],
         lambda m, k: as_member[id(m)].value(gains[k].id, "importance") if as_member[id(m)] else None,
         "gains", 5, t["fig_gains"])
    dirs = course.directions
    dots(axes[1], [d.name for d in dirs], lambda m, k: m.models["directions"].answered_attention(dirs[k].id),
         "directions", 5, t["fig_directions"])
    phases = course.phases
    dots(axes[2], [f"{p.number}. {p.name}" for p in phases],
         lambda m, k: m.models["phases"].answered_readiness(course)[phases[k].id], "phases", 100, t["fig_phases"])

    ax = axes[3]
    q = max(next(iter(forecasts.values())).percentiles) if forecasts else 85
    right = max([f.finish_weeks(q) for f in forecasts.values()], default=10)
    for row, (i, f) in enumerate(forecasts.items()):
        colour, marker = style[i]
        ax.barh(row, f.planned_total, color=colour, edgecolor="black", height=0.55, hatch=["", "//", ".."][row % 3])
        ax.plot([f.planned_total, f.finish_weeks(q)], [row, row], color=PALETTE["black"], linewidth=2)
        ax.scatter([f.finish_weeks(q)], [row], marker=marker, s=80, color=colour, edgecolor="black", zorder=3)
        ax.text(f.finish_weeks(q) + right * 0.04, row, f"{round(f.planned_total)} → {round(f.finish_weeks(q))}",
                va="center", fontsize=12)
    ax.set_yticks(range(len(forecasts)), [_figure_name(legend[team[i]], 40) for i in forecasts])
    ax.set_ylim(max(1, len(forecasts)) - 0.5, -0.5)
    ax.set_xlim(0, right * 1.3 + 2)
    ax.set_title(t["fig_timeline"].format(q=q), loc="left")
    ax.grid(axis="x", alpha=0.3)

    handles, labels = axes[0].get_legend_handles_labels()
    if not handles:
        handles, labels = axes[1].get_legend_handles_labels()
    handles.append(Line2D([0], [0], color=PALETTE["black"], linewidth=2.5))
    labels.append(t["fig_mean"])
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 5), frameon=False)
    # the layout first, then the markers: how far apart equal values go depends on the axes' size in pixels
    fig.draw_without_rendering()
    for ax, members, series, value_of, ys in panels:
        points: dict[int, list] = {i: [] for i, _ in members}
        for y in ys:
            values = {i: v for i, m in members if (v := value_of(m, y)) is not None}  # not answered: no point
            for i, xy in _spread_out(ax, values, y, fig.dpi).items():
                points[i].append(xy)
        for i, pts in points.items():
            series[i].set_offsets(pts if pts else [[math.nan, math.nan]])
    return fig


# ---------------------------------------------------------------------------------------------
# The widget
def default_team_folder(lang: str = "da") -> Path:
    """$SAMSKABELSE_TEAM (found from the notebook's folder or the repository root), else the example team."""
    value = os.environ.get(TEAM_ENV_VAR, "").strip()
    return resolve_folder(value) if value else example_team(lang)


def resolve_folder(text: str) -> Path:
    """A folder typed in the box: as typed (relative to the notebook), else relative to the repository root."""
    path = Path(text.strip() or ".").expanduser()
    if path.is_absolute() or path.exists() or not (REPO_ROOT / path).exists():
        return path
    return REPO_ROOT / path


def shown_path(path: Path) -> str:
    for base in (Path.cwd(), REPO_ROOT):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix() or "."
        except ValueError:
            continue
    return str(path)


class TeamWidget:
    """Load a folder of answer files and show the team side by side, with its largest disagreements as questions."""

    def __init__(self, course: Course, folder: str | Path | None = None):
        import ipywidgets as widgets

        self.course = course
        self.t = TEXT[course.language]
        self.team: list[LoadedAnswers] = []
        self.problems: list[str] = []
        self.found: list[Disagreement] = []
        self.errors = ErrorBoundary(course.language)
        start = Path(folder) if folder is not None else default_team_folder(course.language)
        self.folder = widgets.Text(value=shown_path(start), description=self.t["folder"],
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="34em"))
        self.button = widgets.Button(description=self.t["load"], icon="folder-open", button_style="primary")
        self.button.on_click(self.errors.guard(lambda _b: self.load()))
        self.status = widgets.HTML()
        self.live: LiveFigure | None = None
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto"))
        self.image.add_class("samskabelse-figure")
        self.figure_text = widgets.HTML("")  # the text alternative (access.py: the page script makes it the alt)
        self.figure_block = widgets.VBox([self.image, self.figure_text])
        self.figure_block.add_class("samskabelse-figure-block")
        self.tables = widgets.HTML()
        self.slider = widgets.IntSlider(value=DEFAULT_QUESTIONS, min=1, max=DEFAULT_QUESTIONS,
                                        description=self.t["questions_slider"], continuous_update=True)
        self.slider.observe(self.errors.guard(lambda _c: self._show_questions()), names="value")
        self.questions = widgets.HTML()
        self.questions.add_class("samskabelse-result")
        self.box = widgets.VBox([widgets.HBox([self.folder, self.button]), self.status, self.errors.alert,
                                 self.figure_block,
                                 widgets.HTML(f"<h3>{self.t['questions_head']}</h3>"), self.slider, self.questions,
                                 self.tables])
        mark_widget(self.box, course.language, "samskabelse-team")
        self.load(start)

    def load(self, folder: str | Path | None = None) -> None:
        path = Path(folder) if folder is not None else resolve_folder(self.folder.value)
        self.team, self.problems = load_team(path, self.course)
        self.found = disagreements(self.team, self.course)
        t = self.t
        lines = []
        if self.team:
            names = _names(self.team, self.course.language)
            lines.append(t["loaded"].format(n=len(self.team), folder=user_text(shown_path(path), 200), names=names))
            if all(m.invented for m in self.team):
                lines.append(t["invented"])
        else:
            lines.append(t["none"])
        if self.problems:
            lines.append(t["problems"] + "<ul>" + "".join(f"<li>{user_text(p, 500)}</li>" for p in self.problems)
                         + "</ul>")
        notes = [(m, n) for m in self.team for n in m.notes]
        if notes:  # the models' notes are already HTML-safe
            lines.append(t["notes"] + "<ul>" + "".join(f"<li>{user_text(m.label, 40)}: {n}</li>" for m, n in notes)
                         + "</ul>")
        self.status.value = "".join(f"<p>{line}</p>" if not line.startswith(t["problems"]) else line
                                    for line in lines)
        # A new team is new data with new labels: draw a new figure (never on a slider change).
        self.live = LiveFigure(draw_team_figure(self.team, self.course))
        self.image.value = self.live.image.value
        self.image.layout.width = self.live.image.layout.width  # its own size: a box would stretch it (blurred)
        names = join_names([" ".join(m.name.split()) or "?" for m in self.team], self.course.language)
        self.figure_text.value = alt_html(t["fig_alt"].format(n=len(self.team), names=names))
        self.tables.value = side_by_side_html(self.team, self.course) if self.team else ""
        top = max(1, len(self.found))
        self.slider.max = max(top, 1)
        self.slider.value = min(DEFAULT_QUESTIONS, top)
        self.slider.disabled = len(self.found) <= 1
        self._show_questions()

    def questions_shown(self) -> list[Disagreement]:
        return discussion_questions(self.team, self.course, self.slider.value) if self.found else []

    def _show_questions(self) -> None:
        shown = self.questions_shown()
        if not shown:
            self.questions.value = f"<p>{self.t['no_questions']}</p>"
            return
        items = "".join(f"<li>{d.question}</li>" for d in shown)
        self.questions.value = f"<ol class='samskabelse-questions'>{items}</ol><p><small>{self.t['basis']}</small></p>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def team_answers(course: Course, folder: str | Path | None = None) -> TeamWidget:
    """The team's answers side by side (default: the invented example team, or $SAMSKABELSE_TEAM)."""
    return TeamWidget(course, folder)
