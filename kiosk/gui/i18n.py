"""Interface text in the patient's language, with Qt's own translation files (.ts -> .qm)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kiosk.resources import I18N

log = logging.getLogger("kiosk")
CONTEXT = "kiosk"


def tr(text: str) -> str:
    """``text`` in the current interface language (English is the source language)."""
    return QCoreApplication.translate(CONTEXT, text)


def language_name(lang: str) -> str:
    """The language's name in that language ("English", "Español"), never a flag."""
    from kiosk.language import has_file, language

    # Its own file names it (assets/i18n/<lang>.toml); else Qt's locale data does.
    name = (language(lang).name if has_file(lang) else QLocale(lang).nativeLanguageName()
            or lang)
    return name[:1].upper() + name[1:]


def locale(lang: str) -> QLocale:
    """The locale for dates and numbers in ``lang``."""
    return QLocale(lang)


_installed: QTranslator | None = None


def use_language(lang: str) -> bool:
    """Switch the whole application's interface to ``lang``.

    One translator for the application at a time; False (and English) when ``lang`` has
    no compiled translation file.
    """
    global _installed
    app = QCoreApplication.instance()
    # The application's locale is what Qt reports to a screen reader as its language
    # (AT-SPI GetLocale): with it Orca reads Spanish with a Spanish voice, not as "C".
    QLocale.setDefault(QLocale(lang))
    # Widgets keep the locale they were made with; each object's locale (AT-SPI "Locale") is
    # what a screen reader that switches voices per object reads.
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication):
        for window in app.topLevelWidgets():
            window.setLocale(QLocale(lang))
    if _installed is not None:
        app.removeTranslator(_installed)
        # It is the application's child: without this, every switch keeps one more.
        _installed.deleteLater()
        _installed = None
    if lang == "en":
        return True
    path = I18N / f"kiosk_{lang}.qm"
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning("no interface translation for %r (%s is missing; run make setup)",
                    lang, path)
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
