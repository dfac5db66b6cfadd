"""Section roles: what each part of a 工作总结 does, judged from its wording and position.

The keywords, closing phrases and title words are the genre table's (`assistant.genre.table`);
this module compiles them once and answers small questions about a piece of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.genre.table import GenreTable, Role, genre_table

_CLAUSE_BREAK = re.compile(r"[，,：:；;]")
_LAST_CLAUSE = re.compile(r"[^。！？!?，,；;]*$")
_TRAILING_PARTICLES = "有是如下等"
_PHRASE_BREAKS = "，,、；;：:。！？!?和及与暨（("


@dataclass(frozen=True)
class Lexicon:
    """The genre table's wording, compiled."""

    role_patterns: tuple[tuple[Role, re.Pattern[str]], ...]  # in tie order
    any_keyword: re.Pattern[str]  # every keyword of role_patterns: where none occurs, no role
    ignore: re.Pattern[str] | None
    child_head_max_chars: int
    closing_starts: re.Pattern[str]
    closing_contains: re.Pattern[str]
    title_max_chars: int
    title_words: re.Pattern[str]
    unnamed_next: dict[Role, Role]


def alternation(entries: tuple[str, ...], prefix: str = "") -> re.Pattern[str]:
    """One pattern matching any entry (regular expressions), longest entries tried first."""
    ordered = sorted(entries, key=len, reverse=True)
    return re.compile(prefix + "(?:" + "|".join(ordered) + ")")


def _overlapping(entries: tuple[str, ...]) -> re.Pattern[str]:
    """Build a zero-width pattern reporting an entry (group 1) wherever one starts."""
    ordered = sorted(entries, key=len, reverse=True)
    return re.compile("(?=(" + "|".join(ordered) + "))")


def _compile(table: GenreTable) -> Lexicon:
    return Lexicon(
        role_patterns=tuple(
            (role, _overlapping(table.part(role).keywords)) for role in table.keyword_ties
        ),
        any_keyword=alternation(
            tuple(keyword for role in table.keyword_ties for keyword in table.part(role).keywords)
        ),
        ignore=alternation(table.keyword_ignore) if table.keyword_ignore else None,
        child_head_max_chars=table.child_head_max_chars,
        closing_starts=alternation(table.closing.starts, prefix="^"),
        closing_contains=alternation(table.closing.contains),
        title_max_chars=table.title.max_chars,
        title_words=alternation(table.title.words),
        unnamed_next={part.role: part.unnamed_next for part in table.parts},
    )


@cache
def load_lexicon() -> Lexicon:
    """The genre table's wording, compiled (once per process)."""
    return _compile(genre_table())


def _ends_phrase(text: str, end: int) -> bool:
    """Whether a keyword ending at ``end`` closes a phrase (``计划：``, not ``计划已经启动``)."""
    rest = text[end:].lstrip(_TRAILING_PARTICLES)
    return not rest or rest[0] in _PHRASE_BREAKS


def keyword_role(text: str) -> Role | None:
    """Return the role named by the wording of ``text``, or None.

    A keyword counts only where it ends a phrase of the text (before ``，、和及与：`` or at the
    end, after optional ``有/是/如下``); the counting keyword that ends last wins.
    """
    lexicon = load_lexicon()
    if lexicon.ignore is not None:
        text = lexicon.ignore.sub(lambda match: "□" * len(match.group()), text)
    if lexicon.any_keyword.search(text) is None:  # the common case, in one scan
        return None
    best: Role | None = None
    best_end = -1
    for role, pattern in lexicon.role_patterns:
        for match in pattern.finditer(text):
            end = match.start() + len(match.group(1))
            # strict >: on a tie the role earlier in the tie order stays
            if end > best_end and _ends_phrase(text, end):
                best, best_end = role, end
    return best


def assign_role(
    title: str,
    index: int = 0,
    count: int = 1,
    previous: Role | None = None,
    hint: Role | None = None,
) -> Role:
    """Return a top-level part's role: from its title, else a lead-in hint, else its position.

    ``index``/``count`` place the part among its siblings; ``previous`` is the role given to the
    part before it and ``hint`` a role named by a lead-in paragraph such as ``计划如下：``.
    With no telling wording the first part is achievements and a later part follows the genre
    order from ``previous`` (the genre table's ``unnamed_next``: after problems only plans).
    """
    role = keyword_role(title)
    if role is not None:
        return role
    if hint is not None:
        return hint
    if index <= 0 or previous is None or count <= 1:
        return Role.ACHIEVEMENTS
    return load_lexicon().unnamed_next[previous]


def child_role(title: str, parent: Role) -> Role:
    """Return a sub-part's role: its parent's, unless its leading phrase names another."""
    clause_break = _CLAUSE_BREAK.search(title)
    head = (title if clause_break is None else title[: clause_break.start()]).strip()
    if len(head) > load_lexicon().child_head_max_chars:
        return parent
    return keyword_role(head) or parent


def lead_in_role(text: str) -> Role | None:
    """Return the role announced by a lead-in paragraph ending in ``：`` (``计划如下：``)."""
    last = text[-1:]
    if last not in ("：", ":") and not last.isspace():  # the common case, without a copy
        return None
    stripped = text.rstrip()
    if not stripped.endswith(("：", ":")):
        return None
    clause = _LAST_CLAUSE.search(stripped[:-1])
    return keyword_role(clause.group()) if clause is not None else None


def reads_like_closing(text: str) -> bool:
    """Whether a paragraph reads like the closing of a summary (总之…, 我们决心…)."""
    lexicon = load_lexicon()
    stripped = text.strip()
    starts = lexicon.closing_starts.match(stripped)
    return bool(starts or lexicon.closing_contains.search(stripped))


def reads_like_title(line: str) -> bool:
    """Whether a first line reads like a document title (short, names the genre, no 。)."""
    lexicon = load_lexicon()
    stripped = line.strip()
    if not stripped or len(stripped) > lexicon.title_max_chars:
        return False
    if any(mark in stripped for mark in "。！？；!?;"):
        return False
    return lexicon.title_words.search(stripped) is not None
