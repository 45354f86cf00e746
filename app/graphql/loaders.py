"""DataLoaders: a list's children in one statement per level, whatever the list's length
(programmes → organisations → offers). One per request (Context.loader)."""

from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from app.graphql.context import Context
from app.models.directory import DirectoryOrganisation
from app.models.organisations import ProgrammeRead
from app.services import batches


def _organisations(ctx: Context) -> DataLoader[str, list[DirectoryOrganisation]]:
    async def load(ids: Sequence[str]) -> list[list[DirectoryOrganisation]]:
        found = await ctx.call(batches.organisations_of_programmes, ids)
        return [found.get(i, []) for i in ids]

    return DataLoader(load_fn=load)


def _listings(kind: batches.listings.Kind) -> Any:
    def make(ctx: Context) -> DataLoader[str, list[Any]]:
        async def load(ids: Sequence[str]) -> list[list[Any]]:
            found = await ctx.call(batches.listings_of_organisations, kind, ids)
            return [found.get(i, []) for i in ids]

        return DataLoader(load_fn=load)

    return make


def _programmes(ctx: Context) -> DataLoader[str, ProgrammeRead | None]:
    async def load(ids: Sequence[str]) -> list[ProgrammeRead | None]:
        found = await ctx.call(batches.programmes_by_id, ids)
        return [found.get(i) for i in ids]

    return DataLoader(load_fn=load)


def organisations_of_programme(ctx: Context) -> DataLoader[str, list[DirectoryOrganisation]]:
    return ctx.loader("organisations_of_programme", _organisations)


def offers_of_organisation(ctx: Context) -> DataLoader[str, list[Any]]:
    return ctx.loader("offers_of_organisation", _listings("offer"))


def opportunities_of_organisation(ctx: Context) -> DataLoader[str, list[Any]]:
    return ctx.loader("opportunities_of_organisation", _listings("opportunity"))


def programme(ctx: Context) -> DataLoader[str, ProgrammeRead | None]:
    return ctx.loader("programme", _programmes)
