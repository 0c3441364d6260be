"""The worksheet's admin with its blank PDF preview (a column, a field and the PDF's address): documents adds
it here because worksheets, below documents in the app order, cannot import the renderer."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html

from worksheets.admin import WorksheetAdmin
from worksheets.models import Worksheet

from .views import admin_worksheet_blank_pdf


class WorksheetPreviewAdmin(WorksheetAdmin):
    list_display = [*WorksheetAdmin.list_display, "preview"]
    readonly_fields = [*WorksheetAdmin.readonly_fields, "preview"]

    def get_fieldsets(self, request, obj=None):
        (title, options), *rest = super().get_fieldsets(request, obj)
        return [(title, {**options, "fields": [*options["fields"], "preview"]}), *rest]

    def get_urls(self):
        preview = self.admin_site.admin_view(admin_worksheet_blank_pdf)
        return [
            path("<int:pk>/blank.pdf", preview, name="worksheets_worksheet_blank_pdf"),
            *super().get_urls(),
        ]

    @admin.display(description="Blank PDF")
    def preview(self, worksheet):
        if not worksheet.pk:
            return "Available after the first save."
        url = reverse("admin:worksheets_worksheet_blank_pdf", args=[worksheet.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">Preview the blank PDF</a>', url)


admin.site.unregister(Worksheet)
admin.site.register(Worksheet, WorksheetPreviewAdmin)
