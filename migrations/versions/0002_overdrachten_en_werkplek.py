"""warme overdracht, werkplek-accounts en toegangslog

Revision ID: 0002
Revises: 0001
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "overdrachten",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("referentie", sa.String(36), nullable=False, unique=True),
        sa.Column("gesprek_id", sa.String(255), nullable=False, index=True),
        sa.Column("aangemaakt", sa.DateTime(), nullable=False, index=True),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("levensdomein", sa.String(30)),
        sa.Column("onderwerp", sa.String(50)),
        sa.Column("wijk", sa.String(50)),
        sa.Column("doelgroep", sa.String(50)),
        sa.Column("taalniveau", sa.String(20)),
        sa.Column("contact_manier", sa.String(20)),
        sa.Column("contact_gegeven", sa.String(200)),
        sa.Column("contact_moment", sa.String(100)),
        sa.Column("gekozen_sleutel", sa.String(100)),
        sa.Column("gekozen_naam", sa.String(200)),
        sa.Column("gekozen_organisatie", sa.String(200), index=True),
        sa.Column("behandelaar", sa.String(100)),
        sa.Column("toegewezen_sleutel", sa.String(100)),
        sa.Column("toegewezen_naam", sa.String(200)),
        sa.Column("toegewezen_organisatie", sa.String(200)),
        sa.Column("afgerond", sa.DateTime()),
    )
    op.create_table(
        "transcript_regels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("overdracht_id", sa.Integer(), sa.ForeignKey("overdrachten.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("tijd", sa.DateTime(), nullable=False),
        sa.Column("afzender", sa.String(10), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
    )
    op.create_table(
        "overdracht_gebeurtenissen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("overdracht_id", sa.Integer(), sa.ForeignKey("overdrachten.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("tijd", sa.DateTime(), nullable=False),
        sa.Column("gebruiker", sa.String(100), nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("tekst", sa.Text()),
    )
    op.create_table(
        "gebruikers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("gebruikersnaam", sa.String(100), nullable=False, unique=True),
        sa.Column("naam", sa.String(200), nullable=False),
        sa.Column("rol", sa.String(20), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(255), nullable=False),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "aanmeldpogingen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tijd", sa.DateTime(), nullable=False, index=True),
        sa.Column("gebruikersnaam", sa.String(100), nullable=False, index=True),
        sa.Column("ip", sa.String(64), nullable=False, index=True),
        sa.Column("gelukt", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "toegangslog",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("trace_id", sa.String(32), nullable=False),
        sa.Column("span_id", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("start_time", sa.DateTime(), nullable=False, index=True),
        sa.Column("end_time", sa.DateTime(), nullable=False),
        sa.Column("status_code", sa.String(10), nullable=False),
        sa.Column("resource_name", sa.String(100), nullable=False),
        sa.Column("resource_version", sa.String(40), nullable=False),
        sa.Column("processing_activity_id", sa.String(300), nullable=False),
        sa.Column("data_subject_id", sa.String(64), nullable=False, index=True),
        sa.Column("data_subject_id_type", sa.String(40), nullable=False),
        sa.Column("gebruiker", sa.String(100), nullable=False),
        sa.Column("reden", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    for table in ("toegangslog", "aanmeldpogingen", "gebruikers", "overdracht_gebeurtenissen",
                  "transcript_regels", "overdrachten"):
        op.drop_table(table)
