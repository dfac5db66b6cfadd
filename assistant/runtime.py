"""What a running assistant holds: the model and the opened index, loaded once per process.

The CLI, the HTTP app and the language server all start from ``Runtime.open(settings)``; when the
data directory has no index yet, it is built from the built-in corpus first.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Collection
from dataclasses import dataclass

from assistant.completion.completer import Completer
from assistant.completion.request import CompletionRequest
from assistant.completion.suggestion import Completions
from assistant.config import Settings
from assistant.corpus.store import load_corpus
from assistant.index.catalog import Catalog
from assistant.index.embeddings import CachedEmbeddings
from assistant.index.ingest import embeddings_for, ingest
from assistant.index.office_match import OfficeMatch, OfficeMatcher
from assistant.index.retrieval import Hit, SearchIndex
from assistant.limits import ensure_text_fits
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest
from assistant.startup import check_data_files

log = logging.getLogger(__name__)


def ensure_index(settings: Settings, embeddings: CachedEmbeddings) -> None:
    """Build the index from the built-in corpus when the data directory has none."""
    if Catalog.load(settings.index_dir) is None:
        log.warning("索引不存在，正在从内置语料 %s 建立索引……", settings.corpus_dir)
        ingest(settings, load_corpus(settings.corpus_dir), embeddings=embeddings)


@dataclass(eq=False)
class Runtime:
    """The loaded model, index and office matcher."""

    settings: Settings
    embeddings: CachedEmbeddings
    index: SearchIndex
    offices: OfficeMatcher

    @classmethod
    def open(cls, settings: Settings) -> Runtime:
        """Load everything once (building the index first if needed)."""
        check_data_files()
        embeddings = embeddings_for(settings)
        ensure_index(settings, embeddings)
        return cls(
            settings=settings,
            embeddings=embeddings,
            index=SearchIndex(settings, embeddings),
            offices=OfficeMatcher(embeddings),
        )

    def match_office(self, requested: str | None) -> OfficeMatch | None:
        """The corpus office types for a user's description (None when none was given)."""
        if not requested or not requested.strip():
            return None
        return self.offices.match(requested)

    @functools.cached_property
    def outlines(self) -> OutlineBuilder:
        """The outline chain over this index."""
        return OutlineBuilder(self.index, self.offices)

    @functools.cached_property
    def completer(self) -> Completer:
        """The autocomplete engine over this index's chunks."""
        return Completer.from_chunks(self.index.chunks.values())

    def complete(self, request: CompletionRequest) -> Completions:
        """Autocomplete at the cursor, preferring the matched office types."""
        ensure_text_fits(len(request.text) + len(request.suffix), self.settings.max_text_chars)
        match = self.match_office(request.office_type)
        suggestions = self.completer.complete(
            request.text,
            suffix=request.suffix,
            office_types=match.types if match else (),
            limit=request.limit,
        )
        return Completions(tuple(suggestions))

    def outline(self, request: OutlineRequest) -> Outline:
        """A draft outline for the request."""
        return self.outlines.build(request)

    def search(self, query: str, *, office: str | None = None, k: int = 10) -> list[Hit]:
        """Hybrid search, boosting the matched office types."""
        match = self.match_office(office)
        types: Collection[str] = match.types if match else ()
        return self.index.search(query, k=k, office_types=types)
