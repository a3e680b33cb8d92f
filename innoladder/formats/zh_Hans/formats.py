"""Date input formats for zh-hans: ISO first (what widgets render and date pickers read), then the
locale's own."""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]

# A date or time printed without a format reads as in the lists: 2026-12-07, 2026-12-07 08:03.
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
