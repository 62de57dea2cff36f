//! Embedded corpus store, search and cross-article merging.
