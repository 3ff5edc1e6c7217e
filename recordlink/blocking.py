"""Blocking: which record pairs are worth comparing at all.

Comparing every pair of 200,000 records is 2·10^10 comparisons; blocking brings that down to a few per
record. Keys are built on script-independent name keys, so a record in Cyrillic and its passport Latin
twin share them; phone and e-mail give exact keys that survive a badly mangled name. Oversized blocks
(a very common name) are not dropped but walked as a sorted neighbourhood, once by birth year and once
by region and craft, which keeps the real duplicates together without comparing every namesake with
every other; the second pass is for the records with no year, which the first puts after all the years.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

MAX_BLOCK = 30  # compare all pairs up to this block size
WINDOW = 5  # sorted-neighbourhood window inside larger blocks


def record_keys(core: Sequence[str], year: int, phone: str, email: str, extra: Iterable[str] = ()) -> set[str]:
    """Blocking keys of one record; any two records of one person should share at least one."""
    keys: set[str] = set()
    if core:
        keys.add("n|" + "|".join(sorted(core)))
    if len(core) >= 2:
        for t in core:
            for o in core:
                if o is not t:
                    keys.add(f"t|{t}|{o[:4]}")  # a typo late in either token still shares a key
        if year:
            # Surname (the last part when both are known) with the year: catches a typo early in the
            # given name. Given name + year would be a huge block of unrelated people.
            keys.add(f"y|{core[-1]}|{year}")
            for t in core:
                for o in core:
                    if o is not t:
                        # A typo in the third or fourth letter of the other part ("Shkirov", "Baizahnov")
                        # breaks the key above; two letters and the year keep the block small.
                        keys.add(f"g|{t}|{o[:2]}|{year}")
    if phone:
        keys.add("p|" + phone)
    if email:
        keys.add("e|" + email)
    for k in extra:
        keys.add("k|" + k)
    return keys


def build_blocks(keys_per_record: Iterable[Iterable[str]]) -> dict[str, list[int] | int]:
    """key -> ascending record indices; consumes the iterable so key sets need not all be kept.

    Most keys (a phone, an e-mail, a rare spelling) belong to one record: such a key holds that record's index
    itself, not a list of one, which saves a third of the memory of a large file's blocks.
    """
    blocks: dict[str, list[int] | int] = {}
    for i, keys in enumerate(keys_per_record):
        for k in keys:
            b = blocks.get(k)
            if b is None:
                blocks[k] = i
            elif b.__class__ is int:
                blocks[k] = [b, i]
            else:
                b.append(i)
    return blocks


# Pairs are gathered in arrays by ranges of their first record, this many ranges at most, and each range is
# sorted and rid of repeats on its own: a set of all pairs at once costs 60-80 bytes a pair, the arrays 8.
PAIR_RANGES = 64


def candidate_pairs(
    blocks: dict[str, list[int] | int],
    *sort_keys: Sequence[tuple],
    max_block: int = MAX_BLOCK,
    window: int = WINDOW,
) -> array:
    """Unique candidate pairs encoded as i * n + j (i < j), ascending, as a compact int64 array.

    An oversized block is walked once per sort key (each a per-record tuple), so a record that one
    order puts far from its twin (no birth year sorts after all the years) meets it in another.
    Empties ``blocks`` as it goes, to keep peak memory down on large inputs.
    """
    n = len(sort_keys[0])
    width = n // PAIR_RANGES + 1
    ranges = [array("q") for _ in range(PAIR_RANGES)]
    while blocks:
        _key, members = blocks.popitem()
        if members.__class__ is int:
            continue
        m = len(members)
        if m <= max_block:
            for x in range(m - 1):
                i = members[x]
                base = i * n
                add = ranges[i // width].append
                for y in range(x + 1, m):
                    add(base + members[y])  # members are ascending: they were appended in index order
        else:
            for sort_key in sort_keys:
                ordered = sorted(members, key=sort_key.__getitem__)
                for x in range(m):
                    i = ordered[x]
                    for y in range(x + 1, min(m, x + 1 + window)):
                        j = ordered[y]
                        if i < j:
                            ranges[i // width].append(i * n + j)
                        else:
                            ranges[j // width].append(j * n + i)
    out = array("q")
    for k in range(PAIR_RANGES):
        out.extend(sorted(set(ranges[k])))
        ranges[k] = None  # freed as soon as it is copied
    return out
