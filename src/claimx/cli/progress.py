"""Progress of a long run on stderr: documents done, rate, time. Nothing when disabled."""
from __future__ import annotations

import time


class Progress:
    """A one-line live display (rich), refreshed a few times a second; ``clear`` before a message."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.done = 0
        self._live = None
        self._start = time.monotonic()

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress as RichProgress
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            self._live = RichProgress(SpinnerColumn(), TextColumn("extracting: {task.completed:,} documents"),
                                      TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._live.__enter__()
            self._task = self._live.add_task("extract", total=None, rate="")
        return self

    def advance(self) -> None:
        self.done += 1
        if self._live is not None:
            secs = time.monotonic() - self._start
            rate = f"{self.done / secs:.1f} docs/s" if secs > 0 else ""
            self._live.update(self._task, advance=1, rate=rate)

    def clear(self) -> None:
        """Make room for a message line (rich redraws the bar below it)."""

    def __exit__(self, *exc):
        if self._live is not None:
            self._live.__exit__(*exc)
            self._live = None
        return False
