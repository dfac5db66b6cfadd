"""Loading every data file when a process starts, so a malformed one fails at once.

The CLI (before any command), ``create_app`` and ``Runtime.open`` call `check_data_files`: a
typo in a YAML file is then a `DataFileError` naming the file and the field (exit code 2, or a
server that does not start) rather than an error on the first request that reads the file.
"""

from __future__ import annotations

from assistant.chat.explain import explanations
from assistant.chat.intent import intent_table
from assistant.chat.replies import replies
from assistant.corpus.entities import entity_rules
from assistant.corpus.heading_parser import parser_table
from assistant.corpus.office_types import office_table
from assistant.corpus.roles import load_lexicon
from assistant.corpus.splitter import splitter_table
from assistant.corpus.text import slot_rules
from assistant.errors import DataFileError
from assistant.genre.connectives import connectives
from assistant.genre.formulas import formula_table
from assistant.genre.numbering import numbering_table
from assistant.genre.phrasing import slot_names
from assistant.genre.profiles import office_profiles
from assistant.genre.table import genre_table
from assistant.genre.topic_modules import topic_modules
from assistant.outline.settings import outline_settings
from assistant.ranking import ranking_table
from assistant.style.catalogue import RuleError
from assistant.style.engine import default_checker


def check_data_files() -> None:
    """Load and validate every data file of the package (each once per process)."""
    genre_table()
    numbering_table()
    office_profiles()
    topic_modules()
    formula_table()
    slot_names()
    entity_rules()
    load_lexicon()
    parser_table()
    office_table()
    splitter_table()
    slot_rules()
    outline_settings()
    ranking_table()
    intent_table()
    replies()
    connectives()
    try:
        default_checker()  # every rule file, its options and vocabulary, compiled
    except RuleError as error:
        raise DataFileError(f"格式检查规则文件有误：{error}") from None
    explanations()
