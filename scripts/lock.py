"""`make lock`: resolve the two package lists to exact pins with uv, the resolver in requirements/dev.txt.

- requirements/participant.in (what a participant's session needs) -> the `- pip:` list of environment.yml, which
  Binder and conda users install and `make install` installs too;
- requirements/dev.in (test and developer tools) -> requirements/dev.txt, constrained to the participant pins, so
  that the two never name different versions of one package.

Both are resolved for the platform Binder builds on (Linux x86_64) and the Python of environment.yml, with every
transitive dependency pinned. Versions already pinned are kept unless --upgrade (all) or --upgrade-package NAME is
given, so adding one package does not move the others.

    .venv/bin/python scripts/lock.py [--upgrade | --upgrade-package NAME ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import requirements_from_env as env_file  # noqa: E402

ENVIRONMENT = ROOT / "environment.yml"
PARTICIPANT_IN = ROOT / "requirements" / "participant.in"
DEV_IN = ROOT / "requirements" / "dev.in"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
WORK = ROOT / "build" / "lock"
# mybinder.org's images are Ubuntu (glibc 2.35 or newer); 2_28 keeps the pins installable on older Linux too.
PLATFORM = "x86_64-manylinux_2_28"


def uv() -> str:
    beside = Path(sys.executable).parent / "uv"
    found = str(beside) if beside.exists() else shutil.which("uv")
    if not found:
        raise SystemExit("uv is not installed: run `make install` (it installs requirements/dev.txt), then make lock")
    return found


def python_version(text: str) -> str:
    """'3.11' from environment.yml's `python=3.11.14`."""
    for spec in env_file.conda_specs(text):
        if match := re.fullmatch(r"python\s*=+\s*(\d+\.\d+)(\.\d+)?", spec):
            return match[1]
    raise SystemExit("environment.yml: no exact `python=3.X.Y` pin under dependencies")


def compile_(source: Path, output: Path, python: str, extra: list[str]) -> None:
    cmd = [uv(), "pip", "compile", "--quiet", "--python-version", python, "--python-platform", PLATFORM,
           "--annotation-style", "line", "--custom-compile-command", "make lock",
           str(source.relative_to(ROOT)), "--output-file", str(output.relative_to(ROOT)), *extra]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"make lock: uv could not resolve {source.relative_to(ROOT)}:\n{result.stderr}")


def pins_with_notes(lock_text: str) -> list[str]:
    """'name==version  # via ...' lines of a uv lock, the header left out and the notes made readable."""
    lines = []
    for line in lock_text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spec, _, note = line.partition("#")
        note = note.strip().replace("-r requirements/participant.in", "participant.in")
        lines.append(f"{spec.strip()}  # {note}" if note else spec.strip())
    return lines


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

    text = ENVIRONMENT.read_text(encoding="utf-8")
    python = python_version(text)
    WORK.mkdir(parents=True, exist_ok=True)
    participant = WORK / "participant.txt"
    # uv keeps the versions it finds in the output file: start from the pins environment.yml holds now.
    participant.write_text("\n".join(env_file.requirements(text)) + "\n", encoding="utf-8")
    compile_(PARTICIPANT_IN, participant, python, extra)
    lines = pins_with_notes(participant.read_text(encoding="utf-8"))
    write_if_changed(ENVIRONMENT, env_file.replace_pip_list(text, lines))

    # The constraints: exactly the pins just written, without notes.
    constraints = WORK / "environment-pins.txt"
    constraints.write_text("\n".join(env_file.requirements(ENVIRONMENT.read_text(encoding="utf-8"))) + "\n",
                           encoding="utf-8")
    dev_work = WORK / "dev.txt"
    dev_work.write_text(DEV_LOCK.read_text(encoding="utf-8") if DEV_LOCK.exists() else "", encoding="utf-8")
    compile_(DEV_IN, dev_work, python, [*extra, "--constraint", str(constraints.relative_to(ROOT))])
    dev = dev_work.read_text(encoding="utf-8").replace(f"-c {constraints.relative_to(ROOT)}", "environment.yml")
    write_if_changed(DEV_LOCK, dev)

    print(f"make lock: {len(lines)} participant pins in environment.yml, "
          f"{len(pins_with_notes(dev))} in {DEV_LOCK.relative_to(ROOT)} (Python {python}, {PLATFORM})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
