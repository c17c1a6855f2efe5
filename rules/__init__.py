"""edgelint's rules, one class per rule. Installed as `edgelint.rules`; facts live in `_data/`."""
