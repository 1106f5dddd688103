"""The window's limit fields take what the CLI takes (issue 15, Input): ASCII digits, a sign,
the locale's decimal separator; no exponent, no other digits."""

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QValidator

from bps_commissioner.ui.number_field import LimitSpinBox

OK, MID, BAD = QValidator.State.Acceptable, QValidator.State.Intermediate, QValidator.State.Invalid


def field(locale, decimals=1, suffix=" V"):
    spin = LimitSpinBox()
    spin.setLocale(locale)
    spin.setDecimals(decimals)
    spin.setRange(-20, 300)
    spin.setSuffix(suffix)
    return spin


@pytest.mark.parametrize("language, text, state, value", [
    (QLocale.Language.Polish, "190,5 V", OK, 190.5),
    (QLocale.Language.Polish, "190,5", OK, 190.5),
    (QLocale.Language.English, "190.5 V", OK, 190.5),
    (QLocale.Language.English, "190,5", BAD, None),
    (QLocale.Language.Polish, "1e1", BAD, None),   # a plain QDoubleSpinBox took this as 10
    (QLocale.Language.English, "1e1 V", BAD, None),
    (QLocale.Language.English, "1_0", BAD, None),
    (QLocale.Language.English, "１０", BAD, None),
    (QLocale.Language.Arabic, "٣٠", BAD, None),     # a plain QDoubleSpinBox took this as 30
    (QLocale.Language.English, "190.55", BAD, None),
    (QLocale.Language.English, "-", MID, None),
    (QLocale.Language.English, "400", OK, 400.0),  # kept as typed: the range is checked on commit
    (QLocale.Language.English, "190.", MID, None),
    (QLocale.Language.English, "-5", OK, -5.0),
])
def test_a_limit_field_takes_plain_numbers_only(language, text, state, value):
    spin = field(QLocale(language))
    assert spin.validate(text, len(text))[0] == state
    if value is not None:
        assert spin.valueFromText(text) == value


def test_a_limit_field_shows_ascii_digits_with_the_locale_separator():
    assert field(QLocale(QLocale.Language.Polish)).textFromValue(190.5) == "190,5"
    assert field(QLocale(QLocale.Language.Arabic)).textFromValue(30.0) == "30.0"
    spin = field(QLocale(QLocale.Language.Polish), decimals=0, suffix=" °C")
    spin.setValue(35)
    assert spin.text() == "35 °C" and spin.validate(spin.text(), 0)[0] == OK
