"""Sample rows and writers for import tests: files as regional offices really send them."""

import csv
import io
import random

import openpyxl

HEADER_RU = ["№", "ФИО", "Год рождения", "Пол", "Телефон", "E-mail", "Область", "Ремесло", "Организация"]


HEADER_KK = ["№", "Аты-жөні", "Туған жылы", "Жынысы", "Телефон", "Электрондық пошта", "Облыс", "Қолөнер түрі", "Ұйым"]


HEADER_EN = ["No", "Full name", "Birth year", "Gender", "Phone", "Email", "Region", "Craft", "Organization"]


ROWS = [
    ["1", "Беккулова Айжан Серікқызы", "1975", "ж", "8 (701) 123-45-67", "Aizhan@Mail.KZ", "Түркістан облысы",
     "Зергерлік өнер", "Түркістан шеберлері"],
    ["2", "Иванов Пётр Сергеевич", "1980", "м", "+7 777 765 43 21", "", "Туркестанская область", "керамика",
     "Түркістан шеберлері"],
    ["3", "Nurlan Abenov", "1968", "male", "87051112233", "nurlan@example.com", "Almaty", "felt", ""],
]  # fmt: skip
# What a Windows-1251 or KOI8-R file can hold: no Kazakh letters, so Russian spellings.


ROWS_RU = [
    ["1", "Беккулова Айжан Сериковна", "1975", "ж", "8 (701) 123-45-67", "aizhan@mail.kz", "Туркестанская область",
     "Ювелирное искусство", "Ассоциация мастеров Туркестана"],
    ["2", "Иванов Пётр Сергеевич", "1980", "м", "+7 777 765 43 21", "", "Туркестанская область", "керамика",
     "Ассоциация мастеров Туркестана"],
    ["3", "Ахметова Гульнара", "1990", "ж", "87051112233", "", "г. Алматы", "войлок", ""],
]  # fmt: skip


def write_csv(path, rows, *, encoding="utf-8", delimiter=",", title_rows=()):
    buffer = io.StringIO(newline="")
    for title in title_rows:
        buffer.write(f"{title}\r\n")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows, *, merges=(), title_rows=()):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for title in title_rows:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


FAMILY_RU = ["Иванов", "Петров", "Ахметов", "Сапаров", "Беккулов", "Омаров", "Нурланов", "Касымов", "Жумабаев",
             "Сериков", "Абенов", "Мусин", "Токарев", "Бекенов", "Садыков", "Исаев", "Калиев", "Ермеков"]  # fmt: skip
GIVEN_RU = {
    "м": ["Пётр", "Нурлан", "Ерлан", "Асхат", "Дмитрий", "Бауыржан", "Серик", "Марат", "Алексей", "Данияр"],
    "ж": ["Айжан", "Гульнара", "Дина", "Мария", "Алия", "Жанар", "Сауле", "Елена", "Асель", "Динара"],
}
FATHERS_RU = ["Сергеев", "Нурланов", "Ерланов", "Маратов", "Петров", "Касымов", "Иванов", "Бекенов"]


def long_list(count: int, *, seed: int = 15) -> list[list[str]]:
    """A long deterministic list in Russian spelling (what Windows-1251 can hold), HEADER_RU's columns: namesakes
    in plenty, as in a real region, so some rows look like others."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        gender = rng.choice("мж")
        family = rng.choice(FAMILY_RU) + ("а" if gender == "ж" else "")
        father = rng.choice(FATHERS_RU) + ("на" if gender == "ж" else "ич")  # Сергеевна, Сергеевич
        rows.append([
            str(number), f"{family} {rng.choice(GIVEN_RU[gender])} {father}", str(rng.randint(1940, 2005)), gender,
            f"8 (7{rng.randint(0, 99):02d}) {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            f"master{number}@mail.kz" if rng.random() < 0.5 else "",
            rng.choice(["Туркестанская область", "г. Алматы", "Алматинская область"]),
            rng.choice(["керамика", "Ювелирное искусство", "войлок"]),
            rng.choice(["Ассоциация мастеров Туркестана", "Союз ремесленников", ""]),
        ])  # fmt: skip
    return rows
