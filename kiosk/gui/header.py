"""The bar across the top: the title and the patient's controls (text size, contrast,
language, Listen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QWidget

from kiosk.gui.access import announce, set_role
from kiosk.gui.i18n import language_name, tr
from kiosk.gui.plainlabel import PlainLabel
from kiosk.gui.statemodel import StateModel
from kiosk.textsizes import TEXT_SIZES


def _button(name: str) -> QPushButton:
    button = QPushButton(objectName=name)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class Header(QFrame):
    """Title and controls. It only shows the state model's state and forwards taps.

    A toggle forwards the patient's wish, then shows the state again: its checked state is
    always the kiosk's, whatever toggled it (a tap, a key, an accessibility action).

    Signals:
        smaller(), larger(): the patient wants smaller or larger text.
        contrastToggled(bool): high contrast on or off.
        languageChosen(str): a language code.
        listenClicked(): read the page aloud, or pause.
    """

    smaller = Signal()
    larger = Signal()
    contrastToggled = Signal(bool)
    languageChosen = Signal(str)
    listenClicked = Signal()

    def __init__(self, languages: list[str], state: StateModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._listening = False
        self._voice = True  # False once speech proved not to reach an audio device
        self.setObjectName("header")
        self.title = PlainLabel(objectName="appTitle")
        self.smaller_button = _button("headerButton")
        self.larger_button = _button("headerButton")
        self.contrast_button = _button("headerToggle")
        self.contrast_button.setCheckable(True)
        set_role(self.contrast_button, "toggle")
        self.listen_button = _button("headerToggle")
        self.listen_button.setCheckable(True)
        # Its name says what a press does ("Listen to this page", "Pause reading aloud").
        set_role(self.listen_button, "button")
        self.language_buttons: dict[str, QPushButton] = {}
        # One exclusive group: pressing the language in use never leaves none chosen.
        self._language_group = QButtonGroup(self)
        self._language_group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title, 1)
        for button in (self.smaller_button, self.larger_button, self.contrast_button):
            layout.addWidget(button)
        for lang in languages if len(languages) > 1 else []:
            button = _button("headerToggle")
            button.setCheckable(True)
            button.setText(language_name(lang))
            set_role(button, "radio")
            self._language_group.addButton(button)
            # Only the one turned on speaks: the exclusive group turns the other off.
            button.toggled.connect(
                lambda on, code=lang: on and self._forward(self.languageChosen, code))
            self.language_buttons[lang] = button
            layout.addWidget(button)
        layout.addWidget(self.listen_button)
        self.smaller_button.clicked.connect(lambda: self._size_step(self.smaller))
        self.larger_button.clicked.connect(lambda: self._size_step(self.larger))
        self.contrast_button.toggled.connect(
            lambda on: self._forward(self.contrastToggled, on))
        self.listen_button.toggled.connect(lambda _on: self._forward(self.listenClicked))
        for signal in (state.textSizeChanged, state.contrastChanged, state.languageChanged):
            signal.connect(lambda _value: self.show_state())
        self.retranslate()
        self.show_state()

    def _forward(self, signal, *args) -> None:
        signal.emit(*args)
        self.show_state()

    def show_controls(self, visible: bool) -> None:
        """Show or hide the patient's controls (presentation mode hides them)."""
        for button in (self.smaller_button, self.larger_button, self.contrast_button,
                       self.listen_button, *self.language_buttons.values()):
            button.setVisible(visible)

    def retranslate(self) -> None:
        """Set every text and accessible name in the current interface language."""
        self.title.setText(tr("Stem cell therapy for hair loss"))
        self.smaller_button.setText("A-")
        self.smaller_button.setAccessibleName(tr("Smaller text"))
        self.larger_button.setText("A+")
        self.larger_button.setAccessibleName(tr("Larger text"))
        self.contrast_button.setText(tr("High contrast"))
        self.contrast_button.setAccessibleName(tr("High contrast"))
        self.contrast_button.setAccessibleDescription(
            tr("White and yellow text on black, for easier reading"))
        for lang, button in self.language_buttons.items():
            button.setAccessibleName(language_name(lang))
            button.setAccessibleDescription(tr("Show the pages in this language"))
        self.set_listening(self._listening, self._voice)

    def show_state(self) -> None:
        """Show which text size, contrast and language are in use, and whether Listen reads."""
        state = self._state
        # A button that becomes disabled with the focus on it would pass the focus, and the
        # next Space, to High contrast: the focus moves to the other size button first.
        for button, enabled, other in (
                (self.smaller_button, state.text_size > 0, self.larger_button),
                (self.larger_button, state.text_size < state.size_count - 1,
                 self.smaller_button)):
            if not enabled and button.hasFocus() and other.isVisible():
                other.setFocus(Qt.FocusReason.OtherFocusReason)
            button.setEnabled(enabled)
        checks = [(self.contrast_button, state.contrast), (self.listen_button, self._listening)]
        checks += [(button, code == state.lang) for code, button in self.language_buttons.items()]
        for button, checked in checks:
            # Quietly: showing the state is not the patient toggling it.
            button.blockSignals(True)
            button.setChecked(checked)
            button.blockSignals(False)

    def _size_step(self, signal) -> None:
        signal.emit()
        # The window has restyled by now: say the size reached.
        announce(self, tr("Text size {percent} percent").format(
            percent=TEXT_SIZES[min(self._state.text_size, len(TEXT_SIZES) - 1)]))

    def set_listening(self, listening: bool, available: bool = True) -> None:
        """Show whether the page is being read aloud, and whether it can be."""
        self._listening, self._voice = listening, available
        self.listen_button.blockSignals(True)
        self.listen_button.setChecked(listening)
        self.listen_button.blockSignals(False)
        text = tr("Pause") if listening else tr("Listen")
        self.listen_button.setText(text)
        self.listen_button.setAccessibleName(tr("Pause reading aloud") if listening
                                             else tr("Listen to this page"))
        if not available:
            self.listen_button.setText(tr("Sound not available"))
            self.listen_button.setAccessibleDescription(
                tr("Reading aloud is not available on this kiosk"))
