"""Sync status: how the sync worker stands (signing this device in when it waits for that),
what waits to be sent, what the server refused, and where it is sent. The app's sync service
updates `AppSession.sync` and this screen follows it."""

from __future__ import annotations

import flet as ft

from inspect_app import routes
from inspect_app.i18n import t
from inspect_app.session import AppSession, use_session
from inspect_app.sync_status import SyncPanel
from inspect_app.viewmodels.sync_status import PendingRecord, RefusedRow, SyncStatusViewModel
from inspect_app.views.scaffold import (
    MUTED,
    centred_form,
    error_strip,
    field_error,
    go_to,
    loading,
    screen,
    section_title,
)

__all__ = ["SyncStatusBody", "SyncStatusScreen"]

_FIELD: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "md": 6}
"""Sign-in fields: side by side on a tablet, one under the other on a phone."""
_STATE_ICONS = {
    "idle": ft.Icons.CLOUD_QUEUE,
    "up_to_date": ft.Icons.CLOUD_DONE_OUTLINED,
    "syncing": ft.Icons.CLOUD_SYNC,
    "offline": ft.Icons.CLOUD_OFF,
    "paused_sign_in": ft.Icons.LOCK_CLOCK,
    "refused": ft.Icons.REPORT_OUTLINED,
}


def _card(*controls: ft.Control, identifier: str) -> ft.Control:
    return ft.Semantics(
        identifier=identifier,
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            content=ft.Container(padding=16, content=ft.Column(list(controls), spacing=10)),
        ),
    )


def _line(icon: ft.IconData, text: str, *, strong: bool = False) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(icon, size=20, color=ft.Colors.PRIMARY if strong else MUTED),
            ft.Text(text, size=16, expand=True, weight=ft.FontWeight.W_600 if strong else None),
        ],
        spacing=10,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def _state(vm: SyncStatusViewModel, sync: SyncPanel, lang: str) -> ft.Control:
    lines: list[ft.Control] = [
        _line(_STATE_ICONS.get(vm.state_key, ft.Icons.CLOUD_QUEUE), vm.state_text(), strong=True)
    ]
    if sync.progress is not None:
        lines.append(ft.ProgressBar(value=sync.progress, bar_height=6))
        lines.append(
            ft.Text(
                t(
                    "sync.progress",
                    lang,
                    sent=_bytes(sync.bytes_sent),
                    total=_bytes(sync.bytes_total),
                ),
                size=14,
                color=MUTED,
            )
        )
    if sync.signed_in_as and not sync.needs_sign_in:
        lines.append(
            ft.Semantics(
                identifier="sync-signed-in",
                content=_line(
                    ft.Icons.PERSON_OUTLINE, t("sync.signed_in_as", lang, name=sync.signed_in_as)
                ),
            )
        )
    lines.append(ft.Text(t("sync.last_success", lang), size=14, color=MUTED))
    lines.append(ft.Text(vm.last_success_text(), size=16))
    if sync.last_error and not sync.needs_sign_in:  # the sign-in card says it
        lines.append(
            error_strip(
                f"{t('sync.last_error', lang)}: {sync.last_error}",
                lang,
                identifier="sync-last-error",
            )
        )
    note = vm.note
    if note:
        lines.append(
            ft.Semantics(
                identifier="sync-note",
                content=ft.Container(
                    bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                    border_radius=ft.BorderRadius.all(12),
                    padding=12,
                    content=_line(ft.Icons.INFO_OUTLINE, note),
                ),
            )
        )
    lines.append(
        ft.Row(
            [
                ft.Semantics(
                    identifier="sync-now",
                    content=ft.FilledButton(
                        t("sync.now", lang),
                        icon=ft.Icons.SYNC,
                        height=48,
                        disabled=not vm.can_sync_now,
                        on_click=vm.sync_now,
                    ),
                )
            ],
            alignment=ft.MainAxisAlignment.END,
        )
    )
    return _card(*lines, identifier="sync-state")


def _sign_in(vm: SyncStatusViewModel, lang: str) -> ft.Control:
    async def submit() -> None:
        if await vm.sign_in():
            ft.context.page.show_dialog(ft.SnackBar(ft.Text(t("sync.sign_in.done", lang))))

    username = ft.Semantics(
        identifier="sync-username",
        col=_FIELD,
        content=ft.TextField(
            label=t("sync.sign_in.username", lang),
            value=vm.username,
            text_size=16,
            prefix_icon=ft.Icons.PERSON_OUTLINE,
            autocorrect=False,
            enable_suggestions=False,
            on_change=lambda e: vm.set_username(e.control.value or ""),
        ),
    )
    password = ft.Semantics(
        identifier="sync-password",
        col=_FIELD,
        content=ft.TextField(
            label=t("sync.sign_in.password", lang),
            value=vm.password,
            text_size=16,
            password=True,
            can_reveal_password=True,
            prefix_icon=ft.Icons.LOCK_OUTLINE,
            error=field_error(vm.sign_in_error),
            on_change=lambda e: vm.set_password(e.control.value or ""),
            on_submit=submit,
        ),
    )
    button = ft.Semantics(
        identifier="sync-sign-in",
        content=ft.FilledButton(
            t("sync.sign_in", lang),
            icon=ft.Icons.LOGIN,
            height=48,
            disabled=vm.signing_in,
            on_click=submit,
        ),
    )
    lines: list[ft.Control] = [
        section_title(t("sync.sign_in.title", lang)),
        ft.Text(t("sync.sign_in.hint", lang), size=16),
        ft.ResponsiveRow([username, password], spacing=12, run_spacing=10),  # full width
    ]
    if vm.signing_in:
        lines.append(ft.ProgressBar(bar_height=4))
    lines.append(ft.Row([button], alignment=ft.MainAxisAlignment.END))
    return _card(*lines, identifier="sync-sign-in-form")


def _refused_row(row: RefusedRow) -> ft.Control:
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.REPORT_OUTLINED, color=ft.Colors.ERROR),
        title=ft.Text(row.unit, size=16, weight=ft.FontWeight.W_600),
        subtitle=ft.Text(row.message, size=14),
        content_padding=ft.Padding.symmetric(horizontal=0),
        on_click=go_to(routes.visit_path(row.id)),
    )


def _refused(vm: SyncStatusViewModel, lang: str) -> ft.Control:
    rows = vm.refused
    return _card(
        section_title(t("sync.refused", lang, count=len(rows))),
        ft.Text(t("sync.refused.hint", lang), size=14, color=MUTED),
        *[_refused_row(row) for row in rows],
        identifier="sync-refused",
    )


def _bytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(n, 0) // 1000} kB"


def _pending_row(row: PendingRecord, lang: str) -> ft.Control:
    revs = t("sync.record.never", lang) if row.never_sent else ""
    changes = t("sync.record.changes", lang, changes=row.unsent_saves)
    detail = " · ".join(part for part in (row.day, changes, revs) if part)
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.UPLOAD_FILE, color=ft.Colors.PRIMARY),
        title=ft.Text(row.unit, size=16, weight=ft.FontWeight.W_600),
        subtitle=ft.Text(detail, size=14, color=MUTED),
        content_padding=ft.Padding.symmetric(horizontal=0),
        on_click=go_to(routes.visit_path(row.id)),
    )


def _pending(vm: SyncStatusViewModel, lang: str) -> ft.Control:
    lines: list[ft.Control] = [section_title(t("sync.pending", lang))]
    if vm.status == "loading":
        lines.append(loading())
    elif vm.status == "error":
        lines.append(error_strip(vm.error or "", lang, on_retry=vm.load))
    else:
        if vm.pending:
            count = _line(
                ft.Icons.DESCRIPTION_OUTLINED,
                t("sync.pending.records", lang, count=len(vm.pending)),
                strong=True,
            )
        else:
            count = _line(ft.Icons.CHECK_CIRCLE_OUTLINE, t("sync.pending.none", lang))
        lines.append(ft.Semantics(identifier="sync-pending-count", content=count))
        if vm.pending_photos:
            lines.append(
                _line(
                    ft.Icons.PHOTO_LIBRARY_OUTLINED,
                    t("sync.pending.photos", lang, count=vm.pending_photos),
                )
            )
        if vm.missing_photos:
            lines.append(
                _line(
                    ft.Icons.IMAGE_NOT_SUPPORTED_OUTLINED,
                    t("sync.missing.photos", lang, count=vm.missing_photos),
                )
            )
        lines += [_pending_row(row, lang) for row in vm.pending]
    return _card(*lines, identifier="sync-pending")


def _endpoint(vm: SyncStatusViewModel, lang: str) -> ft.Control:
    address = vm.endpoint or t("sync.endpoint.none", lang)
    link = t("sync.endpoint.change" if vm.endpoint else "sync.endpoint.setup", lang)
    return _card(
        section_title(t("sync.endpoint", lang)),
        ft.Semantics(
            identifier="sync-endpoint-address",
            content=_line(ft.Icons.DNS_OUTLINED, address, strong=bool(vm.endpoint)),
        ),
        ft.Row(
            [
                ft.Semantics(
                    identifier="sync-open-settings",
                    content=ft.TextButton(
                        link, icon=ft.Icons.SETTINGS_OUTLINED, on_click=go_to(f"/{routes.SETTINGS}")
                    ),
                )
            ],
            alignment=ft.MainAxisAlignment.END,
        ),
        identifier="sync-endpoint",
    )


@ft.component
def SyncStatusBody(vm: SyncStatusViewModel, session: AppSession, sync: SyncPanel) -> ft.View:
    """`sync` is the session's panel, a prop so that the worker's news re-renders the screen."""
    lang = session.lang
    # Read again when the worker's counts move (a round finished, a record was saved).
    ft.use_effect(vm.load, dependencies=[lang, sync.pending_records, sync.last_success])
    cards: list[ft.Control] = [_state(vm, sync, lang)]
    if vm.show_sign_in:
        cards.append(_sign_in(vm, lang))
    if sync.refused:
        cards.append(_refused(vm, lang))
    cards += [_pending(vm, lang), _endpoint(vm, lang)]
    body = centred_form(cards)
    return screen(f"/{routes.SYNC}", t("sync.title", lang), [body])


@ft.component
def SyncStatusScreen() -> ft.View:
    session = use_session()
    vm = ft.use_memo(
        lambda: SyncStatusViewModel(
            store=session.store,
            settings=session.settings,
            sync=session.sync,
            lang=session.lang,
            service=session.sync_service,
        ),
        dependencies=[session.lang],
    )
    return SyncStatusBody(vm=vm, session=session, sync=session.sync)
