"""Ctrl-C at the very end of a build — after the summary, while Python shuts down — ends in one line."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path


def test_ctrl_c_after_the_summary_is_exit_130_and_one_line_or_a_clean_exit(content_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    args = [sys.executable, "-m", "generator", "build", "--content", str(content_copy), "--output", str(output)]
    for _ in range(6):
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stdout is not None
        line = process.stdout.readline()  # waits until the build has printed its summary
        assert line.startswith("built "), line
        process.send_signal(signal.SIGINT)  # the process is now finishing: anywhere in its shutdown
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err and "Exception ignored" not in err, err
        if process.returncode == 130:
            assert err.splitlines() == ["samling: interrupted; the previous output is untouched"], err
        else:
            assert process.returncode == 0 and err == "", (process.returncode, err)


# Stops the program with Ctrl-C the moment it starts importing generator.cli, as the console script does.
INTERRUPT_AT_IMPORT = """
import os, signal, sys, tomllib
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "generator.cli":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
module, _, attr = tomllib.load(open("pyproject.toml", "rb"))["project"]["scripts"]["samling"].partition(":")
sys.argv = ["samling", "check"]
sys.exit(getattr(__import__(module, fromlist=[attr]), attr)())
"""


def test_ctrl_c_while_the_samling_command_imports_is_exit_130_and_one_line() -> None:
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT_IMPORT], cwd=root, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 130, (result.returncode, result.stderr)
    assert result.stderr.splitlines() == ["samling: interrupted; the previous output is untouched"], result.stderr
