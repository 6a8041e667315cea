"""Information packs: the reviewed texts in content/, loaded by content.py, printed by pdf.py."""
