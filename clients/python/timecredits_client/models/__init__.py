"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .address_read import AddressRead
from .allocation_create import AllocationCreate
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_read import ApiKeyRead
from .band import Band
from .card_holder import CardHolder
from .conversion_row_input import ConversionRowInput
from .conversion_row_output import ConversionRowOutput
from .directory_organisation import DirectoryOrganisation
from .directory_organisation_roles_item import DirectoryOrganisationRolesItem
from .earning_create import EarningCreate
from .event_page import EventPage
from .event_read import EventRead
from .event_read_data import EventReadData
from .event_read_type import EventReadType
from .feed_info import FeedInfo
from .field_error import FieldError
from .get_health_response_get_health import GetHealthResponseGetHealth
from .get_programme_outcomes_wave import GetProgrammeOutcomesWave
from .gift_create import GiftCreate
from .hsds_organization import HsdsOrganization
from .hsds_service import HsdsService
from .hsds_service_attributes_item import HsdsServiceAttributesItem
from .hsds_service_contacts_item import HsdsServiceContactsItem
from .hsds_service_cost_options_item import HsdsServiceCostOptionsItem
from .hsds_service_page import HsdsServicePage
from .hsds_service_schedules_item import HsdsServiceSchedulesItem
from .hsds_service_service_at_locations_item import HsdsServiceServiceAtLocationsItem
from .hsds_service_status import HsdsServiceStatus
from .hsds_service_summary import HsdsServiceSummary
from .hsds_service_summary_status import HsdsServiceSummaryStatus
from .import_result import ImportResult
from .imported_row import ImportedRow
from .list_events_type_item import ListEventsTypeItem
from .list_member_transactions_kind_type_0 import ListMemberTransactionsKindType0
from .list_referrals_direction_type_0 import ListReferralsDirectionType0
from .list_referrals_status_type_0 import ListReferralsStatusType0
from .list_transactions_kind_type_0 import ListTransactionsKindType0
from .list_webhook_deliveries_status_type_0 import ListWebhookDeliveriesStatusType0
from .location import Location
from .location_read import LocationRead
from .me_read import MeRead
from .member_create import MemberCreate
from .member_read import MemberRead
from .month_stats import MonthStats
from .network_stats import NetworkStats
from .note_batch_create import NoteBatchCreate
from .note_batch_read import NoteBatchRead
from .note_deposit import NoteDeposit
from .note_issued import NoteIssued
from .note_redeem import NoteRedeem
from .note_redemption import NoteRedemption
from .note_voided import NoteVoided
from .offer_create import OfferCreate
from .offer_create_accessibility_type_0_item import OfferCreateAccessibilityType0Item
from .offer_create_categories_type_0_item import OfferCreateCategoriesType0Item
from .offer_create_category import OfferCreateCategory
from .offer_read import OfferRead
from .offer_read_status import OfferReadStatus
from .offer_update import OfferUpdate
from .offer_update_accessibility_type_0_item import OfferUpdateAccessibilityType0Item
from .offer_update_categories_type_0_item import OfferUpdateCategoriesType0Item
from .offer_update_category_type_0 import OfferUpdateCategoryType0
from .opportunity_create import OpportunityCreate
from .opportunity_create_accessibility_type_0_item import OpportunityCreateAccessibilityType0Item
from .opportunity_create_categories_type_0_item import OpportunityCreateCategoriesType0Item
from .opportunity_create_category import OpportunityCreateCategory
from .opportunity_read import OpportunityRead
from .opportunity_read_status import OpportunityReadStatus
from .opportunity_update import OpportunityUpdate
from .opportunity_update_accessibility_type_0_item import OpportunityUpdateAccessibilityType0Item
from .opportunity_update_categories_type_0_item import OpportunityUpdateCategoriesType0Item
from .opportunity_update_category_type_0 import OpportunityUpdateCategoryType0
from .organisation_create import OrganisationCreate
from .organisation_create_roles_item import OrganisationCreateRolesItem
from .organisation_created import OrganisationCreated
from .organisation_created_roles_item import OrganisationCreatedRolesItem
from .organisation_read import OrganisationRead
from .organisation_read_roles_item import OrganisationReadRolesItem
from .outcomes import Outcomes
from .outcomes_wave import OutcomesWave
from .page_api_key_read import PageApiKeyRead
from .page_directory_organisation import PageDirectoryOrganisation
from .page_offer_read import PageOfferRead
from .page_opportunity_read import PageOpportunityRead
from .page_programme_read import PageProgrammeRead
from .page_redemption_read import PageRedemptionRead
from .page_referral_read import PageReferralRead
from .page_transfer_read import PageTransferRead
from .page_union_member_read_card_holder import PageUnionMemberReadCardHolder
from .page_webhook_delivery_read import PageWebhookDeliveryRead
from .page_webhook_endpoint_read import PageWebhookEndpointRead
from .paired import Paired
from .paired_question import PairedQuestion
from .party import Party
from .party_type import PartyType
from .person_read import PersonRead
from .pin_change import PinChange
from .problem import Problem
from .profile_update import ProfileUpdate
from .profile_update_accessibility_type_0_item import ProfileUpdateAccessibilityType0Item
from .profile_update_categories_type_0_item import ProfileUpdateCategoriesType0Item
from .programme_create import ProgrammeCreate
from .programme_read import ProgrammeRead
from .programme_stats import ProgrammeStats
from .question import Question
from .question_create import QuestionCreate
from .question_create_type import QuestionCreateType
from .question_outcome import QuestionOutcome
from .question_outcome_counts_type_0 import QuestionOutcomeCountsType0
from .question_outcome_type import QuestionOutcomeType
from .question_type import QuestionType
from .redemption_check import RedemptionCheck
from .redemption_check_reason_type_0 import RedemptionCheckReasonType0
from .redemption_code_create import RedemptionCodeCreate
from .redemption_code_created import RedemptionCodeCreated
from .redemption_day import RedemptionDay
from .redemption_read import RedemptionRead
from .redemption_refund_create import RedemptionRefundCreate
from .redemption_request import RedemptionRequest
from .redemption_summary import RedemptionSummary
from .referral_accept import ReferralAccept
from .referral_attended import ReferralAttended
from .referral_close import ReferralClose
from .referral_close_outcome import ReferralCloseOutcome
from .referral_create import ReferralCreate
from .referral_create_reason_codes_item import ReferralCreateReasonCodesItem
from .referral_create_urgency import ReferralCreateUrgency
from .referral_decline import ReferralDecline
from .referral_decline_reason import ReferralDeclineReason
from .referral_read import ReferralRead
from .referral_read_decline_reason_type_0 import ReferralReadDeclineReasonType0
from .referral_read_outcome_type_0 import ReferralReadOutcomeType0
from .referral_read_reason_codes_item import ReferralReadReasonCodesItem
from .referral_read_status import ReferralReadStatus
from .referral_read_urgency import ReferralReadUrgency
from .referral_stats import ReferralStats
from .referred_person import ReferredPerson
from .report_link_create import ReportLinkCreate
from .report_link_created import ReportLinkCreated
from .restrictions import Restrictions
from .restrictions_days_type_0_item import RestrictionsDaysType0Item
from .restrictions_read import RestrictionsRead
from .restrictions_read_days_type_0_item import RestrictionsReadDaysType0Item
from .reversal_create import ReversalCreate
from .row_error import RowError
from .score_outcome import ScoreOutcome
from .scoring import Scoring
from .scoring_create import ScoringCreate
from .scoring_create_option_values_type_0 import ScoringCreateOptionValuesType0
from .scoring_option_values_type_0 import ScoringOptionValuesType0
from .search_offers_accessible_item import SearchOffersAccessibleItem
from .search_offers_category_item import SearchOffersCategoryItem
from .search_offers_open_on_type_0 import SearchOffersOpenOnType0
from .search_opportunities_accessible_item import SearchOpportunitiesAccessibleItem
from .search_opportunities_category_item import SearchOpportunitiesCategoryItem
from .search_opportunities_open_on_type_0 import SearchOpportunitiesOpenOnType0
from .search_organisations_accessible_item import SearchOrganisationsAccessibleItem
from .search_organisations_category_item import SearchOrganisationsCategoryItem
from .search_organisations_open_on_type_0 import SearchOrganisationsOpenOnType0
from .search_organisations_role_type_0 import SearchOrganisationsRoleType0
from .share import Share
from .skipped_row import SkippedRow
from .slot_input import SlotInput
from .slot_input_day import SlotInputDay
from .slot_output import SlotOutput
from .slot_output_day import SlotOutputDay
from .spend_create import SpendCreate
from .status_counts import StatusCounts
from .survey_response_create import SurveyResponseCreate
from .survey_response_create_answers import SurveyResponseCreateAnswers
from .survey_response_create_wave import SurveyResponseCreateWave
from .survey_response_read import SurveyResponseRead
from .survey_response_read_answers import SurveyResponseReadAnswers
from .survey_response_read_wave import SurveyResponseReadWave
from .survey_template_create import SurveyTemplateCreate
from .survey_template_create_subject import SurveyTemplateCreateSubject
from .survey_template_list import SurveyTemplateList
from .survey_template_read import SurveyTemplateRead
from .survey_template_read_subject import SurveyTemplateReadSubject
from .transfer_read import TransferRead
from .transfer_read_kind import TransferReadKind
from .transfer_read_metadata import TransferReadMetadata
from .webhook_delivery_read import WebhookDeliveryRead
from .webhook_delivery_read_status import WebhookDeliveryReadStatus
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_create_event_types_item import WebhookEndpointCreateEventTypesItem
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_read import WebhookEndpointRead
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_update_event_types_type_0_item import WebhookEndpointUpdateEventTypesType0Item
from .webhook_secret_rotate import WebhookSecretRotate
from .webhook_secret_rotated import WebhookSecretRotated

__all__ = (
    "Address",
    "AddressRead",
    "AllocationCreate",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyRead",
    "Band",
    "CardHolder",
    "ConversionRowInput",
    "ConversionRowOutput",
    "DirectoryOrganisation",
    "DirectoryOrganisationRolesItem",
    "EarningCreate",
    "EventPage",
    "EventRead",
    "EventReadData",
    "EventReadType",
    "FeedInfo",
    "FieldError",
    "GetHealthResponseGetHealth",
    "GetProgrammeOutcomesWave",
    "GiftCreate",
    "HsdsOrganization",
    "HsdsService",
    "HsdsServiceAttributesItem",
    "HsdsServiceContactsItem",
    "HsdsServiceCostOptionsItem",
    "HsdsServicePage",
    "HsdsServiceSchedulesItem",
    "HsdsServiceServiceAtLocationsItem",
    "HsdsServiceStatus",
    "HsdsServiceSummary",
    "HsdsServiceSummaryStatus",
    "ImportedRow",
    "ImportResult",
    "ListEventsTypeItem",
    "ListMemberTransactionsKindType0",
    "ListReferralsDirectionType0",
    "ListReferralsStatusType0",
    "ListTransactionsKindType0",
    "ListWebhookDeliveriesStatusType0",
    "Location",
    "LocationRead",
    "MemberCreate",
    "MemberRead",
    "MeRead",
    "MonthStats",
    "NetworkStats",
    "NoteBatchCreate",
    "NoteBatchRead",
    "NoteDeposit",
    "NoteIssued",
    "NoteRedeem",
    "NoteRedemption",
    "NoteVoided",
    "OfferCreate",
    "OfferCreateAccessibilityType0Item",
    "OfferCreateCategoriesType0Item",
    "OfferCreateCategory",
    "OfferRead",
    "OfferReadStatus",
    "OfferUpdate",
    "OfferUpdateAccessibilityType0Item",
    "OfferUpdateCategoriesType0Item",
    "OfferUpdateCategoryType0",
    "OpportunityCreate",
    "OpportunityCreateAccessibilityType0Item",
    "OpportunityCreateCategoriesType0Item",
    "OpportunityCreateCategory",
    "OpportunityRead",
    "OpportunityReadStatus",
    "OpportunityUpdate",
    "OpportunityUpdateAccessibilityType0Item",
    "OpportunityUpdateCategoriesType0Item",
    "OpportunityUpdateCategoryType0",
    "OrganisationCreate",
    "OrganisationCreated",
    "OrganisationCreatedRolesItem",
    "OrganisationCreateRolesItem",
    "OrganisationRead",
    "OrganisationReadRolesItem",
    "Outcomes",
    "OutcomesWave",
    "PageApiKeyRead",
    "PageDirectoryOrganisation",
    "PageOfferRead",
    "PageOpportunityRead",
    "PageProgrammeRead",
    "PageRedemptionRead",
    "PageReferralRead",
    "PageTransferRead",
    "PageUnionMemberReadCardHolder",
    "PageWebhookDeliveryRead",
    "PageWebhookEndpointRead",
    "Paired",
    "PairedQuestion",
    "Party",
    "PartyType",
    "PersonRead",
    "PinChange",
    "Problem",
    "ProfileUpdate",
    "ProfileUpdateAccessibilityType0Item",
    "ProfileUpdateCategoriesType0Item",
    "ProgrammeCreate",
    "ProgrammeRead",
    "ProgrammeStats",
    "Question",
    "QuestionCreate",
    "QuestionCreateType",
    "QuestionOutcome",
    "QuestionOutcomeCountsType0",
    "QuestionOutcomeType",
    "QuestionType",
    "RedemptionCheck",
    "RedemptionCheckReasonType0",
    "RedemptionCodeCreate",
    "RedemptionCodeCreated",
    "RedemptionDay",
    "RedemptionRead",
    "RedemptionRefundCreate",
    "RedemptionRequest",
    "RedemptionSummary",
    "ReferralAccept",
    "ReferralAttended",
    "ReferralClose",
    "ReferralCloseOutcome",
    "ReferralCreate",
    "ReferralCreateReasonCodesItem",
    "ReferralCreateUrgency",
    "ReferralDecline",
    "ReferralDeclineReason",
    "ReferralRead",
    "ReferralReadDeclineReasonType0",
    "ReferralReadOutcomeType0",
    "ReferralReadReasonCodesItem",
    "ReferralReadStatus",
    "ReferralReadUrgency",
    "ReferralStats",
    "ReferredPerson",
    "ReportLinkCreate",
    "ReportLinkCreated",
    "Restrictions",
    "RestrictionsDaysType0Item",
    "RestrictionsRead",
    "RestrictionsReadDaysType0Item",
    "ReversalCreate",
    "RowError",
    "ScoreOutcome",
    "Scoring",
    "ScoringCreate",
    "ScoringCreateOptionValuesType0",
    "ScoringOptionValuesType0",
    "SearchOffersAccessibleItem",
    "SearchOffersCategoryItem",
    "SearchOffersOpenOnType0",
    "SearchOpportunitiesAccessibleItem",
    "SearchOpportunitiesCategoryItem",
    "SearchOpportunitiesOpenOnType0",
    "SearchOrganisationsAccessibleItem",
    "SearchOrganisationsCategoryItem",
    "SearchOrganisationsOpenOnType0",
    "SearchOrganisationsRoleType0",
    "Share",
    "SkippedRow",
    "SlotInput",
    "SlotInputDay",
    "SlotOutput",
    "SlotOutputDay",
    "SpendCreate",
    "StatusCounts",
    "SurveyResponseCreate",
    "SurveyResponseCreateAnswers",
    "SurveyResponseCreateWave",
    "SurveyResponseRead",
    "SurveyResponseReadAnswers",
    "SurveyResponseReadWave",
    "SurveyTemplateCreate",
    "SurveyTemplateCreateSubject",
    "SurveyTemplateList",
    "SurveyTemplateRead",
    "SurveyTemplateReadSubject",
    "TransferRead",
    "TransferReadKind",
    "TransferReadMetadata",
    "WebhookDeliveryRead",
    "WebhookDeliveryReadStatus",
    "WebhookEndpointCreate",
    "WebhookEndpointCreated",
    "WebhookEndpointCreateEventTypesItem",
    "WebhookEndpointRead",
    "WebhookEndpointUpdate",
    "WebhookEndpointUpdateEventTypesType0Item",
    "WebhookSecretRotate",
    "WebhookSecretRotated",
)
