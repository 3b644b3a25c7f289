"""Read a page aloud, offline, one sentence at a time, with espeak-ng."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Signal
from shiboken6 import isValid

from kiosk.speechcheck import pace_of, speech_failure

log = logging.getLogger("kiosk")

IDLE, SPEAKING, PAUSED = "idle", "speaking", "paused"


class Speaker(QObject):
    """Speaks a list of sentences in order; pausing stops mid-page and resuming goes on.

    One espeak-ng process per sentence, so the page can show which sentence is being
    read and a pause takes effect at once. The voice, speed and output come from the
    ``command`` (the config's ``speech_command``).

    A sentence that did not reach an audio device (see ``kiosk.speechcheck``) stops the
    reading, logs a warning for the staff panel, and the voice counts as unavailable from
    then on, so the Listen button says so instead of racing through the page in silence.

    Signals:
        stateChanged(str): "idle", "speaking" or "paused".
        sentenceStarted(int): the sentence at this index is being read now.
        failed(str): speech does not work here; the reason, for the staff.
    """

    stateChanged = Signal(str)
    sentenceStarted = Signal(int)
    failed = Signal(str)

    def __init__(self, command: tuple[str, ...] = ("espeak-ng",),
                 parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._command = list(command)
        self._program = shutil.which(self._command[0]) if self._command else None
        self._pace = pace_of(self._command)
        #: Seconds, for timing each sentence; tests give their own.
        self.clock = clock
        self._started = 0.0
        self._sentences: list[str] = []
        self._index = 0
        self._lang = "en"
        self._state = IDLE
        self._process: QProcess | None = None
        # The voice ends with the kiosk: a process left running would be killed by Qt's
        # destructor, which reports its end to a Speaker already half gone.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def available(self) -> bool:
        """False when no voice is installed (the Listen button then says so)."""
        return self._program is not None

    @property
    def state(self) -> str:
        """"idle", "speaking" or "paused"."""
        return self._state

    def speak(self, sentences: list[str], lang: str) -> None:
        """Start reading ``sentences`` from the first one."""
        self.stop()
        if not self.available or not sentences:
            return
        self._sentences, self._lang, self._index = sentences, lang, 0
        self._set_state(SPEAKING)
        self._next()

    def toggle(self) -> None:
        """Pause when speaking; go on where it stopped when paused."""
        if self._state == SPEAKING:
            self._kill()
            self._set_state(PAUSED)
        elif self._state == PAUSED:
            self._set_state(SPEAKING)
            self._next()

    def stop(self) -> None:
        """Stop and forget the page (a page change, a reset or a new language)."""
        self._kill()
        self._sentences = []
        self._set_state(IDLE)

    def _next(self) -> None:
        if self._state != SPEAKING:
            return
        if self._index >= len(self._sentences):
            self.stop()
            return
        process = QProcess(self)
        process.setProgram(self._program)
        args = [*self._command[1:], "-v", self._lang, "--", self._sentences[self._index]]
        process.setArguments(args)
        process.finished.connect(lambda *_: self._done(process))
        process.errorOccurred.connect(lambda error: self._failed(process, error))
        self._process = process
        self.sentenceStarted.emit(self._index)
        self._started = self.clock()
        process.start()

    def _done(self, process: QProcess) -> None:
        if process is not self._process or not isValid(process):
            return
        self._process = None
        process.deleteLater()
        stderr = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        code = process.exitCode() if process.exitStatus() == QProcess.ExitStatus.NormalExit else -1
        reason = speech_failure(code, stderr, self.clock() - self._started,
                                self._sentences[self._index], self._pace)
        if reason:
            self._give_up(reason)
            return
        self._index += 1
        self._next()

    def _give_up(self, reason: str) -> None:
        log.warning("Listen is off: speech does not reach an audio device (%s)", reason)
        self._program = None
        self.stop()
        self.failed.emit(reason)

    def _failed(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if process is self._process and error == QProcess.ProcessError.FailedToStart:
            self._give_up(f"cannot start {self._program}: {process.errorString()}")

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.blockSignals(True)
            process.kill()
            process.waitForFinished(1000)
            process.deleteLater()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)
