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


class FileOptionsForm(forms.Form):
    """Choices made once for a whole file at upload (`Dataset.options_form`), e.g. a 名单's scheme.

    `options()` is what the batch stores: the JSON-ready values the dataset's hooks read with
    `datasets.file_options(ctx)`, and each choice as shown to people (label, text) for the batch page.
    """

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def options(self) -> dict:
        values, shown = {}, []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            text = value
            if hasattr(value, "pk"):
                values[name] = value.pk
            elif hasattr(value, "isoformat"):
                values[name] = value.isoformat()
            else:
                values[name] = value
                text = dict(getattr(field, "choices", ())).get(value, value)
            if value not in (None, ""):
                shown.append([str(field.label), str(text)])
        return {"values": values, "shown": shown}
