"""What co-creation demands (notebook 02), read side by side with the gains by the course's stated rules.

    demands = weigh_demands(gains)      # a rating per demand ("– ikke vurderet –" until set), a figure with the
                                        # gains (importance against likelihood) beside the demands, and a reading

The rules are the course file's (`gains_rules`, course.GainsRules): a gain rated at least `carry` on both scales
(4 and 4) can carry the project on its own; `lead` (3 and 3) stands out; the demands weigh heavily when the mean
of those the participant rated reaches `heavy` (3.5). Gains and demands are each read on their own scale: they
are never subtracted from or averaged with each other. Importance x likelihood (0-25) only ranks the gains, as
in a risk matrix: how strongly a gain stands, not an expected value. When no gain can carry the project and the
demands are heavy, or no gain stands out, the reading names alternatives that fit the kind of project: those the
course file gives for the typology type the participant placed their project in (01), else all of them, each
with the types it fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.transforms import Affine2D, ScaledTranslation

from samskabelse.base.i18n import Texts, join_names
from samskabelse.course import Alternative, CoCreationType, Course
from samskabelse.sections.gains import (
    HIGH,
    LOW,
    NOT_RATED_COLOUR,
    GainsModel,
    Rated,
    carrying_gains,
    demand_source,
    format_number,
    in_sentence,
    leading_gains,
    rating_slider,
    rating_text,
    shown_rating,
    strongest_gain,
    text_outline,
)
from samskabelse.sections.gains import (
    TEXT as GAINS,
)
from samskabelse.sections.protocol import answers_to, key, mark, show_on_screen, unmark
from samskabelse.widgets.access import mark_widget, named
from samskabelse.widgets.answering import not_rated, rated
from samskabelse.widgets.display import plain_text, user_text
from samskabelse.widgets.figures import PALETTE, BandedPNG, BlitLiveFigure, figure_text, new_figure
from samskabelse.widgets.guard import ErrorBoundary

NAME_CHARS = 45  # a gain's name in a reading line
PRODUCT_MAX = HIGH * HIGH
LIGHTER = "lighter_involvement"  # the alternative a course file without gains_rules still offers

TEXT = Texts(
    da={
        "intro": "Hvad kræver samskabelse i <b>dette</b> projekt? 0 = næsten intet, 5 = rigtig meget.",
        # the figure
        "fig_title": "Gevinster og krav side om side – hver på sin skala",
        "fig_gains": "Gevinsterne",
        "fig_demands": "Kravene",
        "gains_x": "Sandsynlighed (0–5)",
        "gains_y": "Vigtighed (0–5)",
        "carry_zone": "Kan bære\nprojektet",
        "demands_x": "0 = næsten intet · 5 = rigtig meget",
        "mean_legend": "snit af de vurderede krav",
        "heavy_legend": "store krav: snit fra {value}",
        "gain_legend": "en gevinst (tal: nr. 1–3)",
        "alt": "Figur i to dele, hver med sin skala. Til venstre gevinsterne efter sandsynlighed (vandret) og "
        "vigtighed (lodret), fra 0 til 5; feltet øverst til højre (mindst {ci} og {cl}) er de gevinster, der kan "
        "bære projektet. {gains} Til højre kravene fra 0 til 5, med en linje ved store krav ({heavy}). {demands}",
        "alt_gains": "Gevinster vurderet på begge skalaer: {items}.",
        "alt_gains_none": "Ingen gevinst er vurderet på begge skalaer endnu.",
        "alt_gain": "{name} (vigtighed {importance}, sandsynlighed {likelihood})",
        "alt_demands": "Krav: {items}.",
        "alt_demand": "{name} {value}",
        "col_item": "Gevinst eller krav", "col_importance": "Vigtighed", "col_likelihood": "Sandsynlighed",
        "col_demand": "Krav (0–5)",
        # the reading, line by line (plain text: the plan prints the same lines)
        "heading": "Det siger dine svar – ikke en dom",
        "strongest": "Stærkeste gevinst: {name} – vigtighed {importance} × sandsynlighed {likelihood} = "
        "{product} af 25.",
        "strongest_none": "Stærkeste gevinst: ingen gevinst er vurderet på både vigtighed og sandsynlighed endnu.",
        "carrying": "Kan bære projektet alene ({rule}): {names}.",
        "carrying_none": "Kan bære projektet alene ({rule}): ingen endnu.",
        "carry_rule_same": "mindst {importance} på begge skalaer",
        "carry_rule": "mindst {importance} i vigtighed og {likelihood} i sandsynlighed",
        "demands_all": "Krav: snit {value} af alle {n} krav{top}.",
        "demands_some": "Krav: snit {value} af de {n} krav, du har vurderet (ud af {total}){top}.",
        "demands_one": "Krav: kun ét af de {total} krav er vurderet: {name} ({value}).",
        "demands_none": "Krav: ikke vurderet endnu.",
        "top": "; kræver mest: {names}",
        "reading": "Læsning efter kursets regler: {text}",
        "short": {"not_weighed": "gevinsterne er ikke vurderet endnu.",
                  "carry": "mindst én gevinst kan bære projektet.",
                  "carry_heavy": "mindst én gevinst kan bære projektet, men kravene er store.",
                  "lead": "gevinster står stærkt, men ingen kan bære projektet alene.",
                  "lead_heavy": "ingen gevinst kan bære projektet alene, og kravene er store – overvej et "
                                "alternativ.",
                  "weak": "ingen gevinst står stærkt endnu – overvej et alternativ.",
                  "weak_heavy": "ingen gevinst står stærkt, og kravene er store – overvej et alternativ."},
        # the reading, in words
        "r_not_weighed": "Du har ikke vurderet nogen gevinster endnu (se skyderne ovenfor), så der er intet at "
        "holde kravene op imod.",
        "r_carry": "Som du vurderer det, har projektet en gevinst, der kan bære det. Sørg for, at du også kan "
        "forklare det opad: hvad I vil opnå, og hvordan I kan se, at det lykkes.",
        "r_carry_heavy": "Som du vurderer det, har projektet en gevinst, der kan bære det – men det kræver meget. "
        "Sørg for, at du kan forklare opad, hvorfor gevinsten er det værd, og hvordan I håndterer det, der kræver "
        "mest ({top}).",
        "r_lead": "Der er gevinster, der står stærkt, men ingen, der alene kan bære projektet. Hvad skal der til, "
        "for at en af dem bliver vigtigere for jer eller mere sandsynlig?",
        "r_lead_heavy": "<b>Der er gevinster, der står stærkt, men ingen, der alene kan bære projektet – og kravene "
        "er store.</b> Det er ikke en dom over projektet, men en god grund til at overveje, om et alternativ kan "
        "give jer det, I har brug for:",
        "r_weak": "Ingen gevinst står stærkt endnu: ingen er vurderet til mindst {importance} i vigtighed og "
        "{likelihood} i sandsynlighed. Måske kan et alternativ give jer det samme med mindre besvær:",
        "r_weak_heavy": "<b>Ingen gevinst står stærkt, og kravene er store.</b> Det er ikke en dom over projektet, "
        "men en god grund til at overveje, om et alternativ kan give jer det, I har brug for:",
        "r_no_demands": "Du har ikke vurderet kravene endnu, så læsningen bygger kun på gevinsterne.",
        "r_zero": "Alle krav står på 0. Er det realistisk? Samskabelse kræver som regel tid og vilje til at give "
        "slip på noget af kontrollen.",
        "r_after": "Samskabelse kan stadig være det rigtige. Så skal du bare kunne sige hvorfor.",
        "alt_type": "Det passer til et projekt af typen <b>{type}</b>, som du placerede det i 01:",
        "alt_all": "Du har ikke placeret projektet i 01 (eller ikke gemt placeringen), så her er alle "
        "alternativerne med de typer projekter, de passer til:",
        "alt_fits": "passer til {types}",
        "alt_levels": "Trinene er fra {source}.",
        "rules": "Sådan læser kurset dine svar (kursets arbejdsmodel)",
        "rule_product": "En gevinst står så stærkt som den laveste af sine to vurderinger; ved lige stærke gevinster "
        "rangerer vigtighed × sandsynlighed (0–25) dem, som i en risikomatrix – det er ikke en forventet værdi. "
        "Gevinster og krav er vurderet på hver sin skala; kurset lægger dem ikke sammen og trækker dem ikke fra "
        "hinanden.",
        "rule_carry": "En gevinst kan bære projektet, når den er vurderet til mindst {importance} i vigtighed og "
        "mindst {likelihood} i sandsynlighed.",
        "rule_lead": "En gevinst står stærkt fra {importance} og {likelihood}.",
        "rule_doubt": "En gevinst, der er vurderet til mindst {importance} i vigtighed, men højst {likelihood} i "
        "sandsynlighed, får sin egen sætning i motivationen.",
        "rule_heavy": "Kravene er store, når snittet af dem, du har vurderet, er mindst {value}.",
        "rule_alternatives": "Et alternativ nævnes, når ingen gevinst står stærkt, eller når ingen kan bære "
        "projektet alene, og kravene er store.",
        "footer": "Tallene er dine egne vurderinger, læst efter kursets arbejdsmodel. Brug dem til at tale om "
        "projektet – ikke til at afgøre det.",
    },
    en={
        "intro": "What does co-creation demand in <b>this</b> project? 0 = next to nothing, 5 = a great deal.",
        "fig_title": "Gains and demands side by side – each on its own scale",
        "fig_gains": "The gains",
        "fig_demands": "The demands",
        "gains_x": "Likelihood (0–5)",
        "gains_y": "Importance (0–5)",
        "carry_zone": "Can carry\nthe project",
        "demands_x": "0 = next to nothing · 5 = a great deal",
        "mean_legend": "mean of the demands rated",
        "heavy_legend": "heavy demands: mean from {value}",
        "gain_legend": "a gain (numbers: no. 1–3)",
        "alt": "A figure in two parts, each with its own scale. On the left the gains by likelihood (across) and "
        "importance (up), from 0 to 5; the area at the top right (at least {ci} and {cl}) holds the gains that can "
        "carry the project. {gains} On the right the demands from 0 to 5, with a line where demands are heavy "
        "({heavy}). {demands}",
        "alt_gains": "Gains rated on both scales: {items}.",
        "alt_gains_none": "No gain has been rated on both scales yet.",
        "alt_gain": "{name} (importance {importance}, likelihood {likelihood})",
        "alt_demands": "Demands: {items}.",
        "alt_demand": "{name} {value}",
        "col_item": "Gain or demand", "col_importance": "Importance", "col_likelihood": "Likelihood",
        "col_demand": "Demand (0–5)",
        "heading": "What your answers say – not a verdict",
        "strongest": "Strongest gain: {name} – importance {importance} × likelihood {likelihood} = {product} out "
        "of 25.",
        "strongest_none": "Strongest gain: no gain has been rated on both importance and likelihood yet.",
        "carrying": "Can carry the project on its own ({rule}): {names}.",
        "carrying_none": "Can carry the project on its own ({rule}): none yet.",
        "carry_rule_same": "at least {importance} on both scales",
        "carry_rule": "at least {importance} for importance and {likelihood} for likelihood",
        "demands_all": "Demands: mean {value} of all {n} demands{top}.",
        "demands_some": "Demands: mean {value} of the {n} demands you rated (out of {total}){top}.",
        "demands_one": "Demands: only one of the {total} demands is rated: {name} ({value}).",
        "demands_none": "Demands: not rated yet.",
        "top": "; demands most: {names}",
        "reading": "Reading by the course's rules: {text}",
        "short": {"not_weighed": "the gains are not rated yet.",
                  "carry": "at least one gain can carry the project.",
                  "carry_heavy": "at least one gain can carry the project, but the demands are heavy.",
                  "lead": "some gains stand out, but none can carry the project on its own.",
                  "lead_heavy": "no gain can carry the project on its own, and the demands are heavy – consider an "
                                "alternative.",
                  "weak": "no gain stands out yet – consider an alternative.",
                  "weak_heavy": "no gain stands out, and the demands are heavy – consider an alternative."},
        "r_not_weighed": "You have not rated any gains yet (see the sliders above), so there is nothing to set the "
        "demands against.",
        "r_carry": "As you rate it, the project has a gain that can carry it. Make sure you can explain that upward "
        "too: what you want to achieve, and how you will see that it works.",
        "r_carry_heavy": "As you rate it, the project has a gain that can carry it – but it demands a lot. Make sure "
        "you can explain upward why the gain is worth it, and how you will handle what demands most ({top}).",
        "r_lead": "Some gains stand out, but none can carry the project on its own. What would it take for one of "
        "them to matter more to you or to become more likely?",
        "r_lead_heavy": "<b>Some gains stand out, but none can carry the project on its own – and the demands are "
        "heavy.</b> That is not a verdict on the project, but a good reason to consider whether an alternative "
        "could give you what you need:",
        "r_weak": "No gain stands out yet: none is rated at least {importance} for importance and {likelihood} for "
        "likelihood. An alternative might give you the same with less effort:",
        "r_weak_heavy": "<b>No gain stands out, and the demands are heavy.</b> That is not a verdict on the project, "
        "but a good reason to consider whether an alternative could give you what you need:",
        "r_no_demands": "You have not rated the demands yet, so the reading rests on the gains alone.",
        "r_zero": "All demands are at 0. Is that realistic? Co-creation usually takes time and a willingness to let "
        "go of some control.",
        "r_after": "Co-creation may still be the right choice. Then you should be able to say why.",
        "alt_type": "What fits a project of the type <b>{type}</b>, as you placed it in 01:",
        "alt_all": "You have not placed the project in 01 (or not saved where you placed it), so here are all the "
        "alternatives with the types of project they fit:",
        "alt_fits": "fits {types}",
        "alt_levels": "The steps are from {source}.",
        "rules": "How the course reads your answers (the course's working model)",
        "rule_product": "A gain stands as strongly as the lower of its two ratings; among gains that stand equally, "
        "importance × likelihood (0–25) ranks them, as in a risk matrix – it is not an expected value. Gains and "
        "demands are rated on scales of their own; the course neither adds them up nor subtracts one from the "
        "other.",
        "rule_carry": "A gain can carry the project when it is rated at least {importance} for importance and at "
        "least {likelihood} for likelihood.",
        "rule_lead": "A gain stands out from {importance} and {likelihood}.",
        "rule_doubt": "A gain rated at least {importance} for importance but at most {likelihood} for likelihood "
        "gets a sentence of its own in the motivation.",
        "rule_heavy": "The demands are heavy when the mean of those you rated is at least {value}.",
        "rule_alternatives": "An alternative is named when no gain stands out, or when none can carry the project "
        "on its own and the demands are heavy.",
        "footer": "The numbers are your own ratings, read by the course's working model. Use them to talk about the "
        "project – not to decide it.",
    },
)


# ---------------------------------------------------------------------------------------------
# The demands as the participant rated them
@dataclass(frozen=True)
class Demands:
    """The demands the participant rated: their mean, how many of how many, the highest; None when none is."""

    mean: float | None
    values: tuple[tuple[str, int], ...]  # (name, value) of each demand rated, in the course's order
    total: int
    top: tuple[tuple[str, int], ...]  # (name, value) of the highest rated, when above 0
    heavy: bool  # the mean reaches the course's `heavy` (False when none is rated)

    @property
    def rated(self) -> int:
        return len(self.values)


def demands_reading(model: GainsModel, course: Course) -> Demands:
    values = tuple((d.name, v) for d in course.demands if (v := model.demand(d.id)) is not None)
    if not values:
        return Demands(None, (), len(course.demands), (), False)
    mean = sum(v for _, v in values) / len(values)
    high = max(v for _, v in values)
    top = tuple((name, v) for name, v in values if v == high) if high > 0 else ()
    return Demands(mean, values, len(course.demands), top, mean >= course.gains_rules.heavy)


# ---------------------------------------------------------------------------------------------
# The reading: gains and demands side by side
@dataclass(frozen=True)
class Balance:
    """What the course's rules read from the ratings (course.GainsRules); a reading to discuss, not a verdict.

    `gains`: "carry" (a gain can carry the project), "lead" (gains stand out, none carries), "weak" (none stands
    out) or "" (no gain rated); `kind` adds "_heavy" when the demands rated are heavy ("not_weighed" before any
    gain is rated)."""

    kind: str
    gains: str
    strongest: Rated | None
    carrying: tuple[Rated, ...]
    demands: Demands

    @property
    def suggests_alternatives(self) -> bool:
        return self.kind in ("lead_heavy", "weak", "weak_heavy")


def read_balance(model: GainsModel, course: Course) -> Balance:
    demands = demands_reading(model, course)
    if not any(r.weighed for r in model.rated(course)):
        return Balance("not_weighed", "", None, (), demands)
    carrying = tuple(carrying_gains(model, course))
    gains = "carry" if carrying else "lead" if leading_gains(model, course) else "weak"
    kind = f"{gains}_heavy" if demands.heavy else gains
    return Balance(kind, gains, strongest_gain(model, course), carrying, demands)


def _gain_name(r: Rated) -> str:
    return plain_text(r.name if r.own else in_sentence(r.name), NAME_CHARS)


def reading_lines(model: GainsModel, course: Course, *, reading: bool = False) -> list[str]:
    """The reading's numbers as plain-text lines: the gains that can carry the project (the strongest first; when
    none can, the strongest gain), the demands (the mean of those rated, saying how many). 02's widget shows these
    lines; the plan (07) prints the same, and with `reading`, the reading in one line."""
    t, lang, rules = TEXT[course.language], course.language, course.gains_rules
    b = read_balance(model, course)
    lines = []
    if b.kind != "not_weighed":
        s = b.strongest
        if not b.carrying:  # else it is the first of those that can carry the project
            lines.append(t["strongest"].format(name=_gain_name(s), importance=s.importance,
                                               likelihood=s.likelihood, product=s.product)
                         if s else t["strongest_none"])
        c = rules.carry
        rule = t["carry_rule_same" if c.importance == c.likelihood else "carry_rule"].format(
            importance=c.importance, likelihood=c.likelihood)
        names = join_names([_gain_name(r) for r in b.carrying], lang)
        lines.append(t["carrying" if names else "carrying_none"].format(rule=rule, names=names))
    lines.append(demands_line(b.demands, lang))
    if reading:
        lines.append(t["reading"].format(text=t["short"][b.kind]))
    return lines


def top_names(demands: Demands, lang: str) -> str:
    return join_names([in_sentence(name) for name, _ in demands.top], lang)


def demands_line(d: Demands, lang: str) -> str:
    t = TEXT[lang]
    if d.mean is None:
        return t["demands_none"]
    if d.rated == 1 and d.total > 1:
        (name, value), = d.values
        return t["demands_one"].format(total=d.total, name=in_sentence(name), value=value)
    top = t["top"].format(names=f"{top_names(d, lang)} ({d.top[0][1]})") if d.top else ""
    key_ = "demands_all" if d.rated == d.total else "demands_some"
    return t[key_].format(value=format_number(d.mean, lang), n=d.rated, total=d.total, top=top)


# ---------------------------------------------------------------------------------------------
# Alternatives by the kind of project
def saved_type(course: Course) -> CoCreationType | None:
    """The typology type the participant placed their project in (notebook 01): on screen in this kernel, else as
    they saved it; None when they have not placed it (both axes answered) or it does not fit this course."""
    data = answers_to("typology")
    if not isinstance(data, dict):
        return None
    answered = data.get("answered")
    old = isinstance(data.get("schema"), int) and data["schema"] < 2  # schema 1: the star stood where it was saved
    if not old and not (isinstance(answered, list) and {"initiative", "activity"} <= set(answered)):
        return None
    try:
        return course.typology.type_at(data.get("initiative"), data.get("activity"))
    except (KeyError, TypeError):
        return None


def lighter_forms(course: Course):
    """The levels of involvement where the organisation keeps the decision (inform, consult, involve in the
    IAP2 spectrum)."""
    return [lv for lv in course.involvement.levels if not lv.shared_decision]


def alternatives_for(course: Course, kind: CoCreationType | None) -> list[Alternative]:
    """The alternatives the course file gives for a type of project (all of them when the type is not known). A
    course file without gains_rules offers the spectrum's lighter forms, as earlier versions did."""
    alternatives = course.gains_rules.alternatives or (
        Alternative(LIGHTER, "", "", tuple(k.id for k in course.typology.types),
                    tuple(lv.id for lv in lighter_forms(course))),)
    return [a for a in alternatives if kind is None or kind.id in a.types]


def alternatives_html(course: Course, kind: CoCreationType | None) -> str:
    t, lang = TEXT[course.language], course.language
    names = {k.id: k.name for k in course.typology.types}
    levels = {lv.id: lv for lv in course.involvement.levels}
    items = []
    for a in alternatives_for(course, kind):
        if a.name:
            head = f"<b>{user_text(a.name, 100)}</b>: {user_text(a.description, 300)}"
            if kind is None:
                fits = join_names([names[k] for k in a.types if k in names], lang)
                head += f" <i>({user_text(t['alt_fits'].format(types=fits), 300)})</i>"
        else:
            head = ""
        steps = "".join(f"<li><b>{user_text(levels[i].name, 100)}</b>: {user_text(levels[i].description, 300)}</li>"
                        for i in a.levels if i in levels)
        if steps:
            source = user_text(course.involvement.source, 300)
            steps = f"<ul>{steps}</ul><small>{t['alt_levels'].format(source=source)}</small>"
        items.append(f"<li>{head}{steps}</li>" if head else steps)
    intro = t["alt_type"].format(type=user_text(kind.name, 100)) if kind is not None else t["alt_all"]
    body = "".join(items)
    return f"<p>{intro}</p><ul>{body}</ul>" if course.gains_rules.alternatives else f"{body}"


def rules_html(course: Course) -> str:
    """The rules the reading applies, with the numbers of this course file and the reason it gives for each."""
    t, rules = TEXT[course.language], course.gains_rules

    def line(text: str, why: str) -> str:
        return f"<li>{text}{' ' + user_text(why, 400) if why else ''}</li>"

    heavy = format_number(rules.heavy, course.language)
    items = [f"<li>{t['rule_product']}</li>",
             line(t["rule_carry"].format(importance=rules.carry.importance, likelihood=rules.carry.likelihood),
                  rules.carry.why),
             line(t["rule_lead"].format(importance=rules.lead.importance, likelihood=rules.lead.likelihood),
                  rules.lead.why),
             line(t["rule_doubt"].format(importance=rules.doubt.importance, likelihood=rules.doubt.likelihood),
                  rules.doubt.why),
             line(t["rule_heavy"].format(value=heavy), rules.heavy_why),
             f"<li>{t['rule_alternatives']}</li>"]
    return f"<details><summary>{t['rules']}</summary><ul>{''.join(items)}</ul></details>"


# ---------------------------------------------------------------------------------------------
# The widget
class DemandsWidget:
    """A rating per demand, a figure with the gains and the demands side by side, and the reading."""

    def __init__(self, gains):
        import ipywidgets as widgets

        self.gains = gains
        self.course = course = gains.course
        self.model = gains.model
        self.t = t = TEXT[course.language]
        self._quiet = False
        self.errors = ErrorBoundary(course.language)
        self.sliders = {}
        cells = []
        source = GAINS[course.language]["source"]
        for d in course.demands:
            self.model.demands.setdefault(d.id, LOW)
            s = rating_slider(self.model.demand(d.id), course.language)  # "– ikke vurderet –" until set
            named(s, f"{d.name} (0 = {d.low}, 5 = {d.high})", shown=False)
            s.observe(self.errors.guard(self._slider_changed), names="value")
            self.sliders[d.id] = s
            cells += [
                widgets.HTML(f"<b>{user_text(d.name, 200)}</b><br><small>{user_text(d.question, 400)}<br>"
                             f"<i>{source}: {user_text(demand_source(d, course.language), 200)}</i></small>"),
                widgets.HTML(f"<small>{user_text(d.low, 60)}</small>", layout=widgets.Layout(align_self="center")),
                s,
                widgets.HTML(f"<small>{user_text(d.high, 60)}</small>"),
            ]
        self.grid = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns="minmax(12em, 2fr) auto 2fr auto", grid_gap="4px 8px", width="100%",
            align_items="center"))
        self._build_figure()
        self.result = widgets.HTML("")
        self.result.add_class("samskabelse-result")
        self.box = widgets.VBox([widgets.HTML(f"<p>{t['intro']}</p>"), self.grid, self.errors.alert,
                                 self.live.widget, self.result])
        mark_widget(self.box, course.language, "samskabelse-demands")
        gains.on_change(self.errors.guard(self.update))
        self._update_result()
        show_on_screen(self.model, self)

    def controls(self) -> dict[str, Any]:
        """The items this widget asks, each with its control (sections/protocol.py): a rating per demand."""
        return {key("demands", did): s for did, s in self.sliders.items()}

    def answered_changed(self) -> None:
        """Saving confirmed what the widget showed (protocol.answered_changed): say it again from the model."""
        self.update()

    def show_answers(self, saved: GainsModel) -> None:
        """Show saved answers: the demands' values and what was answered of them go into the shared model (the
        weighing widget's show_answers brings the rest), and the sliders follow without marking anything."""
        for did in self.model.demands:
            self.model.demands[did] = saved.demands.get(did, LOW)
            (mark if key("demands", did) in saved.answered else unmark)(self.model, "demands", did)
        self.update()

    # -- the figure --------------------------------------------------------------------------------
    def _build_figure(self) -> None:
        from matplotlib.patches import Rectangle

        t, course, rules = self.t, self.course, self.course.gains_rules
        n = len(course.demands)
        fig = new_figure(9, max(4.6, 2.6 + 0.5 * n))
        ax_g, ax_d = fig.subplots(1, 2, width_ratios=[1, 1.25])
        self.ax_g, self.ax_d = ax_g, ax_d
        # the gains: likelihood across, importance up; the area of the gains that can carry the project
        c = rules.carry
        ax_g.add_patch(Rectangle((c.likelihood - 0.5, c.importance - 0.5), HIGH - c.likelihood + 1,
                                 HIGH - c.importance + 1, facecolor=PALETTE["green"], alpha=0.15, edgecolor="none"))
        ax_g.add_patch(Rectangle((c.likelihood - 0.5, c.importance - 0.5), HIGH - c.likelihood + 1,
                                 HIGH - c.importance + 1, facecolor="none", edgecolor=PALETTE["green"], hatch="\\\\",
                                 linewidth=1.2, alpha=0.6))
        ax_g.text(HIGH + 0.45, c.importance - 0.45, t["carry_zone"], ha="right", va="bottom", fontsize=11,
                  color="#1b5e4a", bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
                                         "alpha": 0.85})
        ax_g.set_xlim(LOW - 0.5, HIGH + 0.5)
        ax_g.set_ylim(LOW - 0.5, HIGH + 0.5)
        ax_g.set_aspect("equal")
        ax_g.set_anchor("NW")  # its top in line with the demands' panel
        ax_g.set_xticks(range(LOW, HIGH + 1))
        ax_g.set_yticks(range(LOW, HIGH + 1))
        ax_g.grid(color="#dddddd", linewidth=0.8)
        ax_g.set_axisbelow(True)
        ax_g.set_xlabel(t["gains_x"])
        ax_g.set_ylabel(t["gains_y"])
        ax_g.set_title(t["fig_gains"], loc="left")
        self.points = ax_g.scatter([], [], s=150, color=PALETTE["blue"], edgecolors="white", linewidths=1.5,
                                   zorder=3, label=t["gain_legend"])
        self.point_ranks = [text_outline(str(k), 12) for k in range(1, 4)]
        for label in self.point_ranks:
            fig.add_artist(label)
        # the demands: a bar each, "ikke vurderet" where not rated, the mean of those rated, the heavy line
        ys = list(range(n))
        self.bars = ax_d.barh(ys, [0] * n, height=0.6, color=PALETTE["orange"], edgecolor=PALETTE["black"],
                              linewidth=0.6)
        word = not_rated(course.language).strip("– ")
        self.unrated = []
        for y in ys:
            label = text_outline(word, 10, weight="normal", style="italic", colour=NOT_RATED_COLOUR)
            label.set_transform(Affine2D().scale(fig.dpi / 72) + ScaledTranslation(0.08, y, ax_d.transData))
            fig.add_artist(label)
            self.unrated.append(label)
        heavy = ax_d.axvline(rules.heavy, color=PALETTE["vermillion"], linestyle="--", linewidth=1.5,
                             label=t["heavy_legend"].format(value=format_number(rules.heavy, course.language)))
        (self.mean_line,) = ax_d.plot([0, 0], [-0.5, n - 0.5], color=PALETTE["black"], linewidth=2.5,
                                      label=t["mean_legend"])
        ax_d.set_xlim(LOW, HIGH + 0.15)  # a mean of 5 stays visible beside the axes' edge
        ax_d.set_xticks(range(LOW, HIGH + 1))
        ax_d.set_yticks(ys, [figure_text(d.name) for d in course.demands])
        ax_d.set_ylim(n - 0.5, -0.5)
        ax_d.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax_d.set_axisbelow(True)
        ax_d.tick_params(axis="y", length=0)
        ax_d.set_xlabel(t["demands_x"])
        ax_d.set_title(t["fig_demands"], loc="left")
        fig.suptitle(t["fig_title"], x=0.01, ha="left", fontweight="bold")
        handles = [self.points, self.mean_line, heavy]
        fig.legend(handles=handles, labels=[h.get_label() for h in handles], loc="outside lower center", ncols=3,
                   frameon=False, handletextpad=0.4, columnspacing=1.4)
        self.live = BlitLiveFigure(fig, [self.points, *self.point_ranks, *self.bars, *self.unrated, self.mean_line],
                                   encoder=BandedPNG().encode, alt=t["fig_title"], lang=course.language)
        self._drawn = self._place()
        self.live.refresh()

    def _place(self) -> tuple:
        """Put the gains' points, the demands' bars and the mean in place; returns what is drawn, so that an
        unchanged figure is not drawn again."""
        import numpy as np

        course = self.course
        rated = [r for r in self.model.rated(course) if r.both]
        leading = leading_gains(self.model, course)
        # gains in the same cell side by side, a marker's width apart
        cells: dict[tuple[int, int], list[Rated]] = {}
        for r in rated:
            cells.setdefault((r.likelihood, r.importance), []).append(r)
        where: dict[str, tuple[float, float]] = {}
        for (x, y), group in cells.items():
            step = min(0.28, 0.84 / len(group))
            for j, r in enumerate(group):
                where[r.key] = (x + (j - (len(group) - 1) / 2) * step, y)
        points = [where[r.key] for r in rated]
        self.points.set_offsets(np.array(points) if points else np.empty((0, 2)))
        ranks = []
        for k, label in enumerate(self.point_ranks):
            r = leading[k] if k < len(leading) else None
            label.set_visible(r is not None)
            if r is not None:
                x, y = where[r.key]
                label.set_transform(Affine2D().scale(self.live_dpi / 72)  # just above its point
                                    + ScaledTranslation(x - 0.09, y + 0.36, self.ax_g.transData))
                ranks.append(where[r.key])
        values = [self.model.demand(d.id) for d in course.demands]
        for bar, label, v in zip(self.bars, self.unrated, values, strict=True):
            bar.set_width(v or 0)
            label.set_visible(v is None)
        d = demands_reading(self.model, course)
        self.mean_line.set_visible(d.mean is not None)
        if d.mean is not None:
            self.mean_line.set_xdata([d.mean, d.mean])
        return (tuple(points), tuple(ranks), tuple(values))

    @property
    def live_dpi(self) -> float:
        return self.ax_g.figure.dpi

    # -- changes -----------------------------------------------------------------------------------
    def _slider_changed(self, change) -> None:
        if self._quiet:
            return
        for did, s in self.sliders.items():
            if s is change["owner"]:
                self.model.set_demand(did, rated(change["new"]))  # None: taken back
        self.update()

    def update(self) -> None:
        """Redraw after a change here or in the weighing widget (the figure only when something in it moved)."""
        self._quiet = True
        try:  # answers restored into the weighing widget bring their demands along
            for did, s in self.sliders.items():
                shown = shown_rating(self.model.demand(did))
                if s.value != shown:
                    s.value = shown
        finally:
            self._quiet = False
        placed = self._place()
        if placed != self._drawn:
            self.live.refresh()
            self._drawn = placed  # once it is on screen
        self._update_result()

    def _describe(self) -> None:
        t, course, lang = self.t, self.course, self.course.language
        rules = course.gains_rules
        both = [r for r in self.model.rated(course) if r.both]
        gains = (t["alt_gains"].format(items="; ".join(
            t["alt_gain"].format(name=r.name, importance=r.importance, likelihood=r.likelihood) for r in both))
            if both else t["alt_gains_none"])
        items = "; ".join(t["alt_demand"].format(name=d.name, value=rating_text(self.model.demand(d.id), lang))
                          for d in course.demands)
        demands = t["alt_demands"].format(items=items)
        alt = t["alt"].format(ci=rules.carry.importance, cl=rules.carry.likelihood, gains=gains,
                              heavy=format_number(rules.heavy, lang), demands=demands)
        # and what the result under the figure says, in the same words (the figure holds no verdict of its own)
        alt += " " + " ".join(reading_lines(self.model, course, reading=True))
        rows = [[r.name, rating_text(r.importance, lang), rating_text(r.likelihood, lang), ""]
                for r in self.model.rated(course)]
        rows += [[dm.name, "", "", rating_text(self.model.demand(dm.id), lang)] for dm in course.demands]
        self.live.describe(alt, [t["col_item"], t["col_importance"], t["col_likelihood"], t["col_demand"]], rows)

    def _update_result(self) -> None:
        import html

        t, course = self.t, self.course
        rules = course.gains_rules
        b = read_balance(self.model, course)
        self.reading = b
        lines = [f"<b>{t['heading']}</b>", *(html.escape(line) for line in reading_lines(self.model, course))]
        top = user_text(top_names(b.demands, course.language), 200) or "–"
        body = "<p>" + t[f"r_{b.kind}"].format(top=top, importance=rules.lead.importance,
                                               likelihood=rules.lead.likelihood) + "</p>"
        if b.suggests_alternatives:
            body += alternatives_html(course, saved_type(course))
            if b.kind != "weak":
                body += f"<p>{t['r_after']}</p>"
        if b.kind != "not_weighed" and b.demands.mean is None:
            body += f"<p>{t['r_no_demands']}</p>"
        if b.demands.rated == b.demands.total and b.demands.mean == 0:
            body += f"<p>{t['r_zero']}</p>"
        css = "samskabelse-warning" if b.kind in ("lead_heavy", "weak_heavy") else "samskabelse-reading"
        self._describe()
        self.result.value = (f"<div class='{css}'>{'<br>'.join(lines)}{body}{rules_html(course)}"
                             f"<p><small><i>{t['footer']}</i></small></p></div>")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)


def weigh_demands(gains) -> DemandsWidget:
    """What co-creation demands in this project, read beside the gains weighed in `gains`."""
    return DemandsWidget(gains)
