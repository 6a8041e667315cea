"""Benchmark: one working-day deadline (issue 4 target: under 1 ms, calendars cached).

Prints the median time of `caseflow.domain.clocks.deadline` for a 3-working-day clock in
Kedah, next to a baseline measured in the same run: building the state calendar afresh and
asking `holidays` for the nth working day, which is what an uncached engine would do.

    .venv/bin/python bench/clock_deadline.py
"""

import statistics
import time
from datetime import datetime, timedelta

import holidays

from caseflow.domain.clocks import MALAYSIA, Target, Unit, WorkCalendar, deadline

RUNS = 2000


def median_us(fn) -> float:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1e6


def main() -> None:
    start = datetime(2026, 3, 19, 10, tzinfo=MALAYSIA)
    calendar, target = WorkCalendar("KDH"), Target(3, Unit.DAYS)
    deadline(start, target, calendar)  # warm the cache, as a running process would be
    ours = median_us(lambda: deadline(start, target, calendar))
    baseline = median_us(
        lambda: holidays.Malaysia(subdiv="KDH", years=2026).get_nth_working_day(
            start.date() + timedelta(days=0), 3
        )
    )
    print(f"deadline (cached calendar): {ours:8.1f} us median over {RUNS} runs")
    print(f"baseline (fresh calendar):  {baseline:8.1f} us median")
    print(f"ratio ours/baseline:        {ours / baseline:8.3f}  (target: under 1000 us)")


if __name__ == "__main__":
    main()
