"""Where a report's back matter starts: Ofsted's closing page (what Ofsted is, the licence, contact
details), printed after the last section of every report.

The closing page names Cafcass, Ofsted's address in Manchester and the National Archives, so text
read past this point would make partner bodies and places of every report; it is never report
content.
"""

from __future__ import annotations

import re

# The closing page's first sentence, spelt with and without the comma and with either apostrophe,
# and the lines that stand on it when its first sentence was not printed.
_CLOSING = re.compile(
    r"The\s+Office\s+for\s+Standards\s+in\s+Education,\s+Children[’']s\s+Services,?\s+and\s+Skills\s+"
    r"\(Ofsted\)\s+regulates\s+and\s+inspects"
    r"|If\s+you\s+would\s+like\s+a\s+copy\s+of\s+this\s+document\s+in\s+a\s+different\s+format"
    r"|You\s+may\s+(?:reuse\s+this\s+information|copy\s+all\s+or\s+parts\s+of\s+this\s+document)")
# The closing page is the report's last; a marker in the first half is a quotation, not the page.
_TAIL_SHARE = 0.5


def back_matter_offset(text: str) -> int:
    """Offset in a report's text where the back matter begins; len(text) when there is none."""
    floor = int(len(text) * (1 - _TAIL_SHARE))
    match = _CLOSING.search(text, floor)
    return match.start() if match else len(text)
