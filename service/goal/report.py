"""The goal report of a month: charts a person reads at a glance, written as PNG files and embedded in
one self-contained HTML page. Figures are made without pyplot (matplotlib's Agg canvas, no global
state), so API threads can draw at the same time."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from service.editions.exports.html import environment
from service.goal.logic import Goal

BLUE, GREY, RED, AMBER, GREEN = "#1f4e79", "#9aa5b1", "#c0392b", "#e0a100", "#2e7d32"


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _figure(width: float = 7.5, height: float = 3.6) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    axes = figure.subplots()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def met_share(goal: Goal) -> Chart:
    figure, axes = _figure()
    months = [p.month for p in goal.series]
    shares = [100 * (p.share_met or 0) for p in goal.series]
    axes.bar(months, [p.met_in_month for p in goal.series], color=GREY, label="met in the month")
    axes.set_ylabel("requests met in the month")
    share_axes = axes.twinx()
    share_axes.plot(months, shares, color=BLUE, marker="o", linewidth=2.5, label="share met to date")
    share_axes.axhline(100, color=GREEN, linestyle="--", linewidth=1)
    share_axes.text(0, 97, "goal: every reasonable request met", color=GREEN, va="top", fontsize=8)
    share_axes.set_ylim(0, 105)
    share_axes.set_ylabel("% of reasonable requests met")
    latest = f"{shares[-1]:.0f}%"
    share_axes.annotate(latest, (months[-1], shares[-1]), xytext=(6, 6), textcoords="offset points")
    axes.tick_params(axis="x", labelrotation=45)
    return Chart("met-share", "Share of reasonable requests met, by month", _png(figure))


def time_to_match(goal: Goal) -> Chart:
    figure, axes = _figure()
    months = [p.month for p in goal.series]
    width = 0.4
    xs = range(len(months))
    axes.bar([x - width / 2 for x in xs], [p.median_days_to_match or 0 for p in goal.series], width,
             color=BLUE, label="submission → match")  # fmt: skip
    axes.bar([x + width / 2 for x in xs], [p.median_days_to_delivery or 0 for p in goal.series], width,
             color=AMBER, label="submission → delivery start")  # fmt: skip
    axes.set_xticks(list(xs), months, rotation=45)
    axes.set_ylabel("median days")
    axes.legend(frameon=False)
    return Chart("time-to-match", "Median days from submission, by the month it happened", _png(figure))


def ageing(goal: Goal) -> Chart:
    figure, axes = _figure(height=2.6)
    bands = list(goal.ageing)
    counts = [goal.ageing[b] for b in bands]
    colours = [GREEN, BLUE, AMBER, RED][: len(bands)]
    axes.barh(bands[::-1], counts[::-1], color=colours[::-1])
    for y, count in enumerate(counts[::-1]):
        axes.text(count, y, f" {count}", va="center")
    axes.set_xlabel(f"open requests on {goal.as_of}, by age")
    return Chart("ageing", "Ageing of open requests", _png(figure))


def gaps_heat_map(goal: Goal) -> Chart:
    grid = goal.gaps_by_area_and_region
    areas = sorted(grid)
    regions = sorted({r for row in grid.values() for r in row})
    figure, axes = _figure(height=max(2.4, 0.42 * len(areas) + 1.2))
    if not areas:
        axes.text(
            0.5, 0.5, "No gaps: every reasonable open request has a programme", ha="center", va="center"
        )
        axes.set_axis_off()
    else:
        values = [[grid[a].get(r, 0) for r in regions] for a in areas]
        axes.imshow(values, cmap="Reds", aspect="auto", vmin=0)
        axes.set_xticks(range(len(regions)), regions)
        axes.set_yticks(range(len(areas)), areas)
        peak = max(max(row) for row in values) or 1
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value:
                    axes.text(j, i, str(value), ha="center", va="center",
                              color="white" if value > peak / 2 else "black")  # fmt: skip
    return Chart("gaps", "Further means needed: gaps by area and region", _png(figure))


def report_reviews(goal: Goal) -> Chart:
    figure = Figure(figsize=(9, 3.4), dpi=110, layout="constrained")
    rounds_axes, review_axes = figure.subplots(1, 2)
    kinds = [("received on time", GREEN), ("received late", AMBER), ("missing", RED), ("not yet due", GREY)]
    by_round = goal.reports["by_round"]
    rounds = list(by_round)
    bottom = [0] * len(rounds)
    for kind, colour in kinds:
        counts = [by_round[r].get(kind, 0) for r in rounds]
        rounds_axes.bar([f"report {r}" for r in rounds], counts, bottom=bottom, color=colour, label=kind)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    rounds_axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    rounds_axes.set_title("Paragraph-6 reports by round", fontsize=10)
    reviewed, target = goal.reports["reviewed"], goal.reports["target"]
    review_axes.barh(["reviewed"], [reviewed], color=BLUE)
    if target:
        review_axes.axvline(target, color=RED, linestyle="--")
        review_axes.text(
            target, 0.42, f" target {target} by {goal.reports['target_date']}", color=RED, fontsize=8
        )
        review_axes.set_xlim(0, max(target, reviewed) * 1.15)
    review_axes.text(reviewed, 0, f" {reviewed}", va="center")
    review_axes.set_title("Reports reviewed against the team's target", fontsize=10)
    for axes in (rounds_axes, review_axes):
        axes.spines[["top", "right"]].set_visible(False)
    return Chart("report-reviews", "States' reporting and the review of reports", _png(figure))


def charts(goal: Goal) -> list[Chart]:
    return [met_share(goal), time_to_match(goal), ageing(goal), gaps_heat_map(goal), report_reviews(goal)]


def html(goal: Goal, drawn: list[Chart]) -> str:
    page = environment().get_template("editions/goal.html")
    return page.render(goal=goal, charts=drawn)


def write(goal: Goal, out: Path) -> list[Path]:
    """goal-report-MONTH.html plus one PNG per chart in `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    drawn = charts(goal)
    written = []
    for chart in drawn:
        path = out / f"goal-{goal.month}-{chart.name}.png"
        path.write_bytes(chart.png)
        written.append(path)
    page = out / f"goal-report-{goal.month}.html"
    page.write_text(html(goal, drawn), encoding="utf-8")
    return [page, *written]
