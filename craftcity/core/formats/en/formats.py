# English formats over Django's own (django/conf/locale/en/formats.py), for visitors to a city in Kazakhstan:
# day before month ("10 May 2027", never the ambiguous 05/10/2027) and the 24-hour clock the city's posters,
# tickets and timetables use, so an English page agrees with the Kazakh and Russian ones and with the venue's
# door. The week starts on Monday, as it does in Kazakhstan.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1

# --- craftcity's own formats, read by craftcity.core.formatting ---------------------------------------------
DATE_RANGE_FORMATS = {
    "month": ("j", "j F Y"),  # 10–12 May 2027
    "year": ("j F", "j F Y"),  # 30 May – 2 June 2027
    "years": ("j F Y", "j F Y"),
}
UNITS = {"m": "m", "km": "km", "h": "h", "min": "min"}
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
OPENING_HOURS_WORDS = {
    "closed": "closed",
    "daily": "daily",
    "always": "open 24/7",
    "holidays": "public holidays",
    "holidays closed": "closed on public holidays",
}
