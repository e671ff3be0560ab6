"""The actor network and its exports."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from offramp.analysis.network import actor_network, network_edges, write_network
from offramp.errors import InputError


def test_edges_count_cooperative_and_hostile_events(crisis):
    g = actor_network(crisis)
    assert g.is_directed()
    pak_ind = g.edges["PAK", "IND"]
    assert pak_ind["hostile"] > pak_ind["cooperative"]
    assert pak_ind["sign"] == -1
    assert g.edges["USA", "IND"]["sign"] == 1
    assert g.edges["IMF", "PAK"]["cooperative"] == 1
    assert g.nodes["IND"]["name"] == "India"
    assert not g.has_edge("PAK", "PAK")
    total = network_edges(crisis)["events"].sum()
    assert total == sum(d["weight"] for _, _, d in g.edges(data=True))


@pytest.mark.parametrize("suffix", [".graphml", ".json"])
def test_export_round_trips(crisis, tmp_path, suffix):
    g = actor_network(crisis)
    path = write_network(g, tmp_path / f"net{suffix}")
    if suffix == ".graphml":
        back = nx.read_graphml(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text()), edges="links")
    assert set(back.edges) == set(g.edges)
    assert back.edges["PAK", "IND"]["weight"] == g.edges["PAK", "IND"]["weight"]


def test_export_refuses_unknown_suffix(crisis, tmp_path):
    with pytest.raises(InputError, match="graphml"):
        write_network(actor_network(crisis), tmp_path / "net.png")
