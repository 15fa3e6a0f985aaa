"""Steps shared by the kiosk's end-to-end tests (test_kiosk.py, test_kiosk_lockdown.py).

A room is set up the real way, through a facilitator process driven with xdotool: start a workshop, check
people in, walk to a stage, open its vote. Two settings have no facilitator control on this branch yet and are
written straight into the database, each in ONE function here so they can be swapped for the facilitator's
controls when those land:
  - set_kiosk_pin(): the PIN asked when a workshop starts (stored like the store does: a salted, iterated
    SHA-256; see facilitation/domain/room.cpp HashPin);
  - open_at_kiosk(): the "open at the kiosk" toggles of the roles and commitments screens.

Only the Python standard library is used (run with Debian's /usr/bin/python3).
"""

import ctypes
import hashlib
import secrets
import sqlite3

from kiosk_driver import _load_x11, check

PIN = "4826"
PIN_HASH_ROUNDS = 20000  # facilitation/domain/room.h kPinHashRounds


def _hash_pin(salt, pin):
    digest = hashlib.sha256((salt + ":" + pin).encode()).hexdigest()
    for _ in range(1, PIN_HASH_ROUNDS):
        digest = hashlib.sha256((salt + digest).encode()).hexdigest()
    return digest


def _running_workshop(connection):
    row = connection.execute("SELECT id FROM workshop WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1").fetchone()
    check(row, "no running workshop in the database")
    return row[0]


def _write(db, sql, args):
    connection = sqlite3.connect(db, timeout=30)
    try:
        workshop = _running_workshop(connection)
        with connection:
            connection.execute(sql, args + (workshop,))
    finally:
        connection.close()


def set_kiosk_pin(db, pin=PIN):
    """The running workshop's kiosk PIN. (To become the PIN field of the home screen's "start workshop".)"""
    salt = secrets.token_hex(16)
    _write(db, "UPDATE workshop SET kiosk_pin_salt = ?, kiosk_pin_hash = ?, "
               "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?", (salt, _hash_pin(salt, pin)))


def open_at_kiosk(db, roles, commitments):
    """What the kiosk offers besides votes. (To become the facilitator's "open at the kiosk" toggles.)"""
    _write(db, "UPDATE workshop SET kiosk_roles_open = ?, kiosk_commitments_open = ?, "
               "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?", (int(roles), int(commitments)))


def start_workshop(facilitator, db, pin=PIN):
    """Starts a renewal of the demo community on the facilitator's screen, with the kiosk PIN. The one place a
    test starts a workshop: when the home screen asks for the PIN, type it here instead of set_kiosk_pin()."""
    facilitator.click("community.0.start.renewal", screen="home")
    facilitator.wait_for_screen("stage.checkin")
    set_kiosk_pin(db, pin)


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
