"""Shared writer for docs/benchmarks.md so every benchmark reports machine and date the same way.

Each benchmark owns one section between ``<!-- bench:NAME:start -->`` and ``<!-- bench:NAME:end -->``
markers; rewriting a section never touches the others, so benchmarks run by different people
can share one file.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Figures written by the benchmark scripts in `bench/`; each section is replaced whole when its\n"
    "benchmark is re-run. Do not edit between the markers by hand.\n"
)


def machine_description() -> str:
    """One line naming CPU model, cores, RAM and Python, because figures mean nothing without them."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown RAM"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, {ram}, Python {platform.python_version()} ({platform.system()})"


def write_section(name: str, markdown: str, path: Path | None = None) -> Path:
    """Replace (or append) the section ``name`` of docs/benchmarks.md, stamped with machine and date."""
    path = path or DOC_PATH
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    stamp = f"_Measured {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} on {machine_description()}._\n\n"
    block = f"{start}\n{stamp}{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text, replaced = pattern.subn(lambda _m: block, text)
    if not replaced:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
