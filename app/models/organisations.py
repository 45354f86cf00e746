"""Programmes, organisations and identity: request and response schemas."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.models.common import Input, Name, Ref
from app.models.dates import Day
from app.models.keys import ApiKeyCreated

Role = Literal["operator", "commissioner", "earn_partner", "spend_partner", "prescriber"]


class ProgrammeCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Haringey Mental Health",
                    "place": "London Borough of Haringey",
                    "focus": "Mental Health",
                    "starts_on": "2015-01-01",
                }
            ]
        }
    )
    name: Name
    place: Name
    focus: Name
    starts_on: Day
    ends_on: Day | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> "ProgrammeCreate":
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class ProgrammeRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "prg_1x2y3z4w5v6u7t8s",
                    "name": "Haringey Mental Health",
                    "place": "London Borough of Haringey",
                    "focus": "Mental Health",
                    "starts_on": "2015-01-01",
                    "ends_on": None,
                    "created_at": "2026-11-23T09:00:00Z",
                }
            ]
        }
    )
    id: str
    name: str
    place: str
    focus: str
    starts_on: date
    ends_on: date | None
    created_at: datetime


class OrganisationCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Tottenham Community Café",
                    "roles": ["earn_partner"],
                    "programme_ids": ["prg_1x2y3z4w5v6u7t8s"],
                }
            ]
        }
    )
    name: Name
    roles: list[Role] = Field(min_length=1, max_length=5)
    programme_ids: list[Ref] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _no_operator(self) -> "OrganisationCreate":
        if "operator" in self.roles:
            raise ValueError("the operator is created once, by `timecredits bootstrap`")
        return self


class OrganisationRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "org_8a7b6c5d4e3f2g1h",
                    "name": "Tottenham Community Café",
                    "roles": ["earn_partner"],
                    "programme_ids": ["prg_1x2y3z4w5v6u7t8s"],
                    "balance": "120.00",
                    "created_at": "2026-11-23T09:00:00Z",
                }
            ]
        }
    )
    id: str
    name: str
    roles: list[Role]
    programme_ids: list[str]
    balance: str = Field(description="Credits the organisation holds (to give, or received).")
    created_at: datetime


class OrganisationCreated(OrganisationRead):
    api_key: ApiKeyCreated = Field(description="The organisation's first key. Shown once.")


class MeRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organisation": OrganisationRead.model_config["json_schema_extra"]["examples"][
                        0
                    ],
                    "api_key_id": "key_0a1b2c3d4e5f6g7h",
                    "scopes": ["members:read", "members:write", "earn:write"],
                }
            ]
        }
    )
    organisation: OrganisationRead
    api_key_id: str | None
    scopes: list[str]
