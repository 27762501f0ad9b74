"""claimx's spaCy components, one factory per stage (see ``claimx.pipeline`` for their order).

Importing this package registers every factory; entry points in ``pyproject.toml`` do the same
lazily, so ``nlp.add_pipe("claimx_quotes")`` works in any English pipeline without an import.
"""
from claimx.components import article, claims, cues, dates, figures, quotes, speakers  # noqa: F401
