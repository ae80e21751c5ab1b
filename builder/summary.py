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
    total = sum(result.seconds.values()) or 1.0
    lines.append("  time per stage (seconds; worker stages summed over workers)")
    for name, s in result.seconds.items():
        lines.append(f"    {name:<18} {s:>8.2f}  {s / total:>5.0%}")
    return "\n".join(lines)
