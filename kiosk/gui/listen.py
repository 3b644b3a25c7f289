"""Listen: the page read aloud sentence by sentence, with the sentence being read marked."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from kiosk import readability
from kiosk.gui.deck import PageDeck
from kiosk.gui.header import Header
from kiosk.gui.pageview import PageView
from kiosk.gui.speech import IDLE, SPEAKING, Speaker
from kiosk.gui.statemodel import StateModel


class Listen(QObject):
    """Connects the header's Listen button, the speaker and the page on screen.

    Reading stops when the page, the language or the patient changes; the button's checked
    state is always the speaker's.

    Signals:
        started(): the patient asked for the page to be read aloud.
    """

    started = Signal()

    def __init__(self, speaker: Speaker, header: Header, deck: PageDeck,
                 state: StateModel) -> None:
        super().__init__(speaker)
        self._speaker, self._header, self._deck, self._state = speaker, header, deck, state
        self._sentences: list[tuple[int, int, str]] = []
        header.listenClicked.connect(self.listen)
        speaker.stateChanged.connect(self._on_speech_state)
        speaker.sentenceStarted.connect(self._on_sentence)
        for signal in (state.currentChanged, state.languageChanged, state.resetting,
                       deck.termOpened):
            signal.connect(lambda *_args: speaker.stop())
        self.show_state()

    def show_state(self) -> None:
        """Show on the button whether the page is being read."""
        self._header.set_listening(self._speaker.state == SPEAKING, self._speaker.available)

    def listen(self) -> None:
        """Read the current page aloud; tapping again pauses, and again goes on."""
        if not self._speaker.available:
            self._header.set_listening(False, available=False)
            return
        if self._speaker.state == IDLE:
            self.started.emit()
            self._sentences = sentences(self._deck.current_view)
            self._speaker.speak([text for _start, _end, text in self._sentences],
                                self._state.lang)
        else:
            self._speaker.toggle()

    def say(self, text: str) -> None:
        """Read one text aloud (a glossary meaning)."""
        self._speaker.speak([text], self._state.lang)

    def _on_speech_state(self, state: str) -> None:
        self._header.set_listening(state == SPEAKING, self._speaker.available)
        if state == IDLE:
            for view in self._deck.views.built():
                highlight(view, None)

    def _on_sentence(self, index: int) -> None:
        if 0 <= index < len(self._sentences):
            highlight(self._deck.current_view, self._sentences[index][:2])


def sentences(view: PageView) -> list[tuple[int, int, str]]:
    """The page's sentences as (start, end, text) positions in its document."""
    view.ensure_rendered()
    found = []
    block = view.text.document().begin()
    while block.isValid():
        text = block.text()
        # One sentence splitter for the whole kiosk (check, captions, glossary, Listen).
        for first, last in readability.sentence_spans(text):
            sentence = text[first:last]
            if any(c.isalnum() for c in sentence):
                found.append((block.position() + first, block.position() + last, sentence))
        block = block.next()
    return found


def highlight(view: PageView, span: tuple[int, int] | None) -> None:
    """Mark the sentence being read aloud (None clears it) and keep it in view."""
    if span is None:
        if view.rendered is not None:
            view.text.setExtraSelections([])
        return
    text = view.text
    cursor = QTextCursor(text.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(view.property("highlight") or "#ffe58a"))
    fmt.setForeground(QColor("#000000"))
    selection.format = fmt
    text.setExtraSelections([selection])
    centre = text.mapTo(view.widget(), text.cursorRect(cursor).center())
    view.ensureVisible(centre.x(), centre.y(), 0, view.viewport().height() // 3)
