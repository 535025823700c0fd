"""Legal reference data the inventory classifies against: statute text, not policy text."""

from __future__ import annotations

from enum import StrEnum

# Cal. Civ. Code §1798.140(v)(1): the enumerated categories of personal information.
CCPA_CATEGORIES: dict[str, str] = {
    "A": "Identifiers",
    "B": "Personal information categories listed in §1798.80(e)",
    "C": "Characteristics of protected classifications",
    "D": "Commercial information",
    "E": "Biometric information",
    "F": "Internet or other electronic network activity information",
    "G": "Geolocation data",
    "H": "Audio, electronic, visual, thermal, olfactory, or similar information",
    "I": "Professional or employment-related information",
    "J": "Education information",
    "K": "Inferences drawn to create a profile",
    "L": "Sensitive personal information",
}


def ccpa_label(letter: str) -> str:
    return f"({letter}) {CCPA_CATEGORIES[letter]}"


class CcpaPurpose(StrEnum):
    """§1798.140(e)(1)-(8) business purposes, and the commercial purposes outside that list."""

    AUDITING = "auditing"
    SECURITY = "security_integrity"
    DEBUGGING = "debugging"
    TRANSIENT = "short_term_transient_use"
    SERVICES = "performing_services"
    ADVERTISING_SERVICES = "advertising_marketing_services"
    RESEARCH = "internal_research"
    QUALITY = "quality_and_safety"
    CROSS_CONTEXT = "cross_context_behavioral_advertising"
    COMMERCIAL = "commercial_purpose"
    LEGAL = "legal_compliance"


CCPA_PURPOSE_LABELS: dict[CcpaPurpose, str] = {
    CcpaPurpose.AUDITING: "§1798.140(e)(1) Auditing related to interactions with consumers",
    CcpaPurpose.SECURITY: "§1798.140(e)(2) Helping to ensure security and integrity",
    CcpaPurpose.DEBUGGING: "§1798.140(e)(3) Debugging to identify and repair errors",
    CcpaPurpose.TRANSIENT: "§1798.140(e)(4) Short-term, transient use",
    CcpaPurpose.SERVICES: "§1798.140(e)(5) Performing services on behalf of the business",
    CcpaPurpose.ADVERTISING_SERVICES: (
        "§1798.140(e)(6) Advertising and marketing services, except cross-context "
        "behavioral advertising"
    ),
    CcpaPurpose.RESEARCH: "§1798.140(e)(7) Internal research for technological development",
    CcpaPurpose.QUALITY: "§1798.140(e)(8) Maintaining or improving quality and safety",
    CcpaPurpose.CROSS_CONTEXT: (
        "Commercial purpose: cross-context behavioral advertising (§1798.140(k)), not a "
        "business purpose"
    ),
    CcpaPurpose.COMMERCIAL: "Commercial purpose (§1798.140(n)), not a business purpose",
    CcpaPurpose.LEGAL: "Compliance with legal obligations (§1798.145(a))",
}


class RecipientRole(StrEnum):
    SERVICE_PROVIDER = "service_provider"
    THIRD_PARTY = "third_party"
    AFFILIATE = "affiliate"
    PUBLIC_AUTHORITY = "public_authority"
    ACQUIRER = "acquirer"


RECIPIENT_ROLE_LABELS: dict[RecipientRole, str] = {
    RecipientRole.SERVICE_PROVIDER: "Service provider / processor",
    RecipientRole.THIRD_PARTY: "Third party",
    RecipientRole.AFFILIATE: "Affiliate",
    RecipientRole.PUBLIC_AUTHORITY: "Public authority",
    RecipientRole.ACQUIRER: "Acquirer (business transfer)",
}

# The DPV entity each role corresponds to, used when no more specific term is given.
RECIPIENT_ROLE_DPV: dict[RecipientRole, str] = {
    RecipientRole.SERVICE_PROVIDER: "dpv:DataProcessor",
    RecipientRole.THIRD_PARTY: "dpv:ThirdParty",
    RecipientRole.AFFILIATE: "dpv:Recipient",
    RecipientRole.PUBLIC_AUTHORITY: "dpv:Authority",
    RecipientRole.ACQUIRER: "dpv:ThirdParty",
}
