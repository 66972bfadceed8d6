"""overdrachten: namens (for whom the inwoner asks), taal, huisbezoek (asked for a visit at home)

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("overdrachten") as batch:
        batch.add_column(sa.Column("namens", sa.String(30)))
        batch.add_column(sa.Column("taal", sa.String(50)))
        batch.add_column(sa.Column("huisbezoek", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("overdrachten") as batch:
        batch.drop_column("huisbezoek")
        batch.drop_column("taal")
        batch.drop_column("namens")
