"""The facilitator's intake: a workshop (from the store or a bundle file) into the secretariat library.

Nothing leaves before the facilitator has seen exactly what would: "Preview"
shows the record as it would be stored (rendered, and its JSON), the names
replaced and what is left out; "Publish" is enabled only for the preview of
the current choices, and asks for a confirming click. A restricted workshop
shows why it cannot leave, and no publish button.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.bundle import read_bundle
from nsc_workshop.errors import NscWorkshopError
from nsc_workshop.i18n import t
from nsc_workshop.library import Library, LibraryRecord, PublicationPreview, preview_publication
from nsc_workshop.library.publish import record_id_of
from nsc_workshop.model import Workshop
from nsc_workshop.model.vocab import EVIDENCE_LEVELS, LICENCES, RECORD_STATUSES
from nsc_workshop.session import open_session
from nsc_workshop.store import Store
from nsc_workshop.widgets._html import error_html, esc, message_html
from nsc_workshop.widgets._panel import View, library_changes
from nsc_workshop.widgets._upload import uploaded_bytes
from nsc_workshop.widgets.library_record import record_html

_REPLACED_COLUMNS = (
    "library.app.publish.col.field",
    "library.app.publish.col.item",
    "library.app.publish.col.kind",
    "library.app.publish.col.found",
    "library.app.publish.col.becomes",
)

__all__ = ["PERSONAL_KINDS", "LibraryPublish", "personal_candidates"]

PERSONAL_KINDS = (
    "actor",
    "iceberg_note",
    "problem_node",
    "why_chain",
    "pov",
    "hmw",
    "sprint_question",
    "idea",
    "sketch",
    "finding",
    "toc",
    "indicator",
    "action",
)
"""The items a facilitator may mark personal before publishing (each of them a text someone typed)."""

_TEXT_FIELDS = ("name", "text", "title", "action", "problem", "group", "description")


def _item_text(item: Any) -> str:
    for name in _TEXT_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return str(getattr(item, "id", ""))


def personal_candidates(workshop: Workshop) -> list[tuple[str, str, str]]:
    """The workshop's texts a facilitator may mark personal: ``(item id, kind, text)``."""
    out: list[tuple[str, str, str]] = []
    for kind in PERSONAL_KINDS:
        for item in workshop.collection(kind).values():
            out.append((item.id, kind, _item_text(item)))
    return out


class LibraryPublish(View):
    """Choose a workshop or upload a bundle, set the publication details, mark personal items, preview, publish."""

    def __init__(self, store: Store, library: Library) -> None:
        self.store = store
        self.library = library
        self.workshop: Workshop | None = None
        self.uploaded: Workshop | None = None
        self.preview: PublicationPreview | None = None
        self._previewed: Any = None
        wide = widgets.Layout(width="40em")
        style = {"description_width": "11em"}
        self.source = widgets.ToggleButtons(
            options=[(t("library.app.publish.from_store"), "store"), (t("library.app.publish.from_file"), "file")],
            value="store",
        )
        self.source.observe(lambda _c: self._source_changed(), names="value")
        self.choose = widgets.Dropdown(description=t("library.app.publish.workshop"), style=style, layout=wide)
        self.choose.observe(lambda _c: self._workshop_chosen(), names="value")
        self.upload = widgets.FileUpload(accept=".json,application/json", multiple=False, description=t("home.choose"))
        self.read_button = widgets.Button(description=t("library.app.publish.read"), icon="upload")
        self.read_button.on_click(lambda _: self.read_upload())
        self.file_row = widgets.HBox([self.upload, self.read_button])
        self.message = widgets.HTML()
        self.status = widgets.Dropdown(
            options=[(t(f"library.status.{s}"), s) for s in RECORD_STATUSES],
            description=t("library.field.status"),
            style=style,
        )
        self.evidence = widgets.Dropdown(
            options=[(t(f"library.evidence.{e}"), e) for e in EVIDENCE_LEVELS],
            description=t("library.field.evidence"),
            style=style,
        )
        self.contact_role = widgets.Text(
            description=t("library.app.field.contact"),
            placeholder=t("library.app.publish.contact_hint"),
            style=style,
            layout=wide,
        )
        self.licence = widgets.Dropdown(options=list(LICENCES), description=t("library.app.field.licence"), style=style)
        self.derived_from = widgets.Dropdown(description=t("library.app.field.derived_from"), style=style, layout=wide)
        self.sensitivity = widgets.ToggleButtons(
            options=[(t("sensitivity.public"), "public"), (t("sensitivity.network"), "network")],
            value="network",
            description=t("library.app.field.sensitivity"),
            style=style,
        )
        self.record_id = widgets.Text(description=t("library.app.field.record_id"), style=style, layout=wide)
        self.recruitment = widgets.Textarea(
            description=t("library.app.field.recruitment"),
            placeholder=t("library.app.publish.recruitment_hint"),
            style=style,
            layout=wide,
        )
        self.outcomes = widgets.Textarea(
            description=t("library.app.field.outcomes"),
            placeholder=t("library.app.publish.outcomes_hint"),
            style=style,
            layout=wide,
        )
        self.hidden_names = widgets.Textarea(
            description=t("library.app.field.hidden_names"),
            placeholder=t("library.app.publish.hidden_names_hint"),
            style=style,
            layout=wide,
        )
        self.kept_terms = widgets.Textarea(
            description=t("library.app.field.kept_terms"),
            placeholder=t("library.app.publish.kept_terms_hint"),
            style=style,
            layout=wide,
        )
        self.personal_box = widgets.VBox(layout=widgets.Layout(max_height="24em", overflow="auto"))
        self.personal_box.add_class("nsc-personal-items")
        self.personal: dict[str, widgets.Checkbox] = {}
        self.preview_button = widgets.Button(
            description=t("library.app.publish.preview"), icon="eye", button_style="info"
        )
        self.preview_button.on_click(lambda _: self.make_preview())
        self.publish_button = widgets.Button(
            description=t("library.app.publish.publish"), icon="share", button_style="primary", disabled=True
        )
        self.publish_button.on_click(lambda _: self.ask_confirm())
        self.confirm_text = widgets.HTML()
        self.confirm_button = widgets.Button(
            description=t("library.app.publish.confirm"), icon="check", button_style="danger"
        )
        self.confirm_button.on_click(lambda _: self.publish())
        self.cancel_button = widgets.Button(description=t("library.app.publish.cancel"))
        self.cancel_button.on_click(lambda _: self._hide_confirm())
        self.confirm_row = widgets.HBox([self.confirm_text, self.confirm_button, self.cancel_button])
        self.confirm_row.layout.display = "none"
        self.preview_record = widgets.HTML()
        self.preview_record.add_class("nsc-publish-preview")
        self.preview_json = widgets.HTML()
        self.json_box = widgets.Accordion(children=[self.preview_json], titles=(t("library.app.publish.json"),))
        self.json_box.selected_index = None
        self.json_box.layout.display = "none"
        self.preview_kept = widgets.HTML()
        self.preview_kept.add_class("nsc-publish-kept")
        for control in (
            self.status,
            self.evidence,
            self.contact_role,
            self.licence,
            self.derived_from,
            self.sensitivity,
            self.record_id,
            self.recruitment,
            self.outcomes,
            self.hidden_names,
            self.kept_terms,
        ):
            control.observe(lambda _c: self._changed(), names="value")
        details = widgets.VBox(
            [
                widgets.HTML(f"<h4>{esc(t('library.app.publish.details'))}</h4>"),
                self.record_id,
                self.sensitivity,
                self.status,
                self.evidence,
                self.contact_role,
                self.licence,
                self.derived_from,
                self.recruitment,
                self.outcomes,
            ]
        )
        personal = widgets.VBox(
            [
                widgets.HTML(
                    f"<h4>{esc(t('library.app.publish.personal'))}</h4>"
                    f"<p>{esc(t('library.app.publish.personal_hint'))}</p>"
                ),
                self.personal_box,
                self.hidden_names,
                self.kept_terms,
            ]
        )
        super().__init__(
            [
                widgets.HTML(f"<p>{esc(t('library.app.publish.intro'))}</p>"),
                self.source,
                self.choose,
                self.file_row,
                self.message,
                details,
                personal,
                widgets.HBox([self.preview_button, self.publish_button]),
                self.confirm_row,
                self.preview_record,
                self.json_box,
                self.preview_kept,
            ]
        )
        self.add_class("nsc-library-publish")
        self.refresh()
        self._source_changed()
        self.follow(library_changes(library).subscribe)

    # -- choosing what to publish ------------------------------------------------------

    def refresh(self) -> None:
        """The workshops of the store and the library's records (for "derived from")."""
        super().refresh()
        options = [(f"{w.title} ({w.city}, {w.country})", w.id) for w in self.store.list_workshops()]
        if list(self.choose.options) != options:
            current = self.choose.value
            with self.syncing():
                self.choose.options = options
                self.choose.value = current if current in {v for _l, v in options} else None
        derived = [(t("library.app.publish.no_lineage"), "")] + [
            (f"{h.title} ({h.city}) · {h.id}", h.id) for h in self.library.search("", limit=None)
        ]
        if list(self.derived_from.options) != derived:
            current = self.derived_from.value
            self.derived_from.options = derived
            self.derived_from.value = current if current in {v for _l, v in derived} else ""
        if self.source.value == "store" and self.choose.value and self.workshop is None:
            self._workshop_chosen()

    def _source_changed(self) -> None:
        from_store = self.source.value == "store"
        self.choose.layout.display = "" if from_store else "none"
        self.file_row.layout.display = "none" if from_store else ""
        self.message.value = ""
        if from_store:
            self._workshop_chosen()
        else:
            self._load(self.uploaded)

    def _workshop_chosen(self) -> None:
        if self.syncing or self.source.value != "store":
            return
        if not self.choose.value:
            self._load(None)
            return
        try:
            workshop = self.store.load(str(self.choose.value))
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            self._load(None)
            return
        self._load(workshop)

    def read_upload(self) -> Workshop | None:
        """Read the uploaded bundle (checked field by field; a refused file shows why, never a traceback)."""
        files = self.upload.value
        if not files:
            self.message.value = message_html("info", t("home.choose_first"))
            return None
        upload = files[0]
        try:
            workshop = read_bundle(uploaded_bytes(upload))
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        finally:
            self.upload.value = ()
        self.uploaded = workshop
        self.message.value = message_html("ok", t("library.app.publish.read_ok", title=workshop.meta.title))
        self._load(workshop)
        return workshop

    def _load(self, workshop: Workshop | None) -> None:
        """Fill the form from a workshop's publication details and items."""
        self.workshop = workshop
        with self.syncing():
            if workshop is not None:
                pub = workshop.publication
                self.status.value = pub.status
                self.evidence.value = pub.evidence
                self.contact_role.value = pub.contact_role
                self.licence.value = pub.licence
                lineage = pub.derived_from or ""
                if lineage and lineage not in {v for _l, v in self.derived_from.options}:
                    self.derived_from.options = [*self.derived_from.options, (lineage, lineage)]
                self.derived_from.value = lineage
                self.recruitment.value = pub.recruitment
                self.outcomes.value = pub.outcomes
                self.hidden_names.value = "\n".join(pub.hidden_names)
                self.kept_terms.value = "\n".join(pub.kept_terms)
                self.sensitivity.value = "public" if workshop.meta.sensitivity == "public" else "network"
                self.record_id.value = record_id_of(workshop)
            marked = set(workshop.publication.personal_items) if workshop else set()
            boxes: dict[str, widgets.Checkbox] = {}
            for item_id, kind, text in personal_candidates(workshop) if workshop else []:
                label = f"{t(f'kind.{kind}', default=kind)}: {text[:100]}"
                box = widgets.Checkbox(value=item_id in marked, description=label, indent=False)
                box.layout.width = "60em"
                box.observe(lambda _c: self._changed(), names="value")
                boxes[item_id] = box
            old = self.personal_box.children
            self.personal = boxes
            self.personal_box.children = list(boxes.values())
            for widget in old:
                widget.close()
        self._clear_preview()

    # -- preview and publish ----------------------------------------------------------------

    def personal_items(self) -> list[str]:
        return [item_id for item_id, box in self.personal.items() if box.value]

    def _details(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "evidence": self.evidence.value,
            "contact_role": self.contact_role.value.strip(),
            "licence": self.licence.value,
            "derived_from": self.derived_from.value or None,
            "personal_items": self.personal_items(),
            "recruitment": self.recruitment.value.strip(),
            "outcomes": self.outcomes.value.strip(),
            "hidden_names": [line.strip()[:300] for line in self.hidden_names.value.splitlines() if line.strip()],
            "kept_terms": [line.strip()[:300] for line in self.kept_terms.value.splitlines() if line.strip()],
        }

    def _state(self) -> Any:
        workshop = self.workshop
        return (
            self.source.value,
            workshop.id if workshop else None,
            id(workshop),
            repr(sorted(self._details().items())),
            self.sensitivity.value,
            self.record_id.value.strip(),
        )

    def _changed(self) -> None:
        if self.syncing:
            return
        if self._previewed is not None and self._state() != self._previewed:
            self.publish_button.disabled = True
            self._hide_confirm()
            self.confirm_text.value = ""
            self.message.value = message_html("info", t("library.app.publish.stale"))

    def _clear_preview(self) -> None:
        self.preview = None
        self._previewed = None
        self.publish_button.disabled = True
        self.publish_button.layout.display = ""
        self._hide_confirm()
        self.preview_record.value = ""
        self.preview_json.value = ""
        self.preview_kept.value = ""
        self.json_box.layout.display = "none"

    def _with_details(self) -> Workshop | None:
        """The workshop with the form's publication details: saved to the store, or kept in memory for a file."""
        workshop = self.workshop
        if workshop is None:
            return None
        details = self._details()
        if self.source.value == "store":
            session = open_session(self.store, workshop.id)
            session.update_section("publication", **details)
            workshop = session.workshop
        else:
            workshop = workshop.model_copy(update={"publication": workshop.publication.model_copy(update=details)})
            self.uploaded = workshop
        self.workshop = workshop
        return workshop

    def make_preview(self) -> PublicationPreview | None:
        """Show exactly what publishing would send, and what is kept back."""
        self._clear_preview()
        if self.workshop is None:
            self.message.value = message_html("info", t("library.app.publish.choose_first"))
            return None
        try:
            workshop = self._with_details()
            assert workshop is not None
            if workshop.meta.sensitivity == "restricted":
                preview = preview_publication(workshop)
            else:
                preview = preview_publication(
                    workshop, record_id=self.record_id.value.strip() or None, sensitivity=self.sensitivity.value
                )
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            return None
        if preview.record is None:
            self.message.value = message_html("error", preview.refused or "")
            self.publish_button.layout.display = "none"
            return preview
        self.preview = preview
        self.message.value = message_html("info", t("library.app.publish.previewed"))
        self.preview_record.value = (
            f"<h3>{esc(t('library.app.publish.leaves'))}</h3>"
            f"<div style='border:1px solid #999;padding:0.5em'>{record_html(preview.record)}</div>"
        )
        self.preview_json.value = (
            f"<pre class='nsc-record-json' style='white-space:pre-wrap;max-height:30em;overflow:auto'>"
            f"{esc(preview.record_json())}</pre>"
        )
        self.json_box.layout.display = ""
        self.json_box.selected_index = None
        names = "".join(f"<li>{esc(name)} → {esc(pseudonym)}</li>" for name, pseudonym in preview.names)
        rows = preview.rows()
        head = "".join(f"<th style='text-align:left;padding:2px 8px'>{esc(t(k))}</th>" for k in _REPLACED_COLUMNS)
        body = "".join(
            "<tr>" + "".join(f"<td style='padding:2px 8px'>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows
        )
        left = "".join(f"<li>{esc(what)} — {esc(why)}</li>" for what, why in preview.left_out)
        self.preview_kept.value = (
            f"<h3>{esc(t('library.app.publish.kept'))}</h3>"
            f"<h4>{esc(t('library.app.publish.names', count=len(preview.names)))}</h4>"
            f"<ul class='nsc-names'>{names}</ul>"
            f"<h4>{esc(t('library.app.publish.replaced', count=len(rows)))}</h4>"
            f"<p>{esc(t('library.app.publish.replaced_hint'))}</p>"
            "<div style='max-height:24em;overflow:auto'>"
            f"<table class='nsc-replaced'><tr>{head}</tr>{body}</table></div>"
            f"<h4>{esc(t('library.app.publish.left_out', count=len(preview.left_out)))}</h4>"
            f"<ul class='nsc-left-out'>{left}</ul>"
        )
        self._previewed = self._state()
        self.publish_button.disabled = False
        return preview

    def ask_confirm(self) -> None:
        if self.preview is None or self.preview.record is None or self._state() != self._previewed:
            self.publish_button.disabled = True
            return
        record = self.preview.record
        level = t(f"sensitivity.{record.sensitivity}")
        sure = t("library.app.publish.sure", title=record.title, id=record.id, level=level)
        self.confirm_text.value = f"<b>{esc(sure)}</b>"
        self.confirm_row.layout.display = ""

    def _hide_confirm(self) -> None:
        self.confirm_row.layout.display = "none"

    def publish(self) -> LibraryRecord | None:
        """Publish the previewed record (only after a confirming click on a preview of the current choices)."""
        if self.preview is None or self.preview.record is None or self._state() != self._previewed:
            self._hide_confirm()
            self.publish_button.disabled = True
            return None
        try:
            stored = self.library.publish(self.preview.record)
        except NscWorkshopError as exc:
            self.message.value = error_html(exc)
            self._hide_confirm()
            return None
        self._hide_confirm()
        self.publish_button.disabled = True
        self._previewed = None
        self.message.value = message_html(
            "ok", t("library.app.publish.done", title=stored.title, id=stored.id, version=stored.version)
        )
        library_changes(self.library).notify([stored])  # every view of the library redraws, this one too
        return stored
