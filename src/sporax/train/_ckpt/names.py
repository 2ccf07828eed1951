"""What a checkpoint entry may be called: the same rule when saving and when loading.

A name is a non-empty str of at most 1024 characters, without NUL (C-string APIs and
NumPy's fixed-width strings would cut it there), that encodes to UTF-8 (no lone
surrogates). A name read from a file must also decode from UTF-8.
"""
from __future__ import annotations

MAX_CHARACTERS = 1024
MAX_BYTES = 4 * MAX_CHARACTERS  # the longest UTF-8 encoding of a name that obeys the rule


def problem(name) -> str | None:
    """What is wrong with `name`, or None if it is a valid entry name."""
    if not isinstance(name, str):
        return f"must be a str, but got {type(name).__name__}"
    if not name:
        return "must not be empty"
    if len(name) > MAX_CHARACTERS:
        return f"has {len(name)} characters, more than the {MAX_CHARACTERS} allowed"
    if "\x00" in name:
        return f"contains a NUL character at index {name.index(chr(0))}"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"contains the code point U+{ord(name[error.start]):04X}, which UTF-8 cannot encode"
    return None


def check_for_save(name, function: str = "save_checkpoint") -> str:
    """`name`, or ValueError (TypeError for a non-str) saying why it cannot be saved."""
    what = problem(name)
    if what is not None:
        error = TypeError if not isinstance(name, str) else ValueError
        raise error(f"For '{function}', the entry name {_shown(name)} {what}.")
    return name


def decode(raw: bytes, where: str) -> str:
    """A name read from a file; ValueError naming `where` (file and offset) if it breaks the rule."""
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{where}: the entry name is not valid UTF-8 (byte {error.start}: "
                         f"{raw[error.start:error.start + 4]!r}).") from None
    what = problem(name)
    if what is not None:
        raise ValueError(f"{where}: the entry name {_shown(name)} {what}.")
    return name


def _shown(name) -> str:
    text = repr(name)
    return text if len(text) <= 80 else text[:60] + "..." + text[-10:]
