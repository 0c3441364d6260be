"""The fillable PDF's download and its import: upload (guarded), preview with the changes and conflicts, and
the confirmation that saves what she picked. Owner-only, as every prep URL (404 for anyone else)."""

from csp.decorators import csp_exempt
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.ids import parse_version
from preps.selectors import prep_for_reader, prep_for_writer, prep_with_content

from .. import sources as pdf
from ..pdf.limits import RenderLimited
from ..views import pdf_response, refuse_too_complex, render_limit_key
from .guard import UploadRefused, filled_fields, guarded_upload, upload_limit
from .plan import file_values, from_stored, import_plan, values_to_keep
from .selectors import pending_import
from .services import (
    ImportChoice,
    import_apply,
    pending_import_delete,
    pending_import_narrow,
    pending_import_save,
)

CHOICES = ("mine", "saved", "merge")
LEGACY_SESSION_KEY = "fillable-import:{pk}"


@login_required
@require_GET
@csp_exempt()
@refuse_too_complex
def prep_pdf_fillable(request, pk):
    """The preparation notes as a PDF form: a field per answer and per roster note, to fill offline."""
    prep = prep_for_reader(request.user, pk)
    return pdf_response(request, pdf.pdf_source("fillable", prep_with_content(prep)))


def _upload_page(request, prep, *, status: int = 200, error: str = ""):
    context = {"prep": prep, "error": error, "limit_mb": f"{upload_limit() / 1_000_000:.1f}"}
    return render(request, "documents/fillable/import_upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def prep_import(request, pk):
    prep = prep_for_writer(request.user, pk)
    if request.method == "GET":
        return _upload_page(request, prep)
    try:
        data = guarded_upload(request)
        fields = filled_fields(data, prep=prep, limit_key=render_limit_key(request.user))
    except UploadRefused as refused:
        return _upload_page(request, prep, status=refused.status, error=refused.message)
    except RenderLimited as limited:
        response = _upload_page(
            request,
            prep,
            status=429,
            error=f"Too many files read at once: try again in {limited.retry_after} s.",
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    kept = values_to_keep(prep_with_content(prep), file_values(fields.values))
    pending_import_save(prep=prep, user=request.user, kept=kept)
    request.session.pop(LEGACY_SESSION_KEY.format(pk=prep.pk), None)  # where uploads were kept before
    return redirect("prep_import_preview", pk=prep.pk)


def _choices(request, plan) -> tuple[list[ImportChoice], list[str]]:
    """What she picked: (the saves to make, the conflicts she left without a choice)."""
    picked, undecided = [], []
    for item in plan.items:
        posted = request.POST.get(f"version-{item.form_id}")
        version = item.current_version if posted is None else parse_version(posted)
        if version is None:
            raise BadRequest("A version in this form is not a whole number.")
        if item.conflict:
            choice = request.POST.get(f"choice-{item.form_id}", "")
            if choice not in CHOICES:
                undecided.append(item.label)
            elif choice == "mine":
                picked.append(ImportChoice(item.item_id, item.new_text, version))
            elif choice == "merge":
                text = request.POST.get(f"merged-{item.form_id}", item.merged_text)
                picked.append(ImportChoice(item.item_id, text.replace("\r\n", "\n"), version))
        elif item.form_id in request.POST.getlist("pick") and not item.too_long:
            picked.append(ImportChoice(item.item_id, item.new_text, version))
    return picked, undecided


@login_required
@require_http_methods(["GET", "POST"])
def prep_import_preview(request, pk):
    prep = prep_for_writer(request.user, pk)
    pending = pending_import(prep=prep, user=request.user)
    if pending is None:
        messages.info(request, "Nothing to import yet: choose the filled PDF first.")
        return redirect("prep_import", pk=prep.pk)
    values = from_stored(pending.values)
    plan = import_plan(
        prep_with_content(prep), values, unchanged=pending.unchanged, unmatched=pending.unmatched
    )
    if request.method == "GET" or "cancel" in request.POST:
        if "cancel" in request.POST:
            pending_import_delete(prep=prep, user=request.user)
            messages.info(request, "Import cancelled: nothing was changed.")
            return redirect(prep)
        return render(request, "documents/fillable/import_preview.html", {"prep": prep, "plan": plan})
    picked, undecided = _choices(request, plan)
    if undecided:
        context = {"prep": prep, "plan": plan, "undecided": undecided}
        return render(request, "documents/fillable/import_preview.html", context, status=400)
    result = import_apply(prep=prep, choices=picked, author=request.user)
    return _after_import(request, prep, pending, result)


def _after_import(request, prep, pending, result):
    if result.stale:
        # Changed again since the preview: those stay pending and come back as conflicts.
        pending_import_narrow(pending=pending, item_ids=result.stale)
        messages.warning(request, f"{len(result.stale)} changed on the site while you looked: choose again.")
        if result.saved:
            messages.success(request, f"Imported {len(result.saved)} change(s).")
        return redirect("prep_import_preview", pk=prep.pk)
    pending_import_delete(prep=prep, user=request.user)
    for reason in dict.fromkeys(result.refused.values()):
        messages.error(request, f"Not imported: {reason}")
    messages.success(
        request,
        f"Imported {len(result.saved)} change(s) from the PDF." if result.saved else "Nothing was imported.",
    )
    return redirect(prep)
