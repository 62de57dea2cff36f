"""The exceptions dateline raises. Messages are the CLI's, word for word."""


class DatelineError(ValueError):
    """A bad input: empty text, a malformed record, binary data, a date that is not a date.

    The message names the input and says what is wrong, as the ``dateline`` CLI does::

        >>> import dateline
        >>> dateline.extract("   ")
        Traceback (most recent call last):
        ...
        dateline.DatelineError: <text>: is empty: there is no article text to read
    """


class DatelineIOError(DatelineError, OSError):
    """An input that cannot be read (missing file, permission denied, a directory)."""
