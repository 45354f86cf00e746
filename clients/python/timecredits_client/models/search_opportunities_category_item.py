from enum import StrEnum


class SearchOpportunitiesCategoryItem(StrEnum):
    ADMIN = "admin"
    ARTS_CRAFTS = "arts_crafts"
    BEFRIENDING = "befriending"
    CINEMA = "cinema"
    COMMUNITY = "community"
    COURSE = "course"
    ENVIRONMENT = "environment"
    FAMILY = "family"
    FITNESS = "fitness"
    FOOD = "food"
    GALLERY = "gallery"
    GARDENING = "gardening"
    HERITAGE = "heritage"
    MUSEUM = "museum"
    MUSIC = "music"
    OTHER = "other"
    SPORT = "sport"
    SWIMMING = "swimming"
    THEATRE = "theatre"
    TRANSPORT = "transport"
    WELLBEING = "wellbeing"

    def __str__(self) -> str:
        return str(self.value)
