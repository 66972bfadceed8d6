"""did it help: "Hoe kent u ons?" on handovers and signals, consent to the questionnaire, one-time invitations
and their unlinkable answers

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("overdrachten") as batch:
        batch.add_column(sa.Column("bekend_via", sa.String(30)))
        batch.add_column(sa.Column("vragenlijst_mag", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("vragenlijst_verstuurd", sa.DateTime()))
    with op.batch_alter_table("signalen") as batch:
        batch.add_column(sa.Column("bekend_via", sa.String(30)))
    op.create_table(
        "vragenlijst_uitnodigingen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("verloopt", sa.DateTime(), nullable=False, index=True),
        sa.Column("taalniveau", sa.String(20)),
    )
    op.create_table(
        "vragenlijst_antwoorden",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("maand", sa.String(7), nullable=False, index=True),
        *(sa.Column(name, sa.Integer()) for name in ("geholpen", "verder", "keuzes", "zelfde", "aanraden")),
        sa.Column("verbeterpunt", sa.Text()),
    )


def downgrade() -> None:
    op.drop_table("vragenlijst_antwoorden")
    op.drop_table("vragenlijst_uitnodigingen")
    with op.batch_alter_table("signalen") as batch:
        batch.drop_column("bekend_via")
    with op.batch_alter_table("overdrachten") as batch:
        batch.drop_column("vragenlijst_verstuurd")
        batch.drop_column("vragenlijst_mag")
        batch.drop_column("bekend_via")
