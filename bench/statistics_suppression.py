"""Benchmark (issue 11): secondary suppression of the API's largest three-way tables.

The exact elimination that finds hidden counts given away through chains of lines is the
costly step; it is timed against the line rule alone on the same tables (the baseline, the
elimination switched off), so the ratio is what the elimination adds. Counts are drawn
heavy-tailed, as a year of cases spreads over states: most cells small, a few large.

    .venv/bin/python bench/statistics_suppression.py
"""

import random
from functools import partial
from itertools import product

from timing import median_ms

from caseflow.domain import statistics
from caseflow.domain.cases import PLATFORMS, SOCA_SECTIONS, AbuseForm

STATES = [f"S{n:02d}" for n in range(16)]
AGE_BANDS = ["0-5", "6-9", "10-12", "13-15", "16-17", "unknown"]
TABLES = {
    "state x abuse form x age band": [STATES, [f.value for f in AbuseForm], AGE_BANDS],
    "state x platform x SOCA section": [STATES, [*PLATFORMS, "none"], [*SOCA_SECTIONS, "none"]],
}
RUNS = 5


def cells_of(values, mean: float, chance: random.Random) -> dict:
    return {key: int(chance.expovariate(1 / mean)) for key in product(*values)}


def main() -> None:
    chance = random.Random(11)
    for name, values in TABLES.items():
        for mean in (3.0, 20.0):
            cells = cells_of(values, mean, chance)
            run = partial(statistics.suppress, ("a", "b", "c"), values, cells)
            full = run()
            exact = median_ms(run, RUNS)
            original = statistics.determined
            statistics.determined = lambda hidden, lines: set()
            try:
                lines_only = run()
                baseline = median_ms(run, RUNS)
            finally:
                statistics.determined = original
            print(
                f"{name}, mean count {mean:>4}: {len(cells)} cells, "
                f"{len(full.hidden)} hidden ({len(lines_only.hidden)} by the line rule alone); "
                f"{exact:.0f} ms median vs {baseline:.0f} ms line rule only "
                f"(x{exact / baseline:.1f})"
            )


if __name__ == "__main__":
    main()
