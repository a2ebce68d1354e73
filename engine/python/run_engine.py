"""The engine's entry point, run as a file.

Run as a script, Python puts this folder (the one holding lance_engine) first on its import path
and never the current folder, which `python -m lance_engine` would add: a `lance.py` in whatever
folder the app was started from would then be imported instead of pylance.
"""

from lance_engine.server import main

main()
