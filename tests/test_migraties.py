"""The Alembic migrations and the SQLAlchemy models describe the same schema (SQLite here, PostgreSQL in
tests/runtime/test_postgres.py), so a model change without its migration is caught."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot import db
from bot.models import Base
from tests.conftest import differences


def test_the_migrations_build_exactly_the_models(tmp_path):
    url = f"sqlite:///{tmp_path}/schema.db"
    db.upgrade(url)
    assert differences(url) == []


def test_a_model_change_without_a_migration_is_caught(tmp_path):
    """The check can fail: a column the migrations do not make shows up."""
    from sqlalchemy import Column, MetaData, String, Table

    url = f"sqlite:///{tmp_path}/schema.db"
    db.upgrade(url)
    extra = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(extra)
    Table("signalen", extra, Column("nieuw_veld", String(10)), extend_existing=True)
    with db.engine_for(url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert any(d[0] == "add_column" and d[3].name == "nieuw_veld" for d in compare_metadata(context, extra))
