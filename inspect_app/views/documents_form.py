"""The Documents form: issuing body, document numbers, place and date, times, legal basis,
signer and Nơi nhận, prefilled with the suggested values until the leader saves; each field
says what is wrong with it. Others see the values in use, read-only."""

from __future__ import annotations

import flet as ft

from checklists.record.model import Layout
from inspect_app.i18n import t
from inspect_app.routes import documents_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.documents_form import DocumentsFormViewModel
from inspect_app.views.scaffold import MUTED, error_strip, loading, screen, section_title

__all__ = ["DocumentsFormBody", "DocumentsFormScreen"]

_GROUPS: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    # (group, ((field, lines), ...)); lines > 1 is a multiline field
    ("issuer", (("superior_body", 1), ("issuing_body", 1), ("symbol", 1))),
    ("numbers", (("number_minutes", 1), ("number_report", 1), ("number_notice", 1))),
    ("when", (("place_name", 1), ("issued_on", 1), ("start_time", 1), ("end_time", 1))),
    ("basis", (("legal_basis", 3), ("unit_organisation", 1), ("addressee", 1))),
    ("signer", (("signer_on_behalf", 1), ("signer_name", 1), ("signer_position", 1))),
    ("distribution", (("distribution", 4),)),
)
_HINTS = {
    "number_minutes": "documents.number_hint",
    "number_report": "documents.number_hint",
    "number_notice": "documents.number_hint",
    "issued_on": "documents.issued_on_hint",
}
_FULL: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12}
_HALF: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "md": 6}


def _field(vm: DocumentsFormViewModel, name: str, lines: int, lang: str) -> ft.Control:
    def typed(e: ft.Event[ft.TextField]) -> None:
        vm.set_value(name, e.control.value or "")

    hint = _HINTS.get(name)
    return ft.Semantics(
        identifier=f"doc-{name}",
        content=ft.TextField(
            label=t(f"documents.{name}", lang),
            value=vm.value(name),
            multiline=lines > 1,
            min_lines=lines if lines > 1 else None,
            max_lines=lines * 3 if lines > 1 else 1,
            text_size=16,
            label_style=ft.TextStyle(size=15),
            helper=t(hint, lang) if hint else None,
            error=vm.errors.get(name),
            read_only=not vm.is_leader,
            on_change=typed,
        ),
    )


def _layout(vm: DocumentsFormViewModel, lang: str) -> ft.Control:
    def chosen(e: ft.Event[ft.RadioGroup]) -> None:
        vm.set_layout(str(e.control.value))

    return ft.Semantics(
        identifier="doc-layout",
        content=ft.RadioGroup(
            value=vm.layout,
            on_change=chosen,
            disabled=not vm.is_leader,
            content=ft.Row(
                [
                    ft.Radio(
                        value=layout.value,
                        label=t(f"documents.layout.{layout.value}", lang),
                        label_style=ft.TextStyle(size=16),
                    )
                    for layout in Layout
                ],
                wrap=True,
            ),
        ),
    )


def _authority(vm: DocumentsFormViewModel, lang: str) -> ft.Control:
    def chosen(e: ft.Event[ft.Dropdown]) -> None:
        value = str(e.control.value or "")
        vm.set_value("signer_authority", "" if value == "-" else value)

    current = vm.value("signer_authority")
    return ft.Semantics(
        identifier="doc-signer_authority",
        content=ft.Dropdown(
            label=t("documents.signer_authority", lang),
            value=current or "-",
            options=[
                ft.DropdownOption(key=a or "-", text=a or t("documents.authority_none", lang))
                for a in vm.authorities()
            ],
            on_select=chosen,
            error_text=vm.errors.get("signer_authority"),
            disabled=not vm.is_leader,
            expand=True,
            text_size=16,
        ),
    )


def _group(
    vm: DocumentsFormViewModel, group: str, fields: tuple[tuple[str, int], ...], lang: str
) -> list[ft.Control]:
    controls: list[ft.Control] = []
    for name, lines in fields:
        col = _FULL if lines > 1 else _HALF
        control = ft.Container(_field(vm, name, lines, lang), col=col)
        controls.append(control)
    if group == "signer":
        controls.insert(0, ft.Container(_authority(vm, lang), col=_HALF))
    heading: list[ft.Control] = [section_title(t(f"documents.group.{group}", lang))]
    if group == "issuer":
        heading.append(_layout(vm, lang))
    return [*heading, ft.ResponsiveRow(controls, spacing=12, run_spacing=12)]


@ft.component
def DocumentsFormBody(vm: DocumentsFormViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    ft.use_effect(vm.load, dependencies=[vid, vm.member_id, lang])
    route, title = documents_path(vid), t("documents.title", lang)
    if vm.status == "loading" or not session.ready:
        return screen(route, title, [loading()])
    if vm.status == "error":
        return screen(route, title, [error_strip(vm.error or "", lang, on_retry=vm.load)])
    page = ft.context.page

    async def save() -> None:
        if await vm.save():
            page.show_dialog(ft.SnackBar(ft.Text(t("documents.saved", lang), size=16)))

    body: list[ft.Control] = []
    if not vm.is_leader:
        body.append(
            ft.Semantics(
                identifier="documents-read-only",
                content=ft.Text(t("documents.read_only", lang), size=15, color=MUTED),
            )
        )
    elif vm.from_defaults:
        body.append(
            ft.Semantics(
                identifier="documents-defaults",
                content=ft.Text(t("documents.defaults", lang), size=15, color=MUTED),
            )
        )
    if vm.error:
        body.append(
            error_strip(vm.error, lang, on_dismiss=vm.dismiss_error, identifier="documents-error")
        )
    if vm.errors:
        body.append(
            ft.Semantics(
                identifier="documents-invalid",
                content=ft.Text(t("documents.has_errors", lang), size=16, color=ft.Colors.ERROR),
            )
        )
    for group, fields in _GROUPS:
        body += _group(vm, group, fields, lang)
    actions: list[ft.Control] = []
    if vm.is_leader:  # in the app bar: always in reach, however far down the form is
        actions.append(
            ft.Container(
                ft.Semantics(
                    identifier="documents-save",
                    content=ft.FilledButton(
                        t("documents.save", lang),
                        icon=ft.Icons.SAVE,
                        on_click=save,
                        disabled=vm.busy,
                        height=44,
                    ),
                ),
                padding=ft.Padding.only(right=12),
            )
        )
    body.append(ft.Container(height=24))
    # The key makes the fields take fresh values when they are replaced from the store.
    return screen(
        route, title, [ft.Column(body, spacing=12, key=str(vm.revision))], actions=actions
    )


@ft.component
def DocumentsFormScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params().get("vid", "")
    member = session.member_of(vid) or ""
    vm = ft.use_memo(
        lambda: DocumentsFormViewModel(
            store=session.store, inspection_id=vid, member_id=member, lang=session.lang
        ),
        dependencies=[vid, member, session.lang],
    )
    return DocumentsFormBody(vm=vm, session=session)
