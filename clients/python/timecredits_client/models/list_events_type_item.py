from enum import StrEnum


class ListEventsTypeItem(StrEnum):
    ALLOCATION_CREATED = "allocation.created"
    EARNING_CREATED = "earning.created"
    GIFT_CREATED = "gift.created"
    MEMBER_CREATED = "member.created"
    NOTE_ISSUED = "note.issued"
    NOTE_REDEEMED = "note.redeemed"
    NOTE_VOIDED = "note.voided"
    REDEMPTION_COMPLETED = "redemption.completed"
    REDEMPTION_REFUNDED = "redemption.refunded"
    REFERRAL_CREATED = "referral.created"
    REFERRAL_UPDATED = "referral.updated"
    REPORT_LINK_CREATED = "report_link.created"
    REPORT_LINK_REVOKED = "report_link.revoked"
    SPEND_CREATED = "spend.created"
    SURVEY_RESPONSE_CREATED = "survey_response.created"
    TRANSACTION_REVERSED = "transaction.reversed"

    def __str__(self) -> str:
        return str(self.value)
