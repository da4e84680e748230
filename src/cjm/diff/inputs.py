"""Where the two sides of a diff come from: files, folders, or git revisions (`REV:PATH`)."""

from __future__ import annotations

import os
import subprocess

from cjm.check import InputError, Source, collect_sources, is_cjm_file


def read_side(spec: str) -> list[Source]:
    """A file, a folder, or `REV:PATH` read through git like `git show REV:PATH`."""
    if os.path.exists(spec) or ":" not in spec:
        return collect_sources([spec])
    revision, path = spec.split(":", 1)
    kind = _git("cat-file", "-t", spec, spec=spec).strip()
    if kind == "tree":
        names = _git(
            "ls-tree", "-r", "--name-only", "--full-name", revision, "--", path or ".", spec=spec
        ).splitlines()
        blobs = [
            (f"{revision}:{n}", _blob(f"{revision}:{n}")) for n in names if n.endswith((".yaml", ".yml"))
        ]
        return [Source(name, data) for name, data in blobs if is_cjm_file(data)]
    return [Source(spec, _blob(spec))]


def _blob(spec: str) -> bytes:
    return _git_bytes("show", spec, spec=spec)


def _git(*arguments: str, spec: str) -> str:
    return _git_bytes(*arguments, spec=spec).decode("utf-8", "replace")


def _git_bytes(*arguments: str, spec: str) -> bytes:
    try:
        process = subprocess.run(["git", *arguments], capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise InputError(f"{spec}: reading a revision needs git, and git is not installed") from None
    if process.returncode != 0:
        reason = process.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"{spec}: {reason[0] if reason else 'git could not read it'}")
    return process.stdout
