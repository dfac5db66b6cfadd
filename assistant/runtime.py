"""What a running assistant holds: the model and the opened index, loaded once per process.

The CLI, the HTTP app and the language server all start from ``Runtime.open(settings)``; when the
data directory has no index yet, it is built from the built-in corpus first.

A long-running process (``serve``, ``lsp``) calls `Runtime.watch`: the catalog file is then
looked at (one ``stat``) at most every `CATALOG_CHECK_SECONDS`, and when an ingest has committed
a new one, the new index is opened on a background thread while requests go on using the old
one; the swap is one assignment. The previous index stays open (a rebuild keeps its old
collection until the next ingest), so a request that started on it finishes on it.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Collection

from assistant.completion.completer import Completer
from assistant.completion.request import CompletionRequest
from assistant.completion.suggestion import Completions
from assistant.config import Settings
from assistant.corpus.store import load_corpus
from assistant.errors import AssistantError
from assistant.index.annotate import annotation_fingerprint
from assistant.index.catalog import CATALOG_FILE, Catalog
from assistant.index.embeddings import CachedEmbeddings, LazyEncoder
from assistant.index.ingest import embeddings_for, ingest
from assistant.index.office_match import OfficeMatch, OfficeMatcher
from assistant.index.retrieval import Hit, SearchIndex
from assistant.limits import ensure_text_fits
from assistant.outline.chain import OutlineBuilder
from assistant.outline.model import Outline
from assistant.outline.request import OutlineRequest
from assistant.startup import check_data_files

log = logging.getLogger(__name__)

CATALOG_CHECK_SECONDS = 0.5
RELOAD_RETRY_SECONDS = 5.0  # after a failed reload (a corrupt catalog, Chroma down)
HEALTH_TIMEOUT_SECONDS = 2.0  # how long a health check waits for the vector store
Stamp = tuple[int, int, int] | None  # the catalog file's inode, mtime and size


def ensure_index(settings: Settings, embeddings: CachedEmbeddings) -> None:
    """Build the index from the built-in corpus when the data directory has none."""
    catalog = Catalog.load(settings.index_dir)
    if catalog is None:
        log.warning("索引不存在，正在从内置语料建立索引……")
        ingest(settings, load_corpus(settings.corpus_dir), embeddings=embeddings)
    elif catalog.annotation != annotation_fingerprint():
        log.warning(
            "索引的去名化和通用工作标注已过期（规则或资料有更新），请运行 `assistant ingest`。"
        )


def catalog_stamp(settings: Settings) -> Stamp:
    """What changes whenever an ingest commits a catalog (it is replaced, not rewritten)."""
    try:
        status = os.stat(settings.index_dir / CATALOG_FILE)
    except OSError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


class IndexSnapshot:
    """One committed index with what is built from it (outline chain, autocomplete tables)."""

    def __init__(self, index: SearchIndex, offices: OfficeMatcher, stamp: Stamp) -> None:
        self.index = index
        self.offices = offices
        self.stamp = stamp

    @functools.cached_property
    def outlines(self) -> OutlineBuilder:
        """The outline chain over this index."""
        return OutlineBuilder(self.index, self.offices)

    @functools.cached_property
    def completer(self) -> Completer:
        """The autocomplete engine over this index's chunks."""
        return Completer.from_chunks(self.index.chunks.values())

    def built(self) -> list[str]:
        """Which of the lazy parts have been built."""
        return [name for name in ("outlines", "completer") if name in self.__dict__]


class Runtime:
    """The loaded model, the current index and the office matcher."""

    def __init__(
        self,
        settings: Settings,
        embeddings: CachedEmbeddings,
        index: SearchIndex,
        offices: OfficeMatcher,
        *,
        stamp: Stamp | None = None,
    ) -> None:
        """``stamp``: the catalog file's as it was before ``index`` read it (default: now)."""
        self.settings = settings
        self.embeddings = embeddings
        self.offices = offices
        self.model_problem: str | None = None  # why the model could not be loaded, if it failed
        self.reload_problem: str | None = None  # why the newest catalog could not be opened
        stamp = stamp if stamp is not None else catalog_stamp(settings)
        self._snapshot = IndexSnapshot(index, offices, stamp)
        self._previous: IndexSnapshot | None = None
        self._watching = False
        self._next_check = 0.0
        self._reloading = threading.Lock()

    @classmethod
    def open(cls, settings: Settings) -> Runtime:
        """Load everything once (building the index first if needed)."""
        check_data_files()
        embeddings = embeddings_for(settings)
        ensure_index(settings, embeddings)
        stamp = catalog_stamp(settings)  # before the catalog is read: a later commit shows
        index = SearchIndex(settings, embeddings)
        return cls(settings, embeddings, index, OfficeMatcher(embeddings), stamp=stamp)

    # --- the current index ---------------------------------------------------------------

    def current(self) -> IndexSnapshot:
        """The newest index opened; starts opening a newer one when an ingest committed it."""
        if self._watching and time.monotonic() >= self._next_check:
            self._next_check = time.monotonic() + CATALOG_CHECK_SECONDS
            changed = catalog_stamp(self.settings) != self._snapshot.stamp
            if changed and not self._reloading.locked():
                threading.Thread(target=self.reload, name="index-reload", daemon=True).start()
        return self._snapshot

    @property
    def index(self) -> SearchIndex:
        """The current index."""
        return self.current().index

    @property
    def outlines(self) -> OutlineBuilder:
        """The outline chain over the current index."""
        return self.current().outlines

    @property
    def completer(self) -> Completer:
        """The autocomplete engine over the current index."""
        return self.current().completer

    @completer.setter
    def completer(self, completer: Completer) -> None:
        """Use another completer (benchmarks) until the next reload."""
        self._snapshot.completer = completer

    def watch(self) -> None:
        """Follow the catalog from now on (long-running processes)."""
        self._watching = True

    def reload(self) -> bool:
        """Open the committed catalog if it is newer than the current one; True when swapped.

        The new index gets its own Chroma client (an embedded store would otherwise keep
        answering from its in-memory copy) and the parts the old one had built; a failure
        keeps the old index and is reported by `problems` until a reload succeeds.
        """
        with self._reloading:
            stamp = catalog_stamp(self.settings)
            current = self._snapshot
            if stamp == current.stamp or stamp is None:
                return False
            try:
                started = time.perf_counter()
                index = SearchIndex(self.settings, self.embeddings, fresh=True)
                fresh = IndexSnapshot(index, self.offices, stamp)
                for part in current.built():
                    getattr(fresh, part)
            except AssistantError as error:
                self.reload_problem = f"新的索引无法打开，仍在使用之前的索引：{error}"
                log.warning(self.reload_problem)
                self._next_check = time.monotonic() + RELOAD_RETRY_SECONDS
                return False
            retired, self._previous, self._snapshot = self._previous, current, fresh
            self.reload_problem = None
            catalog = index.catalog
            log.info(
                "已切换到新的索引（第 %d 版：%d 篇总结，%d 个片段，%.1f 秒）。",
                catalog.generation,
                len(catalog.documents),
                len(catalog.chunks),
                time.perf_counter() - started,
            )
        if retired is not None:
            retired.index.close()
        return True

    def close(self) -> None:
        """Release the Chroma clients of the current and the previous index."""
        for snapshot in (self._snapshot, self._previous):
            if snapshot is not None:
                snapshot.index.close()

    # --- health ---------------------------------------------------------------------------

    def load_model(self) -> None:
        """Load the embedding model now (warm-up); a failure is kept for `problems`."""
        encoder = self.embeddings.encoder
        if not isinstance(encoder, LazyEncoder):
            return
        try:
            encoder.load()
        except AssistantError as error:
            self.model_problem = str(error)
            log.error("向量模型无法加载：%s", error)
        else:
            self.model_problem = None

    def problems(self) -> list[str]:
        """What keeps the service from working fully (empty when healthy)."""
        timeout = min(HEALTH_TIMEOUT_SECONDS, self.settings.chroma_timeout_seconds)
        found = self.current().index.problems(timeout)
        if self.model_problem:
            found.append(self.model_problem)
        if self.reload_problem:
            found.append(self.reload_problem)
        return found

    # --- services -------------------------------------------------------------------------

    def match_office(self, requested: str | None) -> OfficeMatch | None:
        """The corpus office types for a user's description (None when none was given)."""
        if not requested or not requested.strip():
            return None
        return self.offices.match(requested)

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
