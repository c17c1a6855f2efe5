"""The edge model: what a handler does, shared by every rule and both languages (see model.py)."""
