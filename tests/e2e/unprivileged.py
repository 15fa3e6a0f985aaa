"""Runs cop-kiosk as an unprivileged user.

Root ignores permission bits, so read-only cases run the program as `nobody` (runuser). But nobody may not
reach a build tree under a private home such as /root, so the program is first copied, with the data/ and
assets/ it finds beside itself, into a world-readable temporary folder, removed when the test ends.
"""
import atexit
import os
import pathlib
import shutil
import tempfile

_copies = {}


def command_for(user, binary):
    """The command prefix that runs `binary` as `user` (or as the caller when user is None)."""
    if not user:
        return [str(binary)]
    key = str(binary)
    if key not in _copies:
        source = pathlib.Path(os.environ.get("COPK_SOURCE_ROOT") or pathlib.Path(__file__).resolve().parents[2])
        folder = pathlib.Path(tempfile.mkdtemp(prefix="copk-program-"))
        atexit.register(shutil.rmtree, str(folder), True)
        shutil.copy2(key, folder / "cop-kiosk")
        shutil.copytree(source / "data", folder / "data")
        shutil.copytree(source / "assets", folder / "assets")
        for path in [folder] + list(folder.rglob("*")):
            executable = path.is_dir() or path.name == "cop-kiosk"
            os.chmod(path, 0o755 if executable else 0o644)
        _copies[key] = str(folder / "cop-kiosk")
    return ["runuser", "-u", user, "--", _copies[key]]
