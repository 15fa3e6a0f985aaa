"""Scale: merging kiosks' databases with `cop-kiosk merge`, 1, 10 and 100 kiosks of one room.

Run by scripts/bench with the release build:
    /usr/bin/python3 tests/bench/bench_merge.py BUILD_DIR [RUNS]
copk_bench_store kiosks (tests/bench/store_bench.cpp) makes, through the store, the facilitator's database of a
launch workshop (its stage check, an anonymous domain vote and a task vote set up) and that many copies of it, each
a kiosk's: the kiosk opens the votes, 30 newcomers check in there, each votes in all five polls and makes a
commitment, and one of the next kiosk's people checks in there too (a duplicate the merge must resolve). The files
are built in memory (/dev/shm), then copied beside the build. Each run merges all the kiosks into a fresh copy of the
facilitator's database, timing the whole `cop-kiosk merge --into CENTRAL KIOSK...` process, RUNS times per size.
Its last line is the result for BENCHMARKS.md (bench_common.py).
"""
import pathlib
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench_common import (emit, growth_row, load_note, loadavg, ms, row, scratch_folder, seed_folder,  # noqa: E402
                          summary)

KIOSKS = (1, 10, 100)
PEOPLE = 30


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    binary, helper = str(build / "cop-kiosk"), str(build / "copk_bench_store")
    load_start = loadavg()
    seed, work = seed_folder("copk-bench-merge-"), scratch_folder(build, "bench-merge-")
    results = []
    try:
        for kiosks in KIOSKS:
            built = seed / str(kiosks)
            built.mkdir()
            started = time.monotonic()
            out = subprocess.run([helper, "kiosks", str(built), str(kiosks), str(PEOPLE)], capture_output=True,
                                 text=True, timeout=900)
            if out.returncode != 0:
                raise SystemExit("seeding failed: %s" % out.stderr)
            seeded = time.monotonic() - started
            room = work / str(kiosks)
            room.mkdir()
            sources = []
            for k in range(1, kiosks + 1):
                shutil.copyfile(built / ("kiosk-%d.db" % k), room / ("kiosk-%d.db" % k))
                sources.append(str(room / ("kiosk-%d.db" % k)))
            shutil.copyfile(built / "base.db", room / "base.db")
            shutil.rmtree(built)
            source_bytes = sum(pathlib.Path(s).stat().st_size for s in sources)
            times = []
            for run in range(runs):
                central = room / ("central-%d.db" % run)
                shutil.copyfile(room / "base.db", central)
                started = time.monotonic()
                out = subprocess.run([binary, "merge", "--into", str(central)] + sources, capture_output=True,
                                     text=True, timeout=900)
                times.append((time.monotonic() - started) * 1000.0)
                if out.returncode != 0:
                    raise SystemExit("merge failed: %s" % out.stderr)
                total = re.search(r"Merged (\d+) database\(s\) into .*: (\d+) added, (\d+) updated, (\d+) skipped, "
                                  r"(\d+) conflict", out.stdout)
                if not total or int(total.group(1)) != kiosks or int(total.group(5)) != 0:
                    raise SystemExit("unexpected merge report: %s" % out.stdout[-500:])
                duplicates = out.stdout.count("duplicate: member")
            check = subprocess.run([binary, "check", "--db", str(central)], capture_output=True, text=True,
                                   timeout=600)
            if check.returncode != 0:
                raise SystemExit("the merged database does not check: %s" % (check.stdout + check.stderr))
            entry = {"kiosks": kiosks, "t": summary(times), "added": int(total.group(2)),
                     "updated": int(total.group(3)), "skipped": int(total.group(4)), "duplicates": duplicates,
                     "source_mb": source_bytes / 1e6, "central_mb": central.stat().st_size / 1e6, "seeded_s": seeded}
            entry["per_kiosk_ms"] = entry["t"]["median"] / kiosks
            results.append(entry)
            for run in range(runs):
                for suffix in ("", "-wal", "-shm"):
                    pathlib.Path(str(room / ("central-%d.db" % run)) + suffix).unlink(missing_ok=True)
            print("%3d kiosks: merge median %.0f ms (%.0f-%.0f ms, %d runs), %.1f ms per kiosk; %d rows added, %d "
                  "updated, %d skipped, %d duplicate people; sources %.1f MB, central %.1f MB; seeded in %.1f s"
                  % (kiosks, entry["t"]["median"], entry["t"]["min"], entry["t"]["max"], runs, entry["per_kiosk_ms"],
                     entry["added"], entry["updated"], entry["skipped"], duplicates, entry["source_mb"],
                     entry["central_mb"], seeded), flush=True)
    finally:
        shutil.rmtree(seed, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    load_end = loadavg()

    rows = []
    for e in results:
        t = e["t"]
        rows.append(row("Merging {:,} kiosk database{} of {} newcomers each ({:,} rows added; {:.1f} ms per kiosk)"
                        .format(e["kiosks"], "" if e["kiosks"] == 1 else "s", PEOPLE, e["added"], e["per_kiosk_ms"]),
                        ms(t["median"], 0), ms(t["p95"], 0),
                        "%s–%s (%d runs)" % (ms(t["min"], 0), ms(t["max"], 0), t["n"])))
    # One kiosk is mostly the process's start (opening, checking the central database): the tenfold step from 10 to
    # 100 kiosks is the fair test of linearity.
    middle, last = results[1], results[-1]
    rows.append(growth_row("Growth of the merge per kiosk, {} → {:,} kiosks".format(middle["kiosks"], last["kiosks"]),
                           middle["per_kiosk_ms"], last["per_kiosk_ms"]))
    emit("Scale and growth: merging kiosks", 62, rows, [
        "Each kiosk's database is the facilitator's database of one launch workshop (made through the store by "
        "copk_bench_store kiosks) on which the kiosk opened the votes and %d newcomers checked in, voted in all "
        "five polls (the stage check, an anonymous vote, and a task vote's energy, importance and dots) and made a "
        "commitment, plus one of the next kiosk's people who checked in at both (so each merge also settles about "
        "one duplicate person per kiosk, with their check-in and ballots). The time is the whole `cop-kiosk merge "
        "--into CENTRAL KIOSK...` process, into a fresh copy of the facilitator's database on disk; each run's "
        "result is checked (no conflict, `cop-kiosk check` passes)." % PEOPLE,
        "Why the number of kiosks: a coordinator merges whole kiosks' files, and what grows is how many (a bigger "
        "room, a day of parallel sessions, a season brought together at once); what one kiosk holds is bounded by "
        "the people who stand at it. 100 kiosks (%s newcomers in one workshop, %.0f MB of sources) is the stress "
        "case. The time per kiosk includes a fixed part per source (a snapshot with SQLite's backup API, opened "
        "and checked as a store, and the facilitator's rows read again and skipped), which is why one kiosk costs "
        "more per kiosk than ten; the growth row compares 10 with 100 kiosks."
        % ("{:,}".format(last["kiosks"] * (PEOPLE + 1)), last["source_mb"]),
        load_note(load_start, load_end)])


if __name__ == "__main__":
    main()
