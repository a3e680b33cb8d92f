"""The reference engine takes the same settings as the engine under test."""

from innoladder.eligibility.settings import *  # noqa: F403
