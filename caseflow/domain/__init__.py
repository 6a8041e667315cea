"""The rules of the work, in plain Python: no Flask, no database, no clock of its own."""
