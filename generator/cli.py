"""The `samling` command: build, check, serve, print, pack, new.

Content problems are printed one per line as `path:line: message — hint`,
and the exit code is 1; no traceback reaches the user for bad content.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from pathlib import Path

from generator.core.errors import ContentError, visible
from generator.write.staging import OutputRefused

EXIT_CONTENT = 1
EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    if argv is not None:  # called from Python (tests): leave the process's signals alone
        return _main(argv)
    # The program itself: Ctrl-C raises KeyboardInterrupt while the work runs; once it is done, an
    # interrupt (also during the interpreter's shutdown, which would print "Exception ignored in
    # <module 'threading'>") ends the process at once with the same line and code 130.
    finish = _Finish()
    signal.signal(signal.SIGINT, finish.on_interrupt)
    try:
        code = _main(None)
    except KeyboardInterrupt:
        finish.done = True
        code = _interrupted()
    finish.done = True
    finish.exit(code)
    return code  # not reached


class _Finish:
    def __init__(self) -> None:
        self.done = False
        self.said = False

    def on_interrupt(self, signum: int, frame: object) -> None:
        if not self.done:
            raise KeyboardInterrupt
        if not self.said:
            self.said = True
            _interrupted()
        self.exit(130)

    def exit(self, code: int) -> None:
        """Leave without the interpreter's shutdown: nothing is left to do, and nothing more to say."""
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="samling", description="Build the material of facilitated gatherings into a static site."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    b = commands.add_parser("build", help="build the site into the output folder")
    _content_output(b)
    b.add_argument("--pack", action="store_true", help="also one self-contained file per gathering in output/pack/")
    c = commands.add_parser("check", help="validate the content only, write nothing")
    c.add_argument("--content", type=Path, default=Path("content"))
    s = commands.add_parser("serve", help="build, serve on 127.0.0.1, rebuild and reload the browser on every save")
    _content_output(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=_port, default=0, help="port to listen on, 0–65535 (default: 0, a free one)")
    s.add_argument("--allow-remote", action="store_true", help="allow a --host that is not loopback")
    pr = commands.add_parser("print", help="build, plus PDFs of the blank worksheets in output/print/")
    _content_output(pr)
    pk = commands.add_parser("pack", help="build, plus one self-contained file of a gathering in output/pack/")
    pk.add_argument("gathering", nargs="+", help="the gathering's folder name, e.g. nettverk-omdomme-2013-03")
    _content_output(pk)
    n = commands.add_parser("new", help="scaffold new content")
    n.add_argument("what", choices=["gathering"])
    n.add_argument("name", help="the gathering's title, e.g. 'Nettverk – omdømme, mai'")
    n.add_argument("--content", type=Path, default=Path("content"))
    n.add_argument("--language", choices=["nb", "nn", "en"], help="a new site's language (default: the site's, or nb)")
    n.add_argument("--folder", help="the gathering's folder name (default: the title's slug and the year-month)")

    args = parser.parse_args(argv)
    if args.command != "new" and (refused := _content_folder(args.content)):
        print(f"samling: {refused}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "build" and args.pack:
            return _pack(args.content, args.output, None)
        if args.command == "build":
            return _build(args.content, args.output)
        if args.command == "pack":
            return _pack(args.content, args.output, args.gathering)
        if args.command == "serve":
            from generator.serve.loop import serve

            return serve(args.content, args.output, args.host, args.port, args.allow_remote)
        if args.command == "check":
            from generator.commands.build import check

            site = check(args.content)
            sessions = sum(len(g.sessions()) for g in site.gatherings)
            print(f"ok: {len(site.gatherings)} gathering(s), {sessions} sessions, no problems")
            return 0
        if args.command == "print":
            return _print(args.content, args.output)
        if args.command == "new":
            from generator.commands.new import new_gathering

            folder = new_gathering(args.content, args.name, language=args.language, folder=args.folder)
            print(f"created {folder} — edit its gathering.yaml, then run `samling build`")
            return 0
    except ContentError as exc:
        return _report(exc)
    except (OutputRefused, FileExistsError) as exc:
        print(f"samling: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return _interrupted()
    except RuntimeError as exc:
        # Ctrl-C while a module is being imported can arrive wrapped (e.g. by a dataclass's __set_name__).
        if isinstance(exc.__cause__, KeyboardInterrupt):
            return _interrupted()
        raise
    return EXIT_USAGE


def _interrupted() -> int:
    with contextlib.suppress(OSError, ValueError):
        print("samling: interrupted; the previous output is untouched", file=sys.stderr, flush=True)
    return 130


def _port(text: str) -> int:
    """A TCP port: the operating system would quietly take 70000 as 70000 % 65536."""
    if not text.strip().isdigit() or len(text.strip()) > 5 or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port — use a number from 0 to 65535 (0: a free one)")
    return int(text)


def _content_folder(content: Path) -> str:
    """Why `content` cannot be read as a content folder, or "" if it can."""
    shown = visible(str(content))
    if not content.exists():
        return f"{shown}: the content folder does not exist — give its path with --content, or run `samling new`"
    if not content.is_dir():
        return f"{shown}: is not a folder — --content names the folder that holds site.yaml"
    return ""


def _content_output(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    p.add_argument("--output", type=Path, default=Path("output"), help="the output folder (default: output)")


def _build(content: Path, output: Path) -> int:
    from generator.commands.build import build
    from generator.core.memory import fewer_collections

    started = time.perf_counter()
    with fewer_collections():  # one build a process: the model lives until it ends
        result = build(content, output)
    ms = (time.perf_counter() - started) * 1000
    c = result.counts
    for notice in result.notices:
        print(notice, file=sys.stderr)
    print(
        f"built {result.pages} pages into {output} in {ms:.0f} ms "
        f"({c['written']} written, {c['unchanged']} unchanged, {c['removed']} removed)"
    )
    return 0


def _print(content: Path, output: Path) -> int:
    from generator.commands.print import PrintUnavailable, print_worksheets

    started = time.perf_counter()
    try:
        result = print_worksheets(content, output)
    except PrintUnavailable as exc:
        print(f"samling: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ms = (time.perf_counter() - started) * 1000
    for path in result.pdfs:
        if path not in result.packs:
            print(output / path)
    for path in result.packs:
        print(f"pack: {output / path}")
    print(f"wrote {len(result.pdfs)} PDFs (worksheets and packs) into {output / 'print'} in {ms:.0f} ms")
    return 0


def _pack(content: Path, output: Path, keys: list[str] | None) -> int:
    from generator.commands.pack import UnknownGathering, pack_site

    started = time.perf_counter()
    try:
        result = pack_site(content, output, keys)
    except UnknownGathering as exc:
        print(f"samling: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ms = (time.perf_counter() - started) * 1000
    for path in result.packs:
        print(output / path)
    print(f"built the site and {len(result.packs)} pack(s) into {output / 'pack'} in {ms:.0f} ms")
    return 0


def _report(exc: ContentError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    n = len(exc.problems)
    print(f"samling: {n} problem{'s' if n != 1 else ''} in the content; nothing was written", file=sys.stderr)
    return EXIT_CONTENT


if __name__ == "__main__":
    sys.exit(main())
