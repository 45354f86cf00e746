from enum import StrEnum


class TransferReadKind(StrEnum):
    ALLOCATION = "allocation"
    EARN = "earn"
    GIFT = "gift"
    NOTE_ISSUE = "note_issue"
    NOTE_REDEEM = "note_redeem"
    NOTE_VOID = "note_void"
    REDEMPTION = "redemption"
    REVERSAL = "reversal"
    SPEND = "spend"

    def __str__(self) -> str:
        return str(self.value)
