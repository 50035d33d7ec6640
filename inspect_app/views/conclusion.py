"""The leader's conclusion: draft it from the scores, edit the three blocks (saved as typing
pauses, and when the screen is left), keep versions with their diffs, lock and unlock, and
export the three DOCX documents (downloaded on the web, shared on a tablet). Everyone else
reads the conclusion as it stands, without tools."""

from __future__ import annotations

import asyncio
from functools import partial

import flet as ft

from inspect_app.i18n import t
from inspect_app.routes import conclusion_path, documents_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.conclusion import (
    ConclusionBlockView,
    ConclusionViewModel,
    ExportedFile,
    VersionRow,
)
from inspect_app.views.review_dialogs import open_reason_dialog
from inspect_app.views.scaffold import MUTED, error_strip, go_to, loading, screen, section_title

__all__ = ["ConclusionBody", "ConclusionScreen"]


def _card(content: ft.Control, identifier: str) -> ft.Control:
    return ft.Semantics(
        identifier=identifier,
        content=ft.Card(
            variant=ft.CardVariant.OUTLINED,
            margin=0,
            content=ft.Container(content, padding=16),
        ),
    )


def _block(block: ConclusionBlockView, lang: str) -> ft.Control:
    written = bool(block.text.strip())
    return _card(
        ft.Column(
            [
                ft.Text(block.heading, size=17, weight=ft.FontWeight.W_600),
                ft.Text(
                    block.text if written else t("conclusion.block_empty", lang),
                    size=16,
                    color=None if written else MUTED,
                ),
            ],
            spacing=8,
            tight=True,
        ),
        f"conclusion-{block.part}",
    )


def _editor(vm: ConclusionViewModel, block: ConclusionBlockView) -> ft.Control:
    def typed(e: ft.Event[ft.TextField]) -> None:
        vm.type_text(block.part, e.control.value or "")

    return ft.Semantics(
        identifier=f"edit-{block.part}",
        content=ft.TextField(
            label=block.heading,
            value=block.text,
            multiline=True,
            min_lines=4,
            max_lines=12,
            text_size=16,
            label_style=ft.TextStyle(size=16),
            on_change=typed,
            disabled=vm.busy,
        ),
    )


def _button(
    identifier: str,
    text: str,
    icon: ft.IconData,
    on_click: object,
    *,
    filled: bool = False,
    disabled: bool = False,
) -> ft.Control:
    kind = ft.FilledButton if filled else ft.OutlinedButton
    return ft.Semantics(
        identifier=identifier,
        content=kind(text, icon=icon, on_click=on_click, disabled=disabled, height=48),  # type: ignore[arg-type]
    )


def _open_draft(vm: ConclusionViewModel, lang: str) -> None:
    page = ft.context.page

    async def replace() -> None:
        page.pop_dialog()
        await vm.make_draft(replace=True)

    async def run() -> None:
        if await vm.make_draft():
            return
        page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(t("conclusion.draft_title", lang), size=18),
                content=ft.Container(
                    ft.Text(
                        t("conclusion.draft_body", lang, parts=", ".join(vm.draft_kept)), size=16
                    ),
                    width=480,
                ),
                actions=[
                    ft.Semantics(
                        identifier="draft-keep",
                        content=ft.TextButton(
                            t("conclusion.draft_keep", lang), on_click=page.pop_dialog
                        ),
                    ),
                    ft.Semantics(
                        identifier="draft-replace",
                        content=ft.FilledButton(
                            t("conclusion.draft_replace", lang), on_click=replace
                        ),
                    ),
                ],
            )
        )

    page.run_task(run)


def _open_lock(vm: ConclusionViewModel, lang: str) -> None:
    page = ft.context.page

    async def confirm() -> None:
        page.pop_dialog()
        await vm.lock()

    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(t("conclusion.lock_title", lang), size=18),
            content=ft.Container(ft.Text(t("conclusion.lock_body", lang), size=16), width=480),
            actions=[
                ft.TextButton(t("common.cancel", lang), on_click=page.pop_dialog),
                ft.Semantics(
                    identifier="lock-confirm",
                    content=ft.FilledButton(
                        t("conclusion.lock", lang), icon=ft.Icons.LOCK, on_click=confirm
                    ),
                ),
            ],
        )
    )


def _tools(vm: ConclusionViewModel, lang: str, vid: str) -> ft.Control:
    busy = vm.busy or vm.exporting
    buttons: list[ft.Control] = []
    if vm.can_edit:
        buttons += [
            _button(
                "draft",
                t("conclusion.draft", lang),
                ft.Icons.AUTO_AWESOME,
                partial(_open_draft, vm, lang),
                disabled=busy,
            ),
            _button(
                "save-version",
                t("conclusion.save_version", lang),
                ft.Icons.BOOKMARK_ADD_OUTLINED,
                vm.save_version,
                disabled=busy,
            ),
            _button(
                "lock-conclusion",
                t("conclusion.lock", lang),
                ft.Icons.LOCK_OUTLINE,
                partial(_open_lock, vm, lang),
                disabled=busy,
            ),
        ]
    else:
        buttons.append(
            _button(
                "unlock-conclusion",
                t("conclusion.unlock", lang),
                ft.Icons.LOCK_OPEN,
                partial(
                    open_reason_dialog,
                    lang,
                    t("conclusion.unlock_title", lang),
                    t("conclusion.unlock_body", lang),
                    vm.unlock,
                    "unlock",
                ),
                disabled=busy,
            )
        )
    buttons += [
        _button(
            "open-documents",
            t("conclusion.documents", lang),
            ft.Icons.EDIT_DOCUMENT,
            go_to(documents_path(vid)),
        ),
        _button(
            "export",
            t("conclusion.exporting" if vm.exporting else "conclusion.export", lang),
            ft.Icons.DOWNLOAD,
            vm.export,
            filled=True,
            disabled=busy,
        ),
    ]
    return ft.Row(buttons, wrap=True, spacing=8, run_spacing=8)


def _status_line(vm: ConclusionViewModel, lang: str) -> ft.Control:
    parts: list[ft.Control] = []
    if vm.locked:
        parts += [
            ft.Icon(ft.Icons.LOCK, size=20, color=ft.Colors.TERTIARY),
            ft.Text(vm.lock_text, size=16, weight=ft.FontWeight.W_600, expand=True),
        ]
    else:
        icons = {
            "saved": ft.Icons.CLOUD_DONE_OUTLINED,
            "pending": ft.Icons.EDIT_NOTE,
            "saving": ft.Icons.SYNC,
            "failed": ft.Icons.ERROR_OUTLINE,
        }
        colour = ft.Colors.ERROR if vm.save_state == "failed" else MUTED
        parts += [
            ft.Icon(icons[vm.save_state], size=20, color=colour),
            ft.Text(t(f"conclusion.{vm.save_state}", lang), size=15, color=colour),
        ]
    status = ft.Semantics(
        identifier="conclusion-status",
        content=ft.Row(parts, spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER),
    )
    if not vm.can_edit:
        return status
    return ft.Column(
        [status, ft.Text(t("conclusion.hint", lang), size=14, color=MUTED)], spacing=4, tight=True
    )


def _exported(vm: ConclusionViewModel, lang: str, picker: ft.FilePicker) -> ft.Control:
    page = ft.context.page
    on_web = bool(page.web)
    mobile = not on_web and page.platform is not None and page.platform.is_mobile()

    async def download(file: ExportedFile) -> None:
        data = await asyncio.to_thread(file.path.read_bytes)
        await picker.save_file(file_name=file.name, src_bytes=data)
        page.show_dialog(ft.SnackBar(ft.Text(t("conclusion.downloaded", lang, name=file.label))))

    async def share() -> None:
        files = [ft.ShareFile.from_path(str(f.path), name=f.name) for f in vm.exported]
        await ft.Share().share_files(files, title=t("conclusion.title", lang))

    rows: list[ft.Control] = [
        ft.Text(t("conclusion.exported", lang), size=16, weight=ft.FontWeight.W_600),
        ft.Text(vm.export_dir, size=14, color=MUTED),
    ]
    for f in vm.exported:
        trailing: ft.Control | None = None
        if on_web:
            trailing = ft.Semantics(
                identifier=f"download-{f.kind}",
                content=ft.TextButton(
                    t("conclusion.download", lang),
                    icon=ft.Icons.DOWNLOAD,
                    on_click=partial(download, f),
                    height=48,
                ),
            )
        rows.append(
            ft.Semantics(
                identifier=f"exported-{f.kind}",
                content=ft.ListTile(
                    leading=ft.Icon(ft.Icons.DESCRIPTION_OUTLINED),
                    title=ft.Text(f.label, size=16),
                    trailing=trailing,
                    content_padding=0,
                ),
            )
        )
    if mobile:
        rows.append(
            _button("share", t("conclusion.share", lang), ft.Icons.SHARE, share, filled=True)
        )
    return _card(ft.Column(rows, spacing=4, tight=True), "exported")


def _version(row: VersionRow, lang: str) -> ft.Control:
    lines: list[ft.Control] = []
    if row.reason:
        lines.append(ft.Text(t("conclusion.version_reason", lang, reason=row.reason), size=15))
    if not row.changes:
        lines.append(ft.Text(t("conclusion.no_change", lang), size=15, color=MUTED))
    for heading, changed in row.changes:
        lines.append(ft.Text(heading, size=15, weight=ft.FontWeight.W_600))
        for line in changed:
            added = line.startswith("+")
            lines.append(
                ft.Container(
                    ft.Text(line, size=15),
                    bgcolor=ft.Colors.GREEN_50 if added else ft.Colors.RED_50,
                    padding=ft.Padding.symmetric(horizontal=8, vertical=2),
                    border_radius=4,
                )
            )
    return ft.Semantics(
        identifier=f"version-{row.number}",
        content=ft.ExpansionTile(
            title=ft.Text(row.title, size=16, weight=ft.FontWeight.W_600),
            subtitle=ft.Text(
                t("conclusion.version_by", lang, who=row.who, when=row.when), size=14, color=MUTED
            ),
            controls=[ft.Column(lines, spacing=4, tight=True)],
            tile_padding=ft.Padding.symmetric(horizontal=8),
            controls_padding=ft.Padding.only(left=8, right=8, bottom=12),
            expanded_alignment=ft.Alignment.TOP_LEFT,
        ),
    )


def _versions(vm: ConclusionViewModel, lang: str) -> list[ft.Control]:
    out: list[ft.Control] = [section_title(t("conclusion.versions", lang))]
    if not vm.versions:
        out.append(ft.Text(t("conclusion.no_versions", lang), size=16, color=MUTED))
    out += [_version(v, lang) for v in vm.versions]
    return out


@ft.component
def ConclusionBody(vm: ConclusionViewModel, session: AppSession) -> ft.View:
    lang = session.lang
    vid = vm.inspection_id
    picker = ft.use_memo(ft.FilePicker, dependencies=[])  # a strong reference (a service)
    ft.use_effect(vm.load, dependencies=[vid, vm.member_id, lang])
    page = ft.context.page
    # Leaving the screen saves what was typed and not saved yet.
    ft.on_unmounted(lambda: page.run_task(vm.flush))
    route, title = conclusion_path(vid), t("conclusion.title", lang)
    if vm.status == "loading" or not session.ready:
        return screen(route, title, [loading()])
    if vm.status == "error":
        return screen(route, title, [error_strip(vm.error or "", lang, on_retry=vm.load)])
    body: list[ft.Control] = []
    if not vm.is_leader:
        body.append(
            ft.Semantics(
                identifier="conclusion-read-only",
                content=ft.Text(t("conclusion.read_only", lang), size=15, color=MUTED),
            )
        )
    else:
        body.append(_tools(vm, lang, vid))
    if vm.is_leader or vm.locked:
        body.append(_status_line(vm, lang))
    if vm.error:
        first, _, rest = vm.error.partition("\n")
        body.append(
            error_strip(
                first,
                lang,
                details=rest or None,
                on_dismiss=vm.dismiss_error,
                identifier="conclusion-error",
            )
        )
    if vm.exported:
        body.append(_exported(vm, lang, picker))
    if vm.can_edit:
        body += [_editor(vm, b) for b in vm.blocks]
    elif not vm.written:
        body.append(ft.Text(t("conclusion.empty", lang), size=16))
    else:
        body += [_block(b, lang) for b in vm.blocks]
    body += _versions(vm, lang)
    body.append(ft.Container(height=24))
    full_width = ft.Column(body, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return screen(route, title, [full_width])


@ft.component
def ConclusionScreen() -> ft.View:
    session = use_session()
    vid = ft.use_route_params().get("vid", "")
    member = session.member_of(vid) or ""
    vm = ft.use_memo(
        lambda: ConclusionViewModel(
            store=session.store, inspection_id=vid, member_id=member, lang=session.lang
        ),
        dependencies=[vid, member, session.lang],
    )
    return ConclusionBody(vm=vm, session=session)
