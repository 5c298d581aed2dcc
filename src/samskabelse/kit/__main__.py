"""`python -m samskabelse.kit [COURSE] [--team FOLDER] ...`: build the facilitator's kit (see samskabelse.kit)."""

from samskabelse.kit import main

raise SystemExit(main())
