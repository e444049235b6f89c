"""Fixtures for the store and corpus tests: a fresh store on SQLite and on a REAL
PostgreSQL server (its URL from $NEWSGRAPH_TEST_POSTGRES_URL; `scripts/start-postgres.sh`
starts one and prints it). Each PostgreSQL test gets a database of its own, dropped after."""

from __future__ import annotations

import os
import uuid

import pytest

POSTGRES_ENV = "NEWSGRAPH_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(
            f"${POSTGRES_ENV} is not set: start a server with `export {POSTGRES_ENV}=$(sudo bash scripts/start-postgres.sh)` "
            "to run the PostgreSQL variant of this test"
        )
    return url


class PostgresDatabases:
    """Creates throw-away databases on the test server, and drops them."""

    def __init__(self, admin_url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.base = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def new(self) -> str:
        from sqlalchemy import text

        name = f"newsgraph_t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            # template0 takes no connections, so nobody else's session can block the copy
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        self.names.append(name)
        return self.base.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            for name in self.names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture
def new_store_url(request, tmp_path):
    """A function that makes the URL of a new, empty store on the test's backend."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        counter = iter(range(1000))
        yield lambda: f"sqlite:///{tmp_path / f'store{next(counter)}.sqlite'}"
        return
    databases = PostgresDatabases(_postgres_admin_url())
    try:
        yield databases.new
    finally:
        databases.drop_all()


@pytest.fixture
def store_url(new_store_url):
    return new_store_url()


@pytest.fixture
def store(store_url):
    from newsgraph.store import Store

    opened = Store.open(store_url)
    yield opened
    opened.close()


def pytest_generate_tests(metafunc):
    """Every test that uses a store runs on SQLite and on PostgreSQL."""
    if {"store", "store_url", "new_store_url"} & set(metafunc.fixturenames) and "new_store_url" not in [
        marker.args[0] for marker in metafunc.definition.iter_markers("parametrize")
    ]:
        backends = BACKENDS
        marker = metafunc.definition.get_closest_marker("sqlite_only")
        if marker is not None:
            backends = ("sqlite",)
        metafunc.parametrize("new_store_url", backends, indirect=True, ids=[f"{b}" for b in backends])


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: the test runs on SQLite only (says why in its doc)")
