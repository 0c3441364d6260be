"""Admins keep the published content right: questions, Carmen's examples, tips and the FAQ.

Users' meeting preps are not registered here on purpose: they hold private planning notes.
"""

from django.contrib import admin
from django.db import models

from .markdown import validate_markdown
from .models import FAQEntry, Question, Tip, TipGroup, Worksheet

MARKDOWN_HINT = (
    "Markdown: **bold**, *italic*, “- ” for bullets, [link text](https://address). "
    "A link with an empty address, [like this](), shows as plain text."
)
# Every TextField of the content models is Markdown: refuse text too long or too deeply nested to lay out.
MARKDOWN_FIELDS = {models.TextField: {"validators": [validate_markdown]}}


def labelled(formfield, db_field):
    """An input that a table column heads (a tabular inline, an editable list) has no label of its own:
    name it after its column (issue 11, point 10)."""
    if formfield is not None:
        formfield.widget.attrs.setdefault("aria-label", str(db_field.verbose_name).capitalize())
    return formfield


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs, and "Delete?" boxes, have accessible names."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return labelled(super().formfield_for_dbfield(db_field, request, **kwargs), db_field)

    def get_formset(self, request, obj=None, **kwargs):
        class LabelledFormSet(super().get_formset(request, obj, **kwargs)):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = "Delete"

        return LabelledFormSet


class LabelledListAdmin(admin.ModelAdmin):
    """A change list whose editable cells (list_editable) have accessible names. (The change form's inputs
    get the same name as their visible label.)"""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return labelled(super().formfield_for_dbfield(db_field, request, **kwargs), db_field)


class QuestionInline(admin.StackedInline):
    formfield_overrides = MARKDOWN_FIELDS
    model = Question
    extra = 0
    fieldsets = [("Question", {"fields": [("position", "key", "answer_label"), "prompt", "example"]})]
    ordering = ["position"]


class TipGroupInline(LabelledTabularInline):
    model = TipGroup
    extra = 0
    fields = ["position", "title", "edit_tips"]
    readonly_fields = ["edit_tips"]
    ordering = ["position"]
    show_change_link = True

    @admin.display(description="Tips")
    def edit_tips(self, group):
        if not group.pk:
            return "Save first, then add tips."
        return f"{group.tips.count()} tips"


@admin.register(Worksheet)
class WorksheetAdmin(admin.ModelAdmin):
    formfield_overrides = MARKDOWN_FIELDS
    list_display = ["title", "series_title", "is_published", "question_count"]
    list_filter = ["is_published"]
    search_fields = ["title", "series_title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        ("Worksheet", {"fields": ["title", "slug", "series_title", "is_published"]}),
        (
            "Text",
            {
                "fields": ["introduction", "tips_heading", "faq_heading", "credit"],
                "description": MARKDOWN_HINT,
            },
        ),
    ]
    inlines = [QuestionInline, TipGroupInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("questions")

    @admin.display(description="Questions")
    def question_count(self, worksheet):
        return len(worksheet.questions.all())


class TipInline(LabelledTabularInline):
    formfield_overrides = MARKDOWN_FIELDS
    model = Tip
    extra = 1
    fields = ["position", "text", "question"]
    ordering = ["position"]


@admin.register(TipGroup)
class TipGroupAdmin(LabelledListAdmin):
    list_display = ["title", "worksheet", "position"]
    list_editable = ["position"]
    list_filter = ["worksheet"]
    search_fields = ["title", "tips__text"]
    ordering = ["worksheet", "position"]
    fieldsets = [("Tip group", {"fields": ["worksheet", "position", "title"]})]
    inlines = [TipInline]


@admin.register(FAQEntry)
class FAQEntryAdmin(LabelledListAdmin):
    formfield_overrides = MARKDOWN_FIELDS
    list_display = ["question", "worksheet", "position", "is_published"]
    list_display_links = ["question"]
    list_editable = ["position", "is_published"]
    list_filter = ["worksheet", "is_published"]
    search_fields = ["question", "answer", "sources", "search_terms"]
    ordering = ["worksheet", "position"]
    fieldsets = [
        ("Question", {"fields": ["worksheet", "position", "is_published", "question"]}),
        ("Answer", {"fields": ["answer", "sources"], "description": MARKDOWN_HINT}),
        ("Suggestions", {"fields": ["search_terms"]}),
    ]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    formfield_overrides = MARKDOWN_FIELDS
    list_display = ["prompt", "worksheet", "position", "key", "answer_label"]
    list_filter = ["worksheet"]
    search_fields = ["prompt", "example"]
    ordering = ["worksheet", "position"]
