"""Where a journey's data file may be: inside the project, never anywhere the journey points.

A journey is text anyone may send in a pull request; its `data.file` must not read the machine's
other files (keys, credentials) into figures and error messages. The project is the folder of the
configuration file; without one, the git work tree the journey is in; else the journey's folder.
The file is resolved as the system will open it (`..` and symbolic links followed) before it is
compared.
"""

from __future__ import annotations

import os
from pathlib import Path

from cjm.errors import CjmError


class OutsideProject(CjmError):
    """A data file that resolves outside the project: the message names both."""


def project_root(journey_file: Path, config_file: Path | None) -> tuple[Path, str]:
    """The folder data files must be in, and what it is (for the message)."""
    if config_file is not None:
        return Path(os.path.realpath(config_file.parent)), f"the folder of {config_file.name}"
    folder = Path(os.path.realpath(journey_file.parent))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate, "the git work tree"
    return folder, "the journey's folder"


def data_file(name: str, journey_file: Path, config_file: Path | None) -> Path:
    """The file a journey's `data.file` names, resolved; OutsideProject when it is not inside."""
    root, what = project_root(journey_file, config_file)
    resolved = Path(os.path.realpath(journey_file.parent / name))
    if not resolved.is_relative_to(root):
        raise OutsideProject(
            f"{name} resolves to {resolved}, outside the project ({root}, {what}):"
            " data files must be inside the project"
        )
    return resolved
