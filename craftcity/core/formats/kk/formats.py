# Kazakh formats (Django ships none for kk). See docs/architecture.md, "Dates, numbers and units".
#
# Dates follow Kazakh official style, year first: "2027 жылғы 10 мамыр" (as laws and Egemen Qazaqstan print them;
# CLDR's long form "2027 ж. 10 мамыр" has the same order). Month names in a date are lowercase: Django's Kazakh
# catalogue capitalises them, so kk/LC_MESSAGES/django.po beside this file gives the date form ("E", Django's
# "alt. month") in lowercase. Times are 24-hour.
DATE_FORMAT = r"Y \ж\ы\л\ғ\ы j E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"Y \ж\ы\л\ғ\ы j E, H:i"
YEAR_MONTH_FORMAT = r"Y \ж\ы\л\ғ\ы E"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# ISO first (HTML date inputs and the admin's widgets), then what people in Kazakhstan type.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"]

# Kazakh typography, like Russian, groups thousands with a (non-breaking) space and writes a decimal comma:
# 13 600 000, 2,5.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3

# --- craftcity's own formats, read by craftcity.core.formatting ---------------------------------------------
# A span of days: the first day and the last day written with these, joined by a dash; the year and the month
# are not repeated ("2027 жылғы 10–12 мамыр", "2027 жылғы 30 мамыр – 2 маусым").
DATE_RANGE_FORMATS = {
    "month": (r"Y \ж\ы\л\ғ\ы j", "j E"),
    "year": (r"Y \ж\ы\л\ғ\ы j E", "j E"),
    "years": (DATE_FORMAT, DATE_FORMAT),
}
UNITS = {"m": "м", "km": "км", "h": "сағ", "min": "мин"}
# Monday first: дүйсенбі … жексенбі. Сн for сенбі as issue #14 asks (CLDR and glibc write Сб, which reads as the
# Russian abbreviation).
WEEKDAYS_SHORT = ("Дс", "Сс", "Ср", "Бс", "Жм", "Сн", "Жс")
OPENING_HOURS_WORDS = {
    "closed": "жабық",
    "daily": "күн сайын",
    "always": "тәулік бойы",
    "holidays": "мереке күндері",
    "holidays closed": "мереке күндері жабық",
}
