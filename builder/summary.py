"""The one-screen summary at the end of a build: where the records went and where the time went."""

from __future__ import annotations


def render_summary(result) -> str:
    counts = result.manifest["counts"]
    lines = [f"release {result.release}"]
    if result.resumed_shards:
        lines.append(f"  resumed: {result.resumed_shards} work shards were already done")
    lines += [
        f"  records in  {counts['records']:>9,}",
        f"  kept        {counts['kept']:>9,}",
        f"  rejected    {counts['rejected']:>9,}",
    ]
    for key, n in sorted(counts["rejected_by_reason"].items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"    {key:<32} {n:>7,}")
    lines.append("  per split   " + "  ".join(f"{s} {n:,}" for s, n in counts["splits"].items()))
    top = list(counts["languages"].items())
    shown = ", ".join(f"{code} {n:,}" for code, n in top[:12])
    more = f" (+{len(top) - 12} more)" if len(top) > 12 else ""
    lines.append(f"  languages   {shown}{more}")
    lines += _timing(result.seconds, counts["records"])
    return "\n".join(lines)


# The build's passes, by their key in BuildResult.seconds; every other key is a worker stage.
PASSES = {
    "furniture": "furniture",  # the local engine learns it while reading for clean+label
    "process (wall)": "clean+label",
    "dedup": "dedup",
    "write": "write",
    "total (wall)": "total",
}


def _timing(seconds: dict[str, float], records: int) -> list[str]:
    """Wall time of each pass, then each worker stage's share of the workers' time: the first
    says how long the build took, the second which stage to make faster."""
    lines = ["  time per pass (wall seconds, records per second)"]
    for key, name in PASSES.items():
        if key in seconds:
            # furniture is learned from the dumps alone: a rate per record would mislead
            per_record = seconds[key] > 0 and key != "furniture"
            rate = f"{records / seconds[key]:>10,.0f}/s" if per_record else ""
            lines.append(f"    {name:<18} {seconds[key]:>8.2f}{rate}")
    stages = {k: v for k, v in seconds.items() if k not in PASSES}
    worker_total = sum(stages.values()) or 1.0
    lines.append("  time per worker stage (seconds summed over workers, records per worker-second)")
    for name, s in stages.items():
        rate = f"{records / s:>10,.0f}/s" if s > 0 else " " * 12
        lines.append(f"    {name:<18} {s:>8.2f}{rate}  {s / worker_total:>5.0%}")
    return lines
