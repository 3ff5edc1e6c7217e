"""Letter tables: every letter of the Kazakh Cyrillic alphabet in each written form we support.

The tables are plain module-level dicts keyed by the *lowercase* Cyrillic letter so that the
tests can walk them letter by letter and other code can read them without calling anything.
Casing is applied afterwards by :mod:`namekit.translit`, which keeps the tables small.

Kazakh Cyrillic has 42 letters: the 33 Russian ones plus Ә Ғ Қ Ң Ө Ұ Ү Һ І.  В Ё Ф Х Һ Ц Ч Щ Ъ Ь Э
(and mostly Ю Я) occur only in loanwords and Russian-origin names, so several tables have to make a
choice for them; each choice is written next to the table.

2021 Kazakh Latin alphabet (the version presented by the government on 28 January 2021)
---------------------------------------------------------------------------------------
Native letters, as published::

    А a   Ә ä   Б b   В v   Г g   Ғ ğ   Д d   Е e   Ж j   З z   И i (İ)  Й i (İ)
    К k   Қ q   Л l   М m   Н n   Ң ñ   О o   Ө ö   П p   Р r   С s   Т t
    У u   Ұ ū   Ү ü   Ф f   Х h   Һ h   Ш ş   Ы y   І ı (I)

Note the pairs that trip people up: Cyrillic І is the *dotless* ı (capital I), Cyrillic И and Й are
the *dotted* i (capital İ), and Ы is y.  У is u (the 2018 draft's ý and the 2019 draft's w are gone).
For letters outside the native set the 2021 documents are not explicit; we use the values that the
published 2021 sample texts and converters use: Ч ç, Ц ts, Щ şç (ш+ч, its etymological value),
Ё io, Ю iu, Я ia (й+vowel, as in "Aziia" for Азия), Э e, and Ъ Ь dropped.

Passport (Kazakhstan identity documents)
-----------------------------------------
Kazakhstan passports follow ICAO Doc 9303 with the Kazakh letters folded onto their Russian
neighbours (Ә→A, Ғ→G, Қ→K, Ң→N, Ө→O, Ұ→U, Ү→U, Һ→H, І→I) and Й→I, Ж→ZH, Х→KH, Ц→TS, Ч→CH, Ш→SH,
Щ→SHCH, Ы→Y, Ю→IU, Я→IA, Ё→E, Ь dropped.  ICAO writes Ъ as IE; Ъ never occurs in Kazakh names, so we
drop it like Ь (this keeps the letter-by-letter key equal to the Cyrillic one).  Passport offices
commonly double a single С between vowels so that English readers do not voice it (Әсел → ASSEL,
Есенов → YESSENOV), and print YE for Е at the start of a word and after a vowel (YERLAN,
NAZARBAYEV); those rules live in :func:`namekit.translit.to_passport` because they need context.

BGN/PCGN 1979 (Kazakh)
----------------------
Ә ä, Ғ gh, Қ q, Ң ng, Ө ö, Ұ ū, Ү ü, Һ h, І i, Й y, Ж zh, Х kh, Ц ts, Ч ch, Ш sh, Щ shch, Ы y,
Ю yu, Я ya, Ё yo, Е e (ye at the start of a word and after a vowel — contextual, in translit).
BGN writes Ъ and Ь as the primes ʺ ʹ; personal names on documents never carry them, so we drop them.

Press (English-language newspapers)
-----------------------------------
The diacritic-free spelling English texts use for Kazakh people: BGN without diacritics, Қ k,
Ғ g, Ң n (press writes Shyngys and Zhenis, not Shynggys/Zhengis), Й i before a consonant or at the
end (Aizhan, Kairat) and y before a vowel (Nazarbayev), Е ye at the start and after a vowel.

Russian spelling
----------------
The nine Kazakh letters fold onto Russian ones (Ә→а, Ғ→г, Қ→к, Ң→н, Ө→о, Ұ→у, Ү→у, Һ→х, І→и);
the soft-sign rule and the exceptions list live in :mod:`namekit.translit` and
:mod:`namekit.names_data`.
"""

KAZAKH_CYRILLIC_ALPHABET: tuple[str, ...] = tuple("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")

KAZAKH_SPECIFIC_LETTERS: frozenset[str] = frozenset("әғқңөұүһі")

CYRILLIC_VOWELS: frozenset[str] = frozenset("аәеёиоөуұүыіэюя")

# Front (soft) vowels decide whether Russian spelling needs a soft sign after л (Айгүл → Айгуль).
# Е is left out on purpose: Russian forms such as Елдос, Ербол keep a hard л.
FRONT_VOWELS: frozenset[str] = frozenset("әөүі")

KK_TO_LATIN_2021: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

KK_TO_PASSPORT: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

# Е after a vowel or at the start of a word is "ye" in BGN/PCGN and press; handled in translit.
KK_TO_BGN_PCGN: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ng", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# Й is "y" here; translit turns it into "i" before consonants and at the end (Aizhan, Kairat).
KK_TO_PRESS: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

KK_TO_RUSSIAN: dict[str, str] = {letter: letter for letter in KAZAKH_CYRILLIC_ALPHABET} | {
    "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
}  # fmt: skip

# Skeleton classes: what each Cyrillic letter becomes in the spelling-tolerant comparison key.
# Letters that spellings confuse share a class: Қ/К/Х/Һ → k (Бақыт is Бахыт in Russian),
# Ы/І/И/Й → i, Ж → j (zh, j, dzh in Latin), Ң → n (ng in BGN).  Щ is "shch" so that it lines up
# with the Latin spellings, which all spell it as ш+ч.
KK_TO_SKELETON: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "k", "һ": "k", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "i", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip

# Latin letters with diacritics from every Kazakh Latin draft (2017 apostrophes are handled in
# keys, 2018 acutes, 2019-2021 Turkic letters) and from Turkish/European spellings of names.
LATIN_SPECIAL_TO_SKELETON: dict[str, str] = {
    "ä": "a", "á": "a", "à": "a", "â": "a", "ã": "a", "å": "a", "æ": "a", "ə": "a",
    "ç": "ch", "č": "ch", "ć": "ch",
    "ğ": "g", "ǵ": "g", "ģ": "g",
    "ı": "i", "í": "i", "ì": "i", "î": "i", "ï": "i", "ī": "i",
    "ñ": "n", "ń": "n", "ŋ": "n", "ň": "n",
    "ö": "o", "ó": "o", "ò": "o", "ô": "o", "õ": "o", "ø": "o", "ō": "o",
    "ş": "sh", "š": "sh", "ś": "sh", "ș": "sh",
    "ū": "u", "ü": "u", "ú": "u", "ù": "u", "û": "u", "ý": "u", "ŭ": "u",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "ē": "e", "ė": "e",
    "ž": "j", "ź": "z", "ż": "z",
    "ţ": "t", "ț": "t", "đ": "d",
    "ß": "ss",
}  # fmt: skip
