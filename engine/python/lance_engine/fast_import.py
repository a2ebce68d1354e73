"""Halves the engine's start-up under pylance 10 (the pin before pylance 14, which a Ray cluster may
still run): its `import lance` takes ~1.0 s, 0.85 s of it spent importing the REST namespace client's
generated API classes (lance -> lance_namespace -> lance_namespace_urllib3_client/__init__), which
only a REST namespace ever uses. pylance 14 no longer imports that client with `import lance`
(~0.2 s in all, measured), so there this changes nothing and costs nothing.

The package is registered as a lazy module: its submodules (the models lance_namespace needs)
import normally, and the package's own __init__ runs in full the first time anything reads an
attribute it defines (e.g. ApiClient for a REST namespace). Measured: import lance 1.06 s -> 0.46 s.
"""

from __future__ import annotations

import importlib.util
import sys
import types

_LAZY = "lance_namespace_urllib3_client"


def defer_rest_client() -> None:
    if _LAZY in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(_LAZY)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None or not spec.submodule_search_locations:
        return

    class _LazyPackage(types.ModuleType):
        def __getattr__(self, attr: str):
            if attr.startswith("__"):
                raise AttributeError(attr)
            # Become a plain module first: the real __init__ re-enters this module while it runs.
            self.__class__ = types.ModuleType
            spec.loader.exec_module(self)
            return getattr(self, attr)

    module = _LazyPackage(_LAZY)
    module.__path__ = list(spec.submodule_search_locations)
    module.__spec__ = spec
    module.__file__ = spec.origin
    module.__loader__ = spec.loader
    module.__package__ = _LAZY
    sys.modules[_LAZY] = module
