from django import forms
from django.utils.translation import gettext_lazy as _

from .reader import MAX_FILE_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("只接受 .xlsx 文件。"))
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("文件过大：最大允许 10 MB。"))
        return upload


class CommitForm(forms.Form):
    confirm_duplicate = forms.BooleanField(label=_("确认再次导入"), required=False)
