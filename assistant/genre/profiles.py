"""Office profiles: what each kind of unit that writes 工作总结 is called and what it does.

One YAML file per kind in ``data/offices/`` (file name = ``key``), reviewed by hand. A profile
carries the unit's names at every level (``县人力资源和社会保障局`` = ``人社局``), its main lines
of work (each a heading usable as an achievements sub-part, with phrasing patterns whose facts
are slots), its typical problems and next steps, and the words that mark its text. Adding a
kind of unit is adding a file. Files are validated at first use; a bad field is a
``DataFileError`` naming the file and the field.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.corpus.text import slot_rules
from assistant.errors import DataFileError
from assistant.genre.phrasing import Item, PhrasedHeading, Term
from assistant.tables import load_folder

OFFICES_DIR = Path(__file__).parent / "data" / "offices"
KEY_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
DEFAULT_PREFIXES = ("县", "市", "区")
ONE_CHARACTER_FOLLOWERS = "的里"
ONE_CHARACTER_OWNERS = ("我们", "咱们", "我", "本", "某")  # 我们乡要写……: the writer's own unit

Level = Literal["市", "县", "乡", "村"]


class OfficeProfile(BaseModel):
    """One kind of unit, as written in ``data/offices/<key>.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=KEY_PATTERN)
    name: Term
    corpus_type: str | None = None
    levels: tuple[Level, ...] = Field(min_length=1)
    official_names: tuple[Term, ...] = Field(min_length=1)
    aliases: tuple[Term, ...] = ()
    level_prefixes: tuple[Term, ...] = DEFAULT_PREFIXES
    self_references: tuple[Term, ...] = Field(min_length=1)
    markers: tuple[Term, ...] = Field(min_length=3)
    lines_of_work: tuple[PhrasedHeading, ...] = Field(min_length=5, max_length=10)
    problems: tuple[Item, ...] = Field(min_length=3, max_length=6)
    next_steps: tuple[Item, ...] = Field(min_length=3, max_length=6)

    def names(self) -> tuple[str, ...]:
        """Every name the unit goes by: canonical, official, aliases, and their level forms."""
        bare = dict.fromkeys((self.name, *self.official_names, *self.aliases))
        prefixed = (prefix + name for prefix in self.level_prefixes for name in bare)
        return tuple(dict.fromkeys((*bare, *prefixed)))


def _check_names_unique(profiles: dict[str, OfficeProfile]) -> None:
    owner: dict[str, str] = {}
    for key, profile in profiles.items():
        for name in profile.names():
            if owner.setdefault(name, key) != key:
                raise DataFileError(
                    f"offices/{key}.yaml: names: {name!r} is also a name of "
                    f"offices/{owner[name]}.yaml; a name must identify one kind of unit"
                )


def load_profiles(folder: Path = OFFICES_DIR) -> dict[str, OfficeProfile]:
    """Every profile of a folder, by key; names must not be shared between profiles."""
    profiles = load_folder(folder, OfficeProfile)
    _check_names_unique(profiles)
    return profiles


@functools.cache
def office_profiles() -> dict[str, OfficeProfile]:
    """The built-in office profiles, by key."""
    return load_profiles()


@dataclass(frozen=True)
class ProfileMatch:
    """A profile named in a text, and where its name is."""

    profile: OfficeProfile
    start: int
    end: int


def _one_character_ends(text: str, end: int) -> bool:
    """Whether a one-character name ending at ``end`` ends the unit's name (乡 in 我们乡的).

    It does where the text or its clause ends, and right after a word by which the writer
    names their own unit (我们乡要写……).
    """
    if end == len(text) or text[end] in ONE_CHARACTER_FOLLOWERS or not _is_han(text[end]):
        return True
    return text[: end - 1].endswith(ONE_CHARACTER_OWNERS)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def find_profile(text: str) -> ProfileMatch | None:
    """The profile named last in ``text``, its longest name on a tie; None when none is.

    A Chinese unit name ends in its kind (``市科技局驻于赵社区工作组`` is a 工作组), so the name
    ending last wins; a one-character name (``乡``, ``村``) counts only where the text or its
    clause ends (``我们乡``, ``我们乡的``) or after 我们/本/某 (``我们乡要写``), and not as the end
    of a common noun (``农村``, ``城镇``: the place words of the slot rules).
    """
    place_words = slot_rules().place_words
    best: tuple[int, int, str] | None = None
    for key, profile in office_profiles().items():
        for name in profile.names():
            end = text.rfind(name) + len(name)
            if end < len(name):
                continue
            if len(name) == 1 and (
                not _one_character_ends(text, end)
                or any(text[:end].endswith(word) for word in place_words)
            ):
                continue
            candidate = (end, len(name), key)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None
    end, size, key = best
    return ProfileMatch(office_profiles()[key], end - size, end)


def match_profile(text: str) -> OfficeProfile | None:
    """The profile `find_profile` finds in ``text``, if any."""
    found = find_profile(text.strip())
    return found.profile if found else None


def profile_for_corpus_type(office_type: str) -> OfficeProfile | None:
    """The profile standing for a corpus office type (``科技局``, ``工作组`` ...), if any."""
    for profile in office_profiles().values():
        if profile.corpus_type == office_type:
            return profile
    return None
