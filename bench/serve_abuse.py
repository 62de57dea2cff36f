#!/usr/bin/env python3
"""Abuse load test of `dateline serve` on loopback (standard library only).

Runs normal API traffic alone, then alongside abusive clients: searches repeating one word
thousands of times, searches of 32 distinct common words (the most the cap lets through),
1,100 slowloris connections dribbling their headers, requests naming another Host, and
huge offsets. Prints the normal traffic's latency (p50, p99, max) and errors per phase,
and what the abusive requests were answered.

    python3 bench/serve_abuse.py --port 8080 [--baseline 10] [--abuse 40] [--slowloris 1100]
"""

import argparse
import http.client
import random
import socket
import threading
import time
from collections import Counter

WORDS = ("government minister election labour tory party vote tax budget blair brown howard "
         "kennedy chancellor health school police court law bill lords plans report war iraq "
         "europe trade jobs economy campaign leader prime said people mps commons public").split()
COMMON = ("the of to and a in that is for it on was he with as be by at said have from his "
          "not are but has an they were had will this which").split()[:32]


def get(port, path, host=None, timeout=15):
    """One GET on a new connection: (status, seconds); status is an exception name on failure."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        headers = {"Connection": "close"}
        if host:
            conn.putrequest("GET", path, skip_host=True)
            conn.putheader("Host", host)
            for k, v in headers.items():
                conn.putheader(k, v)
            conn.endheaders()
        else:
            conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status, time.perf_counter() - started
    except Exception as e:  # noqa: BLE001 - every failure counts as an error
        return type(e).__name__, time.perf_counter() - started


def normal_path(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return "/api/stats"
    if kind == 1:
        return f"/api/events?limit=50&offset={rng.randrange(20)}"
    if kind == 2:
        return f"/api/search?q={rng.choice(WORDS)}+{rng.choice(WORDS)}&limit=10"
    if kind == 3:
        return f"/api/entities?q={rng.choice(WORDS)[:4]}&limit=20"
    return f"/api/documents?limit=20&offset={rng.randrange(30)}"


class Phase:
    def __init__(self, name):
        self.name = name
        self.latencies = []
        self.errors = Counter()
        self.lock = threading.Lock()

    def record(self, status, seconds):
        with self.lock:
            self.latencies.append(seconds)
            if status != 200:
                self.errors[str(status)] += 1

    def report(self):
        lat = sorted(self.latencies)
        if not lat:
            print(f"{self.name}: no requests")
            return
        pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
        errors = sum(self.errors.values())
        detail = f" ({dict(self.errors)})" if errors else ""
        print(f"{self.name}: {len(lat)} normal requests, p50 {pct(0.50):.1f} ms, "
              f"p99 {pct(0.99):.1f} ms, max {lat[-1] * 1000:.1f} ms, errors {errors}{detail}")


def normal_traffic(port, phase, stop, seed):
    rng = random.Random(seed)
    while not stop.is_set():
        phase.record(*get(port, normal_path(rng)))
        time.sleep(0.01)


def abuser(port, name, make_path, stop, answers, host=None, pause=0.0):
    rng = random.Random(name)
    while not stop.is_set():
        status, seconds = get(port, make_path(rng), host=host, timeout=30)
        with answers["lock"]:
            answers[name][str(status)] += 1
            answers[name + " max s"] = max(answers.get(name + " max s", 0.0), seconds)
        if pause:
            time.sleep(pause)


def slowloris(port, count, stop, stats):
    """Keeps `count` connections open, each dribbling one header byte every second."""
    socks = []
    opened = closed = 0
    while not stop.is_set():
        while len(socks) < count and not stop.is_set():
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-a: ")
                s.setblocking(False)
                socks.append(s)
                opened += 1
            except OSError:
                break
        alive = []
        for s in socks:
            try:
                s.send(b"a")
                alive.append(s)
            except OSError:
                closed += 1
                s.close()
        socks = alive
        stats["open now"] = len(socks)
        stop.wait(1.0)
    for s in socks:
        s.close()
    stats["opened"], stats["closed by server"] = opened, closed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--baseline", type=float, default=10, help="seconds of normal traffic alone")
    ap.add_argument("--abuse", type=float, default=40, help="seconds of normal traffic with abuse")
    ap.add_argument("--clients", type=int, default=4, help="normal clients")
    ap.add_argument("--slowloris", type=int, default=1100, help="half-open connections")
    args = ap.parse_args()
    port = args.port

    base = Phase("normal traffic alone")
    stop = threading.Event()
    threads = [threading.Thread(target=normal_traffic, args=(port, base, stop, i))
               for i in range(args.clients)]
    for t in threads:
        t.start()
    time.sleep(args.baseline)
    stop.set()
    for t in threads:
        t.join()
    base.report()

    loaded = Phase("normal traffic with abuse")
    stop = threading.Event()
    answers = {"lock": threading.Lock()}
    abusive = {
        "repeated-word search (5,000 x)": lambda r: "/api/search?q=" + "+".join(
            [r.choice(WORDS)] * 5000) + f"&limit={r.randrange(1, 1000)}",
        "32 common words search": lambda r: "/api/search?q=" + "+".join(
            r.sample(COMMON, len(COMMON))) + f"&limit={r.randrange(900, 1000)}",
        "events text, 3,000 words": lambda r: "/api/events?text=" + "+".join(
            f"{r.choice(WORDS)}{i}" for i in range(3000)),
        "huge offset": lambda r: "/api/events?offset=18446744073709551615",
    }
    for name in abusive:
        answers[name] = Counter()
    answers["bad Host"] = Counter()
    sl_stats = {}
    threads = [threading.Thread(target=normal_traffic, args=(port, loaded, stop, 100 + i))
               for i in range(args.clients)]
    for name, make in abusive.items():
        for k in range(2):
            threads.append(threading.Thread(target=abuser, args=(port, name, make, stop, answers),
                                            name=f"{name}-{k}"))
    threads.append(threading.Thread(
        target=abuser, args=(port, "bad Host", lambda r: "/api/stats", stop, answers),
        kwargs={"host": "evil.example", "pause": 0.01}))
    threads.append(threading.Thread(target=slowloris, args=(port, args.slowloris, stop, sl_stats)))
    for t in threads:
        t.start()
    time.sleep(args.abuse)
    stop.set()
    for t in threads:
        t.join()
    loaded.report()
    print("abusive requests, answered:")
    for name in list(abusive) + ["bad Host"]:
        print(f"  {name}: {dict(answers[name])}, slowest {answers.get(name + ' max s', 0):.2f} s")
    print(f"  slowloris: {sl_stats}")
    after = Phase("normal traffic after")
    for i in range(20):
        after.record(*get(port, normal_path(random.Random(i))))
    after.report()


if __name__ == "__main__":
    main()
