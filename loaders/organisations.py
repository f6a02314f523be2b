"""Boards, partnerships, partner organisations and services named in a report, resolved to bodies.

Per sentence: find the bodies (phrases of a kind, proper names, abbreviations the report defines),
the councils the sentence names outside those bodies, and the cue that ties them ("shared with",
"jointly", "comprises", "on behalf of", "commissioned from", "delegated … to", "also chairs"). A
body is tied to a council other than the inspected one only when the sentence names that council,
or a group of councils (loaders/gazetteer) the inspected council belongs to; generic phrases
("the partnership", "partners", "the police") never make a body, and a group's name never makes
one council.

Resolution keys (see OrganisationMention.key) make the same body the same graph node in every
report: "{kind}/{GSS[+GSS…]}" for a council's own or jointly-run body, "{kind}/{group key}" for a
body of a named group, "{kind}/{key}" for a body with a name of its own (a trust, a police force, a
regional adoption agency): the reference list's key, else its folded name (gazetteer.body_name_key).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from cskg.loaders.authorities import Authority, authority_index, normalise_name
from cskg.loaders.document import Document
from cskg.loaders.gazetteer import Group, ReferenceBody, body_name_key, gazetteer
from cskg.ontology import AUTHORITIES_JSON
from cskg.loaders.organisation_kinds import (
    BY_NOTATION, GENERIC_NAMES, GENERIC_PHRASES, KIND_CUES, KINDS, NAME_STOPWORDS, NAMED_CUES, NAMED_PATTERNS,
    NATIONAL_BODIES, NATIONAL_CUES, POLICE_AREAS,
)
from cskg.loaders.organisation_text import Sentence, definitions, sentences
from cskg.loaders.parsing import lowered_for_search
from cskg.loaders.records import Member, OrganisationMention, ReportRecord, Role

__all__ = ["extract_organisations", "find_in_sentences"]

# Cues that a body is run jointly by, or shared between, the councils the sentence names.
# "share" only with the body as its object: "Derby and Derbyshire share a child death overview panel".
# "covers", "serves", "spans" only before names ("covers Cornwall and the Isles of Scilly", not "covers children
# placed in Salford"); "shares" only with the body or "with" after it ("shares learning with" shares no body).
# ("serves both it and Bedford Borough", "works for all three tri-borough councils")
# Numbers of councils as words ("the twelve north east councils", "the region's fifteen councils")
_NUMBERS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
_COUNT = "|".join(sorted((w for w in _NUMBERS if w != "both"), key=len, reverse=True))


def _number(word: str) -> int:
    return _NUMBERS.get(word.lower()) or (int(word) if word.isdigit() else 0)


_NAMES_AFTER = (r"(?=\s+(?:(?:both|all|every|each|the|whole|of|other|its|their|city|county|(?:it|itself)\s+and|(?:council|authority)\s+and|"
                r"(?:its|their)\s+neighbours?,?)\s+)*"
                r"(?:(?-i:[A-Z])|(?i:tri|bi)-borough)|"
                r"\s+(?:(?:the|all)\s+)?(?:two|three|four|five|six)\s)")
# "(also) works with / supervises / supports young people from <council>": a service that works for that council too
_WORKS_WITH_PEOPLE = r"(?:works\s+with|supervises|supports|serves|responds\s+to)\s+(?:children|young\s+people|families)\s+(?:in|from)"
# A relative clause that says who runs a body with whom: "a panel that North Yorkshire operates jointly with",
# "the board that Cornwall shares with", "a MASH that it continues to operate with", "a panel it runs together with".
_RUNS_WITH = (r"(?:(?:that|which)\s+(?:it|the\s+(?:council|authority|borough|county|city)|(?-i:[A-Z])[\w’'-]*"
              r"(?:\s+(?:(?:and|upon|on|with)\s+)?(?-i:[A-Z])[\w’'-]*){0,4})|it)\s+"
              r"(?:(?:now|also|still|has|have|had|jointly|continues\s+to|continue\s+to)\s+)*"
              r"(?:shares?|shared|runs?|ran|operates?|operated|owns?|set\s+up|established|convenes?|convened|funds?|"
              # ("the consortium, which it formed with …", "the project that Enfield leads with …")
              r"funded|commissions?|commissioned|hosts?|formed|created|founded|leads?|led|manages?|managed)\s+"
              r"(?:(?:jointly|together|in\s+common)\s+)?")
_JOINT = re.compile(r"\b(?:jointly|joint|shared|cross-borough|comprises|comprising|covering|in\s+combination\s+with|"
                    # "<A>'s MASH is co-located with <B>'s, and the two operate as one hub"
                    r"(?:operate|work|function|run)s?\s+as\s+(?:one|a\s+single|a\s+combined)(?=\s)|"
                    # "<A> and <B> have together commissioned one provider", "<A>'s board merged with <B>'s"
                    r"together\s+(?:commissioned|commission|funded|fund|run|operated?|established|set\s+up)\b|"
                    rf"merged\s+with{_NAMES_AFTER}|"
                    # "…; Derby, Nottingham and Leicestershire are also members", "… whose member councils are <A>, <B>",
                    # "have brought their front doors together in one hub", "which brings <A>, <B> and <C> together",
                    # "…, which is accountable to <A>, <B> and <C>"
                    r"\b(?:are|is)\s+also\s+(?:members?|part)\b|"
                    # "…; member councils, among them Suffolk and Cambridgeshire, …"
                    rf"\bmember\s+(?:councils|authorities),?\s+among\s+them{_NAMES_AFTER}|"
                    rf"\bwhose\s+member\s+(?:councils|authorities)\s+are{_NAMES_AFTER}|"
                    r"\btogether\s+in\s+(?:one|a\s+single)\b|"
                    r"\bbrings?\s+(?-i:[A-Z])[^.;]{0,80}?\s+together\b|"
                    rf"\baccountable\s+to{_NAMES_AFTER}|"
                    # "the Norfolk child death overview panel reviews deaths in Suffolk as well"
                    rf"(?:reviews|considers)\s+(?:child\s+)?deaths\s+(?:of\s+children\s+)?in{_NAMES_AFTER}|"
                    # "…, Rochdale and Oldham sit on the … board"
                    r"\band\s+(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*\s+sit\s+on\s+(?:the|a|an|one)\b|"
                    # "a member of the … consortium, as are Leicester and Nottingham"
                    r"\b(?:members?|part)\s+of\b[^.;]{0,80},\s*as\s+(?:are|is)\s+(?=(?-i:[A-Z]))|"
                    # "a children's trust board that Devon and Torbay share"
                    r"\b(?:that|which)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?:(?:of|upon|on)\s+)?(?-i:[A-Z])[\w’'-]*){0,3}\s+and\s+"
                    r"(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?:(?:of|upon|on)\s+)?(?-i:[A-Z])[\w’'-]*){0,3}\s+"
                    r"(?:share|jointly\s+(?:run|established|set\s+up)|(?:run|established|set\s+up)\s+jointly)\b|"
                    rf"(?:covers?|covered|serves?|served|serving|spans?|spanned|spanning){_NAMES_AFTER}|"
                    # "<A>'s CDOP also reviews child deaths in <B>", "<A>'s LSCB also has responsibility for <B>"
                    rf"also\s+(?:has\s+responsibility\s+for|(?:reviews|considers|screens|handles|reviewed|considered|screened|handled)\s+(?:[a-z]+\s+){{0,5}}?"
                    rf"(?:in|for|from)){_NAMES_AFTER}|"
                    # "a CDOP that it runs with Lancashire, Blackpool and Blackburn with Darwen"
                    r"\bruns?\s+with(?=\s+(?-i:[A-Z]))|"
                    rf"\b{_RUNS_WITH}with{_NAMES_AFTER}|"
                    # "the designated officer service of the tri-borough, which acts for <A>, <B> and <C>", "chaired in
                    # rotation by <A>, <B> and <C>", "<A> and <B> combined their youth offending services", "adopters
                    # approved by <A>, <B> and other member councils", "the other members including <A> and <B>"
                    rf"\bacts?\s+for{_NAMES_AFTER}|\bchaired\s+in\s+rotation\s+by{_NAMES_AFTER}|"
                    # "a wholly owned company set up by <A> and <B>", "runs social care for children in both <A> and <B>"
                    rf"\b(?:set\s+up|established|created|formed|founded|funded)\s+(?:jointly\s+)?by{_NAMES_AFTER}|"
                    r"\b(?:for|about|concerning)\s+(?:children|families|young\s+people)\s+in\s+both(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
                    # "<A>, <B> and <C> all use the same panel", "… sit on one family justice board", "<A> and the other
                    # members of the consortium", "<A> and <B> own the children's trust", "<A> and <B> have operated a
                    # combined CDOP", "published combined multi-agency safeguarding arrangements"
                    r"\b(?:all|both)\s+(?:use|share|attend|have)\s+(?:the\s+same|a\s+single|one)(?=\s)|"
                    # "<A> and <B> rely on the same out-of-hours team", "a training sub-group common to the <A> and <B>
                    # partnerships", "the youth justice service works with children from <A>, <B> and <C>"
                    r"\b(?:rely|relies|depend|depends|draw|draws)\s+on\s+(?:a\s+single|one|the\s+same|a\s+combined)(?=\s)|"
                    rf"\bcommon\s+to{_NAMES_AFTER}|"
                    rf"\bworks?\s+with{_NAMES_AFTER}[^.;]{{0,80}}?\b(?:in|through)\s+(?:a|an|the)\s|"
                    rf"^\s*Through\s+(?:the|a|an|its)\s[^.;,]{{0,80}},\s+[^.;,]{{0,40}}?\bworks?\s+with{_NAMES_AFTER}|"
                    # "<A> and <B> have merged youth offending services", "no longer run separate teams", "a forum drawn
                    # from the partnerships in <A>, <B> and <C>", "draws its membership from <A>, <B> …", "an improvement
                    # board in common", "the same board covers both"
                    r"\b(?:have|has)\s+(?:merged|combined|pooled|integrated)\s+(?=[a-z])|"
                    r"\bno\s+longer\s+(?:runs?|has|have|operates?|keeps?|maintains?)\s+separate\b|"
                    rf"\b(?:drawn|draws\s+(?:its\s+)?(?:membership|members))\s+from(?:\s+the\s+(?:partnerships|boards|councils)\s+(?:in|of))?{_NAMES_AFTER}|"
                    r"\b(?:board|panel|partnership|service|team|hub|group)s?\s+in\s+common\b(?!\s+with)|"
                    r"\bthe\s+same\s+(?=(?:[\w’'-]+\s+){0,4}?(?:board|panel|partnership|service|team|hub|LSCB|MASH|CDOP)\s+(?:covers|serves)\s+both\b)|"
                    rf"\b(?:consortium|partnership|collaborative)\s+arrangements?\s+with{_NAMES_AFTER}|"
                    # ("<A>, <B> and <C> recruit carers together through a … consortium")
                    r"\btogether\s+(?:through|via|under)\s+(?:a|an|the|one)(?=\s)|"
                    # "all ten councils contribute to a … sub-group", "… consortium, to which all five boroughs belong",
                    # "both councils are owners of the trust", "<A> and <B> are statutory partners in", "<A> and <B> take
                    # part in a consortium", "owned in equal shares by <A> and <B>"
                    rf"\b(?:all|both|the)\s+(?:(?:{_COUNT}|\d{{1,2}})\s+)?(?:(?:local|unitary|partner|member|constituent)\s+)?"
                    r"(?:councils|authorities|boroughs|local\s+authorities)\s+(?:(?:in|of)\s+(?:the\s+)?[\w\s-]{0,30}?)?"
                    r"(?:contribute\s+to|belong\b|take\s+part\s+in|participate\s+in|are\s+(?:all\s+)?(?:members|part)\s+of|are\s+represented\s+on)|"
                    r"\bto\s+which\s+[^.;]{0,80}?\bbelong\b|"
                    r"\b(?:are|as)\s+(?:the\s+)?(?:joint\s+|equal\s+)?owners\s+of\b|"
                    r"\b(?:are|as)\s+(?:statutory\s+|equal\s+|joint\s+)?partners\s+in\s+(?:the|a|an)\b|"
                    rf"(?<!wholly\s)\bowned\s+(?:jointly\s+|in\s+equal\s+shares\s+|equally\s+)?by{_NAMES_AFTER}|"
                    r"\band\s+(?-i:[A-Z])[\w’'-]*(?:\s+(?:and\s+|upon\s+|on\s+)?(?-i:[A-Z])[\w’'-]*){0,3}\s+(?:(?:also|both|now|jointly)\s+)?"
                    r"(?:take\s+part|participate)\s+in\s+(?:a|an|the|one)\b|"
                    # "<A>'s youth offending service is also the service for <B>", "… also acts as the youth offending
                    # team for <B>"
                    rf"\b(?:is\s+also|also\s+(?:acts|serves)\s+as)\s+the\s+(?:[\w’'-]+\s+){{0,4}}?for{_NAMES_AFTER}|"
                    # "<A>, <B> and the other <group> authorities make up a regional adoption consortium"
                    r"\bmake\s+up\s+(?:the|a|an|one)(?=\s)|"
                    rf"\b(?:works?\s+with|responds?\s+to)\s+(?:children|young\s+people|families)\s+(?:in|from|across){_NAMES_AFTER}|"
                    # "Merton's emergency duty team is also used by Sutton", "… youth justice service also operates in
                    # Rutland", "remain members of one safeguarding adults board", "to form one strategic partnership",
                    # "the trading company wholly owned by <A> and <B>"
                    rf"\balso\s+used\s+by{_NAMES_AFTER}|\balso\s+(?:operates|works)\s+in{_NAMES_AFTER}|"
                    r"\bmembers\s+of\s+(?:a\s+single|one|the\s+same)(?=\s)|\bto\s+form\s+(?:a\s+single|one|a\s+joint|a\s+combined)(?=\s)|"
                    r"\bwholly\s+owned\s+by\s+(?:both\s+)?(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?:(?:and|upon|on|of)\s+)?(?-i:[A-Z])[\w’'-]*){0,4}"
                    r"\s+and\s+(?:the\s+)?(?-i:[A-Z])|"
                    r"\b(?:sit|meet|work)\s+(?:together\s+)?(?:on|in|through)\s+(?:a\s+single|one|the\s+same)(?=\s)|"
                    r"\b(?:and|with)\s+the\s+other\s+members\s+of\b|"
                    r"(?:\b(?:councils|authorities|boroughs)|(?-i:[A-Z])[\w’'-]*),?\s+(?:jointly\s+)?(?:co-)?own\s+(?:the|a|an)\s|"
                    r"\bcombined(?=\s+(?!with\b|effect|impact|total|judgements?\b|inspection)(?-i:[a-z]))|"
                    r"\b(?:combined|merged|pooled|integrated)\s+their\b|\bother\s+member\s+(?:councils|authorities|boroughs)\b|"
                    rf"\bmembers\s+(?:including|include|are){_NAMES_AFTER}|"
                    # "the youth offending service works for Herefordshire, Shropshire and …"
                    rf"(?:works|operates)\s+for{_NAMES_AFTER}|"
                    # ("<A>, <B> and <C> have together commissioned a therapeutic service")
                    r"together\s+(?:commission(?:ed|s)?|fund(?:ed|s)?|run|ran|operated?|buy|bought)\b|"
                    # "It is provided on a pan-Bedfordshire basis for Central Bedfordshire, Bedford Borough and Luton"
                    rf"on\s+an?\s+(?:pan|tri|bi)[\s-]\S+\s+basis\s+for{_NAMES_AFTER}|"
                    # "the hub receives contacts for both <A> and <B>"
                    r"(?:for|from)\s+both(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
                    # "child deaths across <A>, <B> and <C> are reviewed by a single CDOP", "<A> and <B> are served by
                    # one LSCB", "calls in <A> and <B> are dealt with by the same emergency duty team"
                    r"\b(?:by|through|to|into|under|as)\s+(?:a\s+single|one|the\s+same|a\s+combined)(?=\s+(?!of\b))|"
                    # ("screening for <A>, <B> and <C> is done in one multi-agency hub")
                    r"\b(?:in|within)\s+(?:a\s+single|one)\s+(?=(?:[\w-]+\s+){0,3}(?:hub|team|service|unit|panel|board|partnership)\b)|"
                    # "There is one Channel panel for the whole of the Cleveland police area"
                    r"\bthere\s+(?:is|are)\s+(?:now\s+)?(?:a\s+single|one|a\s+combined)(?=\s)|"
                    # "A single child death overview panel reviews deaths pan-Lancashire"
                    # ("One designated officer manages allegations in both Kingston and Richmond")
                    r"^(?-i:A|One)\s+single(?=\s)|^(?-i:One)(?=\s+(?!of\b)\w)|"
                    # "the consortium, which includes <A>, <B> and <C>", "made up of <A> and <B>"
                    rf"(?:(?:also\s+)?includes?|made\s+up\s+of|(?:brings|draws|bringing|drawing)\s+together){_NAMES_AFTER}|"
                    # "participates in a tri-area panel with <A> and <B>", "a group on which all four boards are represented"
                    rf"\b(?:participates?|takes?\s+part)\s+in\s+[^.;]{{0,80}}?\bwith{_NAMES_AFTER}|"
                    r"\b(?:in|on)\s+which\s+[^.;]{0,60}?\b(?:are|is)\s+(?:also\s+|all\s+)?represented\b|"
                    rf"^\s*(?:Together|Along)\s+with{_NAMES_AFTER}|"
                    # ("shares both its LSCB and its youth offending service with …")
                    r"shares(?=\s+(?:both\s+)?(?:a|an|the|one|their|its|with)\s)|"
                    r"share(?=\s+(?:both\s+)?(?:a|an|the|one|their|its|a\s+joint|a\s+single)\s)|"
                    r"sharing(?=\s+(?:a|an|the|one|their|its)\s)|"
                    # "Derby and Derbyshire operate one Channel panel", "… run a single CDOP"
                    # ("… have commissioned a single provider", "… have formed a single safeguarding partnership")
                    r"(?:(?:operate|run|have|use|fund|keep|retain|convene|employ|appoint|buy|procure|share)s?|(?:commission|form)(?:s|ed)?)\s+"
                    r"(?:(?:kept|retained|had|operated|run|used|funded|shared|set\s+up|established|formed|created)\s+)?(?:a\s+single|one|a\s+combined|"
                    r"a\s+common)(?=\s)|"
                    # "North Tyneside has joined Northumberland in a single safeguarding children partnership"
                    # ("Croydon has joined Bromley, Bexley and Sutton in a south London commissioning consortium")
                    r"\bjoined\s+(?-i:[A-Z])[^.;]{0,60}?\bin\s+(?:(?:commissioning|running|funding|setting\s+up|establishing|"
                    r"creating|forming|operating)\s+)?(?:a|an|one)(?=\s)|"
                    # "commission together", "run it together": the councils the sentence names
                    r"(?:commission|commissioned|buy|bought|run|fund|funded|operate|operated)\s+(?:it\s+|them\s+)?together|"
                    r"(?:across|on\s+behalf\s+of|by|for|serves|serving|covers|covering|one\s+of)\s+(?:all\s+)?(?:the\s+)?"
                    rf"(?:{_COUNT}|both)\s+(?:(?-i:[A-Z])[\w-]*\s+){{0,2}}"
                    r"(?:(?:constituent|partner|member|unitary|local)\s+)?(?:councils|authorities|boroughs|areas|"
                    r"local\s+authorities))\b|"
                    # "Dorset Combined Youth Offending Service, a partnership with Bournemouth, Christchurch and Poole"
                    # ("West Mercia Youth Justice Service, a partnership of Herefordshire, Worcestershire and …")
                    rf"\ba\s+(?:joint\s+)?partnership\s+(?:formed\s+|agreed\s+)?(?:with|of|between){_NAMES_AFTER}|"
                    # "Norfolk, Suffolk and Cambridgeshire are members of an adoption consortium", "a sub-group whose
                    # members are the four boroughs of …"
                    r"\b(?:are|were)\s+(?:all\s+|both\s+|now\s+)?(?:members|partners)\s+(?:of|in)\b|"
                    rf"\bwhose\s+(?:members\s+are|membership\s+(?:comprises|includes)){_NAMES_AFTER}|"
                    # "the Legal Partnership provides legal services to Sutton, Merton and Kingston", "Wiltshire hosts the
                    # designated officer function for Swindon"
                    rf"\bprovid(?:es|ed|e|ing)\s+(?:[a-z][\w-]*\s+){{0,3}}(?:services?|support|advice)\s+(?:to|for){_NAMES_AFTER}|"
                    rf"\bhosts?\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}?(?:function|service|team|role|post|panel|hub)\s+for{_NAMES_AFTER}|"
                    # "the youth justice service works with children in both Dorset and …", "also works with young people
                    # from the City of London"
                    rf"\b(?:also\s+)?works\s+with\s+(?:children|young\s+people|families)\s+(?:in|from)\s+(?:both|all)"
                    rf"{_NAMES_AFTER}|\balso\s+{_WORKS_WITH_PEOPLE}{_NAMES_AFTER}|"
                    # "under an agreement between the two councils"
                    r"between\s+(?:the\s+)?(?:two|both)\s+(?:councils|authorities|boroughs)|"
                    # "Together with Barnet, Enfield and Haringey, the council is a member of the … panel"
                    rf"(?:together|along)\s+with{_NAMES_AFTER}|"
                    # "a consortium, which it joined with Shropshire and Herefordshire"
                    rf"\bjoined\s+(?:forces\s+)?with{_NAMES_AFTER}|"
                    # "a panel, which Bristol convenes with North Somerset and South Gloucestershire"
                    rf"\b(?:convenes?|convened|co-chairs?|co-chaired)\s+(?:it\s+)?with{_NAMES_AFTER}|"
                    # "the consortium, in which Middlesbrough works alongside Durham and Darlington", "a board, on which
                    # Bradford sits with Leeds": the council's place in the body, beside the others
                    rf"\b(?:in|on)\s+which\s+(?:(?:the\s+)?(?:council|authority|borough|city|county)|(?-i:[A-Z])[\w’'-]*"
                    rf"(?:\s+(?:(?:and|upon|on)\s+)?(?-i:[A-Z])[\w’'-]*){{0,3}})\s+(?:sits|works|serves|participates|"
                    rf"is\s+represented)\s+(?:with|alongside){_NAMES_AFTER}|"
                    # "the service, whose reach extends to <A> and <B>", "the consortium, which links it with <A> and <B>"
                    rf"\b(?:reach|remit|coverage)\s+(?:also\s+)?extends\s+(?:also\s+)?to{_NAMES_AFTER}|"
                    rf"\blinks?\s+(?:it|them|the\s+(?:council|authority|borough))\s+with{_NAMES_AFTER}|"
                    # "<A>, <B> and <C> pool their approved adopters through a consortium", "… pooled funding to buy …"
                    # (not a noun: "to widen its pool of carers")
                    r"(?<!\bits\s)(?<!\ba\s)(?<!\bthe\s)(?<!\btheir\s)(?<!\bour\s)\bpool(?:s|ed|ing)?\s+(?:their\s+)?(?!of\b)(?=[a-z])|"
                    # "sits on the South Yorkshire board with colleagues from Barnsley, Rotherham and Sheffield"
                    rf"\bsits?\s+on\s+[^.;]{{0,80}}?\bwith\s+(?:colleagues|counterparts|representatives)\s+from{_NAMES_AFTER}|"
                    # "Middlesbrough is represented on the … board alongside the four other Tees Valley authorities"
                    rf"\b(?:(?:is|are)\s+represented|sits?)\s+on\s+[^.;]{{0,80}}?\b(?:alongside|with){_NAMES_AFTER}|"
                    # "Wirral and the other Merseyside councils are represented on the … board"
                    r"\b(?:councils|authorities|boroughs)\s+(?:are\s+)?(?:all\s+)?represented\s+on\b|"
                    # "Halton has a CDOP in common with Warrington": after the body, not opening a comparison
                    # ("In common with Leeds, the council has its own MASH")
                    rf"(?<=[\w)]\s)(?-i:in)\s+common\s+with{_NAMES_AFTER}|"
                    # "Norfolk and Suffolk operate an adoption consortium": a plural verb after councils' names
                    r"(?:\b(?!(?-i:They|These|Those|We|Some|Many|Most|Both|All|Leaders|Partners|Managers|Staff|Families|"
                    r"Children|Carers|Schools|Agencies)\b)(?-i:[A-Z])[\w’'-]*|\b(?:councils|authorities|boroughs)),?\s+"
                    r"(?-i:(?:jointly\s+)?(?:operate|run|fund|"
                    r"commission|manage|host|maintain|hold))\s+(?:as\s+)?(?:a|an)(?=\s)", re.I)
# "The youth justice service works across <A>, <B> and <C>": councils named, not a place ("works across Greater
# Manchester" says where a team works, not whose it is).
_WORKS_ACROSS = re.compile(r"\b(?:works?|operates?|operated|working|operating|run|provided|delivered|commissioned)\s+across\b",
                           re.I)
# A tri- or bi-borough body: the word qualifies the body it stands in or right before.
_BOROUGHS = re.compile(r"\b(?:tri|bi|three)[\s-]?borough\b", re.I)
# Cues that a council's body or service serves, or is bought from, another council the sentence names
# ("the emergency duty team is commissioned from Cambridgeshire", "in partnership with Harrow").
_SERVED = re.compile(r"(?<!review\s)(?<!audit\s)(?<!reviews\s)(?<!audits\s)"
                     r"\b(?:commissioned|bought|buys|buy|purchased|purchases|procured|provided|delivered|supplied|run|operated|"
                     r"hosted|led)\s+"
                     r"(?:jointly\s+|under\s+(?:a\s+)?contract\s+)?(?:in\s+)?(?:by|from|through|with)\b|\bin\s+partnership\s+with\b|\bon\s+behalf\s+of\b"
                     r"|\bfor\s+itself\s+and\s+(?:for\s+)?|\bas\s+well\s+as\s+(?:for\s+)?itself\b"
                     # "Thurrock buys its designated officer service from Essex County Council"
                     r"|\b(?:buys|purchases|commissions)\b(?=\s+(?:[\w’'()-]+\s+){1,6}?from\s)"
                     # ("buys in its out-of-hours cover and its fostering assessment capacity from <A>")
                     r"|\bbuys\s+in\s+(?:[\w’'()-]+\s+){1,10}?from\s+"
                     # ("responds to crises for <A>", "which Bracknell Forest hosts for Berkshire's six unitary councils")
                     r"|\b(?:runs?|responds?(?:\s+to\s+[\w-]+)?|operates?|hosts?|provides?\s+it)\s+(?:also\s+)?for(?=\s)|\bprovides?\s+for(?=\s+(?-i:[A-Z]))"
                     # "provides out-of-hours social work for Stockton, Hartlepool and …"
                     r"|\bprovides?\s+(?:[\w’'-]+\s+){1,4}?for(?=\s+(?:both\s+|all\s+)?(?:the\s+)?(?-i:[A-Z]))"
                     # "a Channel panel that also considers referrals from Bedford Borough"
                     # ("the emergency duty team, which answers out-of-hours calls for Hartlepool, …")
                     # ("also handles allegations arising in the City of London", "responds to out-of-hours calls about
                     # children in Nottingham", "deals with allegations on the Isle of Wight")
                     r"|\b(?:considers|receives|takes|handles|screens|hears|answers|deals\s+with|responds\s+to)\s+"
                     r"(?:the\s+)?(?:[\w-]+\s+)?(?:referrals|contacts|cases|allegations|notifications|calls|enquiries)\s+"
                     r"(?:(?:arising|made|raised)\s+)?(?:from|for|on|in|about\s+(?:children|young\s+people|families)\s+in)"
                     r"(?=\s+(?:both\s+)?(?:the\s+)?(?-i:[A-Z]))"
                     r"|\bon\s+(?=(?:the\s+)?[A-Z][\w&,\s-]{1,60}?(?:’s|'s)\s+behalf\b)"
                     r"|\bservice[\s-](?:level\s+)?agreement\b|\bunder\s+an?\s+(?:formal\s+|partnership\s+|hosting\s+)?"
                     r"(?:agreement|contract)\b|\bprovides?\s+(?:services|support|cover)\s+(?:to|for)\b|\bpart\s+of\b|\bcollaborat\w+\s+with\b"
                     r"|\bdeliver(?:s|ed|ing)?\s+(?:[\w’']+\s+){0,3}?(?:services?|functions?|support)\s+"
                     r"(?:for|on\s+behalf\s+of|across)\b", re.I)
# "The child death overview panel is a pan-Lancashire panel": a body said to be of a group's councils together.
# ("Westminster's MASH is a tri-borough resource", "the LSCB is a tri-borough board")
_PAN_PREDICATE = re.compile(r"\b(?:is|are|operates\s+as|works\s+as)\s+(?:a|an)\s+(?=(?i:pan)[\s-]|(?i:tri|bi)[\s-]?borough\b|"
                            r"(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*-wide\b|"
                            # ("the multi-agency safeguarding hub is a shared facility for <A> and <B>")
                            r"(?:shared|joint)\s+(?:facility|resource)\b)")
# "The emergency duty team operates on a tri-borough basis", "… is provided on a pan-<county> basis": the body that is
# the subject of the verb is run by the group ("training for the LSCB is delivered on a … basis" is not the LSCB's).
_ON_BASIS = re.compile(r"\bon\s+an?\s+(?:(?i:pan|tri|bi)[\s-]\S+|\S+-wide|(?:[A-Z][\w’'-]*\s+){1,3}|"
                       r"(?:combined|joint|shared)\s+)\s*(?:basis|footing)\b")
# "a youth offending service run on a tri-borough basis": a participle right after the body, its reduced relative clause
_REDUCED_RELATIVE = re.compile(r"\s*(?:(?:service|team)\s+)?(?:provided|delivered|run|operated|organised|managed|commissioned|"
                               r"undertaken|hosted)\s+$")
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*|\b(?:and|while|whereas)\s+)(?:(?:the|its|their|this|a|an)\s+)?"
                           r"(?:(?:board|partnership|council|authority)[’']s\s+)?$", re.I)
_VERB_BEFORE_BASIS = re.compile(r"\s*(?:\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*)?(?:(?:service|team)\s+)?"
                                r"(?P<relative>,?\s*(?:that|which)\s+)?"
                                r"(?P<aux>(?:is|are|was|were|has\s+been|have\s+been)\s+)?"
                                r"(?:also\s+|now\s+|jointly\s+)?(?:provided|delivered|run|operated|operates|operating|"
                                r"organised|managed|commissioned|works|working|undertaken|hosted)\s+")
# Right after a body, the councils it covers: "the LSCB for Cornwall and the Isles of Scilly".
# ("the designated officer role for Middlesbrough and Redcar and Cleveland": the body's role or function)
_COVERS = re.compile(r"\s*(?:[’']\s*)?(?:\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*)?(?:(?:role|function|post|arrangements?)\s+)?"
                     r"(?:,\s*)?"
                     r"(?:for|covering|across|serving|spanning|of|namely|(?:operating|working)\s+across|"
                     r"(?:that|which)\s+(?:also\s+)?(?:covers|serves|spans)|"
                     # ("the board, which since April has been shared by <A> and <B>", "the board, run jointly by <A> and <B>")
                     r"(?:(?:that|which)\s+(?:[\w-]+\s+){0,4}?(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?)?shared\s+(?:by|between)|"
                     r"(?:run|operated|managed|funded|owned|hosted)\s+jointly\s+by|jointly\s+(?:run|operated|managed|funded|owned)\s+by|"
                     r"whose\s+(?:members\s+are|membership\s+(?:comprises|includes))|chaired\s+in\s+rotation\s+by|"
                     # ("a learning group in which Leeds, Bradford and Wakefield are all represented")
                     r"(?:in|on)\s+which|"
                     # ("One panel considers child deaths for both Wiltshire and Swindon")
                     # ("… takes children from Bolton and occasionally from Bury" says where children come from)
                     r"(?:considers|reviews|handles|screens|receives|takes)\s+(?:[a-z-]+\s+){0,3}?for(?=\s+(?:both|all)\s))\s+"
                     r"(?:both\s+)?(?:the\s+)?", re.I)
# Right after a board, a panel or group it runs: "LSCB training sub-group", "LSCB Berkshire-wide audit panel".
_PANEL_OF = re.compile(r"(?:\s+(?:pan-)?[A-Z][\w-]*-wide)?(?P<noun>(?:\s+(?!(?:is|are|was|were|has|have|a|an|the|"
                       r"and|or|with|of|to|in|on|for|by|as)\b)[a-z0-9][\w-]*){0,4}\s+"
                       r"(?:panels?|sub-?groups?|sub-?committees?|groups?|forums?))\b")
# Right after words that name no kind of body, the councils they join: "the new arrangements, with
# <Council> and <Council> local authorities", "a service-level agreement is in place with <Council> Council".
_WITH_AFTER = re.compile(r"\s*,?\s*(?:\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*,?\s*)?(?:(?:is|are)\s+in\s+place\s+)?"
                         rf"(?:{_RUNS_WITH}|(?:established|set\s+up|formed|agreed|shared|run|operated|managed)\s+(?:jointly\s+)?)?"
                         r"(?:(?:together|in\s+common)\s+)?(?:with|between|alongside)\s+(?:the\s+)?(?:neighbouring\s+|adjacent\s+)?"
                         r"(?:(?:its|their)\s+neighbours?,?\s+)?", re.I)
# Between a body and a group named after it, words that say the group shares it.
# ("the board, on which Bracknell Forest sits with its Berkshire neighbours")
_SHARED_BEFORE_GROUP = re.compile(r"\b(?:shared|jointly|across|covers|covering|serves|serving|spans|"
                                  r"(?:sits|works|serves)\s+(?:with|alongside))\b", re.I)
# "a shared approach", "their shared priorities": "shared" as an adjective (not "is shared with").
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|their|its|our|this|these|some)\s+$", re.I)
_NOUN_AFTER = re.compile(r"(?-i:[a-z])[\w-]*\b(?!\s+with\b)")
# A body spoken of as being made: "a participant in the development of <regional adoption agency>"
# (before it opened).
_BEING_MADE = re.compile(r"\b(?:development|implementation|creation|establishment|setting\s+up)\s+"
                         r"(?:and\s+\w+\s+)?of\s+(?:the\s+|a\s+)?(?:new\s+)?$", re.I)
# A council in brackets right after a service: the council that provides it ("emergency duty team (Hackney)").
_SERVED_BY = re.compile(r"\s*\(\s*((?:the\s+)?(?:London\s+Borough\s+of\s+|Royal\s+Borough\s+of\s+)?[A-Z][\w’'&. -]{2,40}?)\s*\)")
# "sub-groups shared with the neighbouring Cambridgeshire LSCB": sharing with another council's board.
# ("the serious case review sub-group is run jointly with Cambridgeshire's safeguarding board")
_SHARED_WITH = re.compile(r"\b(?:shared|shares|sharing|jointly)\b[^.;]{0,40}\bwith\s+(?:the\s+)?(?:neighbouring\s+)?$",
                          re.I)
# Statements that the arrangement has ended, or is only planned: they do not make a shared body.
_ENDED = re.compile(r"\b(?:no\s+longer(?!\s+(?:runs?|has|have|operates?|keeps?|maintains?)\s+separate\b)|no\s+(?:formal\s+)?(?:joint|shared)|"
                    # "since leaving the tri-borough arrangements", "following the end of the tri-borough arrangement"
                    r"(?:since|after|following|on)\s+(?:leaving|its\s+exit\s+from|the\s+end\s+of)\b|left\s+the\b|(?:considered|proposed|discuss\w*|talks)\b[^.;]{0,80}\bbut\s+"
                    r"(?:rejected|decided|chose|not\s+(?:established|implemented|pursued|agreed))|decided\s+against|did\s+not\s+(?:go\s+ahead|proceed)|disaggregat\w*|ceased|dissolved|withdr[ae]w\w*|ended|"
                    r"(?:previously|formerly)\s+(?:done|provided|delivered|run|undertaken|commissioned|hosted)\b|"
                    # "separate arrangements", "the boards remain separate", "operate separately" (not "two separate
                    # children's partnerships" beside a shared body, each council's own, nor "separate figures")
                    r"not\s+shared|decoupl\w*|separated|separate\s+from\b|separate\s+(?:[\w’'-]+\s+){0,2}?(?:arrangements?|services?|"
                    r"structures?|provision|contracts?|LSCB|board|partnership|panel|team|hub|MASH|CDOP|agency|unit)\b|"
                    # ("the East Riding and Hull each keep separate child protection teams")
                    r"\b(?:each|both)\s+(?:keeps?|runs?|has|have|retains?|maintains?|operates?)\s+separate\b|"
                    r"(?<!longer\s)(?:remains?|operates?|runs?|works?|are|is)\s+(?:now\s+|still\s+|"
                    r"entirely\s+)?separate(?:ly)?|"
                    r"approval\s+to\s+join|plans?\s+to\s+(?:join|establish|create|form|merge|develop|combine|move|bring|launch|"
                    r"set\s+up|introduce|share|open|start)|"
                    r"will\s+(?:join|become|form|go\s+live)|(?:is|are)\s+due\s+to\s+(?:join|go\s+live|launch)|"
                    r"going\s+live\s+in|not\s+yet\s+(?:in\s+place|established|operational)|"
                    r"helping\s+to\s+(?:develop|set\s+up|establish)|(?:being|to\s+be)\s+(?:developed|established|set\s+up)|"
                    r"development\s+of\s+(?:a|the)\s+(?:new\s+)?regional|"
                    # "consult partners on a possible joint partnership", "whether it should join a regional agency"
                    r"(?:possible|potential|proposed|prospective)\s+(?:(?:new|(?:creation|development|establishment)\s+of\s+an?)\s+)?"
                    r"(?:joint|shared|regional|combined|single)|"
                    # "proposals for a joint service are out to consultation", "agreed in principle to join", "are
                    # exploring a shared service", "a pilot … is planned for the autumn"
                    r"proposals?\s+(?:for|to)|out\s+to\s+consultation|in\s+principle|business\s+case|"
                    r"(?:is|are|were|was)\s+exploring|explor(?:e|es|ed|ing)\s+(?:(?:a|an|the)\s+)?(?:possible\s+)?(?:joint|shared|"
                    r"single|combined|new)|consult(?:s|ed|ing|ation)?\s+on\s+(?:joining|whether|creating|forming)|"
                    r"not\s+(?:expected|due|planned)\s+to\s+(?:start|begin|open|launch|go\s+live)|(?:is|are)\s+planned\s+(?:for\s+(?:the\s+(?:autumn|spring|summer|"
                    r"winter|new\s+year|coming|next|end)|next\b|later\b|this\s+(?:year|autumn|spring|summer|winter)\b|"
                    r"(?:19|20)\d\d)|to\s+(?:start|begin|launch|open))|"
                    # "plans for a Black Country service were shelved", "turned down an offer to create a joint service"
                    r"shelved|abandoned|scrapped|turned\s+down|postponed|put\s+on\s+hold|disbanded|"
                    # "came to an end in 2018", "no decision has yet been made", "plans for a joint team", "is in
                    # discussions with Wiltshire about sharing", "until then"
                    r"(?:came|come|comes|brought)\s+(?:(?!to\b)[\w’'-]+\s+){0,5}to\s+an\s+end|no\s+decision\s+has\s+(?:yet\s+)?been\s+(?:made|taken)|"
                    r"plans?\s+for\s+(?:a|an)\s+(?:new\s+)?(?:joint|shared|single|combined)|"
                    r"(?:is|are)\s+in\s+(?:early\s+)?(?:discussions?|talks)\s+with|until\s+then|"
                    # "options for a regional agency are being explored", "an outline plan … has been drafted", "is in
                    # its infancy", "was dismantled in 2020", "have not joined", "declined an approach from <A>"
                    r"(?:is|are)\s+being\s+(?:explored|considered|discussed)|outline\s+plan|has\s+been\s+drafted|in\s+its\s+infancy|"
                    r"\bdismantled\b|(?:has|have)\s+not\s+(?:yet\s+)?joined|declined\s+(?:an?\s+)?(?:approach|offer|invitation|proposal)|"
                    r"decided\s+to\s+(?:keep|retain)\s+(?:its|their)\s+own|"
                    # "the service that Halton once shared with …was split up", "the project with Wigan has now
                    # finished", "decided not to proceed with a joint service"
                    r"\b(?:once|previously|formerly)\s+shared\b|\bsplit\s+up\b|"
                    # "the idea was not taken forward", "its chair previously chaired …", "works for <A> alone",
                    # "neighbouring <A> and <B> continue to run their services in-house" (not "an in-house match"),
                    # "exchanged visits with", "a company wholly owned by the borough", "does not have any joint
                    # arrangement with", "subject to approval", "a consultation about creating a single partnership"
                    r"\bnot\s+taken\s+forward\b|\b(?:previously|formerly)\s+chaired\b|"
                    r"\b(?:accountable\s+to|works?\s+for|working\s+for|(?:created|set\s+up|established|formed|founded|owned|"
                    r"funded|commissioned)\s+by|delivers?\s+(?:\w+\s+){0,3}(?:for|on\s+behalf\s+of))\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,3}\s+alone\b|"
                    r"\b(?:services?|provision|teams?|work)\s+in[\s-]house\b|\bexchanged\s+visits\b|\bwholly\s+owned\s+by\s+(?:the|its)\s+(?:borough|council|city|county|"
                    r"authority)\b|\b(?:does|do|did)\s+not\s+(?:have|run|share|operate)\s+(?:any\s+|a\s+)?(?:joint|shared)\b|"
                    # "does not pool resources with <A> or <B>"
                    r"\b(?:does|do|did)\s+not\s+pool\b|"
                    # "whether a combined arrangement might be established in future", "the proposal has not
                    # progressed", "was discontinued in 2015", "consulting on a pan-<county> partnership that would replace"
                    r"\b(?:might|could)\s+be\s+(?:established|created|set\s+up|formed)\b|\bwould\s+replace\b|"
                    r"\bnot\s+progressed\b|\bdiscontinued\b|"
                    # "options are being scoped", "is considering a partnership with <A>", "talks with <A> about creating a
                    # joint service had not concluded", "plans to share … were dropped", "the process has not yet begun",
                    # "peer challenge to <A> as part of a sector-led improvement programme"
                    # "has mentored the leadership team in <A>", "discussed the possibility of a joint team, but no
                    # agreement has been reached"
                    r"\b(?:has|have|had)\s+(?:been\s+)?mentor(?:ed|ing)\b|\bmentor(?:s|ed|ing)\s+(?:the|its|their)\b|\bacts?\s+as\s+(?:a\s+)?mentor\b|\bpossibility\s+of\b|\bno\s+agreement\s+has\s+(?:yet\s+)?been\s+(?:reached|made)\b|"
                    # "will soon transfer to <agency>", "an agreement … expired last year and has not been renewed",
                    # "each borough now commissions separately"
                    r"\bwill\s+(?:soon\s+)?(?:transfer|move|host)\b|\bexpired\b|\bnot\s+been\s+renewed\b|"
                    r"\b(?:commissions?|commissioned|procures?|procured|buys?)\s+separately\b|"
                    r"(?<!\bnot\sa\s)\b(?:city|county|borough|council)-only\b|\bbeing\s+scoped\b|\bconsidering\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:partnership|merger|joint|shared|combined|single)\b|"
                    r"\b(?:talks|discussions?)\s+(?:with\s+(?:[\w’'-]+\s+){1,4}?)?(?:about|on)\s+(?:creating|forming|establishing|setting\s+up|"
                    r"sharing|merging|joining|developing)\b|\b(?:had|has|have)\s+not\s+(?:yet\s+)?concluded\b|\b(?:was|were)\s+dropped\b|"
                    r"\bnot\s+yet\s+(?:begun|started)\b|\bpeer\s+(?:challenge|review|support)\b|\bsector[\s-]led\s+improvement\b|"
                    # "it will not be operational until 2026", "a bid for funding to develop a joint hub; the outcome is
                    # awaited"
                    r"\bwill\s+not\s+(?:be\s+(?:operational|in\s+place|running|live|launched)|go\s+live|open|start|launch)\b|"
                    # "have not agreed any joint arrangements", "a feasibility study into a shared service", "no model
                    # has yet been chosen"
                    r"\b(?:has|have)\s+not\s+agreed\s+(?:any|a|an)\b|\bfeasibility\s+(?:study|work|review|exercise)\b|"
                    r"\bno\s+(?:model|option|decision|provider)\s+has\s+(?:yet\s+)?been\s+(?:chosen|agreed|selected)\b|\boutcome\s+is\s+(?:still\s+)?awaited\b|"
                    r"\bbid\s+(?:[\w’'-]+\s+){0,6}?to\s+(?:develop|establish|create|set\s+up|fund)\b|"
                    r"\bsubject\s+to\s+(?:\w+\s+)?approval\b|\bconsultation\s+(?:about|on)\s+(?:creating|forming|establishing|"
                    r"setting\s+up|a\s+(?:single|joint|shared))\b|"
                    # "officers from <A> and <B> observed a meeting of <C>'s board"
                    r"\bobserv(?:e|ed|ing)\s+(?:a|the|one|two|several)\s+(?:\w+\s+)?(?:meetings?|sessions?)\b|\bha(?:s|ve)\s+(?:now\s+)?finished\b|"
                    r"\bdecided\s+not\s+to\s+(?:proceed|join|go\s+ahead|pursue|continue|merge|combine)\b|"
                    # "intends to join a regional adoption agency", "the joint service closed in 2020", "Until 2016, the
                    # LSCB was shared with …", "<A> and <B> each run their own front door"
                    r"intend(?:s|ed)?\s+to\s+(?:join|become|form|create|establish|share|merge|move)|intention\s+to\s+(?:join|form|create)|"
                    # ("the council's own team was closed in 2018 when the service moved to <agency>" ends no joint body)
                    r"\b(?:joint|shared)\b[^.;]{0,80}?\b(?:closed|disbanded|wound\s+up)\s+"
                    r"(?:down\b|when\b|in\s+(?:(?:[A-Z][a-z]+|early|late)\s+)?(?:19|20)\d\d)|"
                    r"^until\s+(?:(?:[A-Z][a-z]+|early|late)\s+)?(?:19|20)\d\d\b[^.;]{0,80}\b(?:was|were|had|shared)\b|"
                    # (not "… a shared staffing arrangement, although each keeps its own social work teams")
                    r"(?<!though\s)(?<!while\s)(?<!whilst\s)"
                    r"\beach\s+(?:of\s+the\s+(?:\w+\s+)?(?:councils|authorities|boroughs)\s+|(?:council|authority|borough|area|partner)\s+)?(?:now\s+)?"
                    r"(?:runs?|ran|has|have|had|operates?|operated|keeps?|kept|retains?|retained|maintains?|maintained|holds?|held|"
                    r"manages?|managed|employs?|employed)\s+(?:their|its)\s+own\b|"
                    # "considering whether to establish a joint service, but the proposal has not been agreed"
                    r"whether\b[^.;]{0,60}?\b(?:should|would|could|to|will)\s+(?:join|become|form|merge|share|establish|"
                    r"create|set\s+up|develop|commission)|(?:has|have)\s+not\s+(?:yet\s+)?been\s+(?:agreed|approved|implemented)|"
                    r"no\s+decision\s+has\s+(?:yet\s+)?been\s+reached)\b", re.I)
_CHAIR = re.compile(r"\balso\s+chairs?\b|\bchairs?\s+(?:of\s+)?both\b|\bsame\s+(?:independent\s+)?chair\b|"
                    r"\bshares?\s+(?:an?\s+|the\s+)?(?:independent\s+)?chair\b|\bjoint(?:ly)?\s+chair", re.I)
_DELIVERY = re.compile(r"\bdelegat\w+\b|\btransferred\b|\bon\s+behalf\s+of\b|\bdeliver(?:s|ed|ing)?\b|"
                       r"\b(?:provided|run|operated|commissioned)\s+(?:by|through|from)\b", re.I)
_JOINED = re.compile(r"\bpart\s+of\b|\bmember\s+of\b|\bjoined\b|\bthrough\b|\bvia\b|\bhosted\b|"
                     r"\b(?:provided|delivered)\s+by\b", re.I)
# "delegated its children's social care functions to Achieving for Children (AfC)"
_DELEGATED_TO = re.compile(
    r"\b(?:delegated|transferred|outsourced)\b[^.;]{0,200}?\bto\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w’'&-]*\s+(?:(?:for|of|and)\s+)?){0,5}[A-Z][\w’'&-]*)\s*\(\s*[A-Z][A-Za-z&]{1,9}\s*\)")
# A provider with a name of its own serving councils: "delivered by <charity> across <A>, <B> and <C>". The provider
# is one node for every report, so the councils share the service, never the provider itself.
_PROVIDED_BY = re.compile(r"\b(?:delivered|provided|run|operated|commissioned|offered|supplied)\s+(?:jointly\s+)?"
                          r"(?:by|from|through)\s+(?:the\s+)?$", re.I)
_ACROSS = re.compile(r"\s*(?:\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*)?,?\s*(?:across|for|in|covering|serving|on\s+behalf\s+of)"
                     r"\s+(?:both\s+|all\s+|each\s+of\s+)?(?:the\s+)?", re.I)
# Right before another council's service, words that say the inspected council gets it from that council.
_BOUGHT_FROM = re.compile(r"\b(?:buys|bought|purchases|purchased|commissions|commissioned|procures|procured|provided|"
                          r"delivered|supplied|served)\b[^.;]{0,60}?\b(?:from|by)\s+(?:the\s+)?$", re.I)
PROVIDER_KINDS = frozenset({"voluntary-organisation", "nhs-trust"})
_RAA_WORDS = r"(?i:regional\s+adoption\s+agency|\bRAA\b)"
_RAA_NAME = re.compile(
    rf"{_RAA_WORDS}\s*(?:\(\s*RAA\s*\))?\s*(?:,\s*|\(\s*(?:RAA\s*:\s*)?|(?:called|known\s+as|named)\s+)"
    r"(?:the\s+)?(?P<name>(?:[A-Z][\w’'&@-]*\s+(?:(?:for|of|and|in|to)\s+)?){0,5}[A-Z][\w’'&@-]*)"
    r"|(?P<name2>(?:[A-Z][\w’'&@-]*\s+(?:(?:for|of|and|in|to)\s+)?){1,5}[A-Z][\w’'&@-]*)\s*,?\s*(?:\(\s*)?"
    rf"(?:(?:the|a|its|our)\s+)?{_RAA_WORDS}")
_DELEGATED_CUES = ("delegated", "transferred", "outsourced")
_ANAPHORA = re.compile(r"\b[Tt]he\s+(?:trust|company)\b(?!’s|'s|\s+board)")
# Papers and practice that councils can hold in common without sharing a body.
_PRACTICE_WORDS = (r"procedures?|polic(?:y|ies)|guidance|protocols?|thresholds?|documents?|strateg(?:y|ies)|training|"
                   r"audits?|priorities|plans?|websites?|forms?|templates?")
_PRACTICE = re.compile(rf"\s+(?:{_PRACTICE_WORDS})\b", re.I)
_PRACTICE_PROGRAMME = re.compile(rf"\b(?:{_PRACTICE_WORDS})\s+(?:programmes?|projects?|pilots?|initiatives?|schemes?)$",
                                 re.I)
# After a body's name, words that make it qualify another noun ("LSCB procedures", "the CDOP chair").
_ATTRIBUTIVE = re.compile(rf"\s+(?:{_PRACTICE_WORDS}|action|partners?|members?|chairs?|business|managers?|staff|"
                          r"officers?|reports?|meetings?|arrangements)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Found:
    """A body found in one sentence, before the report-wide resolution."""

    kind: str
    name: str  # surface form, or the defined long form
    start: int  # span in the sentence (council prefix included)
    end: int
    prefix: tuple[str, ...] = ()  # GSS codes of councils named right before the kind phrase
    plural: bool = False
    abbreviation: str | None = None
    named: bool = False  # a proper name, not a phrase of the kind
    group: Group | None = None  # a group of councils named right before it, or in its name
    reference: ReferenceBody | None = None  # the reference-list body this name is
    generic: bool = False  # words that name no kind of body (organisation_kinds.GENERIC_PHRASES)
    group_in_phrase: bool = False  # the group is named inside the phrase ("the tri-borough partnership")


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("'", "’")).strip(" ,;:.")
    name = re.sub(r",\s+(North|South|East|West)$", r" \1", name)  # "Adopt London, North"
    words = name.split(" ")
    while len(words) > 1 and words[0].lower() in NAME_STOPWORDS:
        words = words[1:]
    return " ".join(words)


def _resolve_council(text: str, aliases: dict[str, str]) -> Authority | None:
    index = authority_index()
    text = re.sub(r"(?:’s|'s|s’|s')$", "", text.strip())
    if text in aliases:
        return index.by_gss.get(aliases[text])
    if not normalise_name(text):
        return None
    return index.by_name(text)


def _prefix_group(text: str, start: int) -> tuple[Group | None, int]:
    """A group of councils named immediately before text[start:] ("the pan-<county> CDOP",
    "Greater Manchester Safeguarding Partnership"), with the start of its name."""
    before = text[:start].rstrip()
    before = before.removesuffix("-wide")  # "a Merseyside-wide sub-group"
    # "the SET (Southend, Essex and Thurrock) missing and exploitation group": the group's name before its expansion
    # (an expansion lists councils; an acronym in brackets is the body's own: "<names> (BNSSG) partnership")
    before = re.sub(r"\s*\((?=[^()]*(?:,|\band\b))[^()]{3,80}\)$", "", before)
    window = max(0, len(before) - 60)  # a group's name, "pan-" and "the … authorities" fit in 60
    for a, b, group in gazetteer().groups_in(before[window:]):
        if window + b == len(before):
            if not group.expands and _NAME_WORD_BEFORE.search(before, 0, window + a):
                break  # "the Adopt North West consortium": a region's name inside another name
            return group, window + a
    return None, start


_NAME_WORD_BEFORE = re.compile(r"(?<![.!?]\s)\b(?!(?:The|A|An|Pan)\b)(?-i:[A-Z])[\w’'-]*\s+$")


# Lower-case words between a group's name and a noun that means councils working together: "the Greater
# Manchester placements consortium", "the Black Country fostering recruitment partnership".
_WORDS_BEFORE_NOUN = re.compile(r"(?<![\w’'-])(?:(?-i:[a-z])[\w’'-]*\s+){1,3}$")
_TOGETHER = re.compile(r"(?i:consorti(?:um|a)|partnerships?|alliances?|collaboratives?)$")


def _group_before_words(text: str, start: int) -> tuple[Group | None, int]:
    """A group of councils named before a few lower-case words that end at text[start:] (see _prefix_group)."""
    words = _WORDS_BEFORE_NOUN.search(text, max(0, start - 60), start)
    if words is None:
        return None, start
    group, group_start = _prefix_group(text, words.start())
    return (group, group_start) if group is not None else (None, start)


# "<A> and <B> jointly commission the … contract": the councils before the verb commission it, they are not its name
_STARTS_WITH_VERB = re.compile(r"(?i:jointly|co-)[\s-]?commission")
_COMPASS_BEFORE = re.compile(r"\b(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)\s+$")
_COMPASS_PLACE = re.compile(r"\b(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)\s+([A-Z][\w-]+)")


_ACRONYM_BEFORE = re.compile(r"\s*\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*$")


def _prefix_councils(text: str, start: int, aliases: dict[str, str]) -> tuple[tuple[str, ...], int]:
    """Councils named immediately before text[start:] ("Staffordshire's LSCB", "both Staffordshire and
    Stoke-on-Trent LSCBs"), with the start of that prefix."""
    # ("the Southend, Essex and Thurrock (SET) child death overview panel": the councils' acronym between)
    before = _ACRONYM_BEFORE.sub("", text[:start])
    words = list(re.finditer(r"[A-Za-z][\w’'&.-]*", before))
    if not words or before[words[-1].end():].strip():
        return (), start
    group, group_start = _prefix_group(text, start)
    if group is not None and not _lists_councils(text[group_start:start]):
        return (), start  # "the pan-Greater Lincolnshire sub-group": the council's name is inside the group's
    for n in range(min(8, len(words)), 0, -1):
        window = words[-n:]
        if not window[0].group(0)[0].isupper():
            continue
        phrase = before[window[0].start():window[-1].end()]
        if _COMPASS_BEFORE.search(before, 0, window[0].start()):
            break  # "the Cleveland and South Durham family justice board": a part of a county is no council
        whole = _resolve_council(phrase, aliases)
        if whole:
            return (whole.gss,), window[0].start()
        listed = _council_list(phrase, aliases)
        if listed and len(listed) > 1:
            return listed, window[0].start()
        if n > 1 and gazetteer().group_named(re.sub(r"(?:’s|'s|s’|s')$", "", phrase)) and not _lists_councils(phrase):
            return (), start  # a group's name holds council names ("Greater Manchester"): never one council
    return (), start


def _council_list(text: str, aliases: dict[str, str]) -> tuple[str, ...] | None:
    """The councils a list of names spells ("Derby and Derbyshire", "Cumberland and Westmorland and Furness":
    a name may hold "and"), the fewest names that spell it; None when it is not such a list."""
    # ("the Stoke and the Staffordshire safeguarding boards")
    pieces = re.split(r"(,\s*|\s+and\s+(?:the\s+)?|\s*&\s*)", text.strip())
    parts, separators = pieces[::2], pieces[1::2]
    if len(parts) > 8:
        return None

    @lru_cache(maxsize=None)
    def from_part(i: int) -> tuple[str, ...] | None:
        if i == len(parts):
            return ()
        best: tuple[str, ...] | None = None
        for j in range(i + 1, len(parts) + 1):
            name = "".join(part + (separators[k] if k < j - 1 else "") for k, part in enumerate(parts[i:j], start=i))
            council = _resolve_council(name, aliases) if parts[i] else None
            rest = from_part(j) if council else None
            if council and rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = (council.gss, *rest)
        return best

    found = from_part(0)
    return tuple(dict.fromkeys(found)) if found else None


def _police_name(name: str) -> str | None:
    """ "Staffordshire police" -> "Staffordshire Police"; None unless the words before "Police" name a
    council or a police area ("Community police" is not a force)."""
    area = re.sub(r"\s+(?:[Pp]olice(?:\s+Service|\s+Force)?|Constabulary)$", "", name)
    if area.lower() not in POLICE_AREAS and not authority_index().by_name(area):
        return None
    return re.sub(r"\bpolice\b", "Police", name)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


_KIND_PATTERNS = tuple((k.notation, k.pattern, KIND_CUES[k.notation]) for k in KINDS if k.pattern is not None)
_NATIONAL = tuple((kind, name, pattern, NATIONAL_CUES[name]) for kind, name, pattern in NATIONAL_BODIES)
_NAMED = tuple((kind, pattern, NAMED_CUES[kind]) for kind, pattern in NAMED_PATTERNS)


_LOWER_CUES = tuple(sorted({word for cues in KIND_CUES.values() for word in cues}))


def _gated(cues_per_pattern: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """cue word -> indexes of the patterns that run when it is present."""
    by_cue: dict[str, list[int]] = {}
    for index, cues in enumerate(cues_per_pattern):
        for cue in cues:
            by_cue.setdefault(cue, []).append(index)
    return {cue: tuple(indexes) for cue, indexes in by_cue.items()}


# Sentences are many and most hold few cue words: a sentence looks its cue words up once, and
# only the patterns gated on them run (in their order), rather than every pattern testing its cues.
_KIND_BY_CUE = _gated(cues for _, _, cues in _KIND_PATTERNS)
_NATIONAL_BY_CUE = _gated(cues for *_, cues in _NATIONAL)
_NAMED_BY_CUE = _gated(cues for _, _, cues in _NAMED)
_CASED_CUES = tuple(sorted(set(_NATIONAL_BY_CUE) | set(_NAMED_BY_CUE)))
_ALL_KINDS = tuple(range(len(_KIND_PATTERNS)))


def _enabled(present: list[str], by_cue: dict[str, tuple[int, ...]]) -> list[int]:
    return sorted({index for word in present for index in by_cue.get(word, ())})


def _any_in(words: tuple[str, ...], text: str) -> bool:
    for word in words:
        if word in text:
            return True
    return False


@lru_cache(maxsize=4096)
def _surface_pattern(surface: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(surface)}(?![\w-])")


_WORD_BEFORE = re.compile(r"([A-Za-z][\w’'&-]*)\s+$")


def _ends_a_name(sentence: str, m: re.Match[str]) -> bool:
    """Whether a kind's word printed with a capital ends a proper name ("the North London Adoption and Fostering
    Consortium"): the name is the body, found by its own pattern, not the word cut out of it."""
    if not m.group(0)[0].isupper():
        return False
    before = _WORD_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
    return bool(before) and before.group(1)[0].isupper() and before.group(1).lower() not in NAME_STOPWORDS


def _find_bodies(sentence: str, aliases: dict[str, str], names: list[tuple[str, _Found]],
                 last_company: _Found | None) -> list[_Found]:
    """The bodies a sentence names; `names` are the report's defined names and abbreviations,
    longest first."""
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    # Patterns run only on sentences holding their cue words (see organisation_kinds.KIND_CUES).
    # A sentence that cannot be searched lower-cased is searched with every kind pattern.
    kinds: tuple[int, ...] | list[int] = _ALL_KINDS
    lowered = lowered_for_search(sentence)
    if lowered is not None:
        kinds = _enabled([word for word in _LOWER_CUES if word in lowered], _KIND_BY_CUE)
    cased = [word for word in _CASED_CUES if word in sentence]

    def take(item: _Found) -> None:
        found.append(item)
        taken.append((item.start, item.end))

    # Names and abbreviations this report has defined come first: they are the most specific.
    for surface, body in names:
        if surface not in sentence:
            continue
        for m in _surface_pattern(surface).finditer(sentence):
            if not _overlaps(m.span(), taken):
                prefix, start = ((), m.start()) if body.named else _prefix_councils(sentence, m.start(), aliases)
                take(replace(body, start=start, end=m.end(), prefix=prefix or body.prefix))
    # Bodies of the reference list by any of their names: the most specific after defined names.
    for a, b, reference in gazetteer().bodies_in(sentence):
        if not _overlaps((a, b), taken):
            printed = _clean_name(sentence[a:b])
            # An abbreviation ("NCT") stands for the name; a spelling of the name is kept as printed.
            take(_Found(reference.kind, reference.name if printed.isupper() else printed, a, b, named=True,
                        abbreviation=printed if printed.isupper() else None, reference=reference))
    for index in kinds:
        pattern_kind, pattern, _ = _KIND_PATTERNS[index]
        for m in pattern.finditer(sentence):
            if _overlaps(m.span(), taken) or (pattern_kind == "consortium" and _ends_a_name(sentence, m)):
                continue
            verb = _STARTS_WITH_VERB.match(m.group(0))
            prefix, start = ((), m.start()) if verb else _prefix_councils(sentence, m.start(), aliases)
            group = None
            if not prefix:
                group, start = _prefix_group(sentence, m.start())
            if not prefix and group is None and pattern_kind == "consortium":
                group, start = _group_before_words(sentence, m.start())
            in_phrase = None
            if group is None:
                # "the tri-borough partnership", "bi-borough arrangements": the arrangement of councils it names
                in_phrase = next((g for _, _, g in gazetteer().groups_in(m.group(0)) if g.kind == "borough-arrangement"),
                                 None)
            last_word = m.group(0).rstrip("’'").split()[-1].lower()
            # ("jointly commission secure beds": what is commissioned, not several bodies)
            plural = last_word.endswith("s") and last_word not in ("services", "camhs") and not verb
            take(_Found(pattern_kind, m.group(0), start, m.end(), prefix, plural=plural, group=group or in_phrase,
                        group_in_phrase=in_phrase is not None))
    for index in _enabled(cased, _NATIONAL_BY_CUE) if cased else ():
        kind, name, pattern, _ = _NATIONAL[index]
        for m in pattern.finditer(sentence):
            if not _overlaps(m.span(), taken):
                take(_Found(kind, name, m.start(), m.end(), named=True))
    for m in (_RAA_NAME.finditer(sentence) if "egional" in sentence or "RAA" in sentence else ()):
        which = "name" if m.group("name") else "name2"
        name = _clean_name(m.group(which))
        span = (m.start(which), m.end(which))
        name = re.sub(r"\s+RAA$", "", name)
        # An agency's own name: "Adopt …" or "… Adoption …", or a name the report sets in apposition
        # to the words ("a regional adoption agency (Coram Ambitious for Adoption)").
        if not name or _overlaps(span, taken) or _resolve_council(name, aliases) or \
                gazetteer().group_named(name) or name.lower() in NAME_STOPWORDS or \
                re.fullmatch(r"(?i)(?:the\s+)?(?:RAAs?|regional\s+adoption\s+agenc(?:y|ies))", name):
            continue
        if "Adopt" in name or (which == "name" and (len(name.split()) >= 2 or name.isupper())):
            take(_Found("regional-adoption-agency", name, span[0], span[1], named=True))
    for m in (_DELEGATED_TO.finditer(sentence) if _any_in(_DELEGATED_CUES, sentence) else ()):
        name = _clean_name(m.group("name"))
        span = (m.start("name"), m.end("name"))
        if not _overlaps(span, taken) and not _resolve_council(name, aliases) and len(name.split()) >= 2:
            take(_Found("childrens-services-company", name, span[0], span[1], named=True))
    for index in _enabled(cased, _NAMED_BY_CUE) if cased else ():
        kind, pattern, _ = _NAMED[index]
        for m in pattern.finditer(sentence):
            raw = m.group("name")
            name = _clean_name(raw)
            offset = m.start("name") + raw.find(name.split(" ")[0]) if name else m.start()
            span = (max(offset, m.start()), m.end("name"))
            if len(name.split(" ")) < 2 or _overlaps(span, taken) or name.lower() in GENERIC_NAMES \
                    or re.search(r"\bNational\b", name):
                continue
            if _resolve_council(name, aliases):
                continue
            if kind == "police-force":
                name = _police_name(name)
                if name is None:
                    continue
            take(_Found(kind, name, span[0], span[1], named=True))
    for phrase in GENERIC_PHRASES:
        if lowered is None or _any_in(phrase.cues, lowered):
            for m in phrase.pattern.finditer(sentence):
                if phrase.kind == "regional-adoption-agency" and any(f.kind == phrase.kind for f in found):
                    continue  # the agency is named: the words stand for it
                generic = _generic(sentence, m, phrase.kind, taken)
                if generic is not None and phrase.group_only and generic.group is None and \
                        not m.group(0).rstrip().endswith("s"):
                    # "the Wiltshire and Swindon advocacy service": a service in lower case named for two or more councils
                    prefix, start = _prefix_councils(sentence, m.start(), aliases)
                    if len(prefix) > 1:
                        generic = replace(generic, prefix=prefix, start=start, generic=False)
                if generic is not None and (generic.group is not None or not phrase.group_only or generic.prefix
                                            or _councils_with(sentence, generic.end)):
                    take(generic)
    if last_company is not None and _any_in(("trust", "company"), sentence):
        for m in _ANAPHORA.finditer(sentence):
            if not _overlaps(m.span(), taken):
                take(replace(last_company, start=m.start(), end=m.end(), prefix=()))
    out = [_panel_of(sentence, body, taken) for body in sorted(found, key=lambda f: f.start)]
    return [body for body in out if body is not None]


# Between a body and words right after it that are its own: nothing, or its abbreviation in brackets.
_ABBREVIATION_GAP = re.compile(r"\s*(?:\(\s*[A-Z][A-Za-z&]{1,9}\s*\)\s*)?")
# A group's name printed as working together: "pan-<county>", "Berkshire-wide", "the Bedfordshire authorities".
_COLLABORATION = re.compile(r"^(?i:pan)\b|(?i:wide|authorities|councils|boroughs|areas)\s*$")


_ALL_OF = re.compile(rf"\b(?:all|the)\s+(?:the\s+)?(?P<n>{_COUNT}|\d{{1,2}})\s+"
                     r"(?:(?-i:[A-Z])[\w-]*\s+){0,2}(?:(?:constituent|partner|member|unitary|local)\s+)?"
                     r"(?:councils|authorities|boroughs|local\s+authorities)\b", re.I)


def _counted_all(sentence: str) -> int | None:
    """The number in "all ten councils": a place named before a service is the group of that many councils
    ("a Greater Manchester team acting for all ten councils"), where alone it would only say where."""
    m = _ALL_OF.search(sentence)
    if m is None:
        return None
    n = m.group("n").lower()
    return _number(n) or None


def _in_collaboration_form(text: str, a: int, b: int) -> bool:
    """Whether the group named at text[a:b] is printed as councils working together: "pan-<group>", "<group>-wide"."""
    name = text[a:b].lower()
    return name.startswith("pan") or name.endswith("-wide") or text[max(0, a - 4):a].lower() == "pan-" \
        or text[b:b + 5].lower() == "-wide"


def _councils_with(sentence: str, at: int) -> bool:
    """Whether "with" (or "between") and councils, or "serving" and two or more, follow text[at:]: "a regional
    commissioning group with <A> and <B>", "a panel serving <A>, <B> and <C>"."""
    tie = _WITH_AFTER.match(sentence, at)
    if tie is not None and authority_index().find_all(sentence[tie.end():tie.end() + 60]):
        return True
    cue = _COVERS.match(sentence, at)
    if cue is None or re.search(r"\bof\s", cue.group(0), re.I):
        return False  # "a group of young people from <A> and <B>" is people, not a body
    window = sentence[cue.end():cue.end() + 80]
    # ("the fostering recruitment hub for Cheshire and Merseyside": a group's name right after)
    return len(authority_index().find_all(window)) >= 2 or any(a == 0 for a, _, _ in gazetteer().groups_in(window))


_WITH_THE_STATE = re.compile(r"\s+(?:with|between\s+(?:the\s+)?(?:council|authority)\s+and)\s+(?:the\s+)?(?:Department\s+(?:for|of)\b|DfE\b|"
                             r"(?i:government)\b|Home\s+Office\b|Ministry\s+of\b|Secretary\s+of\s+State\b|Ofsted\b|"
                             r"NHS\s+England\b|Youth\s+Justice\s+Board\b|(?i:commissioner)\b)")


def _generic(sentence: str, m: re.Match[str], kind: str, taken: list[tuple[int, int]]) -> _Found | None:
    """Words of GENERIC_PHRASES, unless they qualify a body found already ("the LSCB arrangements") or are made with a
    national body ("under an agreement with the Department for Education": between a council and the state)."""
    if _overlaps(m.span(), taken) or any(b <= m.start() and _ABBREVIATION_GAP.fullmatch(sentence, b, m.start())
                                          for _, b in taken):
        return None  # "the CSAP arrangements", "the Partnership (CSAP) arrangements": the body's own
    if _WITH_THE_STATE.match(sentence, m.end()):
        return None
    group, start = _prefix_group(sentence, m.start())
    if group is not None and not _COLLABORATION.search(sentence[start:m.start()]) and \
            group.kind not in ("borough-arrangement", "acronym") and not _TOGETHER.search(m.group(0)) and \
            _counted_all(sentence) != len(group.members_on(None)) and not _with_group_councils(sentence, group) and \
            not _NAMED_RUN_IT.match(sentence, m.end()):
        # "Merseyside community learning programmes": a place says where, not who runs it together.
        group, start = None, m.start()
    in_phrase = None
    if group is None:  # "a tri-borough female genital mutilation project": the arrangement named inside the words
        phrase = m.group(0)
        in_phrase = next((g for a, b, g in gazetteer().groups_in(phrase) if g.kind == "borough-arrangement"
                          or (g.expands and _in_collaboration_form(phrase, a, b))),
                         None)
    return _Found(kind, m.group(0), start, m.end(), group=group or in_phrase, generic=True,
                  group_in_phrase=in_phrase is not None)


def _with_group_councils(sentence: str, group: Group) -> bool:
    """Whether the sentence joins two or more of the group's councils "with" or "alongside" ("sits on a West
    Yorkshire panel alongside Calderdale, Kirklees and Leeds"): the place then says whose the body is."""
    members = set(group.members_on(None))
    return any(len([a for a in joined if a.gss in members]) >= 2 for joined in _joined_with(sentence, 120))


def _panel_of(sentence: str, body: _Found, taken: list[tuple[int, int]]) -> _Found | None:
    """A board named as the owner of a panel or group ("the LSCB Berkshire-wide section 11 audit
    panel", "the LSCB training sub-group") stands for that panel, a sub-group; None when the panel
    is a body found already."""
    if body.named or body.generic or body.kind == "sub-group":
        return body
    panel = _PANEL_OF.match(sentence, body.end)
    if panel is None:
        return body
    if _overlaps((body.end + 1, panel.end()), taken):
        return None
    group = body.group or _prefix_group(sentence[:panel.end()], panel.end() - len(panel.group("noun")))[0]
    return replace(body, kind="sub-group", name=sentence[body.start:panel.end()], end=panel.end(),
                   plural=panel.group(0).endswith("s"), group=group, abbreviation=None)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _lists_councils(text: str) -> bool:
    """Whether the text is a list of councils' names and nothing else ("Derby and Derbyshire", "Kensington and
    Chelsea and Westminster": a name may hold "and")."""
    text = re.sub(r"^(?i:the|pan)[\s-]+|\s+(?i:(?:local\s+)?(?:authorities|councils|boroughs|areas))$", "", text.strip())
    pieces = re.split(r"(,\s*|\s+and\s+|\s*&\s*)", text)
    parts, separators = pieces[::2], pieces[1::2]

    def councils_from(i: int) -> int | None:
        """The fewest councils parts[i:] spell, each part joined to the next by its separator."""
        if i == len(parts):
            return 0
        fewest = None
        for j in range(i + 1, len(parts) + 1):
            name = "".join(part + (separators[k] if k < j - 1 else "") for k, part in enumerate(parts[i:j], start=i))
            rest = councils_from(j) if parts[i] and authority_index().by_name(name) else None
            if rest is not None and (fewest is None or rest + 1 < fewest):
                fewest = rest + 1
        return fewest

    count = councils_from(0) if len(parts) <= 8 else None
    return count is not None and count > 1


_NHS_BEFORE = re.compile(r"\bNHS\s+$")


def _free_groups(sentence: str, bodies: list[_Found]) -> list[Group]:
    """Groups of councils the sentence names outside the bodies' own names (those that tie councils:
    see Group.expands)."""
    rest = _blank(sentence, ((b.start, b.end) for b in bodies))
    found: list[Group] = []
    last_end = None
    health_end = None  # the end of the last group named for an NHS body
    for a, b, group in gazetteer().groups_in(rest):
        if _lists_councils(rest[a:b]) or _PART_OF.search(rest, max(0, a - 40), a):
            continue
        if _NHS_BEFORE.search(rest, max(0, a - 8), a) or \
                health_end is not None and re.fullmatch(r"\s+and\s+", rest[health_end:a]):
            last_end, health_end = None, b
            continue  # "NHS Cheshire and Merseyside": the health body named for the area, not its councils
        if group.kind == "police-area" and (_councils_named(rest, a, b) or _in_collaboration_form(rest, a, b)):
            # "the other West Mercia councils": a police area's name qualifying councils names those councils
            group = replace(group, kind="sub-region")
        if _miscounted(rest, a, b, group) is not None:
            # "the two Cheshire councils" are not the four councils of pan-Cheshire (see _named_for_group_counted)
            last_end = None
            continue
        if not group.expands and not (_councils_named(rest, a, b) or _COUNCIL_NOUN.match(rest, b)):
            # (a region's name qualifying councils may count them all: see _counted_in_full)
            last_end = None
            continue
        if found and last_end is not None and re.fullmatch(r"\s+and\s+", rest[last_end:a]):
            # "the hub for Cheshire and Merseyside": two groups named as one area are one group of their councils
            found[-1] = _both_groups(found[-1], group)
        else:
            found.append(group)
        last_end = b
    return list(dict.fromkeys(found))


def _named_for_group_counted(text: str) -> tuple[str, ...]:
    """Councils a sentence counts by a group's name that the group's size does not match, when as many of the
    group's councils bear its name: "the two Cheshire councils" are Cheshire East and Cheshire West and Chester."""
    found: list[str] = []
    for a, b, group in gazetteer().groups_in(text):
        n = _miscounted(text, a, b, group)
        if n is None:
            continue
        stem = group.name.casefold()
        bearing = [c for c in group.members_on(None) if stem in authority_index().by_gss[c].name.casefold()]
        if len(bearing) == n:
            found += bearing
    return tuple(found)


def _both_groups(first: Group, second: Group) -> Group:
    return replace(first, key=f"{first.key}+{second.key}", name=f"{first.name} and {second.name}",
                   names=(f"{first.name} and {second.name}",), members=first.members + second.members,
                   source=f"{first.source} ; {second.source}")


_COUNCILS_NOUN = re.compile(r"\s+(?:(?:local|unitary|partner|constituent)\s+)?(?:councils|authorities|boroughs)\b")
# A place's name qualifying councils ("the two Lincolnshire unitaries"): a group, not the council of that name
_PLACE_COUNCILS = re.compile(r"(?-i:[A-Z])[\w’'-]*\s+(?:(?:local|unitary|partner|constituent)\s+)?"
                             r"(?:councils|authorities|boroughs|unitaries)\b")
_COUNCILS_NOUN_END = re.compile(r"\b(?:councils|authorities|boroughs)$")


def _councils_named(text: str, a: int, b: int) -> bool:
    """Whether the group's name at text[a:b] qualifies councils ("the Berkshire councils", "the four Tees Valley
    authorities"), the noun in the name or after it."""
    return bool(_COUNCILS_NOUN.match(text, b) or _COUNCILS_NOUN_END.search(text, a, b))


def _miscounted(text: str, a: int, b: int, group: Group) -> int | None:
    """The number of councils the text counts by the group's name at text[a:b] ("the two Cheshire councils"), when it
    is not the group's size at any time (pan-Cheshire is four councils); None when it counts none or the group."""
    count = _COUNT_BEFORE.search(text, max(0, a - 24), a)
    if not count or count.group("other") or not _councils_named(text, a, b):
        return None
    n = _number(count.group("n"))
    return None if n in {len(group.members_on(None)), len(group.members_on(date.min))} else n


# "covering parts of Greater Manchester and Lancashire": some of a group's councils, not which ("part of the
# Greater Manchester pilot" is membership)
_PART_OF = re.compile(r"\b(?:parts|some)\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,|and)\s+)*$")


# A place in an institution's name is no council: "the University of Hertfordshire", "Sussex University".
_INSTITUTION = re.compile(r"\b(?:University|College|Diocese|Archdiocese|Bishop)\s+of\s+(?:the\s+)?[A-Z][\w’'-]*"
                          r"(?:\s+(?:(?:and|upon|on)\s+)?[A-Z][\w’'-]*)*|\b(?:[A-Z][\w’'-]*\s+){1,3}University\b"
                          # ("one Channel panel for the south Hampshire area": part of a county, no council)
                          r"|\b(?-i:north|south|east|west|mid|central)(?:ern)?\s+[A-Z][\w’'-]*\s+(?:area|coast)\b"
                          # ("supported by a partnership in practice with Leeds": an improvement partner, no body shared)
                          r"|\b(?:partners?(?:hip)?\s+in\s+practice|(?:improvement|practice)\s+partner(?:ship)?)\s+(?:with|from|is)\s+"
                          r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:upon|on)\s+)?[A-Z][\w’'-]*)*")


_AROUND_COUNCIL = re.compile(r"\b(?i:pan)[\s-]+[A-Z][\w’'-]*(?:\s+(?:(?:and|upon|on)\s+)?[A-Z][\w’'-]*)*"
                             r"|\b(?i:the)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:local\s+)?"
                             r"(?:authorities|councils|boroughs)\b")


def _councils_outside_groups(text: str) -> list[str]:
    """GSS codes of the councils a text names. A group's name is no council's ("Greater Manchester"),
    unless it lists its councils in full ("North Northamptonshire and West Northamptonshire councils");
    nor is a place in an institution's name."""
    if any(word in text for word in ("Universit", " of ", "partner", " area", " coast")):
        text = _blank(text, (m.span() for m in _INSTITUTION.finditer(text)))
    if "pan" in text.lower() or " the " in text.lower():
        # "pan-Manchester", "the Manchester authorities": councils around one, never that council alone (a group
        # when the gazetteer knows its name)
        text = _blank(text, (m.span() for m in _AROUND_COUNCIL.finditer(text)))
    if _COMPASS_PLACE.search(text):
        # "Cleveland and South Durham": a part of a county named by a compass word is not the county's council
        index = authority_index()
        text = _blank(text, (m.span() for m in _COMPASS_PLACE.finditer(text)
                             if not index.by_name(m.group(0)) and index.by_name(m.group(1))))
    rest = _blank(text, ((a, b) for a, b, _ in gazetteer().groups_in(text) if not _lists_councils(text[a:b])))
    return [a.gss for a in authority_index().find_all(rest) if not _region_word(a, rest)]


def _free_councils(sentence: str, bodies: list[_Found], aliases: dict[str, str]) -> list[str]:
    """Councils the sentence names outside the bodies' own names and outside names of groups."""
    rest = _blank(sentence, ((b.start, b.end) for b in bodies))
    found = _councils_outside_groups(rest)
    for abbreviation, gss in aliases.items():
        if abbreviation in rest and _surface_pattern(abbreviation).search(rest):
            found.append(gss)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    raw = json.loads(AUTHORITIES_JSON.read_text(encoding="utf-8"))
    return frozenset(normalise_name(a["region_name"]) for a in raw if a.get("region_name"))


def _region_word(authority: Authority, text: str) -> bool:
    """A council whose short name is also a region's ("City of London" and "London") is named only
    when the text prints its full name, not when it speaks of the region."""
    short = normalise_name(authority.name)
    if short not in _region_names():
        return False
    return authority.name.lower() not in text.lower()


def _cue_targets(sentence: str, bodies: list[_Found], cues: Iterable[re.Match[str]],
                 reach: int | None = None) -> set[int]:
    """Indexes of the bodies a cue speaks of: the body nearest each cue (within `reach` characters
    after it, when given), and the bodies listed together with it ("such as the CSAF and the CDOP",
    "the CDOP and the MASH are shared")."""
    targets: set[int] = set()
    for m in cues:
        best, distance = None, None
        for i, b in enumerate(bodies):
            if b.start <= m.start() < b.end:  # the cue is inside the body's own phrase ("tri-borough partnership")
                best, distance = i, 0
                break
            d = b.start - m.end() if b.start >= m.end() else m.start() - b.end
            if distance is None or d < distance:
                best, distance = i, d
        if reach is not None and (distance is None or distance > 0 and
                                  (bodies[best].start < m.end() or distance > reach)):
            continue  # "tri-borough" names the body it stands in or right before, nothing further
        if best is None:
            continue
        targets.add(best)
        before = bodies[best].start >= m.end()
        step = 1 if before else -1
        i = best
        while 0 <= i + step < len(bodies):
            a, b = (bodies[i], bodies[i + step]) if step == 1 else (bodies[i + step], bodies[i])
            gap = sentence[a.end:b.start]
            if not re.fullmatch(r"(?:\s*\(\s*[A-Z][A-Za-z&]{1,9}\s*\))?[\s,]*(?:(?:and|or|as\s+well\s+as|such\s+as)\s+)?"
                                r"(?:(?:the|an?|its|their)\s+)?(?:\(\s*)?", gap):
                break
            i += step
            targets.add(i)
    return targets


def _served_targets(sentence: str, bodies: list[_Found]) -> set[int]:
    """The bodies a "commissioned from", "provided by", "in partnership with" cue speaks of, where a
    council or group follows the cue: "commissioned from Cambridgeshire County Council", not
    "provided by Combined Healthcare for the north and Stoke-on-Trent"."""
    rest = _blank(sentence, ((b.start, b.end) for b in bodies))
    def councils_in(window: str) -> bool:
        return bool(authority_index().find_all(window) or gazetteer().groups_in(window))

    # "<Council> and <Council>, as part of the <name> Partnership": the councils come first.
    # After the cue, 60 characters hold the longest council's name ("the Royal Borough of Kensington and Chelsea").
    cues = [m for m in _SERVED.finditer(sentence)
            if councils_in(rest[m.end():m.end() + 60])
            or m.group(0).lower().startswith("part") and councils_in(rest[max(0, m.start() - 60):m.start()])]
    return _cue_targets(sentence, bodies, cues)


def _covering(sentence: str, bodies: list[_Found], aliases: dict[str, str]) -> set[int]:
    """Indexes of the bodies followed by the councils they cover: "for", "covering" or "across" and
    two or more councils ("the partnership board for Cornwall and the Isles of Scilly")."""
    out: set[int] = set()
    for i, body in enumerate(bodies):
        served = _SERVED_BY.match(sentence, body.end)
        if served and authority_index().by_name(served.group(1)):
            out.add(i)  # "youth offending services (London Borough of Tower Hamlets)"
            continue
        # ("contributes to the Thames Valley family justice board with Oxfordshire and Milton Keynes": a group's body)
        if (body.generic or (BY_NOTATION[body.kind].scope == "joint" and not body.named) or
                (body.group is not None and not body.prefix)) and (tie := _WITH_AFTER.match(sentence, body.end)):
            # "the new arrangements, with Bolton and Blackburn local authorities", "the adoption consortium with <A>
            # and <B>": the councils it joins
            window = _blank(sentence, ((b.start, b.end) for b in bodies))[tie.end():tie.end() + 60]
            if authority_index().find_all(window) or any(a < 40 for a, _, _ in gazetteer().groups_in(window)):
                out.add(i)
                continue
        cue = _COVERS.match(sentence, body.end)
        if cue is None:
            continue
        window = sentence[cue.end():cue.end() + 80]
        groups = gazetteer().groups_in(window)
        named = authority_index().find_all(_blank(window, ((a, b) for a, b, _ in groups)))
        if len(named) >= 2 or any(a < 40 for a, _, _ in groups):  # ("Kensington and Chelsea and Westminster")
            out.add(i)
    return out


def _kind_label(kind: str) -> str:
    return BY_NOTATION[kind].label


def _council_label(codes: tuple[str, ...]) -> str:
    index = authority_index()
    return " / ".join(sorted(index.by_gss[c].name for c in codes))


@dataclass(frozen=True, slots=True)
class _Resolved:
    kind: str
    key: str
    name: str
    surface: str
    abbreviation: str | None
    members: tuple[Member, ...]


def _named_key(body: _Found) -> str:
    """One key per real body, whatever the spelling: the reference list's key when the name is on it,
    else the folded name (loaders/gazetteer.body_name_key)."""
    reference = body.reference or gazetteer().body_named(body.name)
    if reference is not None:
        return f"{reference.kind}/{reference.key}"
    return f"{body.kind}/{body_name_key(body.name)}"


def _councils_in_name(name: str, inspected: str, day: date | None) -> tuple[str, ...]:
    """Councils a body's name names: by their names ("Adoption Lancashire and Blackpool"), or by a
    group the inspected council is in ("Adoption in the Black Country")."""
    found = _councils_outside_groups(name)
    group = _group_in_name(name)
    if group is not None and group.expands and inspected in group.members_on(day):
        found.extend(group.members_on(day))
    return tuple(dict.fromkeys(found))


def _joined_with(sentence: str, reach: int) -> Iterator[list[Authority]]:
    """The councils named within `reach` characters after each "with" or "alongside" of the sentence."""
    for m in re.finditer(r"\b(?:with|alongside)\s+(?:the\s+)?", sentence):
        yield authority_index().find_all(sentence[m.end():m.end() + reach])


def _with_councils(sentence: str) -> bool:
    """Whether the sentence joins councils to the subject with "with" ("… with Barnet and Camden")."""
    return any(_joined_with(sentence, 40))


def _councils_beside(sentence: str, body: _Found, reach: int = 80) -> bool:
    """Whether councils are listed right beside a body's name ("the tri-borough adoption service
    <Council>, <Council> and <Council> (<ABBR>)"): two or more of them within `reach` characters."""
    window = sentence[max(0, body.start - reach):body.start] + " " + sentence[body.end:body.end + reach]
    return len(authority_index().find_all(window)) >= 2


_WITH_GROUP_FIRST = re.compile(r"\s*(?:Together\s+with|Along\s+with|Alongside|With)\s+(?:the\s+)?(?:other\s+)?")


def _near_group(sentence: str, body: _Found, group: Group, reach: int = 40) -> bool:
    """Whether the sentence names the group within `reach` characters of the body: "the CDOP is
    shared across Greater Manchester", not "joint West Yorkshire partnerships and, locally, the LSCB";
    further after the body where the words between share it ("is shared with <four> other local
    authorities in <group>")."""
    for a, b, found in gazetteer().groups_in(sentence):
        # (a police area read as its councils is a copy of the group; two groups named as one area are both)
        if found.key not in group.key.split("+"):
            continue
        if _WITH_GROUP_FIRST.fullmatch(sentence, 0, a):
            return True  # "Together with the other Greater Manchester councils, Tameside buys … through a framework"
        if b <= body.start and body.start - b <= reach:
            return True
        if a >= body.end and (a - body.end <= reach or a - body.end <= 2 * reach and
                              _SHARED_BEFORE_GROUP.search(sentence, body.end, a)):
            return True
        # "the service, which <A> hosts on behalf of all six Berkshire authorities": the group counted in full
        if _counted_all(sentence) == len(group.members_on(None)) and _ALL_OF.search(sentence, max(0, a - 30), b + 40):
            return True
    return False


# ("both Cheshire councils": two)
_COUNT_BEFORE = re.compile(rf"(?:\b(?:all|the)\s+(?:the\s+)?|(?=\b(?i:both)\s))(?P<n>{_COUNT}|both|\d{{1,2}})\s+"
                           r"(?P<other>other\s+)?$", re.I)


_AFTER_COUNCILS = re.compile(r"(?-i:[A-Z])[\w’'-]*,?\s+and\s+(?P<the>the\s+)?(?:other\s+)?$")


# "every other Greater Manchester council", "all the other London boroughs", "a consortium of the Yorkshire and
# Humber councils", "commissioned by the North East councils": every council of the group.
_EVERY_BEFORE = re.compile(r"\b(?:every|each)\s+(?P<other>other\s+)?$", re.I)
_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+)?(?P<other>other\s+)?$", re.I)
_WHOLE_OF = re.compile(r"\b(?:consortium|consortia|partnership|network|alliance|collaboration|collaborative|framework)"
                       r"\s+(?:made\s+up\s+)?of\s+(?:all\s+)?(?P<the>the\s+)?$|"
                       r"\b(?:commissioned|funded|owned|run|used|shared|hosted)\s+(?:jointly\s+)?by\s+(?:all\s+)?(?P<by_the>the\s+)?$", re.I)
_COUNCIL_NOUN = re.compile(r"\s+(?:(?:local|unitary|partner|constituent|member)\s+)?(?:council|authority|borough)\b(?!s)")
# A group counted where it is not named: "the … consortium, whose fifteen member councils …".
_WHOSE_COUNTED = re.compile(rf"\bwhose\s+(?P<n>{_COUNT}|\d{{1,2}})\s+(?:(?:local|unitary|member|constituent|partner)\s+)?"
                            r"(?:councils|authorities|boroughs)\b(?P<m>)", re.I)
# A region counted where it is not named: "any of the region's fifteen councils", "all 12 councils in the region".
_REGION_COUNTED = re.compile(
    rf"\bregion[’']s\s+(?P<n>{_COUNT}|\d{{1,2}})\s+(?:(?:local|unitary|member)\s+)?(?:councils|authorities|boroughs)\b|"
    rf"\b(?:all|the)\s+(?P<m>{_COUNT}|\d{{1,2}})\s+(?:(?:local|unitary|member)\s+)?(?:councils|authorities|boroughs)"
    r"\s+(?:in|of|across)\s+the\s+region\b", re.I)



def _counted_in_full(sentence: str, group: Group, day: date | None, inspected: str = "") -> bool:
    """Whether the sentence counts the group's councils in full: "the two northern Lincolnshire unitary
    authorities", "all five Tees Valley councils", "the four other Tees Valley authorities" (with the inspected
    council, one of them), "every other Greater Manchester council", "a consortium of the Yorkshire and Humber
    councils", a region's councils counted ("the region's fifteen councils"), or lists them as councils after
    others ("<A>, <B> and the Berkshire councils")."""
    members = group.members_on(day)
    named = gazetteer().groups_in(sentence)
    if any(found.key == group.key for _, _, found in named):
        counts = [*_WHOSE_COUNTED.finditer(sentence), *(_REGION_COUNTED.finditer(sentence) if group.kind == "region" else ())]
        if any(_number(m.group("n") or m.group("m")) == len(members) for m in counts):
            return True
    for a, b, found in named:
        if found.key not in group.key.split("+"):
            continue
        councils_noun = _councils_named(sentence, a, b)
        # "every other …" and "all the other …" count the inspected council in: it must be one of them
        every = _EVERY_BEFORE.search(sentence, max(0, a - 16), a) if _COUNCIL_NOUN.match(sentence, b) else None
        every = every or (_ALL_BEFORE.search(sentence, max(0, a - 20), a) if councils_noun else None)
        if every and (not every.group("other") or inspected in members):
            return True
        whole = _WHOLE_OF.search(sentence, max(0, a - 60), a) if councils_noun else None
        if whole and (whole.group("the") or whole.group("by_the") or sentence[a:b].lower().startswith("the ")):
            return True  # ("a consortium of North East councils" is of some of them)
        listed = _AFTER_COUNCILS.search(sentence, max(0, a - 80), a) if councils_noun else None
        if listed and (listed.group("the") or sentence[a:b].lower().startswith("the ")) and \
                authority_index().find_all(sentence[max(0, a - 80):a]):
            # "with Oxfordshire, Milton Keynes and the Berkshire councils": the group listed among councils ("<A> and
            # other London boroughs" are some of them)
            return True
        count = _COUNT_BEFORE.search(sentence, max(0, a - 24), a)
        if count and councils_noun:
            other = 1 if count.group("other") and inspected in members else 0
            if count.group("other") and not other:
                continue
            if _number(count.group("n")) + other == len(members):
                return True
    return False


def _named_together(sentence: str, group: Group) -> bool:
    """Whether the sentence names the group as councils working together ("the Berkshire authorities",
    "pan-Berkshire", "Berkshire-wide"), not as a place."""
    return any(found.key in group.key.split("+") and (_COLLABORATION.search(sentence[a:b])
                                                       or _ITS_COUNCILS.match(sentence, b))
               for a, b, found in gazetteer().groups_in(sentence))


# Right after a group's name, its councils: "Berkshire's six unitary councils".
_ITS_COUNCILS = re.compile(rf"(?:’s|'s)?(?:\s+(?:{_COUNT}|\d{{1,2}}))?"
                           + _COUNCILS_NOUN.pattern)


def _group_in_name(name: str) -> Group | None:
    """A group a body's name says it spans: "pan-Sussex Procedures Group", "Berkshire-wide panel". A
    place in a name ("Adopt Berkshire", "Merseyside Domestic Abuse Forum") does not say which of the
    place's councils belong."""
    for a, b, group in gazetteer().groups_in(name):
        spanned = name[a:b]
        if re.match(r"(?i)pan\b", spanned) or re.search(r"(?i)wide$", spanned):
            return group
    return None


def _group_of_council_in_name(name: str, inspected: str, day: date | None, sentence: str = "") -> Group | None:
    """A group of councils, the inspected one among them, that a body's name names anywhere (a region where the
    sentence counts its councils in full: "the Yorkshire and Humber consortium … any of the region's fifteen
    councils")."""
    for _, _, group in gazetteer().groups_in(name):
        if (group.expands or _counted_in_full(sentence, group, day, inspected)) and inspected in group.members_on(day):
            return group
    return None


# "the Merseyside adoption consortium, made up of Liverpool, Knowsley, Sefton and Wirral", "the four Tees Valley
# councils, namely …": councils a sentence lists as the whole say who the body is, not the group's full membership.
_IN_FULL = re.compile(r"\b(?:made\s+up\s+of|comprising|consisting\s+of|namely|brings\s+together|bringing\s+together|"
                      # "the West of England panel considers the deaths of children living in <A>, <B> and <C>"
                      r"(?:considers|reviews)\s+(?:the\s+)?(?:child\s+)?deaths\s+(?:of\s+children\s+)?(?:(?:living|resident)\s+)?in)\s+",
                      re.I)
# "… consortium, which Plymouth runs in partnership with Cornwall, Devon, Somerset and Torbay": the councils listed after
# the cue, with the one that runs it, are the body's (not every council of the group its name names)
_WITH_IN_FULL = re.compile(r"\b(?:jointly|in\s+partnership|together|shared)\s+with\s+", re.I)
# "… consortium, whose members include Bury, Bolton and Oldham", "the … agency, which includes <A>, <B> and <C>": the
# councils the sentence lists are those it shows to be members; the rest of the group its name names it does not.
_MEMBERS_INCLUDE = re.compile(r"\b(?:(?:whose|its)\s+(?:(?:member|partner|constituent)\s+)?(?:members|councils|authorities|"
                              r"partners)\s+(?:now\s+)?include|(?:which|that)\s+(?:now\s+)?includes|"
                              r"(?:councils|authorities|boroughs),\s+including)\s+(?:both\s+)?(?=[A-Z])")
# "a Greater Manchester out-of-hours service that … serves several neighbouring councils": some of the group, not all
_SOME_COUNCILS = re.compile(r"\b(?:several|some|a\s+few|a\s+number\s+of)\s+(?:(?:other|neighbouring|nearby|local|"
                            r"partner)\s+)?(?:councils|authorities|local\s+authorities|boroughs)\b", re.I)
# ("<A>, <B> and <C> are among the boards represented on the Greater Manchester sub-group": those listed, not the group)
_MAKE_UP = re.compile(r"\b(?:make\s+up|are\s+(?:all\s+)?among|to\s+form)\s+(?:the|a|an|one)(?=\s)", re.I)
_CLAUSE_END = re.compile(r"[;.]|,\s*(?:which|that|who|where)\b")


# ("the Devon and Cornwall family justice board, which also includes Plymouth and Torbay")
_TOGETHER_WITH = re.compile(r"\b(?:together\s+with|along\s+with|alongside|(?:also\s+)?includes|(?:also\s+)?takes\s+in)\s+"
                            r"(?:the\s+)?(?-i:[A-Z])", re.I)
# Right after a body, that it reaches other councils besides its own: "… service also covers <A> and <B>".
_ALSO_COVERS = re.compile(r"\s*,?\s*(?:(?:which|that)\s+(?:now\s+)?(?:also\s+)?|(?:now\s+)?also\s+)(?:covers|serves|spans|works\s+for|"
                          rf"responds\s+for|extends\s+to|{_WORKS_WITH_PEOPLE}|has\s+responsibility\s+for|"
                          # ("… CDOP also reviews child deaths in <A>", "… hub now also screens contacts for <A>")
                          r"(?:reviews|considers|screens|handles)\s+(?:[a-z]+\s+){0,5}?(?:in|for|from))"
                          r"\s+(?:both\s+)?(?:the\s+)?(?:city\s+of\s+)?(?=[A-Z])|\s*,\s*namely\s+(?=[A-Z])|"
                          # ("… panel reviews deaths in <A> as well as in the county", "… board that also includes <A>")
                          r"\s+(?:also\s+)?(?:reviews|considers)\s+(?:child\s+)?deaths\s+(?:of\s+children\s+)?in\s+(?=[A-Z])|"
                          r"\s*,?\s*(?:which|that)\s+(?:now\s+)?also\s+includes\s+(?:the\s+)?(?=[A-Z])|"
                          # ("… board, on which Portsmouth and Southampton are also represented", "… team is also used by
                          # Sutton", "… service also operates in Rutland")
                          r"\s*,\s*(?:on|in)\s+which\s+(?:both\s+)?(?:the\s+)?(?=[A-Z])|"
                          r"\s+(?:is|are)\s+(?:now\s+)?also\s+used\s+by\s+(?:the\s+)?(?=[A-Z])|"
                          r"\s+(?:now\s+)?also\s+(?:operates|works)\s+in\s+(?:the\s+)?(?=[A-Z])|"
                          # ("the Essex family justice board, covering Essex, Southend and Thurrock")
                          r"\s*,\s*covering\s+(?:both\s+)?(?:the\s+)?(?=[A-Z])|"
                          # ("the Cleveland and Durham family justice board brings together Stockton, Middlesbrough, …")
                          r"\s+(?:brings|draws)\s+together\s+(?:the\s+)?(?=[A-Z])|"
                          # ("sits on the <A> and <B> family justice board with <C> and <D>")
                          r"\s+with\s+(?=[A-Z])|"
                          # ("Dorset's emergency duty team is shared with Poole", in Poole's report)
                          r"(?:\s*,?\s*(?:which|that))?\s+(?:is|are)\s+(?:now\s+|also\s+)?(?:shared|run\s+jointly|operated\s+jointly)\s+with\s+(?=[A-Z])")
# "screened by … Leicestershire's multi-agency hub, under a service agreement between the two councils"
_UNDER_AGREEMENT = re.compile(r"\bunder\s+an?\s+(?:(?:formal|long-standing|shared|service(?:[\s-]level)?|commissioning|"
                              r"contractual)\s+)*(?:agreement|arrangement|contract)\b", re.I)
_BOTH_NAMED = re.compile(r"\bboth\s+(?:the\s+)?(?-i:[A-Z])")
# "the Bedfordshire youth offending service, which Bedford Borough and Central Bedfordshire run jointly": the councils
# the relative clause names run it, not every council of the place
_NAMED_RUN_IT = re.compile(r"\s*,?\s*(?:which|that)\s+(?:the\s+)?(?-i:[A-Z])[^.;,]{0,80}?\s+(?:(?:share|run|operate|own|fund|commission|"
                           r"manage)\s+(?:jointly|together)|(?:jointly|together)\s+(?:run|operate|own|fund|commission|manage))\b")
_GROUP_WIDE = re.compile(r"\b(?i:pan)[\s-]|-wide\b|\b(?:tri|bi)[\s-]?borough\b", re.I)


def _listed_in_full(sentence: str, group: Group, day: date | None, inspected: str = "") -> tuple[str, ...]:
    """The councils listed as a whole in the sentence, when two or more of them are the group's (else none); after
    "jointly with", with the inspected council."""
    cues = [(m, ()) for m in [*_IN_FULL.finditer(sentence), *_MEMBERS_INCLUDE.finditer(sentence)]] + \
        [(m, (inspected,) if inspected else ()) for m in _WITH_IN_FULL.finditer(sentence)]
    # ("Plymouth, Torbay, Devon and Somerset make up the Peninsula commissioning partnership": the list before)
    cues += [(m, ()) for m in _MAKE_UP.finditer(sentence)]
    for m, also in cues:
        clause = _CLAUSE_END.split(sentence[m.end():], maxsplit=1)[0] if m.re is not _MAKE_UP else \
            _CLAUSE_END.split(sentence[:m.start()])[-1]
        in_clause = gazetteer().groups_in(clause)
        if any(found.key in group.key.split("+") for _, _, found in in_clause):
            return ()  # "made up of Tameside, Stockport and the other Greater Manchester councils": the whole group
        # ("… living in Plymouth, Devon, Torbay, Cornwall and the Isles of Scilly": a group named in the list is its councils)
        named = [*_councils_outside_groups(clause),
                 *(c for _, end, other in in_clause
                   if other.expands and re.match(r"\s*(?:,|and\b|or\b|\.|$)", clause[end:]) for c in other.members_on(day))]
        codes = tuple(dict.fromkeys(named))
        if len(codes) >= 2 and len(set(codes) & set(group.members_on(day))) >= 2:
            return tuple(dict.fromkeys((*also, *codes)))
    return ()


def _grouped_in_list(text: str, day: date | None) -> list[str]:
    """The councils of groups named as items of a list of councils at the head of text (up to its clause's end)."""
    clause = _CLAUSE_END.split(text, maxsplit=1)[0]
    return [c for start, end, group in gazetteer().groups_in(clause)
            if group.expands and (re.match(r"\s*(?:,|and\b|or\b|\.|$)", clause[end:])
                                  or re.search(r"(?:,|\band)\s*$", clause[:start]))
            for c in group.members_on(day)]


def _group_members(group: Group, inspected: str, day: date | None, role: Role) -> tuple[Member, ...]:
    """The councils of a group: the inspected council with the role the sentence gives it, the
    others as members known only from the group's name."""
    codes = group.members_on(day)
    out = [Member(inspected, role)] if inspected in codes else []
    return tuple(out + [Member(c, "group-member") for c in codes if c != inspected])


@dataclass(frozen=True, slots=True)
class _Shared:
    """The body a report says a kind (or name) of body is, where it says that body is shared."""

    key: str
    name: str


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _on_day(codes: tuple[str, ...], day: date | None, reported: date | None = None) -> tuple[str, ...]:
    """The councils named, a council abolished by that day read as the councils that replaced it, and one not yet
    made when the report was written (`reported`, else `day`) as its one predecessor then standing ("Dorset" in a 2018
    report is the county council; "since 2020, North and West Northamptonshire …" in 2023 are the two councils)."""
    index = authority_index()
    def standing(code: str) -> tuple[str, ...]:
        before = index.standing_before(code, reported or day)
        # one predecessor is the council the name meant then; of several (BCP Council before 2019: Bournemouth and
        # Poole) the name does not say which
        return before if len(before) == 1 else (code,)
    return tuple(dict.fromkeys(c for code in codes for s in index.by_gss[code].successors_on(day)
                               for c in standing(s)))


def _spoken_of(sentence: str, day: date | None) -> date | None:
    """The day a sentence speaks of: the report's, or the end of the latest year it names when that is
    earlier ("the county council transferred its services to the trust in 2020" speaks of the county)."""
    years = [int(y) for y in _YEAR.findall(sentence)]
    if day is None or not years:
        return day
    return min(day, date(max(years), 12, 31))


def _served_by_provider(sentence: str, body: _Found, inspected: str, day: date | None) -> tuple[str, ...]:
    """The councils a named provider is said to serve together ("delivered by <charity> across <A>, <B> and <C>"),
    the inspected one among them; () when the sentence does not say so."""
    if not _PROVIDED_BY.search(sentence, max(0, body.start - 40), body.start):
        return ()
    across = _ACROSS.match(sentence, body.end)
    if across is None:
        return ()
    window = sentence[across.end():across.end() + 90]
    window = re.split(r"[.;:]|,\s+(?!(?:and|or)\b)(?=[a-z])", window, maxsplit=1)[0]
    named = _on_day(tuple(_councils_outside_groups(window)), day)
    for _, _, group in gazetteer().groups_in(window):
        if group.expands and inspected in group.members_on(day):
            named = (*named, *group.members_on(day))
    others = [c for c in dict.fromkeys(named) if c != inspected]
    return (inspected, *others) if others else ()


def _resolve(body: _Found, sentence: str, inspected: str, free: list[str], groups: list[Group], joint: bool,
             chair: bool, joint_with_named: bool, shared_own: dict[str, _Shared], shared_named: dict[str, _Shared],
             day: date | None, ended: bool = False) -> list[_Resolved]:
    kind = BY_NOTATION[body.kind]
    spoken = _spoken_of(sentence, day)
    if body.prefix:  # ("Dorset's LADO" in a 2018 report: the county council's)
        body = replace(body, prefix=_on_day(body.prefix, spoken, day))
    free = list(_on_day(tuple(free), spoken, day))
    others = [c for c in free if c != inspected]
    # As printed: "Children and Family Court Advisory and Support Service" is a spelling of Cafcass
    # (but "the trust", referring back, is no spelling of the trust's name).
    printed = sentence[body.start:body.end]
    surface = printed if not body.named else body.name if _ANAPHORA.fullmatch(printed) else _clean_name(printed)
    # A group's name ties its councils only in a report on one of them: "the Tri-Borough <project> with
    # <two councils>" in a third council's report is not the west London tri-borough, and "the three
    # boroughs" elsewhere are other boroughs.
    # "shares <work> with neighbouring LSCBs under a pan-<county> arrangement": boards in the plural are
    # each council's own, whatever group they work across.
    # A group counted in full ("… and the two northern Lincolnshire unitary authorities") is its councils wherever
    # the report is.
    groups = [g for g in groups if not body.plural and (
        g.expands and inspected in g.members_on(day) and _near_group(sentence, body, g)
        or _counted_in_full(sentence, g, day, inspected))]

    def own(codes: tuple[str, ...], role: Role, extra: tuple[Member, ...] = ()) -> _Resolved:
        codes = tuple(sorted(set(_on_day(codes, spoken, day))))
        # the body is keyed by every council it ties: those of a group counted in full too
        keyed = tuple(sorted({*codes, *(m.authority for m in extra if m.role == "group-member")}))
        if body.named:
            key = f"{kind.notation}/{body_name_key(body.name)}/{'+'.join(keyed)}"
            name = body.name
        else:
            key = f"{kind.notation}/{'+'.join(keyed)}"
            name = f"{_council_label(keyed)}: {kind.label}"
        return _Resolved(kind.notation, key, name, surface, body.abbreviation,
                         tuple(Member(c, role) for c in codes) + extra)

    # A group the inspected council is not in passes the filter above only counted in full: its councils are tied
    # beside those the sentence names ("with Solihull and the four Black Country councils").
    outside = [g for g in groups if inspected not in g.members_on(day)]

    def members_of(selected: list[Group], named: Collection[str] = ()) -> tuple[Member, ...]:
        """The councils of the groups selected, as the group gives them, but for those the sentence `named`."""
        return tuple(m for g in selected for m in _group_members(g, inspected, day, "joint") if m.authority not in named)

    def of_group(group: Group, role: Role) -> _Resolved:
        listed = _listed_in_full(sentence, group, spoken, inspected)
        if inspected in listed:
            return own(listed, "joint")
        key = f"{kind.notation}/{body_name_key(body.name)}" if body.named else f"{kind.notation}/{group.key}"
        name = body.name if body.named else f"{group.name}: {kind.label}"
        return _Resolved(kind.notation, key, name, surface, body.abbreviation,
                         _group_members(group, inspected, day, role))

    # Bodies with a name of their own: trusts, companies, police forces, NHS bodies, charities.
    if body.named and kind.notation not in ("sub-group", "board"):
        key = _named_key(body)
        reference = body.reference or gazetteer().body_named(body.name)
        listed = {t.gss for t in reference.members} if reference else set()
        tie_cue = _DELIVERY.search(sentence) or _JOINED.search(sentence) or joint
        in_name = _on_day(_councils_in_name(body.name, inspected, day), spoken, day)
        multi = kind.notation in ("childrens-services-company", "regional-adoption-agency", "consortium")
        role: Role = "delivers-for" if kind.notation == "childrens-services-company" else "member"
        if multi and (ended or _BEING_MADE.search(sentence, 0, body.start)):
            # "cabinet approval to join the Adopt London North agency": not yet, or no longer, a member.
            members = (Member(inspected, "partner"),)
        elif multi and len(in_name) > 1:
            # "Adoption Lancashire and Blackpool", "Cambridgeshire & Peterborough Adoption"
            members = tuple(Member(c, role) for c in in_name)
        elif multi and (free or groups) and (tie_cue or _councils_beside(sentence, body)):
            # The report's own council belongs too, unless the reference list knows the body without it.
            # ("… with Barnet, Camden and Hackney"); a sentence about other councils alone speaks for them.
            # An agency or consortium the reference list knows with the inspected council holds it whatever the
            # sentence says of the others ("Adopt South West, a regional adoption agency hosted by Devon").
            joins = inspected not in free and not (reference and inspected not in listed) and (
                _with_councils(sentence) or (reference is not None and kind.notation != "childrens-services-company"))
            tied = [inspected, *free] if joins else [*free]
            members = tuple(Member(c, role) for c in tied)
            # "through the <group> consortium with <Council>": a consortium named for a group of councils is theirs too
            named_for = _group_of_council_in_name(body.name, inspected, day, sentence) if kind.notation == "consortium" else None
            for group in [*groups, *([named_for] if named_for else [])]:
                tied = {m.authority for m in members}
                members += tuple(m for m in _group_members(group, inspected, day, role) if m.authority not in tied)
        elif kind.notation == "consortium" and (group := _group_of_council_in_name(body.name, inspected, day, sentence)):
            # "the Black Country consortium": a consortium named for a group of councils is those councils
            # working together (an agency named for a county, "Adopt Berkshire", need not hold all of it).
            members = _group_members(group, inspected, day, role)
        elif kind.notation in ("regional-adoption-agency", "consortium"):
            # A report names its own council's agency: a council belongs to one. The reference list,
            # where it knows the agency, says whether the inspected council is among its members.
            members = (Member(inspected, "member" if not reference or inspected in listed else "partner"),)
        elif kind.notation == "childrens-services-company" and (inspected in listed or
                                                                  (_DELIVERY.search(sentence) and not reference)):
            members = (Member(inspected, "delivers-for"),)
        else:
            members = (Member(inspected, "partner"),)
        # The name as this report prints it: every body's name can be found in its evidence.
        provider = _Resolved(reference.kind if reference else kind.notation, key, body.name, surface,
                             body.abbreviation, members)
        served = _served_by_provider(sentence, body, inspected, spoken) if kind.notation in PROVIDER_KINDS else ()
        if len(served) > 1:
            codes = tuple(sorted(served))
            service = BY_NOTATION["commissioned-service"]
            return [provider, _Resolved(service.notation, f"{service.notation}/{'+'.join(codes)}",
                                        f"{_council_label(codes)}: {service.label}", "", None,
                                        tuple(Member(c, "joint") for c in codes))]
        return [provider]

    if body.group is not None and inspected in body.group.members_on(day) and \
            (body.group.expands or _counted_in_full(sentence, body.group, day, inspected)) and \
            not (body.group_in_phrase and others):
        # (a sentence that names the arrangement's councils keys the body by them, as every other report does)
        members = body.group.members_on(day)
        counted = members_of(outside, others)
        if joint and others and set(others) <= set(members) and len(others) + 1 < len(members) and \
                (_with_councils(sentence) or _BOTH_NAMED.search(sentence) or _ALSO_COVERS.match(sentence, body.end)
                 or _SOME_COUNCILS.search(sentence) or _NAMED_RUN_IT.match(sentence, body.end)) and \
                not _GROUP_WIDE.search(printed) and _counted_all(sentence) is None:
            # "the Bedfordshire youth offending service, shared with Central Bedfordshire", "… serves both Bedford
            # Borough and Central Bedfordshire", "…, which also covers Bedford Borough": a place's name before a body
            # shared "with" some of its councils, serving "both" of them or covering them too, is theirs, not the
            # whole place's ("pan-" or "-wide" is); with a group outside it
            # counted in full ("… with Oxfordshire, Milton Keynes and the Berkshire authorities")
            return [own((inspected, *others), "joint", counted)]
        beyond = [c for c in others if c not in members]
        with_after = _WITH_AFTER.match(sentence, body.end)
        after = _CLAUSE_END.split(sentence[with_after.end():], maxsplit=1)[0] if with_after and with_after.group(0).strip() else ""
        before = _CLAUSE_END.split(sentence[:body.start])[-1]
        # (councils named plainly: "the two Lincolnshire unitaries" are no Lincolnshire)
        named = ({a.gss for a in authority_index().find_all(words)} for words in (after, before)
                 if words and not _PLACE_COUNCILS.search(words))
        listed = next((codes for codes in named if set(beyond) <= codes), None)
        if joint and beyond and listed and not _listed_in_full(sentence, body.group, spoken, inspected):
            # "the West of England adoption consortium with <A>, <B> and <C>", "<A>, <B> and <C> recruit together through a
            # West of England consortium": the councils named, some beyond the group ("the Peninsula consortium with
            # Cornwall, Plymouth, Somerset and Torbay" holds no Isles of Scilly)
            return [own((inspected, *others), "joint", counted)]
        return [of_group(body.group, "joint" if joint else "member")]
    together = next((g for g in groups if set(others) <= set(g.members_on(day)) and _named_together(sentence, g)), None)
    if body.generic:
        # Words that name no kind make a body only of the councils or group a cue ties them to ("with Solihull
        # and the four Black Country councils": a group counted in full beside them)
        counted = members_of(outside)
        together = together if together is None or inspected in together.members_on(day) else None
        if joint and (others or counted) and together is None:
            return [own((inspected, *others), "joint", counted)]
        return [of_group(together or groups[0], "joint")] if joint and groups else []

    if body.prefix:
        # A council's own body, named for it ("Staffordshire's LSCB"); a plural with several
        # councils ("both Staffordshire and Stoke-on-Trent LSCBs") is one body per council.
        # Several councils before a singular phrase make one shared body only when the sentence says
        # it is shared ("the joint Stoke-on-Trent and Staffordshire CDOP"); otherwise one each.
        # "The Leicestershire and Rutland LSCB is effective" is one body of two councils, but
        # "Stoke-on-Trent and Staffordshire LSCB procedures" speaks of two boards' documents.
        if body.prefix == (inspected,) and joint and groups and not chair and not body.plural and \
                set(others) <= set(groups[0].members_on(day)) and _PAN_PREDICATE.search(sentence, body.end):
            # "Herefordshire's Channel panel is a West Mercia-wide panel": the council's body is the group's
            return [of_group(groups[0], "joint")]
        if body.prefix == (inspected,) and joint and others and not chair and not body.plural:
            # "Wirral's emergency duty team is part of a shared service with Cheshire West and Chester" ("run by
            # Bracknell Forest for all six Berkshire councils": a group counted in full too)
            counted = members_of([g for g in groups if _counted_in_full(sentence, g, day, inspected)], others)
            return [replace(own((inspected, *others), "joint", counted), surface="")]
        partners = [c for c in free if c not in body.prefix]
        # "Hampshire's out-of-hours service also responds for Portsmouth and Southampton": a service a council
        # runs for others (a board worked with in partnership stays its council's own); "represented on the North
        # Somerset and Gloucestershire board, together with Bristol": a board of named councils, with one more
        # ("Hampshire's out-of-hours service also covers the Isle of Wight, Portsmouth and Southampton", "the <A> and <B>
        # family justice board, which also covers <C> and <D>")
        covers = _ALSO_COVERS.match(sentence, body.end)
        if covers:
            # ("… brings together Plymouth, Torbay, Devon, Cornwall and the Isles of Scilly": a group in the list is its
            # councils)
            partners += [c for c in _grouped_in_list(sentence[covers.end():], spoken)
                         if c not in body.prefix and c not in partners]
        if joint and partners and not chair and not body.plural and (
                len(body.prefix) == 1 and (kind.scheme == "service-types" and _SERVED.search(sentence, body.end) or covers)
                or len(body.prefix) > 1 and (inspected in body.prefix or inspected in partners and covers)
                and (_TOGETHER_WITH.search(sentence, body.end) or covers)):
            return [replace(own((*body.prefix, *partners), "joint"), surface="")]
        # (a multi-agency hub is a front door, a service too)
        if len(body.prefix) == 1 and inspected not in body.prefix and (kind.scheme == "service-types" or
                                                                      kind.notation == "mash") and \
                not body.plural and not ended and not chair and (_BOUGHT_FROM.search(sentence, 0, body.start) or
                                                                 _UNDER_AGREEMENT.search(sentence)):
            # "Calderdale buys its out-of-hours cover from the Kirklees emergency duty service": another council's
            # service that serves the inspected council (and the councils named with it)
            return [replace(own((inspected, *body.prefix, *partners), "joint"), surface="")]
        attributive = bool(_ATTRIBUTIVE.match(sentence[body.end:]))
        # "following disaggregation from the <A> and <B> MACH": a body of councils that has ended is one each
        groups_of = [body.prefix] if len(body.prefix) == 1 or not (body.plural or attributive or ended) else \
            [(c,) for c in body.prefix]
        out = []
        if len(groups_of) > 1 or body.plural:
            surface = ""  # "both Staffordshire and Stoke-on-Trent LSCBs" spells neither body's name
        for codes in groups_of:
            extra: tuple[Member, ...] = ()
            if inspected not in codes and chair:
                extra = (Member(inspected, "chair-shared"),)
            elif inspected not in codes and joint_with_named:
                # "joint working arrangements with Staffordshire LSCB": the boards work together, but
                # the text does not say the council shares Staffordshire's board.
                extra = (Member(inspected, "joint-working"),)
            resolved = own(codes, "member" if len(codes) == 1 else "joint", extra)
            out.append(replace(resolved, surface=surface))
        return out

    if body.named:
        group = _group_in_name(body.name)
        if group is not None and group.expands and inspected in group.members_on(day):
            return [of_group(group, "joint" if joint else "member")]
        # "Safer Staffordshire Strategic Board" is Staffordshire's, whoever the report is about ("Greater Manchester
        # Violence Reduction Partnership" is no Manchester's: a group's name is never one council)
        in_name = _on_day(tuple(_councils_outside_groups(body.name)), spoken, day)
        if in_name:
            return [own(in_name, "member" if len(in_name) == 1 else "joint")]
    if joint and (others or groups):
        if others and together is None:
            # ("which Buckinghamshire shares with Oxfordshire, Milton Keynes and the Berkshire authorities")
            return [own((inspected, *others), "joint", members_of(outside, others))]
        if outside and inspected in free and (together is None or together in outside):
            # ("the family justice board, which spans Cumbria and the three pan-Lancashire councils")
            return [own((inspected,), "joint", members_of(outside))]
        # "run by Bracknell Forest for the Berkshire authorities": the group's, the councils named among them
        return [of_group(together or groups[0], "joint")]
    if kind.scope == "joint" and not body.named:
        return []  # a tri-borough phrase or a lower-case sub-group without the councils it joins
    if chair and others:
        return []  # "he also chairs Staffordshire's LSCB and Adult Safeguarding Board": whose board is unclear
    # The inspected council's own body, unless this report says the body of that kind (or name) is
    # shared: then every plain mention in the report means the shared one.
    shared = shared_named.get(body_name_key(body.name)) if body.named else shared_own.get(kind.notation)
    if shared:
        # The key is the shared body's; the sentence itself only speaks for the inspected council.
        return [_Resolved(kind.notation, shared.key, shared.name, surface, body.abbreviation,
                          (Member(inspected, "member"),))]
    return [own((inspected,), "member")]


@dataclass(frozen=True, slots=True)
class _Context:
    sentence: Sentence
    text: str  # the sentence as read for ties: comparisons with other councils blanked (loaders: _without_comparisons)
    bodies: tuple[_Found, ...]
    free: tuple[str, ...]
    groups: tuple[Group, ...]
    joint: frozenset[int]  # indexes of the bodies a joint cue speaks of
    chair: bool
    joint_with: frozenset[int]  # bodies right after "joint … with" ("joint working with Staffordshire LSCB")
    ended: bool  # the sentence says an arrangement has ended or is only planned


def _joint_targets(text: str, bodies: list[_Found], aliases: dict[str, str]) -> frozenset[int]:
    """Indexes of the bodies a cue of joint running, serving or covering speaks of."""
    cues = [m for m in _JOINT.finditer(text) if not _qualifies_other_noun(text, m, bodies)]
    # "the sub-group is run jointly with Cambridgeshire's safeguarding board": the body before is run jointly, the
    # board after is the other council's (its councils join the body before: _SHARED_WITH)
    with_board = {m.start(): i for m in cues if m.group(0).lower() == "jointly" for i, b in enumerate(bodies)
                  if b.prefix and re.fullmatch(r"\s+with\s+(?:the\s+)?(?:neighbouring\s+)?", text[m.end():b.start])}
    before_cue = {i for at, board in with_board.items() for i, b in enumerate(bodies)
                  if i < board and b.end <= at and at - b.end <= 40}
    cues = [m for m in cues if m.start() not in with_board or not before_cue]
    cues += [m for m in _WORKS_ACROSS.finditer(text) if len(_councils_outside_groups(text[m.end():m.end() + 120])) >= 2
             or (_group_right_after(text, m.end()) and _nearest_is_of_a_kind(text, m, bodies))]
    cues += list(_PAN_PREDICATE.finditer(text))
    # ("a Channel panel that operates on a combined basis": the relative clause makes the panel its subject)
    on_basis = {i for m in _ON_BASIS.finditer(text) for i, b in enumerate(bodies)
                if b.end <= m.start() and (verb := _VERB_BEFORE_BASIS.fullmatch(text, b.end, m.start()))
                and (_CLAUSE_START.search(text, 0, b.start) or verb.group("relative") or _REDUCED_RELATIVE.match(verb.group(0)))}
    return frozenset(_cue_targets(text, bodies, cues) | before_cue | _served_targets(text, bodies) | on_basis
                     | _covering(text, bodies, aliases) | _cue_targets(text, bodies, _BOROUGHS.finditer(text), reach=40))


def _group_right_after(text: str, at: int) -> bool:
    """Whether a group's name follows text[at:] ("operates across Berkshire")."""
    rest = text[at:at + 60]
    return any(not rest[:a].strip(" ,") or rest[:a].strip().lower() in ("the", "all of", "the whole of")
               for a, _, _ in gazetteer().groups_in(rest))


def _nearest_is_of_a_kind(text: str, cue: re.Match[str], bodies: list[_Found]) -> bool:
    """Whether the body a cue speaks of is of a kind ("the emergency duty service operates across …"), not words
    that name none ("a specialist team works across …": the place says where it works, not whose it is)."""
    before = [b for b in bodies if b.end <= cue.start()]
    return bool(before) and not before[-1].generic and not before[-1].named


# What a council shares that is knowledge or practice, not a body or its staff ("shares its business manager with
# Bury" shares a board's office).
_POSSESSIVE = re.compile(r"(?:their|its|our)\s+(?:(?:good|best|own|new)\s+)?(?:(?!approach|learning|practice)[a-z][\w-]*\s+)?"
                         r"(?:approach(?:es)?|learning|practice|"
                         r"experiences?|expertise|knowledge|findings|models?|ideas|insights|lessons|methods?|tools?|"
                         r"successes|story|stories|plans?|thinking|work)\b", re.I)


def _qualifies_other_noun(text: str, cue: re.Match[str], bodies: list[_Found]) -> bool:
    """Whether "shared" or "joint" qualifies a noun that is no body ("to promote a shared approach across the
    Black Country", "a shared understanding", "the joint West Yorkshire partnerships"): it then says nothing of
    the bodies around it."""
    word = cue.group(0).lower()
    after = cue.end() + len(text[cue.end():]) - len(text[cue.end():].lstrip())
    if word in ("shared", "shares", "share", "sharing") and (owner := _POSSESSIVE.match(text, after)):
        # "leaders have shared their approach with <A> and <B>": a verb whose object is no body ("shares its CDOP
        # with <A>" has one)
        return not any(owner.start() <= b.start < owner.end() for b in bodies)
    if word not in ("shared", "joint"):
        return False
    if _PRACTICE.match(text, cue.end()):
        # "the city and the county agree joint protocols", "a joint training programme": papers and practice
        # (words that name no kind of body around them included), whatever stands before
        return not any(b.start <= after < b.end and not (b.generic and b.kind == "shared-services") for b in bodies)
    if any(b.start <= after < b.end for b in bodies):
        return False
    if not _ARTICLE_BEFORE.search(text, 0, cue.start()):
        return False
    named = next((b for a, b, _ in gazetteer().groups_in(text[after:after + 60]) if a == 0), None)
    if named is not None:  # "the joint West Yorkshire partnerships": the group's name, then the noun
        after += named + len(text[after + named:]) - len(text[after + named:].lstrip())
        if any(b.start <= after < b.end for b in bodies):
            return False
    # "a joint operational learning and development sub-group": words before a body are the body's
    if any(b.start > after and re.fullmatch(r"(?:[a-z][\w’'-]*\s+){1,4}", text[after:b.start]) for b in bodies):
        return False
    return bool(_NOUN_AFTER.match(text, after))


# A sentence that speaks of the body the sentence before it named, by a pronoun or a bare noun, and says at
# once whose it is: "The partnership was set up in 2019. It covers Bolton, Bury and Rochdale", "This service is
# shared with Bury". The councils come right after the cue ("It serves children placed in Bury" says where).
_REFERS_BACK = re.compile(r"^(?:(?:Since|From|In)\s+[^,.;]{1,30},\s*)?(?:It|This|The|this|the)(?:\s+(?:new|joint|shared|same|single))?"
                          r"(?:\s+(?:board|partnership|panel|"
                          r"service|team|agency|hub|group|consortium|arrangement|forum|unit|collaboration|trust|company))?"
                          r"(?:,\s*which\s+(?:is|are)\s+|\s+(?:is\s+|are\s+|has\s+)?)(?:also\s+|now\s+)*(?:jointly\s+(?:run|owned|funded|commissioned|provided)"
                          r"\s+(?:with|by)|shared\s+(?:with|by|across|between)|covers|serves|spans|comprises|"
                          r"(?:works|operates)\s+across|"
                          r"(?:provided|delivered|run|operated)\s+on\s+an?\s+(?:pan|tri|bi)[\s-]\S+\s+basis\s+for|"
                          # "It considers referrals from both Staffordshire and Stoke-on-Trent"
                          # ("Since 2018, the same hub has also screened all contacts for Leicestershire and Rutland")
                          r"(?:considers|receives|takes|handles|screens|considered|received|taken|handled|screened)\s+"
                          r"(?:all\s+)?(?:referrals|contacts|cases|calls)\s+(?:from|for))"
                          r"\s+(?:both\s+)?(?:the\s+)?(?=[A-Z])")
# "the four councils", "both authorities": councils the sentence counts rather than names.
_COUNTED = re.compile(rf"\b(?:(?:the|these|those|all)\s+(?P<n>{_COUNT}|\d{{1,2}})|"
                      r"(?P<both>both))\s+(?:(?:neighbouring|partner|constituent|local|participating)\s+)?"
                      r"(?:councils|authorities|boroughs|local\s+authorities)\b", re.I)


_BOARDS_BACK = re.compile(r"^(?:The|These|Both|All\s+the)\s+(?:LSCBs|boards|partnerships|safeguarding\s+(?:children\s+)?"
                          r"(?:boards|partnerships))\b")


def _counted(text: str) -> int | None:
    """The number of councils the text counts ("the four councils"), when it counts them once."""
    found = {_number(m.group("n") or m.group("both")) for m in _COUNTED.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _same_paragraph(a: Sentence, b: Sentence) -> bool:
    """Whether b follows a in one paragraph: the same printed number, or unnumbered and adjacent."""
    if a.paragraph is not None or b.paragraph is not None:
        return a.paragraph == b.paragraph and a.page == b.page
    return 0 <= b.start - a.end <= 2


def _joined(a: Sentence, b: Sentence) -> Sentence:
    """Two sentences of one paragraph read as one: the evidence of a tie one states and the other completes."""
    return Sentence(f"{a.text} {b.text}", a.start, b.end, a.paragraph, a.page)


def _names_others(text: str, inspected: str, day: date | None) -> bool:
    """Whether the text names a council other than the inspected one, or a group the inspected council is in."""
    if any(c != inspected for c in _councils_outside_groups(text)):
        return True
    return any(g.expands and inspected in g.members_on(day) for _, _, g in gazetteer().groups_in(text))


# Councils a sentence compares with, not shares with: "better than in <A> and <B>", "compared with its statistical
# neighbours", "similar authorities such as <A>", "like other councils in <group>".
_COMPARED = re.compile(
    r"\b(?:compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|in\s+contrast\s+(?:with|to)|unlike|in\s+competition\s+with|compet(?:es|ing)\s+with|"
    r"peers?\s+(?:from|in)|peer\s+review\w*\s+(?:by|from|with)|comparable\s+(?:with|to)|in\s+line\s+with|"
    r"(?:better|worse|higher|lower|more|less|fewer|greater|faster|slower|stronger|weaker|quicker)\s+than|"
    r"than\s+(?:in|those\s+(?:of|in)|that\s+(?:of|in))|similar\s+to\s+(?:those|that)\s+(?:of|in)|"
    r"statistical\s+neighbours?|similar\s+(?:local\s+)?(?:authorities|councils|areas|boroughs)|"
    # "leaders visited Doncaster and Sunderland to learn from their trusts": places seen, not partners
    r"visited|visits\s+to|to\s+learn\s+from|"
    # "compared notes with colleagues in <A>", "while Luton maintains its own board"
    r"compared\s+(?:notes|practice|approaches|data)\s+with|"
    r"(?:while|whilst|whereas)\s+(?=(?-i:[A-Z])[^.;,]{0,40}?\b(?:maintains|keeps|has|retains|runs|operates)\s+its\s+own\b"
    r"(?![^.;]*\bbut\b))|"
    # "a board that includes a former director from Gateshead", "invited councillors from Wiltshire": people, not councils
    r"(?:a|an|the|two|three|several)\s+(?:former\s+|retired\s+|previous\s+|senior\s+)?(?:directors?|chairs?|chief\s+executives?|"
    r"managers?|officers?|councillors?|social\s+workers?|leaders?|lawyers?)\s+from|(?<=invited\s)councillors\s+from|"
    # "neither Rotherham nor Barnsley has adopted a similar model"
    r"neither|"
    r"comparator\s+(?:local\s+)?(?:authorities|councils|areas)|comparators|benchmark\w*\s+(?:against|with)|"
    r"(?:as|like)\s+(?:in\s+)?(?:other|many|most|some|all)\s+(?:other\s+)?(?:local\s+)?"
    r"(?:authorities|councils|areas|boroughs|LSCBs|partnerships)|(?:as|like)\s+(?:those|that)\s+(?:of|in))\b", re.I)
# After a comma, more of the list compared with ("… than in <A>, <B> and <C>").
_LIST_GOES_ON = re.compile(r",\s*(?:(?:and|or)\s+|such\s+as\s+|including\s+)?(?:the\s+)?(?=[A-Z])")


def _without_comparisons(text: str, keep: Iterable[tuple[int, int]] = ()) -> str:
    """The text with each comparison blanked, from its words to the end of the list of places it names (same
    length, so spans hold), but for the spans to `keep` (the bodies found, whose names stay their names): the
    councils and groups compared with share nothing."""
    if not _COMPARED.search(text):
        return text
    spans = []
    for m in _COMPARED.finditer(text):
        end = m.end()
        fronted = re.match(r"(?i)(?:as|like)\b", m.group(0)) and not text[:m.start()].strip(" ,")
        while end < len(text):
            char = text[end]
            if char in ".;:" or (char == ")" and "(" not in text[m.start():end]):
                break
            if char == "(":  # "(<A>, <B>)": the places compared with, in brackets
                close = text.find(")", end)
                end = len(text) if close < 0 else close + 1
                continue
            if char == ",":
                more = _LIST_GOES_ON.match(text, end)
                if fronted or more is None or not authority_index().find_all(text[more.end():more.end() + 40]):
                    break
            end += 1
        spans.append((m.start(), end))
    blanked = _blank(text, spans)
    for a, b in keep:
        blanked = blanked[:a] + text[a:b] + blanked[b:]
    return blanked


# "The council's safeguarding partnership arrangements are shared with …": the arrangements are the body
_SAID_SHARED = re.compile(r"\s+(?:are|is)\s+(?:now\s+|also\s+)?(?:shared|joint)\b", re.I)


# "Although the tri-borough formally ended in 2018, the council continues to share its out-of-hours service with …":
# what ended is conceded; the main clause says what goes on.
_CONCEDED = re.compile(r"^(?:Although|Though|While|Whilst|Even\s+though)\b[^,;]{0,160},")
# "…, although each area keeps its own delivery group", "…; each borough retains its own operational sub-group": a part
# each keeps, after the sharing is stated
_EACH_OWN_CONTRAST = re.compile(r"(?:,\s*(?:although|though|while|whilst|but)|;)\s+each\s+[^.;,]{0,40}?\bown\s+(?-i:[a-z])[\w-]*",
                                re.I)
_NOT_SHARED_THEN = re.compile(r"^[^.;]*?\b(?:is|are)\s+not\s+shared\b[^.;]*?(?:;\s*however,?|,\s*but|;\s*but)\s", re.I)
_SINCE_ENDED = re.compile(r"^(?:Since|After|Following)\b[^,;]{0,160},")
_GOES_ON = re.compile(r"\b(?:continues?|continued)\s+to\b|\bstill\b|\bremains?\b", re.I)


def _main_clause(text: str, bodies: Iterable[_Found] = ()) -> int:
    """Where the clause that says what goes on starts: after a conceded end, or after a leading clause saying what
    ended before a main clause that names a body; else 0."""
    conceded = _CONCEDED.match(text)
    if conceded and _ENDED.search(text, 0, conceded.end()) and _GOES_ON.search(text, conceded.end()):
        return conceded.end()
    # "Since the tri-borough ended, <A> and <B> have kept a bi-borough model": what ended is said first
    since = _SINCE_ENDED.match(text)
    if since and _ENDED.search(text, 0, since.end()) and not _ENDED.search(text, since.end()) and \
            any(b.start >= since.end() for b in bodies):
        return since.end()
    return 0


def _context(sentence: Sentence, bodies: list[_Found], aliases: dict[str, str],
             counted_councils: tuple[str, ...] = ()) -> _Context | None:
    """The cues and councils that qualify the sentence's bodies; None when it names none.
    `counted_councils`: the councils the sentence counts ("the four councils"), named before it."""
    text = _without_comparisons(sentence.text, [(b.start, b.end) for b in bodies])
    # ("…, although each area keeps its own delivery group": the delivery groups are each area's own, the partnership
    # before them is still shared)
    own_parts = [(m.start(), m.end() + len(re.split(r"[.;,]", text[m.end():], maxsplit=1)[0]))
                 for m in _EACH_OWN_CONTRAST.finditer(text)]
    # ("Manchester's youth justice partnership is not shared; however, the city contributes to …": what is not shared
    # is said first, what is shared after it)
    own_parts += [(0, m.end()) for m in _NOT_SHARED_THEN.finditer(text)]
    def in_own_part(body: _Found) -> bool:
        return any(a <= body.start < e for a, e in own_parts)

    kinds = [b for b in bodies if not b.generic and not in_own_part(b)]
    if any(b.generic for b in bodies) and kinds and _joint_targets(text, kinds, aliases):
        # Words that name no kind give way to a body of a kind that the cues speak of ("the MASH, a
        # service shared with two boroughs", "the out-of-hours service, provided through a pan-<county>
        # agreement").
        bodies = [b for b in bodies if not b.generic]
    # "a joint training programme with colleagues from <A> and <B>": a programme of papers or practice is no body
    bodies = [b for b in bodies if not (b.generic and _PRACTICE_PROGRAMME.search(text, b.start, b.end))]
    if not bodies:
        return None  # the cues and councils below only ever qualify the sentence's bodies
    main = _main_clause(text, bodies)
    # ("Since Hammersmith and Fulham withdrew, …": the councils of what ended are not those of the main clause)
    read = _blank(text, [(0, main)]) if main else text
    free = (*_free_councils(read, bodies, aliases), *_named_for_group_counted(read))
    # Another council's board the sentence shares with: its council shares the sentence's bodies.
    shared_with = [i for i, b in enumerate(bodies) if b.prefix and _SHARED_WITH.search(text[:b.start])]
    free = tuple(dict.fromkeys([*free, *(c for i in shared_with for c in bodies[i].prefix), *counted_councils]))
    if main:  # the bodies of the conceded clause are those that ended
        bodies = [b for b in bodies if b.start >= main]
        if not bodies:
            return None
    ended = bool(_ENDED.search(_blank(text, own_parts), main))
    groups = () if ended else tuple(_free_groups(text, bodies))
    if ended:  # "the disaggregation of the tri-borough arrangements": no group ties councils here
        bodies = [replace(b, group=None) for b in bodies]
    # "LSCB partners across the six Berkshire areas": a body named for its partners is not the one shared.
    # ("the LADO arrangements are shared": a service's arrangements are the service)
    attributive = {i for i, b in enumerate(bodies) if not b.named and (m := _ATTRIBUTIVE.match(text, b.end))
                   and not (m.group(0).strip().lower() == "arrangements" and
                            (BY_NOTATION[b.kind].scheme == "service-types" or _SAID_SHARED.match(text, m.end())))}
    bodies = [replace(b, group=None) if i in attributive else b for i, b in enumerate(bodies)]
    joint = frozenset() if ended else _joint_targets(text, bodies, aliases) - attributive - \
        {i for i, b in enumerate(bodies) if in_own_part(b)}
    if joint and not free:
        # "<A> and <B> LSCBs have a joint CDOP": the councils of the boards that hold it
        free = tuple(dict.fromkeys(c for i, b in enumerate(bodies) if i not in joint and len(b.prefix) >= 2
                                   for c in b.prefix))
    joint_with = frozenset(i for i, b in enumerate(bodies)
                           if "with" in text[:b.start] and re.search(r"\b(?:joint\w*|shared|shares)\b[^.;]{0,40}\bwith\s+(?:the\s+)?(?:neighbouring\s+)?$",
                                        text[:b.start]))
    return _Context(sentence, text, tuple(bodies), free, groups, joint, bool(_CHAIR.search(text)) and not ended,
                    frozenset() if ended else joint_with, ended)


def _contexts(items: tuple[Sentence, ...], inspected: str, day: date | None = None) -> list[_Context]:
    aliases: dict[str, str] = {}
    names: dict[str, _Found] = {}
    longest_first: list[tuple[str, _Found]] = []  # names, longest first (ties in definition order)
    last_company: _Found | None = None
    index = authority_index()
    out: list[_Context] = []
    previous: tuple[Sentence, list[_Found], _Context | None] | None = None  # the sentence before, as read
    for sentence in items:
        text = sentence.text
        defined_here = definitions(text) if "(" in text else []
        for long_form, abbreviation, _ in defined_here:
            council = index.by_name(long_form)
            if council and abbreviation not in aliases:
                aliases[abbreviation] = council.gss
        bodies = _find_bodies(text, aliases, longest_first, last_company)
        known = len(names)
        # Abbreviations ("… Board (SSCB)") and names defined here hold for the rest of the report.
        defined = {d[1] for d in defined_here}
        for body in bodies:
            definition = re.match(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)", text[body.end:body.end + 14])
            if definition and definition.group(1) in defined and definition.group(1) not in names \
                    and definition.group(1) not in aliases:
                abbreviation = definition.group(1)
                long_form = body.name if body.named else text[body.start:body.end]
                entry = replace(body, abbreviation=abbreviation, name=long_form)
                names[abbreviation] = entry
                if body.named:
                    names.setdefault(body.name, entry)
            if body.kind == "childrens-services-company" and body.named:
                last_company = body
        if len(names) != known:  # names are only ever added
            longest_first = sorted(names.items(), key=lambda kv: -len(kv[0]))
        before = previous if previous and _same_paragraph(previous[0], sentence) else None
        previous = (sentence, bodies, None)
        # "This service is shared with …": words that name no kind, as the subject, refer back too.
        cue = _REFERS_BACK.match(text) if before and before[1] else None
        # "The board is shared with Kingston, and its sub-groups …": bodies named after the cue are other bodies
        # ("Since 2018, the same hub has also screened …": a bare noun inside the cue is the body referred back to)
        refers_back = not bodies or (all(b.generic for b in bodies) and bodies[0].start == 0) or \
            (cue is not None and all(b.start >= cue.end() or b.generic and b.end <= cue.end() for b in bodies))
        cue = cue if refers_back else None
        if cue and not _CHAIR.search(text) and _names_others(text[cue.end():cue.end() + 80], inspected, day):
            # "It covers Bolton, Bury and Rochdale": the body of the sentence before, with this one's councils
            # and cues; the two sentences are its evidence, in place of the first alone.
            joined = _context(_joined(before[0], sentence), before[1], aliases)
            if joined is not None:
                if before[2] is not None and out and out[-1] is before[2]:
                    out.pop()
                out.append(joined)
            continue
        counted = _counted(text) if bodies and before else None
        anaphor = _BOARDS_BACK.match(text) if bodies and before and counted is None else None
        if anaphor:
            # "The Leicester, Leicestershire and Rutland Safeguarding Children Boards share a chair. The LSCBs have a
            # joint serious case review sub-group": the boards of the sentence before, whose councils it named (those
            # boards are read there, not again here)
            counted = next((len(b.prefix) for b in before[1] if b.plural and len(b.prefix) > 1), None)
        context = None
        if counted and not _CHAIR.search(text) and not _names_others(text, inspected, day):
            # "The four councils share a child death overview panel", the councils named just before: the two
            # sentences are the evidence.
            named = tuple(dict.fromkeys(_councils_outside_groups(before[0].text)))
            if len(named) + (inspected not in named) == counted:
                offset = len(before[0].text) + 1
                context = _context(_joined(before[0], sentence),
                                   [replace(b, start=b.start + offset, end=b.end + offset) for b in bodies
                                    if not (anaphor and b.start < anaphor.end())],
                                   aliases, named)
        if context is None:
            context = _context(sentence, bodies, aliases)
        if context is not None:
            out.append(context)
            previous = (sentence, bodies, context)
    return out


def _free_for(ctx: _Context, i: int, inspected: str) -> list[str]:
    """The councils a body's resolution may tie: those the sentence names outside bodies, and for a joint body of
    no kind's own councils ("a joint serious case review sub-group"), the councils of the boards the sentence
    names together before it ("Nottinghamshire and Nottingham City LSCBs run a joint … sub-group")."""
    body = ctx.bodies[i]
    if i not in ctx.joint or body.named or body.prefix or BY_NOTATION[body.kind].scope != "joint" or \
            any(c != inspected for c in ctx.free):
        return list(ctx.free)
    boards = [c for b in ctx.bodies[:i] if b.plural and len(b.prefix) > 1 and inspected in b.prefix for c in b.prefix]
    return list(dict.fromkeys([*ctx.free, *boards]))


def find_in_sentences(items: tuple[Sentence, ...], inspected: str,
                      day: date | None = None) -> list[tuple[Sentence, _Resolved]]:
    """Every body each sentence names, resolved, in text order; `day` dates group memberships."""
    contexts = _contexts(items, inspected, day)
    # First the statements that a body is shared, so that plain mentions elsewhere in the report
    # ("the CDOP", "the LSCB") resolve to the shared body rather than to a council-only one.
    shared_own: dict[str, _Shared] = {}
    shared_named: dict[str, _Shared] = {}
    resolved_by_context: list[list[list[_Resolved]]] = []
    def resolve(ctx: _Context, i: int, own: dict[str, _Shared], named: dict[str, _Shared]) -> list[_Resolved]:
        return _resolve(ctx.bodies[i], ctx.text, inspected, _free_for(ctx, i, inspected), list(ctx.groups),
                        i in ctx.joint, ctx.chair, i in ctx.joint_with, own, named, day, ctx.ended)

    for ctx in contexts:
        per_body = [resolve(ctx, i, {}, {}) for i in range(len(ctx.bodies))]
        resolved_by_context.append(per_body)
        for i, body in enumerate(ctx.bodies):
            if i not in ctx.joint or body.prefix or (body.named and body.kind not in ("sub-group", "board")):
                continue
            for r in per_body[i]:
                if len({m.authority for m in r.members}) > 1:
                    if body.named:
                        shared_named.setdefault(body_name_key(body.name), _Shared(r.key, r.name))
                    elif BY_NOTATION[body.kind].scope == "own":
                        shared_own.setdefault(body.kind, _Shared(r.key, r.name))
    found: list[tuple[Sentence, _Resolved]] = []
    for ctx, per_body in zip(contexts, resolved_by_context):
        for i, results in enumerate(per_body):
            if shared_own or shared_named:
                results = resolve(ctx, i, shared_own, shared_named)
            found.extend((ctx.sentence, r) for r in results)
    return found


def extract_organisations(doc: Document, record: ReportRecord) -> tuple[OrganisationMention, ...]:
    """The bodies a report names, one mention per body per distinct set of memberships (the
    first sentence that states it), with the report's other spellings as labels."""
    inspected = record.authority_code
    found = find_in_sentences(sentences(doc), inspected, record.inspection_start or record.published)
    labels: dict[str, dict[str, None]] = {}
    abbreviations: dict[str, str] = {}
    # One name per body in a report: the first printed in full (not an abbreviation).
    names: dict[str, str] = {}
    for _, r in found:
        if not r.name.isupper():
            names.setdefault(r.key, r.name)
    for _, r in found:
        if r.surface:
            labels.setdefault(r.key, {})[r.surface] = None
        if r.abbreviation:
            abbreviations.setdefault(r.key, r.abbreviation)
    mentions: list[OrganisationMention] = []
    seen: set[tuple[str, tuple[Member, ...]]] = set()
    for sentence, r in found:
        signature = (r.key, tuple(sorted(r.members, key=lambda m: (m.authority, m.role))))
        if signature in seen:
            continue
        seen.add(signature)
        name = names.get(r.key, r.name)
        mentions.append(OrganisationMention(
            name=name, kind=r.kind, evidence=sentence.evidence(), key=r.key,
            abbreviation=abbreviations.get(r.key),
            labels=tuple(sorted(label for label in labels.get(r.key, {}) if label != name)),
            members=signature[1]))
    return tuple(mentions)
