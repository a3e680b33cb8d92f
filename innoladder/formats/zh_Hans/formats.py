"""Date input formats for zh-hans: ISO first (what widgets render and date pickers read), then the
locale's own."""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%n月%j日"]
