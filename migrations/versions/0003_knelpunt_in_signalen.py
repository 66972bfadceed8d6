"""knelpunt (gescrubd citaat) in signalen

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("signalen") as batch:
        batch.add_column(sa.Column("knelpunt", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("signalen") as batch:
        batch.drop_column("knelpunt")
