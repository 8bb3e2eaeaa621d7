"""Accounts, roles and each unit's own data (issue 14): one server for a whole province.

- scope.py: which units a caller may see; every KPI query and every export takes one, and it only narrows.
- roles.py: leader, officer, admin, and what each may do.
- passwords.py, lockout.py, sessions.py: hashed passwords (argon2), 5 failures → 15 minutes locked, the signed
  expiring session token carried in a cookie.
- accounts.py: adding, removing, listing accounts and signing in, over the account store
  (dashboard/store/accounts.py, the only module opening the accounts file).
- import_rule.py: an officer's upload keeps its own units' rows; the others are rejected with that reason.
- audit.py: who did what, when, from where.
- oidc.py: a single sign-on identity (st.login) mapped to an account by login or e-mail.

Nothing here imports Streamlit: the pages' side is dashboard/views/access.py.
"""
