"""Read a language's glossary (``content/<lang>/glossary.md``): hard words, one sentence each.

The file is front matter, then one entry per term::

    ## Stem cell
    Also: stem cells
    A cell that can make more cells and turn into other kinds of cells.

``Also:`` (optional) lists other forms of the term. Problems are data, as for pages:
``kiosk check`` reports them, and the tap-a-word popups can still use the good entries.
No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content import Problem, read_text

FILE_NAME = "glossary.md"
_HEADING = re.compile(r"^##[ \t]+(.*?)[ \t#]*$")
_ALSO = re.compile(r"^also:[ \t]*(.*)$", re.I)


@dataclass(frozen=True)
class Entry:
    """One glossary term, the other forms it goes by, and its one-sentence meaning."""

    term: str
    aliases: tuple[str, ...]
    definition: str
    line: int

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases, as written."""
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    """The entries of one glossary file and the problems found reading it."""

    path: Path
    entries: tuple[Entry, ...] = ()
    problems: tuple[Problem, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, repr=False)

    def find(self, word: str) -> Entry | None:
        """The entry that ``word`` names (its term or an alias, any case), or None."""
        return self._index().get(word.casefold())

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.find(word) is not None

    def _index(self) -> dict[str, Entry]:
        index: dict[str, Entry] = {}
        for entry in self.entries:
            for name in entry.names:
                index.setdefault(name.casefold(), entry)
        return index


def glossary_path(root: Path, lang: str) -> Path:
    """Where the glossary of ``lang`` lives under the content folder ``root``."""
    return root / lang / FILE_NAME


def load_glossary(path: Path) -> Glossary:
    """Read the glossary at ``path``; never raises for bad content (problems carry it)."""
    from kiosk import frontmatter

    text, problem = read_text(path)
    if problem is not None:
        return Glossary(path, problems=(problem,))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line, problems = frontmatter.split(path, text, keys=False)
    # An empty body is reported below as "no entries", in glossary words.
    problems = [p for p in problems if "has no text after" not in p.message]
    entries = _entries(path, body, body_line, problems)
    if not entries and not problems:
        problems.append(Problem(path, "glossary has no entries (each starts with '## Term')",
                                body_line))
    return Glossary(path, tuple(entries), tuple(problems), meta)


def _entries(path: Path, body: str, first_line: int, problems: list[Problem]) -> list[Entry]:
    chunks: list[tuple[str, int, list[tuple[int, str]]]] = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        if heading := _HEADING.match(line):
            chunks.append((heading.group(1).strip(), number, []))
        elif chunks:
            chunks[-1][2].append((number, line.strip()))
        elif line.strip() and not line.startswith("# "):
            problems.append(Problem(path, "text before the first '## Term' belongs to no entry",
                                    number, "warning"))
    entries: list[Entry] = []
    seen: dict[str, tuple[str, int]] = {}
    for term, line, rest in chunks:
        entry = _entry(path, term, line, [t for _, t in rest if t], problems)
        if entry is None:
            continue
        for name in entry.names:
            if (first := seen.get(name.casefold())) is not None:
                problems.append(Problem(path, f"'{name}' is defined twice (first as "
                                              f"'{first[0]}' at line {first[1]})", line))
            else:
                seen[name.casefold()] = (entry.term, line)
        entries.append(entry)
    return entries


def _entry(path: Path, term: str, line: int, lines: list[str],
           problems: list[Problem]) -> Entry | None:
    if not term:
        problems.append(Problem(path, "a '##' heading has no term", line))
        return None
    aliases: tuple[str, ...] = ()
    if lines and (also := _ALSO.match(lines[0])):
        aliases = tuple(a.strip() for a in also.group(1).split(",") if a.strip())
        lines = lines[1:]
        if not aliases:
            problems.append(Problem(path, f"'{term}': 'Also:' lists no other forms", line + 1,
                                    "warning"))
    definition = " ".join(lines)
    if not definition:
        problems.append(Problem(path, f"'{term}' has no definition", line))
        return None
    from kiosk.readability import sentences

    if len(sentences(definition)) > 1:
        problems.append(Problem(path, f"'{term}': the definition should be one sentence",
                                line, "warning"))
    return Entry(term, aliases, definition, line)
