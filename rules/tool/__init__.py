"""Rules the engine itself reports: parse errors and unused suppressions."""
