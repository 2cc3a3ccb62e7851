"""The goal: "every reasonable request met" — monthly figures, charts and the goal report."""
