"""The try-it slider of notebook 00: the smallest widget, a reference point for the others."""

NAME = "try-it slider (notebook 00)"
GOAL = False  # a reference point: the goal is set for the course's working widgets
SETUP = r'''
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display
from samskabelse import load_course, try_a_slider

course = load_course("da")
w = try_a_slider(course)
display(w)
fast_slider, fast_image, values = w.slider, w.live.image, [1, 4, 2, 5, 3]

def naive(value=3):
    fig, ax = plt.subplots(figsize=(7, 2.2), layout="constrained")
    ax.barh([0], [value], height=0.6)
    ax.text(value + 0.1, 0, str(value), va="center", fontsize=16, fontweight="bold")
    ax.set_xlim(0, 5.6); ax.set_yticks([]); ax.set_xticks(range(6))
    ax.set_title("Prøv: hvor vigtig er gevinsten »Kvalitet« for dig?", loc="left")
    plt.show()

baseline = widgets.interactive(naive, value=widgets.IntSlider(value=3, min=0, max=5))
display(baseline)
naive_slider = baseline.children[0]
'''
