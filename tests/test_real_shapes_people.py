"""People as real news writes them: foreign names, particles, neighbours that are two people,
and a surname the model only sees as a person in its paragraph's context."""
from __future__ import annotations

from conftest import by_name, facts_of


def test_a_surname_alone_is_read_in_its_paragraph():
    """Read sentence by sentence, the model misses «Путин» here; in its paragraph it does not."""
    text = ("Визит продлится два дня. Делегацию возглавляют Сергей Собянин и Антон Силуанов. "
            "Путин также посетит технопарк в Минске.")
    assert "Путин" in by_name(facts_of(text, "person"))
