"""Settings from the environment (prefix MATCHMAKER_), read once per process via get_settings()."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-before-deploying-anywhere"


def packaged_data_dir() -> Path:
    """The reference and demo data shipped as the package matchmaker_data (data/ in a checkout)."""
    root = resources.files("matchmaker_data")
    if not isinstance(root, Path):
        raise RuntimeError(f"matchmaker_data is not a folder on disk ({root}); install the package unzipped")
    return root


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MATCHMAKER_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    # DATABASE_URL is accepted without the prefix too: it is what hosting platforms set.
    database_url: str = Field(
        default=f"sqlite:///{Path.cwd() / 'matchmaker.db'}",
        validation_alias=AliasChoices("MATCHMAKER_DATABASE_URL", "DATABASE_URL"),
    )
    secret_key: str = DEV_SECRET
    log_level: str = "INFO"
    # Folder holding reference/ and demo/; MATCHMAKER_DATA_DIR points `seed` at another copy.
    data_dir: Path = Field(default_factory=packaged_data_dir)
    token_minutes: int = 60 * 8
    login_attempts_per_minute: int = 10
    max_body_bytes: int = 2 * 1024 * 1024
    today: date | None = None
    suggestions_per_request: int = 5
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "ctc-tat@example.org"

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        # Platforms hand out postgres:// URLs; SQLAlchemy wants an explicit driver.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @model_validator(mode="after")
    def _refuse_dev_secret_in_production(self) -> Settings:
        if self.environment == "production" and self.secret_key == DEV_SECRET:
            raise ValueError("MATCHMAKER_SECRET_KEY must be set in production")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
