"""Every connection between the kiosk window's parts, made here and only here.

:func:`wire` is called once, when every part of a :class:`~kiosk.gui.mainwindow.MainWindow`
is made: who signals whom reads top to bottom (the input router to the state model and the
visit; the state model to the window, the welcome screen and the visit; the deck, header,
popups and staff parts to the state model and the visit). The accessibility parts are wired
after this, by :mod:`kiosk.gui.accesswiring`.
"""

from __future__ import annotations

from functools import partial

from kiosk.gui.overlay import Overlay


def wire(window) -> None:
    """Connect the parts of ``window`` (a MainWindow whose parts are all made)."""
    state, deck, visit, router = window.state, window.deck, window.visit, window.router
    router.swiped.connect(state.step)
    router.activity.connect(visit.activity)
    router.staffGesture.connect(visit.staff_gesture)
    if window.lockdown is not None:
        router.deactivated.connect(window.lockdown.raise_soon)
    state.languageChanged.connect(lambda _lang: window.retranslate())
    state.languageChanged.connect(window.attract.set_language)
    state.currentChanged.connect(lambda _index: window.show_title())
    state.screenChanged.connect(lambda _screen: visit.show_screen())
    state.screenChanged.connect(lambda _screen: window.show_title())
    deck.pagesReloaded.connect(window.pages_reloaded)
    deck.nextRequested.connect(state.next)
    deck.termOpened.connect(window.glossary_popup.show_entry)
    deck.takeHomeRequested.connect(window.take_home.show_page)
    deck.linkQrRequested.connect(window.take_home.show_link)
    deck.quizRequested.connect(lambda: window.quiz.open_quiz(
        window.settings.content, state.lang, {p.slug: p.title for p in deck.pages}))
    window.quiz.pageRequested.connect(deck.show_page)
    window.attract.started.connect(visit.start_reading)
    window.attract.languageChosen.connect(state.choose_language)
    window.header.languageChosen.connect(state.choose_language)
    window.header.smaller.connect(state.smaller)
    window.header.larger.connect(state.larger)
    window.header.contrastToggled.connect(state.choose_contrast)
    window.idle.idle.connect(visit.ask_if_still_there)
    window.countdown.kept.connect(window.idle.start)
    window.countdown.expired.connect(lambda: visit.reset("idle"))
    window.pin_pad.accepted.connect(visit.open_staff_menu)
    window.pin_pad.cancelled.connect(window.idle.start)
    window.staff_menu.closed.connect(window.idle.start)
    window.staff_menu.reloadRequested.connect(visit.staff_reload)
    window.staff_menu.exitRequested.connect(window.exitRequested)
    window.staff_menu.usbRequested.connect(window.bundle_picker.open_picker)
    window.bundle_picker.installed.connect(
        lambda _version: deck.follow_content_link(window.settings.lang))
    window.bundle_picker.closed.connect(visit.open_staff_menu)
    window.glossary_popup.listenRequested.connect(window.listen.say)
    window.glossary_popup.closed.connect(window.speaker.stop)
    for overlay in window.findChildren(Overlay):
        overlay.visibilityChanged.connect(partial(state.overlay_visible, overlay.objectName()))
        state.resetting.connect(overlay.hide)
    if window.preview is not None:
        window.preview.pageSaved.connect(deck.replace_page)
        window.preview.pageSaved.connect(lambda _page: window.banner.update_text())
        window.preview.pagesAddedOrRemoved.connect(deck.reload_or_keep)
        window.preview.reportReady.connect(window.banner.show_report)
