"""Embeddings, the Chroma store, the lexical index and hybrid retrieval."""
