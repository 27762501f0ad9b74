"""claimx schema (placeholder until issue 4 lands; replaced by its implementation)."""
import typer


def schema() -> None:
    """Not built yet."""
    raise typer.Exit(2)
