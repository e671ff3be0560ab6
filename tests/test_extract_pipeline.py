"""The extraction pipeline: stages by name, their declared order, batched parsing, one record passed on."""

from __future__ import annotations

import pytest
import spacy

from offramp.errors import ConfigError
from offramp.extract import pipeline as pipeline_module
from offramp.extract.pipeline import DEFAULT_STAGES, DocRecord, Pipeline, registered_stages
from offramp.records import Document


class _Shout:
    """A test stage: upper-cases the text into ``data`` and counts the batches it was prepared with."""

    name = "shout"
    requires = ("doc",)
    provides = ("shout",)

    def __init__(self, suffix: str = "!"):
        self.suffix = suffix
        self.batches: list[list[str]] = []
        self.calls: list[str] = []

    def prepare(self, records: list[DocRecord]) -> None:
        assert all(r.doc is not None for r in records), "prepare sees parsed records"
        assert not any("shout" in r.data for r in records), "prepare runs before any stage"
        self.batches.append([r.text for r in records])

    def __call__(self, record: DocRecord) -> DocRecord:
        self.calls.append(record.text)
        record.data["shout"] = record.text.upper() + self.suffix
        return record


class _Echo:
    """A test stage that needs what ``shout`` provides."""

    name = "echo"
    requires = ("shout",)
    provides = ("echo",)

    def __call__(self, record: DocRecord) -> DocRecord:
        record.data["echo"] = record.data["shout"] * 2
        return record


@pytest.fixture
def stages(monkeypatch):
    """The test stages registered for one test only."""
    monkeypatch.setitem(pipeline_module._REGISTRY, "shout", _Shout)
    monkeypatch.setitem(pipeline_module._REGISTRY, "echo", _Echo)


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_every_default_stage_is_registered():
    assert set(DEFAULT_STAGES) <= set(registered_stages())


def test_an_unknown_stage_names_itself_and_the_choices(blank):
    with pytest.raises(ConfigError) as err:
        Pipeline(("actors", "sentiment"), nlp=blank)
    assert "sentiment" in str(err.value)
    assert "actors" in (err.value.hint or "")


def test_a_stage_before_what_it_needs_is_refused(stages, blank):
    with pytest.raises(ConfigError, match="'echo' needs shout"):
        Pipeline(("echo", "shout"), nlp=blank)
    assert Pipeline(("shout", "echo"), nlp=blank).names == ["shout", "echo"]


def test_default_stages_are_in_a_valid_order():
    # building checks the order before the model is needed: hand it a blank one
    assert Pipeline(DEFAULT_STAGES, nlp=spacy.blank("en")).names == list(DEFAULT_STAGES)


def test_stage_settings_come_from_config(stages, blank):
    pipe = Pipeline(("shout",), nlp=blank, config={"shout": {"suffix": "?!"}})
    assert pipe(Document(text="ceasefire holds")).data["shout"] == "CEASEFIRE HOLDS?!"


def test_pipe_parses_in_batches_prepares_each_batch_first_and_keeps_order(stages, blank):
    texts = [f"Report {i} on the Dniester." for i in range(5)]
    pipe = Pipeline(("shout", "echo"), nlp=blank, batch_size=2)
    records = list(pipe.pipe(Document(text=t) for t in texts))
    assert [r.text for r in records] == texts
    assert all(r.doc is not None and r.doc.text == r.text for r in records)
    assert [r.data["echo"] for r in records] == [(t.upper() + "!") * 2 for t in texts]
    shout = pipe.stages[0]
    assert shout.batches == [texts[0:2], texts[2:4], texts[4:5]]
    assert shout.calls == texts


def test_a_parse_batch_holds_at_most_batch_chars_characters(stages, blank):
    texts = [f"Convoy {i} crossed into the buffer zone near the Tigris. " * 8 for i in range(7)]
    size = len(texts[0])
    pipe = Pipeline(("shout",), nlp=blank, batch_size=32, section_chars=1000, batch_chars=3 * size)
    assert [r.text for r in pipe.pipe(Document(text=t) for t in texts)] == texts
    assert [len(b) for b in pipe.stages[0].batches] == [3, 3, 1]
    # never fewer characters than one section
    assert Pipeline(("shout",), nlp=blank, section_chars=5000, batch_chars=1000).batch_chars == 5000


def test_pipe_of_nothing_yields_nothing(stages, blank):
    assert list(Pipeline(("shout",), nlp=blank).pipe([])) == []


def test_the_real_stages_code_an_event_with_its_actors_and_date(nlp):
    """Our own sentence from another crisis, through actors, dates and events."""
    text = "On 13 September 2022, Azerbaijani artillery shelled Armenian positions near Jermuk."
    record = Pipeline(("actors", "dates", "events"), nlp=nlp)(Document(text=text))
    assert {m.code for m in record.actors} >= {"AZE", "ARM"}
    assert any(str(d.date) == "2022-09-13" for d in record.dates)
    (event,) = [e for e in record.events if e.type == "ASSAULT"]
    assert (event.source, event.target) == (["AZE"], ["ARM"])
    assert str(event.date) == "2022-09-13"


@pytest.mark.parametrize(("before", "after"), [((700, 10, 10), (10_000, 10, 10)), ((0, 10, 10), (0, 10, 10))])
def test_settling_collects_young_objects_less_often_unless_collection_is_off(
    monkeypatch: pytest.MonkeyPatch, before: tuple[int, int, int], after: tuple[int, int, int]
) -> None:
    import gc

    from offramp.extract import pipeline

    saved = gc.get_threshold()
    monkeypatch.setattr(pipeline, "_SETTLED", False)
    try:
        gc.set_threshold(*before)
        pipeline._settle_long_lived()
        assert gc.get_threshold() == after
    finally:
        gc.set_threshold(*saved)
