"""`python -m samskabelse.course [FILE ...]`: check course files (see samskabelse.course)."""

import sys

from samskabelse.course import _main

raise SystemExit(_main(sys.argv[1:]))
