"""Counts, waits and retries on the command line take plain ASCII numbers only (issue 15):
an exponent, an underscore or other scripts' digits are refused with exit 2 before anything
is opened."""

import pytest

from bps_commissioner.cli import main


@pytest.mark.parametrize("argv, words", [
    (["monitor", "--tcp", "127.0.0.1:1", "--count", "1e1"], "exponent"),
    (["monitor", "--tcp", "127.0.0.1:1", "--count", "1_0"], "--count"),
    (["monitor", "--tcp", "127.0.0.1:1", "--interval", "１"], "--interval"),
    (["scan", "--serial", "/dev/null-port", "--reply-wait", "٥٠"], "digits other than 0-9"),
    (["read", "--snmp", "127.0.0.1:1", "--retries", "9"], "--retries"),
    (["telnet", "info", "--host", "127.0.0.1:1", "--slaves", "6"], "--slaves"),
    (["commission", "plan.json", "--reply-wait", "0"], "--reply-wait"),
])
def test_odd_numbers_are_refused_before_anything_is_opened(capsys, argv, words):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_plain_numbers_are_taken():
    from bps_commissioner.cli import build_parser

    args = build_parser().parse_args(["monitor", "--tcp", "h", "--count", "3", "--interval", "0.5"])
    assert (args.count, args.interval) == (3, 0.5)
