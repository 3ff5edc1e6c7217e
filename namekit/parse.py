"""Split a full name into given name, family name and patronymic, whatever the order.

Registries write "Фамилия Имя Отчество" (Russian ФИО order), Kazakh forms write "Серік Рысбекұлы",
English lists write "Aizhan Bekkulova".  Order is therefore decided from the tokens themselves,
strongest signal first:

1. a patronymic ending (-ович/-овна, -ұлы/-қызы, joined or written apart) marks the patronymic;
2. a surname ending (-ов/-ева/-ин/-ская …) marks the family name;
3. a name in the given-name lists (:mod:`namekit.names_data`) marks the given name;
4. otherwise position: family first when a patronymic closes the name (ФИО), given first otherwise.

A Kazakh patronymic with no other surname beside it *is* the surname ("Серік Рысбекұлы" is how
many Kazakhs are registered), so it is returned as the family name.  Gender is read from the
patronymic, then the surname ending, then the given-name lists; it is a signal, not a fact.
"""

from dataclasses import dataclass
from typing import NamedTuple

from namekit.skeleton import KAZAKH_PATRONYMIC_ENDINGS, TokenInfo, analyse_token, split_tokens


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One person's name split into its parts, in the spelling it was written in."""

    given: str = ""
    family: str = ""
    patronymic: str = ""
    gender_hint: str = ""  # "female", "male" or "" when nothing tells


def _is_kazakh_patronymic(phonetic: str) -> bool:
    return phonetic.endswith(KAZAKH_PATRONYMIC_ENDINGS)


class _Parse(NamedTuple):
    tokens: tuple[str, ...]
    infos: tuple[TokenInfo, ...]
    given: tuple[int, ...]
    family: int  # -1 when absent
    patronymic: int  # -1 when absent
    gender: str


def parse_tokens(text: str) -> _Parse:
    """Token-level parse shared by :func:`parse_name` and the keys (which need the stems, not text)."""
    tokens = split_tokens(text)
    infos = tuple(analyse_token(token) for token in tokens)
    if not tokens:
        return _Parse(tokens, infos, (), -1, -1, "")
    if len(tokens) == 2 and infos[0].kind != "patronymic" and infos[1].kind != "patronymic":
        # Most names are two tokens with no patronymic; this is the general rule below, unrolled,
        # because linkage parses every record.
        first, second = infos
        if first.kind == "family":
            family_index = 0
        elif second.kind == "family" or not second.is_given:
            family_index = 1
        else:
            family_index = 0 if not first.is_given else 1
        given_index = 1 - family_index
        gender = infos[family_index].gender or infos[given_index].gender
        return _Parse(tokens, infos, (given_index,), family_index, -1, gender)

    patronymic_index = -1
    patronymics = [index for index, info in enumerate(infos) if info.kind == "patronymic"]
    if patronymics:
        patronymic_index = patronymics[-1]
        others = [index for index in range(len(tokens)) if index != patronymic_index]
        has_surname = any(infos[index].kind == "family" for index in others)
        if not has_surname and len(others) <= 1 and _is_kazakh_patronymic(infos[patronymic_index].phonetic):
            patronymic_index = -1
    rest = [index for index in range(len(tokens)) if index != patronymic_index]

    family_first = patronymic_index == len(tokens) - 1 and len(rest) >= 2
    family_index = -1
    if len(rest) == 1:
        if not infos[rest[0]].is_given:
            family_index = rest[0]
    elif rest:
        marked = [index for index in rest if infos[index].kind in ("family", "patronymic")]
        unknown = [index for index in rest if not infos[index].is_given]
        if marked:
            family_index = marked[0]
        elif unknown:
            family_index = unknown[0] if family_first or len(unknown) == 1 else unknown[-1]
        else:
            family_index = rest[0] if family_first else rest[-1]

    given_indexes = tuple(index for index in rest if index != family_index)
    gender = ""
    for index in (patronymic_index, family_index, *given_indexes):
        if index >= 0 and infos[index].gender:
            gender = infos[index].gender
            break
    return _Parse(tokens, infos, given_indexes, family_index, patronymic_index, gender)


def parse_name(text: str) -> ParsedName:
    """Parse a full name in any script and order into given, family, patronymic and a gender hint."""
    parse = parse_tokens(text)
    return ParsedName(
        given=" ".join(parse.tokens[index] for index in parse.given),
        family=parse.tokens[parse.family] if parse.family >= 0 else "",
        patronymic=parse.tokens[parse.patronymic] if parse.patronymic >= 0 else "",
        gender_hint=parse.gender,
    )
