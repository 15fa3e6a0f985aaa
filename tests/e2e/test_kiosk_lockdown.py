"""The kiosk is locked down: nothing on it quits the program, switches role or reaches a facilitator function
without the facilitator's PIN.

A facilitator process starts a workshop (with a PIN) and opens the anonymous health pulse; a 1920x1080 kiosk
offers it, and a guest who is not on the list casts an anonymous ballot (paged rating rows, review, confirm).
Then: Escape, Alt+F4, Ctrl+Q, F1 and F12 do nothing; a real close request (WM_DELETE_WINDOW) is refused; five
wrong PINs lock the prompt (the dump shows the lock, the digits are gone); after a fresh start the right PIN
leaves the kiosk cleanly with exit code 0. The PIN never appears in the program's output, its layout dump or
the database files.
"""
import os
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiosk_driver import (Kiosk, XServer, artifacts_dir, binary_from_argv, check, cpu_seconds,  # noqa: E402
                          layout_problems, run_cli, run_main)
from kiosk_room import check_in, readout, send_close_request, start_workshop, walk_to  # noqa: E402
from stage_flows import export  # noqa: E402

PIN = "48265173"  # eight digits: a shorter one could turn up by chance inside the ids and hashes of the files
WRONG = "1111"


def main():
    binary = binary_from_argv()
    art = artifacts_dir("test_kiosk_lockdown")
    work = pathlib.Path(tempfile.mkdtemp(prefix="copk-lockdown-"))
    db = str(work / "room.db")
    problems = []

    def audit(kiosk, where):
        dump = kiosk.layout()
        problems.extend("%s (%s): %s" % (dump["screen"], where, p) for p in layout_problems(dump))

    def shot(kiosk, name):
        kiosk.screenshot(art / ("%s-%s.png" % (name, kiosk.size)))

    def type_pin(kiosk, pin):
        for count, digit in enumerate(pin, start=1):
            kiosk.click("kiosk.pin.digit." + digit)
            kiosk.wait_for_dump(lambda d, n=count: readout(d, "kiosk.pin.entered") == "%d digits" % n,
                                "%d digits entered" % count)

    def still_a_kiosk(kiosk, what):
        """Proves every input sent before was handled (a tap after it opens the PIN prompt, in order), then checks
        the program still runs a kiosk screen, with no help overlay."""
        check(kiosk.alive(), "%s ended the kiosk (exit code %s)" % (what, kiosk.process.poll()))
        kiosk.click("kiosk.facilitator", screen="kiosk.start")
        dump = kiosk.wait_for_screen("kiosk.pin")
        check(kiosk.alive(), "%s ended the kiosk" % what)
        check(not kiosk.ids("help."), "%s opened the help overlay on a kiosk: %s" % (what, kiosk.ids()))
        check(not kiosk.item("kiosk.leave", dump), "%s reached the facilitator's functions without the PIN" % what)
        kiosk.click("kiosk.back")
        kiosk.wait_for_screen("kiosk.start")

    try:
        check(run_cli(binary, ["demo", "--db", db]).returncode == 0, "demo failed")
        with XServer(log_dir=str(art), extra_chars="\u00e9") as laptop, XServer(log_dir=str(art)) as booth:
            facilitator = Kiosk(binary, laptop, db, work, size="1280x720", name="facilitator")
            kiosk = Kiosk(binary, booth, db, work, size="1920x1080", name="kiosk", extra_args=["--role", "kiosk"])
            second = Kiosk(binary, booth, db, work, size="1920x1080", name="kiosk-again", extra_args=["--role", "kiosk"])
            try:
                facilitator.start()
                facilitator.wait_for_item("community.0.start.renewal", screen="home")
                facilitator.find_window()
                start_workshop(facilitator, db, PIN)
                check_in(facilitator, ["Amélie Laurent", "Bongani Dlamini", "Chen Wei"])
                walk_to(facilitator, ["stage.review", "stage.health"])
                facilitator.click("health.open")
                facilitator.wait_for_item("health.close")

                # ---- A guest not on the list votes in the anonymous pulse.
                kiosk.start()
                kiosk.wait_for_item("kiosk.start.vote", screen="kiosk.start")
                kiosk.find_window()
                audit(kiosk, "start")
                shot(kiosk, "01-kiosk-start")
                kiosk.click("kiosk.start.vote")
                kiosk.wait_for_item("kiosk.anonymous", screen="kiosk.name")
                audit(kiosk, "names")
                shot(kiosk, "02-kiosk-names-anonymous")
                kiosk.click("kiosk.anonymous")
                kiosk.wait_for_screen("kiosk.ballot")
                pages = 0
                while True:
                    dump = kiosk.wait_for_dump(lambda d: d["screen"] == "kiosk.ballot" and
                                               any(i.startswith("kiosk.rate.health.") for i in kiosk.ids("", d)),
                                               "a page of health items")
                    pages += 1
                    items = sorted({i.rsplit(".", 1)[0] for i in kiosk.ids("kiosk.rate.health.", dump)})
                    check(items, "rating rows on the page")
                    for item in items:
                        kiosk.click(item + ".4")
                        kiosk.wait_for_dump(lambda d, i=item: (kiosk.item(i + ".4", d) or {}).get("label", "").startswith("\u2713"),
                                            "%s rated 4" % item)
                    audit(kiosk, "rating page %d" % pages)
                    if pages == 1:
                        shot(kiosk, "03-kiosk-rating")
                    if kiosk.item("kiosk.review"):
                        break
                    kiosk.click("kiosk.next")
                    kiosk.wait_for_dump(lambda d, first=items[0]: not kiosk.item(first + ".4", d), "the next page")
                check(pages >= 2, "eight items at 1920x1080 take more than one page of big rows (got %d)" % pages)
                kiosk.click("kiosk.review")
                dump = kiosk.wait_for_screen("kiosk.review")
                check("Neglect: 4 a lot" in (readout(dump, "kiosk.review.lines") or ""), "the review says the ratings in words: %r"
                      % readout(dump, "kiosk.review.lines"))
                audit(kiosk, "review")
                shot(kiosk, "04-kiosk-review")
                kiosk.click("kiosk.confirm")
                kiosk.wait_for_screen("kiosk.thanks")
                shot(kiosk, "05-kiosk-thanks")
                kiosk.click("kiosk.done")
                kiosk.wait_for_screen("kiosk.start")
                health = [p for p in export(binary, db, str(work / "out"))["polls"] if p["purpose"] == "health"]
                check(len(health) == 1 and health[0]["ballots"] == 1, "the guest's anonymous ballot counts: %r" % health)

                # ---- Idle at the start, the kiosk draws nothing: near zero CPU (a 3 s window is the measurement).
                kiosk.wait_until(lambda: readout(kiosk.layout(), "kiosk.offer"), what="the start screen drawn")
                start_cpu, started = cpu_seconds(kiosk.pid), time.monotonic()
                time.sleep(3.0)
                share = (cpu_seconds(kiosk.pid) - start_cpu) / (time.monotonic() - started)
                check(share < 0.10, "an idle kiosk used %.1f%% of one core" % (100 * share))

                # ---- Keys that leave, quit or help elsewhere do nothing here; a close request is refused.
                for keys in (["Escape"], ["alt+F4"], ["ctrl+q"], ["F1"], ["F12"]):
                    kiosk.key(*keys)
                    still_a_kiosk(kiosk, "+".join(keys))
                check(not list(work.glob("cop-kiosk-*.png")), "F12 saved a screenshot on a kiosk")
                send_close_request(booth.display, kiosk.window)
                still_a_kiosk(kiosk, "a close request (WM_DELETE_WINDOW)")

                # ---- Five wrong PINs lock the prompt.
                kiosk.click("kiosk.facilitator", screen="kiosk.start")
                kiosk.wait_for_screen("kiosk.pin")
                audit(kiosk, "PIN prompt")
                shot(kiosk, "06-kiosk-pin")
                for attempt in range(1, 6):
                    type_pin(kiosk, WRONG)
                    kiosk.click("kiosk.pin.ok")
                    if attempt < 5:
                        kiosk.wait_for_dump(lambda d, a=attempt: "%d tr" % (5 - a) in (readout(d, "kiosk.pin.message") or ""),
                                            "the count of tries left after %d wrong PINs" % attempt)
                dump = kiosk.wait_for_dump(lambda d: readout(d, "kiosk.pin.locked"), "the prompt to lock")
                check("try again in" in readout(dump, "kiosk.pin.locked"), "the lock says when: %r" % readout(dump, "kiosk.pin.locked"))
                check(not kiosk.ids("kiosk.pin.digit.", dump) and not kiosk.item("kiosk.pin.ok", dump),
                      "a locked prompt offers no digits: %s" % kiosk.ids("kiosk.pin.", dump))
                check(not kiosk.item("kiosk.leave", dump), "five wrong PINs did not open the way out")
                shot(kiosk, "07-kiosk-pin-locked")
                # Going back and returning does not unlock it: the lock is the process's.
                kiosk.click("kiosk.back")
                kiosk.click("kiosk.facilitator", screen="kiosk.start")
                dump = kiosk.wait_for_screen("kiosk.pin")
                check(readout(dump, "kiosk.pin.locked") and not kiosk.ids("kiosk.pin.digit.", dump),
                      "the prompt is still locked when opened again")
                code, _ = kiosk.terminate()
                check(code == 0, "SIGTERM ended the kiosk with %s" % code)
                output = kiosk.stderr_text()

                # ---- A fresh start: the right PIN leaves cleanly.
                second.start()
                second.wait_for_item("kiosk.facilitator", screen="kiosk.start")
                second.find_window()
                second.click("kiosk.facilitator")
                second.wait_for_screen("kiosk.pin")
                type_pin(second, PIN)
                second.click("kiosk.pin.ok")
                second.wait_for_item("kiosk.leave", screen="kiosk.pin")
                shot(second, "08-kiosk-pin-accepted")
                second.click("kiosk.leave")
                code = second.wait_exit(timeout=10)
                check(code == 0, "leaving the kiosk with the PIN exits with 0, not %s" % code)
                output += second.stderr_text()
                # The same close request does close a facilitator's window: the refusal above was the kiosk's.
                send_close_request(laptop.display, facilitator.window)
                code = facilitator.wait_exit(timeout=10)
                check(code == 0, "a close request ended the facilitator with %s" % code)
            finally:
                kiosk.cleanup()
                second.cleanup()
                facilitator.cleanup()

        # ---- The PIN is never shown, logged or stored in plain text.
        check(PIN not in output, "the PIN appears in the kiosk's output")
        for path in [work / "room.db", work / "room.db-wal", kiosk.layout_path, second.layout_path]:
            if path.exists():
                check(PIN.encode() not in path.read_bytes(), "the PIN appears in plain text in %s" % path.name)
        check(not problems, "layout problems on the kiosk:\n  " + "\n  ".join(problems))
        print("kiosk lockdown: Escape, Alt+F4, Ctrl+Q, F1, F12 and a close request refused; five wrong PINs locked the "
              "prompt; the right PIN left with 0; the PIN was never shown, logged or stored")
    finally:
        shutil.rmtree(str(work), ignore_errors=True)


if __name__ == "__main__":
    run_main(main)
