"""Load the HTTP service as its clients would: a local uvicorn, concurrent clients, real sockets.

    python benchmarks/service.py [--requests 2000] [--clients 8] [--trials 200]

Starts ``create_app(trials=..., threads=2)`` under uvicorn on 127.0.0.1 in its own process, then:

1. Serially, one request per case (every bundled example at 8 seeds): the bytes each case
   answers, checked against ``em.plan(...).model_dump_json()`` in this process.
2. ``--requests`` plans from ``--clients`` concurrent clients, cycling over the cases: the
   throughput, the latency percentiles, and whether every answer is byte for byte the serial
   answer of its case (a plan must not depend on what else the server is doing).

The reference is the same plans computed serially in this process, without HTTP: the ratio
says what serving costs (or, with threads on two cores, gains). Every figure is of this run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

import eminence as em

SEEDS = range(8)


def main() -> int:
    options = _options()
    cases = [(name, seed) for name in em.examples() for seed in SEEDS]
    bodies = {name: em.dump(em.example(name)).encode() for name in em.examples()}
    port = _free_port()
    server = _serve(port, options.trials)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base)
        with httpx.Client(base_url=base, timeout=60) as client:
            serial = {case: _plan(client, bodies, case, options.trials)[0] for case in cases}
        library = {
            case: em.plan(em.example(case[0]), seed=case[1], trials=options.trials)
            .model_dump_json()
            .encode()
            for case in cases
        }
        started = time.perf_counter()
        for name, seed in cases:  # the reference: the same plans, in process, one by one
            em.plan(em.example(name), seed=seed, trials=options.trials).model_dump_json()
        reference = (time.perf_counter() - started) / len(cases)

        asked = list(itertools.islice(itertools.cycle(cases), options.requests))
        local = _Clients(base, bodies, options.trials)
        started = time.perf_counter()
        with ThreadPoolExecutor(options.clients) as pool:
            answers = list(pool.map(local.plan, asked))
        elapsed = time.perf_counter() - started
        local.close()
    finally:
        server.terminate()
        server.wait(timeout=30)

    latencies = sorted(latency for _, latency, _ in answers)
    failed = sum(status != 200 for _, _, status in answers)
    differ = sum(body != serial[case] for case, (body, _, _) in zip(asked, answers, strict=True))
    unlike_library = sum(serial[case] != library[case] for case in cases)
    throughput = len(answers) / elapsed
    print(
        f"service: {options.requests} plans ({options.trials} trials) from {options.clients} "
        f"clients, uvicorn on 127.0.0.1, 2 planning threads, {os.cpu_count()} cores"
    )
    print(f"  throughput        {throughput:8.1f} plans/s  ({elapsed:.1f} s)")
    print(f"  latency p50       {1000 * _percentile(latencies, 50):8.1f} ms")
    print(f"  latency p95       {1000 * _percentile(latencies, 95):8.1f} ms")
    print(f"  latency p99       {1000 * _percentile(latencies, 99):8.1f} ms")
    print(f"  reference         {1 / reference:8.1f} plans/s  (in process, serial, no HTTP)")
    print(f"  ratio             {throughput * reference:8.2f} x the reference")
    print(f"  not 200           {failed:8d}")
    print(f"  concurrent bytes differing from the serial answer: {differ} of {len(answers)}")
    print(f"  serial answers differing from em.plan in process:  {unlike_library} of {len(cases)}")
    return 0 if failed == differ == unlike_library == 0 else 1


class _Clients:
    """One HTTP client per thread, as separate users would have."""

    def __init__(self, base: str, bodies: dict[str, bytes], trials: int) -> None:
        self.base, self.bodies, self.trials = base, bodies, trials
        self._made: list[httpx.Client] = []
        self._local = threading.local()

    def plan(self, case: tuple[str, int]) -> tuple[bytes, float, int]:
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = httpx.Client(base_url=self.base, timeout=60)
            self._made.append(client)
        return _plan(client, self.bodies, case, self.trials)

    def close(self) -> None:
        for client in self._made:
            client.close()


def _plan(
    client: httpx.Client, bodies: dict[str, bytes], case: tuple[str, int], trials: int
) -> tuple[bytes, float, int]:
    name, seed = case
    started = time.perf_counter()
    response = client.post(f"/plan?seed={seed}&trials={trials}", content=bodies[name])
    return response.content, time.perf_counter() - started, response.status_code


def _serve(port: int, trials: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from eminence.service import create_app; "
        f"uvicorn.run(create_app(trials={trials}, threads=2, waiting=64, time_budget=60), "
        f"host='127.0.0.1', port={port}, log_level='warning')"
    )
    return subprocess.Popen([sys.executable, "-c", code])


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/schemas/profile", timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the service did not start within 60 s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _percentile(ordered: list[float], percent: float) -> float:
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(percent) - 1]


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="plans to ask for (2000)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--trials", type=int, default=200, help="draws per plan (200)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
