# Kazakh number formats (Django ships none for kk). Kazakh typography, like Russian, groups thousands with a
# (non-breaking) space and writes a decimal comma: 13 600 000, 2,5.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
