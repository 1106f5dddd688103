"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on Python 3.11 drops a reference to True on every QThread.wait() that
returns True and on queued signal deliveries, which later aborts the interpreter
("bool_dealloc"). pyproject.toml excludes it; this test fails if such a build comes back."""

import sys

from PySide6.QtCore import QThread, Signal


class _Emitter(QThread):
    value = Signal(object)

    def run(self):
        for i in range(50):
            self.value.emit(i)


def test_qthread_wait_and_signals_keep_bool_refcounts(qtbot):
    if sys.version_info >= (3, 12):
        return  # True is immortal there: its refcount is not tracked
    got = []
    before = sys.getrefcount(True)
    t = _Emitter()
    t.value.connect(got.append)
    t.start()
    for _ in range(100):
        t.wait(1)
    qtbot.waitUntil(lambda: len(got) == 50, timeout=5000)
    assert sys.getrefcount(True) >= before - 5
