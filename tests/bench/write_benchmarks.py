"""Writes BENCHMARKS.md from the benchmark results of one scripts/bench run.

    write_benchmarks.py BENCHMARKS.md COMMAND RESULTS_DIR [--whole]
RESULTS_DIR holds one JSON file per benchmark script (the last line it printed; see bench_common.py). The
sections are also kept, with the date and command of the run that measured them, in BENCHMARKS.json beside
BENCHMARKS.md, so a run of a few benchmarks (scripts/bench room) replaces only their sections. A run of every
benchmark (--whole) keeps only what it measured: a section that no script writes any more (renamed) goes.
"""
import datetime
import json
import os
import pathlib
import platform
import sys


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
        memory = ", %.0f GiB of memory" % (kib / 1024.0 / 1024.0)
    except (OSError, StopIteration, ValueError):
        pass
    return "%s, %d cores%s, %s" % (cpu, os.cpu_count() or 0, memory, platform.platform())


def main():
    markdown, command, results = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    whole = "--whole" in sys.argv[4:]
    store = markdown.with_suffix(".json")
    sections = {}
    if store.exists():
        try:
            sections = {s["section"]: s for s in json.loads(store.read_text())["sections"]}
        except (ValueError, KeyError, TypeError):
            sections = {}
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M")
    if whole:
        sections = {}
    for path in sorted(results.glob("*.json")):
        text = path.read_text().strip()
        try:
            result = json.loads(text)
        except ValueError:
            print("%s: its last line is not a result: %r" % (path.stem, text[:200]), file=sys.stderr)
            continue
        result["measured"] = now
        result["command"] = command
        sections[result["section"]] = result
    ordered = sorted(sections.values(), key=lambda s: (s.get("order", 99), s["section"]))
    store.write_text(json.dumps({"machine": machine(), "sections": ordered}, indent=1, ensure_ascii=False) + "\n")

    lines = ["# Benchmarks", "",
             "Written by `%s` on %s UTC, with the release build (build-release/)." % (command, now),
             "Machine: %s. Windows draw with Mesa llvmpipe (software OpenGL) under Xvfb." % machine(),
             "Medians and ranges over the runs stated in each row; targets come from the issue that set them.", ""]
    for section in ordered:
        lines += ["## " + section["section"], ""]
        if section.get("command") != command:
            lines += ["_Measured on %s UTC by `%s`._" % (section.get("measured", "?"), section.get("command", "?")), ""]
        lines += ["| What | Median | p95 | Range | Target | |", "|---|---|---|---|---|---|"]
        for row in section["rows"]:
            mark = {"met": "met", "missed": "**missed**"}.get(row.get("verdict", ""), "")
            lines.append("| %s | %s | %s | %s | %s | %s |" % (row["what"], row.get("median", ""), row.get("p95", ""),
                                                               row.get("range", ""), row.get("target", ""), mark))
        lines.append("")
        for note in section.get("notes", []):
            lines += [note, ""]
    markdown.write_text("\n".join(lines))
    print("wrote %s (%d sections)" % (markdown, len(ordered)))


if __name__ == "__main__":
    main()
