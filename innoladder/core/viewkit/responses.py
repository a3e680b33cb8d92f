"""Downloads of stored files (attachments, certificates, evidence): never cached, never sniffed."""

from django.http import FileResponse, Http404


def download(field, filename: str, content_type: str | None = None) -> FileResponse:
    """The file behind a FileField as an attachment (type guessed from the name unless given); an empty
    field or a missing file is a 404."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
