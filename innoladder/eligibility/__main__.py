"""``python -m innoladder.eligibility assess FILE.json``."""

import sys

from .cli import main

sys.exit(main())
