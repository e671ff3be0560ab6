"""Reading YAML: the files shipped inside offramp, and a user's own files.

Shipped files (the gazetteer, the lexicons, the concepts) are parsed with libyaml
when it is installed, since they are large and tested; a user's file goes through
the pure-Python parser, whose errors carry the line, and any failure to read or
parse it is one ``ConfigError`` naming the file and line.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

__all__ = ["SHIPPED_LOADER", "shipped_yaml", "user_yaml"]

# libyaml's parser when installed (several times faster on the shipped files), else PyYAML's own.
SHIPPED_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def shipped_yaml(package: str, *parts: str) -> Any:
    """The YAML file ``parts`` inside ``package`` (``shipped_yaml("offramp.ontology", "data", "roles.yaml")``)."""
    text = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    return yaml.load(text, Loader=SHIPPED_LOADER)


def user_yaml(path: str | Path, what: str) -> Any:
    """A user's YAML file, parsed; ``what`` names it in errors ("gazetteer file").

    A missing or unreadable file, or invalid YAML, is a ``ConfigError`` at ``file`` or ``file:line``."""
    label = str(path)
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else None
    except OSError as exc:
        raise ConfigError(f"cannot read {what}: {exc.strerror}", where=label) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{what} is not UTF-8 text (byte {exc.start})", where=label, hint="save it as UTF-8"
        ) from exc
    if text is None:
        raise ConfigError(f"{what} not found", where=label, hint="check the path")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark is not None else label
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"not valid YAML: {problem}", where=where, hint="fix the YAML syntax") from exc
