"""Near-duplicate hashing and clusters: bounded memory for any length, one link per copy."""

from __future__ import annotations

import importlib
import json

import numpy as np
import pytest
from datasketch import MinHash

from offramp.ingest import NUM_PERM, ingest, minhash

# the module (``offramp.ingest`` itself is the API function of the same name)
ingest_module = importlib.import_module("offramp.ingest")


def _whole_set_signature(text: str) -> np.ndarray:
    """The signature hashed the simple way: every shingle of the whole text at once."""
    words = text.lower().split()
    n = ingest_module._SHINGLE
    shingles = {" ".join(words).encode()} if len(words) < n else {
        " ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)
    }  # fmt: skip
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch(list(shingles))
    return m.hashvalues


@pytest.mark.parametrize("n_words", [0, 1, 4, 5, 6, 40, 3000])
def test_streamed_signature_is_the_whole_text_signature(monkeypatch, n_words):
    # small segments and batches, so that words, shingles and batches all cross their edges
    monkeypatch.setattr(ingest_module, "_SEGMENT", 37)
    monkeypatch.setattr(ingest_module, "_HASH_BATCH", 16)
    words = ["Kherson", "said", "the", "ferry\n", "ΣΟΦΙΑΣ", "resumed\t", "on", "Monday."]
    text = " ".join(words[(i * 7) % len(words)] + str(i % 13) for i in range(n_words))
    assert np.array_equal(minhash(text).hashvalues, _whole_set_signature(text))


def test_hashing_works_through_a_long_text_a_bounded_batch_at_a_time(monkeypatch):
    sizes: list[int] = []
    update = MinHash.update_batch

    def recording(self, batch):
        sizes.append(len(batch))
        return update(self, batch)

    monkeypatch.setattr(MinHash, "update_batch", recording)
    text = " ".join(f"word{i}" for i in range(20_000))
    minhash(text)
    assert sum(sizes) == 20_000 - ingest_module._SHINGLE + 1
    assert max(sizes) <= ingest_module._HASH_BATCH and len(sizes) > 1


STORY = (
    "Armenian and Azerbaijani border guards exchanged fire overnight near the village of Tegh, "
    "the Armenian defence ministry said, adding that one soldier was wounded. Baku said its "
    "positions had come under fire first and that it had returned fire. The European Union "
    "monitoring mission said it was looking into the reports. Both governments said talks on "
    "a peace treaty would go on, and foreign ministers are due to meet next month in Almaty."
)


@pytest.mark.parametrize("copies", [2, 10, 30])
def test_near_duplicate_links_grow_with_copies_not_pairs(store, tmp_path, copies):
    path = tmp_path / "copies.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(copies):
            f.write(
                json.dumps({"url": f"https://site{i}.example/a", "text": f"{STORY} Filed by desk {i}."})
                + "\n"
            )
    report = ingest(store, [path], extract=False)
    assert report.count("new") == 1 and report.count("near-duplicate") == copies - 1
    links = store.query("SELECT * FROM near_duplicates")
    first = store.query("SELECT id FROM documents WHERE url = 'https://site0.example/a'")["id"][0]
    assert len(links) == copies - 1
    assert set(links["other_id"]) == {first}
    assert (links["similarity"] > 0.8).all()


def test_a_store_with_chained_links_gives_new_copies_the_first_copy(store, tmp_path):
    # an older store linked each copy to the copy before it; a new copy still joins the first
    path = tmp_path / "three.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"url": f"https://old{i}.example/a", "text": f"{STORY} Desk {i}."}) + "\n")
    ingest(store, [path], extract=False)
    ids = store.query("SELECT id, url FROM documents ORDER BY url")["id"].tolist()
    with store.write() as con:
        con.execute("DELETE FROM near_duplicates")
        con.execute(
            "INSERT INTO near_duplicates VALUES (?, ?, 0.9), (?, ?, 0.9)", [ids[1], ids[0], ids[2], ids[1]]
        )
    later = tmp_path / "later.jsonl"
    later.write_text(
        json.dumps({"url": "https://new.example/a", "text": f"{STORY} Desk 9."}) + "\n", encoding="utf-8"
    )
    ingest(store, [later], extract=False)
    new_id = store.query("SELECT id FROM documents WHERE url = 'https://new.example/a'")["id"][0]
    (other,) = store.query("SELECT other_id FROM near_duplicates WHERE doc_id = ?", [new_id])["other_id"]
    assert other == ids[0]
