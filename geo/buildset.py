"""The GeoPackages of one build belong together: written as a set, checked as a set.

Three files cannot be renamed into place in one step, so a build killed between two renames would
leave new and old GeoPackages side by side. The build therefore writes them under one lock (so two
builds never interleave), removes what an earlier, interrupted build left behind, replaces the
files one by one (each atomically, see ``geo.files``) and writes ``bouw.json`` last: the SHA-256 of
every file of the set. The app refuses a data directory whose files do not match their
``bouw.json`` (an interrupted build, or files copied from two builds), with a message, instead of
showing figures from two builds. A directory without ``bouw.json`` (made by hand, as the tests do)
is not checked.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from geo.files import locked, write_atomically
from geo.store import Frame, write_layers

MANIFEST = "bouw.json"


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (the build is byte-for-byte reproducible, so this names a build)."""
    sha = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _leftovers(out: Path, names: list[str]) -> list[Path]:
    """The staging folders an interrupted write of these files left in out (see geo.files.replacing)."""
    return [folder for name in [*names, MANIFEST] for folder in out.glob(f".{name[:40]}.*.tmp") if folder.is_dir()]


def write_set(out: Path, files: dict[Path, dict[str, Frame]]) -> None:
    """Write the GeoPackages of one build as a set: under the build lock, leftovers of an interrupted
    build removed, every file replaced atomically, and ``bouw.json`` with their digests last."""
    out.mkdir(parents=True, exist_ok=True)
    with locked(out / MANIFEST):
        for folder in _leftovers(out, [path.name for path in files]):
            shutil.rmtree(folder, ignore_errors=True)
        for path, layers in files.items():
            write_layers(path, layers)
        digests = {path.name: digest(path) for path in files}
        write_atomically(out / MANIFEST, json.dumps({"bestanden": digests}, indent=2, sort_keys=True) + "\n")


def mismatched(data: Path) -> list[str]:
    """Why the GeoPackages in data are not one build's set (empty: they are, or there is no bouw.json)."""
    manifest = data / MANIFEST
    if not manifest.exists():
        return []
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["bestanden"]
        if not isinstance(listed, dict) or not all(isinstance(v, str) for v in listed.values()):
            raise ValueError("bestanden is geen lijst van digests")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        return [f"{MANIFEST} is onleesbaar ({error})"]
    problems = []
    for name, expected in sorted(listed.items()):
        path = data / Path(name).name
        if not path.exists():
            problems.append(f"{path.name} ontbreekt")
        elif digest(path) != expected:
            problems.append(f"{path.name} hoort bij een andere bouw")
    return problems
