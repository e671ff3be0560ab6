"""The event coder on PLOVER_GSR_CAMEO.dev.json: event type, source and target accuracy.

Each record is one sentence with its gold PLOVER event (0.5 names mapped to the
current ones: DEMAND→REQUEST, DISAPPROVE→ACCUSE, FIGHT→ASSAULT,
INVESTIGATE→ACCUSE). The coder's main event for the sentence is compared with
the gold; actors are resolved with the packaged gazetteer and compared in the
GSR's convention (an organisation by its country, or IGO). A further set of the
same kind is held out and scored by this same code.
"""

from __future__ import annotations

import json

import pytest

from offramp.extract.coding import ActorIndex, find_triggers, main_trigger, sentence_actors
from offramp.ontology.plover import normalize_event

pytestmark = pytest.mark.slow

TYPE_ACCURACY_MIN = 0.85
SOURCE_ACCURACY_MIN = 0.75
TARGET_ACCURACY_MIN = 0.65


def _gsr_codes(mentions) -> dict[str, str]:
    """Our actor code -> the GSR's: states as they are, others by their country, an organisation's
    people and bodies as IGO, an armed group with no country as IMG (international militant group)."""
    from offramp.ontology.actors import load_gazetteer

    gazetteer = load_gazetteer()
    out = {}
    for m in mentions:
        actor = gazetteer.actors.get(m.code)
        kind = actor.kind if actor is not None and m.kind in ("person", "role") else m.kind
        if kind in ("igo", "ngo", "organisation", "organization"):
            out[m.code] = "IGO"
        elif kind == "group" and not m.country:
            out[m.code] = "IMG"
        elif kind == "state" or not m.country:
            out[m.code] = m.code
        else:
            out[m.code] = m.country
    return out


def score_gsr(records, nlp) -> dict[str, float]:
    from offramp.extract.phrases import find_actors
    from offramp.ontology.actors import load_gazetteer

    gazetteer = load_gazetteer()
    texts = [r["text"].strip("{} ") for r in records]
    n = typed = sources = targets = 0
    for record, doc in zip(records, nlp.pipe(texts), strict=True):
        mentions = find_actors(doc.text, gazetteer=gazetteer)
        convention = _gsr_codes(mentions)
        index = ActorIndex.build(doc, mentions)
        triggers = [t for sent in doc.sents for t in find_triggers(sent)]
        main = main_trigger(triggers)
        n += 1
        if main is None:
            continue
        typed += main.type == normalize_event(record["event"])
        source, target = sentence_actors(main, index, triggers)
        sources += {convention.get(c, c) for c in source} == {a["code"] for a in record.get("source", [])}
        targets += {convention.get(c, c) for c in target} == {a["code"] for a in record.get("target", [])}
    return {"n": n, "type": typed / n, "source": sources / n, "target": targets / n}


@pytest.fixture(scope="module")
def gsr(shared):
    path = shared / "data" / "events" / "plover" / "PLOVER_GSR_CAMEO.dev.json"
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def test_gsr_event_type_source_and_target_accuracy(gsr, nlp):
    result = score_gsr(gsr, nlp)
    print(
        f"\nPLOVER GSR dev ({result['n']} sentences): type accuracy {result['type']:.3f}, "
        f"source accuracy {result['source']:.3f}, target accuracy {result['target']:.3f}"
    )
    assert result["n"] == len(gsr)
    assert result["type"] >= TYPE_ACCURACY_MIN
    assert result["source"] >= SOURCE_ACCURACY_MIN
    assert result["target"] >= TARGET_ACCURACY_MIN
