"""The goal report of a month: charts a person reads at a glance, written as PNG files and embedded in
one self-contained HTML page. Figures are made without pyplot (matplotlib's Agg canvas, no global
state), so API threads can draw at the same time."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from service.editions.exports.html import environment
from service.goal.logic import MEMBER_STATES, Goal
from service.vocab import ACTIVE_REQUEST_STATUSES, AREA_SHORT

BLUE, GREY, RED, AMBER, GREEN = "#1f4e79", "#9aa5b1", "#c0392b", "#e0a100", "#2e7d32"
# Drawn at 100 dpi and shown at their natural width (up to 800 px) on the page, so 11 pt text stays at
# least 10 pt wherever the chart is shown at 90 % of its size or more.
DPI, WIDTH, FONT = 100, 8.0, 11
ACTIVE_WORDS = ", ".join(s.replace("_", " ") for s in ACTIVE_REQUEST_STATUSES)

Cell = str | int | float | None


def _whole() -> MaxNLocator:
    """Ticks at whole numbers: the axes that count requests or reports never read 0.25."""
    return MaxNLocator(integer=True)


@dataclass(frozen=True)
class Table:
    """The cells a chart is drawn from, for the page's "Figures" (and anyone who cannot see the chart)."""

    caption: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    png: bytes
    tables: list[Table] = field(default_factory=list)

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _styled(axes: Axes) -> Axes:
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=FONT)
    return axes


def _figure(height: float = 3.8, rows: int = 1, **grid: Any) -> tuple[Figure, Any]:
    """A figure of `rows` styled axes stacked (one Axes, or a list of them when rows > 1)."""
    figure = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    if rows == 1:
        return figure, _styled(figure.subplots())
    return figure, [_styled(a) for a in figure.subplots(rows, 1, **grid)]


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _percent(share: float | None) -> str | None:
    return f"{100 * share:.0f}%" if share is not None else None


def met_share(goal: Goal) -> Chart:
    # Two panels: the share against the goal on its own percentage axis, the monthly counts below, so
    # no count bar reaches the goal line and looks like the goal met.
    figure, (share_axes, count_axes) = _figure(height=5.2, rows=2, sharex=True, height_ratios=(3, 2))
    months = [p.month for p in goal.series]
    shares = [100 * (p.share_met or 0) for p in goal.series]
    share_axes.plot(months, shares, color=BLUE, marker="o", linewidth=2.5)
    share_axes.axhline(100, color=GREEN, linestyle="--", linewidth=1.5)
    share_axes.text(0, 102, "goal: every reasonable request met (100%)", color=GREEN, va="bottom",
                    fontsize=FONT)  # fmt: skip
    share_axes.set_ylim(0, 118)
    share_axes.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    share_axes.set_ylabel("share met to date", fontsize=FONT)
    share_axes.annotate(f"{shares[-1]:.0f}%", (months[-1], shares[-1]), xytext=(6, -14),
                        textcoords="offset points", fontsize=FONT, color=BLUE)  # fmt: skip
    count_axes.bar(months, [p.met_in_month for p in goal.series], color=GREY)
    count_axes.set_ylabel("met in the month", fontsize=FONT)
    count_axes.yaxis.set_major_locator(_whole())
    count_axes.tick_params(axis="x", labelrotation=45)
    table = Table(
        "Share met to date and requests met in each month",
        ("Month", "Reasonable to date", "Met to date", "Share met", "Met in the month"),
        [(p.month, p.reasonable, p.met, _percent(p.share_met), p.met_in_month) for p in goal.series],
    )
    return Chart("met-share", "Share of reasonable requests met, by month", _png(figure), [table])


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
    axes.set_ylabel("median days", fontsize=FONT)
    axes.legend(frameon=False, fontsize=FONT)
    table = Table(
        "Median days from submission, among requests that reached the step in the month",
        ("Month", "To a match", "To the start of delivery"),
        [(p.month, p.median_days_to_match, p.median_days_to_delivery) for p in goal.series],
    )
    return Chart("time-to-match", "Median days from submission, by the month it happened", _png(figure),
                 [table])  # fmt: skip


def ageing(goal: Goal) -> Chart:
    figure, axes = _figure(height=3.0)
    bands = list(goal.ageing)
    counts = [goal.ageing[b] for b in bands]
    colours = [GREEN, BLUE, AMBER, RED][: len(bands)]
    axes.barh(bands[::-1], counts[::-1], color=colours[::-1])
    for y, count in enumerate(counts[::-1]):
        axes.text(count, y, f" {count}", va="center", fontsize=FONT)
    axes.set_xlabel(f"active requests ({ACTIVE_WORDS}) on {goal.as_of}, by age", fontsize=FONT)
    axes.xaxis.set_major_locator(_whole())
    table = Table(
        f"Active requests ({ACTIVE_WORDS}) by days since submission",
        ("Age", "Active requests"),
        list(goal.ageing.items()),
    )
    return Chart("ageing", f"Ageing of active requests ({ACTIVE_WORDS})", _png(figure), [table])


def gaps_heat_map(goal: Goal) -> Chart:
    grid = goal.gaps_by_area_and_region
    areas = sorted(grid, key=lambda a: AREA_SHORT.get(a, a))
    regions = sorted({r for row in grid.values() for r in row})
    figure, axes = _figure(height=max(2.8, 0.5 * len(areas) + 1.8))
    if not areas:
        axes.text(0.5, 0.5, "No gaps: every reasonable open request has a programme", ha="center",
                  va="center", fontsize=FONT)  # fmt: skip
        axes.set_axis_off()
    else:
        values = [[grid[a].get(r, 0) for r in regions] for a in areas]
        image = axes.imshow(values, cmap="Reds", aspect="auto", vmin=0)
        axes.set_xticks(range(len(regions)), regions)
        axes.set_yticks(range(len(areas)), [AREA_SHORT.get(a, a) for a in areas])
        axes.spines[["left", "bottom"]].set_visible(False)
        legend = figure.colorbar(image, ax=axes, shrink=0.9)
        legend.set_label("open reasonable requests\nno programme covers", fontsize=FONT)
        legend.ax.tick_params(labelsize=FONT)
        legend.ax.yaxis.set_major_locator(_whole())
        peak = max(max(row) for row in values) or 1
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if value:
                    axes.text(j, i, str(value), ha="center", va="center", fontsize=FONT,
                              color="white" if value > peak / 2 else "black")  # fmt: skip
    table = Table(
        "Open reasonable requests no programme covers, by area (rows) and region (columns); a request "
        "in several areas counts in each",
        ("Area", *regions),
        [(AREA_SHORT.get(a, a), *(grid[a].get(r, 0) for r in regions)) for a in areas],
    )
    return Chart("gaps", "Further means needed: gaps by area and region", _png(figure), [table])


REPORT_KINDS = (
    ("received on time", GREEN),
    ("received late", AMBER),
    ("missing", RED),
    ("not yet due", GREY),
)


def report_reviews(goal: Goal) -> Chart:
    figure = Figure(figsize=(WIDTH, 6.0), dpi=DPI, layout="constrained")
    rounds_axes, review_axes = (_styled(a) for a in figure.subplots(2, 1, height_ratios=(3, 2)))
    reports = goal.reports
    by_round = reports["by_round"]
    rounds = list(by_round)
    bottom = [0] * len(rounds)
    for kind, colour in REPORT_KINDS:
        counts = [by_round[r].get(kind, 0) for r in rounds]
        rounds_axes.bar([f"report {r}" for r in rounds], counts, bottom=bottom, color=colour, label=kind)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    rounds_axes.legend(frameon=False, fontsize=FONT, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    rounds_axes.set_title("Paragraph-6 reports by round", fontsize=FONT)
    rounds_axes.yaxis.set_major_locator(_whole())
    review_axes.xaxis.set_major_locator(_whole())
    reviewed, target, scaled = reports["reviewed"], reports["target"], reports.get("scaled_target")
    review_axes.barh(["reviewed"], [reviewed], color=BLUE)
    review_axes.text(reviewed, 0, f" {reviewed}", va="center", fontsize=FONT)
    if target and scaled is not None:
        label = f"target: {scaled} by {reports['target_date']}"
        review_axes.axvline(scaled, color=RED, linestyle="--", label=label)
        review_axes.legend(frameon=False, fontsize=FONT, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        review_axes.set_xlim(0, max(scaled, reviewed, 1) * 1.3)
        review_axes.set_title(
            f"Reviewed against the target scaled to the {reports['states']} states here "
            f"(global target {target} for {MEMBER_STATES})",
            fontsize=FONT,
        )
    else:
        review_axes.set_title("Reports reviewed", fontsize=FONT)
    rounds_table = Table(
        "Reports by round and how they arrived",
        ("Round", *(k for k, _ in REPORT_KINDS)),
        [(r, *(by_round[r].get(k, 0) for k, _ in REPORT_KINDS)) for r in rounds],
    )
    review_table = Table(
        f"Reports reviewed and the team's target for {reports['target_date'] or 'no date yet'}",
        (
            "Reviewed",
            f"Target for the {reports['states']} states here",
            f"Global target ({MEMBER_STATES} states)",
        ),
        [(reviewed, scaled, target)],
    )
    return Chart("report-reviews", "States' reporting and the review of reports", _png(figure),
                 [rounds_table, review_table])  # fmt: skip


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
