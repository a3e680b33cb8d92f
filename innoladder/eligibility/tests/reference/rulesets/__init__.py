"""One module per versioned rule set; each exposes ``INFO`` and ``evaluate(facts, on, settings)``."""
