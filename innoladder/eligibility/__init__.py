"""Pure rules engine: no Django import, ever.

Frozen dataclasses in, frozen dataclasses out; Decimal for money; the date is passed in.
"""
