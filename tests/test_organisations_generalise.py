"""Sharing read from councils and groups the corpus never names (bench/shared_bodies_swap.py measures it on the
truth's sentences with their councils swapped): group names of sub-regions, councils whose names hold "and",
providers serving several councils, and the comparisons that must never tie councils. Every input is a
synthetic sentence."""

from __future__ import annotations

import re

from datetime import date
from itertools import combinations

import pytest

from cskg.graph.derived import SHARING_ROLES
from cskg.loaders.authorities import authority_index
from cskg.loaders.organisation_text import Sentence
from cskg.loaders.organisations import find_in_sentences
from cskg.loaders.sentences import split

BOLTON, BURY, WIGAN, SALFORD = "E08000001", "E08000002", "E08000010", "E08000006"
BRACKNELL, SLOUGH, WINDSOR, READING = "E06000036", "E06000039", "E06000040", "E06000038"
HAMPSHIRE, WIGHT, PORTSMOUTH, SOUTHAMPTON = "E10000014", "E06000046", "E06000044", "E06000045"
CORNWALL, SCILLY, DEVON, PLYMOUTH, TORBAY = "E06000052", "E06000053", "E10000008", "E06000026", "E06000027"
CITY, HACKNEY, OLDHAM, WIRRAL = "E09000001", "E09000012", "E08000004", "E08000015"
CUMBERLAND, WESTMORLAND = "E06000063", "E06000064"
BEDFORD, CENTRAL_BEDS, LUTON = "E06000055", "E06000056", "E06000032"
DUDLEY, SANDWELL, WALSALL, WOLVERHAMPTON = "E08000027", "E08000028", "E08000030", "E08000031"
DAY = date(2021, 6, 1)
CUMBRIA_SPLIT = date(2024, 6, 1)  # Cumberland and Westmorland and Furness are named in reports from April 2023


def _found(text: str, inspected: str, day: date = DAY):
    return [r for _, r in find_in_sentences((Sentence(text, 0, len(text), None, 1),), inspected, day)]


def _pairs(text: str, inspected: str, day: date = DAY) -> set[tuple[str, str]]:
    """The council pairs the sentence ties to one body, as shared-boards would list them."""
    return {pair for r in _found(text, inspected, day)
            for pair in combinations(sorted({m.authority for m in r.members if m.role in SHARING_ROLES}), 2)}


def _clique(*codes: str) -> set[tuple[str, str]]:
    return set(combinations(sorted(codes), 2))


# --- group names of sub-regions the corpus barely names ----------------------------------------------------

def test_pan_east_berkshire_ties_its_three_councils_in_a_report_on_one_of_them():
    text = "Multi-agency training is offered through a pan-East Berkshire arrangement."
    assert _pairs(text, SLOUGH) == _clique(BRACKNELL, SLOUGH, WINDSOR)
    assert _pairs(text, READING) == set()  # Reading is in Berkshire West, not East Berkshire


def test_pan_hampshire_is_the_four_councils_while_hampshire_alone_stays_the_county():
    assert _pairs("The pan-Hampshire child death overview panel reviews every death.", PORTSMOUTH) == \
        _clique(HAMPSHIRE, WIGHT, PORTSMOUTH, SOUTHAMPTON)
    assert _pairs("The Hampshire authorities share a child death overview panel.", WIGHT) == \
        _clique(HAMPSHIRE, WIGHT, PORTSMOUTH, SOUTHAMPTON)
    keys = {r.key for r in _found("Hampshire's child death overview panel reviews every death.", PORTSMOUTH)}
    assert keys == {f"cdop/{HAMPSHIRE}"}


def test_the_peninsula_ties_the_five_south_west_councils_but_another_peninsula_ties_none():
    assert _pairs("The Peninsula-wide child death overview panel meets monthly.", TORBAY) == \
        _clique(CORNWALL, SCILLY, DEVON, PLYMOUTH, TORBAY)
    assert _pairs("Deaths are reviewed by the south-west peninsula child death overview panel.", PLYMOUTH) == \
        _clique(CORNWALL, SCILLY, DEVON, PLYMOUTH, TORBAY)
    assert _pairs("Children across the Wirral peninsula are referred to the shared MASH.", WIRRAL) == set()


def test_city_and_hackney_is_the_city_of_london_with_hackney():
    assert _pairs("The City and Hackney LSCB holds partners to account.", CITY) == _clique(CITY, HACKNEY)


def test_a_lower_case_group_of_a_pan_group_is_that_groups_and_other_groups_are_no_body():
    assert _pairs("Procedures are revised through the pan-Bedfordshire policies and procedures group.",
                  CENTRAL_BEDS) == _clique(BEDFORD, CENTRAL_BEDS, LUTON)
    assert _pairs("Staff join reflective group sessions, where findings are shared with Bury and Wigan.",
                  BOLTON) == set()
    assert _found("The strategic group meets monthly and the exploitation panel reviews cases.", BOLTON) == []


# --- council names that hold "and", a council whose short name is a region's --------------------------------

def test_a_prefix_of_councils_whose_names_hold_and_is_read_as_those_councils():
    text = "The council works in partnership with the Cumberland and Westmorland and Furness LSCB on exploitation."
    assert _pairs(text, CUMBERLAND, CUMBRIA_SPLIT) == _clique(CUMBERLAND, WESTMORLAND)


def test_the_city_of_london_is_a_council_where_london_alone_is_a_region():
    assert _pairs("This safeguarding children board in Oldham is joint with the City of London.", OLDHAM) == \
        _clique(OLDHAM, CITY)
    assert _pairs("The MASH is shared with partners across London.", OLDHAM) == set()
    police = [r.name for r in _found("Officers of the City of London Police attend.", OLDHAM)]
    assert police == ["City of London Police"]


def test_a_consortium_named_for_a_group_is_the_groups_when_the_sentence_names_only_its_own_council():
    text = "Partnership arrangements through Adoption in the Black Country widen the pool of adopters for Dudley children."
    assert _pairs(text, DUDLEY) == _clique(DUDLEY, SANDWELL, WALSALL, WOLVERHAMPTON)


# --- providers and trusts serving several councils ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The return home interview service is delivered by Catch22 across Bolton, Bury and Wigan.",
    "Independent visitors are provided by Action for Children for Bolton, Bury and Wigan.",
    "Advocacy is delivered by a local charity across Bolton, Bury and Wigan.",
])
def test_a_provider_serving_named_councils_ties_them_by_the_service_never_by_the_provider(text):
    found = _found(text, BOLTON)
    assert _pairs(text, BOLTON) == _clique(BOLTON, BURY, WIGAN)
    shared = [r for r in found if len({m.authority for m in r.members}) > 1]
    assert [r.key for r in shared] == [f"commissioned-service/{BOLTON}+{BURY}+{WIGAN}"]
    # a charity is one node for every report: tying councils to it would join councils of unrelated reports
    assert all(m.role == "partner" for r in found if r.kind == "voluntary-organisation" for m in r.members)


@pytest.mark.parametrize("text", [
    "Advocacy is delivered by Barnardo's in Bolton.",
    "Barnardo's also works in Bury and Wigan.",
    "Advocacy is delivered by a local charity.",
    "A provider in Bury was used for two placements.",
])
def test_a_provider_named_with_one_council_or_beside_others_ties_nothing(text):
    assert _pairs(text, BOLTON) == set()


def test_a_childrens_trust_in_lower_case_serving_councils_is_their_childrens_services_trust():
    for text in ("The children's trust delivers children's services for Bolton and Bury.",
                 "The children’s trust serves Bolton and Bury."):
        found = _found(text, BOLTON)
        assert [(r.kind, r.key) for r in found] == [("childrens-services-company",
                                                     f"childrens-services-company/{BOLTON}+{BURY}")]
    assert _found("Children's services in Bolton are delivered by a children's trust, owned by the council.",
                  BOLTON) == []
    assert [r.kind for r in _found("The children's trust board meets with Bury leaders.", BOLTON)] == \
        ["childrens-trust-board"]


# --- comparisons are not sharing -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The jointly commissioned service performs better than in statistical neighbours such as Bury and Wigan.",
    "Like other councils in Greater Manchester, Bolton shares a MASH with the police.",
    "Bolton's shared MASH compares well with similar authorities such as Bury and Wigan.",
    "The joint CDOP reviews deaths across the two councils; rates are lower than in Bury, Wigan and Salford.",
    "The shared out-of-hours service is more responsive than those in Bury and Wigan.",
    "The MASH is shared with partners and its timeliness is in line with Bury, Wigan and Salford.",
    "Compared with its statistical neighbours (Bury, Wigan), the shared MASH is quick.",
])
def test_councils_compared_with_are_never_tied(text):
    assert _pairs(text, BOLTON) == set()


def test_a_comparison_after_a_statement_of_sharing_keeps_the_councils_that_share():
    assert _pairs("The CDOP is shared with Bury, and rates are lower than in Wigan.", BOLTON) == _clique(BOLTON, BURY)
    assert _pairs("Like other councils in Greater Manchester, Bolton shares a child death overview panel with Bury.",
                  BOLTON) == _clique(BOLTON, BURY)


# --- council names that are everyday words -------------------------------------------------------------------

def test_a_council_name_that_is_a_common_word_names_the_council_only_with_its_capital():
    assert _pairs("Children's reading has improved, and the MASH is shared with partners.", BOLTON) == set()
    assert _pairs("Leaders invest in staff’s training, and the MASH is shared with the police.", BOLTON) == set()
    assert _pairs("The MASH is shared with Reading.", BOLTON) == _clique(BOLTON, READING)
    assert [a.gss for a in authority_index().find_all("Reading and Bury, not reading or bury")] == [READING, BURY]
    assert authority_index().find_all("they bury the past; reading age") == []


def test_work_a_body_did_before_ties_no_council_to_it():
    text = "Teams lack capacity for the life story work previously done by Adoption in the Black Country."
    assert _pairs(text, DUDLEY) == set()


# --- wordings of sharing read widely in the corpus, with other councils ---------------------------------------

HAMMERSMITH, KENSINGTON, WESTMINSTER = "E09000013", "E09000020", "E09000033"


@pytest.mark.parametrize("text, inspected, tied", [
    ("The exploitation team is shared with Bury and Wigan.", BOLTON, (BOLTON, BURY, WIGAN)),
    ("The council is part of a sub-regional commissioning framework with Bury and Wigan for placements.", BOLTON,
     (BOLTON, BURY, WIGAN)),
    ("The adoption panel is run jointly with Bury.", BOLTON, (BOLTON, BURY)),
    ("A tri-borough complaints service resolves most concerns quickly.", HAMMERSMITH,
     (HAMMERSMITH, KENSINGTON, WESTMINSTER)),
    ("The tri-borough legal team is described as exceptional.", WESTMINSTER, (HAMMERSMITH, KENSINGTON, WESTMINSTER)),
    ("Adopters are approved by the tri-borough fostering and adoption panel.", KENSINGTON,
     (HAMMERSMITH, KENSINGTON, WESTMINSTER)),
])
def test_wordings_of_sharing_tie_the_councils_they_name(text, inspected, tied):
    assert _pairs(text, inspected, date(2016, 3, 1)) == _clique(*tied)


def test_every_body_listed_after_a_verb_of_sharing_is_shared():
    found = _found("Bolton and Bury share a child death overview panel and an emergency duty team.", BOLTON)
    assert {r.key for r in found} == {f"cdop/{BOLTON}+{BURY}", f"emergency-duty-service/{BOLTON}+{BURY}"}


@pytest.mark.parametrize("text, inspected", [
    ("The team works across the borough with schools.", BOLTON),
    # where a team works says where it works, not which councils run or share it (as the marks read it)
    ("A specialist team, based in Bolton, works across Greater Manchester on forced marriage.", BOLTON),
    ("The Greater Manchester exploitation team meets weekly.", BOLTON),  # a place, not the councils together
    ("The adoption panel is effective and timely.", BOLTON),
    ("A group of young people from Bury and Wigan shared their views.", BOLTON),
    ("Social workers in the assessment team work well with colleagues in Bury.", BOLTON),
    ("A tri-borough complaints service resolves most concerns quickly.", OLDHAM),  # not Oldham's tri-borough
])
def test_teams_panels_and_groups_without_councils_together_are_no_shared_body(text, inspected):
    assert _pairs(text, inspected, date(2016, 3, 1)) == set()


def test_a_council_named_inside_a_group_name_before_a_body_is_the_group_not_the_council():
    lincolnshire, north_lincs, north_east_lincs = "E10000019", "E06000013", "E06000012"
    text = "The board chair also chairs the pan-Greater Lincolnshire exploitation sub-group."
    assert _pairs(text, lincolnshire) == _clique(lincolnshire, north_lincs, north_east_lincs)


# --- short forms of councils the corpus never names -----------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("shared with South Glos", ["South Gloucestershire"]),  # never Gloucestershire ("Glos")
    ("North Lincs, NE Lincs and Lincs", ["North Lincolnshire", "North East Lincolnshire", "Lincolnshire"]),
    ("North Northants and West Northants", ["North Northamptonshire", "West Northamptonshire"]),
    ("a panel for South Staffs and East Herts", []),  # districts, no council
    ("Wilts, Bucks and Oxon", ["Wiltshire", "Buckinghamshire", "Oxfordshire"]),
])
def test_county_abbreviations_with_a_compass_word_name_the_council_or_district_so_named(text, names):
    assert [a.name for a in authority_index().find_all(text)] == names


def test_a_compass_abbreviation_ties_the_right_council_to_a_shared_body():
    south_glos, bristol, glos = "E06000025", "E06000023", "E10000013"
    assert _pairs("The emergency duty team is shared with South Glos.", bristol) == _clique(bristol, south_glos)
    assert glos not in {c for pair in _pairs("The MASH is shared with South Glos.", bristol) for c in pair}


# --- arrangements of boroughs and bodies run "on a <group> basis" ----------------------------------------------

@pytest.mark.parametrize("text", [
    "The adoption service is provided on a tri-borough basis.",
    "The emergency duty team (EDT) operates on a tri-borough basis.",
    "The tri-borough partnership has a stable and experienced workforce.",
    "A tri-borough female genital mutilation project has been effective.",
])
def test_a_body_run_on_a_group_basis_or_named_for_the_arrangement_is_the_groups(text):
    assert _pairs(text, HAMMERSMITH, date(2016, 3, 1)) == _clique(HAMMERSMITH, KENSINGTON, WESTMINSTER)
    assert _pairs(text, OLDHAM, date(2016, 3, 1)) == set()


def test_on_a_group_basis_ties_only_the_body_that_is_the_subject():
    lancashire = "E10000017"
    assert _pairs("Training for the LSCB is delivered on a pan-Lancashire basis.", lancashire) == set()
    assert _pairs("The MASH reviews referrals on a daily basis with Bury.", BOLTON) == set()
    assert len(_pairs("The child death overview panel is run on a pan-Lancashire basis.", lancashire)) == 3


@pytest.mark.parametrize("form", ["{n}", "{n} Council", "{n} City Council", "{n} Metropolitan Borough Council",
                                  "London Borough of {n}", "the {n} council", "{n}'s", "{n}’s"])
def test_every_current_council_is_found_in_the_forms_reports_print(form):
    index = authority_index()
    wrong = []
    for council in index.authorities:
        if council.status != "current":
            continue
        printed = form.format(n=re.sub(r", (?:City|County) of$", "", council.name))  # "Bristol, City of" is printed "Bristol"
        found = [a.gss for a in index.find_all(f"The MASH is shared with {printed} and partners.")]
        if found != [council.gss]:
            wrong.append((printed, found))
    assert wrong == []  # "Derby's" once read as Derbyshire ("Derbys"), "Bolton's" as no council


def test_a_local_or_specialist_service_commissioned_by_a_group_is_the_groups():
    warrington, halton, cheshire_east, cheshire_west = "E06000007", "E06000006", "E06000049", "E06000050"
    text = "Return interviews are a local service commissioned by the Cheshire local authorities."
    assert _pairs(text, warrington) == _clique(warrington, halton, cheshire_east, cheshire_west)
    assert _pairs("A local service supports young people in Bury.", BOLTON) == set()


# --- wordings the held-out passages showed (bench/shared_bodies_heldout.py); each sentence written anew ----------

KIRKLEES, CALDERDALE, BARNSLEY, ROTHERHAM = "E08000034", "E08000033", "E08000016", "E08000018"
HALTON, WARRINGTON, ST_HELENS = "E06000006", "E06000007", "E08000013"
GLOUCESTERSHIRE, SOUTH_GLOS, RUTLAND, LEICESTERSHIRE = "E10000013", "E06000025", "E06000017", "E10000018"
NORTH_YORKS, YORK, MEDWAY, KENT, SUTTON, MERTON = "E06000065", "E06000014", "E06000035", "E10000016", "E09000029", \
    "E09000024"
SHROPSHIRE, TELFORD, HEREFORDSHIRE, WORCESTERSHIRE = "E06000051", "E06000020", "E06000019", "E10000034"


@pytest.mark.parametrize("text", [
    "Kirklees and Calderdale run a single child death overview panel for both areas.",
    "Kirklees and Calderdale operate one Channel panel.",
    "Calderdale is sharing an emergency duty team with Kirklees.",
])
def test_councils_that_run_a_single_body_or_are_sharing_one_are_tied(text):
    assert _pairs(text, CALDERDALE) == _clique(KIRKLEES, CALDERDALE)


def test_the_councils_of_the_boards_that_hold_a_joint_body_are_its_owners():
    text = "The North Yorkshire and York LSCBs have a joint child death overview panel."
    assert _pairs(text, NORTH_YORKS) == _clique(NORTH_YORKS, YORK)


def test_a_group_named_before_a_few_words_and_a_consortium_or_partnership_is_the_groups():
    assert _pairs("Carers are recruited through the Black Country fostering consortium.", DUDLEY) == \
        _clique(DUDLEY, SANDWELL, WALSALL, WOLVERHAMPTON)
    assert _pairs("Wigan joined the Greater Manchester residential commissioning partnership.", WIGAN) >= \
        _clique(BOLTON, BURY, WIGAN, SALFORD)
    # a place before other words says where, not who runs it together
    assert _pairs("Bury refers children to the Greater Manchester exploitation team.", BURY) == set()


def test_yorkshire_and_the_humber_is_a_region_and_west_of_a_county_a_part_of_it():
    assert _pairs("Barnsley belongs to the Yorkshire and Humber adoption consortium.", BARNSLEY) == set()
    text = "The LSCB works with the West of Berkshire adults board, a joint board for Reading and two neighbours."
    assert (BRACKNELL, SLOUGH) not in _pairs(text, READING)


@pytest.mark.parametrize("text", [
    "An advocacy service for care leavers, commissioned jointly by Halton, Warrington and St Helens, is effective.",
    "Halton, with Warrington and St Helens, jointly commissions a specialist return home interview service.",
    "The consortium, which includes Halton, Warrington and St Helens, shares its training offer.",
])
def test_services_commissioned_jointly_and_bodies_that_include_named_councils_are_tied(text):
    assert _pairs(text, HALTON) == _clique(HALTON, WARRINGTON, ST_HELENS)


def test_a_contract_held_jointly_ties_the_councils_but_a_contract_with_a_provider_does_not():
    assert _pairs("Mentoring is bought under a contract that Kirklees jointly commissioned with Calderdale.",
                  KIRKLEES) == _clique(KIRKLEES, CALDERDALE)
    assert _pairs("A contract with the Medway Youth Trust has started for care leavers.", KENT) == set()


def test_a_service_run_for_itself_and_another_council_or_bought_in_from_one_ties_both():
    assert _pairs("The emergency duty team, which Gloucestershire runs for itself and for South Gloucestershire, "
                  "responds quickly.", SOUTH_GLOS) == _clique(GLOUCESTERSHIRE, SOUTH_GLOS)
    assert _pairs("Rutland's designated officer service is bought in from Leicestershire County Council.",
                  RUTLAND) == _clique(RUTLAND, LEICESTERSHIRE)


def test_works_across_ties_named_councils_never_a_place():
    text = "The youth justice service works across Shropshire, Telford and Wrekin, Herefordshire and Worcestershire."
    assert _pairs(text, SHROPSHIRE) == _clique(SHROPSHIRE, TELFORD, HEREFORDSHIRE, WORCESTERSHIRE)
    assert _pairs("A specialist exploitation team works across Greater Manchester.", OLDHAM) == set()


def test_a_trust_said_next_to_be_jointly_owned_ties_the_other_owner():
    text = ("Social care is delivered by a children's trust. The trust, which is jointly owned with Cumberland, "
            "has a stable workforce.")
    sentences = tuple(Sentence(text[a:b], a, b, None, 1) for a, b in split(text))
    found = [r for _, r in find_in_sentences(sentences, WESTMORLAND, CUMBRIA_SPLIT)]
    assert {(WESTMORLAND, "joint"), (CUMBERLAND, "joint")} <= {(m.authority, m.role) for r in found for m in r.members}


@pytest.mark.parametrize("text, inspected", [
    ("Merton's board has no formal joint arrangement with other boroughs, though it aligns training with Sutton.",
     MERTON),
    ("A peer review led by Kent found weaknesses in Medway's front door.", MEDWAY),
])
def test_no_joint_arrangement_and_a_review_led_by_another_council_tie_nothing(text, inspected):
    assert _pairs(text, inspected) == set()


def test_a_place_before_a_team_is_its_group_only_when_the_sentence_counts_all_its_councils():
    acting = "Applications are handled by a Greater Manchester team on behalf of all ten councils."
    assert _clique(BOLTON, BURY, WIGAN, SALFORD) <= _pairs(acting, BURY)
    assert _pairs("Applications are handled by a Greater Manchester team on behalf of all four councils.", BURY) \
        == set()


def test_councils_that_commission_a_service_together_share_it():
    text = "Care leavers use a mentoring service that Kirklees and Calderdale commission together."
    assert _pairs(text, KIRKLEES) == _clique(KIRKLEES, CALDERDALE)


# --- wordings of the second held-out round ---------------------------------------------------------------------

GATESHEAD, SOUTH_TYNESIDE = "E08000037", "E08000023"
MIDDLESBROUGH, REDCAR = "E06000002", "E06000003"
BRENT, EALING, HARROW, HILLINGDON = "E09000005", "E09000009", "E09000015", "E09000017"
WILTSHIRE, SWINDON = "E06000054", "E06000030"


@pytest.mark.parametrize("text, inspected, tied", [
    ("Out-of-hours calls go to an emergency duty team that Gateshead runs for South Tyneside.", SOUTH_TYNESIDE,
     (GATESHEAD, SOUTH_TYNESIDE)),
    ("Hampshire's out-of-hours service also responds for Portsmouth and Southampton.", PORTSMOUTH,
     (HAMPSHIRE, PORTSMOUTH, SOUTHAMPTON)),
    ("The emergency duty team is managed by Bracknell Forest on Slough's behalf.", SLOUGH, (BRACKNELL, SLOUGH)),
])
def test_a_service_run_or_answering_for_another_council_ties_both(text, inspected, tied):
    assert _pairs(text, inspected) == _clique(*tied)


@pytest.mark.parametrize("text", [
    "Deaths are reviewed by a panel serving Bolton, Bury and Wigan.",
    "Deaths are reviewed by a panel operating across Bolton, Bury and Wigan.",
])
def test_a_bare_panel_is_a_body_of_the_councils_it_serves(text):
    assert _pairs(text, BURY) == _clique(BOLTON, BURY, WIGAN)
    assert _pairs("Deaths are reviewed by a panel.", BURY) == set()


def test_a_childrens_hub_is_a_mash_and_serving_both_councils_shares_it():
    text = "Contacts go to the multi-agency children's hub (MACH), which serves both Middlesbrough and Redcar."
    assert {r.kind for r in _found(text, MIDDLESBROUGH)} == {"mash"}
    assert _pairs(text.replace("Redcar.", "Redcar and Cleveland."), MIDDLESBROUGH) == _clique(MIDDLESBROUGH, REDCAR)


def test_a_body_that_has_ended_is_no_longer_one_of_the_councils_before_it():
    text = "The hub, following disaggregation from the Middlesbrough and Redcar and Cleveland MACH, has improved."
    assert _pairs(text, REDCAR) == set()


@pytest.mark.parametrize("text", [
    "Advocacy comes through a service that Swindon and Wiltshire buy together from a charity.",
    "A supported lodgings scheme, commissioned jointly with Swindon, helps care leavers.",
])
def test_a_service_or_scheme_bought_or_commissioned_together_is_shared(text):
    assert _pairs(text, WILTSHIRE) == _clique(SWINDON, WILTSHIRE)


def test_a_consortium_with_named_councils_is_theirs_and_west_london_is_not_london():
    text = "Harrow recruits adopters through the West London adoption consortium with Brent, Ealing and Hillingdon."
    assert _pairs(text, HARROW) == _clique(BRENT, EALING, HARROW, HILLINGDON)


# --- wordings of the third held-out round ----------------------------------------------------------------------

NORTH_TYNESIDE, NORTHUMBERLAND, KNOWSLEY, SEFTON, ESSEX, THURROCK, SOUTHEND = \
    "E08000022", "E06000057", "E08000011", "E08000014", "E10000012", "E06000034", "E06000033"
KINGSTON, RICHMOND = "E09000021", "E09000027"
HARTLEPOOL, STOCKTON = "E06000001", "E06000004"


def test_a_service_hosted_for_all_of_a_counted_group_is_the_groups():
    text = "The emergency duty service, which Bracknell Forest hosts on behalf of all six Berkshire authorities, works well."
    assert _clique(BRACKNELL, SLOUGH, WINDSOR, READING) <= _pairs(text, BRACKNELL)


def test_joining_another_council_in_a_single_partnership_shares_it():
    text = "North Tyneside has joined Northumberland in a single safeguarding children partnership."
    assert _pairs(text, NORTH_TYNESIDE) == _clique(NORTH_TYNESIDE, NORTHUMBERLAND)


def test_the_board_said_next_to_be_shared_is_the_board_before_whatever_follows():
    text = ("The Local Safeguarding Children Board has a respected chair. The board is shared with Kingston, and its "
            "sub-groups report on each borough.")
    sentences = tuple(Sentence(text[a:b], a, b, None, 1) for a, b in split(text))
    found = [r for _, r in find_in_sentences(sentences, RICHMOND, DAY)]
    assert any({KINGSTON, RICHMOND} <= {m.authority for m in r.members} for r in found if r.kind == "lscb")


@pytest.mark.parametrize("text", [
    "Deaths are reviewed by a panel that covers Sefton, Knowsley and Liverpool.",
    "Sefton takes part in a Merseyside-wide group on exploitation alongside Knowsley and Liverpool.",
])
def test_a_panel_that_covers_or_a_group_alongside_named_councils_is_theirs(text):
    assert _clique(SEFTON, KNOWSLEY, "E08000012") <= _pairs(text, SEFTON)


def test_pan_essex_is_southend_essex_and_thurrock_and_buying_a_service_from_a_council_ties_both():
    assert _pairs("The guidance is reviewed each year by a pan-Essex sub-group.", THURROCK) == \
        _clique(ESSEX, THURROCK, SOUTHEND)
    assert _pairs("Thurrock buys its designated officer service from Essex County Council.", THURROCK) == \
        _clique(ESSEX, THURROCK)


def test_a_compass_word_before_a_county_names_a_part_of_it_not_its_council():
    text = "The council sits on the Cleveland and South Durham family justice board, with Hartlepool and Stockton-on-Tees."
    assert all("E06000047" not in pair for pair in _pairs(text, MIDDLESBROUGH))


def test_a_joint_service_considered_but_rejected_ties_nothing():
    assert _pairs("A youth justice service run in partnership with Sutton was considered but rejected.", MERTON) == set()


def test_parts_of_a_group_tie_none_of_its_councils_and_a_merger_decided_against_ties_nothing():
    text = "Bolton is one of six councils in a regional adoption agency covering parts of Greater Manchester."
    assert not any(SALFORD in pair for pair in _pairs(text, BOLTON))
    assert _pairs("The board considered merging its sub-groups with those of Swindon but decided to keep them local.",
                  WILTSHIRE) == set()


# --- wordings of the fourth held-out round ---------------------------------------------------------------------

YORK_CITY, ROCHDALE, TRAFFORD = "E06000014", "E08000005", "E08000009"


@pytest.mark.parametrize("text, inspected, tied, day", [
    ("Cumberland and Westmorland and Furness have kept a single safeguarding children partnership.", CUMBERLAND,
     (CUMBERLAND, WESTMORLAND), CUMBRIA_SPLIT),
    ("Leicestershire's safeguarding board also covers Rutland.", LEICESTERSHIRE, (LEICESTERSHIRE, RUTLAND), DAY),
    ("The multi-agency children's hub receives contacts for both Middlesbrough and Redcar and Cleveland.",
     MIDDLESBROUGH, (MIDDLESBROUGH, REDCAR), DAY),
    ("Calls at night go to North Yorkshire County Council's emergency duty team under a service agreement with York.",
     YORK_CITY, (NORTH_YORKS, YORK_CITY), DAY),
])
def test_kept_a_single_body_a_board_that_covers_another_for_both_and_a_service_agreement(text, inspected, tied, day):
    assert _pairs(text, inspected, day) == _clique(*tied)


def test_a_police_area_qualifying_councils_names_them_but_alone_names_a_place():
    assert _pairs("Advocacy is bought under a contract the council holds jointly with the other West Mercia "
                  "councils.", SHROPSHIRE) == _clique(SHROPSHIRE, TELFORD, HEREFORDSHIRE, WORCESTERSHIRE)
    assert _pairs("West Mercia Police attend the council's strategy meetings.", SHROPSHIRE) == set()
    # a region qualifying councils is still a place: London's boroughs share no body by being named together
    assert len(_pairs("Placements are bought through a framework held jointly with other London boroughs.",
                      "E09000028")) <= 1


def test_a_hub_of_a_place_that_works_across_the_ten_councils_is_the_groups():
    text = "Salford staff work in the Greater Manchester complex safeguarding hub, across the ten councils."
    assert _clique(BOLTON, BURY, WIGAN, SALFORD, ROCHDALE, TRAFFORD) <= _pairs(text, SALFORD)


def test_leaving_an_arrangement_ties_nothing_in_that_sentence():
    assert _pairs("Since leaving the tri-borough arrangements, Hammersmith and Fulham has built its own services.",
                  "E09000013") == set()


# --- wordings of the fifth held-out round ----------------------------------------------------------------------

HALTON_, CHESHIRE_WEST, CHESHIRE_EAST = "E06000006", "E06000050", "E06000049"
BARNET, ENFIELD, HARINGEY, ISLINGTON, CAMDEN = "E09000003", "E09000010", "E09000014", "E09000019", "E09000007"


ROUND_5_DAY = DAY
ROUND_5 = [  # (text, inspected, tied), councils by GSS code
    ("Stockton hosts the emergency duty team that answers calls for all four Tees councils.", STOCKTON,
     (HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON)),
    ("The youth offending service is run across Cheshire West and Chester, Halton and Warrington.", HALTON_,
     (CHESHIRE_WEST, HALTON_, WARRINGTON)),
    ("Deaths are reviewed by a pan-Cheshire panel that also serves Cheshire West and Chester and Halton.", CHESHIRE_EAST,
     (CHESHIRE_EAST, CHESHIRE_WEST, HALTON_)),
    ("Together with Barnet, Enfield and Haringey, the council is a member of a child death overview panel.", CAMDEN,
     (BARNET, CAMDEN, ENFIELD, HARINGEY)),
    ("Out-of-hours cover is supplied by Essex County Council under a service level agreement with Thurrock.",
     THURROCK, (ESSEX, THURROCK)),
    ("Allegations in Rutland are handled by Leicestershire's LADO service under an agreement between the two councils.",
     LEICESTERSHIRE, (LEICESTERSHIRE, RUTLAND)),
    ("The LADO arrangements are shared across the boroughs of Barnet and Enfield.", BARNET, (BARNET, ENFIELD)),
]


# --- wordings of the sixth held-out round ----------------------------------------------------------------------

WESTMINSTER, HAMMERSMITH, KENSINGTON = "E09000033", "E09000013", "E09000020"
TELFORD_, HAVERING, REDBRIDGE, WALTHAM_FOREST, BARKING = "E06000020", "E09000016", "E09000026", "E09000031", "E09000002"
DORSET, BCP, MILTON_KEYNES, OXFORDSHIRE, BUCKS = "E06000059", "E06000058", "E06000042", "E10000025", "E06000060"


ROUND_6_DAY = DAY
ROUND_6 = [  # (text, inspected, tied), councils by GSS code
    ("The council and Shropshire jointly commission the children's independent advocacy contract.", TELFORD_,
     (SHROPSHIRE, TELFORD_)),
    ("The out-of-hours service that covers the borough, Kensington and Chelsea and Westminster responds well.",
     HAMMERSMITH, (HAMMERSMITH, KENSINGTON, WESTMINSTER)),
    ("Herefordshire's out-of-hours social work cover is provided jointly with Worcestershire.", HEREFORDSHIRE,
     (HEREFORDSHIRE, WORCESTERSHIRE)),
    ("Deaths are reviewed by a north-east London panel covering Havering, Redbridge and Waltham Forest.", REDBRIDGE,
     (HAVERING, REDBRIDGE, WALTHAM_FOREST)),
    ("Allegations are managed by the LADO service, which Leicestershire provides for Rutland.", RUTLAND,
     (LEICESTERSHIRE, RUTLAND)),
    ("Dorset Combined Youth Offending Service, a partnership with Bournemouth, Christchurch and Poole, works well.",
     DORSET, (BCP, DORSET)),
    ("An independent advocacy and visiting service is commissioned jointly with Milton Keynes and Oxfordshire.", BUCKS,
     (BUCKS, MILTON_KEYNES, OXFORDSHIRE)),
]


# --- wordings of the seventh held-out round --------------------------------------------------------------------

BEDFORD_, CENTRAL_BEDS_, WOKINGHAM = "E06000055", "E06000056", "E06000041"
LANCASHIRE, BLACKPOOL, BLACKBURN, CUMBRIA = "E10000017", "E06000009", "E06000008", "E10000006"


ROUND_7_DAY = date(2016, 6, 1)
ROUND_7 = [  # (text, inspected, tied), councils by GSS code
    ("Since 2013, a single LSCB has served both Bedford Borough and Central Bedfordshire.", BEDFORD_,
     (BEDFORD_, CENTRAL_BEDS_)),
    ("The LSCB leads a child death overview panel that it runs with Lancashire, Blackpool and Blackburn with Darwen.",
     CUMBRIA, (BLACKBURN, BLACKPOOL, CUMBRIA, LANCASHIRE)),
    ("Referrals go to a Channel panel that operates on a combined basis for Swindon and Wiltshire.", SWINDON,
     (SWINDON, WILTSHIRE)),
    ("An emergency duty team, run by Bracknell Forest for the Berkshire authorities, answers calls at night.", WOKINGHAM,
     (BRACKNELL, READING, SLOUGH, WINDSOR, WOKINGHAM)),
]


def test_councils_named_among_a_group_named_as_a_place_stay_the_councils_named():
    text = "The emergency duty team is shared with Bracknell Forest and Slough, in Berkshire."
    assert _pairs(text, WINDSOR) == _clique(BRACKNELL, SLOUGH, WINDSOR)


# --- wordings of the eighth held-out round ---------------------------------------------------------------------

TOWER_HAMLETS, CITY_OF_LONDON, DERBY, DERBYSHIRE, GATESHEAD_ = "E09000030", "E09000001", "E06000015", "E10000007", \
    "E08000037"
KNOWSLEY_, LIVERPOOL, SEFTON_, ST_HELENS_, WIRRAL_ = "E08000011", "E08000012", "E08000014", "E08000013", "E08000015"
BOURNEMOUTH = "E06000028"


ROUND_8_DAY = date(2018, 6, 1)
ROUND_8 = [  # (text, inspected, tied), councils by GSS code
    ("An emergency duty team covers the whole of Berkshire outside office hours.", SLOUGH,
     (BRACKNELL, READING, SLOUGH, WINDSOR, WOKINGHAM)),
    ("The Tower Hamlets LADO also provides cover for the City of London under an agreement.", TOWER_HAMLETS,
     (CITY_OF_LONDON, TOWER_HAMLETS)),
    ("The youth offending service works for Herefordshire, Shropshire and Worcestershire.", SHROPSHIRE,
     (HEREFORDSHIRE, SHROPSHIRE, WORCESTERSHIRE)),
    ("Derby and Derbyshire together commission an independent fostering framework.", DERBY, (DERBY, DERBYSHIRE)),
    ("The council's safeguarding partnership arrangements are shared with Swindon.", WILTSHIRE, (SWINDON, WILTSHIRE)),
    ("Trafficked children are considered by a Tees-wide panel.", MIDDLESBROUGH,
     (HARTLEPOOL, MIDDLESBROUGH, REDCAR, STOCKTON)),
    ("Serious case reviews in Knowsley are overseen by a Merseyside-wide sub-group.", KNOWSLEY_,
     (KNOWSLEY_, LIVERPOOL, SEFTON_, ST_HELENS_, WIRRAL_)),
]


def test_a_service_provided_on_a_group_basis_said_next_is_the_first_sentences_body():
    text = ("The emergency duty team deals with urgent referrals overnight. It is provided on a pan-Bedfordshire basis "
            "for Central Bedfordshire, Bedford Borough and Luton.")
    sentences = tuple(Sentence(text[a:b], a, b, None, 1) for a, b in split(text))
    found = [r for _, r in find_in_sentences(sentences, LUTON, date(2018, 6, 1))]
    assert any({BEDFORD, CENTRAL_BEDS, LUTON} <= {m.authority for m in r.members} for r in found)


# --- wordings of the ninth held-out round ----------------------------------------------------------------------

BRADFORD, CALDERDALE_, KIRKLEES_, LEEDS, WAKEFIELD = "E08000032", "E08000033", "E08000034", "E08000035", "E08000036"
NORTH_NORTHANTS, WEST_NORTHANTS = "E06000061", "E06000062"


ROUND_9_DAY = date(2022, 6, 1)
ROUND_9 = [  # (text, inspected, tied), councils by GSS code
    ("The child death overview panel (CDOP) for West Yorkshire reviews every child's death.", LEEDS,
     (BRADFORD, CALDERDALE_, KIRKLEES_, LEEDS, WAKEFIELD)),
    ("Child deaths are considered by a panel established with Telford and Wrekin.", SHROPSHIRE, (SHROPSHIRE, TELFORD_)),
    ("Services are commissioned from a trust jointly owned with North Northamptonshire council.", WEST_NORTHANTS,
     (NORTH_NORTHANTS, WEST_NORTHANTS)),
]


# --- wordings of the tenth held-out round ----------------------------------------------------------------------

ROUND_10_DAY = date(2016, 6, 1)
ROUND_10 = [  # (text, inspected, tied), councils by GSS code
    ("The LADO service is delivered on a pan-Cheshire basis.", HALTON_,
     (CHESHIRE_EAST, CHESHIRE_WEST, HALTON_, WARRINGTON)),
    ("Children who offend are supported by a youth offending service run on a tri-borough basis.", WESTMINSTER,
     (HAMMERSMITH, KENSINGTON, WESTMINSTER)),
    ("Child deaths in Wiltshire are considered by a panel shared with Swindon.", WILTSHIRE, (SWINDON, WILTSHIRE)),
    ("Camden and Islington jointly provide a weekend emergency social work service.", CAMDEN, (CAMDEN, ISLINGTON)),
    ("The multi-agency safeguarding hub serves the tri-borough.", KENSINGTON, (HAMMERSMITH, KENSINGTON, WESTMINSTER)),
]


def test_a_joint_service_considered_but_not_established_ties_nothing():
    assert _pairs("A youth justice service shared by Ealing and Hounslow was considered but not established.",
                  EALING) == set()


# --- wordings of the eleventh held-out round -------------------------------------------------------------------

def _codes(*names: str) -> tuple[str, ...]:
    return tuple(authority_index().by_name(name).gss for name in names)


ROUND_11_DAY = date(2023, 6, 1)
ROUND_11 = [  # (text, inspected, tied), councils by council name
    # a plural verb right after the councils' names
    ("Kent and Medway operate a fostering consortium for older children.", "Kent", ("Kent", "Medway")),
    # "joined with" the councils
    ("The sub-regional fostering consortium, which Rotherham joined with Barnsley and Doncaster, has widened choice.",
     "Rotherham", ("Rotherham", "Barnsley", "Doncaster")),
    # "in common with" after the body
    ("Sutton has an exploitation panel in common with Merton.", "Sutton", ("Sutton", "Merton")),
    # "provides <service> for" the councils
    ("The emergency duty team hosted by Gateshead provides night-time social work for Gateshead and South Tyneside.",
     "Gateshead", ("Gateshead", "South Tyneside")),
    # a panel that takes another council's cases
    ("Wiltshire hosts a Channel panel that also hears cases from Swindon.", "Wiltshire", ("Wiltshire", "Swindon")),
    # "serves both it and <council>"
    ("Cumberland has a designated officer service that serves both it and Westmorland and Furness.", "Cumberland",
     ("Cumberland", "Westmorland and Furness")),
    # a group's lower-case group, "missing from" inside its subject
    ("The pan-Berkshire missing from care group meets monthly.", "Slough",
     ("Bracknell Forest", "Reading", "Slough", "West Berkshire", "Windsor and Maidenhead", "Wokingham")),
    # a joint sub-group of the boards named together before it
    ("Derby and Derbyshire LSCBs run a joint learning sub-group.", "Derby", ("Derby", "Derbyshire")),
    # the body's role "for" two councils
    ("The designated officer function for Kingston upon Thames and Richmond upon Thames is carried out by one team.",
     "Kingston upon Thames", ("Kingston upon Thames", "Richmond upon Thames")),
]


@pytest.mark.parametrize("text, inspected, listed", [
    ("The West Yorkshire adoption consortium, comprising Leeds, Bradford and Kirklees, recruits adopters.", "Leeds",
     ("Leeds", "Bradford", "Kirklees")),
    ("The emergency duty team works on behalf of the four Tees Valley councils, namely Hartlepool, Middlesbrough, "
     "Redcar and Cleveland and Stockton-on-Tees.", "Hartlepool",
     ("Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees")),
])
def test_councils_listed_as_the_whole_of_a_groups_body_are_its_members_not_the_whole_group(text, inspected, listed):
    assert _pairs(text, _codes(inspected)[0], date(2017, 6, 1)) == _clique(*_codes(*listed))


def test_in_common_with_opening_a_sentence_is_a_comparison_and_ties_nothing():
    assert _pairs("In common with Leeds, the council has its own emergency duty team.", BRADFORD) == set()


# --- wordings of the twelfth held-out round --------------------------------------------------------------------

ROUND_12_DAY = date(2019, 6, 1)
ROUND_12 = [  # (text, inspected, tied), councils by council name
    # an unnamed voluntary organisation the councils commission together
    ("Advocacy is provided by a voluntary sector organisation jointly commissioned by Derby and Derbyshire.", "Derby",
     ("Derby", "Derbyshire")),
    # "commissions <service> (for <whom>) jointly with <council>"
    ("Southend commissions mentoring support for care leavers jointly with Thurrock.", "Southend-on-Sea",
     ("Southend-on-Sea", "Thurrock")),
    # "from both <A> and <B>"
    ("A single virtual school supports children from both Sutton and Merton.", "Sutton", ("Sutton", "Merton")),
    # councils listed, then "by a single" body
    ("Allegations against staff in Hartlepool and Stockton-on-Tees are managed by a single LADO.", "Hartlepool",
     ("Hartlepool", "Stockton-on-Tees")),
    # "have had a single"
    ("Bath and North East Somerset and North Somerset have had a single CDOP since 2015.", "North Somerset",
     ("Bath and North East Somerset", "North Somerset")),
    # "convenes with"
    ("A sub-regional panel, which Sunderland convenes with Gateshead and South Tyneside, reviews cases.", "Sunderland",
     ("Sunderland", "Gateshead", "South Tyneside")),
    # a panel right after a group's name, with the group's councils named alongside
    ("Wigan sits on a Greater Manchester panel on exploitation alongside Bolton and Bury.", "Wigan",
     ("Wigan", "Bolton", "Bury")),
    # a group's name with its councils in brackets, before a lower-case group
    ("The LLR (Leicester, Leicestershire and Rutland) exploitation group meets monthly.", "Rutland",
     ("Leicester", "Leicestershire", "Rutland")),
    # a board of two councils, "together with" a third
    ("Rutland is represented on the Leicestershire and Rutland family justice board, together with Leicester.",
     "Rutland",
     ("Leicestershire", "Rutland", "Leicester")),
    # a body "for" two groups named as one area
    ("Sefton leads the adoption support hub for Cheshire and Merseyside.", "Sefton",
     ("Cheshire East", "Cheshire West and Chester", "Halton", "Warrington", "Knowsley", "Liverpool", "Sefton",
      "St. Helens", "Wirral")),
]


ROUND_13_DAY = date(2021, 6, 1)
ROUND_13 = [  # (text, inspected, tied), councils by council name
    # councils served "by one", "through one" or "by the same" body
    ("Derby and Derbyshire are covered by one child death overview panel.", "Derby", ("Derby", "Derbyshire")),
    ("Luton and Bedford Borough review deaths through one panel of professionals, a child death overview panel.",
     "Luton", ("Luton", "Bedford")),
    ("Night-time referrals in Rutland and Leicester are handled by the same emergency duty team.", "Rutland",
     ("Rutland", "Leicester")),
    # a body that answers calls for councils
    ("Wokingham hosts the emergency duty service, which answers weekend calls for Reading and West Berkshire.",
     "Wokingham", ("Wokingham", "Reading", "West Berkshire")),
    # another council's service the inspected council buys, or that provides for it under contract
    ("Rutland buys its out-of-hours cover from the Leicestershire emergency duty service.", "Rutland",
     ("Rutland", "Leicestershire")),
    ("Thurrock's out-of-hours work is provided under contract by the Essex emergency duty service, which also covers "
     "Southend.", "Thurrock", ("Thurrock", "Essex", "Southend-on-Sea")),
    # a lower-case board said to be joint, and one named for a group
    ("A joint commissioning board covering Derby and Derbyshire agrees the pooled budget.", "Derby",
     ("Derby", "Derbyshire")),
    ("A Merseyside improvement board, on which Sefton sits with Knowsley and Wirral, reviews workforce plans.",
     "Sefton", ("Sefton", "Knowsley", "Wirral")),
    # the council's place in the body, beside the others
    ("Adoption is provided by a consortium, in which Bolton works alongside Bury and Wigan.", "Bolton",
     ("Bolton", "Bury", "Wigan")),
    # "A single" body at the start, with a pan- group after it
    ("A single missing children panel meets pan-Berkshire.", "Reading",
     ("Reading", "Wokingham", "West Berkshire", "Bracknell Forest", "Slough", "Windsor and Maidenhead")),
    # a joint body beside "separate" boards of each council
    ("Derby and Derbyshire have a joint safeguarding adults board and two separate children's partnerships.",
     "Derby", ("Derby", "Derbyshire")),
    # boards named one by one with "the" before each
    ("A performance sub-group serves both the Derby and the Derbyshire safeguarding boards.", "Derby",
     ("Derby", "Derbyshire")),
]


ROUND_14_DAY = date(2018, 6, 1)
ROUND_14 = [  # (text, inspected, tied), councils by council name
    # councils that "have together commissioned", "commissioned a single" or "formed a single" body
    ("Derby and Derbyshire have together commissioned an advocacy service for children in care.", "Derby",
     ("Derby", "Derbyshire")),
    ("Bury and Wigan have commissioned a single provider to run return home interviews.", "Bury", ("Bury", "Wigan")),
    ("Luton and Bedford Borough have formed a single safeguarding partnership.", "Luton", ("Luton", "Bedford")),
    # "One" body opening a sentence, with the councils it serves
    ("One designated officer handles allegations in both Derby and Derbyshire.", "Derby", ("Derby", "Derbyshire")),
    # "from both the <A> and <B> areas"
    ("The youth justice service works with young people from both the Bury and Wigan council areas.", "Bury",
     ("Bury", "Wigan")),
    # a body's reach that extends to councils, a consortium that links the council with others
    ("Rutland's youth offending work is part of a service whose reach extends to Leicester and Leicestershire.",
     "Rutland", ("Rutland", "Leicester", "Leicestershire")),
    ("Family finding draws on an adoption consortium, which links the council with Bury and Wigan.", "Bolton",
     ("Bolton", "Bury", "Wigan")),
    # a service that "responds to crises for" councils, one a council "hosts for" a group
    ("An emergency duty team based in Derby responds to crises for Derbyshire as well as for Derby itself.", "Derby",
     ("Derby", "Derbyshire")),
    ("Night-time calls go to the emergency duty service, which Reading hosts for Berkshire's six unitary councils.",
     "Slough", ("Reading", "Slough", "Bracknell Forest", "West Berkshire", "Windsor and Maidenhead", "Wokingham")),
    # "on a pan-<group> footing"
    ("Deaths are reviewed by a child death overview panel organised on a pan-Berkshire footing.", "Reading",
     ("Reading", "Slough", "Bracknell Forest", "West Berkshire", "Windsor and Maidenhead", "Wokingham")),
    # the councils' acronym between their names and the body
    ("The Derby and Derbyshire (DDSCP) child death overview panel meets monthly.", "Derby", ("Derby", "Derbyshire")),
    # "The LSCBs" of the sentence before, whose councils it named
    ("The Bury, Wigan and Bolton Safeguarding Children Boards share a business unit. The LSCBs have a joint "
     "training sub-group.", "Bolton", ("Bury", "Wigan", "Bolton")),
]


ROUND_15_DAY = date(2017, 6, 1)
ROUND_15 = [  # (text, inspected, tied), councils by council name
    # "One" before a body's abbreviation, with a group after it
    ("One LSCB holds partners to account across the tri-borough.", "Westminster",
     ("Westminster", "Hammersmith and Fulham", "Kensington and Chelsea")),
    # a service that handles allegations arising in, or responds to calls about children in, another council
    ("Derby's designated officer also handles allegations arising in Derbyshire.", "Derby", ("Derby", "Derbyshire")),
    ("Derbyshire's emergency duty team also responds to out-of-hours calls about children in Derby.", "Derbyshire",
     ("Derby", "Derbyshire")),
    # councils that convene a single body, or pool their work through one
    ("Bury and Wigan convene a single Channel panel.", "Bury", ("Bury", "Wigan")),
    ("Bolton, Bury and Wigan pool their approved adopters through a consortium.", "Bolton", ("Bolton", "Bury", "Wigan")),
    # a council's officer on a board "with colleagues from" other councils; councils "represented on" a board
    ("Bolton's director sits on the Greater Manchester violence reduction board with colleagues from Bury and Wigan.",
     "Bolton", ("Bolton", "Bury", "Wigan")),
    ("Bolton and the other Greater Manchester councils are represented on the Greater Manchester Violence Reduction "
     "Partnership.", "Bolton", ("Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
                                "Trafford", "Wigan")),
    # "along with" councils
    ("Bolton is a member of the North West Family Justice Board, along with Bury and Wigan.", "Bolton",
     ("Bolton", "Bury", "Wigan")),
    # "separate" figures are no separate body
    ("A single child death overview panel reviews deaths across Derby and Derbyshire, and its annual report gives "
     "separate figures for the city.", "Derby", ("Derby", "Derbyshire")),
]


ROUND_16_DAY = date(2016, 6, 1)
ROUND_16 = [  # (text, inspected, tied), councils by council name
    # "there is one" body; councils served "through a combined" one
    ("There is one Channel panel, so Bolton's cases are discussed with those from Bury and Wigan.", "Bolton",
     ("Bolton", "Bury", "Wigan")),
    ("Derby reviews child deaths alongside Derbyshire through a combined panel.", "Derby", ("Derby", "Derbyshire")),
    # a service "commissioned across" councils
    ("Return interviews are carried out by a missing service, commissioned across Bolton, Bury and Wigan.", "Bolton",
     ("Bolton", "Bury", "Wigan")),
    # a body "run jointly with" another council's board is both councils'
    ("The serious case review sub-group is run jointly with Derbyshire's safeguarding board.", "Derby",
     ("Derby", "Derbyshire")),
    # a trust a council "owns jointly with" another
    ("Social work is delivered by a trust that Bury owns jointly with Wigan.", "Bury", ("Bury", "Wigan")),
    # a board of two councils "which also includes" two more
    ("The Derby and Derbyshire family justice board, which also includes Nottingham and Nottinghamshire, tackles delay.",
     "Derby", ("Derby", "Derbyshire", "Nottingham", "Nottinghamshire")),
    # "Together with the other <group> councils", the body later in the sentence
    ("Together with the other Greater Manchester councils, Bolton buys fostering placements through a sub-regional "
     "framework.", "Bolton", ("Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
                              "Trafford", "Wigan")),
]


def test_bodies_to_be_explored_or_consulted_on_tie_nothing_and_a_northern_place_is_not_the_county():
    assert _pairs("Bolton has applied for funding to explore a joint fostering service with Bury.", BOLTON) == set()
    assert _pairs("The cabinet has agreed to consult on joining a regional adoption agency with Bury and Wigan.",
                  BOLTON) == set()
    assert _pairs("A regional adoption agency with Bury and Wigan is not expected to start before 2018.", BOLTON) == set()
    lincolnshire = _codes("Lincolnshire")[0]
    pairs = _pairs("A strategic board for Northern Lincolnshire sets shared priorities for both councils.",
                   _codes("North Lincolnshire")[0])
    assert all(lincolnshire not in pair for pair in pairs)


def test_peers_joint_training_and_shelved_or_refused_services_tie_nothing():
    assert _pairs("A team of peers from Bury and Wigan reviewed Bolton's front door.", BOLTON) == set()
    assert _pairs("Social workers attended a joint training programme with colleagues from Bury and Wigan.",
                  BOLTON) == set()
    assert _pairs("Bolton runs its own emergency duty team after plans for a joint service with Bury were shelved.",
                  BOLTON) == set()
    assert _pairs("Bolton turned down an offer from Bury and Wigan to create a joint emergency duty service.",
                  BOLTON) == set()
    assert _pairs("Bolton and Bury each keep a separate LSCB, although the two boards hold a joint conference.",
                  BOLTON) == set()


def test_a_bodys_name_that_holds_a_groups_name_is_not_the_council_inside_it():
    found = _found("The Greater Manchester Violence Reduction Partnership funds youth work.", BOLTON)
    assert {m.authority for r in found for m in r.members} == {BOLTON}


def test_proposals_consultations_and_pilots_not_yet_begun_tie_nothing():
    assert _pairs("Proposals for a joint emergency duty service with Bury and Wigan are out to consultation.",
                  BOLTON) == set()
    assert _pairs("The cabinet has agreed in principle to join a regional adoption agency with Bury and Wigan.",
                  BOLTON) == set()
    assert _pairs("Leaders in Bolton and Bury are exploring a shared out-of-hours service.", BOLTON) == set()
    assert _pairs("A pilot with Bury and Wigan to test a common approach is planned for the autumn.", BOLTON) == set()
    # "planned" as organised, not yet to come: the sub-group serves the councils
    assert _clique(BOLTON, BURY, WIGAN) <= _pairs(
        "Training is planned by a learning and development sub-group serving Bolton, Bury and Wigan.", BOLTON)


def test_the_boards_of_the_sentence_before_are_not_read_again_as_one_joint_board():
    text = ("The Bury, Wigan and Bolton Safeguarding Children Boards share a business unit. The LSCBs have a joint "
            "training sub-group.")
    kinds = {r.kind for r in _found(text, BOLTON) if len({m.authority for m in r.members if m.role in SHARING_ROLES}) > 1}
    assert kinds == {"sub-group"}


def test_words_of_a_body_yet_to_be_made_or_of_papers_or_of_competition_tie_nothing():
    # planned or possible bodies
    assert _pairs("Rutland has agreed with Leicester to consult partners on a possible joint safeguarding partnership.",
                  _codes("Rutland")[0]) == set()
    assert _pairs("Consultation continues on whether Luton should join a regional adoption agency with Bedford Borough.",
                  LUTON) == set()
    # papers and practice held in common, beside each council's own body
    assert _pairs("Derby and Derbyshire agree joint procedures, but each council keeps its own front door.",
                  _codes("Derby")[0]) == set()
    # competing councils
    assert _pairs("The council's fostering service recruits in competition with Bury and Wigan.", BOLTON) == set()
    # separate contracts are no shared service
    assert _pairs("The provider also runs similar work for Bury and Wigan under separate contracts.", BOLTON) == set()


def test_a_group_in_an_nhs_bodys_name_ties_no_councils():
    assert _pairs("Wirral shares a joint commissioning board with NHS Cheshire and Merseyside.", WIRRAL) == set()


def test_a_place_named_service_shared_with_some_of_its_councils_is_theirs_not_the_whole_places():
    text = "The Berkshire youth offending service is shared with Bracknell Forest."
    assert _pairs(text, _codes("Wokingham")[0], date(2019, 6, 1)) == _clique(*_codes("Wokingham", "Bracknell Forest"))


def test_a_panel_after_a_place_with_no_councils_joined_ties_no_group():
    assert _pairs("Bradford sits on a West Yorkshire panel on trafficking.", BRADFORD) == set()


ROUND_17_18_DAY = date(2020, 6, 1)
ROUND_17_18 = [  # (text, inspected, tied), councils by council name
    # a bare board or panel, or a body of a kind, with a relative clause that says who runs it with whom
    ("The board that Halton shares with Warrington has a clear view of neglect.", "Halton", ("Halton", "Warrington")),
    ("Deaths are reviewed by a panel that Gateshead operates jointly with South Tyneside.", "Gateshead",
     ("Gateshead", "South Tyneside")),
    ("Sefton reviews child deaths through a panel it runs together with Knowsley.", "Sefton", ("Sefton", "Knowsley")),
    ("Thurrock has a MASH that it still operates with Southend-on-Sea.", "Thurrock", ("Thurrock", "Southend-on-Sea")),
    ("Scrutiny comes from a safeguarding children board that Sutton runs in common with its neighbour, Merton.", "Sutton",
     ("Sutton", "Merton")),
    # a single point of contact is a front door; a community safety board of two councils
    ("A single point of contact, which screens referrals for both Wokingham and Reading, applies one threshold.",
     "Wokingham", ("Wokingham", "Reading")),
    ("The Plymouth and Torbay community safety board funds a small analytical team.", "Torbay", ("Plymouth", "Torbay")),
    # "a partnership of", "are members of", "whose members are"
    ("Youth justice work is led by the North Pennines Youth Justice Service, a partnership of Gateshead and Sunderland "
     "councils.", "Gateshead", ("Gateshead", "Sunderland")),
    ("Halton, Warrington and St. Helens are members of a fostering consortium that runs joint recruitment events.",
     "Halton", ("Halton", "Warrington", "St. Helens")),
    ("Leeds chairs an exploitation group whose members are the three councils of Leeds, Bradford and Calderdale.",
     "Leeds", ("Leeds", "Bradford", "Calderdale")),
    # a body that provides services to, or hosts a function for, councils; a service that works with children from them
    ("The Pennine Legal Partnership provides legal services to Bury, Bolton and Wigan.", "Bury", ("Bury", "Bolton", "Wigan")),
    ("Devon hosts the emergency duty team for Torbay as well as for the county.", "Torbay", ("Devon", "Torbay")),
    ("Hackney's youth justice service also works with young people from the City of London.", "City of London",
     ("Hackney", "City of London")),
    ("The combined youth offending service works with children in both Wigan and Bolton.", "Wigan", ("Wigan", "Bolton")),
    # councils that "employ one" officer
    ("Reading and Wokingham employ one designated officer between them.", "Reading", ("Reading", "Wokingham")),
    # a council's service, or a board of two councils, that "also covers" others
    ("Devon's emergency duty team also covers Torbay and Plymouth.", "Torbay", ("Devon", "Torbay", "Plymouth")),
    ("The Bolton and Bury family justice board, which also covers Wigan and Salford, has cut delay.", "Bolton",
     ("Bolton", "Bury", "Wigan", "Salford")),
    # the main clause after a conceded end
    ("Although the bi-borough arrangement ended in 2021, Westminster still shares its fostering service with "
     "Kensington and Chelsea.", "Westminster", ("Westminster", "Kensington and Chelsea")),
    # a group counted in full is its councils, whichever council the report is on
    ("Hull shares an adoption agency with East Riding of Yorkshire and the two northern Lincolnshire unitary "
     "authorities.", "Kingston Upon Hull, City of",
     ("Kingston Upon Hull, City of", "East Riding of Yorkshire", "North Lincolnshire", "North East Lincolnshire")),
    ("Solihull runs a joint commissioning framework with the four Black Country councils.", "Solihull",
     ("Solihull", "Dudley", "Sandwell", "Walsall", "Wolverhampton")),
    # a company a council set up, or owns, with others
    ("Children's social care moved in 2017 to a not-for-profit company that Wokingham set up with Reading.",
     "Wokingham", ("Wokingham", "Reading")),
    ("Social work is delivered by a social enterprise company it owns jointly with Sutton.", "Merton",
     ("Merton", "Sutton")),
    # a group's body joined "with" councils, or sat on "with its <group> neighbours", or "alongside the <n> other
    # <group> councils"
    ("Oxfordshire takes part in the Thames Valley family justice board with Buckinghamshire and Milton Keynes.",
     "Oxfordshire", ("Oxfordshire", "Buckinghamshire", "Milton Keynes")),
    ("The family justice board, on which Slough sits with its Berkshire neighbours, meets monthly.", "Slough",
     ("Slough", "Reading", "Wokingham", "West Berkshire", "Bracknell Forest", "Windsor and Maidenhead")),
    ("Walsall is represented on a regional family justice board alongside the three other Black Country councils.",
     "Walsall", ("Walsall", "Dudley", "Sandwell", "Wolverhampton")),
    # a board of two councils, then "namely" the others
    ("Leaders work with the other councils of the Gateshead and Sunderland family justice board, namely Durham and "
     "Darlington, to cut delay.", "Gateshead", ("Gateshead", "Sunderland", "County Durham", "Darlington")),
]


ROUND_19_20_DAY = date(2020, 6, 1)
ROUND_19_20 = [  # (text, inspected, tied), councils by council name: an executive adults' board; "combined their";
    # "other member councils"; "the other members including"; "acts for"; "chaired in rotation by"; "sits on … with";
    # "joined <A> and <B> in a"; "also supervises young people from"; a one-council board that "brings together" or
    # "also covers" others; "a hub operated jointly with"; a sub-committee covering councils; "One panel considers …
    # for both"; a company "set up by"; a trust that runs social care "for children in both"; a community safety and
    # criminal justice board; councils that "run as a joint function"; a council's service run by another "for all
    # <n> <group> councils"
    ('The safeguarding adults executive board is shared by Bolton and Bury.',
     'Bolton', ('Bolton', 'Bury')),
    ('Sefton and Knowsley combined their emergency duty teams in 2018.',
     'Sefton', ('Sefton', 'Knowsley')),
    ('As a member of an adoption consortium, Halton can use adopters approved by Warrington, St. Helens and other member councils.',
     'Halton', ('Halton', 'Warrington', 'St. Helens')),
    ('Gateshead is one of several boroughs in a fostering consortium, the other members including Sunderland and South Tyneside.',
     'Gateshead', ('Gateshead', 'Sunderland', 'South Tyneside')),
    ('The out-of-hours team hosted by Devon acts for Torbay and Plymouth.',
     'Torbay', ('Devon', 'Torbay', 'Plymouth')),
    ('A West Yorkshire exploitation board, chaired in rotation by Leeds, Bradford and Wakefield, meets monthly.',
     'Leeds', ('Leeds', 'Bradford', 'Wakefield')),
    ('Essex sits on the eastern family justice board with Suffolk and Norfolk.',
     'Essex', ('Essex', 'Suffolk', 'Norfolk')),
    ('Croydon has joined Lambeth and Southwark in a placements consortium.',
     'Croydon', ('Croydon', 'Lambeth', 'Southwark')),
    ("Halton's youth offending service also supervises young people from Warrington.",
     'Warrington', ('Halton', 'Warrington')),
    ('The Durham family justice board brings together Darlington and Gateshead.',
     'Darlington', ('County Durham', 'Darlington', 'Gateshead')),
    ('The Norfolk family justice board, which also covers Suffolk, has cut delay.',
     'Suffolk', ('Norfolk', 'Suffolk')),
    ('Police notifications are screened in a hub operated jointly with Sunderland.',
     'Gateshead', ('Gateshead', 'Sunderland')),
    ('Practice guidance is written by a quality assurance sub-committee covering Derby and Derbyshire.',
     'Derby', ('Derby', 'Derbyshire')),
    ('One panel considers exploitation cases for both Leeds and Bradford.',
     'Leeds', ('Leeds', 'Bradford')),
    ("Children's services moved to a wholly owned company set up by Halton and Warrington.",
     'Halton', ('Halton', 'Warrington')),
    ('The independent trust that runs social care for children in both Wigan and Bolton has a new chair.',
     'Wigan', ('Wigan', 'Bolton')),
    ('Sunderland works with Gateshead through a joint community safety and criminal justice board.',
     'Sunderland', ('Sunderland', 'Gateshead')),
    ('The designated officer service that Westminster and Camden run as a joint function is effective.',
     'Camden', ('Westminster', 'Camden')),
    ("Leeds' emergency duty team is run by Bradford for all five West Yorkshire councils.",
     'Leeds', ('Leeds', 'Bradford', 'Calderdale', 'Kirklees', 'Wakefield')),
]


def test_talks_possible_creations_disbandings_ends_and_each_councils_own_tie_nothing():
    for text in ("Bolton is consulting with Bury about the possible creation of a joint fostering service.",
                 "Bolton disbanded its joint adoption arrangements with Wigan.",
                 "The shared LADO arrangement with Wigan came to an end last year.",
                 "Until April 2017 Bolton and Bury had a joint board.",
                 "Bolton discussed a joint emergency duty team with Bury but decided to keep its own.",
                 "A single police force covers Bolton and Bury, but each council has its own front door.",
                 "Plans for a joint fostering panel with Bury are being drawn up.",
                 "Bolton is in discussions with Wigan about sharing a designated officer."):
        assert _pairs(text, BOLTON) == set(), text


def test_where_children_come_from_and_a_service_working_early_are_no_ties_to_undo():
    assert _pairs("The council's pupil referral unit takes children from Bolton and occasionally from Bury and Salford.",
                  BOLTON) == set()
    westminster = _codes("Westminster")[0]
    assert _pairs("A tri-borough complaints service resolves problems for children at an early stage.", westminster) == \
        _clique(*_codes("Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"))

ROUND_21_22_DAY = date(2020, 6, 1)
ROUND_21_22 = [  # (text, inspected, tied), councils by council name: a council-owned trading or community interest
    # company "jointly established by" or "co-owned with"; a multi-agency referral team and a safeguarding hub; a
    # two-council board "with" others or "which covers" them; a group listed as councils after others ("… and the
    # Black Country councils"); "a single organisation"; "a bi-borough service also used by"; a service that serves
    # another council "under a commissioning arrangement" or "a formal agreement"; "have operated a combined";
    # "together with" after a lower-case group; councils that "own the" company; "combined … arrangements"; councils
    # named before "fund" after a comma; "all use the same"; "sit on one"; "a joint health and care board";
    # "funded by"; "and the other members of"
    ('Fostering recruitment is run by a council-owned trading company jointly established by Halton and Warrington.',
     'Halton', ('Halton', 'Warrington')),
    ("Sefton's children's services are commissioned from a community interest company it co-owns with Knowsley.",
     'Sefton', ('Sefton', 'Knowsley')),
    ('Concerns about children in Derby and Derbyshire are screened by one multi-agency referral team.',
     'Derby', ('Derby', 'Derbyshire')),
    ('Bolton sits on the Bolton and Bury Family Justice Board with Wigan and Salford.',
     'Bolton', ('Bolton', 'Bury', 'Wigan', 'Salford')),
    ('The Tyneside Safeguarding Hub continues to receive contacts about children in both Gateshead and South Tyneside.',
     'Gateshead', ('Gateshead', 'South Tyneside')),
    ('Solihull takes part in a placements framework with Birmingham, Coventry and the Black Country councils.',
     'Solihull', ('Solihull', 'Birmingham', 'Coventry', 'Dudley', 'Sandwell', 'Walsall', 'Wolverhampton')),
    ('The Norfolk Family Justice Board, which covers Norfolk, Suffolk and Cambridgeshire, has cut delay.',
     'Suffolk', ('Norfolk', 'Suffolk', 'Cambridgeshire')),
    ('Advocacy is provided by a single organisation commissioned jointly by Gateshead, Sunderland and South Tyneside.',
     'Gateshead', ('Gateshead', 'Sunderland', 'South Tyneside')),
    ("Westminster's fostering service is a bi-borough service also used by Kensington and Chelsea.",
     'Westminster', ('Westminster', 'Kensington and Chelsea')),
    ("The City's young people who offend are served by Hackney youth offending service under a commissioning arrangement.",
     'City of London', ('City of London', 'Hackney')),
    ('Since 2018, Leeds and Bradford have operated a combined Channel panel.',
     'Leeds', ('Leeds', 'Bradford')),
    ("Bolton's board runs its case review group together with Bury.",
     'Bolton', ('Bolton', 'Bury')),
    ('Both councils, Halton and Warrington, own the company that now provides their fostering services.',
     'Halton', ('Halton', 'Warrington')),
    ('Derby, Derbyshire and Nottingham have published combined safeguarding arrangements.',
     'Derby', ('Derby', 'Derbyshire', 'Nottingham')),
    ('The council and its neighbour, Bury, fund an exploitation service run by a charity.',
     'Bolton', ('Bolton', 'Bury')),
    ('Prevent referrals go to one place, as Leeds, Bradford and Wakefield all use the same Channel panel.',
     'Leeds', ('Leeds', 'Bradford', 'Wakefield')),
    ('The three councils, namely Gateshead, Sunderland and South Tyneside, sit on one adoption panel.',
     'Gateshead', ('Gateshead', 'Sunderland', 'South Tyneside')),
    ('Halton and Warrington have a joint health and care board.',
     'Halton', ('Halton', 'Warrington')),
    ('A designated officer post funded by Sefton and Knowsley advises both councils.',
     'Sefton', ('Sefton', 'Knowsley')),
    ('Derby, Derbyshire and the other members of the regional adoption consortium share profiles of waiting children.',
     'Derby', ('Derby', 'Derbyshire')),
    ("Referrals about Torbay children are screened by Devon's multi-agency safeguarding hub under a formal agreement.",
     'Torbay', ('Devon', 'Torbay')),
]


def test_explored_ideas_separate_boards_and_visits_tie_nothing():
    for text in ("Bolton continues to run its own fostering service, even though neighbouring Bury and Wigan have "
                 "explored joint recruitment.",
                 "Bolton has its own safeguarding partnership, separate from those of Bury and Wigan.",
                 "Bolton's children's trust is wholly owned by the council; leaders visited Bury and Wigan to learn from "
                 "their practice."):
        assert _pairs(text, BOLTON) == set(), text
    # "Learning from" reviews is no visit
    assert _clique(BOLTON, BURY, WIGAN) <= _pairs(
        "Learning from reviews is taken forward by a sub-group that serves Bolton, Bury and Wigan.", BOLTON)

ROUND_23_24_DAY = date(2020, 6, 1)
ROUND_23_24 = [  # (text, inspected, tied), councils by council name: "participates in … with"; a bare partnership
    # "covering" councils; "bringing together"; a service named by five lower-case words; "shares both its";
    # "in which … are all represented"; "a jointly owned trading company"; a board "which it shares with" councils and
    # a group listed after them; another council's service serving the inspected one "under a long-standing agreement"
    ('Bolton participates in a child death overview panel with Bury and Wigan.',
     'Bolton', ('Bolton', 'Bury', 'Wigan')),
    ('Strategic oversight is exercised through a partnership covering Derby and Derbyshire.',
     'Derby', ('Derby', 'Derbyshire')),
    ('The CDOP is run on a shared footprint, bringing together Sefton, Knowsley and Wirral.',
     'Sefton', ('Sefton', 'Knowsley', 'Wirral')),
    ('Gateshead and Sunderland jointly commission an advocacy and independent visitor support service.',
     'Gateshead', ('Gateshead', 'Sunderland')),
    ('Sefton shares both its LADO and its emergency duty team with Knowsley.',
     'Sefton', ('Sefton', 'Knowsley')),
    ('Practice standards are set by a learning group in which Leeds, Bradford and Wakefield are all represented.',
     'Leeds', ('Leeds', 'Bradford', 'Wakefield')),
    ('Halton, Warrington and St. Helens have set up a jointly owned trading company to run fostering.',
     'Halton', ('Halton', 'Warrington', 'St. Helens')),
    ('Oxfordshire takes part in the Thames Valley family justice board, which it shares with Buckinghamshire and the Berkshire authorities.',
     'Oxfordshire', ('Oxfordshire', 'Buckinghamshire', 'Bracknell Forest', 'Reading', 'Slough', 'West Berkshire', 'Windsor and Maidenhead', 'Wokingham')),
    ("Under a long-standing agreement, Devon's emergency duty team provides Torbay's out-of-hours response.",
     'Torbay', ('Devon', 'Torbay')),
]

ROUND_25_26_DAY = date(2021, 6, 1)
ROUND_25_26 = [  # (text, inspected, tied): a region counted in full ("the twelve north east councils", "a consortium
    # of the <region> councils", "the region's fifteen councils"), "every other <group> council", a violence reduction
    # unit as a board, "EDT", "run in combination with", "a joint one with", "common to", "are joint with",
    # "also reviews … in" / "also has responsibility for" another council; "Since <year>, the same hub has also
    # screened … for" after the hub's sentence; "operate as one hub"
    ('Hartlepool buys foster placements through a regional framework of the twelve north east councils.',
     'Hartlepool', ('Hartlepool', 'Darlington', 'Durham', 'Gateshead', 'Middlesbrough', 'Newcastle upon Tyne',
                    'North Tyneside', 'Northumberland', 'Redcar and Cleveland', 'South Tyneside', 'Stockton-on-Tees',
                    'Sunderland')),
    ('Advocacy is bought from a charity chosen by a partnership of the North East councils.',
     'Sunderland', ('Hartlepool', 'Darlington', 'Durham', 'Gateshead', 'Middlesbrough', 'Newcastle upon Tyne',
                    'North Tyneside', 'Northumberland', 'Redcar and Cleveland', 'South Tyneside', 'Stockton-on-Tees',
                    'Sunderland')),
    ('Wakefield belongs to the Yorkshire and Humber commissioning consortium, open to all of the region\'s fifteen '
     'councils.',
     'Wakefield', ('Kingston Upon Hull, City of', 'East Riding of Yorkshire', 'North East Lincolnshire',
                   'North Lincolnshire', 'York', 'North Yorkshire', 'Barnsley', 'Doncaster', 'Rotherham', 'Sheffield',
                   'Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield')),
    ('Stockport sits on the Greater Manchester Violence Reduction Unit with every other Greater Manchester council.',
     'Stockport', ('Bolton', 'Bury', 'Manchester', 'Oldham', 'Rochdale', 'Salford', 'Stockport', 'Tameside', 'Trafford',
                   'Wigan')),
    ("Knowsley's EDT is shared with Halton and St. Helens.",
     'Knowsley', ('Knowsley', 'Halton', 'St. Helens')),
    ("Gateshead's child death overview panel is run in combination with Newcastle's.",
     'Gateshead', ('Gateshead', 'Newcastle upon Tyne')),
    ("Islington's adults' safeguarding board is a joint one with Camden.",
     'Islington', ('Islington', 'Camden')),
    ('Case reviews are commissioned by a sub-group common to the Bury and Rochdale boards.',
     'Bury', ('Bury', 'Rochdale')),
    ('The board has six sub-groups. Two of them, the training group and the audit group, are joint with Derby.',
     'Derbyshire', ('Derbyshire', 'Derby')),
    ("Wiltshire's CDOP also reviews child deaths in Swindon.",
     'Wiltshire', ('Wiltshire', 'Swindon')),
    ("Devon's LSCB also has responsibility for Torbay.",
     'Devon', ('Devon', 'Torbay')),
    ('Wirral hosts the multi-agency safeguarding hub. Since 2019, the same hub has also screened all contacts for '
     'Cheshire West and Chester.',
     'Wirral', ('Wirral', 'Cheshire West and Chester')),
    ("Bury's MASH is co-located with Rochdale's, and the two operate as one hub with a single police team.",
     'Bury', ('Bury', 'Rochdale')),
]


def test_options_explored_outline_plans_dismantled_services_and_declined_approaches_tie_nothing():
    for text in ("Options for a joint fostering service with Bury and Wigan are being explored by Bolton.",
                 "Bolton is in early talks with Bury about jointly commissioning a secure unit.",
                 "An outline plan to combine the emergency duty teams of Bolton and Bury has been drafted.",
                 "A plan to move Bolton's LADO into a shared service with Wigan is in its infancy.",
                 "The joint front door with Bury was dismantled in 2019, and Bolton now runs its own.",
                 "Bolton's children's services company works only for Bolton; Bury and Wigan have not joined it.",
                 "Bolton declined an approach from Bury to share its youth offending service.",
                 "Bolton decided not to merge its safeguarding board with the board run by Bury."):
        assert _pairs(text, "E08000001", date(2020, 6, 1)) == set(), text

ROUND_27_28 = [  # (text, inspected, tied): "whose fifteen member councils" after a body named for a region; a group's
    # body "which <A> runs in partnership with" or "brings together" councils listed in full (they, not the whole group);
    # a place's service "which also covers" one of its councils; "the two <county> councils" as the councils bearing the
    # county's name; "a board that <A> and <B> share"; "reviews deaths in"; "also covers the city of"; "also screens
    # contacts concerning children who live in"; "<A>, <B> and <C> sit on"; "continue to run as one"; "under a shared
    # service agreement"; "a member of …, as are <A> and <B>"
    ('Hull belongs to the Yorkshire and Humber fostering consortium, whose 15 member councils share a list of '
     'approved carers.',
     'Kingston Upon Hull, City of', ('Kingston Upon Hull, City of', 'East Riding of Yorkshire', 'North East Lincolnshire',
                                     'North Lincolnshire', 'York', 'North Yorkshire', 'Barnsley', 'Doncaster', 'Rotherham',
                                     'Sheffield', 'Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield')),
    ('The Tees Valley exploitation group, which Hartlepool runs in partnership with Stockton-on-Tees and Darlington, '
     'meets monthly.',
     'Hartlepool', ('Hartlepool', 'Stockton-on-Tees', 'Darlington')),
    ("Children in Bedford Borough are supervised by the Bedfordshire youth justice service, which also covers Luton.",
     'Bedford Borough', ('Bedford Borough', 'Luton')),
    ('The two Northamptonshire councils have a joint health and wellbeing board.',
     'West Northamptonshire', ('North Northamptonshire', 'West Northamptonshire')),
    ("Planning is overseen by a children's trust board that Devon and Torbay share.",
     'Devon', ('Devon', 'Torbay')),
    ('The Norfolk child death overview panel reviews deaths in Suffolk as well as in the county.',
     'Norfolk', ('Norfolk', 'Suffolk')),
    ('Deaths of children living in the county are reviewed by a CDOP which also covers the city of Derby.',
     'Derbyshire', ('Derbyshire', 'Derby')),
    ("Kent's MASH also screens contacts concerning children who live in Medway.",
     'Kent', ('Kent', 'Medway')),
    ('Managers from Bury, Rochdale and Oldham sit on the Pennine family justice board.',
     'Bury', ('Bury', 'Rochdale', 'Oldham')),
    ('The fostering service, which Bury and Rochdale continue to run as one team, recruits well.',
     'Bury', ('Bury', 'Rochdale')),
    ("The LADO role for Kingston has been covered by Richmond's designated officer under a shared service agreement.",
     'Kingston upon Thames', ('Kingston upon Thames', 'Richmond upon Thames')),
    ('Derby is a member of the East Midlands fostering consortium, as are Leicester and Nottingham.',
     'Derby', ('Derby', 'Leicester', 'Nottingham')),
]


def test_a_group_counted_otherwise_than_its_size_and_plans_not_agreed_tie_no_group():
    """"The two Cheshire councils" are not pan-Cheshire's four; a service under consideration, or a director shared
    until a year, is no shared body."""
    stoke = _codes("Stoke-on-Trent")[0]
    halton, warrington = _codes("Halton", "Warrington")
    pairs = _pairs("The two Cheshire councils have a joint adoption panel.", _codes("Cheshire East")[0], date(2020, 6, 1))
    assert not {p for p in pairs if halton in p or warrington in p}
    # the councils listed in full, or covered too, not the whole group the body's name names
    middlesbrough, redcar = _codes("Middlesbrough", "Redcar and Cleveland")
    pairs = _pairs("The Tees Valley exploitation group, which Hartlepool runs in partnership with Stockton-on-Tees and "
                   "Darlington, meets monthly.", _codes("Hartlepool")[0], date(2020, 6, 1))
    assert pairs and not {p for p in pairs if middlesbrough in p or redcar in p}
    central = _codes("Central Bedfordshire")[0]
    pairs = _pairs("Children in Bedford Borough are supervised by the Bedfordshire youth justice service, which also "
                   "covers Luton.", _codes("Bedford Borough")[0], date(2020, 6, 1))
    assert pairs and not {p for p in pairs if central in p}
    for text in ("Until 2020 Stoke-on-Trent shared a director and a management team with Staffordshire. That "
                 "arrangement has now ended.",
                 "Stoke-on-Trent and Staffordshire are considering whether to establish a joint fostering service, but "
                 "the proposal has not been agreed."):
        assert _pairs(text, stoke, date(2021, 6, 1)) == set(), text

ROUND_29_30 = [  # (text, inspected, tied): "…; <A> and <B> are also members"; "whose member councils are"; "brought …
    # together in one"; "which is accountable to"; "under a service level agreement"; ", covering <A> and <B>" after a
    # council's board
    ('Leicestershire buys placements through the East Midlands placements consortium; Derby and Nottingham are also '
     'members.',
     'Leicestershire', ('Leicestershire', 'Derby', 'Nottingham')),
    ('Managers attend the Tees family justice board, whose member councils are Hartlepool, Middlesbrough and Redcar and '
     'Cleveland.',
     'Hartlepool', ('Hartlepool', 'Middlesbrough', 'Redcar and Cleveland')),
    ('Wirral and Sefton have brought their out-of-hours teams together in one emergency duty service.',
     'Wirral', ('Wirral', 'Sefton')),
    ('Supervision is provided by the Cheshire youth justice service, which is accountable to Cheshire East and '
     'Cheshire West and Chester.',
     'Cheshire East', ('Cheshire East', 'Cheshire West and Chester')),
    ("Out of hours, Rutland's calls are handled by Leicestershire's emergency duty team under a service level agreement.",
     'Rutland', ('Rutland', 'Leicestershire')),
    ('The Kent family justice board, covering Kent and Medway, has reduced delay.',
     'Medway', ('Kent', 'Medway')),
]


def test_observers_a_panel_shared_before_and_a_decision_not_reached_tie_nothing():
    for text in ("Officers from Wigan and Bury observed a meeting of Bolton's LSCB.",
                 "Bolton previously shared a child death overview panel with Bury, but it now has its own.",
                 "Bolton is considering whether to commission a return interview service jointly with Bury, but no "
                 "decision has been reached."):
        assert _pairs(text, "E08000001", date(2020, 6, 1)) == set(), text


def test_services_kept_in_house_plans_subject_to_approval_and_a_council_served_alone_tie_nothing():
    for text in ("The Oldham Children's Trust works for Oldham Council alone; neighbouring Bury and Rochdale continue to "
                 "run their services in-house.",
                 "Oldham considered joining a fostering service with Bury and Rochdale, but the idea was not taken forward.",
                 "Oldham intends to move its emergency duty team into a joint arrangement with Bury, subject to cabinet "
                 "approval.",
                 "Oldham does not have any joint arrangement with Bury or Rochdale for private fostering.",
                 "A consultation about creating a single safeguarding partnership for Oldham, Bury and Rochdale closed in "
                 "May.",
                 "Oldham's children in care council has exchanged visits with the children in care councils of Bury and "
                 "Rochdale.",
                 "With support from Bury and Rochdale, Oldham set up a company wholly owned by the borough to run its homes.",
                 "The trust's chair previously chaired the boards of Bury and Rochdale."):
        assert _pairs(text, "E08000004", date(2021, 6, 1)) == set(), text
    # (an "in-house match" in adoption says where adopters come from, not that a service is kept apart)
    pairs = _pairs("Where no in-house match is available, Oldham turns to the Pennine adoption consortium, made up of "
                   "Oldham, Bury and Rochdale.", "E08000004", date(2015, 6, 1))
    assert _clique(*_codes("Oldham", "Bury", "Rochdale")) <= pairs

ROUND_33_34 = [  # (text, inspected, tied): "member councils, among them <A> and <B>"; a panel that "considers the deaths of
    # children living in" councils listed in full, a group among them
    ('Essex is a member of the eastern region fostering consortium; member councils, among them Suffolk and Norfolk, '
     'share training.',
     'Essex', ('Essex', 'Suffolk', 'Norfolk')),
    ('The Tees child death overview panel reviews deaths of children living in Hartlepool, Stockton-on-Tees and '
     'South Tees.',
     'Hartlepool', ('Hartlepool', 'Stockton-on-Tees', 'Middlesbrough', 'Redcar and Cleveland')),
]


def test_a_panel_for_the_deaths_of_children_in_listed_councils_is_theirs_not_its_groups():
    dudley, sandwell, walsall, wolverhampton = _codes("Dudley", "Sandwell", "Walsall", "Wolverhampton")
    pairs = _pairs("The Black Country child death overview panel considers the deaths of children living in Dudley, "
                   "Sandwell and Walsall.", dudley, date(2016, 6, 1))
    assert _clique(dudley, sandwell, walsall) <= pairs and not {p for p in pairs if wolverhampton in p}


def test_resources_not_pooled_boards_each_retained_and_a_council_served_alone_tie_nothing():
    for text in ("Oldham's youth justice team does not pool resources with Bury or Rochdale.",
                 "Procedures are written jointly with Bury and Rochdale, but each of the three councils retains its own "
                 "safeguarding board.",
                 "The Oldham children's trust delivers services on behalf of Oldham alone; like the trust in Bury, it is "
                 "owned by one council."):
        assert _pairs(text, "E08000004", date(2021, 6, 1)) == set(), text

ROUND_35_36 = [  # (text, inspected, tied): "the <group> partnership" in lower case; a violence reduction network board;
    # "co-fund"
    ('The Black Country partnership, bringing together Dudley, Sandwell, Walsall and Wolverhampton, sets thresholds.',
     'Dudley', ('Dudley', 'Sandwell', 'Walsall', 'Wolverhampton')),
    ('The Thames Valley Violence Reduction Network board covers Reading, Slough and Oxfordshire.',
     'Reading', ('Reading', 'Slough', 'Oxfordshire')),
    ("Bury and Rochdale co-fund a young carers' service delivered by a charity.",
     'Bury', ('Bury', 'Rochdale')),
]


def test_arrangements_that_might_be_made_did_not_progress_or_were_discontinued_tie_nothing():
    for text in ("Bolton is discussing with Bury whether a combined board might be established in future.",
                 "Bolton has held discussions with Bury about a joint MASH, but the proposal has not progressed.",
                 "A joint out-of-hours service with Wigan was discontinued in 2016.",
                 "Bolton and Bury have discussed a joint Channel panel, but at present each borough holds its own.",
                 "Bolton and Wigan are consulting on a joint partnership that would replace the two boards."):
        assert _pairs(text, "E08000001", date(2020, 6, 1)) == set(), text
    # a framework "shared with" councils listed in full is theirs, not its group's (the Isles of Scilly are not named)
    cornwall, scilly = _codes("Cornwall", "Isles of Scilly")
    pairs = _pairs("Cornwall takes part in the Peninsula partnership, a framework shared with Devon, Plymouth and Torbay.",
                   cornwall, date(2020, 6, 1))
    assert pairs and not {p for p in pairs if scilly in p}


def test_a_council_not_yet_made_is_read_as_the_council_then_standing():
    poole, dorset_county = "E06000029", "E10000009"
    assert _pairs("Dorset's emergency duty team is shared with Poole.", poole, date(2017, 6, 1)) == \
        {(poole, dorset_county)}
    # a statement of a later report about the years since: the councils named
    north, west = _codes("North Northamptonshire", "West Northamptonshire")
    assert _clique(north, west) <= _pairs("Since 2020, North Northamptonshire and West Northamptonshire have "
                                          "commissioned children's services from a trust they jointly own.", north,
                                          date(2023, 6, 1))


def test_services_split_up_projects_finished_decisions_not_to_proceed_and_neither_nor_tie_nothing():
    for text in ("The youth offending service that Bolton once shared with Bury and Wigan was split up in 2017.",
                 "The innovation project with Wigan has now finished, and its learning is part of Bolton's own team.",
                 "Bolton decided not to proceed with a joint adoption service with Bury.",
                 "The trust delivers social care for Bolton alone; neither Bury nor Wigan has adopted a similar model."):
        assert _pairs(text, BOLTON) == set(), text

def test_a_place_named_body_serving_both_of_two_of_its_councils_is_theirs_not_the_whole_places():
    reading, wokingham = _codes("Reading", "Wokingham")
    assert _pairs("The Berkshire youth offending service continues to serve both Reading and Wokingham.", reading) == \
        _clique(reading, wokingham)


def test_intentions_closures_ends_own_services_postponements_and_contrasts_tie_nothing():
    assert _pairs("Bury intends to join a regional adoption agency with Bolton and Wigan next year.", BURY) == set()
    assert _pairs("The shared fostering panel with Wigan closed in 2019 when each council took its panel back.",
                  BOLTON) == set()
    assert _pairs("Until 2017, Bolton's LSCB was shared with Wigan.", BOLTON) == set()
    assert _pairs("Bolton and Wigan each run their own emergency duty team.", BOLTON) == set()
    assert _pairs("A joint edge-of-care pilot with Bury and Wigan has been postponed.", BOLTON) == set()
    assert _pairs("Unlike neighbouring Bury, where a MASH is used, Bolton runs a single front door.", BOLTON) == set()
    # a conceded end, and a main clause with no shared body
    assert _pairs("Although the shared board ended in 2018, the council continues to work closely with Wigan.",
                  BOLTON) == set()


def test_knowledge_shared_is_no_body_but_a_boards_office_shared_is():
    assert _pairs("Leaders have shared their learning about neglect with Bury and Wigan, whose managers visited the "
                  "service.", BOLTON) == set()
    assert _clique(BOLTON, BURY) <= _pairs("Bolton's LSCB shares its business manager with Bury.", BOLTON)
    # a council's own team that closed is no joint body that ended
    assert _clique(BOLTON, BURY, WIGAN) <= _pairs(
        "Bolton's own adoption team closed in 2018 when the service moved to a regional adoption agency with Bury and "
        "Wigan.", BOLTON)


def test_a_body_named_for_a_group_whose_members_the_sentence_lists_in_part_is_only_theirs():
    """"whose members include", "which includes", "serves several councils": the group's other councils are not
    stated, and a body named for a group is no proof that all of them belong."""
    leeds, kirklees, wakefield, calderdale = _codes("Leeds", "Kirklees", "Wakefield", "Calderdale")
    assert _pairs("Placements are bought through a West Yorkshire residential consortium, whose member councils "
                  "include Leeds, Kirklees and Wakefield.", kirklees) == _clique(leeds, kirklees, wakefield)
    dudley, sandwell, walsall = _codes("Dudley", "Sandwell", "Walsall")
    assert _pairs("The Black Country Adoption Agency, which now includes Dudley, Walsall and Sandwell, has cut delay.",
                  walsall) == _clique(dudley, sandwell, walsall)
    assert _pairs("Calderdale and Kirklees are part of a West Yorkshire out-of-hours service that is run by Wakefield "
                  "and serves a number of neighbouring councils.", calderdale) == _clique(calderdale, kirklees, wakefield)
    # a place-named agency with no council listed is the inspected council's alone
    assert _pairs("Walsall is part of the Black Country Adoption Agency.", walsall) == set()


ROUND_37_40 = [  # (text, inspected, tied): a panel "that reviews child deaths"; hubs and units; "rely on the same",
    # "common to", "works with children from", "hold a", "spanning"; a children's services company co-owned; a
    # commissioning verb with a plural object; "…, which is shared with"; a place's body that named councils run
    # jointly; a group outside the council's counted beside it; a group's consortium "with" councils beyond it
    ("Derby and Derbyshire are both represented on the panel that reviews child deaths across the two areas.",
     "Derby", ("Derby", "Derbyshire")),
    ("Sefton, Knowsley and Wirral now share a missing-from-home hub run by the police.",
     "Sefton", ("Sefton", "Knowsley", "Wirral")),
    ("Luton and Central Bedfordshire operate a joint placements unit that negotiates with providers.",
     "Luton", ("Luton", "Central Bedfordshire")),
    ("Stockton-on-Tees and Hartlepool rely on the same emergency duty team overnight.",
     "Hartlepool", ("Stockton-on-Tees", "Hartlepool")),
    ("An audit sub-group common to the Hartlepool and Stockton-on-Tees boards reviews multi-agency cases.",
     "Hartlepool", ("Stockton-on-Tees", "Hartlepool")),
    ("The Tees youth justice team works with young people from Middlesbrough, Redcar and Cleveland and Hartlepool.",
     "Middlesbrough", ("Middlesbrough", "Redcar and Cleveland", "Hartlepool")),
    ("Sutton and Merton hold a combined exploitation panel that meets monthly.",
     "Sutton", ("Sutton", "Merton")),
    ("Multi-agency audits are overseen by a partnership spanning Bath and North East Somerset, North Somerset and "
     "Bristol.", "North Somerset", ("Bath and North East Somerset", "North Somerset", "Bristol")),
    ("Rutland and Leicestershire jointly own a children's services company that runs two homes.",
     "Rutland", ("Rutland", "Leicestershire")),
    ("Tees Valley placements are bought through an arrangement in which all five Tees Valley councils jointly "
     "commission residential beds.", "Darlington",
     ("Darlington", "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees")),
    ("Torbay takes part in the Devon Channel panel, which is shared with Plymouth and chaired by the police.",
     "Torbay", ("Torbay", "Devon", "Plymouth")),
    ("Missing children are supported by the Cheshire return interview service, which Cheshire East and Cheshire West "
     "and Chester run together under one manager.", "Cheshire East", ("Cheshire East", "Cheshire West and Chester")),
    ("The adoption panel, which serves Rutland and the two Northamptonshire unitary councils, meets monthly.",
     "Rutland", ("Rutland", "North Northamptonshire", "West Northamptonshire")),
    ("Kirklees is a member of the West Yorkshire fostering consortium with Leeds, Calderdale and North Yorkshire.",
     "Kirklees", ("Kirklees", "Leeds", "Calderdale", "North Yorkshire")),
    # councils listed before "make up"; "is also the service for"; a lower-case service named for two councils; a
    # provider named by what it provides; a shared staffing arrangement
    ("Darlington, Hartlepool and Durham make up the Tees Valley fostering partnership, which recruits carers jointly.",
     "Darlington", ("Darlington", "Hartlepool", "Durham")),
    ("Herefordshire's emergency duty team is also the team for Worcestershire at weekends.",
     "Herefordshire", ("Herefordshire", "Worcestershire")),
    ("Rutland and Leicestershire fund the Rutland and Leicestershire mentoring service from a pooled budget.",
     "Rutland", ("Rutland", "Leicestershire")),
    ("Sefton and Knowsley share an advocacy provider for children in care.",
     "Sefton", ("Sefton", "Knowsley")),
    ("Merton and Sutton operate a shared staffing arrangement for their commissioning teams.",
     "Merton", ("Merton", "Sutton")),
]


def test_bodies_not_running_yet_bids_models_each_councils_own_and_arrangements_with_the_state_tie_nothing():
    for text in ("A joint edge-of-care hub with Bury is being designed, but it will not be operational until 2027.",
                 "Bolton and Wigan have bid for funding to develop a joint edge-of-care team; the outcome is awaited.",
                 "Bolton and Bury are testing a shared family hub model in two neighbourhoods.",
                 "Since 2019, Bolton and Bury have each managed their own out-of-hours team.",
                 "The children's trust was set up by Bolton alone, and neighbouring Wigan and Bury have chosen other "
                 "models.",
                 "Bolton has provided improvement support to Bury and Wigan under an agreement with the Department "
                 "for Education.",
                 "Bolton plans to launch a joint advocacy service with Wigan in the new year.",
                 "Bolton provided peer challenge to Wigan as part of a sector-led improvement programme.",
                 "Bolton is considering a partnership with Wigan for its emergency duty service; options are being "
                 "scoped.",
                 "Talks with Bury about setting up a joint fostering service had not concluded by the inspection.",
                 "Plans to share a LADO with Wigan were dropped after a review.",
                 "Bolton's fostering service visits recruitment fairs in Bury and Wigan to widen its pool of carers.",
                 "Bolton and Bury brought their shared staffing arrangement to an end in 2022, and each council now "
                 "employs its own staff."):
        assert _pairs(text, BOLTON, date(2020, 6, 1)) == set(), text
    # a commissioning verb's plural object is no sign of several bodies: the group counted in full shares it
    assert len(_pairs("Bolton buys secure beds through a Greater Manchester arrangement in which all ten councils "
                      "jointly commission specialist placements.", BOLTON, date(2020, 6, 1))) == 45


ROUND_41_42 = [  # (text, inspected, tied): Teesside; "both <group> councils"; "which it formed with", "that <A> leads
    # with"; counted councils that "contribute to" or "belong"; "are owners of", "are statutory partners in", "owned in
    # equal shares by", "<A> and <B> take part in"; "in one … hub"; "buys in … from"; a leading "Since … ended," clause;
    # a list after "brings together" holding a group; a voluntary-sector provider; a cross-borough sub-group; a
    # children's company by name; secure beds bought together
    ("Middlesbrough runs the out-of-hours team for all four Teesside councils.",
     "Middlesbrough", ("Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees")),
    ("Both Northamptonshire councils rely on one multi-agency safeguarding hub.",
     "North Northamptonshire", ("North Northamptonshire", "West Northamptonshire")),
    ("Waltham Forest uses the north-east London fostering consortium, which it formed with Redbridge and Havering.",
     "Waltham Forest", ("Waltham Forest", "Redbridge", "Havering")),
    ("The edge-of-care project that Sefton leads with Knowsley and Wirral has cut the number of children entering care.",
     "Sefton", ("Sefton", "Knowsley", "Wirral")),
    ("Across West Yorkshire, all five councils contribute to a criminal exploitation sub-group.",
     "Leeds", ("Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield")),
    ("Bolton recruits adopters through the north-west adoption consortium, to which Bolton, Bury and Wigan all belong.",
     "Bolton", ("Bolton", "Bury", "Wigan")),
    ("Rutland and Leicestershire are joint owners of the children's services company.",
     "Rutland", ("Rutland", "Leicestershire")),
    ("Derby and Derbyshire are statutory partners in the Derby and Derbyshire Safeguarding Children Partnership.",
     "Derby", ("Derby", "Derbyshire")),
    ("The children's company is owned in equal shares by Sefton and Knowsley.",
     "Sefton", ("Sefton", "Knowsley")),
    ("Kent and Medway take part in a commissioning consortium for residential placements.",
     "Medway", ("Kent", "Medway")),
    ("Out-of-hours work for Sutton and Merton is done in one emergency duty team based in Sutton.",
     "Merton", ("Sutton", "Merton")),
    ("Rutland buys in its emergency duty cover and its private fostering assessments from Leicestershire County "
     "Council.", "Rutland", ("Rutland", "Leicestershire")),
    ("Since the shared service with Wigan ended, Bolton and Bury have kept a joint LADO team.",
     "Bolton", ("Bolton", "Bury")),
    ("The Devon and Somerset family justice board brings together Torbay, Devon, Somerset and the Isles of Scilly.",
     "Torbay", ("Torbay", "Devon", "Somerset", "Isles of Scilly")),
    ("Return interviews are carried out by a voluntary-sector provider that Kent and Medway fund together.",
     "Kent", ("Kent", "Medway")),
    ("Merton and Sutton have set up a cross-borough sub-group on neglect.",
     "Merton", ("Merton", "Sutton")),
    ("Bright Horizons Children's Company runs homes for Sefton and Knowsley, which own it jointly.",
     "Sefton", ("Sefton", "Knowsley")),
    ("Kirklees can draw on a block of secure welfare beds funded jointly with Calderdale.",
     "Kirklees", ("Kirklees", "Calderdale")),
]


def test_mentoring_possibilities_and_wholly_owned_companies_tie_nothing_and_a_listed_consortium_is_its_list():
    for text in ("Bolton's director has mentored the leadership team in Wigan as part of a regional improvement offer.",
                 "Bolton and Bury have discussed the possibility of a joint MASH, but no agreement has been reached.",
                 "Bolton's trust, which is wholly owned by Bolton Council, drew on the model already used in Wigan."):
        assert _pairs(text, BOLTON, date(2020, 6, 1)) == set(), text
    # a group's consortium "with" councils named, some beyond the group: the councils named, not the rest of the group
    cornwall, scilly = _codes("Cornwall", "Isles of Scilly")
    pairs = _pairs("Cornwall belongs to the Peninsula fostering consortium with Devon, Plymouth, Somerset and Torbay.",
                   cornwall, date(2020, 6, 1))
    assert len(pairs) == 10 and not {p for p in pairs if scilly in p}


ROUND_43_44 = [  # (text, inspected, tied): a board "which since <date> has been shared by"; "is also used by"; "also
    # operates in"; "members of one"; "to form one"; a limited company "wholly owned by" two councils; "as one contract";
    # "buy a single"; "joined … in commissioning"; "formed by the county council and"; "…, on which <A> is also
    # represented"; "responds to children in"; a traded company set up by councils; a panel operated across
    # Northumbria; a board's sub-group "organised on a pan-<county> footing"; "a consortium arrangement with"; a joint
    # sub-committee; "a number of children's services"; a list before a group's consortium; a shared partnership
    # beside each council's own group
    ("Members of the board, which since 2019 has been shared by Halton and Warrington, praised its audits.",
     "Halton", ("Halton", "Warrington")),
    ("Wirral's out-of-hours team is also used by Cheshire West and Chester.",
     "Wirral", ("Wirral", "Cheshire West and Chester")),
    ("Hartlepool's youth justice service also operates in Stockton-on-Tees.",
     "Hartlepool", ("Hartlepool", "Stockton-on-Tees")),
    ("Bolton and Bury remain members of one adults' safeguarding board.",
     "Bolton", ("Bolton", "Bury")),
    ("The safeguarding partners of Kent have joined with those of Medway to form one safeguarding children "
     "partnership.",
     "Kent", ("Kent", "Medway")),
    ("Fostering is run by Tyne Family Homes Ltd, a company wholly owned by Gateshead and South Tyneside.",
     "Gateshead", ("Gateshead", "South Tyneside")),
    ("Return interviews across Bolton, Bury and Wigan are bought as one contract from a charity.",
     "Bolton", ("Bolton", "Bury", "Wigan")),
    ("Sefton and Knowsley buy a single advocacy service from a national charity.",
     "Sefton", ("Sefton", "Knowsley")),
    ("Bolton has joined Bury and Wigan in commissioning a single edge-of-care service.",
     "Bolton", ("Bolton", "Bury", "Wigan")),
    ("The fostering consortium formed by the county council and Plymouth has widened the choice of carers.",
     "Devon", ("Devon", "Plymouth")),
    ("Court delay is overseen by the Lancashire and Blackpool family justice board, on which Blackburn with Darwen is "
     "also represented.", "Blackpool", ("Lancashire", "Blackpool", "Blackburn with Darwen")),
    ("Out of hours, one duty team responds to children in Bolton and in Bury.",
     "Bury", ("Bolton", "Bury")),
    ("A traded company set up by Kent and Medway now finds placements for both councils.",
     "Kent", ("Kent", "Medway")),
    ("The child death overview panel is operated across the whole of Northumbria.",
     "Sunderland", ("Newcastle upon Tyne", "Gateshead", "North Tyneside", "South Tyneside", "Sunderland",
                    "Northumberland")),
    ("The partnership's training sub-group is organised on a pan-Berkshire footing.",
     "Slough", ("Bracknell Forest", "Reading", "Slough", "West Berkshire", "Windsor and Maidenhead", "Wokingham")),
    ("Adopters are recruited through a consortium arrangement with Sefton and Wirral.",
     "Knowsley", ("Knowsley", "Sefton", "Wirral")),
    ("Bolton and Bury have set up a joint sub-committee of their two boards.",
     "Bolton", ("Bolton", "Bury")),
    ("Bolton and Bury share a director and several children's services.",
     "Bolton", ("Bolton", "Bury")),
    ("Sefton, Knowsley and Wirral have one safeguarding partnership, although each council keeps its own "
     "performance group.", "Sefton", ("Sefton", "Knowsley", "Wirral")),
]


def test_people_from_councils_plans_not_live_studies_separate_teams_and_tools_shared_tie_nothing():
    for text in ("The trust's board includes a retired director from Bury.",
                 "Bolton's corporate parenting board invited councillors from Wigan to observe a meeting.",
                 "A joint fostering agency with Bury is planned, but it will not go live until 2027.",
                 "Bolton and Wigan have not agreed any joint arrangements for their front doors.",
                 "A feasibility study into a shared LADO with Bury has been commissioned, but no model has yet been "
                 "chosen.",
                 "Bolton and Bury each keep separate out-of-hours teams.",
                 "Bolton has advised Wigan on its front door, and Bolton's managers have shared their audit tools with "
                 "Wigan."):
        assert _pairs(text, BOLTON, date(2020, 6, 1)) == set(), text


def test_bournemouth_before_2019_is_the_borough_and_after_it_bcp_council():
    bournemouth, poole, bcp, dorset = "E06000028", "E06000029", "E06000058", "E06000059"
    assert _pairs("The Bournemouth and Poole LSCB has an independent chair.", poole, date(2017, 6, 1)) == \
        {(bournemouth, poole)}
    assert _pairs("Dorset and Bournemouth share a LADO.", dorset, date(2021, 6, 1)) == {(bcp, dorset)}


def test_councils_listed_beside_a_group_named_body_or_in_a_clause_that_ended_are_not_the_groups():
    plymouth, torbay, somerset, cornwall, scilly = _codes("Plymouth", "Torbay", "Somerset", "Cornwall",
                                                           "Isles of Scilly")
    assert _pairs("Plymouth, Torbay and Somerset recruit carers together through a Peninsula fostering consortium.",
                  plymouth, date(2020, 6, 1)) == _clique(plymouth, torbay, somerset)
    merton, sutton, kingston = _codes("Merton", "Sutton", "Kingston upon Thames")
    assert _pairs("Since Kingston withdrew, the adoption service has been run jointly with Sutton.", merton,
                  date(2020, 6, 1)) == _clique(merton, sutton)
    # "are among the boards represented on": those listed, not the whole group
    assert _pairs("Bolton, Bury and Wigan are among the boards represented on the Greater Manchester neglect "
                  "sub-group.", BOLTON, date(2020, 6, 1)) == _clique(BOLTON, BURY, WIGAN)


ROUND_45_46 = [  # (text, inspected, tied): "have merged"; "no longer run separate"; "drawn from the partnerships in";
    # "draws its membership from"; a board "in common"; "the same … covers both"; "Together with <A> and <B>, the
    # council …"; "have set up a single"; "is a shared facility for"; a police area printed "-wide" after "is a"
    ("Sutton and Merton have merged youth offending services under one manager.",
     "Sutton", ("Sutton", "Merton")),
    ("Rochdale and Oldham no longer run separate emergency duty teams; one team now covers both.",
     "Oldham", ("Rochdale", "Oldham")),
    ("Slough contributes to a training sub-group drawn from the partnerships in Slough, Bracknell Forest and Windsor and "
     "Maidenhead.", "Slough", ("Slough", "Bracknell Forest", "Windsor and Maidenhead")),
    ("The family justice board draws its membership from Derby, Derbyshire, Nottingham and Nottinghamshire.",
     "Derby", ("Derby", "Derbyshire", "Nottingham", "Nottinghamshire")),
    ("Bolton and Bury have had one scrutiny panel in common since 2020.",
     "Bury", ("Bolton", "Bury")),
    ("Rutland buys its out-of-hours cover from Leicestershire, and the same emergency duty team covers both.",
     "Rutland", ("Rutland", "Leicestershire")),
    ("Together with Sefton and Knowsley, the council takes part in a regional adoption agency hosted by Liverpool.",
     "Wirral", ("Wirral", "Sefton", "Knowsley")),
    ("Stockport, Tameside and Trafford have set up a single LADO service.",
     "Stockport", ("Stockport", "Tameside", "Trafford")),
    ("The front door is a shared facility for Darlington and Durham, staffed from both councils.",
     "Darlington", ("Darlington", "Durham")),
    ("Herefordshire's Channel panel is a West Mercia-wide panel.",
     "Herefordshire", ("Shropshire", "Telford and Wrekin", "Herefordshire", "Worcestershire")),
]


def test_improvement_partners_notes_compared_agreements_expired_and_transfers_to_come_tie_nothing():
    for text in ("Bolton's improvement has been supported by a partnership in practice with Wigan, and Bolton runs its "
                 "own MASH.",
                 "Bolton's reviewing officers have compared notes with colleagues in Bury and Wigan as part of a regional "
                 "practice forum.",
                 "A joint commissioning agreement with Wigan for short breaks expired in 2019 and has not been renewed.",
                 "Adoption services will soon transfer to a regional agency formed with Bury and Wigan.",
                 "Bolton and Bury each commission separately for short breaks."):
        assert _pairs(text, BOLTON, date(2020, 6, 1)) == set(), text
    # "while <A> keeps its own board": not that council's; a place's part is no council
    bedford, central, luton = _codes("Bedford", "Central Bedfordshire", "Luton")
    assert _pairs("Bedford Borough and Central Bedfordshire have one safeguarding board, while Luton keeps its own "
                  "board.", bedford, date(2016, 6, 1)) == _clique(bedford, central)
    portsmouth, southampton, wight = _codes("Portsmouth", "Southampton", "Isle of Wight")
    assert _pairs("Portsmouth, Southampton and the Isle of Wight are served by one Channel panel for the south "
                  "Hampshire area.", portsmouth, date(2020, 6, 1)) == _clique(portsmouth, southampton, wight)
    # a group's consortium of councils "including" some: those listed
    bradford, leeds, wakefield = _codes("Bradford", "Leeds", "Wakefield")
    assert _pairs("A West Yorkshire consortium of councils, including Leeds, Bradford and Wakefield, funds a foster "
                  "carer campaign.", leeds, date(2020, 6, 1)) == _clique(bradford, leeds, wakefield)


ROUND_47 = [  # (text, inspected, tied): a shared body after "… is not shared; however,"; "<A>'s service is a pan-<county>
    # arrangement hosted by <B> on behalf of all <N> councils"; "works with <A> and <B> in a …"; "Through the <body>,
    # <A> works with <B>"; "merged with those of <A> and <B> to form a <group> panel" (those named); an acronym in a
    # shared panel's name
    ("Bolton's youth offending service is not shared; however, the borough contributes to a secure welfare service "
     "jointly commissioned by Bury and Wigan.", "Bolton", ("Bolton", "Bury", "Wigan")),
    ("Reading's adoption panel is a pan-Berkshire arrangement run by Wokingham on behalf of all six councils.",
     "Reading", ("Bracknell Forest", "Reading", "Slough", "West Berkshire", "Windsor and Maidenhead", "Wokingham")),
    ("The borough works with Calderdale and Kirklees in a sub-regional panel on missing children.",
     "Leeds", ("Leeds", "Calderdale", "Kirklees")),
    ("Through the Avon family justice board, Bristol works with North Somerset and South Gloucestershire.",
     "Bristol", ("Bristol", "North Somerset", "South Gloucestershire")),
    ("Bolton's MASH has been merged with those of Bury and Wigan to form a Greater Manchester hub for the three "
     "boroughs.", "Bolton", ("Bolton", "Bury", "Wigan")),
    ("Sefton and Knowsley take part in a shared CSE panel that tracks children at risk.",
     "Sefton", ("Sefton", "Knowsley")),
]


def test_a_city_only_service_and_a_group_formed_by_named_councils_tie_no_others():
    assert _pairs("Bolton's MASH is a borough-only service, although police officers in it also serve Bury and Wigan.",
                  BOLTON, date(2020, 6, 1)) == set()
    # "merged … to form a Greater Manchester hub": the three named, not the ten
    assert _pairs("Bolton's MASH has been merged with those of Bury and Wigan to form a Greater Manchester hub.",
                  BOLTON, date(2020, 6, 1)) == _clique(BOLTON, BURY, WIGAN)


# --- every held-out round's wordings, each read on its round's day ----------------------------------------------

def _by_code(wordings: list) -> list:
    return [(text, _codes(inspected)[0], _codes(*tied)) for text, inspected, tied in wordings]


HELD_OUT_WORDINGS = [
    *[(text, inspected, tied, ROUND_5_DAY) for text, inspected, tied in ROUND_5],
    *[(text, inspected, tied, ROUND_6_DAY) for text, inspected, tied in ROUND_6],
    *[(text, inspected, tied, ROUND_7_DAY) for text, inspected, tied in ROUND_7],
    *[(text, inspected, tied, ROUND_8_DAY) for text, inspected, tied in ROUND_8],
    *[(text, inspected, tied, ROUND_9_DAY) for text, inspected, tied in ROUND_9],
    *[(text, inspected, tied, ROUND_10_DAY) for text, inspected, tied in ROUND_10],
    *[(text, inspected, tied, ROUND_11_DAY) for text, inspected, tied in _by_code(ROUND_11)],
    *[(text, inspected, tied, ROUND_12_DAY) for text, inspected, tied in _by_code(ROUND_12)],
    *[(text, inspected, tied, ROUND_13_DAY) for text, inspected, tied in _by_code(ROUND_13)],
    *[(text, inspected, tied, ROUND_14_DAY) for text, inspected, tied in _by_code(ROUND_14)],
    *[(text, inspected, tied, ROUND_15_DAY) for text, inspected, tied in _by_code(ROUND_15)],
    *[(text, inspected, tied, ROUND_16_DAY) for text, inspected, tied in _by_code(ROUND_16)],
    *[(text, inspected, tied, ROUND_17_18_DAY) for text, inspected, tied in _by_code(ROUND_17_18)],
    *[(text, inspected, tied, ROUND_19_20_DAY) for text, inspected, tied in _by_code(ROUND_19_20)],
    *[(text, inspected, tied, ROUND_21_22_DAY) for text, inspected, tied in _by_code(ROUND_21_22)],
    *[(text, inspected, tied, ROUND_23_24_DAY) for text, inspected, tied in _by_code(ROUND_23_24)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_25_26)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_27_28)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_29_30)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_33_34)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_35_36)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_37_40)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_41_42)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_43_44)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_45_46)],
    *[(text, inspected, tied, ROUND_25_26_DAY) for text, inspected, tied in _by_code(ROUND_47)],
]


@pytest.mark.parametrize("text, inspected, tied, day", HELD_OUT_WORDINGS)
def test_each_held_out_rounds_wordings_tie_the_councils_they_name(text, inspected, tied, day):
    assert _clique(*tied) <= _pairs(text, inspected, day)


def test_a_plural_verb_after_a_pronoun_ties_no_councils_named_elsewhere():
    assert _pairs("They run a MASH with Bradford staff.", LEEDS) == set()


@pytest.mark.parametrize("printed", ["Bath and North East Somerset", "Bath & North East Somerset"])
def test_a_regions_name_inside_a_councils_name_is_the_council(printed):
    """"North East" inside "Bath and North East Somerset" is neither the region nor leaves "Somerset" behind."""
    banes, bristol = _codes("Bath and North East Somerset", "Bristol, City of")
    assert _pairs(f"The safeguarding board of {printed} is joint with Bristol.", banes, date(2018, 6, 1)) == \
        {tuple(sorted((banes, bristol)))}
