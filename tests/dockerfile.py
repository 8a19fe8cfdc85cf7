"""The Dockerfile and .dockerignore read as Docker reads them (no engine runs here).

Shared by tests/test_production_image.py (what the image holds and how it starts) and
tests/test_docker_compose.py (the compose file's users and volumes against the image).
"""

import posixpath
import re
import shlex
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def instructions(text=None):
    """(INSTRUCTION, arguments) for each instruction, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text() if text is None else text
    found, current = [], ""
    for line in text.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.lstrip().startswith("#"):  # a comment inside a continued instruction
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        current += line
        keyword, _, arguments = current.strip().partition(" ")
        found.append((keyword.upper(), arguments.strip()))
        current = ""
    return found


def env():
    """The ENV the image sets, as a dict."""
    values = {}
    for keyword, arguments in instructions():
        if keyword == "ENV":
            for pair in shlex.split(arguments):
                name, _, value = pair.partition("=")
                values[name] = value
    return values


def one(keyword):
    (value,) = [arguments for kw, arguments in instructions() if kw == keyword]
    return value


def copy_sources():
    """Every path the COPY instructions take from the build context."""
    sources = []
    for keyword, arguments in instructions():
        assert keyword != "ADD", "ADD fetches URLs and unpacks archives: COPY is enough"
        if keyword == "COPY":
            *from_context, _destination = shlex.split(arguments)
            sources += [s for s in from_context if not s.startswith("--")]
    return sources


def run_commands():
    """Each command of each RUN instruction (split at &&)."""
    commands = []
    for keyword, arguments in instructions():
        if keyword == "RUN":
            commands += [shlex.split(part) for part in arguments.split("&&")]
    return commands


def made_folders():
    """Folders the image creates with `mkdir`."""
    return {arg for cmd in run_commands() if cmd[0] == "mkdir" for arg in cmd[1:] if arg[0] != "-"}


def owned_folders():
    """{folder: owner} given with `chown -R owner[:group] folder…`."""
    owned = {}
    for cmd in run_commands():
        if cmd[0] == "chown":
            args = [arg for arg in cmd[1:] if not arg.startswith("-")]
            owner = args[0].split(":")[0]
            owned |= dict.fromkeys(args[1:], owner)
    return owned


def owner_of(path):
    """Who owns `path` in the image: the owner given to it or to a folder above it."""
    owned = owned_folders()
    for folder in [path, *(str(p) for p in Path(path).parents)]:
        if folder in owned:
            return owned[folder]
    return "root"


# --- .dockerignore ----------------------------------------------------------------------


def _pattern_regex(pattern):
    """Docker's pattern syntax (moby/patternmatcher): * and ? within a path segment,
    ** across segments ("**/" also matches no folder at all), [classes]."""
    out, i = "^", 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out, i = out + "(.*/)?", i + 3
            continue
        if pattern.startswith("**", i):
            out, i = out + ".*", i + 2
            continue
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = pattern.index("]", i + 1)
            body = pattern[i + 1 : end]
            out += "[" + ("^" + body[1:] if body.startswith(("!", "^")) else body) + "]"
            i = end
        elif char == "\\":
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(char)
        i += 1
    return re.compile(out + "$")


def ignore_patterns(text=None):
    """(is an exception, regex) for each line of .dockerignore, cleaned as Docker does."""
    if text is None:  # no .dockerignore: Docker sends the whole folder
        ignore = ROOT / ".dockerignore"
        text = ignore.read_text() if ignore.exists() else ""
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        line = posixpath.normpath(line.removeprefix("!").strip()).lstrip("/")
        patterns.append((exception, _pattern_regex(line)))
    return patterns


def in_build_context(path, patterns):
    """Whether `path` (relative, with /) reaches the build context: the last pattern that
    matches the path or a folder above it decides, as in Docker."""
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for exception, regex in patterns:
        if any(regex.match(candidate) for candidate in candidates):
            excluded = not exception
    return not excluded
