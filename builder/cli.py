"""The command line: validate, build, verify, clean, explain (and diff, publish).

The forms `corpus-builder build RAW --version V --out DIR`, `validate RAW`, `verify RELEASE` and
`clean FILE... --out DIR` are a public contract: options are added, never renamed.
Exit codes: 0 success, 1 a check failed (verify, validate), 2 the command could not run,
3 `build --strict` wrote the release but some raw records were bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path


def run() -> None:
    """The `corpus-builder` command: main(), then an exit that skips the interpreter's teardown.

    Freeing a build's heap (models, arrays, a polars and an Arrow pool) object by object takes
    a quarter of a second of a six-second build. By the time main() returns, every file it
    wrote is closed (a release is fsynced before it is renamed into place), so there is nothing
    left to lose: only the standard streams need flushing. The forkserver and Ray's workers see
    their pipe close and stop on their own.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted; run the same command again to resume", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpus-builder", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build a release from a raw folder")
    p.add_argument("raw", type=Path)
    p.add_argument("--version", required=True, help="semantic version, e.g. 0.1.0")
    p.add_argument("--out", type=Path, default=Path("releases"))
    p.add_argument("--config", type=Path, help="TOML config (defaults serve without one)")
    p.add_argument("--parent", type=Path, help="an earlier release to build on")
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--engine", choices=("local", "ray"), default="local")
    p.add_argument("--ray-address", help="Ray cluster address (default: start a local Ray)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 3 (after writing the release) when any raw record was rejected "
        "at ingest, i.e. the input itself was bad",
    )
    p.set_defaults(func=_build)

    p = sub.add_parser("validate", help="check sources and raw records against schemas/")
    p.add_argument("raw", type=Path)
    p.add_argument("--config", type=Path)
    p.set_defaults(func=_validate)

    p = sub.add_parser("verify", help="recompute checksums and validate every row of a release")
    p.add_argument("release", type=Path)
    p.set_defaults(func=_verify)

    p = sub.add_parser("clean", help="write the cleaned main text of raw files, to look at")
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--config", type=Path)
    p.set_defaults(func=_clean)

    p = sub.add_parser("explain", help="why a document or raw record was kept or rejected")
    p.add_argument("id", help="document id, raw id, or raw path")
    p.add_argument("--release", type=Path, help="release folder (default: newest in releases/)")
    p.set_defaults(func=_explain)

    p = sub.add_parser("diff", help="what changed between two releases")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.set_defaults(func=_diff)

    p = sub.add_parser("stats", help="the counts of a release")
    p.add_argument("release", type=Path)
    p.set_defaults(func=_stats)

    p = sub.add_parser("publish", help="upload a release to the Hugging Face Hub")
    p.add_argument("release", type=Path)
    p.add_argument("--repo", required=True, help="OWNER/NAME of the dataset repo")
    p.add_argument("--dry-run", action="store_true", help="print what would be uploaded")
    p.add_argument("--private", action="store_true")
    p.set_defaults(func=_publish)
    return parser


def _config(path: Path | None):
    from builder.config import BuildConfig, ConfigError

    try:
        return BuildConfig.load(path)
    except ConfigError as exc:
        raise SystemExit(f"corpus-builder: {exc}") from None


def _build(args) -> int:
    if args.engine == "local" and _workers(args) > 1:
        from builder.engines.forkserver import start_forkserver

        start_forkserver()  # before the imports below: it warms up while they run
    from builder.build import BuildError, BuildOptions, build
    from builder.parent import ParentError
    from builder.summary import render_summary

    opts = BuildOptions(
        raw=args.raw,
        out=args.out,
        version=args.version,
        config=_config(args.config),
        parent=args.parent,
        workers=args.workers,
        engine=args.engine,
        ray_address=args.ray_address,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    try:
        result = build(opts)
    except (BuildError, ParentError) as exc:
        print(f"corpus-builder: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"corpus-builder: the build stopped: {exc}; no release was written", file=sys.stderr)
        return 2
    print(render_summary(result))
    bad_input = sum(
        n
        for key, n in result.manifest["counts"]["rejected_by_reason"].items()
        if key.startswith("ingest:")
    )
    if args.strict and bad_input:
        print(
            f"corpus-builder: {bad_input} raw records were bad input (see the ledger)",
            file=sys.stderr,
        )
        return 3
    return 0


def _workers(args) -> int:
    """How many workers the build will ask for, read before the build's imports: --workers,
    else the config's [engine] workers (a quick look; the build reads it properly), else all."""
    import tomllib

    from builder.engines.forkserver import default_workers

    configured = 0
    unreadable = (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError)
    if not args.workers and args.config is not None:
        with contextlib.suppress(*unreadable):
            configured = int(tomllib.loads(args.config.read_text())["engine"]["workers"])
    return args.workers or configured or default_workers()


def _validate(args) -> int:
    from builder.validate import validate_raw

    problems, records = validate_raw(args.raw, _config(args.config))
    for line in problems:
        print(line)
    print(f"{records} raw records checked, {len(problems)} problems")
    return 1 if problems else 0


def _verify(args) -> int:
    from builder.release.verify import verify_release

    if not (args.release / "manifest.json").is_file():
        print(f"{args.release}: not a release (no manifest.json)", file=sys.stderr)
        return 1
    problems = verify_release(args.release)
    for line in problems:
        print(f"{args.release / line.split(':', 1)[0]}:{line.split(':', 1)[1]}")
    if problems:
        return 1
    print(f"{args.release}: OK, every checksum and row verified")
    return 0


def _clean(args) -> int:
    from builder.clean_files import clean_files

    return clean_files(args.files, args.out, _config(args.config))


def _explain(args) -> int:
    from builder.explain import explain

    text, found = explain(args.id, args.release)
    print(text)
    return 0 if found else 1


def _diff(args) -> int:
    from builder.release.diff import diff_releases, render_diff

    print(render_diff(diff_releases(args.old, args.new)))
    return 0


def _stats(args) -> int:
    import json

    manifest = json.loads((args.release / "manifest.json").read_text())
    print(json.dumps(manifest["counts"], indent=2))
    return 0


def _publish(args) -> int:
    from builder.release.publish import publish

    return publish(args.release, args.repo, dry_run=args.dry_run, private=args.private)


if __name__ == "__main__":
    run()
