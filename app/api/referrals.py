"""Referrals: a prescriber sends a person to an organisation; the two parties follow it."""

from fastapi import APIRouter

from app.api.routing import ExactJsonRoute

router = APIRouter(prefix="/v1/referrals", tags=["referrals"], route_class=ExactJsonRoute)
