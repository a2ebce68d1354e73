"""What this Python is, for `lance-index engine check` and the engine set-up: one JSON line.

Run as `python -E -B check_python.py [--import]`. Only the standard library until the import it
is asked to try, and no f-strings, so even a Python too old for the engine answers (and is told
it is too old) instead of failing with a syntax error.
"""

import json
import platform
import sys

out = {
    "python": platform.python_version(),
    "executable": sys.executable,
    "prefix": sys.prefix,
    "isVenv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
}
try:
    import importlib.util

    # `python -m venv` needs both; Debian splits ensurepip into python3-venv.
    out["canMakeVenv"] = importlib.util.find_spec("venv") is not None and importlib.util.find_spec("ensurepip") is not None
except Exception:  # an odd interpreter: say it can't, the caller explains
    out["canMakeVenv"] = False

if "--import" in sys.argv:
    try:
        import lance

        out["pylance"] = getattr(lance, "__version__", None)
        import pyarrow

        out["pyarrow"] = pyarrow.__version__
    except ModuleNotFoundError as e:
        out["importError"] = "%s: %s" % (type(e).__name__, e)
        out["missingModule"] = e.name
    except Exception as e:  # any failure to import is the verdict itself
        out["importError"] = "%s: %s" % (type(e).__name__, e)

print(json.dumps(out))
