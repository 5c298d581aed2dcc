"""The timeline widget of notebook 06 (issue 5), as the notebook shows it.

The timed slider is the planned weeks of phase 2. A change there reads the controls, simulates 10,000
projects (seeded, vectorised), moves the figure's changing artists over a cached background, re-encodes the
figure, and rewrites the sentence to write upward and its table. The baseline builds the same figure (the same
TimelineFigure class, so the same artists and labels) from scratch with pyplot for every change, as
`interact` would, and simulates the same plan.
"""

NAME = "timeline (notebook 06)"
SETUP = r'''
from datetime import date

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from samskabelse import load_course
from samskabelse.sections.timeline import FIGURE_SIZE, TimelineFigure, TimelinePlan, forecast, plan_timeline

course = load_course("da")
plan = TimelinePlan.from_course(course, date(2026, 1, 5))
timeline = plan_timeline(course, plan)
display(timeline)
fast_slider, fast_image, values = timeline.weeks["cocreate"], timeline.live.image, [16, 20, 24, 28, 22]

def naive(cocreate=20):
    """The same figure, rebuilt from scratch with pyplot for every change."""
    changed = plan.copy()
    changed.phases[1].weeks = float(cocreate)
    fig = plt.figure(figsize=FIGURE_SIZE, layout="constrained")
    TimelineFigure(fig, course).show(forecast(changed, "da"))
    plt.show()

baseline = widgets.interactive(naive, cocreate=widgets.IntSlider(value=20, min=0, max=104))
display(baseline)
naive_slider = baseline.children[0]
'''
