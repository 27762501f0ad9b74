"""The claimx command line: thin Typer commands over the library. Nothing here imports spaCy at
module level, so `query`, `diff` and `schema` start fast."""
