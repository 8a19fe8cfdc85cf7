"""Reads for the skills taxonomy: turning what people type into canonical skills."""

import difflib
import re
import unicodedata

from django.db.models import QuerySet

from skills.models import Skill


def _key(text: str) -> str:
    # Case and spacing never matter; the punctuation that tells C, C++ and C# apart does.
    return re.sub(r"\s+", " ", text).strip().lower()


def skill_lookup() -> dict[str, Skill]:
    """Every canonical name and alias, normalised, mapped to its skill."""
    lookup: dict[str, Skill] = {}
    for skill in Skill.objects.all():
        for label in [skill.name, skill.name_zh, *skill.aliases]:
            if label:
                lookup.setdefault(_key(label), skill)
    return lookup


def skill_resolve(labels: list[str]) -> tuple[list[Skill], list[tuple[str, str | None]]]:
    """Map typed skill names to skills.

    Returns (skills in the order given, without repeats) and (unknown label,
    closest known name or None) for every label that is not in the taxonomy.
    """
    lookup = skill_lookup()
    found: list[Skill] = []
    unknown: list[tuple[str, str | None]] = []
    for label in labels:
        skill = lookup.get(_key(label))
        if skill is None:
            close = difflib.get_close_matches(_key(label), lookup, n=1, cutoff=0.75)
            unknown.append((label, lookup[close[0]].name if close else None))
        elif skill not in found:
            found.append(skill)
    return found, unknown


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.order_by("name")


# --- Finding skills in free text (a CV) ----------------------------------------------

# Labels that are everyday words or abbreviations with another meaning in a CV ("CV"
# itself, "rest", "spring", "shell"…): suggesting them from free text would be noise.
# They still resolve when a person types them into a skills field.
_NOT_FOUND_IN_TEXT = frozenset(
    {"cv", "rest", "spring", "node", "shell", "sketch", "kube", "ci", "cd", "bd", "tf", "ts"}
    | {"dl", "rl", "py", "security", "sales", "marketing", "containers", "robot", "robots"}
)
# Characters that glue onto a skill name and make it another word: "Java" in
# "JavaScript", "C" in "C++" or "C#", "SQL" in "PostgreSQL".
_WORD = r"A-Za-z0-9_+#"


def skill_text_normalise(text: str) -> str:
    """Text as the skill finder reads it: Unicode-compatible forms folded (full-width
    "Ｐｙｔｈｏｎ" and "Ｃ＋＋" become ASCII), NUL bytes dropped, every run of whitespace
    (including line breaks inside a PDF paragraph) one space."""
    text = unicodedata.normalize("NFKC", text or "").replace("\x00", " ")
    return re.sub(r"\s+", " ", text).strip()


def _is_ascii_word_edge(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "_+#.")


def _label_pattern(label: str, *, canonical: bool) -> re.Pattern | None:
    """A regex finding `label` as a whole token, or None if the label is too ambiguous."""
    label = skill_text_normalise(label)
    if not label or label.lower() in _NOT_FOUND_IN_TEXT:
        return None
    # "C", "R" and "Go" are only skills when written as the name is (not "go to"), and
    # short aliases only in capitals ("ML", "UX"), so ordinary words do not match.
    short = len(label) <= 2
    case_sensitive = short and label.isalpha()
    if case_sensitive and not canonical:
        label = label.upper()
    parts = []
    for index, char in enumerate(label):
        if char == " ":
            # Chinese is written without spaces: "C 語言" also matches "C語言".
            before, after = label[index - 1], label[index + 1]
            parts.append(r"\s+" if before.isascii() and after.isascii() else r"\s*")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    # Boundaries only where the label ends in a Latin letter, digit or sign: Chinese has no
    # spaces between words, and "熟悉Python" must still find Python.
    if _is_ascii_word_edge(label[0]):
        # A one- or two-letter name must stand alone: not "Objective-C", not "R&D".
        body = (rf"(?<![{_WORD}.\-&])" if short else rf"(?<![{_WORD}])") + body
    if _is_ascii_word_edge(label[-1]):
        body += rf"(?![{_WORD}&]|[.\-']\w)" if short else rf"(?![{_WORD}]|\.\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def skills_find_in_text(text: str) -> list[Skill]:
    """Skills named in free text (a CV): canonical names, Chinese names and aliases.

    Case-insensitive on token boundaries that respect the punctuation of skill names
    (C, C++ and C# never match each other; "Node.js"; "k8s"); a bare one- or two-letter
    name only as a standalone token written as in the taxonomy. Returns each skill
    once, in the order it first appears in the text.
    """
    text = skill_text_normalise(text)
    if not text:
        return []
    first_seen: dict[Skill, int] = {}
    for skill in Skill.objects.all():
        labels = [(skill.name, True), (skill.name_zh, True)]
        labels += [(alias, False) for alias in skill.aliases]
        for label, canonical in labels:
            pattern = _label_pattern(label, canonical=canonical) if label else None
            match = pattern.search(text) if pattern else None
            if match and match.start() < first_seen.get(skill, len(text) + 1):
                first_seen[skill] = match.start()
    return sorted(first_seen, key=first_seen.__getitem__)
