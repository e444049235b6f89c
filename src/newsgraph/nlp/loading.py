"""Loading the spaCy pipeline: once per process, any installed pipeline by name."""

from __future__ import annotations

import os
from functools import lru_cache

from .. import config
from ..errors import ModelNotFoundError


def install_hint(name: str) -> str:
    if name == config.DEFAULT_MODEL:
        return config.MODEL_INSTALL_HINT
    return f"python -m spacy download {name}"


@lru_cache(maxsize=4)
def load_spacy(name: str | None = None):
    """The spaCy `Language` for `name` (see `config.model_name`), loaded once per process."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import spacy

    resolved = config.model_name(name)
    try:
        return spacy.load(resolved)
    except OSError as error:
        # spaCy raises OSError E050 for a pipeline that is not installed.
        if "E050" in str(error) or "Can't find model" in str(error):
            raise ModelNotFoundError(
                f"spaCy pipeline '{resolved}' is not installed; install it with: {install_hint(resolved)}"
            ) from None
        raise ModelNotFoundError(f"spaCy pipeline '{resolved}' could not be loaded: {error}") from None
