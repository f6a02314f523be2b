"""The kinds of body cskg recognises, how reports phrase them, and how each kind is resolved.

Scopes:
  own     a phrase of the kind without a name ("the LSCB", "the virtual school") is the inspected
          council's own body, keyed by kind + council; a council name before it ("Staffordshire's
          LSCB") makes it that council's.
  joint   the phrase only makes a body when the sentence ties it to named councils ("the tri-borough
          partnership with <Council>, and <Council>").
  named   only a proper name makes a body (a police force, an NHS trust, a regional adoption
          agency): a bare "the police" or "the CCG" never does, since such bodies span councils.
The notations are concepts of ontology/organisations.ttl (tests check the two agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Scope = Literal["own", "joint", "named"]
Scheme = Literal["organisation-kinds", "service-types"]

_S = r"(?:’s|'s|s’|s')?"  # possessive
_CAP = r"[A-Z][\w&’'.-]*"  # a capitalised word


@dataclass(frozen=True, slots=True)
class Kind:
    notation: str
    label: str
    scheme: Scheme
    scope: Scope
    pattern: re.Pattern[str] | None  # the phrase of the kind (own and joint scopes)


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text, re.I)


KINDS: tuple[Kind, ...] = (
    # Before the children's kinds: "Adult Safeguarding Partnership Board" is not a children's partnership.
    Kind("adults-safeguarding-board", "safeguarding adults board", "organisation-kinds", "own",
         _p(rf"\b(?:safeguarding\s+adults{_S}|adults?{_S}\s+safeguarding)\s+(?:(?:partnership|executive)\s+)?boards?\b"
            rf"|\bsafeguarding\s+adults{_S}\s+partnerships?\b|\badults?{_S}\s+safeguarding\s+partnerships?\b")),
    # Boards and partnerships of a council (or run jointly by several).
    Kind("lscb", "Local Safeguarding Children Board", "organisation-kinds", "own",
         # "the safeguarding board" alone is the children's board in a report on children's services (an adults'
         # board is matched first)
         _p(rf"\b(?:local\s+)?safeguarding\s+(?:children{_S}\s+)?boards?\b|\blocal\s+children{_S}\s+safeguarding\s+boards?\b"
            r"|\bLSCBs?\b")),
    Kind("safeguarding-partnership", "safeguarding children partnership", "organisation-kinds", "own",
         _p(rf"\b(?:local\s+)?safeguarding\s+(?:children{_S}\s+)?partnerships?(?:\s+board)?\b|\b(?:LSCP|SCP)s?\b")),
    Kind("childrens-trust-board", "children's trust board or children and young people's partnership",
         "organisation-kinds", "own",
         _p(rf"\bchildren{_S}\s+trust\s+(?:board|partnership)\b|\bchildren{_S}\s+and\s+young\s+people{_S}\s+"
            rf"(?:strategic\s+)?partnership(?:\s+board)?\b")),
    Kind("corporate-parenting-board", "corporate parenting board or panel", "organisation-kinds", "own",
         _p(r"\bcorporate\s+parenting\s+(?:partnership\s+)?(?:board|panel|committee|group|forum)s?\b")),
    Kind("health-wellbeing-board", "health and wellbeing board", "organisation-kinds", "own",
         _p(r"\bhealth\s+and\s+well[\s-]?being\s+boards?\b")),
    Kind("children-in-care-council", "children in care council", "organisation-kinds", "own",
         _p(r"\b(?:children|child)\s+(?:in\s+care|looked\s+after)\s+councils?\b|\bCiCC\b")),
    Kind("cdop", "child death overview panel", "organisation-kinds", "own",
         # ("the panel that reviews child deaths in <A> and <B>")
         _p(r"\bchild\s+death\s+overview\s+panels?\b|\bCDOPs?\b|\bpanels?(?=\s+(?:that|which)\s+(?:reviews?|considers?)\s+"
            r"(?:the\s+)?(?:child\s+deaths|deaths\s+of\s+children)\b)")),
    Kind("family-justice-board", "family justice board", "organisation-kinds", "own",
         _p(r"\b(?:local\s+)?family\s+justice\s+boards?\b")),
    Kind("channel-panel", "Channel panel", "organisation-kinds", "own",
         _p(r"[‘'“\"]?\bchannel[’'”\"]?\s+panels?\b")),
    Kind("community-safety-partnership", "community safety partnership", "organisation-kinds", "own",
         _p(r"\bcommunity\s+safety\s+(?:and\s+(?:[a-z]+\s+){1,3})?(?:partnerships?|boards?)\b")),
    Kind("mash", "multi-agency safeguarding hub", "organisation-kinds", "own",
         # "the multi-agency children's hub (MACH)" is the same front door under another name
         # ("one multi-agency referral unit (MARU)")
         _p(r"\bmulti[\s-]agency\s+(?:(?:safeguarding|children[’']?s)\s+)?hubs?\b|\bMASH\b|\bMACH\b|"
            r"\bmulti[\s-]agency\s+referral\s+(?:units?|teams?|hubs?)\b|\bsafeguarding\s+hubs?\b")),
    Kind("shared-services", "shared services partnership of councils", "organisation-kinds", "joint",
         _p(r"\b(?:tri|bi)[\s-]?borough\s+(?:partnership|arrangements?|agreement|services|approach)\b"
            r"|\bshared\s+(?:(?:leadership|management)\s+and\s+)?(?:(?:operational|council)\s+)?"
            r"(?:services|service\s+(?:arrangements?|delivery))\b")),
    # A sub-group in lower case ("the joint exploitation sub-group") is a body only where the
    # sentence ties it to councils; named ones ("Missing and Exploitation Panel") by their name.
    Kind("sub-group", "sub-group, panel or forum", "organisation-kinds", "joint",
         # (a word after a hyphen is the end of another: "a Merseyside-wide sub-group" is the group's)
         _p(r"\b(?:(?:joint|shared)\s+)?(?:(?<![\w-])(?-i:[a-z][a-z0-9’'-]*)\s+){0,3}sub[\s-]?groups?\b")),
    Kind("commissioned-service", "jointly commissioned or contracted service", "service-types", "joint",
         _p(r"\b(?:jointly\s+|joint(?:ly)?[\s-])?commissioned\s+(?:[a-z][\w’'-]*\s+){0,3}"
            r"(?:services?|provision|contracts?|teams?)\b"
            # "<A>, with <B> and <C>, jointly commissions an independent return home interview service"
            # "Swindon commissions substance misuse support for young people jointly with Wiltshire"
            r"|\bcommission(?:s|ed)?\s+(?-i:[a-z])[\w’'-]*(?:\s+(?-i:[a-z])[\w’'-]*){0,3}?"
            r"(?=(?:\s+for\s+(?:[\w’'-]+\s+){1,3}?|\s+)jointly\s+with\b)"
            r"|\b(?:jointly\s+commission|co-(?:commission|fund))(?:s|ed)?\s+(?:(?:a|an|the|their)\s+)?(?:(?-i:[a-z])[\w’'-]*\s+){0,4}?"
            r"(?:services?|provision|contracts?|frameworks?|accommodation|placements?|beds?|advocacy)\b")),
    Kind("consortium", "consortium of councils", "organisation-kinds", "joint",
         _p(r"\b(?:commissioning\s+|regional\s+|sub-regional\s+)?consortium\b|\bconsortia\b")),
    Kind("board", "board or partnership", "organisation-kinds", "named", None),
    # Bodies that deliver services for one or more councils, and partner organisations.
    Kind("childrens-services-company", "children's services trust or company", "organisation-kinds", "named", None),
    Kind("regional-adoption-agency", "regional adoption agency", "organisation-kinds", "named", None),
    Kind("nhs-trust", "NHS trust", "organisation-kinds", "named", None),
    Kind("pct", "primary care trust", "organisation-kinds", "named", None),
    Kind("ccg", "clinical commissioning group", "organisation-kinds", "named", None),
    Kind("icb", "integrated care board", "organisation-kinds", "named", None),
    Kind("police-force", "police force", "organisation-kinds", "named", None),
    Kind("cafcass", "Cafcass", "organisation-kinds", "named", None),
    Kind("voluntary-organisation", "voluntary or community organisation", "organisation-kinds", "named", None),
    # Services by type (the inspected council's own unless tied to other councils).
    Kind("front-door", "front door", "service-types", "own", _p(r"\bfront\s+door\b")),
    Kind("lado", "local authority designated officer", "service-types", "own",
         _p(r"\b(?:local\s+authority\s+)?designated\s+officers?\b(?!\s+for\s+(?:looked|children\s+in\s+care))|\bLADOs?\b")),
    Kind("virtual-school", "virtual school", "service-types", "own", _p(r"\bvirtual\s+schools?\b")),
    Kind("iro-service", "independent reviewing officer service", "service-types", "own",
         _p(r"\bindependent\s+reviewing\s+(?:officer\s+)?service\b|\bIRO\s+service\b")),
    Kind("camhs", "child and adolescent mental health services", "service-types", "own",
         _p(r"\bchild\s+and\s+adolescent\s+mental\s+health\s+services?\b|\bCAMHS\b")),
    Kind("fostering-service", "fostering service", "service-types", "own", _p(r"\bfostering\s+service\b")),
    Kind("adoption-service", "adoption service", "service-types", "own",
         _p(r"\b(?<!regional\s)adoption\s+service\b")),
    Kind("leaving-care-service", "leaving care service", "service-types", "own",
         _p(r"\bleaving\s+care\s+(?:service|team)s?\b|\bcare\s+leavers{_S}\s+service\b".replace("{_S}", _S))),
    Kind("early-help-service", "early help service", "service-types", "own",
         _p(r"\bearly\s+help\s+(?:service|hub)s?\b")),
    Kind("emergency-duty-service", "emergency duty service", "service-types", "own",
         # "an out-of-hours social work service", "the emergency duty social care team"
         _p(r"\b(?:emergency\s+duty|out[\s-]of[\s-]hours)\s+(?:(?:social\s+work|social\s+care|children[’']s|"
            r"safeguarding|duty|response)\s+)?(?:service|team|cover)s?\b"
            r"|\bemergency\s+social\s+(?:work|care)\s+(?:service|team)s?\b|\bEDTs?\b")),
    Kind("youth-offending-service", "youth offending or youth justice service", "service-types", "own",
         _p(r"\byouth\s+(?:offending|justice)\s+(?:service|team)s?\b|\bYO[ST]\b")),
)

BY_NOTATION: dict[str, Kind] = {k.notation: k for k in KINDS}


@dataclass(frozen=True, slots=True)
class GenericPhrase:
    """Words that name no kind of body ("the new arrangements", "this service", "the innovation project"),
    a body of `kind` only where the sentence ties them to councils: a cue and the councils it names, "with"
    and councils right after them, or a group's name right before them ("pan-Bedfordshire arrangements").
    They are looked for after every other pattern and give way to a body of a kind that the same cue
    speaks of."""

    kind: str
    pattern: re.Pattern[str]
    cues: tuple[str, ...]  # as KIND_CUES: one of them is in every match, lower-cased
    group_only: bool = False  # a body only of a group named right before it, never of a cue and councils


# Words before "arrangements" or "agreement" that make them no body shared between councils:
# a shared director is not a shared service, nor is working together.
_NOT_A_BODY = ("leadership", "management", "managerial", "working", "governance", "living", "contact", "care",
               "placement", "supervision", "accommodation", "funding", "financial", "transitional",
               "interim", "temporary", "holding", "visiting", "access", "family", "court", "legal")
_NOT_AFTER = "".join(rf"(?<!\b{word}\s)" for word in _NOT_A_BODY)
# Lower-case words that can qualify "project" or "programme" (not articles, verbs or prepositions).
_QUALIFIER = (r"(?!(?:the|a|an|and|or|of|with|to|in|on|for|by|is|are|was|were|has|have|had|this|that|these|"
              r"those|its|their|our|new|which|who|as|at|from|been|being|such)\s)(?-i:[a-z])[\w’'-]*\s+")
# A lower-case word that is no article, verb or preposition, and holds no capital ("pan-Sussex" is a group's name);
# "missing from" is one word of a body's subject ("the pan-Cheshire missing from home group").
_LOWER_WORD = r"(?:(?-i:missing)\s+from\s+|(?!(?:the|a|an|and|or|of|with|to|in|on|for|by|is|are|was|were|has|have|" \
              r"had|this|that|these|those|its|their|our|which|who|as|at|from|been|being|such|through|via|across|within)\s|" \
              r"(?:tri|bi)[\s-]?borough)(?-i:[a-z][a-z’'-]*)\s+)"
GENERIC_PHRASES: tuple[GenericPhrase, ...] = (
    GenericPhrase("shared-services", _p(
        rf"{_NOT_AFTER}\b(?:(?:new|joint|shared|collaborative|partnership|formal|contractual|reciprocal|pooled|"
        r"commissioning|cross-authority|cross-border)\s+){0,2}(?:arrangements?|agreements?)\b"),
        ("arrangement", "agreement")),
    # "the missing from home service", "a return home interview service": a service named by what it
    # does, with the councils it is shared with.
    GenericPhrase("shared-services", _p(
        r"\b(?:this|that|the|a|an|one|its|their)\s+(?:(?:shared|joint|single|combined|new|local|specialist|dedicated|regional|sub-regional)\s+)?"
        rf"(?:missing(?:\s+from\s+(?:home|care))?\s+(?:children\s+)?|return\s+home\s+interviews?\s+|(?:{_LOWER_WORD}|and\s+(?=[a-z])){{1,5}})?(?:service|scheme)\b"
        r"(?![\w-]|\s+(?:level|users?|managers?|leads?|areas?|plans?|delivery|provision|standards?|specification)\b)"),
        ("service", "scheme")),
    GenericPhrase("shared-services", _p(
        rf"\b(?:{_QUALIFIER}){{0,4}}(?-i:projects?|programmes?|pilots?|initiatives?)\b"
        r"(?![\w-]|\s+(?:model|phase|scheme|project|programme|group|board|meeting)s?\b)"),
        ("project", "programme", "pilot", "initiative")),
    # "a dual board, covering both <Council> and <Council>", "a joint <coordinating> group across <Council> and
    # <Council>": a board or group said to be joint, with the councils it covers.
    # ("a joint commissioning board, covering <A> and <B>")
    GenericPhrase("board", _p(rf"\b(?:joint|dual|shared|combined)\s+(?:{_LOWER_WORD}|and\s+(?=[a-z])){{0,4}}(?-i:board|partnership)\b"),
                  ("board", "partnership")),
    # "a West Yorkshire improvement board": a board in lower case is a body only of the group named right before it.
    # ("the HIPS partnership, bringing together …": a partnership in lower case right after a group's name)
    GenericPhrase("board", _p(rf"(?<![\w’'-])(?:{_LOWER_WORD}){{1,3}}(?-i:boards?)\b(?![\w-])|(?<=[A-Z]\s)(?-i:partnership)\b(?![\w-])"),
                  ("board", "partnership"),
                  group_only=True),
    # "under a contract that <A> jointly commissioned with <B>", "a joint framework with <A> and <B>"
    GenericPhrase("commissioned-service", _p(
        rf"\b(?:a|an|the|one)\s+(?:(?:joint|shared|single|new|common)\s+)?(?:{_LOWER_WORD}){{0,2}}(?:contract|framework)s?\b"
        # "a contract with <provider>": councils contract with providers; with each other they do so jointly
        r"(?!\s+(?:manager|monitoring|management|officer)s?\b|\s+with\b)"), ("contract", "framework")),
    # "Stockport is part of the regional adoption agency with Manchester, Salford and Trafford": an agency not named.
    # An adoption agency said to be joint, or its acronym ("the RAA with Bury and Wigan"): an agency of councils.
    GenericPhrase("regional-adoption-agency",
                  re.compile(r"\b(?i:(?:the|a|an|our|its|their)\s+(?:(?:regional|joint|shared)\s+)?adoption\s+agency)\b"
                             r"|\b(?i:the|a|an|our|its|their)\s+RAA\b"),
                  ("agency", "raa")),
    GenericPhrase("sub-group", _p(
        rf"\b(?:joint|shared|cross-borough|cross-border|cross-authority)\s+(?:{_QUALIFIER}|(?-i:[A-Z]{{2,5}})\s+){{0,3}}(?-i:groups?|sub-groups?|panels?|forums?|"
        r"sub-?committees?)\b"),
        ("group", "panel", "forum", "committee")),
    # "a children's trust that serves <A> and <B>": a trust in lower case, no name of its own, tied to councils.
    GenericPhrase("childrens-services-company", re.compile(
        r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Tt]his|[Oo]ne)\s+(?:(?:new|independent|single|joint|shared)\s+)?"
        r"children[’']s\s+(?:services\s+)?(?:trust|company)\b(?!\s+(?:board|partnership|arrangements?)\b)"), ("trust", "company")),
    # "have set up a jointly owned trading company": a company said to be owned jointly
    GenericPhrase("childrens-services-company", re.compile(
        r"\b(?:[Aa]n?|[Tt]he)\s+jointly[\s-]owned\s+(?:(?:trading|local\s+authority|not-for-profit)\s+)?(?:trust|company)\b"),
        ("trust", "company")),
    # "commissioned from a trust jointly owned with <council>": a trust or company said to be owned with a council.
    GenericPhrase("childrens-services-company", re.compile(
        r"\b(?:[Aa]n?|[Tt]he)\s+(?:(?:new|independent|single|not-for-profit|social\s+enterprise|joint\s+venture|"
        r"wholly[\s-]owned|council-owned|trading|traded|community\s+interest)\s+){0,2}(?:trust|company)\b(?=,?\s+(?:which\s+is\s+)?"
        r"(?:jointly\s+)?owned\s+(?:jointly\s+)?(?:by|with)\b"
        # "a trust that North Northamptonshire owns jointly with West Northamptonshire", "a company it owns jointly
        # with Richmond", "a not-for-profit company that <A> set up with <B> and <C>"
        r"|\s+(?:(?:that|which)\s+(?:the\s+council|[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,5})|it)\s+"
        r"(?:owns\s+jointly|co-owns|(?:jointly\s+)?(?:set\s+up|established|created|formed|founded))\s+with\b"
        # "a wholly owned company set up by <A> and <B>", "the independent trust that runs social care for children in <A>"
        r"|\s+(?:jointly\s+)?(?:set\s+up|established|created|formed|founded)\s+(?:jointly\s+)?by\b"
        r"|\s+(?:that|which)\s+(?:now\s+)?(?:runs|delivers|provides)\s+(?:[\w’']+\s+){0,2}?(?:social\s+care|services)\b)"),
        ("trust", "company")),
    # "delivered by a local charity across <A>, <B> and <C>": a provider not named, tied to the councils it serves.
    GenericPhrase("commissioned-service", _p(
        r"\b(?:a|an|the|one)\s+(?:(?:single|local|national|regional|voluntary(?:[\s-]sector)?|independent|specialist|"
        r"third[\s-]sector|external|private|commissioned|charitable)\s+){0,2}"
        # ("an independent return interview provider")
        rf"(?:(?:return\s+(?:home\s+)?interview|advocacy|independent\s+visitor|mentoring|therapeutic|counselling)\s+)?(?:charity|provider)\b"
        # "a voluntary organisation that <A> and <B> commission together"
        r"|\b(?:a|an|the|one)\s+(?:(?:single|local|national|regional|specialist)\s+)?(?:voluntary(?:\s+sector)?|"
        r"third[\s-]sector|charitable|community)\s+organisation\b"
        # "a single organisation commissioned across the Black Country"
        r"|\b(?:a|one)\s+single\s+organisation\b"),
        ("charity", "provider", "organisation")),
    # "the pan-<county> policies and procedures group", "the <group>-wide exploitation panel": a group in lower
    # case is a body only of the group named right before it (or of the councils a cue ties it to).
    GenericPhrase("sub-group", _p(
        rf"(?<![\w’'-])(?:{_LOWER_WORD}|and\s+(?=[a-z])){{0,4}}(?-i:(?:sub-?)?groups?|sub-?committees?)\b(?![\w-])"),
        ("group", "committee"), group_only=True),
    # "a panel serving <A>, <B> and <C>": a bare panel is a body only of the councils named right after it
    GenericPhrase("sub-group", _p(r"\b(?:a|an|the|one)\s+(?:(?:single|joint|shared)\s+)?(?:pan-[A-Z][\w-]*\s+|[A-Z][\w-]*-wide\s+|"
                                  r"[a-z]+-[a-z]+\s+[A-Z][\w-]*\s+)?panel\b(?![\w-])"), ("panel",),
                  group_only=True),
    # "the board that Cornwall shares with the Isles of Scilly", "a partnership covering Derby and Derbyshire": a bare
    # board or partnership, likewise
    GenericPhrase("board", _p(r"\b(?:a|an|the|one)\s+(?:(?:single|joint|shared)\s+)?(?:pan-[A-Z][\w-]*\s+|"
                              r"[A-Z][\w-]*-wide\s+)?(?:board|partnership)\b(?![\w-])"), ("board", "partnership"),
                  group_only=True),
    # "a West Yorkshire panel on trafficking": a bare panel or forum right after a group's name is a body only of that
    # group (with words before it, the next phrase reads it)
    GenericPhrase("sub-group", _p(r"(?<![\w’'-])(?-i:panels?|forums?)\b(?![\w-])"), ("panel", "forum"), group_only=True),
    # "the adoption panel is run jointly with <Council>": a panel or forum named by what it does ("a group" of
    # people is too common a word to be a body without a group of councils before it).
    GenericPhrase("sub-group", _p(
        rf"(?<![\w’'-])(?:{_LOWER_WORD}|and\s+(?=[a-z])){{1,4}}(?-i:panels?|forums?)\b(?![\w-])"), ("panel", "forum")),
    # "a specialist team that works across <group>", "the exploitation team works across <A> and <B>".
    GenericPhrase("shared-services", _p(
        rf"\b(?:a|an|the|one|this|that)\s+(?:{_LOWER_WORD}){{0,3}}(?-i:teams?|hubs?|units?)\b(?![\w-]|\s+(?:model|approach)s?\b)"), ("team", "hub", "unit")),
    # "the tri-borough complaints service", "a pan-<county> exploitation unit": a service of the group named right
    # before it.
    GenericPhrase("shared-services", _p(
        rf"(?<![\w’'-])(?:{_LOWER_WORD}){{0,3}}(?-i:services?|teams?|units?|hubs?)\b(?![\w-])"),
        ("service", "team", "unit", "hub"), group_only=True),
    # "a single point of access that serves both Richmond and Kingston": a front door shared by the councils a cue ties
    # it to (alone, the words also name a person, or a way into CAMHS)
    GenericPhrase("front-door", _p(r"\bsingle\s+points?\s+of\s+(?:access|contact|entry)\b"), ("point",)),
    # "a sub-regional commissioning framework with <A> and <B>" for placements.
    # "the Greater Manchester fostering recruitment partnership": a partnership in lower case is a body only of the
    # group named right before it (or of the councils a cue ties it to).
    GenericPhrase("consortium", _p(
        rf"(?<![\w’'-])(?:{_LOWER_WORD}){{1,3}}(?-i:partnerships?|alliances?|collaboratives?)\b(?![\w-])"),
        ("partnership", "alliance", "collaborative"), group_only=True),
    # "<A> and <B> share a director and a number of children's services", "several children's services are now
    # delivered across both areas": services of the councils run together
    GenericPhrase("shared-services", _p(
        r"\b(?:a\s+number\s+of|several|some|many|most)\s+(?:of\s+(?:their|its|the)\s+)?children[’']s\s+services\b"),
        ("services",)),
    # "a block of secure beds funded jointly with <A> and <B>": beds bought together are a commissioned service
    GenericPhrase("commissioned-service", _p(
        r"\b(?:a\s+block\s+of\s+)?(?:(?:secure|welfare|residential|specialist|emergency|respite|crisis|step-down)\s+){1,2}beds\b"),
        ("beds",)),
    GenericPhrase("commissioned-service", _p(
        r"\b(?:(?:sub-regional|regional|joint|shared|collaborative|pan-\w+)\s+)?(?:commissioning|procurement|"
        r"purchasing|placements?)\s+(?:frameworks?|hubs?|partnerships?)\b"), ("framework", "hub", "partnership")),
)

# Named bodies: each pattern's group "name" is the body's name. Leading words are capitalised,
# so "the police" or "health partners" never match.
_NAME = rf"(?:{_CAP}\s+(?:(?:and|of|for|upon|on|in|with)\s+)?){{0,6}}"
# A board's or panel's name is never the start of a longer one ("Black Country Partnership Foundation Trust").
_NOT_CUT = r"(?!\s+(?:[A-Z][\w’'-]*\s+)*?(?:NHS|Foundation|Trust|Limited|Ltd|CIC)\b)"
NAMED_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nhs-trust", re.compile(rf"(?P<name>{_NAME}{_CAP}\s+(?:NHS\s+(?:Foundation\s+)?Trust|Foundation\s+Trust|"
                             rf"Healthcare\s+(?:NHS\s+)?Trust))\b")),
    ("pct", re.compile(rf"(?P<name>{_NAME}{_CAP}\s+(?:Primary\s+Care\s+Trust|PCT))\b")),
    ("ccg", re.compile(rf"(?P<name>{_NAME}{_CAP}\s+(?:Clinical\s+Commissioning\s+Group|CCG))\b")),
    ("icb", re.compile(rf"(?P<name>{_NAME}{_CAP}\s+(?:Integrated\s+Care\s+Board|ICB))\b")),
    ("police-force", re.compile(
        rf"(?P<name>(?:{_CAP}\s+(?:(?:and|of)\s+)?){{0,3}}{_CAP}\s+(?:[Pp]olice(?:\s+Service|\s+Force)?|Constabulary))\b")),
    ("childrens-services-company", re.compile(
        rf"(?P<name>(?:{_CAP}\s+){{1,3}}Children{_S}\s+(?:Services\s+)?(?:Trust|Company))\b(?!\s+(?:[Bb]oard|[Pp]artnership|arrangements))")),
    # "Adopt London North", also printed "Adopt London, North"; "Adopt Coast to Coast"; never the
    # end of another name ("Foster to Adopt Champion").
    ("regional-adoption-agency", re.compile(
        rf"(?<!\bto\s)(?<!\bTo\s)(?P<name>Adopt\s+(?:{_CAP}\s+(?:to\s+)?){{0,2}}{_CAP}"
        rf"(?:,\s+(?:North|South|East|West)\b)?)\b(?!\s+(?:[Cc]hampion|[Pp]lacements?|[Cc]arers?|[Ss]cheme))")),
    # "the Central East Regional Adoption Agency", "the Greater Manchester Adoption Agency": an agency named by its
    # place (a voluntary or local authority adoption agency is no regional one)
    ("regional-adoption-agency", re.compile(
        rf"(?P<name>(?:(?!(?:Regional|Voluntary|Local|Independent|Authority|Council)\b){_CAP}\s+(?:and\s+)?){{1,4}}"
        r"(?:Regional\s+)?Adoption\s+Agency)\b")),
    # "Humber Family Services Ltd, a company wholly owned by …": a limited company by name
    ("childrens-services-company", re.compile(rf"(?P<name>(?:{_CAP}\s+(?:(?:and|for|of)\s+)?){{1,5}}(?:Ltd|Limited))\b")),
    ("consortium", re.compile(
        # never cut before the rest of its name ("… Consortium Consultation Service", "… Consortium of … Organisations")
        rf"(?P<name>(?:{_CAP}\s+(?:(?:and|of|for|on|in|to)\s+)?){{1,6}}Consortium(?:\s+(?:of\s+)?(?!Consortium){_CAP}){{0,4}})\b")),
    ("sub-group", re.compile(
        rf"(?P<name>(?:[Pp]an-)?(?:{_CAP}\s+(?:(?:and|of|for|on|in|to)\s+)?){{1,6}}(?:Forum|Panel|Group|Sub-?[Gg]roup|Sub-?[Cc]ommittee))\b{_NOT_CUT}")),
    ("board", re.compile(
        rf"(?P<name>(?:[Pp]an-)?(?:{_CAP}(?:,\s+(?=(?:{_CAP}\s+)+and\s)|\s+(?:(?:and|of|for|on|in|to)\s+)?)){{1,8}}"
        # (the violence reduction units of police areas are partnerships of their councils, police and health)
        rf"(?:Board|Partnership|Violence\s+(?:and\s+Exploitation\s+)?Reduction\s+(?:Unit|Network)))\b{_NOT_CUT}")),
)

# Police areas whose names are not a council's (the others are named for their county or city).
POLICE_AREAS = frozenset("""
metropolitan|british transport|thames valley|west mercia|northumbria|avon and somerset|devon and cornwall|
cleveland|humberside|merseyside|south yorkshire|west yorkshire|north yorkshire|greater manchester|
west midlands|sussex|dyfed-powys|city of london|durham|essex|kent|surrey|cumbria|lancashire|cheshire|
""".replace("\n", "").strip("|").split("|"))

# National bodies and charities known by one name wherever they appear (no council in them).
NATIONAL_BODIES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("cafcass", "Cafcass", re.compile(r"\bCafcass\b|\bCAFCASS\b|Children and Family Court Advisory and Support Service")),
    ("voluntary-organisation", "NSPCC", re.compile(r"\bNSPCC\b")),
    ("voluntary-organisation", "Barnardo's", re.compile(r"\bBarnardo[’']?s\b")),
    ("voluntary-organisation", "The Children's Society", re.compile(r"\bThe\s+Children[’']s\s+Society\b")),
    ("voluntary-organisation", "Action for Children", re.compile(r"\bAction\s+for\s+Children\b")),
    ("voluntary-organisation", "Catch22", re.compile(r"\bCatch\s?22\b")),
    ("voluntary-organisation", "Coram", re.compile(r"\bCoram\b(?!\s+(?:Ambitious|Capital|Adoption))")),
    ("voluntary-organisation", "Family Action", re.compile(r"\bFamily\s+Action\b")),
)

# Words that start a capitalised run but are not part of a name ("The", sentence openers, and the
# generic heads that would otherwise make "Local Safeguarding Children Board" a named board).
NAME_STOPWORDS = frozenset("""
the a an this that these those its their our his her both each all every when while where whilst
however although as at by from in into of on for with and or but if since since so to under
recently currently also further there here it they he she we inspectors inspector ofsted
leaders managers partners partner new joint such including include includes board
january february march april may june july august september october november december
monday tuesday wednesday thursday friday
""".split())

# Generic names of bodies that span many councils: without a place they identify nothing.
GENERIC_NAMES = frozenset({"integrated care board", "integrated care partnership", "integrated care system",
                           "children’s trust", "children’s services trust"})

# Words that every match of a pattern above contains, so a sentence without any of them need not
# be searched with it (searching is most of the cost of organisation extraction). KIND_CUES are
# looked for in the lower-cased sentence (the kind patterns ignore case), the others as printed.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "adults-safeguarding-board": ("adult",),
    "channel-panel": ("channel",),
    "sub-group": ("group",),
    "commissioned-service": ("commission", "fund"),
    "consortium": ("consorti",),
    "lscb": ("safeguarding", "lscb"),
    "safeguarding-partnership": ("safeguarding", "scp"),
    "childrens-trust-board": ("trust", "partnership"),
    "corporate-parenting-board": ("corporate",),
    "health-wellbeing-board": ("health",),
    "children-in-care-council": ("council", "cicc"),
    "cdop": ("death", "cdop"),
    "family-justice-board": ("justice",),
    "community-safety-partnership": ("community",),
    "mash": ("safeguarding", "mash", "mach", "hub", "referral"),
    "shared-services": ("borough", "shared"),
    "front-door": ("door",),
    "lado": ("designated", "lado"),
    "virtual-school": ("virtual",),
    "iro-service": ("reviewing", "iro"),
    "camhs": ("adolescent", "camhs"),
    "fostering-service": ("fostering",),
    "adoption-service": ("adoption",),
    "leaving-care-service": ("leaving", "leavers"),
    "early-help-service": ("early",),
    "emergency-duty-service": ("emergency", "hours", "edt"),
    "youth-offending-service": ("youth", "yos", "yot"),
}
NAMED_CUES: dict[str, tuple[str, ...]] = {
    "nhs-trust": ("NHS", "Foundation", "Healthcare"),
    "pct": ("Primary", "PCT"),
    "ccg": ("Clinical", "CCG"),
    "icb": ("Integrated", "ICB"),
    "police-force": ("olice", "Constabulary"),
    "childrens-services-company": ("Trust", "Company", "Ltd", "Limited"),
    "regional-adoption-agency": ("Adopt",),
    "consortium": ("Consortium",),
    "sub-group": ("Forum", "Panel", "Group", "Sub"),
    "board": ("Board", "Partnership", "Reduction"),
}
NATIONAL_CUES: dict[str, tuple[str, ...]] = {
    "Cafcass": ("Cafcass", "CAFCASS", "Children and Family Court"),
    "NSPCC": ("NSPCC",),
    "Barnardo's": ("Barnardo",),
    "The Children's Society": ("Society",),
    "Action for Children": ("Action",),
    "Catch22": ("Catch",),
    "Coram": ("Coram",),
    "Family Action": ("Action",),
}
