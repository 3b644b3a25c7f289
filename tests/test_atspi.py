"""A screen reader's view (AT-SPI on Xvfb): every visible control has a name, tabs say which
page is selected, and pages expose their text. English and Spanish."""

import json
import os
import subprocess
import sys

import pytest
from atspibus import LAUNCHER, SYSTEM_PYTHON, missing
from conftest import ROOT

pytestmark = pytest.mark.xvfb

MISSING = missing()
if MISSING:
    pytest.skip(f"AT-SPI audit needs {MISSING} (make test installs it on Debian as root)",
                allow_module_level=True)

SCRIPT = """
# -displayfd: Xvfb picks a free display and says which once it accepts connections.
exec 3< <(Xvfb -displayfd 1 -screen 0 1920x1080x24 -noreset -nolisten tcp 2>/dev/null)
XVFB=$!
read -r N <&3 || exit 3
export DISPLAY=:$N
{launcher} --launch-immediately >/dev/null 2>&1 &
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 {python} {main} --no-attract --lang $LANG_ >/dev/null 2>&1 &
KIOSK=$!
{system_python} {audit} hair-kiosk
STATUS=$?
kill $KIOSK $XVFB
exit $STATUS
"""


def audit(lang: str) -> dict:
    script = SCRIPT.format(launcher=LAUNCHER, python=sys.executable, main=ROOT / "main.py",
                           system_python=SYSTEM_PYTHON,
                           audit=ROOT / "tests" / "helpers" / "atspi_audit.py")
    env = dict(os.environ, LANG_=lang)
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("lang", "first_tab"), [("en", "Overview"), ("es", "Resumen")])
def test_every_visible_control_is_named(lang, first_tab):
    report = audit(lang)
    assert report["unnamed"] == []
    assert len(report["controls"]) >= 12
    tabs = report["tabs"]
    assert len(tabs) == 6
    assert [t["name"] for t in tabs if t["selected"]] == [first_tab]
    assert any(len(label["text"]) > 200 for label in report["labels"]), "page text not exposed"


QUIZ_SCRIPT = SCRIPT.replace("{system_python} {audit} hair-kiosk",
                             '{system_python} {audit} hair-kiosk "$BUTTON_" "$RIGHT_"')


@pytest.mark.parametrize(("lang", "button"), [("en", "Check what you learned"),
                                              ("es", "Compruebe lo que aprendió")])
def test_a_patient_taps_check_what_you_learned_and_a_right_answer_on_real_x(lang, button):
    """Real X input (xdotool) on the real window, found as a screen reader finds it."""
    from kiosk.quiz import load_quiz

    first = load_quiz(ROOT / "content", lang).questions[0]
    script = QUIZ_SCRIPT.format(launcher=LAUNCHER, python=sys.executable,
                                main=ROOT / "main.py", system_python=SYSTEM_PYTHON,
                                audit=ROOT / "tests" / "helpers" / "atspi_quiz.py")
    env = dict(os.environ, LANG_=lang, BUTTON_=button, RIGHT_=first.right)
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert first.text in report["before"]
    feedback = {"en": "That's right.", "es": "Así es."}[lang]
    assert f"{feedback} {first.why}" in report["after"]
