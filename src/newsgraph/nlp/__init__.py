"""The NLP backbone: the spaCy pipeline and newsgraph's spaCy components."""
