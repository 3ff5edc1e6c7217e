"""A call's questions are a small JSON schema; answers are checked against it before anything is saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TYPES = {"text", "long_text", "choice", "number", "boolean"}
TEXT_LIMIT = {"text": 300, "long_text": 5000}


def validate_questions(questions) -> None:
    if not isinstance(questions, list):
        raise ValidationError({"questions": _("The questions must be a list.")})
    keys = set()
    for number, question in enumerate(questions, start=1):
        if not isinstance(question, dict) or not isinstance(question.get("key"), str) or not question["key"]:
            raise ValidationError({"questions": _("Question %(n)s needs a key.") % {"n": number}})
        if question["key"] in keys:
            raise ValidationError({"questions": _("Question key %(key)s is used twice.") % {"key": question["key"]}})
        keys.add(question["key"])
        if question.get("type", "text") not in TYPES:
            raise ValidationError({"questions": _("Question %(key)s has an unknown type.") % {"key": question["key"]}})
        if question.get("type") == "choice" and not question.get("choices"):
            raise ValidationError({"questions": _("Question %(key)s lists no choices.") % {"key": question["key"]}})


def label(question: dict, language: str) -> str:
    text = question.get("label") or {}
    if isinstance(text, str):
        return text
    return text.get(language) or text.get("en") or next(iter(text.values()), question["key"])


def clean_answers(questions: list[dict], answers) -> dict:
    """The answers reduced to the questions asked, typed; a ValidationError names every bad one."""
    if not isinstance(answers, dict):
        raise ValidationError({"answers": [_("Answers must be an object of question keys and values.")]})
    errors, cleaned = {}, {}
    unknown = sorted(set(answers) - {q["key"] for q in questions})
    if unknown:
        errors["answers"] = [_("Unknown questions: %(keys)s.") % {"keys": ", ".join(unknown)}]
    for question in questions:
        key, kind = question["key"], question.get("type", "text")
        value = answers.get(key)
        if value in (None, "", []):
            if question.get("required"):
                errors[key] = [_("This question must be answered.")]
            continue
        if kind in TEXT_LIMIT:
            value = str(value).strip()
            if len(value) > TEXT_LIMIT[kind]:
                errors[key] = [_("At most %(n)s characters.") % {"n": TEXT_LIMIT[kind]}]
                continue
        elif kind == "choice":
            if value not in question["choices"]:
                errors[key] = [_("Choose one of the offered answers.")]
                continue
        elif kind == "number":
            try:
                value = float(value)
            except (TypeError, ValueError):
                errors[key] = [_("Enter a number.")]
                continue
        elif kind == "boolean":
            if isinstance(value, str):
                value = value.lower() in {"1", "true", "yes", "on"}
            value = bool(value)
        cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned
