"""The central office pages: server-rendered HTML under `/office` (Jinja2, no JavaScript needed).

How to add a page
-----------------
1. Write the route in a module named after what the page shows (`templates.py`, `visits.py`...)
   with its own `APIRouter(prefix="/office", include_in_schema=False)`, and add the router to
   the tuple in `mount.py` (`mount_pages`).
2. Take the person from a dependency of `guard.py`:
   `user: OfficeUserDep` (central office or admin; signed-out visitors are redirected to
   `/office/login?next=...`, other roles get a 403 page) or `user: AdminUserDep` (admins only).
3. Every POST route takes `user: CheckedUserDep` instead: it checks the form's hidden
   `csrf_token` field against the session and answers 403 otherwise. In the form write
   `<input type="hidden" name="csrf_token" value="{{ csrf_token }}">` (a test posts to every
   POST route under `/office` without it and expects 403). Read other fields with
   `Annotated[str, Form()]` (python-multipart; file uploads with `UploadFile`).
4. Answer with `render(request, user, "your_page.html", title=..., **context)` from
   `render.py`; the template starts with `{% extends "base.html" %}` and fills
   `{% block main %}`. It gets `t(key, **params)`, `num`, `pct`, `day` (Vietnamese forms from
   `checklists.text.format`), `user`, `csrf_token`, `lang`, `path`.
5. Put every word in `words.py`, in both `VI` and `EN` with the same `{placeholders}`
   (`tests/sync/server/pages/test_words.py` checks). Name keys `<page>.<thing>`.
6. Refuse bad input with an error of `errors.py` (`BadQuery("error.bad_query", field=...,
   reason=...)`, `PageNotFound("error.not_found", what="what.inspection")`): the visitor gets
   a page in their language with the status, never a 500. After a POST that changes
   something, redirect with 303 (post/redirect/get).
7. Add the page's link to `NAV` in `render.py` if it belongs in the main navigation
   (with the roles that may see it).

Tests: `tests/sync/server/pages/conftest.py` has `office` (a `Browser`: a TestClient signed in
as the team's central office user, with its session's `.csrf` and `.post_form(url, data)`),
`browsers("admin")` for another account, and `sign_in_browser(app, username, password)`;
`office_data.py` plans and scores visits the way tablets do.
"""
