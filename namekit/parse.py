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

from namekit.skeleton import KAZAKH_PATRONYMIC_ENDINGS, analyse_token, split_tokens


@dataclass(frozen=True, slots=True)
class ParsedName:
    """One person's name split into its parts, in the spelling it was written in."""

    given: str = ""
    family: str = ""
    patronymic: str = ""
    gender_hint: str = ""  # "female", "male" or "" when nothing tells


def _is_kazakh_patronymic(phonetic: str) -> bool:
    return phonetic.endswith(KAZAKH_PATRONYMIC_ENDINGS)


def parse_name(text: str) -> ParsedName:
    """Parse a full name in any script and order into given, family, patronymic and a gender hint."""
    tokens = split_tokens(text)
    if not tokens:
        return ParsedName()
    infos = [analyse_token(token) for token in tokens]

    patronymic_index = -1
    patronymics = [index for index, info in enumerate(infos) if info.kind == "patronymic"]
    if patronymics:
        patronymic_index = patronymics[-1]
        others = [index for index in range(len(tokens)) if index != patronymic_index]
        has_surname = any(infos[index].kind == "family" for index in others)
        if (
            not has_surname
            and len(others) <= 1
            and _is_kazakh_patronymic(infos[patronymic_index].phonetic)
        ):
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

    given_indexes = [index for index in rest if index != family_index]
    gender = ""
    for index in (patronymic_index, family_index, *given_indexes):
        if index >= 0 and infos[index].gender:
            gender = infos[index].gender
            break
    return ParsedName(
        given=" ".join(tokens[index] for index in given_indexes),
        family=tokens[family_index] if family_index >= 0 else "",
        patronymic=tokens[patronymic_index] if patronymic_index >= 0 else "",
        gender_hint=gender,
    )
