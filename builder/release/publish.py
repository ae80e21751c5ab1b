"""`publish`: upload a verified release to the Hugging Face Hub, tagged with its version.

The upload is one commit of every file the manifest lists (plus the manifest), so the Hub
revision tagged `v<version>` holds exactly the verified release.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from builder.release.verify import verify_release


def operations(release: Path) -> list:
    """The commit operations that upload this release, in a fixed order."""
    from huggingface_hub import CommitOperationAdd

    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    names = sorted(manifest["files"]) + ["manifest.json", "manifest.json.sha256"]
    return [
        CommitOperationAdd(path_in_repo=name, path_or_fileobj=str(release / name)) for name in names
    ]


def publish(release: Path, repo: str, dry_run: bool = False, private: bool = False) -> int:
    problems = verify_release(release)
    if problems:
        print(
            f"corpus-builder: {release} does not verify, not publishing: {problems[0]}",
            file=sys.stderr,
        )
        return 1
    version = json.loads((release / "manifest.json").read_text(encoding="utf-8"))["version"]
    ops = operations(release)
    tag = f"v{version}"
    if dry_run:
        total = sum((release / op.path_in_repo).stat().st_size for op in ops)
        print(f"would upload {len(ops)} files ({total:,} bytes) to dataset {repo} and tag {tag}:")
        for op in ops:
            print(f"  {op.path_in_repo}  {(release / op.path_in_repo).stat().st_size:,} bytes")
        return 0
    from huggingface_hub import HfApi

    api = HfApi()
    api.create_repo(repo, repo_type="dataset", private=private, exist_ok=True)
    commit = api.create_commit(repo, ops, commit_message=f"Release {tag}", repo_type="dataset")
    api.create_tag(repo, tag=tag, revision=commit.oid, repo_type="dataset")
    print(f"published {release} to {repo} at {tag} ({commit.oid})")
    return 0
