"""The lock files (requirements/*.txt, written by `make lock`) match pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from conftest import PROJECT

# a pin: name, optional [extras], ==version
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(text: str) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def test_every_dependency_is_locked_at_its_pyproject_version_with_hashes():
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    build = (PROJECT / "requirements" / "build.txt").read_text()
    test = (PROJECT / "requirements" / "test.txt").read_text()
    for declared, lock in (
        (project["dependencies"], build),
        (project["dependencies"] + project["optional-dependencies"]["test"], test),
    ):
        wanted = pins("\n".join(declared))
        assert len(wanted) == len(declared), "pyproject.toml pins every dependency with =="
        locked = pins(lock)
        stale = {name: version for name, version in wanted.items() if locked.get(name) != version}
        assert not stale, f"run `make lock`: the lock files lack {stale}"
        blocks = [block for block in re.split(r"\n(?=\S)", lock) if PIN.match(block)]
        assert blocks and all("--hash=sha256:" in block for block in blocks)
    # the test environment has the build environment's versions
    assert pins(build).items() <= pins(test).items()
