"""New visit: the form that creates an inspection (template, unit, date, place, delegation,
representatives, who scores what, who is using this device), then opens it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from checklists.record.model import Role
from checklists.text.format import format_number
from checklists.text.labels import label
from inspect_app import routes
from inspect_app.i18n import t
from inspect_app.routes import visit_path
from inspect_app.session import AppSession, use_session
from inspect_app.viewmodels.new_visit import (
    MemberDraft,
    NewVisitViewModel,
    RepresentativeDraft,
    template_key,
)
from inspect_app.views.scaffold import (
    MUTED,
    centred_form,
    error_strip,
    field_error,
    screen,
    section_title,
)

__all__ = ["NewVisitBody", "NewVisitScreen"]

_HALF: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "md": 6}


def _text_field(
    hook: str,
    text: str,
    value: str,
    on_text: Callable[[str], None],
    *,
    error: str | None = None,
    hint: str | None = None,
    col: dict[str | ft.ResponsiveRowBreakpoint, int | float] | None = None,
    keyboard: ft.KeyboardType = ft.KeyboardType.TEXT,
) -> ft.Control:
    return ft.Semantics(
        identifier=hook,
        col=col or _HALF,
        content=ft.TextField(
            label=text,
            value=value,
            hint_text=hint,
            error=field_error(error),
            text_size=16,
            keyboard_type=keyboard,
            capitalization=ft.TextCapitalization.SENTENCES,
            on_change=lambda e: on_text(e.control.value or ""),
        ),
    )


def _error_line(text: str | None, hook: str) -> list[ft.Control]:
    if not text:
        return []
    return [
        ft.Semantics(
            identifier=hook,
            content=ft.Text(text, size=14, color=ft.Colors.ERROR, weight=ft.FontWeight.W_600),
        )
    ]


def _template_part(vm: NewVisitViewModel, lang: str) -> list[ft.Control]:
    chosen = vm.chosen_template()
    options = [
        ft.DropdownOption(
            key=template_key(x), text=x.title_en if lang == "en" and x.title_en else x.title
        )
        for x in vm.templates
    ]
    picker = ft.Semantics(
        identifier="new-template",
        content=ft.Dropdown(
            label=t("new.template", lang),
            value=vm.template,
            options=options,
            expand=True,
            text_size=16,
            error_text=vm.errors.get("template"),
            on_select=lambda e: vm.choose_template(e.control.value or ""),
        ),
    )
    parts: list[ft.Control] = [section_title(t("new.section.template", lang)), picker]
    if chosen is not None:
        detail = t(
            "new.template.sections",
            lang,
            count=len(chosen.sections),
            points=format_number(chosen.total_points, 2, lang),
        )
        parts.append(ft.Text(detail, size=14, color=MUTED))
    return parts


def _unit_part(vm: NewVisitViewModel, lang: str) -> list[ft.Control]:
    def field(name: str, hint: str | None = None, **kw: Any) -> ft.Control:
        return _text_field(
            f"new-{name}",
            t(f"new.{name}", lang),
            getattr(vm, name),
            lambda value: vm.set_text(name, value),
            error=vm.errors.get(name),
            hint=t(hint, lang) if hint else None,
            **kw,
        )

    return [
        section_title(t("new.section.unit", lang)),
        ft.ResponsiveRow(
            [
                field("unit_name", "new.unit_name.hint"),
                field("unit_parent", "new.unit_parent.hint"),
                field("day", keyboard=ft.KeyboardType.DATETIME),
                field("start", "new.start.hint", keyboard=ft.KeyboardType.DATETIME),
                field("place", "new.place.hint"),
                field("lead_body"),
                field("decision_ref"),
            ],
            spacing=12,
            run_spacing=12,
        ),
    ]


def _role_picker(vm: NewVisitViewModel, member: MemberDraft, lang: str, n: int) -> ft.Control:
    return ft.Semantics(
        identifier=f"member-role-{n}",
        col=_HALF,
        content=ft.Dropdown(
            label=t("new.member.role", lang),
            value=member.role.value,
            options=[
                ft.DropdownOption(key=r.value, text=label(f"role.{r.value}", lang)) for r in Role
            ],
            text_size=16,
            expand=True,
            on_select=lambda e: vm.update_member(member.id, role=Role(e.control.value)),
        ),
    )


def _member_card(vm: NewVisitViewModel, member: MemberDraft, n: int, lang: str) -> ft.Control:
    def field(name: str, hook: str, **kw: Any) -> ft.Control:
        return _text_field(
            f"member-{hook}-{n}",
            t(f"new.member.{name}", lang),
            getattr(member, name),
            lambda value: vm.update_member(member.id, **{name: value}),
            **kw,
        )

    remove = ft.IconButton(
        icon=ft.Icons.DELETE_OUTLINE,
        tooltip=t("new.member.remove", lang),
        disabled=len(vm.members) <= 1,
        on_click=lambda: vm.remove_member(member.id),
    )
    return ft.Card(
        key=member.id,  # keeps each member's fields with them when one above is removed
        variant=ft.CardVariant.OUTLINED,
        margin=0,
        content=ft.Container(
            padding=12,
            content=ft.Column(
                [
                    ft.Row(
                        [
                            ft.Text(
                                t("new.member", lang, n=n),
                                size=16,
                                weight=ft.FontWeight.W_600,
                                expand=True,
                            ),
                            remove,
                        ],
                        vertical_alignment=ft.CrossAxisAlignment.CENTER,
                    ),
                    ft.ResponsiveRow(
                        [
                            field("name", "name", error=vm.errors.get(f"member.{member.id}")),
                            _role_picker(vm, member, lang, n),
                            field("position", "position"),
                            field("body", "body"),
                        ],
                        spacing=12,
                        run_spacing=12,
                    ),
                ],
                spacing=8,
            ),
        ),
    )


def _members_part(vm: NewVisitViewModel, lang: str) -> list[ft.Control]:
    cards = [_member_card(vm, m, n, lang) for n, m in enumerate(vm.members, start=1)]
    add = ft.Semantics(
        identifier="add-member",
        content=ft.OutlinedButton(
            t("new.member.add", lang),
            icon=ft.Icons.PERSON_ADD_ALT,
            height=48,
            on_click=vm.add_member,
        ),
    )
    return [
        section_title(t("new.section.members", lang)),
        *_error_line(vm.errors.get("members") or vm.errors.get("leader"), "members-error"),
        # Keyed children in a column of their own: Flet's diff mixes keyed and unkeyed
        # siblings badly (a card added between unkeyed controls was not drawn).
        ft.Column(cards, spacing=16),
        ft.Row([add]),
    ]


def _rep_row(vm: NewVisitViewModel, rep: RepresentativeDraft, n: int, lang: str) -> ft.Control:
    def field(name: str, **kw: Any) -> ft.Control:
        return _text_field(
            f"rep-{name}-{n}",
            t(f"new.rep.{name}", lang),
            getattr(rep, name),
            lambda value: vm.update_representative(rep.id, **{name: value}),
            **kw,
        )

    return ft.Row(
        key=rep.id,
        controls=[
            ft.ResponsiveRow(
                [field("name", error=vm.errors.get(f"rep.{rep.id}")), field("position")],
                spacing=12,
                run_spacing=12,
                expand=True,
            ),
            ft.IconButton(
                icon=ft.Icons.DELETE_OUTLINE,
                tooltip=t("new.rep.remove", lang),
                on_click=lambda: vm.remove_representative(rep.id),
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def _reps_part(vm: NewVisitViewModel, lang: str) -> list[ft.Control]:
    rows: list[ft.Control] = [
        _rep_row(vm, r, n, lang) for n, r in enumerate(vm.representatives, start=1)
    ]
    if not rows:
        rows = [ft.Text(t("new.reps.none", lang), size=16, color=MUTED)]
    add = ft.Semantics(
        identifier="add-rep",
        content=ft.OutlinedButton(
            t("new.rep.add", lang),
            icon=ft.Icons.PERSON_ADD_ALT,
            height=48,
            on_click=vm.add_representative,
        ),
    )
    return [section_title(t("new.section.reps", lang)), ft.Column(rows, spacing=12), ft.Row([add])]


def _assign_part(vm: NewVisitViewModel, lang: str) -> list[ft.Control]:
    template = vm.chosen_template()
    if template is None:
        return []
    legend = [
        ft.Text(
            f"{s.id}. {s.title_en if lang == 'en' and s.title_en else s.title}",
            size=14,
            color=MUTED,
        )
        for s in template.sections
    ]
    rows: list[ft.Control] = []
    for n, member in enumerate(vm.members, start=1):
        held = vm.assignments.get(member.id, ())
        chips: list[ft.Control] = [
            ft.Semantics(
                identifier=f"assign-{n}-{s.id}",
                content=ft.Chip(
                    label=ft.Text(s.id, size=16, weight=ft.FontWeight.W_600),
                    selected=s.id in held,
                    padding=ft.Padding.all(8),  # a 48 px touch target
                    on_select=lambda _e, m=member.id, sid=s.id: vm.toggle_section(m, sid),
                ),
            )
            for s in template.sections
        ]
        name = member.name.strip() or t("new.assign.unnamed", lang)
        rows.append(
            ft.ResponsiveRow(
                key=member.id,
                controls=[
                    ft.Text(name, size=16, col={"xs": 12, "md": 4}),
                    ft.Row(chips, spacing=8, run_spacing=8, wrap=True, col={"xs": 12, "md": 8}),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                run_spacing=4,
            )
        )
    unassigned = vm.unassigned_sections()
    after: list[ft.Control] = []
    if unassigned:
        after.append(
            ft.Text(
                t("new.assign.unassigned", lang, sections=", ".join(unassigned)),
                size=14,
                color=MUTED,
                italic=True,
            )
        )
    return [
        section_title(t("new.section.assign", lang)),
        ft.Text(t("new.assign.intro", lang), size=16, color=MUTED),
        ft.Column(list[ft.Control](legend), spacing=2),
        ft.Column(rows, spacing=12),
        *after,
    ]


def _me_part(vm: NewVisitViewModel, lang: str) -> list[ft.Control]:
    radios: list[ft.Control] = []
    for n, member in enumerate(vm.members, start=1):
        name = member.name.strip() or t("new.member", lang, n=n)
        role = label(f"role.{member.role.value}", lang)
        radios.append(
            ft.Semantics(
                key=member.id,
                identifier=f"me-{n}",
                content=ft.Radio(
                    value=member.id,
                    label=f"{name} · {role}",
                    label_style=ft.TextStyle(size=16),
                ),
            )
        )
    return [
        section_title(t("new.section.me", lang)),
        ft.Text(t("new.me.intro", lang), size=16, color=MUTED),
        ft.RadioGroup(
            value=vm.current_member() or "",
            content=ft.Column(radios, spacing=0),
            on_change=lambda e: vm.choose_me(e.control.value or ""),
        ),
    ]


@ft.component
def NewVisitBody(vm: NewVisitViewModel, session: AppSession) -> ft.View:
    lang = session.lang

    async def save() -> None:
        vm.lang = session.lang
        created = await vm.save()
        if created is None:
            return
        me = vm.current_member()
        if me:
            await session.remember_member(created, me)
        page = ft.context.page
        page.show_dialog(
            ft.SnackBar(ft.Text(t("new.created", lang, unit=vm.unit_name.strip())), duration=3000)
        )
        await page.push_route(visit_path(created))

    footer: list[ft.Control] = []
    if vm.save_error:
        footer.append(error_strip(t("new.save_failed", lang, error=vm.save_error), lang))
    elif vm.errors:
        footer += _error_line(t("new.errors", lang), "form-errors")
    footer.append(
        ft.Row(
            [
                ft.Semantics(
                    identifier="save-visit",
                    content=ft.FilledButton(
                        t("new.saving" if vm.saving else "new.save", lang),
                        icon=ft.Icons.CHECK,
                        height=48,
                        disabled=vm.saving,
                        on_click=save,
                    ),
                )
            ],
            alignment=ft.MainAxisAlignment.END,
        )
    )
    body = centred_form(
        [
            ft.Text(t("new.intro", lang), size=16, color=MUTED),
            *_template_part(vm, lang),
            *_unit_part(vm, lang),
            *_members_part(vm, lang),
            *_reps_part(vm, lang),
            *_assign_part(vm, lang),
            *_me_part(vm, lang),
            ft.Divider(),
            *footer,
            ft.Container(height=24),
        ],
        stretch_children=False,
    )
    return screen(f"/{routes.NEW_VISIT}", t("new.title", lang), [body])


@ft.component
def NewVisitScreen() -> ft.View:
    session = use_session()
    vm = ft.use_memo(
        lambda: NewVisitViewModel(store=session.store, lang=session.lang), dependencies=[]
    )
    return NewVisitBody(vm=vm, session=session)
