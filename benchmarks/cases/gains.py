"""The weighing widget of notebook 02 (issue 4), with its demands view listening, as in the notebook.

The timed slider is the importance of the first gain. A change there updates the model, restores the rows of
the bar figure that changed from a cached background and redraws their bars and rank labels, re-encodes the
PNG (recompressing only the bands of rows that changed), rewrites the motivation statement, and also moves the
project's point in the demands view below it (a second figure, encoded the same way) and rewrites its reading.
The baseline rebuilds only the bar figure, from scratch with pyplot, per change: it does less work.
"""

NAME = "gains weighing (notebook 02)"
SETUP = r'''
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from samskabelse import load_course
from samskabelse.sections.gains import HIGH, leading_gains, weigh_demands, weigh_gains

course = load_course("da")
gains = weigh_gains(course)
display(gains)
# a realistic weighing to start from, so that every bar and the ranking are in play
for gid, (imp, lik) in {"quality": (4, 4), "innovation": (3, 2), "economy": (5, 1), "democracy": (2, 3),
                        "co_ownership": (4, 4), "community": (3, 3)}.items():
    gains.importance[gid].value, gains.likelihood[gid].value = imp, lik
gains.own_names[0].value = "Læring"
gains.own_importance[0].value, gains.own_likelihood[0].value = 4, 3
demands = weigh_demands(gains)
display(demands)
for did, v in zip([d.id for d in course.demands], [3, 2, 4, 3]):
    demands.sliders[did].value = v

first = course.gains[0].id
fast_slider, fast_image, values = gains.importance[first], gains.live.image, [1, 4, 2, 5, 3]

def naive(value=4):
    """The same bar figure, rebuilt from scratch with pyplot for every change."""
    gains.model.gains[first].importance = value
    rated = gains.model.rated(course)
    t = gains.t
    fig, ax = plt.subplots(figsize=(8, 5.2), layout="constrained")
    ys = range(len(rated))
    ax.barh([y - 0.2 for y in ys], [r.importance for r in rated], height=0.38, color="#0072B2",
            label=t["importance"])
    ax.barh([y + 0.2 for y in ys], [r.likelihood for r in rated], height=0.38, color="#E69F00", hatch="//",
            edgecolor="black", linewidth=0.6, label=t["likelihood"])
    index = {r.key: i for i, r in enumerate(rated)}
    for rank, r in enumerate(leading_gains(gains.model, course), 1):
        ax.text(HIGH + 0.12, index[r.key], t["rank"].format(n=rank), va="center", fontsize=13, fontweight="bold")
    ax.set_yticks(list(ys), [r.name for r in rated])
    ax.set_ylim(len(rated) - 0.5, -0.6)
    ax.set_xlim(0, HIGH + 0.95)
    ax.set_xlabel(t["fig_xlabel"])
    ax.set_title(t["fig_title"], loc="left")
    ax.grid(axis="x", color="#dddddd")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)
    plt.show()

baseline = widgets.interactive(naive, value=widgets.IntSlider(value=4, min=0, max=5))
display(baseline)
naive_slider = baseline.children[0]
'''
