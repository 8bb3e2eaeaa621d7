import os
import sys

from dashboard.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # `python -m dashboard units list | head`: the reader stopped early. No traceback; stdout goes nowhere so that
    # the interpreter's own flush at exit does not fail again (the Python docs' recipe for SIGPIPE).
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
