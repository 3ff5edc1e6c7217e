"""Writing a hundred thousand rows and their history quickly, with the same columns `save()` would write
(imports insert people with it, undo writes the history of what it deletes).

Django's bulk_create builds a model instance and compiles SQL per value; at 100,000 people with their
name forms and history that alone takes minutes. Here rows are plain dicts turned into tuples once and
written with executemany. Primary keys are taken from the table's sequence inside the import's
transaction, which on SQLite holds the write lock from its first statement (transaction_mode IMMEDIATE),
so no other writer can take the same ids. Other databases use bulk_create, which returns the ids.
"""

from __future__ import annotations

from django.db import connection, models
from django.utils import timezone

_PLAIN = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
    models.AutoField,
    models.BigAutoField,
)


def fast_path() -> bool:
    return connection.vendor == "sqlite"


class TableWriter:
    """Insert rows given as {attname: value} dicts; missing values take the field's default."""

    def __init__(self, model: type[models.Model], *, with_pk: bool = True):
        """`with_pk=False` leaves the primary key to the database's sequence (for rows nobody refers to yet)."""
        self.model = model
        self.pk = model._meta.pk
        self.fields = [f for f in model._meta.concrete_fields if with_pk or f is not self.pk]
        now = timezone.now()
        self.defaults: dict[str, object] = {}
        self.convert = []
        for field in self.fields:
            plain = isinstance(field, _PLAIN) and not isinstance(field, models.JSONField)
            if isinstance(field, models.ForeignKey):  # a UUID key needs converting, an integer one does not
                plain = isinstance(field.target_field, (models.IntegerField, models.AutoField))
            self.convert.append(None if plain else self._converter(field))
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            else:  # "" for text that may be blank, None for what may be null, or the declared default
                self.defaults[field.attname] = field.get_default()
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join("%s" for _f in self.fields)
        self.sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"

    @staticmethod
    def _converter(field):
        def convert(value):
            return field.get_db_prep_save(value, connection)

        return convert

    def reserve_ids(self, count: int) -> range:
        """The next `count` primary keys, past any id ever used (undone imports included)."""
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(self.pk.column)}) FROM {table}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        start = max(highest, row[0] if row else 0) + 1
        return range(start, start + count)

    def insert(self, rows: list[dict], *, batch_size: int = 5000) -> None:
        attnames = [f.attname for f in self.fields]
        converters = self.convert
        prepared = [self._default_db_value(name) for name in attnames]
        # One timestamp (or default) repeated over 100,000 rows is converted once, not 100,000 times.
        memo: dict[tuple[int, object], object] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(rows), batch_size):
                values = []
                for row in rows[start : start + batch_size]:
                    record = []
                    for index, name in enumerate(attnames):
                        if name not in row:
                            record.append(prepared[index])
                            continue
                        value = row[name]
                        convert = converters[index]
                        if convert is None or value is None:
                            record.append(value)
                        elif isinstance(value, (dict, list)):
                            record.append(convert(value))
                        else:
                            key = (index, value)
                            if key not in memo:
                                memo[key] = convert(value)
                            record.append(memo[key])
                    values.append(record)
                cursor.executemany(self.sql, values)

    def _default_db_value(self, attname: str):
        index = [f.attname for f in self.fields].index(attname)
        value = self.defaults[attname]
        convert = self.convert[index]
        return convert(value) if convert is not None and value is not None else value


def insert_with_history(model, rows: list[dict], *, batch_id, user_id) -> tuple[list[int], dict[int, int]]:
    """Insert `rows` of `model` and their "+" history rows tied to the change batch; return the new ids."""
    writer = TableWriter(model)
    ids = writer.reserve_ids(len(rows))
    pk = writer.pk.attname
    for row, new_id in zip(rows, ids, strict=True):
        row[pk] = new_id
    writer.insert(rows)
    historical = model.history.model
    history_writer = TableWriter(historical)
    tracked = [f.attname for f in historical.tracked_fields]
    history_ids = history_writer.reserve_ids(len(rows))
    now = timezone.now()
    history_rows = []
    for row, history_id in zip(rows, history_ids, strict=True):
        history = {name: row.get(name, writer.defaults.get(name)) for name in tracked}
        history.update(
            history_id=history_id, history_date=now, history_change_reason=None, history_type="+",
            history_user_id=user_id, batch_id=batch_id,
        )  # fmt: skip
        history_rows.append(history)
    history_writer.insert(history_rows)
    row_history = {row[pk]: hid for row, hid in zip(rows, history_ids, strict=True)}
    return [row[pk] for row in rows], row_history
