from collections import Counter

import pytest

from bot.netwerk.matching import MAX_OPTIES, MIN_OPTIES, Vraag, kies
from bot.netwerk.netwerk import MeedenkerRecord


def m(sleutel, org="Org A", soort="vrijwillig", domeinen=("wonen",), expertise=(), wijken=(), talen=(),
      beschikbaar=True):
    return MeedenkerRecord(sleutel=sleutel, naam=sleutel.title(), organisatie=org, soort=soort,
                           levensdomeinen=frozenset(domeinen), expertise=frozenset(expertise),
                           wijken=frozenset(wijken), talen=frozenset(talen), neemt_nieuwe_inwoners=beschikbaar,
                           telefoon="0123 456 789", intro="Ik help u.", intro_b1="Ik help u.")


def keys(keuze):
    return [o.meedenker.sleutel for o in keuze.opties]


def test_expertise_on_the_topic_ranks_first():
    network = [m("a", "A"), m("b", "B", expertise=["huurachterstand"]), m("c", "C")]
    assert keys(kies(network, Vraag("wonen", onderwerp="huurachterstand")))[0] == "b"


def test_doelgroep_expertise_counts():
    network = [m("a", "A"), m("b", "B", expertise=["lvb"]), m("c", "C")]
    assert keys(kies(network, Vraag("wonen", doelgroep="lvb")))[0] == "b"


def test_own_wijk_before_whole_gemeente_before_elsewhere():
    network = [m("elders", "A", wijken=["bosrijk"]), m("overal", "B"), m("hier", "C", wijken=["molenwijk"])]
    assert keys(kies(network, Vraag("wonen", wijk="molenwijk"))) == ["hier", "overal", "elders"]


def test_language_weighs_most_and_is_reported():
    network = [m("a", "A", wijken=["molenwijk"], expertise=["huurachterstand"]), m("b", "B", talen=["arabisch"]),
               m("c", "C")]
    keuze = kies(network, Vraag("wonen", wijk="molenwijk", taal="arabisch"))
    assert keys(keuze)[0] == "b" and keuze.opties[0].spreekt_taal
    assert not keuze.taal_niet_beschikbaar
    assert kies(network, Vraag("wonen", taal="tigrinya")).taal_niet_beschikbaar


def test_only_the_asked_domain_and_only_who_takes_new_inwoners():
    network = [m("a", "A", domeinen=["jeugd"]), m("b", "B", beschikbaar=False), m("c", "C"), m("d", "D")]
    assert sorted(keys(kies(network, Vraag("wonen")))) == ["c", "d"]


def test_without_preference_both_kinds_are_shown():
    network = [m(f"v{i}", f"V{i}", expertise=["huurachterstand"]) for i in range(5)]
    network.append(m("prof", "P", soort="beroepsmatig"))
    keuze = kies(network, Vraag("wonen", onderwerp="huurachterstand"))
    assert keuze.beide_soorten and "prof" in keys(keuze)
    assert MIN_OPTIES <= len(keuze.opties) <= MAX_OPTIES


def test_a_preference_is_respected():
    network = [m("v1", "A"), m("v2", "B"), m("p1", "C", soort="beroepsmatig", expertise=["huurachterstand"]),
               m("p2", "D", soort="beroepsmatig")]
    keuze = kies(network, Vraag("wonen", onderwerp="huurachterstand", voorkeur="vrijwillig"))
    assert sorted(keys(keuze)) == ["v1", "v2"]
    keuze = kies(network, Vraag("wonen", voorkeur="beroepsmatig"))
    assert sorted(keys(keuze)) == ["p1", "p2"]


def test_too_few_of_the_preferred_kind_still_gives_a_choice():
    network = [m("v1", "A"), m("p1", "B", soort="beroepsmatig"), m("p2", "C", soort="beroepsmatig")]
    keuze = kies(network, Vraag("wonen", voorkeur="vrijwillig"))
    assert len(keuze.opties) == 2 and keys(keuze)[0] == "v1" and keuze.voorkeur_aangevuld


def test_preferred_kind_absent_is_reported_and_both_kinds_offered():
    network = [m("p1", "A", soort="beroepsmatig"), m("p2", "B", soort="beroepsmatig")]
    keuze = kies(network, Vraag("wonen", voorkeur="vrijwillig"))
    assert keuze.voorkeur_niet_beschikbaar and len(keuze.opties) == 2


def test_nobody_fits_gives_an_empty_choice():
    keuze = kies([m("a", domeinen=["jeugd"])], Vraag("wonen"))
    assert keuze.leeg and keuze.opties == ()
    assert kies([], Vraag("wonen")).leeg


def test_at_equal_fit_a_second_organisation_goes_before_a_colleague():
    network = [m("a1", "A"), m("a2", "A"), m("b1", "B", soort="beroepsmatig")]
    first_two = [keys(kies(network, Vraag("wonen"), rotatie=r))[:2] for r in range(4)]
    assert all({k[0][0], k[1][0]} == {"a", "b"} for k in first_two)


@pytest.mark.parametrize("size", [2, 4, 7])
def test_tied_organisations_take_turns_being_first(size):
    network = [m(f"m{i}", f"Org {i}", soort="vrijwillig" if i % 2 else "beroepsmatig") for i in range(size)]
    runs = 100 * size
    first = Counter(kies(network, Vraag("wonen"), rotatie=r).opties[0].meedenker.organisatie for r in range(runs))
    assert set(first) == {f"Org {i}" for i in range(size)}
    assert max(first.values()) - min(first.values()) <= 1, first


def test_colleagues_within_one_organisation_take_turns_too():
    network = [m("a1", "A"), m("a2", "A"), m("a3", "A")]
    first = Counter(keys(kies(network, Vraag("wonen"), rotatie=r))[0] for r in range(300))
    assert first == Counter({"a1": 100, "a2": 100, "a3": 100})


def test_a_better_fit_is_not_rotated_away():
    network = [m("a", "A"), m("b", "B", expertise=["huurachterstand"]), m("c", "C")]
    assert {keys(kies(network, Vraag("wonen", onderwerp="huurachterstand"), rotatie=r))[0]
            for r in range(10)} == {"b"}


def test_a_tie_between_some_organisations_is_shared_fairly():
    # A and B fit best and equally; C and D fit less. Rotating over all four would favour one of them.
    network = [m("a", "A", expertise=["huurachterstand"]), m("b", "B", expertise=["huurachterstand"]),
               m("c", "C"), m("d", "D")]
    first = Counter(keys(kies(network, Vraag("wonen", onderwerp="huurachterstand"), rotatie=r))[0]
                    for r in range(100))
    assert first == Counter({"a": 50, "b": 50})
