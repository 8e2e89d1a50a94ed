import sys
from pathlib import Path

# Make `tests.*` helpers importable whichever folder pytest is started from.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
