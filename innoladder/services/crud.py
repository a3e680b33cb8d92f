"""Who may write service-work records, kept under its old name for the selectors that still import it
from here (projects, services, cooperation); new code imports these from `innoladder.core.viewkit`."""

from innoladder.core.viewkit.access import can_write, require_writer, writable

__all__ = ["can_write", "require_writer", "writable"]
