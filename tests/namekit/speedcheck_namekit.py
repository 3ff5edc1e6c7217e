"""Hand-run speed check, not a test: skeleton + blocking_keys over 200,000 generated names.

Run from the repository root:  .venv/bin/python tests/namekit/speedcheck_namekit.py
Linkage has a 50 s budget for ~200,000 records on 2 cores; names must cost well under 5 s of it.
Names mix scripts, orders and patronymics like real lists, and are unique enough that caches
do not hide the cost of new spellings.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from namekit import (
    KAZAKH_GIVEN_NAMES_FEMALE,
    KAZAKH_GIVEN_NAMES_MALE,
    KAZAKH_SURNAME_STEMS,
    blocking_keys,
    make_surname,
    name_forms,
    skeleton,
)


def generate(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        gender = rng.choice(("male", "female"))
        given = rng.choice(KAZAKH_GIVEN_NAMES_FEMALE if gender == "female" else KAZAKH_GIVEN_NAMES_MALE)
        stem = rng.choice(KAZAKH_SURNAME_STEMS)
        family = make_surname(stem, gender, rng.choice(("russian", "russian", "kazakh")))
        forms = name_forms(f"{given} {family}")
        text = forms[rng.choice(list(forms))]
        if rng.random() < 0.4:
            text = " ".join(reversed(text.split()))
        if rng.random() < 0.2:
            # A typo makes a fresh spelling, so the per-token cache cannot answer everything.
            position = rng.randrange(len(text))
            text = text[:position] + rng.choice("aeiouкнт") + text[position + 1 :]
        names.append(text)
    return names


def main() -> None:
    names = generate(200_000)
    print(f"{len(set(names))} distinct names of {len(names)}")
    # CPU time as well as wall time: on a shared machine the wall clock includes other people's work.
    started, started_cpu = time.perf_counter(), time.process_time()
    for name in names:
        skeleton(name)
        blocking_keys(name)
    elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    print(f"skeleton + blocking_keys on {len(names)} names: {elapsed:.2f} s wall, {elapsed_cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
