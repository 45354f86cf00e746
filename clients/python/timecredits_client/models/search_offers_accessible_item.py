from enum import StrEnum


class SearchOffersAccessibleItem(StrEnum):
    ACCESSIBLE_PARKING = "accessible_parking"
    ACCESSIBLE_TOILET = "accessible_toilet"
    ASSISTANCE_DOGS = "assistance_dogs"
    BSL = "bsl"
    CHANGING_PLACES = "changing_places"
    HEARING_LOOP = "hearing_loop"
    LARGE_PRINT = "large_print"
    LIFT = "lift"
    PUBLIC_TRANSPORT = "public_transport"
    QUIET_SPACE = "quiet_space"
    STEP_FREE = "step_free"
    WHEELCHAIR = "wheelchair"

    def __str__(self) -> str:
        return str(self.value)
