"""Steps shared by the kiosk's end-to-end tests (test_kiosk.py, test_kiosk_lockdown.py).

A room is set up the real way, through a facilitator process driven with xdotool: start a workshop (the
kiosk PIN typed twice on the home screen), check people in, walk to a stage, open its vote, and open role
claims and commitments for the kiosk with the facilitator's "Open at the kiosk" toggles.

Only the Python standard library is used (run with Debian's /usr/bin/python3).
"""

import ctypes

from kiosk_driver import _load_x11, check
import stage_flows

PIN = "4826"


def start_workshop(facilitator, db, pin=PIN):
    """Starts a renewal of the demo community on the facilitator's screen, with the kiosk PIN: the one place a
    kiosk test starts a workshop."""
    del db  # the PIN goes through the home screen, like a facilitator's
    stage_flows.start_workshop(facilitator, kind="renewal", pin=pin)


def _toggle_on(facilitator, item_id):
    item = facilitator.wait_for_item(item_id)
    if not item["label"].startswith("\u2713"):
        facilitator.click(item_id)
    facilitator.wait_for_dump(lambda d: (facilitator.item(item_id, d) or {}).get("label", "").startswith("\u2713"),
                              "%s switched on" % item_id)


def open_at_kiosk(facilitator, from_screen, stages_between):
    """Opens role claims and commitments for the kiosk with the facilitator's toggles on the roles and
    commitments stages, then walks back to `from_screen`. `stages_between`: the screens from there to the
    commitments stage, in order (the roles stage among them)."""
    walked = []
    for screen in stages_between:
        facilitator.click("stage.next")
        facilitator.wait_for_screen(screen)
        walked.append(screen)
        if screen == "stage.roles":
            _toggle_on(facilitator, "kiosk.open.roles")
    check(walked and walked[-1] == "stage.commitments", "the walk ends at the commitments stage: %s" % walked)
    _toggle_on(facilitator, "kiosk.open.commitments")
    for screen in list(reversed(walked[:-1])) + [from_screen]:
        facilitator.click("stage.back")
        facilitator.wait_for_screen(screen)


def check_in(facilitator, names):
    facilitator.click("checkin.name", screen="stage.checkin")
    for count, name in enumerate(names, start=1):
        facilitator.type_text(name)
        facilitator.key("Return")
        facilitator.wait_for_dump(lambda d, n=count: len(facilitator.ids("checkin.remove.", d)) == n,
                                  "%d people checked in" % count)


def walk_to(facilitator, screens):
    """Next, stage after stage, through `screens` (each stage's screen id)."""
    for screen in screens:
        facilitator.click("stage.next")
        facilitator.wait_for_screen(screen)


def readout(dump, readout_id):
    for entry in (dump or {}).get("readouts", []):
        if entry["id"] == readout_id:
            return entry["label"]
    return None


def name_item(kiosk, name, dump=None):
    """The kiosk.name.<i> button of `name` (its label may carry "✓ voted")."""
    for entry in kiosk.items(dump):
        if entry["id"].startswith("kiosk.name.") and entry["label"].split("   ")[0] == name:
            return entry
    return None


def tap(kiosk, item_id, screen=None):
    """Clicks an item, then waits until the dump no longer shows that frame (the click was handled)."""
    before = kiosk.layout()["frame"]
    entry = kiosk.click(item_id, screen=screen)
    kiosk.wait_for_dump(lambda d: d["frame"] != before, "a new frame after pressing %s" % item_id)
    return entry


def type_on_screen_keyboard(kiosk, text):
    """Types `text` on the kiosk's own keyboard (kiosk.key.*), Shift for capitals; checks each character landed."""
    for char in text:
        want_shift = char != char.lower()
        shift = kiosk.item("kiosk.key.shift")
        check(shift, "the on-screen keyboard has no Shift key: %s" % kiosk.ids("kiosk.key."))
        shifted = shift["label"].startswith("\u2713")
        if want_shift != shifted and char.isalpha():
            typed = readout(kiosk.layout(), "kiosk.what")
            kiosk.click("kiosk.key.shift")
            kiosk.wait_for_dump(lambda d: kiosk.item("kiosk.key.shift", d)["label"].startswith("\u2713") == want_shift
                                and readout(d, "kiosk.what") == typed, "Shift to turn %s" % ("on" if want_shift else "off"))
        before = readout(kiosk.layout(), "kiosk.what") or ""
        key = "kiosk.key.space" if char == " " else "kiosk.key." + char.lower()
        kiosk.click(key)
        kiosk.wait_for_dump(lambda d: readout(d, "kiosk.what") == before + char,
                            "%r typed on the on-screen keyboard (after %r)" % (char, before))


def send_close_request(display, window_id):
    """Sends the window a real close request, as a window manager does for its close button or Alt+F4: a
    WM_PROTOCOLS ClientMessage carrying WM_DELETE_WINDOW (through libX11 with ctypes)."""
    x11 = _load_x11()

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

    class Event(ctypes.Union):
        _fields_ = [("client", ClientMessage), ("pad", ctypes.c_long * 24)]

    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.POINTER(Event)]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    connection = x11.XOpenDisplay(display.encode())
    check(connection, "cannot open the X display %s" % display)
    try:
        protocols = x11.XInternAtom(connection, b"WM_PROTOCOLS", 0)
        delete = x11.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
        event = Event()
        event.client.type = 33  # ClientMessage
        event.client.send_event = 1
        event.client.window = int(window_id)
        event.client.message_type = protocols
        event.client.format = 32
        event.client.data[0] = delete
        event.client.data[1] = 0  # CurrentTime
        check(x11.XSendEvent(connection, int(window_id), 0, 0, ctypes.byref(event)) != 0, "XSendEvent failed")
        x11.XFlush(connection)
        x11.XSync(connection, 0)
    finally:
        x11.XCloseDisplay(connection)
