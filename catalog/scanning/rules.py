"""Name rules: what a column's name says it holds, read the way schema authors name things.

A column name is split into lower-case words (`billingEmailAddress` → billing email address,
`last_sign_in_ip` → last sign in ip, run-together words such as `firstname` or `zipcode` are
split too), and a rule matches the *end* of that word list: the last word of a column name is
its head noun. So `billing_email` is an e-mail address while `email_verified`, `phone_type`,
`email_sent_at` and `password_changed_at` are facts about one, and match nothing. Every rule is
whole-word: `zip` never matches inside `unzip`, `ip` never inside `zip`.

Some words need their table to mean anything: `name` is a person's name in `customers` and a
product's in `products`; `state` is part of an address beside `city` and `zip`, and an order's
status elsewhere. Those rules are marked and the classifier checks the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Needs(StrEnum):
    NOTHING = "nothing"
    PERSON = "person"  # a table about people, or a prefix naming one (billing_, contact_)
    ADDRESS = "address"  # other address parts in the same table, or an address prefix
    CARD = "card"  # a table of payment cards (credit_cards, payment_methods)
    BANK = "bank"  # a table of bank details (bank_accounts, direct_debit, payroll)


# Type classes a rule accepts; see classify.type_class.
TEXT, INT, FLOAT, BOOL, DATE, DATETIME, BINARY, UUID, GEO, OTHER = (
    "text",
    "integer",
    "decimal",
    "boolean",
    "date",
    "datetime",
    "binary",
    "uuid",
    "geometry",
    "other",
)
TEXTUAL = frozenset({TEXT, OTHER})


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    fideslang: str
    strength: float  # confidence of the name alone
    needs: Needs = Needs.NOTHING
    types: frozenset[str] = TEXTUAL
    confirm: tuple[str, ...] = ()  # recognisers whose match rate confirms (or contradicts) it
    veto_prefix: frozenset[str] = field(default_factory=frozenset)


def _rule(
    name: str,
    ends: str,
    key: str,
    strength: float = 0.85,
    *,
    needs: Needs = Needs.NOTHING,
    types: frozenset[str] | set[str] = TEXTUAL,
    confirm: tuple[str, ...] = (),
    veto: str = "",
) -> Rule:
    return Rule(
        name,
        re.compile(rf"(?:^|_)(?:{ends})$"),
        key,
        strength,
        needs,
        frozenset(types),
        confirm,
        frozenset(veto.split()),
    )


NUMBER = r"(?:_(?:no|nr|num|number|nbr|#))?"
# Prefixes saying a password or an address is a machine's, not a person's.
SYSTEM_PREFIX = (
    "smtp imap pop pop3 ftp sftp ssh db database mysql postgres redis ldap bind proxy wifi "
    "keystore truststore service server host gateway router dns nat node vm instance cluster "
    "load_balancer lb vpn printer camera sensor nas switch firewall"
)
PERSON_PREFIX = (
    "first given fore middle last family sur maiden full legal display contact customer client "
    "user person member patient employee staff student guardian parent emergency billing shipping "
    "ship bill delivery recipient sender owner holder account_holder card_holder cardholder "
    "buyer seller applicant candidate subscriber guest visitor lead referrer referee friend "
    "spouse partner beneficiary driver passenger author poster reviewer signer attendee "
    "contact_person "
    "manager agent rep sales_rep technician doctor physician nurse teacher instructor "
    "supervisor approver requester creator assignee reporter mother father next_of_kin"
)
NOT_A_PERSON = (
    "product item sku company org organisation organization business brand store shop merchant "
    "vendor supplier file host domain table column schema database db event category tag role "
    "group team project campaign app application device street city country state region bank "
    "plan service job task course field class module package feature metric report page site "
    "template theme menu channel network server cluster queue topic model collection folder "
    "attribute variant option list segment source venue location place building room "
    "warehouse carrier method type kind status stage step queue workflow display_product"
)

# Ordered: the first rule that matches wins, so the specific come before the general
# ("email_address" is an e-mail, not a postal address; "ip_address" an IP).
RULES: tuple[Rule, ...] = (
    # -- credentials (before names: "password" is never a person) --------------------------
    _rule(
        "password",
        r"(?:(?:encrypted|hashed|crypted|user|login|account|admin)_)?"
        r"(?:password|passwd|pwd|pass_?word|user_pass|pass_?phrase|passcode)"
        r"(?:_(?:hash|hashed|digest|salt|crypt|crypted|enc|encrypted|bcrypt))?"
        r"|pin_(?:hash|code)|salt",
        "user.authorization.password",
        0.9,
        types={TEXT, OTHER, BINARY},
        confirm=("password_hash", "hex_digest"),
        veto=SYSTEM_PREFIX,
    ),
    _rule(
        "secret_token",
        r"(?:api|access|refresh|auth|authentication|session|reset_password|password_reset|secure|"
        r"remember|confirmation|activation|verification|invite|invitation|magic_link|login|"
        r"otp|totp|mfa|two_factor|2fa|recovery|unlock|oauth|bearer|private|secret|signing)"
        r"_(?:token|key|secret|code|digest|hash)"
        r"|(?:otp|totp|mfa|two_factor|2fa|client|app)_secret|secret(?:_key)?|user_activation_key"
        r"|security_(?:answer|question_answer)|recovery_codes?|backup_codes?",
        "user.authorization.credentials",
        0.85,
        types={TEXT, OTHER, BINARY},
    ),
    # -- contact ------------------------------------------------------------------------------
    _rule(
        "email",
        r"e_?mail(?:_?addr(?:ess)?)?(?:_hash(?:ed)?)?|mail_?addr(?:ess)?|e_?mail_id|email_?address",
        "user.contact.email",
        0.9,
        confirm=("email",),
    ),
    _rule(
        "phone",
        r"(?:tele)?phone(?:_?number)?" + NUMBER + r"|mobile" + NUMBER + r"|mobile_phone|cell"
        r"(?:_?phone)?" + NUMBER + r"|tel" + NUMBER + r"|msisdn|sms_number|whatsapp(?:_number)?",
        "user.contact.phone_number",
        0.9,
        types={TEXT, OTHER, INT},
        confirm=("phone", "phone_digits"),
    ),
    _rule("fax", r"fax" + NUMBER, "user.contact.fax_number", 0.85, types={TEXT, OTHER, INT}),
    # -- network and device (before the postal address: "ip_address", "mac_address") ---------
    _rule(
        "ip",
        r"ip(?:_?v?[46])?(?:_?addr(?:ess)?)?|remote_?addr(?:ess)?|client_?ip|x_forwarded_for"
        r"|forwarded_for|source_ip|inet_addr",
        "user.device.ip_address",
        0.9,
        types={TEXT, OTHER, INT, BINARY},
        confirm=("ip_address",),
        veto=SYSTEM_PREFIX,
    ),
    _rule(
        "device_id",
        r"device_?(?:id|identifier|uuid|token|fingerprint|serial(?:_number)?)|udid|idfa|idfv"
        r"|gaid|aaid|adid|advertising_?id|ad_?id|android_?id|imei|imsi|meid|push_?token"
        r"|fcm_?token|apns_?token|registration_token|mac(?:_?addr(?:ess)?)?|hardware_id"
        r"|browser_fingerprint|fingerprint_id",
        "user.device.device_id",
        0.85,
        types={TEXT, OTHER, UUID, BINARY},
        confirm=("mac_address", "uuid"),
    ),
    _rule(
        "cookie_id",
        r"cookie(?:_?id)?|visitor_?id|anonymous_?id|anon_?id|ga_?client_?id|client_?cookie"
        r"|tracking_?id|distinct_?id|amplitude_id|mixpanel_id|segment_anonymous_id",
        "user.device.cookie_id",
        0.75,
        types={TEXT, OTHER, UUID},
    ),
    _rule(
        "user_agent",
        r"user_?agent|ua_string|http_user_agent|browser_?(?:string|agent)",
        "user.device",
        0.85,
        confirm=("user_agent",),
    ),
    # -- payment ------------------------------------------------------------------------------
    _rule(
        "card_number",
        r"(?:credit_|debit_)?card" + NUMBER + r"|(?:credit|debit)_card|cc" + NUMBER + r"|ccn|pan"
        r"|card_pan|primary_account_number",
        "user.financial.credit_card",
        0.9,
        types={TEXT, OTHER, INT},
        confirm=("card_number",),
    ),
    _rule(
        "card_detail",
        r"(?:card|cc)_(?:last_?4|last_?four|last_digits|exp(?:iry|iration)?(?:_(?:date|month|year|mm|yy|yyyy))?|"
        r"cvv2?|cvc2?|security_code|holder(?:_name)?|fingerprint|bin|token)"
        r"|last_?4|last_?four|last_digits|cvv2?|cvc2?|card_?holder(?:_name)?|cardholder",
        "user.financial.credit_card",
        0.8,
        types={TEXT, OTHER, INT},
    ),
    _rule(
        "card_table",
        # the whole name, never its end: `passport_number` is no card's number
        r"^(?:exp(?:iry|iration)?_?(?:date|month|year|mm|yy|yyyy)|month|year|number|last_?digits"
        r"|holder_?name|name_on_card)",
        "user.financial.credit_card",
        0.75,
        needs=Needs.CARD,
        types={TEXT, OTHER, INT},
    ),
    _rule(
        "payment_token",
        r"(?:stripe|braintree|adyen|paypal|square|checkout|gateway|psp|payment)"
        r"_(?:customer|payment|source|method|profile|card|payer|account|vault|mandate)"
        r"_(?:id|token|ref|reference)"
        r"|(?:payment|billing)_(?:token|instrument(?:_id)?|method_id|profile_id|source_id)"
        r"|(?:stripe|braintree|paypal|adyen)_(?:id|token|customer|customer_id)|payer_id",
        "user.payment",
        0.75,
        types={TEXT, OTHER},
    ),
    _rule(
        "bank_account",
        r"iban|bank_?account(?:_?number)?|bank_account"
        + NUMBER
        + r"|routing"
        + NUMBER
        + r"|sort_?code|aba"
        + NUMBER
        + r"|bsb(?:_number)?|bank_details",
        "user.financial.bank_account",
        0.85,
        types={TEXT, OTHER, INT},
        confirm=("iban", "bank_account_number"),
    ),
    _rule(
        # a bare account number is a bank's only when its values look like one: a ledger's
        # account 4000 is not
        "account_number",
        r"account_(?:no|nr|num|number|nbr)|acct_(?:no|num|number)",
        "user.financial.bank_account",
        0.7,
        types={TEXT, OTHER, INT},
        confirm=("iban", "bank_account_number"),
        veto="gl ledger chart coa general_ledger tax vat merchant",
    ),
    _rule(
        # a bare account (`dd_account`, `acct`) is a bank's only in a table of bank details, and
        # only where its values look like one: a ledger's account 4000 and a user's account
        # name are not
        "bank_table",
        r"(?:dd_)?(?:account|acct)",
        "user.financial.bank_account",
        0.75,
        needs=Needs.BANK,
        types={TEXT, OTHER, INT},
        confirm=("iban", "bank_account_number"),
    ),
    # -- government ids -----------------------------------------------------------------------
    _rule(
        "national_id",
        r"ssn"
        + NUMBER
        + r"|social_security(?:_number)?"
        + NUMBER
        + r"|sin"
        + NUMBER
        + r"|nino|ni_number|nic_(?:no|nr|num|number)"
        r"|national_(?:id|identification|insurance|identity|registration)(?:_number)?"
        + NUMBER
        + r"|tax_?(?:id|payer_id|identification)"
        + NUMBER
        + r"|federal_?tax_?id|tin|itin|personal_id_number"
        r"|personnummer|bsn|aadhaar(?:_number)?|cpf|curp|nif|nie|dni|pesel|codice_fiscale"
        r"|steuer_?id|taxvat|vat_?id|id_card"
        + NUMBER
        + r"|identity_card"
        + NUMBER
        + r"|citizen_id|resident_id"
        r"|voter_id|medicare" + NUMBER + r"|nhs" + NUMBER,
        "user.government_id.national_identification_number",
        0.9,
        types={TEXT, OTHER, INT},
        confirm=("national_id",),
    ),
    _rule(
        # a bare `ss` beside a person's other data is their social security number (a
        # duration would be a number, not text)
        "ss",
        r"ss",
        "user.government_id.national_identification_number",
        0.6,
        needs=Needs.PERSON,
        types={TEXT, OTHER},
        confirm=("national_id",),
    ),
    _rule(
        # a person's tax or fiscal code (codice fiscale); an invoice line's tax code is a rate's
        "tax_code",
        r"(?:tax|fiscal)_?code",
        "user.government_id.national_identification_number",
        0.6,
        needs=Needs.PERSON,
        types={TEXT, OTHER},
    ),
    _rule(
        # the numbers a state gives a clinician or prescriber: the U.S. National Provider
        # Identifier, the older UPIN, a DEA registration
        "professional_id",
        r"(?:npi|upin|dea)(?:_?(?:no|nr|num|number|id))?",
        "user.government_id",
        0.75,
        types={TEXT, OTHER, INT},
    ),
    _rule(
        "vehicle_registration",
        r"vehicle_?(?:registration|reg|plate)(?:_?(?:no|nr|num|number))?"
        r"|licen[cs]e_plate(?:_?(?:no|nr|num|number))?|number_?plate|plate_number"
        r"|registration_plate",
        "user.government_id.vehicle_registration",
        0.8,
        types={TEXT, OTHER},
    ),
    _rule(
        "immigration",
        r"visa_(?:no|nr|num|number)|immigration_(?:status|number|id|no)"
        r"|(?:work|residence|residency)_permit(?:_?(?:no|nr|num|number|id))?"
        r"|green_card(?:_number)?|alien_(?:number|registration_number)",
        "user.government_id.immigration",
        0.8,
        types={TEXT, OTHER},
    ),
    _rule(
        "birth_certificate",
        r"birth_certificate(?:_(?:no|nr|num|number|scan|copy|file))?",
        "user.government_id.birth_certificate",
        0.8,
        types={TEXT, OTHER, BINARY},
    ),
    _rule(
        "passport",
        r"passport(?:_?(?:no|nr|num|number|id))?",
        "user.government_id.passport_number",
        0.9,
        types={TEXT, OTHER},
    ),
    _rule(
        "driving_licence",
        r"(?:drivers?_|driving_)?licen[cs]e" + NUMBER + r"|dl" + r"_(?:no|nr|num|number)"
        r"|drivers?_licen[cs]e|driving_licen[cs]e",
        "user.government_id.drivers_license_number",
        0.8,
        types={TEXT, OTHER},
        veto="software product business liquor trading app",
    ),
    # -- dates of birth, demographics ---------------------------------------------------------
    _rule(
        "birth_date",
        r"d_?o_?b|birth(?:_?(?:date|day|dt|datetime))?|birthday|date_of_birth|born(?:_(?:on|at))?"
        r"|birth_?date",
        "user.demographic.date_of_birth",
        0.9,
        types={TEXT, OTHER, DATE, DATETIME, INT},
        confirm=("birth_date",),
    ),
    _rule(
        "birth_year",
        r"birth_?year|year_of_birth|yob",
        "user.demographic.date_of_birth",
        0.8,
        types={TEXT, OTHER, INT},
    ),
    _rule(
        "gender",
        r"gender(?:_identity)?|sex",
        "user.demographic.gender",
        0.85,
        types={TEXT, OTHER, INT, BOOL},
        confirm=("gender",),
    ),
    _rule(
        "age",
        r"age|age_years",
        "user.demographic.age_range",
        0.6,
        needs=Needs.PERSON,
        types={INT, TEXT, OTHER},
    ),
    _rule("marital", r"marital_?status|civil_status", "user.demographic.marital_status", 0.85),
    _rule(
        "race",
        r"race|ethnicity|ethnic_origin|race_ethnicity",
        "user.demographic.race_ethnicity",
        0.85,
    ),
    _rule(
        "religion", r"religion|religious_belief|faith", "user.demographic.religious_belief", 0.85
    ),
    _rule("orientation", r"sexual_orientation", "user.demographic.sexual_orientation", 0.9),
    _rule(
        "political",
        r"political_(?:opinion|party|affiliation|view)",
        "user.demographic.political_opinion",
        0.9,
    ),
    _rule("nationality", r"nationality|citizenship", "user.demographic.profile", 0.75),
    _rule(
        "language",
        r"(?:preferred_|spoken_)?language|locale",
        "user.demographic.language",
        0.55,
        needs=Needs.PERSON,
    ),
    # -- health and biometrics ----------------------------------------------------------------
    _rule(
        "health",
        r"diagnos[ie]s|medical_(?:condition|history|record|notes)|blood_type|allerg(?:y|ies)"
        r"|medication|prescription|disability|health_(?:condition|status|record)|symptoms",
        "user.health_and_medical",
        0.85,
    ),
    _rule(
        "biometric",
        r"fingerprint(?:_template)?|face_(?:template|embedding|encoding)|voice_?print|iris_scan"
        r"|retina_scan|biometric(?:_template|_data)?",
        "user.biometric",
        0.85,
        types={TEXT, OTHER, BINARY},
    ),
    _rule(
        "self_image",
        r"avatar(?:_url)?|photo(?:_url)?|profile_(?:picture|photo|image|pic)(?:_url)?|picture"
        r"|headshot|selfie|portrait",
        "user.content.self_image",
        0.65,
        needs=Needs.PERSON,
        types={TEXT, OTHER, BINARY},
    ),
    _rule(
        "token",
        r"token|tokens|token_digest|token_hash",
        "user.authorization.credentials",
        0.6,
        needs=Needs.PERSON,
        types={TEXT, OTHER, BINARY},
    ),
    _rule(
        "recording",
        r"(?:audio|voice|call|voicemail|video|phone)_?(?:recording|record)s?(?:_(?:uri|url|file|path|key|id))?"
        r"|recording(?:_(?:uri|url|file|path|key))?|(?:audio|voice)_(?:uri|url|file|path|key|blob)"
        r"|transcript(?:ion)?",
        "user.content.private",
        0.6,
        needs=Needs.PERSON,
        types={TEXT, OTHER, BINARY},
    ),
    # -- names and accounts -------------------------------------------------------------------
    _rule(
        "username",
        r"user_?name|login_?name|login_id|user_login|screen_?name|user_nicename|uname",
        "user.account.username",
        0.85,
    ),
    _rule(
        "handle",
        r"login|handle|nick_?name|alias|user_handle",
        "user.account.username",
        0.65,
        needs=Needs.PERSON,
    ),
    _rule(
        "first_name",
        r"(?:first|given|fore|christian)_?name|fname|forename",
        "user.name.first",
        0.9,
        confirm=("person_name",),
    ),
    _rule(
        "last_name",
        r"(?:last|family|sur|maiden)_?name|lname|surname",
        "user.name.last",
        0.9,
        confirm=("person_name",),
    ),
    _rule("middle_name", r"middle_?names?|middle_initial", "user.name", 0.85),
    _rule(
        "person_name",
        r"(?:" + "|".join(PERSON_PREFIX.split()) + r")_(?:full_)?name|full_?name|display_?name"
        r"|legal_name|real_name|attention|care_of",
        "user.name",
        0.85,
        confirm=("person_name",),
    ),
    _rule(
        "name",
        r"name|names|name_full",
        "user.name",
        0.7,
        needs=Needs.PERSON,
        confirm=("person_name",),
        veto=NOT_A_PERSON,
    ),
    _rule(
        "person_role",
        r"author|commenter|reviewer|sender_name|recipient_name|assignee_name|reporter_name",
        "user.name",
        0.6,
        needs=Needs.PERSON,
        confirm=("person_name",),
    ),
    _rule(
        "job_title",
        r"job_?title|occupation|profession|designation|job_position",
        "user.job_title",
        0.75,
        needs=Needs.PERSON,
    ),
    _rule(
        "employer",
        r"employer|company(?:_name)?|organi[sz]ation(?:_name)?|workplace",
        "user.contact.organization",
        0.55,
        needs=Needs.PERSON,
    ),
    _rule(
        "url",
        r"website|homepage|home_page|personal_url|user_url|blog_url|linkedin(?:_url)?|twitter(?:_handle)?|facebook(?:_url|_id)?|instagram",
        "user.contact.url",
        0.6,
        needs=Needs.PERSON,
    ),
    # -- postal address -----------------------------------------------------------------------
    _rule(
        "postal_code",
        r"(?:zip|postal|post)_?code|postcode|zipcode|zip|plz|cep|pin_?code|eircode",
        "user.contact.address.postal_code",
        0.85,
        types={TEXT, OTHER, INT},
        confirm=("postal_code",),
    ),
    _rule(
        "street",
        r"(?:street|postal|mailing|home|residential|billing|shipping|ship|delivery|physical|"
        r"permanent|current|primary|secondary|work|office|customer|contact)?_?address(?:_?(?:line)?_?[1-4])?"
        r"|address_?line_?[1-4]?|addr(?:_?[1-4])?|addr_?line_?[1-4]|street(?:_?(?:address|name|line|number|no))?"
        r"|street_?[1-4]|house_?(?:number|no|name)|building_?(?:number|name)|apartment|apt|suite|unit_number|po_box|address_full",
        "user.contact.address.street",
        0.85,
        veto="email e_mail mail ip mac web url server host billing_email wallet contract node memory bitcoin ethereum crypto",
    ),
    _rule(
        "city",
        r"city|town|locality|suburb|municipality|city_name|city_village|village|hamlet"
        r"|neighbou?rhood",
        "user.contact.address.city",
        0.75,
        needs=Needs.ADDRESS,
    ),
    _rule(
        "state",
        r"state|province|region|county|state_?(?:code|name|province)|prefecture|district"
        r"|county_district",
        "user.contact.address.state",
        0.7,
        needs=Needs.ADDRESS,
    ),
    _rule(
        "country",
        r"country(?:_?(?:code|name|iso|iso2|iso3))?",
        "user.contact.address.country",
        0.7,
        needs=Needs.ADDRESS,
        veto="origin manufacture manufacturing production source producer made_in shipping_from ship_from issuing currency",
    ),
    # -- location -----------------------------------------------------------------------------
    _rule(
        "geo_column",
        r"location|spatial_location|point|position|place|geo|coordinates?|geom|geog",
        "user.location.precise",
        0.8,
        types={GEO},
    ),
    _rule(
        "coordinates",
        r"lat(?:itude)?|lng|lon|long|longitude|geo_?(?:location|point|position|hash|coordinates|coords)?"
        r"|coordinates?|coords|gps(?:_(?:location|coords|coordinates|position))?|location_(?:point|coords|coordinates)"
        r"|lat_?lng|lat_?long|latlon|geom|geometry|geog|geography",
        "user.location.precise",
        0.8,
        types={FLOAT, INT, TEXT, OTHER, GEO},
        confirm=("degrees", "coordinates"),
    ),
    # -- behaviour ----------------------------------------------------------------------------
    _rule(
        "search",
        r"search_(?:query|term|terms|string|history)|query_string",
        "user.behavior.search_history",
        0.6,
    ),
    _rule(
        "browsing",
        r"(?:page_|visited_)?url_history|browsing_history|visited_urls?|page_views?|referr?er_url|landing_page",
        "user.behavior.browsing_history",
        0.55,
        needs=Needs.PERSON,
    ),
    # -- identifiers of a person --------------------------------------------------------------
    _rule(
        "person_id",
        r"(?:user|customer|client|member|patient|employee|person|account_holder|subscriber"
        r"|contact|buyer|guest|visitor|shopper|student|referrer|referee|recipient|sender"
        r"|passenger|traveller|traveler|applicant|candidate)_?(?:id|uuid|guid|key|number|no|ref)",
        "user.unique_id",
        0.6,
        types={TEXT, OTHER, INT, UUID},
    ),
)

# Words that name a table about people. A table's words are matched whole, singular or plural.
PERSON_TABLES = frozenset(
    "user account customer client person people member contact employee staff personnel "
    "patient student teacher author subscriber recipient guest applicant candidate driver "
    "owner profile buyer seller shopper visitor lead prospect referral friend partner "
    "beneficiary passenger traveller traveler attendee participant volunteer donor tenant "
    "resident citizen voter individual consumer admin administrator operator agent rep "
    "representative signup registration identity address billing shipping party "
    "actor artist composer director manager supervisor worker hire invoice order "
    "reservation booking appointment enrollment enrolment payment card credit_card "
    "auth_user wp_user".split()
)
# Words that name a table about things: a `name` or an address there is not a person's.
OBJECT_TABLES = frozenset(
    "product item sku catalog catalogue category categories store shop warehouse branch "
    "office venue location place site building room facility plant supplier vendor "
    "airport station stop port hotel restaurant property listing asset server host "
    "manufacturer brand company companies organisation organization business merchant tenant_config "
    "country countries region city cities state currency language languages genre media "
    "album track film movie book inventory stock variant option attribute tag tags "
    "setting settings config configuration feature flag plan tier price prices rate "
    "tax carrier shipper shipping_method channel campaign job task "
    "migration schema_migration version log_type status type lookup enum "
    "school institution establishment entity hospital clinic ward department agency org "
    "mailbox queue".split()
)
ADDRESS_PARTS = frozenset({"street", "postal_code", "city", "state", "country"})
# Tables of payment cards: their bare `number`, `month` and `year` are the card's.
CARD_TABLES = frozenset(
    "card credit_card creditcard payment_card payment_method payment_source cc stored_card".split()
)
# Tables of bank details: a bare `account` in them is a bank account's number.
BANK_TABLES = frozenset(
    "bank banks banking bankaccount bankaccounts bankdetails debit debits directdebit "
    "deposit deposits directdeposit payroll payout payouts remittance sepa ach mandate "
    "mandates".split()
)
# Words after a column's head that leave its meaning as it is: phone_home is a phone,
# username_lower a username, address2 an address.
TRANSPARENT_TAIL = frozenset(
    "home work mobile cell office alt alternate other primary secondary business private "
    "personal main direct lower upper lowercase uppercase normalized normalised canonical raw "
    "plain clean full".split()
)
# A prefix naming the thing an address or a name belongs to, when it is a person.
ADDRESS_PREFIX = frozenset(
    "billing shipping ship bill delivery mailing home residential postal customer contact "
    "permanent current primary secondary work".split()
)
