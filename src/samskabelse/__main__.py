"""`python -m samskabelse lab | check | kit | links | install-templates | test`: see samskabelse.cli."""

from samskabelse.cli import main

raise SystemExit(main())
