"""The inspection team from the team block (loaders/team.py): names wrapped over two lines joined, titles and
roles kept apart from names, everyone in the block a member, and only the team block or the first page read."""

from __future__ import annotations

from cskg.loaders import load_record
from cskg.loaders.readers.text import read as read_text
from cskg.loaders.team import inspection_team
from tests.conftest import CORPUS


def _team(body: str) -> list[tuple[str, str, str | None, str | None]]:
    doc = read_text("t.txt", body.encode("utf-8"), "0" * 64)
    return [(i.role, i.name, i.position, i.title) for i in inspection_team(doc)]


BLOCK = """Information about this inspection

Six of His Majesty's Inspectors (HMI) carried out this inspection.

The inspection team

Lead inspector: Ada Fenwick HMI
Deputy lead inspector: Ben Oduya HMI
Team inspectors: Cara Lindqvist (HMI), Dev Malhotra (HMI) Esme Trower (OI), Finn Aldous, Gail
Hartigan, Hal Ives (Seconded
Inspector), Isla Quorn
Senior data analyst: Dr Jon Pell
Quality assurance manager: Kit Varley, Senior Her Majesty's Inspector
"""


def test_a_team_block_gives_the_lead_and_every_member_with_role_and_title_apart() -> None:
    assert _team(BLOCK) == [
        ("lead", "Ada Fenwick", "lead inspector", "HMI"),
        ("team", "Ben Oduya", "deputy lead inspector", "HMI"),
        ("team", "Cara Lindqvist", "team inspector", "HMI"),
        ("team", "Dev Malhotra", "team inspector", "HMI"),
        ("team", "Esme Trower", "team inspector", "OI"),
        ("team", "Finn Aldous", "team inspector", None),
        ("team", "Gail Hartigan", "team inspector", None),  # wrapped over two lines
        ("team", "Hal Ives", "team inspector", "Seconded Inspector"),
        ("team", "Isla Quorn", "team inspector", None),
        ("team", "Jon Pell", "senior data analyst", None),
        ("team", "Kit Varley", "quality assurance manager", "Senior Her Majesty's Inspector"),
    ]


def test_a_sentence_starting_lead_inspector_elsewhere_is_no_team() -> None:
    body = ("Summary\n\nThe council has strong partnerships.\n\nLeadership\n\n"
            "Lead inspector visits showed that the Families Board and the Wellbeing Board meet monthly.\n")
    assert _team(body) == []


def test_the_lead_printed_on_the_first_page() -> None:
    body = ("Inspection of Somewhere local authority children's services\n\nInspection dates: 6 to 10 November 2023\n\n"
            "Lead inspector: Máire Atherton, His Majesty's Inspector\n\nJudgement Grade\n")
    assert _team(body) == [("lead", "Máire Atherton", "lead inspector", "His Majesty's Inspector")]


def test_a_team_block_ends_where_the_back_page_text_begins() -> None:
    record = load_record(CORPUS / "surrey" / "2015-06-03.pdf")
    assert record.lead_inspector == "Mary Candlin"
    assert [(i.name, i.position) for i in record.inspectors][-2:] == [
        ("Karen McKeown", "team inspector"), ("Nick McMullen", "quality assurance manager")]


def test_each_member_s_position_is_in_the_graph_on_their_place_in_this_team() -> None:
    """A position belongs to one inspection's team, so it is stated on a prov:Association of inspection and
    person (cskg:TeamPlace), never on the person, who may hold another position in another inspection."""
    from rdflib import Literal
    from rdflib.namespace import PROV, RDF

    from cskg.graph.mapping import map_record
    from cskg.graph.namespaces import CSKG, person_uri

    record = load_record(CORPUS / "surrey" / "2015-06-03.pdf")
    graph = map_record(record).graph
    places = {graph.value(place, PROV.agent): str(graph.value(place, CSKG.position))
              for place in graph.objects(None, PROV.qualifiedAssociation)}
    assert places[person_uri("Nick McMullen")] == "quality assurance manager"
    assert places[person_uri("Karen McKeown")] == "team inspector"
    assert len(places) == sum(1 for i in record.inspectors if i.position)
    for place in graph.subjects(PROV.agent, None):
        assert (place, RDF.type, PROV.Association) in graph and (place, RDF.type, CSKG.TeamPlace) in graph
    assert not any(graph.triples((person_uri("Nick McMullen"), CSKG.position, None)))
    assert Literal("quality assurance manager") in set(graph.objects(None, CSKG.position))


def test_a_title_wrapped_onto_a_line_of_its_own_belongs_to_the_name_before_and_the_block_goes_on() -> None:
    block = BLOCK.replace("Isla Quorn\n", "Isla Quorn\nHMI\n")
    team = _team(block)
    assert ("team", "Isla Quorn", "team inspector", "HMI") in team
    assert [name for _, name, _, _ in team][-2:] == ["Jon Pell", "Kit Varley"]  # the lines after it still read
