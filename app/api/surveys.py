"""Outcome surveys: templates, and the responses partners record."""

from fastapi import APIRouter

from app.api.routing import ExactJsonRoute

router = APIRouter(prefix="/v1", tags=["surveys"], route_class=ExactJsonRoute)
