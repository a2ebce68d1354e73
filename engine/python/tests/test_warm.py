"""The warm engine (lance_engine/warm.py), run as the app runs it: a real process on a real socket,
forking real engines that open real datasets."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ENGINE_SCRIPT = Path(__file__).resolve().parents[1] / "run_engine.py"


class Warm:
    def __init__(self, folder: Path, idle_s: float = 120) -> None:
        self.folder = folder
        self.socket = str(folder / "engine.sock")
        args = [sys.executable, "-E", "-u", "-B", str(ENGINE_SCRIPT), "--warm-socket", self.socket]
        args += ["--idle-timeout", str(idle_s), "--fingerprint", "test"]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.ready = json.loads(line) if line else None

    def connect(self, first_line: str) -> tuple[socket.socket, object]:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(60)
        conn.connect(self.socket)
        conn.sendall((first_line + "\n").encode())
        return conn, conn.makefile("r", encoding="utf-8")

    def child(self, cwd: str | None = None, lanes: int = 1):
        hello = {"hello": {"lanes": lanes, "env": dict(os.environ), "cwd": cwd or os.getcwd()}}
        conn, lines = self.connect(json.dumps(hello))
        return conn, lines, json.loads(lines.readline())

    def ask(self, request: dict) -> dict:
        conn, lines = self.connect(json.dumps(request))
        with conn:
            return json.loads(lines.readline())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.fixture
def warm(tmp_path: Path):
    folder = tmp_path / "w"
    folder.mkdir(mode=0o700)
    engine = Warm(folder)
    assert engine.ready and engine.ready["warm"] is True, engine.proc.stderr.read()
    yield engine
    engine.stop()


def call(conn: socket.socket, lines, method: str, params: dict, call_id: int = 1) -> dict:
    conn.sendall((json.dumps({"id": call_id, "method": method, "params": params}) + "\n").encode())
    while True:
        message = json.loads(lines.readline())
        if message.get("id") == call_id and "ok" in message:
            return message


def test_each_caller_gets_a_forked_engine_of_its_own(warm: Warm):
    a, a_lines, a_ready = warm.child(lanes=2)
    b, b_lines, b_ready = warm.child()
    assert a_ready["ready"] is True and a_ready["warm"] is True
    assert a_ready["lanes"] == 2 and b_ready["lanes"] == 1
    assert len({a_ready["pid"], b_ready["pid"], warm.ready["pid"]}) == 3
    assert call(a, a_lines, "ping", {})["result"]["pid"] == a_ready["pid"]
    assert call(b, b_lines, "ping", {})["result"]["pid"] == b_ready["pid"]
    # Closing its input ends a child, and the warm engine says how it ended.
    a.shutdown(socket.SHUT_WR)
    assert json.loads(a_lines.readline()) == {"exited": {"code": 0, "signal": None, "stderr_tail": ""}}
    assert a_lines.readline() == ""  # then the connection ends
    b.close()


def test_a_child_opens_datasets_from_the_callers_folder(warm: Warm, dataset: str):
    conn, lines, _ = warm.child(cwd=str(Path(dataset).parent))
    with conn:
        reply = call(conn, lines, "describe", {"target": {"uri": Path(dataset).name}})
    assert reply["ok"] is True, reply
    assert sum(f["rows"] for f in reply["result"]["fragments"]) == 400


def test_a_killed_child_is_reported_with_its_signal(warm: Warm):
    conn, lines, ready = warm.child()
    with conn:
        os.kill(ready["pid"], signal.SIGKILL)
        ended = json.loads(lines.readline())["exited"]
    assert ended["signal"] == "SIGKILL" and ended["code"] is None


def test_a_bad_first_line_is_refused_by_name_and_the_engine_serves_on(warm: Warm):
    conn, lines = warm.connect("nonsense")
    with conn:
        assert "not JSON" in json.loads(lines.readline())["protocol_error"]
    bad_lanes = {"hello": {"lanes": 0, "env": {}, "cwd": "/"}}
    assert "hello.lanes 0" in warm.ask(bad_lanes)["protocol_error"]
    bad_cwd = {"hello": {"lanes": 1, "env": {}, "cwd": "relative/folder"}}
    assert "hello.cwd 'relative/folder'" in warm.ask(bad_cwd)["protocol_error"]
    assert "one of" in warm.ask({"hello": 1})["protocol_error"]
    conn, _, ready = warm.child()
    conn.close()
    assert ready["ready"] is True


def test_status_then_stop_gives_up_the_socket_and_exits(warm: Warm):
    conn, lines, ready = warm.child()
    status = warm.ask({"status": True})["status"]
    assert status["pid"] == warm.ready["pid"] and status["children"] == [ready["pid"]]
    stopping = warm.ask({"stop": True})
    assert stopping == {"stopping": True, "pid": warm.ready["pid"], "children": 1}
    assert not (warm.folder / "engine.sock").exists() and not (warm.folder / "engine.json").exists()
    # Its running child finishes first: the warm engine exits after it.
    assert warm.proc.poll() is None
    conn.shutdown(socket.SHUT_WR)
    assert json.loads(lines.readline())["exited"]["code"] == 0
    assert warm.proc.wait(timeout=30) == 0


def test_an_idle_warm_engine_stops_by_itself(tmp_path: Path):
    folder = tmp_path / "w"
    folder.mkdir(mode=0o700)
    engine = Warm(folder, idle_s=0.2)
    assert engine.ready is not None
    assert engine.proc.wait(timeout=60) == 0
    assert not (folder / "engine.sock").exists()


def test_a_folder_open_to_others_is_refused(tmp_path: Path):
    folder = tmp_path / "w"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    engine = Warm(folder)
    assert engine.ready is None
    assert engine.proc.wait(timeout=60) != 0
    assert "must belong to you and be closed to others" in engine.proc.stderr.read()
    assert not (folder / "engine.sock").exists()
