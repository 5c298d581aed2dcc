"""`make lock`: resolve the two package lists to exact pins with uv, the resolver in requirements/dev.txt.

- requirements/participant.in (what a participant's session needs) -> requirements/participant.txt: one universal
  lock (uv's --universal) for every Python the course supports and for Linux, macOS and Windows. Each package has
  one version; a marker after a pin says where it is needed at all (pywinpty on Windows, overrides before 3.12).
- the same pins as they apply to Binder's Python (environment.yml's `python==3.11.14`) on Linux x86_64 -> the
  `- pip:` list of environment.yml, which Binder and conda users install;
- requirements/dev.in (test and developer tools) -> requirements/dev.txt, universal too, constrained to the
  participant pins, so that the two never name different versions of one package.

The supported Pythons are pyproject.toml's classifiers (`Programming Language :: Python :: 3.X`). For each of them
and each platform in WHEEL_PLATFORMS, uv then installs the lock on paper (--only-binary): every pin must have a
wheel there, so no install builds from source, and the lock must name everything uv would bring. A Python whose
wheels are missing fails make lock with uv's message: drop its classifier or wait for the wheels.

Versions already pinned are kept unless --upgrade (all) or --upgrade-package NAME is given, so adding one package
does not move the others.

    .venv/bin/python scripts/lock.py [--upgrade | --upgrade-package NAME ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import requirements_from_env as env_file  # noqa: E402

ENVIRONMENT = ROOT / "environment.yml"
PYPROJECT = ROOT / "pyproject.toml"
PARTICIPANT_IN = ROOT / "requirements" / "participant.in"
PARTICIPANT_LOCK = ROOT / "requirements" / "participant.txt"
DEV_IN = ROOT / "requirements" / "dev.in"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
WORK = ROOT / "build" / "lock"
# Binder's images are Ubuntu (glibc 2.35 or newer); 2_28 keeps the pins installable on older Linux too.
BINDER_PLATFORM = "x86_64-manylinux_2_28"
# Where each lock must install from wheels alone: a participant's laptop (Windows, macOS on Apple silicon, Linux)
# or a server; the test tools where `make test` runs (Linux, macOS) and on Windows. Not Intel Macs: the pinned
# argon2-cffi-bindings (Jupyter's password hashing) has no wheel for them, so pip would build it there.
WHEEL_PLATFORMS = {
    PARTICIPANT_LOCK: ["x86_64-manylinux_2_28", "aarch64-manylinux_2_28", "aarch64-apple-darwin",
                       "x86_64-pc-windows-msvc"],
    DEV_LOCK: ["x86_64-manylinux_2_28", "aarch64-apple-darwin", "x86_64-pc-windows-msvc"],
}
# The marker environment of each platform (PEP 508), for reading the universal locks as one platform sees them.
PLATFORM_MARKERS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "darwin": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
}
NOTE = ("# One lock for Python {pythons} on Linux, macOS and Windows (uv --universal): a marker after a pin says\n"
        "# where it is needed. make lock checked that every pin has a wheel for each of these Pythons on:\n"
        "# {platforms}.\n")


def uv() -> str:
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        raise SystemExit("uv is not installed: run `make install` (it installs requirements/dev.txt), then make lock")
    return found


def python_full_version(text: str) -> str:
    """'3.11.14' from environment.yml's `python==3.11.14`."""
    for spec in env_file.conda_specs(text):
        if match := re.fullmatch(r"python\s*=+\s*(\d+\.\d+\.\d+)", spec):
            return match[1]
    raise SystemExit("environment.yml: no exact `python==3.X.Y` pin under dependencies")


def python_version(text: str) -> str:
    """'3.11' from environment.yml's `python==3.11.14`."""
    return python_full_version(text).rsplit(".", 1)[0]


def supported_pythons(pyproject: str | None = None) -> list[str]:
    """['3.11', '3.12', ...]: the versions pyproject.toml's classifiers name, oldest first."""
    data = tomllib.loads(pyproject if pyproject is not None else PYPROJECT.read_text(encoding="utf-8"))
    found = [m[1] for c in data["project"].get("classifiers", [])
             if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]
    if not found:
        raise SystemExit("pyproject.toml names no `Programming Language :: Python :: 3.X` classifier")
    return sorted(found, key=lambda v: tuple(map(int, v.split("."))))


def marker_environment(python: str, system: str = "linux", machine: str = "x86_64") -> dict[str, str]:
    """The PEP 508 marker values of CPython `python` ('3.13' or '3.11.14') on a platform."""
    full = python if python.count(".") == 2 else f"{python}.0"
    return {"python_version": ".".join(full.split(".")[:2]), "python_full_version": full,
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": full, "platform_machine": machine, "platform_release": "",
            "platform_version": "", **PLATFORM_MARKERS[system]}


def platform_environment(python: str, platform: str) -> dict[str, str]:
    """marker_environment for one of uv's --python-platform names, such as 'aarch64-apple-darwin'."""
    arch = platform.split("-")[0]
    if "windows" in platform:
        return marker_environment(python, "windows", {"x86_64": "AMD64", "aarch64": "ARM64"}.get(arch, arch))
    if "apple" in platform:
        return marker_environment(python, "darwin", "arm64" if arch == "aarch64" else arch)
    return marker_environment(python, "linux", arch)


def lock_lines(lock_text: str) -> list[tuple[Requirement, str]]:
    """(requirement, `# via` note) for every pin of a lock file (header and comment lines left out)."""
    out = []
    for line in lock_text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        spec, _, note = line.partition("#")
        out.append((Requirement(spec.strip()), note.strip()))
    return out


def pins_for(lock_text: str, environment: dict[str, str]) -> dict[str, str]:
    """{canonical name: version} of the pins that apply in `environment`; a package pinned twice there fails."""
    found: dict[str, str] = {}
    for req, _ in lock_lines(lock_text):
        if req.marker is not None and not req.marker.evaluate(environment | {"extra": ""}):
            continue
        [spec] = req.specifier
        name = canonicalize_name(req.name)
        if name in found:
            raise ValueError(f"{req.name} is pinned twice for {environment['python_full_version']} "
                             f"{environment['sys_platform']}: {found[name]} and {spec.version}")
        found[name] = spec.version
    return found


def compile_(source: Path, output: Path, extra: list[str]) -> None:
    """uv pip compile, universal, for every supported Python (the oldest is the floor)."""
    cmd = [uv(), "pip", "compile", "--quiet", "--universal", "--python-version", supported_pythons()[0],
           "--annotation-style", "line", "--custom-compile-command", "make lock",
           str(source.relative_to(ROOT)), "--output-file", str(output.relative_to(ROOT)), *extra]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"make lock: uv could not resolve {source.relative_to(ROOT)}:\n{result.stderr}")


def pins_with_notes(lock_text: str) -> list[str]:
    """'name==version[ ; marker]  # via ...' lines of a uv lock, the header left out and the notes made readable."""
    lines = []
    for line in lock_text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spec, _, note = line.partition("#")
        note = note.strip().replace("-r requirements/participant.in", "participant.in")
        lines.append(f"{spec.strip()}  # {note}" if note else spec.strip())
    return lines


def for_binder(lock_text: str, python_full: str) -> list[str]:
    """The participant lock's lines that apply to Binder's Python on Linux x86_64, markers dropped."""
    environment = marker_environment(python_full) | {"extra": ""}
    lines = []
    for line in pins_with_notes(lock_text):
        spec, _, note = line.partition("#")
        req = Requirement(spec.strip())
        if req.marker is None or req.marker.evaluate(environment):
            pin = f"{req.name}{req.specifier}"
            lines.append(f"{pin}  # {note.strip()}" if note.strip() else pin)
    return lines


def with_note(lock_text: str, pythons: list[str], platforms: list[str]) -> str:
    """The lock with NOTE after uv's two header lines."""
    head, _, rest = lock_text.partition("#    make lock\n")
    note = NOTE.format(pythons=", ".join(pythons), platforms=", ".join(platforms))
    return f"{head}#    make lock\n{note}{rest}"


def check_wheels(lock: Path, python: str, platform: str) -> str | None:
    """None when every pin of `lock` installs from a wheel on this Python and platform and uv brings nothing
    unpinned there; else what is wrong."""
    out = WORK / f"check-{lock.stem}-{python}-{platform}.txt"
    out.unlink(missing_ok=True)
    cmd = [uv(), "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--python-version", python,
           "--python-platform", platform, "--only-binary", ":all:", str(lock.relative_to(ROOT)),
           "--output-file", str(out.relative_to(ROOT))]
    # From uv's cache first (a second or so; a pinned release's wheels do not go away), else from the index.
    result = subprocess.run([*cmd, "--offline"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        return (f"{lock.relative_to(ROOT)} does not install from wheels on Python {python} ({platform}):\n"
                f"{result.stderr}Remove the classifier 'Programming Language :: Python :: {python}' from "
                "pyproject.toml, or pin a version with wheels.")
    wanted = pins_for(lock.read_text(encoding="utf-8"), platform_environment(python, platform))
    got = pins_for(out.read_text(encoding="utf-8"), platform_environment(python, platform))
    extra = {n: v for n, v in got.items() if wanted.get(n) != v}
    if extra:
        return f"on Python {python} ({platform}) uv installs {extra}, which {lock.relative_to(ROOT)} does not pin"
    return None


def check_all_wheels(pythons: list[str]) -> None:
    """check_wheels for every lock, Python and platform, a few at once (uv mostly waits for the index)."""
    jobs = [(lock, python, platform) for lock, platforms in WHEEL_PLATFORMS.items() for python in pythons
            for platform in platforms]
    with ThreadPoolExecutor(max_workers=8) as pool:
        problems = [p for p in pool.map(lambda job: check_wheels(*job), jobs) if p]
    if problems:
        raise SystemExit("make lock: " + "\n\nmake lock: ".join(problems))


def write_if_changed(path: Path, text: str) -> None:
    """Leave an unchanged file alone, so that make does not reinstall .venv for nothing."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="move every pin to the newest version that fits")
    parser.add_argument("--upgrade-package", action="append", default=[], metavar="NAME",
                        help="move this package's pin (and what it needs) to the newest version that fits")
    args = parser.parse_args(argv)
    extra = ["--upgrade"] if args.upgrade else [a for name in args.upgrade_package for a in ("-P", name)]
    pythons = supported_pythons()
    WORK.mkdir(parents=True, exist_ok=True)

    # uv keeps the versions it finds in the output file: start from the pins the lock holds now.
    participant = WORK / "participant.txt"
    seed = PARTICIPANT_LOCK if PARTICIPANT_LOCK.exists() else None
    participant.write_text(seed.read_text(encoding="utf-8") if seed else
                           "".join(f"{pin}\n" for pin in env_file.requirements(ENVIRONMENT.read_text("utf-8"))),
                           encoding="utf-8")
    compile_(PARTICIPANT_IN, participant, extra)
    participant_text = participant.read_text(encoding="utf-8").replace("-r requirements/participant.in",
                                                                       "participant.in")
    write_if_changed(PARTICIPANT_LOCK, with_note(participant_text, pythons, WHEEL_PLATFORMS[PARTICIPANT_LOCK]))

    env_text = ENVIRONMENT.read_text(encoding="utf-8")
    binder = for_binder(participant_text, python_full_version(env_text))
    write_if_changed(ENVIRONMENT, env_file.replace_pip_list(env_text, binder))

    # The constraints: exactly the participant pins (with their markers), without notes.
    constraints = WORK / "participant-pins.txt"
    constraints.write_text("".join(f"{req}\n" for req, _ in lock_lines(participant_text)), encoding="utf-8")
    dev_work = WORK / "dev.txt"
    dev_work.write_text(DEV_LOCK.read_text(encoding="utf-8") if DEV_LOCK.exists() else "", encoding="utf-8")
    compile_(DEV_IN, dev_work, [*extra, "--constraint", str(constraints.relative_to(ROOT))])
    dev = dev_work.read_text(encoding="utf-8").replace(f"-c {constraints.relative_to(ROOT)}", "participant.txt")
    write_if_changed(DEV_LOCK, with_note(dev, pythons, WHEEL_PLATFORMS[DEV_LOCK]))

    check_all_wheels(pythons)
    print(f"make lock: {len(lock_lines(participant_text))} participant pins in "
          f"{PARTICIPANT_LOCK.relative_to(ROOT)} ({len(binder)} for Binder's Python in environment.yml), "
          f"{len(lock_lines(dev))} in {DEV_LOCK.relative_to(ROOT)}; wheels checked for Python {', '.join(pythons)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
