"""The statistics keys of the config file: defaults, exact errors, a path beside the file."""

from pathlib import Path

import pytest

from kiosk.config import ConfigError, Settings, build_settings, read_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_statistics_are_on_by_default_for_a_kiosk_called_kiosk():
    settings = Settings()
    assert (settings.stats, settings.stats_db, settings.kiosk_name,
            settings.stats_retention_days) == (True, None, "kiosk", 365)


@pytest.mark.parametrize(("text", "message"), [
    ('stats = "no"', 'stats: expected true or false, got "no"'),
    ("stats_db = 3", "stats_db: expected a file path, got 3"),
    ('stats_db = "data/"', 'stats_db: expected a file path, got "data/"'),
    ('kiosk_name = "Dr. Smith\'s patient: Ana Perez, 1984"',
     "kiosk_name: expected a short name of 1 to 32 letters, digits, spaces, '.', '_' or '-' "
     'such as "lobby-1", got "Dr. Smith\'s patient: Ana Perez, 1984"'),
    ('kiosk_name = ""', "kiosk_name: expected a short name"),
    ("stats_retention_days = 0", "stats_retention_days: expected a whole number of days "
                                 "from 1 to 3650, got 0"),
    ("stats_retention_days = true", "stats_retention_days: expected a whole number of days "
                                    "from 1 to 3650, got true"),
    ("stat = false", "stat: unknown key (did you mean 'stats'?)"),
])
def test_each_statistics_mistake_is_named_exactly(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        read_config(path)
    assert error.value.problems == [error.value.problems[0]]
    assert error.value.problems[0].startswith(f"{path}: {message}")


def test_a_relative_database_is_beside_the_config_file(tmp_path):
    path = write(tmp_path, 'stats = false\nstats_db = "stats/k.sqlite3"\nkiosk_name = "lobby 2"\n'
                           "stats_retention_days = 90\n")
    settings = build_settings(path, {})
    assert settings.stats is False and settings.stats_db == tmp_path / "stats" / "k.sqlite3"
    assert settings.kiosk_name == "lobby 2" and settings.stats_retention_days == 90
