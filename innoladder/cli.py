"""The `innoladder` command: `innoladder assess FILE.json` (or `-` for stdin) prints results as JSON."""

from innoladder.eligibility.cli import main

__all__ = ["main"]
