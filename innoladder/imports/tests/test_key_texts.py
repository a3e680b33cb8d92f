"""The labels of written rows, made column by column, are what the row-by-row `_key_raw` makes."""

import datetime as dt

from innoladder.imports import engine

ROWS = [
    (" 91632801MA7G2XY87R ", 2024),
    ("91632801MA7G2XY87R", 2024.0),
    ("x" * 250, None),
    ("91632801MA7G2XY87R",),  # a short row: the year's cell is missing
    (True, dt.datetime(2024, 3, 1)),
]


def test_key_texts_match_the_row_by_row_labels():
    for rows in (ROWS, [r for r in ROWS if len(r) == 2 and type(r[1]) is int], [("a", 1), ("b ", 2)]):
        for indexes in ([0, 1], [1], [0], []):
            expected = [f"年度数据 {engine._key_raw(r, indexes)}" for r in rows]
            assert engine._key_texts(rows, indexes, "年度数据 ") == expected
