from nsc_workshop.i18n import available_languages, use_language
from nsc_workshop.widgets.language_picker import LanguagePicker, language_name


def test_each_language_is_named_in_itself():
    assert language_name("fi") == "Suomi"
    assert language_name("sv") == "Svenska"
    assert language_name("nb") == "Norsk bokmål"
    assert language_name("da") == "Dansk"
    assert language_name("zz-bad") == "zz-bad"


def test_the_picker_offers_every_language_and_knows_the_current_one():
    with use_language("fi"):
        picker = LanguagePicker()
    assert picker.current == "fi"
    assert [code for code, _name in picker.languages] == list(available_languages())
    assert ("en", "English") in [tuple(x) for x in picker.languages]
