"""Benchmark: this code against an earlier revision, request by request, taking turns.

This machine's speed drifts by half within an hour (the same Python loop takes 57 to 108 ms),
so two runs of bench/million.py an hour apart cannot tell a 5 ms change. Here both versions
serve from their own process at the same time, on the same database: each page is asked 5
times of one, then 5 times of the other, in alternating order, and each side's median is
printed with the difference. The earlier revision is checked out into a temporary git
worktree; the pages are those of bench/million.py (its typical and heaviest case, the work
queue, the incoming referrals) and the supervisor's dashboard, asked in turn so that each page
follows the others, as on a server (`--only dashboard` asks only the pages whose name holds
the word).

    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/interleaved.py --base c9ee4f0
"""

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_TURN = 5


def serve() -> None:
    """One side: the code at $CODE, reading "who path count" lines, answering with timings."""
    sys.path.insert(0, os.environ["CODE"])
    from timing import signed_in_client

    from caseflow import create_app
    from config import TestingConfig, normalise_database_url

    logging.disable(logging.CRITICAL)  # each side's request log would fill the terminal
    url = normalise_database_url(os.environ["BENCH_DATABASE_URL"])
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    clients = {}
    for line in sys.stdin:
        who, path, count = line.split()
        if who not in clients:
            clients[who] = signed_in_client(app, who)
        times = []
        for _ in range(int(count)):
            started = time.perf_counter()
            assert clients[who].get(path).status_code == 200, path
            times.append(time.perf_counter() - started)
        print(" ".join(f"{t * 1000:.3f}" for t in times), flush=True)


def pages() -> list[tuple[str, str, str]]:
    """(name, who asks, path) of each page compared."""
    from million import protectors_office, sampled_cases

    from caseflow import create_app
    from config import TestingConfig, normalise_database_url

    url = normalise_database_url(os.environ["BENCH_DATABASE_URL"])
    with create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url).app_context():
        (heavy, steps), (typical, _) = sampled_cases(protectors_office())
    return [
        ("case page, a typical case", "jkm.protector", f"/cases/{typical}"),
        (f"case page, the heaviest ({steps} steps)", "jkm.protector", f"/cases/{heavy}"),
        ("work queue", "jkm.protector", "/cases"),
        ("incoming referrals", "jkm.protector", "/referrals"),
        ("supervisor dashboard", "jkm.supervisor", "/dashboard"),
    ]


class Side:
    def __init__(self, name: str, code: Path):
        self.name = name
        env = {**os.environ, "CODE": str(code), "PYTHONPATH": str(code)}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            cwd=code,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, who: str, path: str, count: int) -> list[float]:
        self.process.stdin.write(f"{who} {path} {count}\n")
        self.process.stdin.flush()
        return [float(t) for t in self.process.stdout.readline().split()]

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="HEAD~1", help="the revision to compare against")
    parser.add_argument("--turns", type=int, default=16, help="turns of 5 requests per side")
    parser.add_argument("--only", help="only the pages whose name holds this word")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve()
    checks = [page for page in pages() if not args.only or args.only in page[0]]
    with tempfile.TemporaryDirectory(prefix="caseflow-base-") as folder:
        base_code = Path(folder) / "base"
        git = ["git", "-C", str(ROOT)]
        checkout = ["worktree", "add", "-q", "--detach", str(base_code), args.base]
        subprocess.run([*git, *checkout], check=True)
        try:  # the catalogues are built, not kept in git: a page in Malay needs them
            babel = [sys.executable, "-m", "babel.messages.frontend", "-q", "compile"]
            translations = str(base_code / "caseflow" / "translations")
            subprocess.run([*babel, "-D", "messages", "-d", translations], check=True)
            sides = [Side(args.base, base_code), Side("this code", ROOT)]
            times = {(side.name, path): [] for side in sides for _, _, path in checks}
            for _, who, path in checks:  # warm: caches, prepared statements, kept plans
                for side in sides:
                    side.ask(who, path, 15)
            for turn in range(args.turns):
                for _, who, path in checks:
                    for side in sides if turn % 2 == 0 else reversed(sides):
                        times[(side.name, path)] += side.ask(who, path, PER_TURN)
            for side in sides:
                side.stop()
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(base_code)], check=True)
    base, ours = (side.name for side in sides)
    print(f"{args.turns * PER_TURN} requests per page and side, in turns of {PER_TURN}")
    print(f"{'request':<36}{base[:12]:>12}{'this code':>12}{'difference':>12}")
    for label, _, path in checks:
        before = statistics.median(times[(base, path)])
        after = statistics.median(times[(ours, path)])
        print(f"{label:<36}{before:>10.1f}ms{after:>10.1f}ms{after - before:>+10.1f}ms")


if __name__ == "__main__":
    main()
