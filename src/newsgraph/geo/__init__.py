"""Geography: the shipped gazetteer and the location records built from its places."""

from .gazetteer import FEATURES, Gazetteer, Place, load_gazetteer

__all__ = ["FEATURES", "Gazetteer", "Place", "load_gazetteer"]
