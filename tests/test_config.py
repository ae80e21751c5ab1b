"""The config is a public contract: the README's example loads, and the contract keys exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from builder.config import BuildConfig, ConfigError

README = Path(__file__).parents[1] / "README.md"


def test_the_readme_example_config_loads():
    block = re.search(r"## Config.*?```toml\n(.*?)```", README.read_text(), re.S).group(1)
    config = BuildConfig.from_dict(tomllib.loads(block))
    config.check()
    assert config.quality.enabled and config.dedup.exact and config.dedup.near
    assert config.split.train == 0.8


def test_public_contract_keys():
    config = BuildConfig.from_dict(
        {
            "quality": {"enabled": False},
            "dedup": {"exact": False, "near": False},
            "split": {"train": 0.5, "validation": 0.0, "test": 0.5},
        }
    )
    assert not config.quality.enabled and not config.dedup.exact and not config.dedup.near
    assert config.split.validation == 0.0


@pytest.mark.parametrize(
    "data, message",
    [
        ({"dedup": {"near": "yes"}}, "dedup.near"),
        ({"nosuch": {}}, "unknown config key"),
        ({"split": {"train": 0.9, "validation": 0.9, "test": 0.0}}, "sum to 1"),
        ({"dedup": {"bands": 100, "rows": 3}}, r"\[dedup\] bands \* rows"),
        ({"language": {"backend": "nope"}}, r"\[language\] backend"),
    ],
)
def test_bad_configs_are_refused_with_the_key_at_fault(data, message):
    with pytest.raises(ConfigError, match=message):
        BuildConfig.from_dict(data).check()
