"""When a sentence counts as heard: the Speaker's judge, without Qt or a voice."""

from kiosk.speechcheck import DEFAULT_PACE, pace_of, speech_failure

SENTENCE = "Stem cells are taken from your own body."  # 8 words


def test_a_sentence_said_at_a_voices_pace_was_heard():
    assert speech_failure(0, "", 3.0, SENTENCE, 150) is None


def test_a_non_zero_exit_is_a_failure_with_the_programs_last_line():
    why = speech_failure(1, "first\nno audio device\n", 3.0, SENTENCE, 150)
    assert why == "the voice program exited with status 1 no audio device"


def test_an_error_line_with_exit_zero_is_a_failure():
    stderr = "ALSA lib pcm.c:2666: Unknown PCM default\nerror: No such file\n"
    assert "error: No such file" in speech_failure(0, stderr, 3.0, SENTENCE, 150)


def test_alsa_chatter_without_an_error_is_not_a_failure():
    assert speech_failure(0, "ALSA lib conf.c: some warning\n", 3.0, SENTENCE, 150) is None


def test_a_sentence_faster_than_any_voice_went_nowhere():
    # 8 words at 150 a minute is 3.2 s; a quarter of that (0.8 s) is the least believable.
    assert "no audio output" in speech_failure(0, "", 0.79, SENTENCE, 150)
    assert speech_failure(0, "", 0.81, SENTENCE, 150) is None


def test_very_short_sentences_are_not_timed():
    assert speech_failure(0, "", 0.0, "Yes, it is.", 150) is None


def test_pace_comes_from_the_command():
    assert pace_of(("espeak-ng", "-s", "130", "-v")) == 130
    assert pace_of(("espeak-ng",)) == DEFAULT_PACE
    assert pace_of(("espeak-ng", "-s")) == DEFAULT_PACE
