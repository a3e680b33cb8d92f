"""Reading back the workbooks the pages hand out."""

import io

from openpyxl import load_workbook


def sheet_rows(response) -> list[tuple]:
    """The rows of a downloaded workbook's first sheet, its header first."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
