"""Group commit (SQLite): pushes queued together share one transaction and one commit; each
push's failure rolls back that push alone; an answer is given only once its commit is done."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from checklists.record.editing import assess
from checklists.record.model import Value
from checklists.template.model import Status
from sync.server.group_commit import GroupCommit
from sync.server.tables import Change
from tests.sync.server.central import Team, make_team
from tests.sync.server.conftest import ADMIN_PASSWORD, SQLITE_ONLY, LiveServer, wait_for

DAT = Value(status=Status.DAT)


def changes(app: FastAPI, inspection_id: str) -> int:
    with app.state.services.sessions() as session:
        query = (
            select(func.count()).select_from(Change).where(Change.inspection_id == inspection_id)
        )
        return int(session.scalar(query.where(Change.inspection_id == inspection_id)) or 0)


def queue_behind_a_running_job(
    app: FastAPI, group: GroupCommit, commits: list[int], *, fail: int, writes_first: bool
) -> dict[str, Any]:
    """A first job held running while five more queue behind it (the `fail`th of them raising,
    after writing its change row or before); each job's answer or error by name."""
    first_running, release = threading.Event(), threading.Event()
    answers: dict[str, Any] = {}

    def add(name: str, fail: bool = False) -> Any:
        def work(session: Session) -> int:
            if fail and not writes_first:
                raise ValueError(f"{name} refused")
            session.add(Change(inspection_id=name))
            session.flush()
            if name == "first":
                first_running.set()
                release.wait(30)
            if fail:
                raise ValueError(f"{name} refused")
            return len(commits)  # commits done before this work: its own is still to come

        def call() -> None:
            try:
                before = group.run(work)
                answers[name] = (before, len(commits))  # commits done when it answered
            except ValueError as exc:
                answers[name] = exc

        thread = threading.Thread(target=call)
        thread.start()
        return thread

    threads = [add("first")]
    first_running.wait(30)
    threads += [add(f"queued-{n}", fail=n == fail) for n in range(5)]
    wait_for(lambda: group.waiting() == 5, "five queued")
    release.set()
    for thread in threads:
        thread.join(30)
    return answers


@SQLITE_ONLY
def test_queued_work_shares_one_commit_and_a_refusal_before_writing_leaves_the_rest(
    app: FastAPI,
) -> None:
    services = app.state.services
    group = GroupCommit(services.sessions)
    commits: list[int] = []
    event.listen(services.engine, "commit", lambda conn: commits.append(1))
    answers = queue_behind_a_running_job(app, group, commits, fail=2, writes_first=False)

    assert len(commits) == 2  # the first alone, then the five queued behind it together
    assert isinstance(answers["queued-2"], ValueError)
    assert changes(app, "queued-2") == 0
    assert all(changes(app, n) == 1 for n in ("first", "queued-0", "queued-1", "queued-4"))
    # Each answered only after its own commit (the queued ones may commit before the first's
    # thread gets to look, so the first's count is 1 or 2).
    assert answers["first"][0] == 0 and answers["first"][1] >= 1
    assert answers["queued-0"] == (1, 2)


@SQLITE_ONLY
def test_a_job_failing_after_it_wrote_takes_nothing_of_the_others_with_it(app: FastAPI) -> None:
    services = app.state.services
    group = GroupCommit(services.sessions)
    commits: list[int] = []
    event.listen(services.engine, "commit", lambda conn: commits.append(1))
    answers = queue_behind_a_running_job(app, group, commits, fail=2, writes_first=True)

    assert isinstance(answers["queued-2"], ValueError)
    assert changes(app, "queued-2") == 0  # its write rolled back
    others = ("queued-0", "queued-1", "queued-3", "queued-4")
    assert all(changes(app, n) == 1 for n in ("first", *others))  # each once, none twice
    assert len(commits) == 1 + len(others)  # the shared transaction gave way to one each
    assert all(answers[n][1] > answers[n][0] for n in others)  # each answered after its commit
    assert answers["first"][0] == 0 and answers["first"][1] >= 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_lanes_run_different_records_side_by_side_and_one_record_in_order(app: FastAPI) -> None:
    """PostgreSQL's lanes: work on a record held up never holds up another lane's record,
    and work on the same record waits for the work before it."""
    group = GroupCommit(app.state.services.sessions, lanes=2)
    by_lane: dict[int, str] = {}
    for n in range(100):
        by_lane.setdefault(group.lane_of(f"record-{n}"), f"record-{n}")
    one, other = by_lane[0], by_lane[1]
    held_up, release, order = threading.Event(), threading.Event(), []

    def slow(session: Session) -> str:
        held_up.set()
        release.wait(30)
        session.add(Change(inspection_id=one))
        order.append("slow")
        return "slow"

    def quick(name: str, inspection_id: str) -> Any:
        def work(session: Session) -> str:
            session.add(Change(inspection_id=inspection_id))
            order.append(name)
            return name

        return work

    first = group.submit(slow, key=one)
    held_up.wait(30)
    behind = group.submit(quick("behind", one), key=one)
    beside = group.submit(quick("beside", other), key=other)
    assert beside.result(timeout=30) == "beside"  # while the slow work still runs
    assert not first.done() and not behind.done()
    release.set()
    assert (first.result(timeout=30), behind.result(timeout=30)) == ("slow", "behind")
    assert order == ["beside", "slow", "behind"]
    assert (changes(app, one), changes(app, other)) == (2, 1)


@SQLITE_ONLY
def test_an_event_loop_awaits_its_answer_its_error_and_may_stop_waiting(app: FastAPI) -> None:
    """`submit_async`: the loop gets the answer or the error once committed; a caller that
    stopped waiting (its request gone) still has its work committed, and the lane goes on."""
    group = GroupCommit(app.state.services.sessions)
    running, release = threading.Event(), threading.Event()

    def write(name: str, hold: bool = False, fail: bool = False) -> Any:
        def work(session: Session) -> str:
            if fail:
                raise ValueError(f"{name} refused")
            session.add(Change(inspection_id=name))
            if hold:
                running.set()
                release.wait(30)
            return name

        return work

    async def scenario() -> tuple[str, str, BaseException | None]:
        held = group.submit_async(write("held", hold=True))
        await asyncio.to_thread(running.wait, 30)
        gone = group.submit_async(write("gone"))  # queued behind the held one
        refused = group.submit_async(write("refused", fail=True))
        after = group.submit_async(write("after"))
        gone.cancel()
        release.set()
        error = (await asyncio.gather(refused, return_exceptions=True))[0]
        return await held, await after, error if isinstance(error, BaseException) else None

    held, after, error = asyncio.run(scenario())
    assert (held, after) == ("held", "after")
    assert isinstance(error, ValueError) and str(error) == "refused refused"
    assert [changes(app, n) for n in ("held", "gone", "refused", "after")] == [1, 1, 0, 1]
    assert group.run(write("later")) == "later"  # the lane's thread lives on


@SQLITE_ONLY
def test_lanes_must_be_at_least_one(app: FastAPI) -> None:
    with pytest.raises(ValueError, match="lanes must be at least 1"):
        GroupCommit(app.state.services.sessions, lanes=0)


@SQLITE_ONLY
def test_concurrent_pushes_of_different_members_all_land_and_a_forgery_alone_is_refused(
    live: LiveServer, live_team: Team
) -> None:
    team = live_team
    m1, m2 = team.ids["member_1"], team.ids["member_2"]
    held = team.copy(team.leader)
    honest = [
        (team.member_1, assess(held, author_id=m1, criterion_id="A1", value=DAT)),
        (team.member_2, assess(held, author_id=m2, criterion_id="A2", value=DAT)),
    ]
    forged = (team.member_1, assess(held, author_id=m2, criterion_id="A3", value=DAT))
    answers: list[Any] = [None] * 3
    start = threading.Barrier(3)

    def push(i: int, who: dict[str, str], record: Any) -> None:
        start.wait(30)
        answers[i] = team.api.push(who, record)

    threads = [
        threading.Thread(target=push, args=(i, *job)) for i, job in enumerate([*honest, forged])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert [a.status_code for a in answers] == [200, 200, 422]
    final = team.copy(team.leader)
    assert m1 in final.assessments.get("A1", {}) and m2 in final.assessments.get("A2", {})
    assert "A3" not in final.assessments


@pytest.fixture
def live_team(live: LiveServer) -> Iterator[Team]:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        yield make_team(http, ADMIN_PASSWORD)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_deadlock_between_two_servers_answers_both_and_stores_each_once(app: FastAPI) -> None:
    """Two server processes (two group commits over one database) each lock two records in
    the opposite order: PostgreSQL breaks the deadlock by failing one transaction. That work
    is not at fault: it runs again once the other has committed, and both callers get their
    answer (before, the victim's caller got the database error, a 503)."""
    from sync.server.db import lock_record

    sessions = app.state.services.sessions
    servers = (GroupCommit(sessions), GroupCommit(sessions))
    first_locks = (threading.Event(), threading.Event())
    runs = [0, 0]

    def crossing(me: int, mine: str, theirs: str) -> Any:
        def work(session: Session) -> str:
            runs[me] += 1
            lock_record(session, mine)
            first_locks[me].set()
            first_locks[1 - me].wait(30)  # both hold their first lock: each now wants the other's
            lock_record(session, theirs)
            session.add(Change(inspection_id=f"server-{me}"))
            return f"server-{me}"

        return work

    answers = [
        servers[0].submit(crossing(0, "record-a", "record-b")),
        servers[1].submit(crossing(1, "record-b", "record-a")),
    ]

    assert [a.result(timeout=60) for a in answers] == ["server-0", "server-1"]
    assert sorted(runs) == [1, 2]  # the deadlock's victim ran again, once
    assert (changes(app, "server-0"), changes(app, "server-1")) == (1, 1)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_lane_whose_connection_died_runs_its_work_again_on_a_new_one(app: FastAPI) -> None:
    """A lane holds its connection between groups (no checkout, no ping a group): when the
    database ends that connection (a restart, an administrator), the next work fails on it and
    runs again on a new connection; its caller sees only the answer, stored once."""
    from sqlalchemy import text

    group = GroupCommit(app.state.services.sessions)

    def backend(session: Session) -> int:
        session.add(Change(inspection_id="before"))
        return int(session.scalar(text("SELECT pg_backend_pid()")) or 0)

    first = group.run(backend)
    with app.state.services.engine.connect() as admin:
        ended = admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
    assert ended is True

    second = group.run(backend)

    assert second != first  # a new connection
    assert changes(app, "before") == 2  # each run stored once; the failed attempt left nothing


def test_an_unreachable_database_answers_each_caller_with_its_error() -> None:
    """The lane's connection is opened with its first work: a database that does not answer
    fails that work (the caller's 503), it never leaves the caller waiting, and the lane
    goes on taking work."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import sessionmaker

    from tests.sync.server.conftest import free_port

    engine = create_engine(f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none")
    group = GroupCommit(sessionmaker(engine))
    try:
        for _ in range(2):
            with pytest.raises(OperationalError):
                group.submit(lambda session: 1).result(timeout=30)
    finally:
        engine.dispose()
