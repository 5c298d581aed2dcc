"""`python -m samskabelse lab | check | kit | links | install-templates | test`: see samskabelse.cli."""

if __name__ == "__main__":  # the package's modules are imported one by one elsewhere (answers.model_classes)
    from samskabelse.cli import main

    raise SystemExit(main())
