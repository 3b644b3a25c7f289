"""The kiosk's own voice ("audio guide") for a blind patient at a touch kiosk with a keypad.

Orca has no touch support on Linux, so a touch-only kiosk gives a blind patient no way in. Public
kiosks (EZ Access, the ADA kiosk rules) add a keypad and the kiosk's own speech; this is that.

- On: the config's ``audio_guide``, or any key pressed on the welcome screen while no screen
  reader runs (a screen reader already speaks; two voices at once help nobody).
- It says where the focus is (name, kind, state), every announcement (page changes, the text
  size, links, the countdown as it runs out) and each popup as it takes the focus.
- On the page: Down and Up read the next and previous paragraph, N and P jump to the next and
  previous heading; H (or ?) explains the keys.
- Each language is spoken with its own voice (espeak-ng's voice for the kiosk's language),
  through the same offline path as Listen (kiosk.gui.speech.Speaker).
- A touch still does what a touch does, and the guide stays on: a companion may tap for the
  patient, and a tap that changes something is announced like a key would be.
- It ends at the idle reset (the next patient starts without it), unless the config keeps it on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QKeyEvent, QTextBlock
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from kiosk.gui import access
from kiosk.gui.i18n import tr
from kiosk.gui.speech import Speaker

_NEXT, _PREVIOUS = (Qt.Key.Key_Down,), (Qt.Key.Key_Up,)
_NEXT_HEADING, _PREVIOUS_HEADING = (Qt.Key.Key_N,), (Qt.Key.Key_P,)
_HELP = (Qt.Key.Key_H, Qt.Key.Key_Question)


def describe(widget: QWidget) -> str:
    """What the guide says when the focus lands on ``widget``: name, kind and state."""
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return ""
    name = face.text(QAccessible.Text.Name) or ""
    role, state = face.role(), face.state()
    if isinstance(widget, QTextBrowser):
        return tr("{name}, page text. Down arrow reads on.").format(name=name)
    if role == QAccessible.Role.RadioButton:
        kind = tr("chosen") if state.checked else tr("choice")
    elif role == QAccessible.Role.Button and state.checkable:
        kind = tr("switch, on") if state.checked else tr("switch, off")
    elif role in (QAccessible.Role.Dialog, QAccessible.Role.AlertMessage):
        return name
    elif role == QAccessible.Role.PageTab:
        kind = tr("page tab")
    else:
        kind = tr("button")
    if not widget.isEnabled():
        kind = tr("{kind}, not available").format(kind=kind)
    return f"{name}, {kind}"


class AudioGuide(QObject):
    """Speaks for a patient who cannot see the screen; an application-wide key filter."""

    def __init__(self, speaker: Speaker, lang: Callable[[], str],
                 on_welcome: Callable[[], bool], always: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self._lang = lang
        self._on_welcome = on_welcome
        self._always = always
        self.on = always
        self._pending: list[str] = []
        self._focus_text: str | None = None
        #: The paragraph being read (a block of the page's document), per page text.
        self._block: dict[int, int] = {}
        QApplication.instance().focusChanged.connect(self._focus_changed)
        say = self.say
        access.listeners.append(say)
        self.destroyed.connect(lambda *_: access.listeners.remove(say))

    def say(self, text: str) -> None:
        """Speak ``text`` in the kiosk's language, cutting off what was being said before.

        What is said during one turn of the event loop (the focus lands on a new page and the
        page is announced) is spoken together, in order.
        """
        self._queue(text, focus=False)

    def _queue(self, text: str, focus: bool) -> None:
        if not self.on or not text:
            return
        # Headings keep their last words together with no-break spaces: a voice needs none.
        text = text.replace("\xa0", " ")
        if not self._pending and self._focus_text is None:
            QTimer.singleShot(0, self, self._flush)
        if focus:
            # Only where the focus ends up: Qt passes it through a control or two on the way.
            self._focus_text = text
        else:
            self._pending.append(text)

    def _flush(self) -> None:
        texts = ([self._focus_text] if self._focus_text else []) + self._pending
        self._pending, self._focus_text = [], None
        if self.on and texts:
            self.speaker.speak(texts, self._lang())

    def turn_on(self) -> None:
        """Start guiding (a key on the welcome screen, or the config)."""
        if not self.on:
            self.on = True
            self.say(tr("Audio guide on. Press H for help."))
            focus = QApplication.focusWidget()
            if focus is not None:
                self.say(describe(focus))

    def reset(self) -> None:
        """The idle reset: the next patient finds the kiosk as the config sets it."""
        self.speaker.stop()
        self._pending, self._focus_text = [], None
        self.on = self._always
        self._block.clear()

    def help_text(self) -> str:
        """What the help key says."""
        return tr("Tab moves to the next control, Shift and Tab to the one before. Enter or "
                  "Space presses it. On the page, Down arrow reads the next paragraph and Up "
                  "the one before; N and P go to the next and previous heading. Escape closes "
                  "a popup.")

    def on_key(self, event: QKeyEvent) -> bool:
        """Act on a key press (the input router's first stage); True when the guide took it."""
        if not self.on:
            if self._on_welcome() and not access.screen_reader_running():
                self.turn_on()
            return False  # the key still does its own job (Enter starts)
        key = event.key()
        if key in _HELP:
            self.say(self.help_text())
            return True
        text = QApplication.focusWidget()
        if isinstance(text, QTextBrowser) and key in (*_NEXT, *_PREVIOUS, *_NEXT_HEADING,
                                                      *_PREVIOUS_HEADING):
            self._read(text, forward=key in (*_NEXT, *_NEXT_HEADING),
                       headings=key in (*_NEXT_HEADING, *_PREVIOUS_HEADING))
            return True
        return False

    def _read(self, text: QTextBrowser, forward: bool, headings: bool) -> None:
        document = text.document()
        index = self._block.get(id(text), -1)
        count = document.blockCount()
        step = 1 if forward else -1
        index += step
        while 0 <= index < count:
            block: QTextBlock = document.findBlockByNumber(index)
            is_heading = block.blockFormat().headingLevel() > 0
            if block.text().strip() and (is_heading or not headings):
                self._block[id(text)] = index
                words = block.text().strip()
                if is_heading:
                    words = tr("Heading: {text}").format(text=words)
                self.say(words)
                return
            index += step
        self.say(tr("End of the page.") if forward else tr("Start of the page."))

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.on and new is not None:
            if isinstance(new, QTextBrowser):
                self._block[id(new)] = -1
            self._queue(describe(new), focus=True)
