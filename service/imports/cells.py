"""One spreadsheet cell at a time: clean the text a person typed and parse it into a typed value, or say
in plain words why it cannot be used (CellError)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email

# A cell a spreadsheet would run when the file is opened: '=' always, and '+', '-', '@' when what follows
# is a function call or a DDE link ("+cmd|' /c calc'!A0", "@SUM(A1)"). Phone numbers ("+254 20 …") and
# bullet points ("- training") stay plain text.
_FORMULA = re.compile(r"^\s*(=|[+\-@]\s*[A-Za-z_][\w.]*\s*[(|!]|[+\-@].*\|)")
# Control characters other than tab and line breaks (C0, DEL and C1, e.g. U+009B, a terminal's escape):
# invisible, and PostgreSQL refuses NUL outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LIST_SEPARATORS = re.compile(r"[,;|\n]")
_SCRIPTS = ("latin", "greek", "cyrillic", "arabic")


class CellError(ValueError):
    """A cell whose content cannot be used; the message is written for the person who filled it in."""


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in _SCRIPTS:
        if name.startswith(script.upper()):
            return script
    return None


def mixed_script_words(text: str) -> list[str]:
    """Words that mix alphabets inside themselves ("Кenya" with a Cyrillic К): look-alike letters that
    make a name or a code silently different from the one it resembles."""
    found = []
    for word in re.findall(r"\w+", text):
        if len({s for s in map(_script, word) if s}) > 1:
            found.append(word)
    return found


def clean(value: object) -> str:
    """The cell as text: NFC-normalised and trimmed, so the same words typed on two machines compare
    equal (and a re-import of the same file changes nothing). Refuses formulas and control characters."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    # Checked before trimming: str.strip() takes U+001C-U+001F and U+0085 for spaces.
    control = _CONTROL.search(text)
    if control:
        raise CellError(
            f"holds an invisible control character (U+{ord(control.group()):04X}) at position "
            f"{control.start() + 1}; retype the cell"
        )
    text = unicodedata.normalize("NFC", text).strip()
    if _FORMULA.match(text):
        raise CellError(
            f"{_preview(text)} looks like a spreadsheet formula; formulas are not imported "
            "(type the value itself, or put an apostrophe in front to keep it as text)"
        )
    # A leading apostrophe is the spreadsheet way of saying "this is text, not a formula".
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _preview(text: str, limit: int = 30) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def plain_text(text: str, *, max_length: int, min_length: int = 0) -> str:
    if len(text) < min_length:
        raise CellError(f"is too short (at least {min_length} characters)")
    if len(text) > max_length:
        raise CellError(f"is too long ({len(text)} characters; at most {max_length})")
    return text


def refuse_mixed_scripts(text: str) -> None:
    """Look-alike letters make a name or a code silently different from the one it resembles."""
    mixed = mixed_script_words(text)
    if mixed:
        raise CellError(f"{_preview(mixed[0])} mixes alphabets (look-alike letters?); retype it")


def title_text(text: str) -> str:
    """A one-line title: what reviewers scan in the matrix, so look-alike letters are refused here."""
    refuse_mixed_scripts(text)
    return plain_text(text, min_length=3, max_length=300)


def identifier(text: str, *, max_length: int) -> str:
    """A code or reference: one alphabet, no look-alike letters, no spaces inside."""
    plain_text(text, max_length=max_length, min_length=1)
    refuse_mixed_scripts(text)
    if not re.fullmatch(r"[\w.\-/:]+", text):
        raise CellError(f"{_preview(text)} may hold only letters, digits and . - _ / :")
    return text


def integer(text: str, *, minimum: int | None = None) -> int:
    try:
        number = int(text)
    except ValueError:
        raise CellError(f"{_preview(text)} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise CellError(f"{number} is below the smallest allowed value, {minimum}")
    return number


def day(text: str) -> date:
    try:
        return date.fromisoformat(text[:10] if "T" in text or " " in text else text)
    except ValueError:
        raise CellError(f"{_preview(text)} is not a date written YYYY-MM-DD") from None


def yes_no(text: str) -> bool:
    answer = text.casefold()
    if answer in ("yes", "y", "true", "1", "oui", "sí", "si"):
        return True
    if answer in ("no", "n", "false", "0", "non"):
        return False
    raise CellError(f"{_preview(text)} is neither yes nor no")


def items(text: str) -> list[str]:
    """A list typed in one cell, separated by commas, semicolons, bars or line breaks."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]


def choice(text: str, allowed: Iterable[str], *, aliases: dict[str, str] | None = None) -> str:
    options = tuple(allowed)
    key = text.casefold().replace(" ", "_")
    for option in options:
        if option.casefold() == key:
            return option
    if aliases and key in aliases:
        return aliases[key]
    raise CellError(f"{_preview(text)} is not one of {', '.join(options)}")


def email(text: str) -> str:
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise CellError(f"{_preview(text)} is not an e-mail address ({exc})") from None
