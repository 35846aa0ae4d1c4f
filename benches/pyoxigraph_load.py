"""Times pyoxigraph's own bulk loader on an N-Quads file, for `newsgraph bench`.

Usage: python3 benches/pyoxigraph_load.py FILE.nq STORE_DIR
Prints one line of key=value pairs: seconds, quads, peak (resident bytes).
Install pyoxigraph with `python3 -m pip install pyoxigraph`.
"""

import resource
import sys
import time

try:
    import pyoxigraph
except ImportError:
    sys.exit("pyoxigraph is not installed (python3 -m pip install pyoxigraph)")


def main() -> None:
    path, store_dir = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    store = pyoxigraph.Store(store_dir)
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    quads = len(store)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"seconds={seconds} quads={quads} peak={peak} version={pyoxigraph.__version__}")


if __name__ == "__main__":
    main()
