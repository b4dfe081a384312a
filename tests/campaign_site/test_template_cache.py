"""Compiled templates kept between builds (campaign_site.template_cache): reused only by an
environment that compiles them the same way, never a reason for a build to fail."""

from __future__ import annotations

import logging
import os

import jinja2
import pytest

from campaign_site import cache
from campaign_site.template_cache import TemplateCache

SOURCE = "{% for word in words %}\n{{ word }}\n{% endfor %}{% trans %}Hello{% endtrans %}"


def environment(templates, folder, **options) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)), extensions=["jinja2.ext.i18n"], **options
    )
    env.install_null_translations(newstyle=True)
    env.bytecode_cache = TemplateCache(folder, env)
    return env


def render(env) -> str:
    return env.get_template("page.html").render(words=["a", "b"])


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text(SOURCE)
    return folder


def _no_compiling(env) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("compiled again")

    env._compile = refuse


def test_a_second_build_loads_the_compiled_template(templates, tmp_path):
    folder = tmp_path / "cache"
    first = render(environment(templates, folder, trim_blocks=True))
    assert len(list(folder.glob("*.jinja"))) == 1
    again = environment(templates, folder, trim_blocks=True)
    _no_compiling(again)
    assert render(again) == first == "a\nb\nHello"


def test_another_configuration_or_source_is_compiled_again(templates, tmp_path):
    folder = tmp_path / "cache"
    assert render(environment(templates, folder, trim_blocks=True)) == "a\nb\nHello"
    # Jinja's own file cache would hand this environment the code compiled above
    assert render(environment(templates, folder)) == "\na\n\nb\nHello"
    assert len(list(folder.glob("*.jinja"))) == 2
    (templates / "page.html").write_text(SOURCE.replace("Hello", "Bye"))
    assert render(environment(templates, folder, trim_blocks=True)) == "a\nb\nBye"


def test_a_damaged_file_is_compiled_again_and_replaced(templates, tmp_path):
    folder = tmp_path / "cache"
    render(environment(templates, folder))
    (stored,) = folder.glob("*.jinja")
    good = stored.read_bytes()
    stored.write_bytes(good[:20] + os.urandom(200))
    assert render(environment(templates, folder)) == "\na\n\nb\nHello"
    assert stored.read_bytes() == good


def test_a_folder_that_cannot_be_written_gives_one_warning(templates, tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    cache.new_build()
    with caplog.at_level(logging.WARNING):
        env = environment(templates, blocked / "cache")
        assert render(env) == "\na\n\nb\nHello"
        env.get_template("page.html")
        (templates / "other.html").write_text("{{ 1 }}")
        assert env.get_template("other.html").render() == "1"
    warnings = [r for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len(warnings) == 1
