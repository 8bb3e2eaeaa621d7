"""Accounts, passwords, the lockout rule, session tokens and scopes (issue 14 §1, §2, §4, §5)."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.auth import accounts, audit, sessions
from dashboard.auth.lockout import LOCK_DURATION, MAX_FAILURES, Attempts, after_failure, is_locked
from dashboard.auth.passwords import WeakPassword, hash_password, verify_password
from dashboard.auth.roles import ADMIN, LEADER, OFFICER, RoleError, scope_for
from dashboard.auth.scope import EVERY_UNIT, Scope, ScopeViolation
from dashboard.store.accounts import AccountExists, AccountStore, accounts_path

NOW = datetime(2026, 3, 2, 8, 0, 0)
PASSWORD = "mat-khau-du-dai"


@pytest.fixture
def store(tmp_path: Path) -> AccountStore:
    return AccountStore.beside(tmp_path / "cchc.duckdb")


def test_the_account_file_lies_beside_the_database_readable_by_its_owner_only(store: AccountStore) -> None:
    assert store.path.name == "cchc.accounts.sqlite"
    assert accounts_path("/srv/data/tinh.duckdb") == Path("/srv/data/tinh.accounts.sqlite")
    assert not store.path.exists() and store.count() == 0  # reading creates nothing
    accounts.add_account(store, "admin", ADMIN, [], PASSWORD, now=NOW)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_passwords_are_hashed_with_argon2id_and_never_stored(store: AccountStore) -> None:
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert verify_password(hashed, PASSWORD) and not verify_password(hashed, PASSWORD + "x")
    assert not verify_password(None, PASSWORD) and not verify_password("not a hash", PASSWORD)
    with pytest.raises(WeakPassword):
        hash_password("ngan")
    accounts.add_account(store, "Lan.Nguyen", OFFICER, ["Phường Hà Cầu"], PASSWORD, now=NOW)
    assert PASSWORD.encode() not in store.path.read_bytes()
    assert accounts.get_account(store, "LAN.NGUYEN").login == "lan.nguyen"


def test_roles_and_their_units(store: AccountStore) -> None:
    with pytest.raises(RoleError):
        accounts.add_account(store, "canbo", OFFICER, [], PASSWORD)
    with pytest.raises(RoleError):
        accounts.add_account(store, "quantri", ADMIN, ["Phường Hà Cầu"], PASSWORD)
    with pytest.raises(RoleError):
        accounts.add_account(store, "khach", "guest", [], PASSWORD)
    with pytest.raises(accounts.LoginError):
        accounts.add_account(store, "tên có dấu", LEADER, [], PASSWORD)
    officer = accounts.add_account(store, "canbo", OFFICER, ["  phường  HÀ cầu "], PASSWORD)
    assert officer.scope == Scope.units({"phường hà cầu"})
    with pytest.raises(AccountExists):
        accounts.add_account(store, "CanBo", LEADER, [], PASSWORD)
    assert scope_for(LEADER, []) == EVERY_UNIT and scope_for(ADMIN, []) == EVERY_UNIT
    assert scope_for(LEADER, ["a"]) == Scope.units({"a"})


def test_sign_in_gives_a_session_cookie_that_resumes_until_it_expires(store: AccountStore) -> None:
    accounts.add_account(store, "lanh.dao", LEADER, [], PASSWORD, now=NOW)
    result = accounts.sign_in(store, "Lanh.Dao", PASSWORD, "10.0.0.7", now=NOW)
    assert result.outcome == accounts.OK and result.account.login == "lanh.dao"
    assert result.expires_at == NOW + timedelta(hours=8)
    assert accounts.resume(store, result.cookie, NOW + timedelta(hours=7, minutes=59)).login == "lanh.dao"
    assert accounts.resume(store, result.cookie, NOW + timedelta(hours=8)) is None
    tampered = result.cookie[:-2] + ("AA" if not result.cookie.endswith("AA") else "BB")
    assert accounts.resume(store, tampered, NOW) is None
    other_secret = sessions.issue(b"x" * 32, "lanh.dao", 1, NOW)[0]
    assert accounts.resume(store, other_secret, NOW) is None


def test_signing_out_and_changing_the_password_end_sessions(store: AccountStore) -> None:
    accounts.add_account(store, "lanh.dao", LEADER, [], PASSWORD, now=NOW)
    first = accounts.sign_in(store, "lanh.dao", PASSWORD, now=NOW).cookie
    second = accounts.sign_in(store, "lanh.dao", PASSWORD, now=NOW).cookie
    accounts.sign_out(store, first, "lanh.dao", now=NOW)
    assert accounts.resume(store, first, NOW) is None
    assert accounts.resume(store, second, NOW) is not None
    accounts.change_password(store, "lanh.dao", "mat-khau-moi-123", now=NOW)
    assert accounts.resume(store, second, NOW) is None
    assert accounts.sign_in(store, "lanh.dao", PASSWORD, now=NOW).outcome == accounts.REFUSED
    assert accounts.sign_in(store, "lanh.dao", "mat-khau-moi-123", now=NOW).outcome == accounts.OK
    accounts.remove_account(store, "lanh.dao")
    accounts.add_account(store, "lanh.dao", LEADER, [], PASSWORD, now=NOW)  # the same name again
    third = accounts.sign_in(store, "lanh.dao", PASSWORD, now=NOW).cookie
    accounts.remove_account(store, "lanh.dao")
    accounts.add_account(store, "lanh.dao", LEADER, [], PASSWORD, now=NOW)
    assert accounts.resume(store, third, NOW) is None  # a new account is not the old one's sessions


def test_five_failures_lock_a_login_for_fifteen_minutes_whatever_the_name(store: AccountStore) -> None:
    accounts.add_account(store, "canbo", OFFICER, ["Phường Hà Cầu"], PASSWORD, now=NOW)
    for login in ("canbo", "khong.co.ai"):
        outcomes = [
            accounts.sign_in(store, login, "sai-mat-khau", now=NOW).outcome for _ in range(MAX_FAILURES)
        ]
        assert outcomes == [accounts.REFUSED] * (MAX_FAILURES - 1) + [accounts.LOCKED]
    # Locked: even the right password is refused, until the 15 minutes are over.
    assert accounts.sign_in(
        store, "canbo", PASSWORD, now=NOW + LOCK_DURATION - timedelta(seconds=1)
    ).outcome == (accounts.LOCKED)
    assert accounts.sign_in(store, "canbo", PASSWORD, now=NOW + LOCK_DURATION).outcome == accounts.OK
    actions = [row[4] for row in store.audit_rows()]
    assert actions.count(audit.SIGN_IN_FAILED) == 2 * MAX_FAILURES
    assert actions.count(audit.SIGN_IN_LOCKED) == 1 and actions[0] == audit.SIGN_IN


def test_a_success_resets_the_count(store: AccountStore) -> None:
    accounts.add_account(store, "canbo", OFFICER, ["Phường Hà Cầu"], PASSWORD, now=NOW)
    for _ in range(MAX_FAILURES - 1):
        accounts.sign_in(store, "canbo", "sai", now=NOW)
    assert accounts.sign_in(store, "canbo", PASSWORD, now=NOW).outcome == accounts.OK
    assert accounts.sign_in(store, "canbo", "sai", now=NOW).outcome == accounts.REFUSED


@given(st.lists(st.booleans(), max_size=30))
def test_lockout_never_lets_more_than_five_failures_in_a_row(outcomes: list[bool]) -> None:
    attempts, now = Attempts(), NOW
    for failed in outcomes:
        if is_locked(attempts, now):
            assert attempts.failures >= MAX_FAILURES
            continue
        attempts = after_failure(attempts, now) if failed else Attempts()
        assert attempts.failures <= MAX_FAILURES
        assert is_locked(attempts, now) == (attempts.failures == MAX_FAILURES)


def test_the_audit_log_records_who_what_when_and_from_where(store: AccountStore) -> None:
    accounts.add_account(
        store, "quantri", ADMIN, [], PASSWORD, now=NOW, by="root", address=audit.COMMAND_LINE
    )
    accounts.sign_in(store, "quantri", "sai-mat-khau", "192.0.2.4", now=NOW)
    frame = audit.audit_frame(store)
    assert list(frame.columns) == audit.COLUMNS
    assert list(frame["action"]) == [audit.SIGN_IN_FAILED, audit.ACCOUNT_ADDED]
    assert list(frame["address"]) == ["192.0.2.4", audit.COMMAND_LINE]
    assert frame["at"].iloc[0] == pd.Timestamp(NOW)
    assert "sai-mat-khau" not in store.path.read_bytes().decode("utf-8", "replace")


# --- Scope ------------------------------------------------------------------------------------------------


@given(
    st.one_of(st.none(), st.frozensets(st.sampled_from("abcde"))),
    st.lists(st.one_of(st.none(), st.frozensets(st.sampled_from("abcdef"))), max_size=4),
)
def test_narrow_only_narrows(start, requests) -> None:
    scope = Scope(start)
    for keys in requests:
        narrowed = scope.narrow(keys)
        if scope.unit_keys is not None:
            assert narrowed.unit_keys <= scope.unit_keys
        scope = narrowed
    if start is not None:
        assert scope.unit_keys <= start


def test_scope_sql_is_a_parameter_and_check_frame_refuses_other_units() -> None:
    assert EVERY_UNIT.sql("d") == ("true", [])
    assert Scope.units({"b", "a"}).sql("x") == ("list_contains(?, x.unit_key)", [["a", "b"]])
    scope = Scope.units({"phường hà cầu"})
    inside = pd.DataFrame({"unit": ["Phường Hà Cầu"], "unit_key": ["phường hà cầu"]})
    assert scope.check_frame(inside) is inside
    with pytest.raises(ScopeViolation):
        scope.check_frame(pd.DataFrame({"unit": ["Xã Kiến Thụy"]}))
    with pytest.raises(ScopeViolation):
        scope.check_frame(pd.DataFrame({"unit_key": ["xã kiến thụy"]}))
    assert Scope.from_cache_key(scope.cache_key()) == scope
    assert Scope.from_cache_key(EVERY_UNIT.cache_key()) == EVERY_UNIT
