"""Config limits: every number has a range, settings agree with each other, and no config
file or path (NUL, very long, ~nosuchuser, a folder, a FIFO, deep nesting) gets past one
clear line and exit status 2. One way to load: every command finds kiosk.toml alike."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT

from kiosk.cli import COMMANDS, main
from kiosk.config import MAX_NESTING, ConfigError, load_settings, read_config
from kiosk.configtable import QT_TIMER_MAX_SECONDS, TABLE

NUMBERS = [s for s in TABLE if s.kind in ("seconds", "days")]


def write(folder: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(argv: list[str], capsys) -> tuple[int, list[str]]:
    """``kiosk ARGV`` in this process: (exit status, stderr lines)."""
    status = main(argv)
    return status, capsys.readouterr().err.splitlines()


def test_every_number_has_a_range_and_timers_stay_within_what_qt_holds():
    assert NUMBERS, "the table has numeric settings"
    for setting in NUMBERS:
        assert setting.minimum is not None and setting.maximum is not None, setting.key
        if setting.kind == "seconds":
            assert setting.maximum < QT_TIMER_MAX_SECONDS, setting.key


@pytest.mark.parametrize("setting", NUMBERS, ids=lambda s: s.key)
def test_each_number_is_refused_outside_its_range(tmp_path, setting):
    assert read_config(write(tmp_path, f"{setting.key} = {setting.maximum}"))
    for bad in (setting.maximum + 1, QT_TIMER_MAX_SECONDS + 1, setting.minimum - 1, 10**30):
        path = write(tmp_path, f"{setting.key} = {bad}")
        with pytest.raises(ConfigError) as error:
            read_config(path)
        assert error.value.problems == [
            f"{path}: {setting.key}: expected {setting.expected_range}, got {bad}"]


def test_qt_timer_overflow_from_the_issue_exits_2_naming_the_key(tmp_path, capsys):
    # 2,147,484 s made attract_dim_after segfault and idle_timeout raise at the first tap.
    path = write(tmp_path, "attract_dim_after = 2147484\nidle_timeout = 2147484\n")
    status, lines = run(["--config", str(path)], capsys)
    assert status == 2
    assert lines == [
        f"kiosk: error: {path}: idle_timeout: expected a whole number of seconds from 0 to "
        "86400 (1 day), got 2147484",
        f"kiosk: error: {path}: attract_dim_after: expected a whole number of seconds from 0 "
        "to 604800 (1 week), got 2147484",
    ][::-1]


def test_relations_and_language_are_reported_with_every_other_error(tmp_path, capsys):
    path = write(tmp_path, 'present_min = 200\npresent_max = 100\nlang = "fr"\n'
                           'idle_timeout = 30\ncountdown = 60\nmode = "x"\n'
                           f'content = "{CONTENT}"\n')
    status, lines = run(["--config", str(path)], capsys)
    assert status == 2
    assert lines == [
        f'kiosk: error: {path}: mode: expected one of kiosk, windowed, present, got "x"',
        f"kiosk: error: {path}: present_min: expected at most present_max (100), got 200",
        f"kiosk: error: {path}: countdown: expected less than idle_timeout (30 s), got 60",
        f"kiosk: error: {path}: lang: no pages for language 'fr' in {CONTENT} "
        "(available: en, es)",
    ]


def test_an_option_that_clashes_with_the_file_is_named_as_the_option(tmp_path, capsys):
    path = write(tmp_path, "countdown = 20\n")
    status, lines = run(["--config", str(path), "--idle-timeout", "10"], capsys)
    assert status == 2
    # countdown was written in the file, so the file's key is named.
    assert lines == [f"kiosk: error: {path}: countdown: expected less than idle_timeout "
                     "(10 s), got 20"]
    status, lines = run(["--config", str(write(tmp_path, "")), "--idle-timeout", "10"], capsys)
    assert lines == ["kiosk: error: --idle-timeout: expected more than countdown (20 s), "
                     "or 0 (off), got 10"]
    assert load_settings(write(tmp_path, ""), {"idle_timeout": 0}).idle_timeout == 0


@pytest.mark.parametrize(("make", "expected"), [
    (lambda tmp: "a\x00b.toml",
     "a\\0b.toml: config file path is not usable: it contains a NUL character"),
    (lambda tmp: "~nosuchuser4242/kiosk.toml",
     "~nosuchuser4242/kiosk.toml: config file path is not usable: ~nosuchuser4242 names no "
     "user on this computer"),
    (lambda tmp: str(tmp), "{tmp}: expected a config file, found a folder"),
    (lambda tmp: "x" * 5000, "config file path is not usable: it is 5000 characters long "
                             "(the limit is 4096)"),
    (lambda tmp: "/tmp/" + "d" * 300, "cannot read the config file: File name too long"),
])
def test_config_paths_that_cannot_be_files_exit_2_with_one_line(tmp_path, capsys, make,
                                                                 expected):
    status, lines = run(["--config", make(tmp_path)], capsys)
    assert status == 2
    assert len(lines) == 1 and len(lines[0]) < 400, lines
    assert lines[0].startswith("kiosk: error: ")
    assert expected.format(tmp=tmp_path) in lines[0]


def test_a_fifo_as_config_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    # ./kiosk.toml that is no file is not taken; --config naming it is refused.
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--config",
                             str(fifo)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (f"kiosk check: error: {fifo}: expected a config file, "
                             "found a FIFO, device or socket\n")


@pytest.mark.parametrize(("text", "depth"), [
    ("x." * 20000 + "x = 1\n", 20000),
    ("a = " + "[" * 30000 + "]" * 30000 + "\n", 30000),
    ("a = " + "{b = " * 9000 + "1" + "}" * 9000 + "\n", 9000),
    ("".join(f"[{'t.' * i}t]\n" for i in range(12)), 12),
])
def test_deep_toml_is_refused_before_parsing(tmp_path, capsys, text, depth):
    path = write(tmp_path, text)
    status, lines = run(["--config", str(path)], capsys)
    assert status == 2
    assert lines == [f"kiosk: error: {path}: expected flat settings (key = value), found "
                     f"tables or dotted keys nested {depth} deep (the limit is {MAX_NESTING})"]


def test_a_large_file_is_refused_before_parsing(tmp_path, capsys):
    # 80 KB of one dotted key made Python's TOML reader take 6.3 GB.
    path = write(tmp_path, "x." * 40000 + "x = 1\n")
    status, lines = run(["--config", str(path)], capsys)
    assert status == 2
    assert lines == [f"kiosk: error: {path}: expected a config file of at most 64 KB, "
                     "found 78 KB"]


def test_strings_comments_and_numbers_with_dots_are_not_nesting(tmp_path):
    path = write(tmp_path, 'qr_url = "https://a.b.c.d.e.f.g.h.i.j.example.org/x.y.z"\n'
                           'speech_command = ["espeak-ng", "-s", "1.5.6.7.8.9.0.1.2"]\n'
                           "# a.b.c.d.e.f.g.h.i.j.k.l.m\n"
                           'kiosk_name = """a.b.c.d.e.f.g.h.i.j"""\n'
                           "stats_retention_days = 365\n")
    assert read_config(path)["kiosk_name"] == "a.b.c.d.e.f.g.h.i.j"


def test_content_path_with_unknown_user_is_a_message(tmp_path, capsys):
    path = write(tmp_path, 'content = "~nosuchuser4242/content"\n')
    status, lines = run(["--config", str(path)], capsys)
    assert status == 2
    assert lines == [f'kiosk: error: {path}: content: expected a folder path, got '
                     f'"~nosuchuser4242/content": ~nosuchuser4242 names no user on this '
                     "computer"]


def test_help_lists_every_sub_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"kiosk {name}" in out, name


def test_check_reads_the_kiosk_toml_of_the_current_folder(tmp_path):
    """The kiosk would show mycontent: check must check mycontent, not the shipped pages."""
    import shutil

    shutil.copytree(CONTENT, tmp_path / "mycontent")
    (tmp_path / "mycontent" / "en" / "safety.md").write_text("---\ntitle: [oops\n---\n")
    write(tmp_path, 'content = "mycontent"\n')
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "mycontent/en/safety.md" in result.stdout
    # --content still wins over the file, as every option does.
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--content",
                             str(CONTENT)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_content_command_refuses_a_broken_kiosk_toml_alike(tmp_path):
    write(tmp_path, "idle_timeout = -1\n")
    line = (f"{tmp_path / 'kiosk.toml'}: idle_timeout: expected a whole number of seconds "
            "from 0 to 86400 (1 day), got -1")
    for command in (["check"], ["bundle", str(tmp_path / "b.tar.gz")], ["rollback"],
                    ["install-bundle", str(tmp_path / "none.tar.gz")], ["stats"],
                    ["shots", str(tmp_path / "shots")]):
        result = subprocess.run([sys.executable, str(ROOT / "main.py"), *command],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, command
        assert result.stderr == f"kiosk {command[0]}: error: {line}\n", command


@pytest.mark.parametrize(("text", "expected"), [
    ('qr_url = "a\\nb"', 'qr_url: expected a web address starting with https:// (at most 300 '
                         'characters) or "", got "a\\nb"'),
    ('content = "/tmp/' + "d" * 300 + '"',
     "content: content folder cannot be used: File name too long"),
    ('stats_db = "' + "a/" * 3000 + 'x"', "stats_db: expected a file path, got "),
])
def test_odd_values_give_one_line_each(tmp_path, capsys, text, expected):
    path = write(tmp_path, text + "\n")
    status, lines = run(["--config", str(path)], capsys)
    assert status == 2
    assert len(lines) == 1 and lines[0].startswith(f"kiosk: error: {path}: {expected}")


def test_no_value_of_any_key_gives_a_traceback(tmp_path):
    """Each key with values of every odd shape: load_settings raises ConfigError or loads."""
    values = ['"/tmp/' + "d" * 300 + '"', '"' + "a/" * 3000 + '"', '"~nosuchuser4242/x"',
              '"\\u0000"', '"/dev/zero"', "1e400", "nan", "inf", "-0", "9" * 40, '""', '" "',
              "[]", "{}", '["a"]', "true", '"."', '"/"', '".."', "2147484", "-1", "0",
              "1979-05-27", '"a\\nb"', "[[1]]", '{a = 1}']
    for setting in TABLE:
        for value in values:
            path = write(tmp_path, f"{setting.key} = {value}\n")
            try:
                load_settings(path, {})
            except ConfigError as error:
                assert all("\n" not in p for p in error.problems), (setting.key, value)


def test_install_and_rollback_use_the_bundles_folder_the_configured_kiosk_shows(
        tmp_path, monkeypatch, capsys):
    from test_bundle import make_content

    from kiosk.bundle import installed
    from kiosk.bundlemake import make_bundle

    made = []
    for name, titles in (("one", ("Welcome", "Safety")), ("two", ("Welcome", "Timeline"))):
        out = tmp_path / f"{name}.tar.gz"
        made.append(make_bundle(make_content(tmp_path / name, titles), out))
    site = tmp_path / "site"
    site.mkdir()
    write(site, 'content = "bundles/current"\n')
    monkeypatch.chdir(site)
    assert main(["install-bundle", str(tmp_path / "one.tar.gz")]) == 0
    assert main(["install-bundle", str(tmp_path / "two.tar.gz")]) == 0
    assert main(["rollback"]) == 0
    assert installed(site / "bundles") == {"current": made[0].version,
                                           "previous": made[1].version}
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"rolled back: {site / 'bundles' / 'current'} now shows {made[0].version} "
        f"(was {made[1].version})")


def test_shots_into_a_folder_named_with_a_nul_exits_2(tmp_path):
    # It raised ValueError (embedded null byte) from mkdir: a traceback.
    assert main(["shots", f"{tmp_path}/x\x00y"]) == 2
    assert list(tmp_path.iterdir()) == []
