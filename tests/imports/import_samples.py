"""Sample rows and writers for import tests: files as regional offices really send them."""

import csv
import io

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
