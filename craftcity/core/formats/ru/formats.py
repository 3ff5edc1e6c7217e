# Russian formats over Django's own (django/conf/locale/ru/formats.py), for a city site: no "г." after the year
# ("10 мая 2027", as posters and museum sites write it), the month in the genitive wherever a day precedes it
# ("10 мая", Django's "E"), and hours always with two digits (09:00, as opening hours are written).
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"

# --- craftcity's own formats, read by craftcity.core.formatting ---------------------------------------------
DATE_RANGE_FORMATS = {
    "month": ("j", "j E Y"),  # 10–12 мая 2027
    "year": ("j E", "j E Y"),  # 30 мая – 2 июня 2027
    "years": ("j E Y", "j E Y"),
}
UNITS = {"m": "м", "km": "км", "h": "ч", "min": "мин"}
WEEKDAYS_SHORT = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")
OPENING_HOURS_WORDS = {
    "closed": "закрыто",
    "daily": "ежедневно",
    "always": "круглосуточно",
    "holidays": "праздничные дни",
    "holidays closed": "в праздничные дни закрыто",
}
