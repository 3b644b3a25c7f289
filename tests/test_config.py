"""The config file: found in the right place, every mistake reported exactly, options win."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from kiosk.config import ConfigError, build_settings, find_config, read_config
from kiosk.pin import check_pin, hash_pin, is_pin_hash


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(("text", "message"), [
    ('idle_timeout = "ten"',
     'idle_timeout: expected a whole number of seconds from 0 to 86400 (1 day), got "ten"'),
    ("idle_timeout = -3",
     "idle_timeout: expected a whole number of seconds from 0 to 86400 (1 day), got -3"),
    ("countdown = 2", "countdown: expected a whole number of seconds from 5 to 3600 (1 hour), "
                      "20 or more is best, got 2"),
    ('mode = "fullscreen"', 'mode: expected one of kiosk, windowed, present, got "fullscreen"'),
    ('hide_cursor = "yes"', 'hide_cursor: expected true or false, got "yes"'),
    ('pin_hash = "1234"',
     "pin_hash: expected a hash made by 'kiosk hash-pin' (pbkdf2_sha256$...), got a plain PIN"),
    ("idle_timout = 5", "idle_timout: unknown key (did you mean 'idle_timeout'?); known keys: "),
    ("lang = 7", 'lang: expected a language code such as "en", got 7'),
])
def test_each_mistake_names_file_key_expected_and_found(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        read_config(path)
    assert len(error.value.problems) == 1
    assert error.value.problems[0].startswith(f"{path}: {message}")


def test_all_mistakes_are_reported_at_once(tmp_path):
    path = write(tmp_path, 'idle_timeout = "x"\nhide_cursor = 1\nbogus = 2\n')
    with pytest.raises(ConfigError) as error:
        read_config(path)
    assert [p.split(": ")[1] for p in error.value.problems] == ["idle_timeout", "hide_cursor",
                                                                 "bogus"]


def test_broken_toml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match=r"kiosk.toml: not valid TOML: "):
        read_config(write(tmp_path, "idle_timeout = "))
    with pytest.raises(ConfigError, match="config file not found"):
        read_config(tmp_path / "none.toml")


def test_options_win_over_the_file_and_relative_content_is_beside_it(tmp_path):
    path = write(tmp_path, 'idle_timeout = 30\ncontent = "pages"\nlang = "es"\n')
    settings = build_settings(path, {"idle_timeout": 60, "lang": None})
    assert settings.idle_timeout == 60
    assert settings.lang == "es"
    assert settings.content == tmp_path / "pages"
    assert settings.config_file == path


def test_config_is_found_here_before_the_user_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    cwd = tmp_path / "here"
    cwd.mkdir()
    assert find_config(None, cwd=cwd) is None
    user = home / ".config" / "hair-kiosk" / "kiosk.toml"
    user.parent.mkdir(parents=True)
    user.write_text("")
    assert find_config(None, cwd=cwd) == user
    here = write(cwd, "")
    assert find_config(None, cwd=cwd) == here
    assert find_config(tmp_path / "x.toml", cwd=cwd) == tmp_path / "x.toml"


def test_shipped_example_is_written_from_the_table_and_loads_to_the_defaults():
    from kiosk.config import Settings
    from kiosk.configtable import TABLE, example_text

    example = ROOT / "kiosk.example.toml"
    assert example.read_text() == example_text(), \
        "kiosk.example.toml is out of date: run  python -m kiosk.configtable"
    values = read_config(example)
    defaults = Settings()
    for setting in TABLE:
        assert f"{setting.key} =" in example.read_text(), setting.key
        if setting.in_example:
            assert values[setting.key] == getattr(defaults, setting.key), setting.key
    # Unset, content is the pages that come with the kiosk (checkout or installed wheel).
    assert "content" not in values
    from kiosk.resources import CONTENT

    assert defaults.content == CONTENT


def test_bad_config_file_exits_2_with_every_problem(tmp_path):
    path = write(tmp_path, 'idle_timeout = "ten"\nmode = "x"\n')
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--config", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f'kiosk: error: {path}: idle_timeout: expected a whole number of seconds from 0 to '
        '86400 (1 day), got "ten"',
        f'kiosk: error: {path}: mode: expected one of kiosk, windowed, present, got "x"',
    ]


def test_pin_hash_round_trip_and_no_plain_pin():
    stored = hash_pin("2468", iterations=1000)
    assert is_pin_hash(stored) and "2468" not in stored
    assert check_pin("2468", stored)
    assert not check_pin("2469", stored)
    assert not check_pin("", stored) and not check_pin("2468", "") and not check_pin("abcd", stored)
    with pytest.raises(ValueError):
        hash_pin("12")


def test_hash_pin_command_prints_a_config_line_that_loads(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "hash-pin"], input="8642\n",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith('pin_hash = "pbkdf2_sha256$') and "8642" not in line
    settings = read_config(write(tmp_path, line))
    assert check_pin("8642", settings["pin_hash"])
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "hash-pin"], input="12\n",
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr == "kiosk hash-pin: error: a PIN is 4 to 12 digits\n"
