"""A warm engine: pylance imported once, a fresh engine process forked for every caller.

`lance-index engine start` runs this in the background. Importing pylance is most of a cold
engine's start (~0.3-0.5 s of a ~1 s small build); forking a process that already holds it takes
milliseconds. Each connection gets a child of its own that serves the usual protocol
(server.serve) over the connection, so callers see what a cold engine gives them: a process of
their own, killed alone, its own environment and folder, no handle cache shared with anyone.

The connection protocol, one JSON line each way, then the engine protocol:
  -> {"hello": {"lanes": N, "env": {...}, "cwd": "/abs"}}    a child for me
  -> {"status": true}  /  {"stop": true}                     about the warm engine itself
  <- {"ready": true, "warm": true, ...}                       from the child, as a cold engine does
  <- {"exited": {"code", "signal", "stderr_tail"}}            from this process, once the child is gone

Forking is safe because this process only imports: it never opens a dataset, so no Lance runtime
(threads, locks) exists in it to be copied half-way; each child starts its own.

This process keeps its copy of every connection until the child is reaped, so the caller always
learns how its engine ended (a cold engine's caller reads that from its own child). It stops after
`--idle-timeout` seconds with no child and no caller, or when asked.

Only the user who started it can connect: the socket lives in a folder only that user can enter
(checked here before binding), and on Linux the peer's uid is checked on every connection.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import selectors
import signal
import socket
import struct
import sys
import time
import warnings

from . import server

MAX_HELLO_BYTES = 1 << 20
HELLO_TIMEOUT_S = 10.0
MAX_LANES = 1024
STDERR_TAIL_BYTES = 4000


class WarmEngine:
    def __init__(self, socket_path: str, idle_timeout_s: float, fingerprint: str, started: float) -> None:
        self.socket_path = socket_path
        self.info_path = os.path.join(os.path.dirname(socket_path), "engine.json")
        self.idle_timeout_s = idle_timeout_s
        self.fingerprint = fingerprint
        self.started = started
        self.children: dict[int, tuple[socket.socket, str]] = {}
        self.last_busy = time.monotonic()
        self.accepting = True
        self.asked_to_stop = False

    # --- start and stop -------------------------------------------------------------------------

    def listen(self) -> None:
        check_private_folder(os.path.dirname(self.socket_path))
        if os.path.exists(self.socket_path):
            # Left by a warm engine that was killed: nothing answers it (the starter checked).
            os.unlink(self.socket_path)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.socket_path)
        os.chmod(self.socket_path, 0o600)
        self.listener.listen(64)
        self.listener.setblocking(False)
        import lance

        write_atomically(
            self.info_path,
            {
                "pid": os.getpid(),
                "socket": self.socket_path,
                "fingerprint": self.fingerprint,
                "pylance": lance.__version__,
                "python": sys.version.split()[0],
                "idle_timeout_s": self.idle_timeout_s,
                "started_at": time.time(),
            },
        )

    def stop_accepting(self) -> None:
        if not self.accepting:
            return
        self.accepting = False
        self.selector.unregister(self.listener)
        self.listener.close()
        for path in (self.socket_path, self.info_path):
            remove_if_ours(path, self.info_path)

    # --- the loop -------------------------------------------------------------------------------

    def run(self) -> None:
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ, "accept")
        # A child's exit wakes the loop: SIGCHLD's handler does nothing, the wake-up fd does it.
        self.wake_r, wake_w = socket.socketpair()
        wake_w.setblocking(False)
        self.wake_w = wake_w
        signal.set_wakeup_fd(wake_w.fileno())
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "asked_to_stop", True))
        self.selector.register(self.wake_r, selectors.EVENT_READ, "wake")
        while self.accepting or self.children:
            timeout = None
            if not self.children:
                timeout = max(0.0, self.last_busy + self.idle_timeout_s - time.monotonic())
            events = self.selector.select(timeout)
            if self.asked_to_stop:
                self.stop_accepting()
            if not events and not self.children and time.monotonic() >= self.last_busy + self.idle_timeout_s:
                self.stop_accepting()
            for key, _ in events:
                if key.data == "accept" and self.accepting:
                    self.accept()
                elif key.data == "wake":
                    with contextlib.suppress(BlockingIOError):
                        self.wake_r.recv(4096)
            self.reap()

    def accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except BlockingIOError:
            return
        try:
            if not same_user(conn):
                conn.close()
                return
            conn.setblocking(True)
            conn.settimeout(HELLO_TIMEOUT_S)
            first, rest = read_first_line(conn)
            request = parse_request(first)
        except (OSError, ValueError) as exc:
            reply_and_close(conn, {"protocol_error": str(exc)})
            return
        if "status" in request:
            reply_and_close(conn, self.status())
        elif "stop" in request:
            # The socket goes first: a warm engine started right after this answer binds a new one.
            self.stop_accepting()
            reply_and_close(conn, {"stopping": True, "pid": os.getpid(), "children": len(self.children)})
        else:
            self.fork_child(conn, rest, request["hello"])

    def status(self) -> dict:
        return {
            "status": {
                "pid": os.getpid(),
                "fingerprint": self.fingerprint,
                "children": sorted(self.children),
                "idle_s": 0.0 if self.children else time.monotonic() - self.last_busy,
                "idle_timeout_s": self.idle_timeout_s,
            }
        }

    def fork_child(self, conn: socket.socket, rest: bytes, hello: dict) -> None:
        folder = os.path.dirname(self.socket_path)
        err_fd, err_path = make_stderr_file(folder)
        pid = os.fork()
        if pid == 0:
            try:
                self.become_child(conn, rest, hello, err_fd)
            finally:
                os._exit(70)  # serve() exits by itself; reaching here means it could not start
        os.close(err_fd)
        self.children[pid] = (conn, err_path)
        self.last_busy = time.monotonic()

    def become_child(self, conn: socket.socket, rest: bytes, hello: dict, err_fd: int) -> None:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        self.selector.close()
        self.listener.close()
        self.wake_r.close()
        self.wake_w.close()
        for other, _ in self.children.values():
            other.close()
        os.dup2(err_fd, 2)
        os.dup2(err_fd, 1)  # stray prints go to stderr, never into the protocol (as server.py does)
        os.close(err_fd)
        # The caller's environment and folder, as a cold engine started by it would have them
        # (object-store credentials come from the environment; relative paths from the folder).
        os.environ.clear()
        os.environ.update(hello["env"])
        os.chdir(hello["cwd"])
        conn.settimeout(None)
        # Line-buffered by hand: a socket's makefile("w") never flushes on a newline by itself.
        server.speak_on(io.TextIOWrapper(conn.makefile("wb"), encoding="utf-8", line_buffering=True, write_through=True))
        server.serve(lines_of(conn, rest), hello["lanes"], time.monotonic(), warm=True)

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn, err_path = self.children.pop(pid)
            code = os.waitstatus_to_exitcode(status)
            ended = {
                "code": code if code >= 0 else None,
                "signal": signal.Signals(-code).name if code < 0 else None,
                "stderr_tail": read_tail(err_path),
            }
            reply_and_close(conn, {"exited": ended})
            self.last_busy = time.monotonic()


# --- small helpers ------------------------------------------------------------------------------


def check_private_folder(folder: str) -> None:
    """Refuse a socket folder another user could reach (or own): they could connect, or plant one."""
    st = os.stat(folder)
    if st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise SystemExit(
            f"The warm engine's folder {folder!r} must belong to you and be closed to others (mode 700); "
            f"it is owned by uid {st.st_uid} with mode {oct(st.st_mode & 0o777)}."
        )


def same_user(conn: socket.socket) -> bool:
    if not hasattr(socket, "SO_PEERCRED"):
        return True  # elsewhere the folder's mode is the guard
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def read_first_line(conn: socket.socket) -> tuple[bytes, bytes]:
    """The first line, and whatever came after it (the child reads on from there)."""
    buf = b""
    while b"\n" not in buf:
        chunk = conn.recv(65536)
        if not chunk:
            raise ValueError("the connection closed before its first line")
        buf += chunk
        if len(buf) > MAX_HELLO_BYTES:
            raise ValueError(f"the first line is over {MAX_HELLO_BYTES} bytes")
    first, _, rest = buf.partition(b"\n")
    return first, rest


def parse_request(line: bytes) -> dict:
    """One of {"hello": {...}}, {"status": true}, {"stop": true}; anything else is refused by name."""
    try:
        msg = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"the first line is not JSON: {exc}") from exc
    if not isinstance(msg, dict) or len(msg) != 1:
        raise ValueError('the first line must be one of {"hello": {...}}, {"status": true}, {"stop": true}')
    if msg.get("status") is True or msg.get("stop") is True:
        return msg
    hello = msg.get("hello")
    if not isinstance(hello, dict):
        raise ValueError('the first line must be one of {"hello": {...}}, {"status": true}, {"stop": true}')
    lanes, env, cwd = hello.get("lanes"), hello.get("env"), hello.get("cwd")
    if not isinstance(lanes, int) or isinstance(lanes, bool) or not 1 <= lanes <= MAX_LANES:
        raise ValueError(f"hello.lanes {lanes!r}: give a whole number from 1 to {MAX_LANES}")
    if not isinstance(env, dict) or not all(is_env_text(k) and is_env_text(v) for k, v in env.items()):
        raise ValueError("hello.env: give an object of text values (the caller's environment)")
    if not isinstance(cwd, str) or not os.path.isabs(cwd) or not os.path.isdir(cwd):
        raise ValueError(f"hello.cwd {cwd!r}: give the absolute path of an existing folder")
    return msg


def is_env_text(value) -> bool:
    return isinstance(value, str) and "\0" not in value


def lines_of(conn: socket.socket, rest: bytes):
    """The connection's lines as text, starting with what was read past the first line."""
    reader = conn.makefile("rb")
    pending = rest
    while True:
        while b"\n" in pending:
            line, _, pending = pending.partition(b"\n")
            yield line.decode("utf-8", errors="replace")
        chunk = reader.read1(65536)
        if not chunk:
            if pending:
                yield pending.decode("utf-8", errors="replace")
            return
        pending += chunk


def reply_and_close(conn: socket.socket, message: dict) -> None:
    try:
        conn.settimeout(HELLO_TIMEOUT_S)
        conn.sendall((json.dumps(message, default=str) + "\n").encode())
    except OSError:
        pass  # the caller is gone: nobody to tell
    finally:
        conn.close()


def make_stderr_file(folder: str) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(prefix="child-", suffix=".stderr", dir=folder)


def read_tail(path: str) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - STDERR_TAIL_BYTES))
            return f.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def write_atomically(path: str, value: dict) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def remove_if_ours(path: str, info_path: str) -> None:
    """Remove the socket or info file unless a newer warm engine has taken the folder meanwhile."""
    try:
        with open(info_path, encoding="utf-8") as f:
            if json.load(f).get("pid") != os.getpid():
                return
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError):
        os.unlink(path)


def option(args: list[str], name: str) -> str | None:
    if name in args:
        i = args.index(name)
        if i + 1 < len(args):
            return args[i + 1]
    return None


def serve_warm(args: list[str], started: float) -> None:
    # pylance warns on every fork: a Lance runtime (its threads, its locks) does not survive one.
    # This process never opens a dataset, so it holds no runtime to copy; each child starts its own.
    warnings.filterwarnings("ignore", message="lance is not fork-safe")
    socket_path = option(args, "--warm-socket")
    idle = float(option(args, "--idle-timeout") or 900)
    engine = WarmEngine(socket_path, idle, option(args, "--fingerprint") or "", started)
    engine.listen()
    # It may run for hours: it holds no folder of the starter's (each child moves to its caller's).
    os.chdir("/")
    server.send({"ready": True, "warm": True, "pid": os.getpid(), "startup_s": time.monotonic() - started})
    # The starter stops reading once it has the ready line: nothing more goes to it.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    with open(os.devnull, "w") as nowhere:
        server.speak_on(nowhere)
        engine.run()
