"""Finding taxonomy skills in text, the one way for CVs, job ads and typed skill lists.

Pure Python (no Django), so the taxonomy build script uses the very same rules.

Text becomes tokens: a Latin word keeps the signs that make it another name ("C++",
"C#", "Node.js", ".NET"), hyphens and slashes split ("Test-Driven", "HTML/CSS"), and
every Chinese character is a token of its own, so "熟悉Python和C語言" needs no word
breaker. A token is compared in a normal form: lower case, Traditional Chinese as
Simplified (OpenCC), British spelling as American ("visualisation"), plurals and "-ing"
trimmed ("RESTful APIs" ~ "RESTful API", "unit tests" ~ "unit testing", "Shell script"
~ "Shell scripting"). Every label of every skill (name, Chinese names, aliases) is
indexed by its normal tokens; at each token of the text the longest label starting there
wins, so "Oracle Java" is Java and not Oracle Database, while "Embedded C" is embedded
systems and, from its second token on, C.

What a person means decides, not just the letters:
- one- and two-letter names ("C", "R", "Go") only as written in the taxonomy, and short
  aliases ("ML", "UX") only in capitals, never glued to "&", "-" or "." ("R&D",
  "Objective-C");
- a skill named before a role noun after a word of working with someone ("worked closely
  with UX designers") is the colleagues' skill, not the writer's;
- homonyms ("GCP": Google Cloud or Good Clinical Practice; "SEM": search engine marketing
  or scanning electron microscopy) take the meaning whose cue words are nearest, or are
  left out (in text) or refused (typed) when nothing decides;
- links, e-mail addresses and the contact lines of a CV are not read ("/github bwayne" is
  a profile, not Git).
"""

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Iterable

import opencc

_TO_SIMPLIFIED = opencc.OpenCC("hk2s")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(
    rf"[{_CJK}]"  # one Chinese character
    r"|(?<![A-Za-z0-9_])\.(?=[A-Za-z])[A-Za-z0-9_]+"  # ".NET"
    r"|[A-Za-z0-9_]+(?:[.+#'][A-Za-z0-9_]+)*[+#]*"  # "C++", "C#", "Node.js", "ASP.NET"
    r"|&"
    r"|[.;!?•。；！？]|[,:|()\[\]，：、（）]"  # punctuation: no label reaches across it
)
# A bare domain is lower case: "ASP.NET" and "VB.NET" are not links.
_URL = re.compile(
    r"\b[Hh][Tt][Tt][Pp][Ss]?://\S+|\b[Ww][Ww][Ww]\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|me|hk|cn|ai|co)(?:/\S*)?"
)
# A short line with a link, an address or a phone number, or an icon's name before a
# handle ("/github bwayne"), is the contact block of a CV.
_CONTACT_LINE = re.compile(
    r"(?im)^[^\n]{0,160}?(?:https?://|www\.|@[\w-]+\.|linkedin\.com|linkedin:|/linkedin|"
    r"github\.com|\(\d{3}\)\s?\d|"
    r"\+\d{2,3}[\s-]?\d{4})[^\n]*$|^\s*/[a-z-]+\s+[\w.-]+\s*$"
)
_CONTACT_LINE_MAX_WORDS = 14

# Words a typed skill may carry around its name ("Microsoft Excel", "SAP software",
# "Python programming"): typed, they still mean the one skill found among them.
_FILLER_WORDS = (
    "the a an of in and with for microsoft oracle ibm apache adobe google amazon apple "
    "autodesk atlassian mathworks intuit cisco red hat software language languages "
    "programming framework frameworks platform platforms system systems tool tools suite "
    "library libraries package packages application applications app apps skill skills "
    "experience knowledge basic basics advanced proficient proficiency familiarity "
    "expertise technology technologies technique techniques method methods development "
    "engineering service services enterprise edition"
)
# Words of working with someone, and the role nouns that follow a skill there.
_WITH_WORDS = (
    "with alongside supported support supporting partnered partnering liaised liaising "
    "collaborated collaborating collaborate coordinated coordinating assisted assisting "
    "helped helping mentored mentoring"
)
_ROLE_WORDS = (
    "designer developer engineer scientist researcher analyst specialist expert "
    "consultant architect manager team colleague lead programmer tester"
)
_SHORT = 2  # names this short are matched only as written
_SENTENCE = 12  # tokens back in which a word of working with someone counts
_WINDOW = 40  # tokens either side in which a homonym's cue words count
_MAX_N = 12  # the longest label, in tokens


@dataclasses.dataclass(frozen=True)
class Token:
    norm: str
    raw: str
    start: int
    end: int


def text_normalise(text: str) -> str:
    """Unicode-compatible forms folded (full-width "Ｐｙｔｈｏｎ" is "Python"), NUL dropped."""
    return unicodedata.normalize("NFKC", text or "").replace("\x00", " ")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _strip_contacts(text: str) -> str:
    """Links, addresses and contact lines become spaces (positions are kept)."""

    def contact(match: re.Match) -> str:
        line = match.group(0)
        return _blank(match) if len(line.split()) <= _CONTACT_LINE_MAX_WORDS else line

    return _URL.sub(_blank, _CONTACT_LINE.sub(contact, text))


def stem(word: str) -> str:
    """The normal form of one lower-case Latin word: American spelling, no plural, no
    "-ing". Only ever compared with another stem, so it need not be a real word."""
    if not word.isalpha() or len(word) < 4:
        return word
    for british, american in (("isation", "ization"), ("ise", "ize"), ("yse", "yze")):
        for suffix in ("", "s", "d"):
            if word.endswith(british + suffix) and len(word) > len(british + suffix) + 2:
                word = word[: -len(british + suffix)] + american + suffix
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ses") and word[:-2].endswith(("ss", "sis")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 7:
        word = word[:-3]
        # "programming" → "program", "modelling" → "model" (as "modeling").
        doubled = len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeious"
        if doubled:
            word = word[:-1]
    return word


_ACRONYM_PLURAL = re.compile(r"[A-Z][A-Z0-9]+s")  # "APIs", "GPUs", "LLMs"


# Punctuation tokens: a sentence's end, and the marks between a list's items.
SENTENCE_END, BETWEEN = "\x00.", "\x00,"
_SENTENCE_MARKS = frozenset(".;!?•。；！？")


def _normal(raw: str) -> str:
    if len(raw) == 1 and not raw.isalnum() and raw != "&":
        return SENTENCE_END if raw in _SENTENCE_MARKS else BETWEEN
    if len(raw) == 1 and "\u3400" <= raw <= "\ufaff":
        return _TO_SIMPLIFIED.convert(raw)
    if _ACRONYM_PLURAL.fullmatch(raw):
        return raw[:-1].lower()
    return stem(raw.lower().rstrip("."))


def tokenise(text: str, *, contacts: bool = True) -> list[Token]:
    """The tokens of `text`; with contacts=False links and contact lines are skipped."""
    text = text_normalise(text)
    if not contacts:
        text = _strip_contacts(text)
    return [
        Token(_normal(match.group(0)), match.group(0), match.start(), match.end())
        for match in _TOKEN.finditer(text)
    ]


# Compared with stems, so kept as stems.
FILLER = frozenset(stem(word) for word in _FILLER_WORDS.split())
_WITH = frozenset(stem(word) for word in _WITH_WORDS.split())
_ROLES = frozenset(stem(word) for word in _ROLE_WORDS.split())
# Labels too ordinary to find in free text ("CV" itself, "rest", "spring", "shell"…):
# suggesting them from a CV would be noise. They still resolve when typed.
TYPED_ONLY = frozenset(
    {"cv", "rest", "spring", "node", "shell", "sketch", "kube", "ci", "cd", "bd", "tf", "ts"}
    | {"dl", "rl", "py", "security", "sales", "marketing", "containers", "robot", "robots"}
)


def label_key(label: str) -> tuple[str, ...]:
    return tuple(token.norm for token in tokenise(label))


@dataclasses.dataclass(frozen=True)
class Label:
    """One way of writing one skill (`skill` is the caller's key: an id or a slug)."""

    skill: object
    text: str
    canonical: bool  # the skill's own name (in any script), not an alias
    typed_only: bool = False  # resolves when typed, too ordinary to find in text


@dataclasses.dataclass(frozen=True)
class Homonym:
    """A label with several meanings: each skill with the cue words that choose it."""

    label: str
    meanings: tuple[tuple[object, tuple[tuple[str, ...], ...]], ...]


@dataclasses.dataclass(frozen=True)
class Resolved:
    skill: object | None
    # Why it did not resolve: "unknown" (with `suggestion`), "several" (the label names
    # more than one skill: `skills`), or "ambiguous" (a homonym: `skills` are its meanings).
    problem: str = ""
    suggestion: object | None = None
    skills: tuple = ()


@dataclasses.dataclass
class _Entry:
    skills: list  # the skills this key names; several only for a homonym
    label: Label
    homonym: Homonym | None = None


def _case_ok(token: Token, label: Label) -> bool:
    text = label.text.strip()
    if len(text) > _SHORT or not text.isalpha() or not text.isascii():
        return True
    return token.raw == text if label.canonical else token.raw == text.upper()


def _glued(source: str, start: int, end: int) -> bool:
    """A short name glued to a sign that makes it part of something else: "R&D",
    "Objective-C", "C.V.", "Women's"."""
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < len(source) else " "
    after2 = source[end + 1] if end + 1 < len(source) else " "
    if before in "&-./'" or (before.isascii() and before.isalnum()):
        return True
    if after == "&" or (after.isascii() and after.isalnum()):
        return True
    return after in ".-'" and after2.isascii() and after2.isalnum()


class SkillIndex:
    """Every label of a taxonomy, indexed for `find` (text) and `resolve` (typed)."""

    def __init__(
        self,
        labels: Iterable[Label],
        homonyms: Iterable[Homonym] = (),
        *,
        broader: dict | None = None,
        languages: Iterable = (),
    ):
        """`broader` maps a skill to its broader skills, and `languages` are programming
        languages: the two kinds of skill that may be found inside a longer label
        ("Power BI" holds business intelligence, "Embedded C" holds C; "carbon
        accounting" holds no accounting)."""
        self._broader = broader or {}
        self._languages = frozenset(languages)
        self._entries: dict[tuple[str, ...], _Entry] = {}
        self._names: dict[object, str] = {}
        for label in labels:
            if label.canonical and label.skill not in self._names:
                self._names[label.skill] = label.text
            for key in self._keys(label.text):
                self._entries.setdefault(key, _Entry([label.skill], label))
        for homonym in homonyms:
            entry = _Entry([skill for skill, _cues in homonym.meanings], None, homonym)
            # Written as in the file: "Go" only as "Go", never "go".
            entry.label = Label(None, homonym.label, canonical=True)
            for key in self._keys(homonym.label):
                self._entries[key] = entry
        self._max_n = min(_MAX_N, max((len(key) for key in self._entries), default=1))

    @staticmethod
    def _keys(text: str) -> list[tuple[str, ...]]:
        key = label_key(text)
        if not key:
            return []
        keys = [key]
        # "front end" is also written "frontend"; "Power BI" as "PowerBI".
        if len(key) == 2 and all(part.isalpha() and part.isascii() for part in key):
            keys.append((stem(key[0] + key[1]),))
        return keys

    # -- text ----------------------------------------------------------------------

    def find(self, text: str) -> list:
        """The skills named in free text, each once, in the order they first appear."""
        source = _strip_contacts(text_normalise(text))
        tokens = [
            Token(_normal(m.group(0)), m.group(0), m.start(), m.end())
            for m in _TOKEN.finditer(source)
        ]
        norms = [token.norm for token in tokens]
        found: dict = {}
        # The longest label starting at each token wins. Inside a label already found,
        # a shorter one counts only if it is a broader skill or a language: "Oracle
        # Java" is Java and never Oracle Database, "Embedded C" also holds C.
        inside_until, outer = 0, None
        for i in range(len(tokens)):
            for n in range(min(self._max_n, len(tokens) - i), 0, -1):
                entry = self._entries.get(tuple(norms[i : i + n]))
                skill = entry and self._accept(entry, tokens, norms, i, n, source)
                if skill is None:
                    continue
                if i < inside_until and not self._may_be_inside(skill, outer):
                    continue
                found.setdefault(skill, None)
                if i + n > inside_until:
                    inside_until, outer = i + n, skill
                break
        return list(found)

    def _may_be_inside(self, skill, outer) -> bool:
        return skill == outer or skill in self._languages or skill in self._broader.get(outer, ())

    def _accept(self, entry: _Entry, tokens, norms, i: int, n: int, source: str):
        label = entry.label
        if label.typed_only:
            return None
        if n == 1 and not _case_ok(tokens[i], label):
            return None
        short = n == 1 and len(tokens[i].raw) <= _SHORT
        if short and _glued(source, tokens[i].start, tokens[i].end):
            return None
        if self._colleagues(tokens, norms, i, n):
            return None
        if entry.homonym is None:
            return entry.skills[0]
        return self._meaning(entry.homonym, norms, i, n)

    @staticmethod
    def _colleagues(tokens, norms, i: int, n: int) -> bool:
        """ "worked closely with UX designers", "collaborated with a team of engineers and
        product managers": a skill named as other people's role in a sentence about
        working with them. The writer's own title ("UX Designer") is kept."""
        if norms[i + n - 1] in _ROLES:  # the label ends in a role: "product managers"
            role = tokens[i + n - 1]
        elif i + n < len(norms) and norms[i + n] in _ROLES:
            role = tokens[i + n]
        else:
            return False
        near = [word for word in norms[max(0, i - 4) : i] if word != BETWEEN]
        if not role.raw.lower().endswith("s") and not any(word in _WITH for word in near):
            return False  # a bare singular is the writer's own title ("UX Designer")
        before = norms[max(0, i - _SENTENCE) : i]
        if SENTENCE_END in before:  # only this sentence
            before = before[len(before) - before[::-1].index(SENTENCE_END) :]
        return any(word in _WITH for word in before)

    @staticmethod
    def _meaning(homonym: Homonym, norms, i: int, n: int):
        best, best_distance = None, None
        for skill, cues in homonym.meanings:
            for cue in cues:
                for start in range(max(0, i - _WINDOW), min(len(norms), i + n + _WINDOW)):
                    if i <= start < i + n or tuple(norms[start : start + len(cue)]) != cue:
                        continue
                    distance = abs(start - i)
                    if best_distance is None or distance < best_distance:
                        best, best_distance = skill, distance
        return best

    # -- typed ---------------------------------------------------------------------

    def resolve(self, label: str, *, suggest: bool = True) -> Resolved:
        """What a person typed as one skill: its exact label, or the one skill among
        filler words ("Microsoft Excel", "Python programming"). Case never matters."""
        key = label_key(label)
        if not key:
            return Resolved(None, "unknown")
        entry = self._entries.get(key)
        if entry is not None:
            if entry.homonym is not None and len(entry.skills) > 1:
                return Resolved(None, "ambiguous", skills=tuple(entry.skills))
            return Resolved(entry.skills[0])
        found, rest = self._scan_typed(key)
        if len(found) == 1 and all(word in FILLER for word in rest):
            return Resolved(found[0])
        if len(found) > 1:
            return Resolved(None, "several", skills=tuple(found))
        if not suggest:
            return Resolved(None, "unknown")
        close = difflib.get_close_matches(" ".join(key), self._joined(), n=1, cutoff=0.75)
        suggestion = self._entries[self._joined()[close[0]]].skills[0] if close else None
        return Resolved(None, "unknown", suggestion=suggestion)

    def _scan_typed(self, key: tuple[str, ...]):
        found, rest, i = [], [], 0
        while i < len(key):
            for n in range(min(self._max_n, len(key) - i), 0, -1):
                entry = self._entries.get(key[i : i + n])
                if entry is not None and entry.homonym is None:
                    if entry.skills[0] not in found:
                        found.append(entry.skills[0])
                    i += n
                    break
            else:
                rest.append(key[i])
                i += 1
        return found, rest

    def _joined(self) -> dict[str, tuple[str, ...]]:
        if not hasattr(self, "_joined_keys"):
            self._joined_keys = {" ".join(key): key for key in self._entries}
        return self._joined_keys

    def name(self, skill) -> str:
        return self._names.get(skill, str(skill))
