#!/usr/bin/env python3
"""Where a server's time went: sums up the folded stacks `bench/run --profile` has
py-spy write (one line per stack, `frame;frame;... count`), as the share of samples
each function was running in (inclusive) and on top of the stack (self).

    bench/profile.py bench/results/<when>-nodes2-relay-400-node1.folded [--top 25]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# "name (path/to/module.py:123)" → "name (module.py)": lines apart are one function.
FRAME = re.compile(r"^(?P<name>.*?) \((?P<path>[^():]*)(?::\d+)?\)$")


def function_of(frame: str) -> str:
    match = FRAME.match(frame.strip())
    if match is None:
        return frame.strip()
    path = match["path"]
    tail = "/".join(path.split("/")[-2:]) if path else "?"
    return f"{match['name']} ({tail})"


# Where a relayed message's time goes, in the order a sample is matched: the first
# part whose function is on the sample's stack takes it.
PARTS = (
    # redis-py's socket write can show without the frames above it (py-spy sees
    # the coroutine the loop resumed); in a relay window nothing else writes.
    (
        "Redis: publish (the writer, its socket writes)",
        ("RedisBus._write_outbox", "AbstractConnection._send_packed_command"),
    ),
    ("Redis: read our channel, hand frames over", ("RedisBus._listen",)),
    ("relay: to the room's others (here or queued)", ("InlineManager.relay",)),
    ("relay: to the room's others (here or queued)", ("NodeManager.relay",)),
    ("relay: checks on the frame (rate, sender, JSON)", ("FrameGuard.handle",)),
    ("websocket: write frames (flush)", ("LeanWebSocket.flush",)),
    ("websocket: read frames (aiohttp)", ("LeanSocket._websocket_handler",)),
)
LOOP = "event loop and sockets (C, no Python frame)"


def part_of(functions: list[str]) -> str:
    names = {function.split(" (")[0] for function in functions}
    for part, markers in PARTS:
        if any(marker in names for marker in markers):
            return part
    if functions and functions[-1].startswith("run_app "):
        return LOOP
    return "other"


def read(path: Path) -> tuple[Counter[str], Counter[str], int]:
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        # The first frame names the thread (py-spy's raw format).
        functions = [function_of(f) for f in stack.split(";")[1:]]
        if not functions:
            continue
        total += count
        own[functions[-1]] += count
        own["PART " + part_of(functions)] += count
        for function in set(functions):
            inclusive[function] += count
    return inclusive, own, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--top", type=int, default=25, help="rows (default 25)")
    args = parser.parse_args()
    inclusive, own, total = read(args.path)
    if not total:
        print("no samples")
        return
    print(f"{total} samples (200 a second while the process ran Python)")
    parts = Counter({k[5:]: v for k, v in own.items() if k.startswith("PART ")})
    own = Counter({k: v for k, v in own.items() if not k.startswith("PART ")})
    tables = (("where the time went", parts), ("inclusive", inclusive), ("self", own))
    for title, counts in tables:
        print(f"  {title}:")
        for function, count in counts.most_common(args.top):
            print(f"    {100 * count / total:5.1f}%  {function}")


if __name__ == "__main__":
    main()
