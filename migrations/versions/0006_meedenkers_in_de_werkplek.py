"""meedenkers in the workspace: accounts linked to a meedenker, handover trajectory and outcome, ways in,
availability, the mail outbox, outcome signals

Revision ID: 0006
Revises: 0005
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OVERDRACHT = [("kanaal", sa.String(30)), ("verwijzer", sa.String(30)), ("toegewezen_soort", sa.String(20)),
              ("toegewezen_op", sa.DateTime()), ("geaccepteerd", sa.DateTime()), ("eerste_contact", sa.Date()),
              ("via_soort", sa.String(20)), ("uitkomst", sa.String(30)), ("doorverwezen_naar", sa.String(30))]
SIGNAAL = [("verwijzer", sa.String(30)), ("meedenker_soort", sa.String(20)), ("via_soort", sa.String(20)),
           ("doorverwezen_naar", sa.String(30)), ("werkdagen_tot_contact", sa.Integer())]


def upgrade() -> None:
    with op.batch_alter_table("overdrachten") as batch:
        for name, type_ in OVERDRACHT:
            batch.add_column(sa.Column(name, type_))
    with op.batch_alter_table("signalen") as batch:
        for name, type_ in SIGNAAL:
            batch.add_column(sa.Column(name, type_))
    with op.batch_alter_table("gebruikers") as batch:
        batch.add_column(sa.Column("meedenker_sleutel", sa.String(100)))
        batch.add_column(sa.Column("email", sa.String(200)))
        batch.create_index("ix_gebruikers_meedenker_sleutel", ["meedenker_sleutel"])
    op.create_table(
        "beschikbaarheid",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sleutel", sa.String(100), nullable=False, unique=True),
        sa.Column("afwezig_tot", sa.Date()),
        sa.Column("geen_nieuwe", sa.Boolean(), nullable=False),
        sa.Column("gewijzigd", sa.DateTime(), nullable=False),
        sa.Column("door", sa.String(100), nullable=False),
    )
    op.create_table(
        "mails",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("soort", sa.String(40), nullable=False),
        sa.Column("sleutel", sa.String(300), unique=True),
        sa.Column("referentie", sa.String(36), index=True),
        sa.Column("aan", sa.String(200), nullable=False),
        sa.Column("onderwerp", sa.String(200), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(), nullable=False),
        sa.Column("verstuurd", sa.DateTime(), index=True),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        sa.Column("volgende_poging", sa.DateTime(), nullable=False),
        sa.Column("laatste_fout", sa.String(500)),
        sa.Column("bezig_tot", sa.DateTime()),
    )


def downgrade() -> None:
    op.drop_table("mails")
    op.drop_table("beschikbaarheid")
    with op.batch_alter_table("gebruikers") as batch:
        batch.drop_index("ix_gebruikers_meedenker_sleutel")
        batch.drop_column("email")
        batch.drop_column("meedenker_sleutel")
    with op.batch_alter_table("signalen") as batch:
        for name, _ in reversed(SIGNAAL):
            batch.drop_column(name)
    with op.batch_alter_table("overdrachten") as batch:
        for name, _ in reversed(OVERDRACHT):
            batch.drop_column(name)
