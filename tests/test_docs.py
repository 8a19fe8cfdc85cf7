"""The README and docs/ point at things that exist.

Documents go stale quietly: a file moves, a heading is renamed, and a newcomer follows a
link to nothing. These tests read README.md and every Markdown file under docs/ and fail
on a relative link to a missing file or heading, and on a repository path in backticks
(`jobs/search_index.py`, `tests/*/test_*_fuzz.py`) that names no file. No database.
"""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
# A path in the repository: folders, then a file name with an extension or a final slash
# (`jobs/0005`, a migration's label, is not one), nothing a URL or a template needs.
REPO_PATH = re.compile(r"[A-Za-z0-9_*-]+(/[A-Za-z0-9_.*-]+)*(/|/[A-Za-z0-9_*-]*\.[A-Za-z0-9*]+)")


def _names(document: Path) -> str:
    return str(document.relative_to(ROOT))


def _anchors(document: Path) -> set[str]:
    """The ids GitHub gives the document's headings: lower case, punctuation dropped,
    spaces as hyphens, a repeated heading numbered."""
    seen: dict[str, int] = {}
    anchors = set()
    for line in FENCE.sub("", document.read_text()).splitlines():
        if not (heading := re.match(r"#{1,6}\s+(.*)", line)):
            continue
        text = heading.group(1).strip().lower().replace("`", "").replace("*", "")
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


@pytest.mark.parametrize("document", DOCUMENTS, ids=_names)
def test_relative_links_reach_a_file_and_heading(document):
    broken = []
    for target in LINK.findall(FENCE.sub("", document.read_text())):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {linked.name}")
    assert not broken, f"{_names(document)}: " + "; ".join(broken)


@pytest.mark.parametrize("document", DOCUMENTS, ids=_names)
def test_paths_in_backticks_exist(document):
    """A code span that looks like a repository path (its first folder is one of the
    repository's) must name a file or folder, or a glob matching at least one. Folders
    that only exist at run time (`.data/`, `.venv/`) start with a dot and are skipped."""
    top = {entry.name for entry in ROOT.iterdir() if not entry.name.startswith(".")}
    missing = []
    text = document.read_text()
    spans = CODE_SPAN.findall(FENCE.sub("", text)) + [
        line for block in FENCE.findall(text) for line in block.splitlines()[1:-1]
    ]
    for span in spans:
        for word in span.strip(",;:()").split():
            word = word.strip(",;:()")
            if not REPO_PATH.fullmatch(word) or word.split("/")[0] not in top:
                continue
            found = any(ROOT.glob(word.rstrip("/"))) if "*" in word else (ROOT / word).exists()
            if not found:
                missing.append(word)
    assert not missing, f"{_names(document)} names paths that do not exist: {missing}"


def test_every_document_is_reachable_from_the_readme():
    """A page nobody links to is a page nobody reads."""
    reached, queue = set(), [ROOT / "README.md"]
    while queue:
        document = queue.pop()
        if document in reached:
            continue
        reached.add(document)
        for target in LINK.findall(FENCE.sub("", document.read_text())):
            path = target.partition("#")[0]
            if path and not re.match(r"[a-z]+:", path):
                linked = (document.parent / path).resolve()
                if linked.suffix == ".md" and linked.exists():
                    queue.append(linked)
    unreached = [_names(d) for d in DOCUMENTS if d not in reached]
    assert not unreached, f"not linked from README.md or a page it links to: {unreached}"


def test_readme_layout_names_every_folder_and_only_existing_ones():
    """The README's layout block lists each top-level folder of the repository once per
    line (`jobs/   what it owns`): a new app must be added there, a removed one dropped."""
    readme = (ROOT / "README.md").read_text()
    section = readme.partition("\n## Layout\n")[2]
    block = FENCE.search(section)
    assert block, "README.md has no ## Layout section with a code block"
    listed = set()
    for line in block.group(0).splitlines()[1:-1]:
        if line[:1].strip():  # a line that starts at the margin names folders or files
            names = line.split("   ")[0]
            listed |= {name.strip().rstrip("/") for name in names.split(",")}
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # The folders git keeps (never the virtualenv, data, egg-info or node_modules).
    folders = {path.split("/")[0] for path in tracked if "/" in path and path[0] != "."}
    assert folders - listed == set(), "folders missing from the README's layout"
    assert {name for name in listed if not (ROOT / name).exists()} == set()
