import os
import signal
import sys


def _interrupted_early(signum: int, frame: object) -> None:
    # Ctrl-C while the program is still importing: nothing has been written yet (main() takes over from here).
    os.write(2, b"samling: interrupted; the previous output is untouched\n")
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted_early)

from generator.cli import main  # noqa: E402

if __name__ == "__main__":  # `python -m generator`; the `samling` command imports `main` from here, handler first
    sys.exit(main())
