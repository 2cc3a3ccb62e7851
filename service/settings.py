"""Settings from the environment (prefix MATCHMAKER_), read once per process via get_settings()."""

from __future__ import annotations

import ipaddress
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-before-deploying-anywhere"
MIN_SECRET_BYTES = 32


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
    # API bearer tokens (JWT) live this long; page sessions are server-side records with their own limits.
    token_minutes: int = 60 * 8
    session_idle_minutes: int = 120
    session_max_minutes: int = 60 * 12
    # Failed sign-ins per username (from any client), and per client (for any username), per minute.
    login_attempts_per_minute: int = 10
    login_attempts_per_client_per_minute: int = 30
    # Anonymous applications to see the matrix, per client and hour.
    access_applications_per_hour: int = 5
    # Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For is believed.
    trusted_proxies: str = ""
    max_body_bytes: int = 2 * 1024 * 1024
    # Hard caps on an import file (HTTP and CLI): past any of them the file is refused before it is read
    # whole, so a small hostile file (a zipped workbook that unpacks to millions of cells) cannot exhaust
    # memory. The import bench's 20,000 rows fit well inside them.
    import_max_rows: int = 50_000
    import_max_columns: int = 100
    import_max_cell_chars: int = 20_000
    import_max_bytes: int = 64 * 1024 * 1024  # a CSV file's size, or an XLSX workbook's unpacked size
    # An import file larger than this (and not a dry run) is imported as a background job: 202 with the job.
    import_job_bytes: int = 256 * 1024
    today: date | None = None
    suggestions_per_request: int = 5
    # The allocation plan's fairness rule (matcher/allocation.py): serve as many states as possible before
    # any state's second need, and a per-state step in weighted fit for each further need (0 = none).
    allocation_states_first: bool = True
    allocation_step: float = Field(default=0.0, ge=0)
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "ctc-tat@example.org"
    # Where messages wait when SMTP is not set (and copies of what was sent): .eml files a person can open.
    outbox_dir: Path = Field(default_factory=lambda: Path.cwd() / "outbox")
    # The address of this service as the people it writes to reach it (the links in its e-mails).
    public_url: str = "http://localhost:8000"
    # A reader account (granted on application) lasts this long unless the team sets another date.
    reader_days: int = Field(default=180, ge=1, le=3650)
    # A first sign-in (set-password) link works once, for this long.
    sign_in_link_hours: int = Field(default=72, ge=1, le=24 * 30)
    # Background jobs (huey): the broker is a SQLite file by default (no extra service; every app and
    # worker process on the machine shares it) or Redis (`redis://127.0.0.1:6379/0`, for workers on other
    # machines). `jobs_eager` runs a job at once in the caller's transaction (tests, scripts).
    jobs_broker: str = ""
    jobs_path: Path = Field(default_factory=lambda: Path.cwd() / "matchmaker-jobs.db")
    jobs_eager: bool = False
    # The queue's name on the broker: deployments sharing one Redis each need their own.
    jobs_queue: str = Field(default="matchmaker", pattern=r"^[A-Za-z0-9_.-]{1,60}$")
    # A running job whose worker has not reported for this long is taken to be dead and queued again.
    jobs_stale_seconds: int = Field(default=600, ge=1)

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        # Platforms hand out postgres:// URLs; SQLAlchemy wants an explicit driver.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_parse(cls, value: str) -> str:
        for item in (v.strip() for v in value.split(",")):
            if item:
                try:
                    ipaddress.ip_network(item, strict=False)
                except ValueError:
                    raise ValueError(
                        f"MATCHMAKER_TRUSTED_PROXIES: {item!r} is not an IP address or network"
                    ) from None
        return ",".join(v.strip() for v in value.split(",") if v.strip())

    @property
    def trusted_proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(v, strict=False) for v in self.trusted_proxies.split(",") if v]

    @model_validator(mode="after")
    def _refuse_weak_secrets(self) -> Settings:
        if not self.secret_key:
            raise ValueError(
                "MATCHMAKER_SECRET_KEY is empty; set a random secret (e.g. `openssl rand -hex 32`)"
            )
        if self.environment == "production":
            if self.secret_key == DEV_SECRET:
                raise ValueError(
                    "MATCHMAKER_SECRET_KEY must be set in production (it is the development default)"
                )
            if len(self.secret_key.encode()) < MIN_SECRET_BYTES:
                raise ValueError(
                    f"MATCHMAKER_SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes in production"
                    " (e.g. `openssl rand -hex 32`)"
                )
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
