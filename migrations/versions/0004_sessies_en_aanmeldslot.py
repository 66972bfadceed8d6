"""server-side sessies; aanmeldpogingen met client en uitkomst; aanmeld_slot

Revision ID: 0004
Revises: 0003
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "sessies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("gebruiker_id", sa.Integer(), sa.ForeignKey("gebruikers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(), nullable=False),
        sa.Column("laatst_gezien", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sessies_gebruiker_id", "sessies", ["gebruiker_id"])
    with op.batch_alter_table("aanmeldpogingen") as batch:
        batch.add_column(sa.Column("client", sa.String(100), nullable=False, server_default="-"))
        batch.add_column(sa.Column("uitkomst", sa.String(10), nullable=False, server_default="mislukt"))
    op.execute("UPDATE aanmeldpogingen SET client = 'adres:' || ip, "
               "uitkomst = CASE WHEN gelukt THEN 'gelukt' ELSE 'mislukt' END")
    with op.batch_alter_table("aanmeldpogingen") as batch:
        batch.drop_column("gelukt")
        batch.alter_column("client", server_default=None)
        batch.alter_column("uitkomst", server_default=None)
        batch.create_index("ix_aanmeldpogingen_client", ["client"])
    slot = op.create_table("aanmeld_slot", sa.Column("id", sa.Integer(), primary_key=True),
                           sa.Column("teller", sa.Integer(), nullable=False))
    op.bulk_insert(slot, [{"id": 1, "teller": 0}])


def downgrade() -> None:
    op.drop_table("aanmeld_slot")
    with op.batch_alter_table("aanmeldpogingen") as batch:
        batch.drop_index("ix_aanmeldpogingen_client")
        batch.add_column(sa.Column("gelukt", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("UPDATE aanmeldpogingen SET gelukt = (uitkomst = 'gelukt')")
    with op.batch_alter_table("aanmeldpogingen") as batch:
        batch.drop_column("client")
        batch.drop_column("uitkomst")
    op.drop_index("ix_sessies_gebruiker_id", "sessies")
    op.drop_table("sessies")
