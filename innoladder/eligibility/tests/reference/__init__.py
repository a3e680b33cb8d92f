"""A frozen copy of the rules engine's evaluation path before lazy explanations (issue 23).

Only the differential test imports it: every result of the engine must equal this copy's, text
included. Input types (facts, settings) are the engine's own. Do not edit it to follow a change of
the rules; a deliberate change of a rule or its wording replaces this copy with the new HEAD's.
"""
