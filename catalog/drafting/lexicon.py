"""The words a privacy notice uses, and what datamap reads them as.

Each table is a reading, not a claim of any one notice: a phrase of the text maps to a fideslang
key (and through it to a DPV term and a CCPA §1798.140(v)(1) letter), a recipient role, a
purpose, a right, a transfer mechanism. Patterns are written for notices in general (the words
of the GDPR, the CCPA and everyday English), never for one company's wording.
"""

from __future__ import annotations

import re

# -- data: phrase -> fideslang data category ---------------------------------------------------
# Longer, more specific phrases first: the first pattern to cover a span wins it.
_DATA: list[tuple[str, str]] = [
    (
        r"(?:visit|session) duration|interaction (?:information|data)|navigation (?:paths?|data|history)|page context|clickstream(?: data)?|(?:referring|exit)(?:/exit)? pages|date(?:/| and )time stamps?|time ?stamps?|(?:number of )?clicks",
        "user.behavior",
    ),
    (r"uploaded content|content (?:that )?you upload|data (?:that )?you upload", "user.content"),
    (r"passwords?|passcodes?", "user.authorization.password"),
    (r"(?:login|log-in|sign-in) (?:data|information|details|state|history)", "user.authorization"),
    (r"identity (?:data|information|details)", "user.name"),
    (r"technical (?:data|information|details)|time ?zones?(?: settings?)?", "user.device"),
    (r"transactional (?:data|information|details)", "user.behavior.purchase_history"),
    (r"(?:device|browser)(?: or browser)? fingerprints?", "user.unique_id.pseudonymous"),
    # identifiers and accounts
    (
        r"(?:social security|national insurance|national id(?:entification)?|tax(?:payer)? "
        r"identification|personal identification) (?:number|no\.?)s?|SSNs?|ITINs?|VAT (?:registration )?numbers?",
        "user.government_id.national_identification_number",
    ),
    (
        r"driver'?s'? licen[cs]e(?: numbers?| information| details)?|driving licen[cs]es?",
        "user.government_id.drivers_license_number",
    ),
    (r"passport(?: numbers?| information| details)?", "user.government_id.passport_number"),
    (
        r"(?:immigration|visa|citizenship|residency) (?:status|information|documents?)",
        "user.government_id.immigration",
    ),
    (
        r"government[- ](?:issued )?(?:identification|identifiers?|ids?)(?: numbers?)?|government identifiers?|identity documents?|(?:state )?identification cards?|id cards?",
        "user.government_id",
    ),
    (
        r"(?:login|log-in|sign-in|account) credentials|credentials|passwords?|security questions?(?: and answers)?|pin(?: codes?| numbers?)",
        "user.authorization.credentials",
    ),
    (
        r"user ?names?|usernames?|screen names?|account names?|social media (?:user ?names?|handles?)|handles?",
        "user.account.username",
    ),
    (
        r"account (?:information|details|data|settings)|(?:your )?accounts?(?= (?:information|details))|profile (?:information|details|data)|account preferences",
        "user.account",
    ),
    (  # (how you want to hear from us is a privacy preference: below)
        r"(?:display |language )?preferences|settings",
        "user.account.settings",
    ),
    (
        r"login sessions?|authentication (?:data|information|tokens?)|session (?:data|information|identifiers?|ids?)",
        "user.authorization",
    ),
    (
        r"(?:unique |online |persistent |customer |user |account |member(?:ship)? |loyalty (?:program )?|rewards? )?(?:identifiers?|id numbers?|ids)(?! cards?)|(?:user|member|account|customer|player|session|service) id\b",
        "user.unique_id",
    ),
    (
        r"(?:mobile )?advertising (?:identifiers?|ids?)|(?:mobile )?ad ids?|IDFAs?|AAIDs?",
        "user.device.device_id",
    ),
    (
        r"(?:mobile )?device (?:identifiers?|ids?|ID numbers?)|IMEIs?|MAC address(?:es)?|UDIDs?",
        "user.device.device_id",
    ),
    (
        r"IP[- ]address(?:es)?|internet protocol (?:\(\s*[\"“”']?IP[\"“”']?\s*\) )?address(?:es)?",
        "user.device.ip_address",
    ),
    (r"cookie (?:identifiers?|ids?)|unique cookie ids?", "user.device.cookie_id"),
    (
        r"cookies?(?: data| information)?|web beacons?|pixels?(?: tags?)?|tracking (?:pixels|images|technolog(?:y|ies))|local storage|clear gifs?|tags|SDKs?",
        "user.device.cookie",
    ),
    (
        r"device (?:and browser )?(?:information|data|details|type|model|attributes|characteristics|settings)|browser (?:type|information|settings|version|language)|(?:operating system|os)(?: version)?|user[- ]agents?|hardware model|(?:mobile )?network (?:information|data)|internet service providers? \(isp\)|platform type|type of (?:device|browser)(?: you(?:'re| are) using)?|screen (?:size|resolution)|(?:details about your )?internet connection(?: details)?|web browser|device",
        "user.device",
    ),
    # contact
    (r"e-?mail (?:address(?:es)?|contacts?)|e-?mails? addresses|email", "user.contact.email"),
    (
        r"(?:tele)?phone (?:numbers?|no\.?)|mobile (?:phone )?numbers?|cell(?:ular)? (?:phone )?numbers?|phone|fax numbers?",
        "user.contact.phone_number",
    ),
    (
        r"(?:postal|mailing|physical|home|street|billing|shipping|delivery|residential|business|work) address(?:es)?|(?:postal|mailing) addresses|addresses|address",
        "user.contact.address",
    ),
    (r"(?:zip|postal|post) codes?", "user.contact.address.postal_code"),
    (
        r"contact (?:information|details|data|info)",
        "user.contact",
    ),
    # (the people in your address book are your social graph, not your own contact details)
    (r"contact lists?|address books?|contacts", "user.social"),
    (r"(?:company|business|employer|organi[sz]ation) names?", "user.contact.organization"),
    (r"(?:associated )?domain names?|website urls?|urls?", "user.contact.url"),
    # names
    (
        r"surnames?|forenames?|(?:full |legal |real |first and last |first |last |middle |family |given |maiden |preferred )?names?(?! of (?:the|a|an|our|any|your) (?:service|company|business|website|browser|device|app|application|file|page|document|operating system|network|carrier|site|domain|product))",
        "user.name",
    ),
    (r"signatures?", "user.name"),
    # demographics
    (r"dates? of birth|birth ?dates?|birthdays?|DOB", "user.demographic.date_of_birth"),
    (r"places? of birth|birthplaces?", "user.demographic"),
    (r"(?:data and )?connection (?:information|data|details)", "user.device"),
    # (not "16 years of age", "of legal age", "coming of age": an age limit, no one's age)
    (
        r"(?<!years of )(?<!year of )(?<!legal )(?<!coming of )age(?: range| group| bracket)?s?(?! of)",
        "user.demographic.age_range",
    ),
    (r"gender(?: identity)?|sex", "user.demographic.gender"),
    (r"(?:racial|ethnic) (?:or ethnic )?origin|race|ethnicity", "user.demographic.race_ethnicity"),
    (
        r"religio(?:n|us (?:or philosophical )?beliefs?)|philosophical beliefs?",
        "user.demographic.religious_belief",
    ),
    (r"political (?:opinions?|views|affiliations?)", "user.demographic.political_opinion"),
    (r"sexual orientation|sex life", "user.demographic.sexual_orientation"),
    (r"marital status|family status", "user.demographic.marital_status"),
    (r"(?:preferred )?language(?: preferences?)?", "user.demographic.language"),
    (
        r"demographic (?:information|data|details)|demographics|household (?:information|income|size)|nationality|citizenship|veteran or military status|military status",
        "user.demographic",
    ),
    (r"trade union membership|union membership", "user.demographic"),
    # financial
    (
        r"(?:credit|debit|payment|bank) card (?:numbers?|information|details|data)|(?:credit|debit|payment) cards?|card (?:numbers?|information|details)|cardholder data",
        "user.financial.credit_card",
    ),
    (
        r"bank (?:account )?(?:numbers?|information|details)|bank accounts?|(?:iban|routing|account) numbers?|financial account (?:numbers?|information)",
        "user.financial.bank_account",
    ),
    (
        r"payment (?:information|details|data|methods?|mandate information)|billing (?:information|details|data)|financial (?:information|data|details)|credit (?:history|checks?|scores?|information)|income|salary|tax (?:information|identifiers?)|transaction (?:information|data|details|history)?",
        "user.financial",
    ),
    # behaviour and commerce
    (
        r"purchase (?:history|information|records?|details)|order (?:history|information|details|records?)|transaction history|products? (?:you )?(?:purchased|bought|considered)|records of (?:personal property, )?products? or services purchased|(?:booking|reservation|ride|trip|travel) (?:history|data|information|details|references?|records?)|commercial information|(?:purchasing|consuming) histories or tendencies|(?<!in )(?<!In )orders?(?! to\b)|purchases?",
        "user.behavior.purchase_history",
    ),
    (
        r"search (?:history|queries|terms)",
        "user.behavior.search_history",
    ),
    (
        r"(?:browsing|viewing|web|internet) history|pages? (?:you )?(?:visit(?:ed)?|view(?:ed)?)|clickstream|links? (?:you )?click(?:ed)?|what you (?:click(?: on)?|view|look at)|how long you spend on (?:pages|the site|our site)|(?:the )?last site you visited|refer(?:ring|ral|rer) (?:urls?|web ?sites?|pages?)|urls? of (?:the )?pages? (?:you )?(?:visit(?:ed)?|view(?:ed)?|access(?:ed)?)|page views?|(?:statistics|data) on page views|traffic to and from (?:the|our) (?:sites?|websites?)|browsing (?:activity|behaviou?r|data)|product browsing history",
        "user.behavior.browsing_history",
    ),
    (
        r"(?:internet|network|online|electronic network|website|app|platform|service)(?: or other (?:electronic |similar )?network(?: or device)?)? activity(?: information)?|usage (?:data|information|details|logs?)|(?:information|data) about (?:how you use|your (?:use|usage|interactions?))|interactions? with (?:our|the) (?:services?|sites?|websites?|apps?|emails?|ads|advertisements)|log (?:files?|data|information)|logs|web server logs|activity (?:data|information)|engagement (?:data|information)|(?:use|usage) of (?:the|our) (?:services?|sites?|websites?|platform)",
        "user.behavior",
    ),
    (
        r"media consumption|(?:video|audio|content) (?:viewing|listening) (?:history|information)",
        "user.behavior.media_consumption",
    ),
    (
        r"inferences?(?: drawn)?|profiles?|preferences, characteristics|interests?|(?:customer|consumer) preferences",
        "user.demographic.profile",
    ),
    # location
    (
        r"precise (?:geo)?location(?: information| data)?|gps(?: location| coordinates| data)?|geo-?location(?: information| data)?",
        "user.location.precise",
    ),
    (
        r"(?:general|approximate|coarse|imprecise) location(?: information| data)?|(?:city|country|region|state) (?:or (?:city|country|region|state) )?(?:level )?location|location (?:information|data|details)|locations?",
        "user.location",
    ),
    # health, biometrics, sensitive
    (
        r"biometric (?:information|data|identifiers?)|face(?:print)?s? geometry|fingerprints?|voiceprints?|facial (?:recognition|geometry|scans?)|retina (?:or iris )?scans?",
        "user.biometric",
    ),
    (r"genetic (?:information|data)", "user.health_and_medical.genetic"),
    (
        r"(?:health|medical)(?: and (?:health|medical))? (?:information|data|records?|conditions?|history)|health|medical|disabilit(?:y|ies)|allerg(?:y|ies)|dietary (?:restrictions|needs)|prescriptions?|fitness (?:information|data)|heart[- ]rates?|blood pressure|(?:body )?weight|height|body mass index|bmi|sleep (?:data|patterns?|information)|menstrua\w+|pregnan\w+|symptoms?|diagnos[ie]s|medications?|calories burned",
        "user.health_and_medical",
    ),
    (
        r"health insurance (?:information|numbers?)|insurance (?:information|policy numbers?)",
        "user.health_and_medical.insurance_beneficiary_id",
    ),
    (
        r"criminal (?:history|records?|convictions?|offen[cs]es?)|background checks?",
        "user.criminal_history",
    ),
    # content and communications
    (
        r"(?:photos?|photographs?|pictures?|images?|videos?|selfies?|profile (?:photos?|pictures?))",
        "user.content.self_image",
    ),
    (
        r"(?:audio|voice|call|(?:tele)?phone) recordings?|recordings of (?:your )?(?:(?:tele)?phone )?calls|voice (?:data|messages?)",
        "user.biometric.voice",
    ),
    (r"video recordings?", "user.content.self_image"),
    (
        r"recordings|audio(?:,? (?:or |and )?(?:electronic|visual|thermal|olfactory))+,?(?: or similar)?(?: information)?(?: or similar information)?",
        "user.sensor",
    ),
    (
        r"reviews?|posts?|testimonials?|(?:public|publicly available) (?:content|information|profile)|content (?:you|that you) (?:post|share|publish)|user[- ]generated content|ratings?",
        "user.content.public",
    ),
    # (a comment may be posted for all to read or sent to us alone: the text seldom says which)
    (r"comments?", "user.content"),
    (
        r"feedback|messages?|communications?(?: with us| content)?|correspondence|(?:chat|support) (?:conversations?|transcripts?|requests?|tickets?)|conversations?|inquir(?:y|ies)|survey (?:responses|answers)|responses? to surveys|content of (?:the )?(?:emails?|messages?)|emails? to our support team|subject and content",
        "user.content.private",
    ),
    (
        r"social (?:media|network(?:ing)?) (?:information|profiles?|accounts?|data|content|posts?)|social media|followers|friends? lists?|friend(?:ship)? connections|(?:people|members|accounts) (?:you|who) follow(?: you)?",
        "user.social",
    ),
    # work and education
    (
        r"employers?|places? of (?:work|employment)|workplaces?",
        "user.workplace",
    ),
    (  # fideslang: "Professional data" (user.workplace is the organisation of employment)
        r"job titles?|titles?|positions?|occupations?|professional (?:or employment[- ]related )?information|employment(?:[- ]related)? (?:information|history|details)|work history|professional (?:background|qualifications)|resumes?|cvs?|cover letters?",
        "user.job_title",
    ),
    (  # fideslang publishes no education key; it describes the person, as demographics do
        r"education(?:al)? (?:information|history|background|records?|level)|education|transcripts?|degrees?",
        "user.demographic",
    ),
    # telemetry and sensors
    (
        r"sensor data|telemetry|accelerometer|gyroscope|speed|pace|cadence|elevation|power (?:data|output)|(?:data|information) from (?:connected |wearable )?devices",
        "user.sensor",
    ),
    (
        r"vehicle (?:information|identification numbers?)|vins?|license plates?",
        "user.government_id.vehicle_registration",
    ),
    (
        r"(?:privacy|consent|opt-?out|(?:direct )?marketing|communications?|e-?mail|advertising) "
        r"(?:choices|preferences|status)",
        "user.privacy_preferences",
    ),
    (r"children'?s (?:personal )?(?:information|data)", "user.childrens"),
]
DATA_TERMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE), k) for p, k in _DATA
]

# Words too general to be a data item on their own; they count only inside a longer phrase
# or a list that is plainly about data ("we collect: • Email • Address").
WEAK_TERMS = frozenset(
    """email phone address addresses contacts device settings preferences logs orders purchases
    posts comments reviews ratings feedback messages communications conversations titles
    positions degrees transcripts health medical tags profiles interests age ages sex race
    handles recordings locations location photos pictures images videos social media urls url
    credentials""".split()
)

# The whole of personal information, as notices say it.
GENERAL_DATA = re.compile(
    r"(?<![\w-])(?:(?:your |the |any |certain |such |all |this )?(?:personal (?:information|data|"
    r"details)|(?:personally identifiable|identifying) information|PII)|(?:your |the |this |such |"
    r"any |certain |all )(?:information|data))(?![\w-])",
    re.IGNORECASE,
)

# fideslang key -> (DPV personal-data term, CCPA §1798.140(v)(1) letters), by longest prefix.
CLASSIFICATION: dict[str, tuple[str, tuple[str, ...]]] = {
    "user": ("dpv:PersonalData", ("A",)),
    "user.account": ("pd:AccountIdentifier", ("A",)),
    "user.account.username": ("pd:Username", ("A",)),
    "user.account.settings": ("pd:Preference", ("K",)),
    "user.authorization": ("pd:Authenticating", ("A",)),
    "user.authorization.credentials": ("pd:Password", ("A", "L")),
    "user.behavior": ("pd:ServiceConsumptionBehaviour", ("F",)),
    "user.behavior.browsing_history": ("pd:BrowsingBehaviour", ("F",)),
    "user.behavior.search_history": ("pd:BrowsingBehaviour", ("F",)),
    "user.behavior.purchase_history": ("pd:PurchasesAndSpendingHabit", ("D",)),
    "user.behavior.media_consumption": ("pd:ServiceConsumptionBehaviour", ("F",)),
    "user.biometric": ("pd:Biometric", ("E", "L")),
    # (a recorded call is audio information, not a voiceprint: no biometric letter)
    "user.biometric.voice": ("pd:VoiceCommunicationRecording", ("H",)),
    "user.childrens": ("dpv:PersonalData", ("A",)),
    "user.contact": ("pd:Contact", ("A", "B")),
    "user.contact.email": ("pd:EmailAddress", ("A", "B")),
    "user.contact.phone_number": ("pd:TelephoneNumber", ("A", "B")),
    "user.contact.address": ("pd:PhysicalAddress", ("A", "B")),
    "user.contact.address.postal_code": ("pd:PostalCode", ("A", "B")),
    "user.contact.organization": ("pd:Contact", ("I",)),
    "user.contact.url": ("pd:Identifier", ("A",)),
    "user.content": ("pd:Communication", ("H",)),
    "user.content.private": ("pd:Communication", ("H",)),
    "user.content.public": ("pd:PubliclyAvailableSocialMedia", ("H",)),
    "user.content.self_image": ("pd:Picture", ("H",)),
    "user.criminal_history": ("pd:Criminal", ("L",)),
    "user.demographic": ("pd:Demographic", ("C",)),
    "user.demographic.age_range": ("pd:AgeRange", ("C",)),
    "user.demographic.date_of_birth": ("pd:BirthDate", ("B", "C")),
    "user.demographic.gender": ("pd:Gender", ("C",)),
    "user.demographic.language": ("pd:Language", ("C",)),
    "user.demographic.marital_status": ("pd:MaritalStatus", ("C",)),
    "user.demographic.political_opinion": ("pd:PoliticalOpinion", ("L",)),
    "user.demographic.profile": ("pd:Profile", ("K",)),
    "user.demographic.race_ethnicity": ("pd:Ethnicity", ("C", "L")),
    "user.demographic.religious_belief": ("pd:ReligiousBelief", ("C", "L")),
    "user.demographic.sexual_orientation": ("pd:SexualPreference", ("C", "L")),
    "user.device": ("pd:DeviceBased", ("F",)),
    "user.device.cookie": ("pd:Tracking", ("F",)),
    "user.device.cookie_id": ("pd:Tracking", ("A", "F")),
    "user.device.device_id": ("pd:DeviceBased", ("A", "F")),
    "user.device.ip_address": ("pd:IPAddress", ("A", "F")),
    "user.financial": ("pd:Financial", ("B",)),
    "user.financial.bank_account": ("pd:BankAccount", ("B", "L")),
    "user.financial.credit_card": ("pd:PaymentCardNumber", ("B", "L")),
    "user.government_id": ("pd:OfficialID", ("A", "L")),
    "user.government_id.drivers_license_number": ("pd:VehicalLicenseNumber", ("A", "L")),
    "user.government_id.immigration": ("pd:Citizenship", ("C",)),
    "user.government_id.national_identification_number": ("pd:OfficialID", ("A", "L")),
    "user.government_id.passport_number": ("pd:Passport", ("A", "L")),
    "user.government_id.vehicle_registration": ("pd:VehicalLicenseRegistration", ("A",)),
    "user.health_and_medical": ("pd:Health", ("L",)),
    "user.health_and_medical.genetic": ("pd:Genetic", ("L",)),
    "user.health_and_medical.insurance_beneficiary_id": ("pd:Insurance", ("B",)),
    "user.location": ("pd:Location", ("G",)),
    "user.location.imprecise": ("pd:Location", ("G",)),
    "user.location.precise": ("pd:GPSCoordinate", ("G", "L")),
    "user.privacy_preferences": ("pd:PrivacyPreference", ("K",)),
    "user.sensor": ("pd:VoiceCommunicationRecording", ("H",)),
    "user.social": ("pd:SocialMedia", ("A",)),
    "user.unique_id": ("pd:UID", ("A",)),
    "user.workplace": ("pd:Professional", ("I",)),
    "user.job_title": ("pd:Professional", ("I",)),
}


def classify(key: str) -> tuple[str, tuple[str, ...]]:
    while key not in CLASSIFICATION and "." in key:
        key = key.rsplit(".", 1)[0]
    return CLASSIFICATION.get(key, CLASSIFICATION["user"])


# -- verbs ------------------------------------------------------------------------------------


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


STRONG_COLLECT = _words(
    r"collect(?:s|ed|ing|ion)?", r"gather(?:s|ed|ing)?", r"obtain(?:s|ed|ing)?",
    r"receive(?:s|d)?", r"captur(?:e|es|ed|ing)", r"(?:you )?provide(?:s|d)? (?:to )?us",
    r"you (?:give|submit|enter)", r"categories of (?:personal )?(?:information|data)",
    r"you (?:will |may |must |might )(?:also )?(?:provide|give|submit|enter|upload)",
    r"you (?:will |may |must |can |might )?(?:also )?(?:have to |need to |be asked to |be required "
    r"to |(?:choose|elect|decide|opt) to |have the option (?:of|to) )(?:provide|give|submit|enter|"
    r"upload|add)(?:ing)?",
    r"we (?:will |may |also |might )*(?:request|ask (?:you )?for) (?:your|access to|consent to access)",
    r"we (?:may |will |also |only )*(?:retain|keep|hold|save|use|analy[sz]e)(?:s)? "
    r"(?:(?:and|or) (?:\w+ ){1,2})?(?:your|the|certain|some|any|such)", r"system (?:also )?uses",
    r"types? of (?:personal )?(?:information|data)", r"we process", r"access to",
    r"we (?:will |may |also |can )*(?:access|infer|track|monitor)(?:s)? (?:your|the|certain|some|any|such)",
    r"tracks (?:your|the)",
    r"(?:your |the )?(?:web )?(?:browser|device|computer|app) (?:may |will |also )*(?:automatically )?"
    r"(?:sends?|transmits?|provides?)",
    # (whatever follows: "we store information about your use", "we may log phone numbers")
    r"we (?:may |will |also |only |automatically |then )*(?:store|log|record)s?",
    r"(?:this|these|that|which|it|they) (?:may |can |will |might )?(?:also )?includes?",
    r"(?:information|data|details|records|files|logs?)(?: \w+){0,4} (?:may |can |will |might )?(?:also )?includ(?:e|es)\b",
    r"(?:is|are) also personal data", r"information (?:we|that we) (?:collect|hold)",
)  # fmt: skip
# Collection said in the passive: the data is named before the verb ("Usage-related metrics
# like chat duration ... are stored only for statistical purposes").
PASSIVE_COLLECT = re.compile(
    r"(?<![\w-])(?:is|are|will be|may be|can be|be|been|being|was|were)\s+"
    r"(?:(?!not\b|never\b|no\b)\w+\s+){0,2}?(?:stored|saved|recorded|logged|collected|"
    r"processed|analy[sz]ed|retained|kept|gathered|obtained|captured)(?![\w-])",
    re.IGNORECASE,
)
# Tracking technologies put to use: "we use cookies", "Advertising servers may set cookies",
# "session cookies are set". Whoever uses them reads the device they sit on, so a statement of
# their use is one of collection.
_TRACKER = r"[\"“”']?(?:(?:session|persistent|first|third)[\w-]* )?(?:cookies?|web beacons?|pixels?|local storage|tracking technolog(?:y|ies))\b"
USES_TRACKERS = re.compile(
    r"\b(?:use|uses|set|sets|place|places|deploy|deploys|employ|employs)\s+"
    r"(?:(?!to\b|for\b|on\b|which\b|that\b)[\w\"“”'-]+,?\s+){0,6}?"
    + _TRACKER
    + r"|"
    + _TRACKER
    + r"\s+(?:\w+\s+){0,2}?(?:are|is|may be|will be|can be)\s+(?:set|placed)\b",
    re.IGNORECASE,
)
DISCLOSE = _words(
    r"shar(?:e|es|ed|ing)", r"disclos(?:e|es|ed|ing|ure|ures)", r"sell(?:s|ing)?", r"sold",
    r"transfer(?:s|red|ring)? (?:\w+ ){0,4}to",
    r"(?:provide|give|send|pass|transmit|supply|release)(?:s|d|es|ed)? (?:(?:your|the|this|such|"
    r"that|personal|certain|some|any|of|it|them|relevant|necessary|contact|account) ){0,4}"
    r"(?:information|data|details|it|them|e-?mails?(?: address(?:es)?)?|identifiers?|IDs?)"
    r"(?: \w+){0,3} (?:to|with|on to)",
    r"make(?:s)? (?:[\w-]+ ){0,9}available to", r"made available to", r"rent(?:s|ed)?",
    r"access(?:ed)? by", r"(?:may|can|will|being) (?:be )?(?:seen|viewed|accessed|read) by",
    r"who (?:we|they) (?:may )?share", r"recipients?",
    r"(?:visible|displayed|shown|published|accessible) to",
    r"(?:is|are|be|been|being|was|were) (?:\w+ ){0,2}(?:sent|transmitted|transferred|passed|"
    r"provided|disclosed|shared|made available|processed|stored|hosted) (?:\w+ ){0,3}(?:to|with|by)",
    r"viewable by", r"display(?:s|ed)? (?:\w+ ){1,6}to(?= (?:other|the public|anyone|users))",
    r"publicly (?:display|show|post)\w*",
    r"forward(?:s|ed|ing)? (?:(?:your|the|this|such|certain|relevant) ){0,2}(?:\w+ ){0,2}(?:data|"
    r"information|details) to",
)  # fmt: skip
SELL = _words(
    r"sell(?:s|ing)?",
    r"sold",
    r"sales?(?! of (?:all|some|part|substantially|our|the|a|its|company|business|assets))",
    # renting out data, not renting a bike
    r"rent(?:s|ed|ing)?(?= (?:out )?(?:(?:your|our|the|such|any|personal|customer|contact|"
    r"e-?mail|of|this|that) ){0,3}(?:information|data|details|contacts|lists?|addresses))",
)
NOT_A_SALE = _words(
    r"(?:point|points)[- ]of[- ]sales?", r"wholesale", r"sales? of (?:all|some|part|substantially|"
    r"our|the|a|its|company|business|assets|stock|shares)", r"sales? (?:information|inquir\w+|enquir\w+|department|calls?|team|representatives?|"
    r"associates?|staff|tax|receipts?|records?|transactions?)", r"for sale", r"on sale",
    r"merger|acquisition|bankruptcy|reorgani[sz]ation", r"(?:sales|marketing) (?:and|or) marketing",
)  # fmt: skip
SHARE_ADS = _words(
    r"cross[- ]context behaviou?ral advertising", r"targeted advertising", r"interest[- ]based "
    r"advertising", r"behaviou?ral advertising", r"personali[sz]ed advertising", r"'shar(?:e|ing)'",
    r"\"shar(?:e|ing)\"", r"shar(?:e|ing) (?:\(|as defined)",
    r"(?:serv(?:e|es|ing)|deliver(?:s|ing)?|show(?:s|ing)?|display(?:s|ing)?|target(?:s|ing)?|"
    r"provid(?:e|es|ing)) (?:you )?(?:with )?(?:more )?(?:relevant|targeted|personali[sz]ed|tailored|"
    r"interest-based) (?:ads|advertis\w+)", r"engage in advertising",
    # "advertisements that are more relevant to your interests", "ads tailored to you"
    r"(?:ads|advertisements) (?:that (?:is|are) )?(?:more )?(?:relevant|tailored|personali[sz]ed) to",
    # with whom and what for: advertising partners and networks, ads made for you, their own
    # marketing ("shared with third parties for their marketing or promotional purposes")
    r"(?:ad|ads|advertising) (?:partners?|networks?|platforms?|providers?|companies|exchanges?)",
    r"ad[- ]serving companies", r"(?:demand|supply)[- ]side platforms?",
    r"(?:with|to) (?:our |its |the |third[- ]party |other |certain |select )?advertisers",
    r"(?:(?:relevant|more|personali[sz]ed|targeted|tailored|interest-based) )+(?:third[- ]party )?ads",
    # marketing aimed at you by what is known of you ("to present targeted and personalized
    # marketing"; not "personalised marketing" alone: the company's own e-mails too)
    r"targeted (?:and personali[sz]ed )?marketing",
    r"for their (?:own )?(?:advertising|marketing)(?: (?:or|and) promotional)?(?: purposes)?",
    # the end said of the ads themselves or of whom they reach: "for online advertising
    # purposes" (not "for marketing purposes": a company's own offers, by post too), "to
    # improve ad relevance", "the purchase of ad impressions", "to find similar audiences",
    # "custom audience lists"
    r"for (?:(?:online|digital|our|their|its) )?(?:(?:marketing|promotional) (?:and|or) )?"
    r"advertising(?: (?:and|or) (?:marketing|promotional))? purposes",
    r"ad(?:vertising)? (?:impressions?|effectiveness|relevance|personali[sz]ation|targeting|"
    r"campaigns?)", r"(?:relevant|similar|custom|lookalike) audiences?", r"customer match",
)  # fmt: skip
SHARE_VERB = _words(
    r"shar(?:e|es|ed|ing)", r"disclos(?:e|es|ed|ing)", r"make available",
    # "features allow you to share": you share; "we permit advertising networks to collect
    # information ... to display relevant ads": we let them take it (not "as permitted by
    # law", "this allows us to", nor a gerund: "Allowing partners to ..." titles a row)
    r"(?<!as )(?<!where )(?:allow|permit)(?:s|ed|ted)?(?! (?:you|us|users?|members?|by)\b)",
    # "we provide ad networks with information that allows them to serve relevant ads"
    r"we (?:may |also |will |can |might |do |sometimes )*provide(?! us\b)(?= [^.;:]{1,120}? with )",
    # "Send your hashed email to advertising partners" (an item of what we do with consent)
    r"(?:send|pass|transmit)(?:s|es|ed)?(?= (?!you\b|us\b)(?:[\w-]+ ){1,4}(?:to|with) )",
)  # fmt: skip
NEGATION = re.compile(
    # (the text is read with its typographic apostrophes folded: "don’t" is "don't" here)
    r"(?<![\w-])(?:not|never|no|nor|neither|without|cannot|do not|does not|will not|have not|"
    r"has not|did not|(?:do|does|did|wo|ca|have|has|had|are|is|was|were|would|should|need)n't)"
    r"(?![\w-])",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"(?<![\w-])(?:may|might|could|can) (?:be )?(?:considered|deemed|constitute|qualify|be "
    r"considered|be deemed|be treated|be interpreted)|(?:considered|deemed|treated as|constitute|"
    r"qualify as) (?:a |an )?['\"]?(?:sale|selling|sharing|share)|some (?:may|might) claim|"
    r"under (?:that|this|some|certain) interpretations?|broad definitions?",
    re.IGNORECASE,
)
RETAIN_CORE = _words(
    r"retain(?:s|ed|ing)?", r"retention", r"keep (?:your|the|this|such|personal|it)",
    r"kept", r"stor(?:e|es|ed|ing) (?:\w+ ){0,6}(?:for|until|as long)", r"as long as",
    r"no longer (?:than|necessary|needed)",
)  # fmt: skip
TRANSFER_CORE = _words(
    r"transfer(?:s|red|ring)? (?:\w+ ){0,8}(?:to|outside|across|from|internationally)",
    # "Countries and regions to which Personal Data is transferred: Japan, the United States"
    r"(?:to which|where to) (?:[\w-]+ ){0,4}(?:is|are|will be|may be|can be) transferred",
    # (case ignored: any word after "in", "from" is a place here, which the transfer test asks
    # to be left)
    r"(?:stored|hosted|processed|accessed|maintained) (?:\w+ ){0,8}(?:in|on servers in|outside|from) "
    r"[A-Z][\w.]*",
    # where data is kept or handled, said in the active ("we store information on servers
    # located in the United States", "providers run their services from outside the UK"): a
    # place (named with a capital: "in accordance with", "in a manner" are none), which the
    # transfer test then asks to be left
    r"(?:stor(?:e|es|ing)|host(?:s|ing)?|accesses|maintains?|replicated|"
    # ("our data processing practices", "a processing agreement": a noun, no act of processing)
    r"process(?:es|ing)?(?! (?:practices|activities|operations|agreements?|addend(?:um|a)|terms)\b)|"
    r"operated|run(?:s|ning)?) (?:\w+ ){0,8}(?:in|on servers in|within|outside(?: of)?|from) "
    r"(?:the|outside|other|another|your|countries|a country|jurisdictions?|(?-i:[A-Z][\w.]*))",
    r"(?:sen(?:d|ds|t|ding)|transmi(?:t|ts|tted|tting|ssion)|mov(?:e|es|ed|ing)) "
    r"(?:\w+ ){0,8}(?:outside|abroad|to (?:other|another|third) countr)",
    r"(?:countries|jurisdictions?) (?:\w+ ){0,2}outside",
    r"cross[- ]border", r"international(?:ly)? transfers?", r"transfers? of (?:\w+ ){0,4}(?:data|information)",
)  # fmt: skip

# Transfer safeguards: pattern -> (mechanism id, name, kind, legal reference, DPV term)
MECHANISMS: list[tuple[re.Pattern[str], str, str, str, str, str]] = [
    (
        _words(
            r"standard contractual clauses?",
            r"SCCs?",
            r"model (?:contract(?:ual)? )?clauses?",
            r"standard data protection clauses?",
            r"international data transfer agreements?",
            r"IDTAs?",
        ),
        "standard-contractual-clauses",
        "Standard contractual clauses",
        "appropriate_safeguard",
        "GDPR Art. 46(2)(c)",
        "eu-gdpr:A46-2-c",
    ),
    (
        _words(r"binding corporate rules?", r"BCRs?"),
        "binding-corporate-rules",
        "Binding corporate rules",
        "appropriate_safeguard",
        "GDPR Art. 47",
        "eu-gdpr:A46-2-b",
    ),
    (
        _words(
            r"adequacy decisions?",
            r"adequate (?:level of )?(?:data )?protection",
            r"deemed adequate",
            r"adequate by the European Commission",
        ),
        "adequacy-decision",
        "Adequacy decision",
        "adequacy",
        "GDPR Art. 45",
        "eu-gdpr:A45-3",
    ),
    (
        _words(
            r"(?:EU-U\.?S\.?|Swiss-U\.?S\.?|UK Extension to the EU-U\.?S\.?) Data Privacy "
            r"Framework",
            r"Data Privacy Framework",
            r"DPF",
            r"Privacy Shield",
        ),
        "data-privacy-framework",
        "EU-U.S. Data Privacy Framework",
        "adequacy",
        "GDPR Art. 45 (Commission decision of 10 July 2023)",
        "eu-gdpr:A45-3",
    ),
    (
        _words(
            r"(?:your )?(?:explicit |separate )?consent to (?:the |this |such )?transfer",
            r"transfer (?:\w+ ){0,6}with your (?:explicit |separate )?consent",
        ),
        "consent-to-transfer",
        "Consent to the transfer",
        "derogation",
        "GDPR Art. 49(1)(a)",
        "eu-gdpr:A49-1-a",
    ),
    (
        _words(
            r"performance of (?:a|our|the) contract",
            r"necessary (?:for|to perform) (?:the|a|our) "
            r"contract",
        ),
        "contract-necessity",
        "Necessary for the performance of a contract",
        "derogation",
        "GDPR Art. 49(1)(b)",
        "eu-gdpr:A49-1-b",
    ),
    (
        _words(
            # "appropriate safeguards" alone names no instrument: not a mechanism
            r"data transfer agreements?",
            r"(?:intra-?group )?data (?:processing|protection) agreements?",
        ),
        "data-transfer-agreements",
        "Data transfer agreements",
        "appropriate_safeguard",
        "GDPR Art. 46",
        "dpv:DataTransferLegalBasis",
    ),
]

# Regions a notice names: pattern -> (id, name, type)
# (an abbreviation is a region only in capitals: "processed for us" names no country; the
# patterns are read without regard to case, so `(?-i:...)` holds these to it)
REGIONS: list[tuple[re.Pattern[str], str, str, str]] = [
    (_words(r"European Economic Area", r"(?-i:EEA)"), "eea", "European Economic Area", "region"),
    (_words(r"European Union", r"the (?-i:EU)", r"(?-i:EU)"), "eu", "European Union", "region"),
    (
        _words(r"United Kingdom", r"the (?-i:UK)", r"U\.K\.", r"(?-i:UK)"),
        "uk",
        "United Kingdom",
        "country",
    ),
    (_words(r"Switzerland", r"Swiss"), "switzerland", "Switzerland", "country"),
    (
        _words(
            r"United States(?: of America)?", r"the U\.S\.", r"U\.S\.", r"(?-i:US)", r"(?-i:USA)"
        ),
        "us",
        "United States",
        "country",
    ),
    (_words(r"Canada"), "canada", "Canada", "country"),
    (
        _words(r"People'?s Republic of China", r"(?-i:PRC)", r"mainland China", r"China"),
        "china",
        "China",
        "country",
    ),
    (_words(r"India"), "india", "India", "country"),
    (_words(r"Japan"), "japan", "Japan", "country"),
    (_words(r"Australia"), "australia", "Australia", "country"),
    (_words(r"Brazil"), "brazil", "Brazil", "country"),
    (_words(r"Singapore"), "singapore", "Singapore", "country"),
    (_words(r"Ireland"), "ireland", "Ireland", "country"),
    (_words(r"France"), "france", "France", "country"),
    (_words(r"Germany"), "germany", "Germany", "country"),
    (_words(r"the Netherlands", r"Netherlands"), "netherlands", "the Netherlands", "country"),
    (_words(r"Belgium"), "belgium", "Belgium", "country"),
    (_words(r"Luxembourg"), "luxembourg", "Luxembourg", "country"),
    (_words(r"Spain"), "spain", "Spain", "country"),
    (_words(r"Italy"), "italy", "Italy", "country"),
    (_words(r"Portugal"), "portugal", "Portugal", "country"),
    (_words(r"Austria"), "austria", "Austria", "country"),
    (_words(r"Sweden"), "sweden", "Sweden", "country"),
    (_words(r"Norway"), "norway", "Norway", "country"),
    (_words(r"Denmark"), "denmark", "Denmark", "country"),
    (_words(r"Finland"), "finland", "Finland", "country"),
    (_words(r"Iceland"), "iceland", "Iceland", "country"),
    (_words(r"Poland"), "poland", "Poland", "country"),
    (_words(r"Czech Republic", r"Czechia"), "czechia", "Czechia", "country"),
    (_words(r"Estonia"), "estonia", "Estonia", "country"),
    (_words(r"Latvia"), "latvia", "Latvia", "country"),
    (_words(r"Lithuania"), "lithuania", "Lithuania", "country"),
    (_words(r"Romania"), "romania", "Romania", "country"),
    (_words(r"Bulgaria"), "bulgaria", "Bulgaria", "country"),
    (_words(r"Greece"), "greece", "Greece", "country"),
    (_words(r"Hungary"), "hungary", "Hungary", "country"),
    (_words(r"Croatia"), "croatia", "Croatia", "country"),
    (_words(r"Serbia"), "serbia", "Serbia", "country"),
    (_words(r"Ukraine"), "ukraine", "Ukraine", "country"),
    (_words(r"Israel"), "israel", "Israel", "country"),
    (_words(r"(?-i:Turkey)", r"(?-i:Türkiye)"), "turkey", "Türkiye", "country"),
    (_words(r"United Arab Emirates", r"(?-i:UAE)"), "uae", "United Arab Emirates", "country"),
    (_words(r"(?:South |Republic of )Korea"), "south-korea", "South Korea", "country"),
    (_words(r"Taiwan"), "taiwan", "Taiwan", "country"),
    (_words(r"Hong Kong"), "hong-kong", "Hong Kong", "country"),
    (_words(r"Philippines"), "philippines", "the Philippines", "country"),
    (_words(r"Vietnam", r"Viet Nam"), "vietnam", "Vietnam", "country"),
    (_words(r"Malaysia"), "malaysia", "Malaysia", "country"),
    (_words(r"Indonesia"), "indonesia", "Indonesia", "country"),
    (_words(r"Thailand"), "thailand", "Thailand", "country"),
    (_words(r"New Zealand"), "new-zealand", "New Zealand", "country"),
    (_words(r"South Africa"), "south-africa", "South Africa", "country"),
    (_words(r"Mexico"), "mexico", "Mexico", "country"),
    (_words(r"Argentina"), "argentina", "Argentina", "country"),
    (_words(r"(?-i:Chile)"), "chile", "Chile", "country"),
    (_words(r"Colombia"), "colombia", "Colombia", "country"),
    (
        _words(
            r"other countries",
            r"another country",
            r"countries other than",
            r"elsewhere around "
            r"the world",
            r"outside (?:of )?(?:your|the) (?:country|jurisdiction)",
            r"third countries",
            r"other jurisdictions",
        ),
        "other-countries",
        "Other countries",
        "unspecified",
    ),
]

# Laws: pattern -> (regime id, name, law)
REGIMES: list[tuple[re.Pattern[str], str, str, str]] = [
    (
        _words(
            r"GDPR",
            r"General Data Protection Regulation",
            r"European Economic Area",
            r"EEA",
            r"European Union",
            r"EU data protection laws?",
            r"data subjects? in the E",
        ),
        "gdpr",
        "GDPR",
        "Regulation (EU) 2016/679, the General Data Protection Regulation",
    ),
    (
        _words(
            r"UK GDPR",
            r"Data Protection Act 2018",
            r"United Kingdom",
            r"UK data protection",
            r"ICO",
            r"Information Commissioner",
        ),
        "uk-gdpr",
        "UK GDPR",
        "The UK GDPR and the Data Protection Act 2018",
    ),
    (
        _words(
            r"CCPA",
            r"CPRA",
            r"California Consumer Privacy Act",
            r"California(?: residents?)?",
            r"Shine the Light",
        ),
        "ccpa",
        "CCPA",
        "California Consumer Privacy Act of 2018, as amended by the CPRA",
    ),
    (
        _words(
            r"PIPL", r"Personal Information Protection Law", r"People'?s Republic of China", r"PRC"
        ),
        "pipl",
        "PIPL",
        "Personal Information Protection Law of the People's Republic of China",
    ),
    (
        _words(r"COPPA", r"Children'?s Online Privacy Protection Act"),
        "coppa",
        "COPPA",
        "Children's Online Privacy Protection Act (15 U.S.C. §§ 6501-6506)",
    ),
    (
        _words(r"PIPEDA", r"Canad(?:a|ian) (?:residents?|privacy laws?)"),
        "pipeda",
        "PIPEDA",
        "Personal Information Protection and Electronic Documents Act (Canada)",
    ),
    (_words(r"LGPD", r"Lei Geral"), "lgpd", "LGPD", "Lei Geral de Proteção de Dados (Brazil)"),
]

# Rights: pattern -> (id stem, name, GDPR article, DPV term for the GDPR right)
RIGHTS: list[tuple[re.Pattern[str], str, str, str, str]] = [
    (
        _words(
            r"right (?:of|to) access",
            r"right to know",
            r"access (?:to )?(?:the |your )?"
            r"(?:personal )?(?:information|data)",
            r"request (?:a copy|access)",
            r"copy of (?:the |your )?"
            r"(?:personal )?(?:information|data)",
        ),
        "access",
        "Right of access",
        "GDPR Art. 15",
        "eu-gdpr:A15",
    ),
    (
        _words(
            r"right to (?:rectification|correct(?:ion)?)",
            r"correct (?:or update )?(?:inaccurate|your)",
            r"rectif(?:y|ication)",
            r"update (?:or correct )?(?:your|the) (?:personal )?"
            r"(?:information|data)",
        ),
        "rectification",
        "Right to rectification",
        "GDPR Art. 16",
        "eu-gdpr:A16",
    ),
    (
        _words(
            r"right to (?:erasure|delet(?:e|ion)|be forgotten)",
            r"(?:request|ask) (?:that we |us "
            r"to )?delet(?:e|ion)",
            r"erasure",
            r"delete (?:your|the|certain) (?:personal )?"
            r"(?:information|data)",
            r"right to delete",
        ),
        "erasure",
        "Right to erasure",
        "GDPR Art. 17",
        "eu-gdpr:A17",
    ),
    (
        _words(r"right to restrict(?:ion)?", r"restrict(?:ion of)? (?:the )?processing"),
        "restriction",
        "Right to restriction of processing",
        "GDPR Art. 18",
        "eu-gdpr:A18",
    ),
    (
        _words(r"(?:right to )?(?:data )?portability", r"portable format", r"machine[- ]readable"),
        "portability",
        "Right to data portability",
        "GDPR Art. 20",
        "eu-gdpr:A20",
    ),
    (
        _words(
            r"right to object",
            r"object to (?:the |our )?processing",
            r"object to (?:\w+ ){0,4}"
            r"(?:processing|direct marketing)",
        ),
        "objection",
        "Right to object",
        "GDPR Art. 21",
        "eu-gdpr:A21",
    ),
    (
        _words(
            r"withdraw (?:your )?consent", r"withdrawal of consent", r"revoke (?:your )?consent"
        ),
        "withdraw-consent",
        "Right to withdraw consent",
        "GDPR Art. 7(3)",
        "eu-gdpr:A7-3",
    ),
    (
        _words(
            r"(?:lodge|file|make|submit) a complaint",
            r"supervisory authority",
            r"data protection authority",
            r"Information Commissioner",
        ),
        "complaint",
        "Right to lodge a complaint with a supervisory authority",
        "GDPR Art. 77",
        "eu-gdpr:A77",
    ),
    (
        _words(
            r"(?:right to )?opt[- ]out of (?:the )?(?:sale|sales|selling|sharing)",
            r"do not sell(?: or share)?(?: my personal information)?",
            r"right to opt[- ]out",
        ),
        "opt-out-of-sale",
        "Right to opt out of sale or sharing",
        "",
        "dpv:DataSubjectRight",
    ),
    (
        _words(
            r"(?:right to )?(?:limit|restrict) (?:the )?use (?:and disclosure )?of (?:your )?"
            r"sensitive"
        ),
        "limit-sensitive",
        "Right to limit use of sensitive personal information",
        "",
        "dpv:DataSubjectRight",
    ),
    (
        _words(r"(?:not (?:to )?be )?discriminat(?:e|ed|ion)", r"non-?discrimination"),
        "non-discrimination",
        "Right not to be discriminated against",
        "",
        "dpv:DataSubjectRight",
    ),
    (
        _words(r"automated decision[- ]making", r"profiling"),
        "automated-decisions",
        "Rights related to automated decision-making",
        "GDPR Art. 22",
        "eu-gdpr:A22",
    ),
    (_words(r"appeal"), "appeal", "Right to appeal", "", "dpv:DataSubjectRight"),
]
RIGHT_CONTEXT = _words(
    r"rights?", r"you (?:may|can|have)", r"request", r"entitled", r"ask us", r"to exercise",
    r"(?:your )?ability to", r"you are able to",
)  # fmt: skip
# A run of verbs sharing one object ("your ability to know, access, correct, transfer, restrict
# the processing of, and delete your personal data"): a right for each verb -> its right's id
_RIGHT_VERB_IDS = {
    "know": "access", "access": "access", "obtain": "access", "receive": "access",
    "correct": "rectification", "rectify": "rectification", "update": "rectification",
    "amend": "rectification", "delete": "erasure", "erase": "erasure", "remove": "erasure",
    "restrict": "restriction", "limit": "restriction", "transfer": "portability",
    "port": "portability", "move": "portability", "download": "portability",
    "object": "objection",
}  # fmt: skip
_RIGHT_VERB = rf"(?:{'|'.join(_RIGHT_VERB_IDS)})(?: (?:the (?:processing|use) of|to))?"
RIGHT_VERB_RUN = re.compile(
    rf"\bto ((?:{_RIGHT_VERB}(?:,\s*(?:and |or )?|,?\s+(?:and|or|and/or)\s+)){{2,}}{_RIGHT_VERB})"
    r"\s+(?:a copy of\s+)?(?:your|the|their|such|any)\s+(?:own\s+)?(?:personal\s+)?"
    r"(?:data|information)\b",
    re.I,
)


def right_verbs(text: str) -> list[tuple[str, int, int]]:
    """The rights a run of verbs names (`RIGHT_VERB_RUN`): each verb's right's id and where
    the verb is, in order, each right once."""
    out: list[tuple[str, int, int]] = []
    for m in RIGHT_VERB_RUN.finditer(text):
        for v in re.finditer(r"[a-z]+", m.group(1), re.I):
            rid = _RIGHT_VERB_IDS.get(v.group().lower())
            if rid is not None and all(rid != r for r, _, _ in out):
                out.append((rid, m.start(1) + v.start(), m.start(1) + v.end()))
    return out


CHOICE = _words(
    r"opt(?:-| )?(?:out|in)", r"unsubscrib(?:e|ing)", r"withdraw (?:your )?consent",
    r"(?:manage|change|adjust|update) (?:your )?(?:\w+ ){0,2}(?:preferences|settings)",
    r"(?:disable|block|reject|decline|delete|refuse) (?:\w+ ){0,3}cookies", r"do not track",
    r"global privacy control", r"GPC", r"opt-out preference signals?", r"cookie (?:settings|"
    r"preferences|banner|consent)", r"your (?:privacy )?choices",
)  # fmt: skip
# What the person can decide, in the text's words rather than a choice's name ("you can switch
# these on or off at any time", "you can decide who can add you as a friend", "disable all push
# notifications in your device settings")
CONTROL = _words(
    r"you (?:can|may|could)(?: also| always| at any time| easily| still)? (?:choose|decide|"
    r"control|limit|restrict|disable|deactivate|turn (?:\w+ ){0,2}(?:off|on)|switch (?:\w+ ){0,2}"
    r"(?:off|on)|adjust|select|elect|decline|refuse|stop|hide)"
    # (choosing to give or use something is what one does, not a choice about one's data; to
    # object is a right)
    r"(?! to (?:provide|share|submit|give|send|import|disclose|use|participate|sign|build|post|"
    r"upload|release|extend|integrate|make|create|connect|join|access|purchase|buy)\b)",
    r"you have the (?:option|choice|ability) to", r"gives? you (?:the )?(?:option|choice|ability|"
    r"control)", r"(?:in|through|via|using|adjusting) (?:your |the )?(?:device|browser|account|"
    r"privacy|app|application)(?:'s)? settings",
)  # fmt: skip
OPTS_IN = re.compile(
    r"\b(?:choose to|elect to|turn (?:\w+ ){0,2}on|switch (?:\w+ ){0,2}on|enable)\b", re.I
)
SIGNAL = _words(r"do not track", r"DNT", r"global privacy control", r"GPC", r"preference signals?")

CHILDREN = _words(
    r"child(?:ren)?(?:'s)?", r"minors?", r"under (?:the age of )?(?:1[0-8]|[0-9])",
    r"(?:younger|less) than (?:1[0-8]|[0-9])", r"COPPA", r"parental consent", r"teens?",
    r"age of (?:1[0-8])",
)  # fmt: skip
AGE = re.compile(r"(?<!\d)(1[0-8]|[5-9])(?!\d)(?: years)?")

# -- recipients -------------------------------------------------------------------------------
# A head noun that names a kind of recipient, and the role it has unless the text says otherwise.
_RECIPIENT_HEADS: list[tuple[str, str]] = [
    (
        r"law enforcement(?: agencies| authorities| officials)?|(?:legal|government(?:al)?|public|"
        r"regulatory|tax|judicial|competent|supervisory) (?:authorities|authority|agencies|"
        r"agency|bodies|entities|officials)|regulators?|(?<!\bin )courts?(?: of law)?(?! orders?)|police|government "
        r"(?:agencies|entities|officials)|governments?|tribunals?|public bodies|national security "
        r"agencies|(?:official|government(?:al)?|state) bodies|(?<!data )(?<!privacy )authorities",
        "public_authority",
    ),
    (
        r"(?:(?:potential|prospective|actual) )?(?:buyers?|purchasers?|acquirers?|successors?(?: in "
        r"interest)?|(?:acquiring|successor) (?:entit(?:y|ies)|compan(?:y|ies)|organi[sz]ations?))|"
        r"(?:parties|entities|people|persons) involved in (?:the |a |any )?(?:negotiation|"
        r"merger|acquisition|sale|transfer|transaction)",
        "acquirer",
    ),
    (
        r"affiliat(?:es|ed (?:companies|entities))|subsidiar(?:y|ies)|(?:parent|sister|group|"
        r"related) (?:compan(?:y|ies)|entit(?:y|ies))|(?:companies|entities) belonging to (?:the same|our) group|(?:members|companies|entities) of (?:the|our) "
        r"(?:\w+ )?group|corporate family|family of companies|data controllers in the \w+ Group",
        "affiliate",
    ),
    (
        r"(?:(?:third[- ]party|external|trusted|selected|IT|technical|technology|cloud|hosting|"
        r"payment|shipping|delivery|fulfil?lment|analytics|marketing|advertising|email|e-mail|"
        r"customer (?:support|service)|security|fraud[- ]prevention|fraud|logistics|data "
        r"storage|storage|software|telecommunications?|call recording|\w+) )?(?:service providers?|"
        r"providers?|vendors?|processors?|sub-?processors?|suppliers?|(?:sub-?)?contractors?|agents?|"
        r"consultants?|carriers?|(?:web )?analytics (?:services|tools)|(?:debt )?collection agenc(?:y|ies)|(?:computer|data) cent(?:re|er) operators?)",
        "service_provider",
    ),
    (
        r"(?:professional )?advisers?|(?:professional )?advisors?|auditors?|lawyers?|attorneys?|"
        r"accountants?|insurers?|insurance (?:compan(?:y|ies)|providers?)|banks?(?! (?:accounts?|cards?|details|information|transfers?|statements?))",
        "service_provider",
    ),
    (
        r"(?:advertising|marketing|business|joint marketing|co-marketing|promotional|"
        r"interest[- ]based advertising|ad(?:vertising)? network|analytics|social media|strategic|"
        r"commercial|retail|trusted|third[- ]party) partners?|partners|advertisers|ad(?:vertising)? "
        r"(?:networks?|platforms?|exchanges?)|data brokers?|social (?:media )?(?:networks?|platforms?)|social media "
        r"(?:companies|sites)|co-sponsors?|sponsors?|licensees?|franchisees?|(?:advertising|"
        r"marketing|ad tech|adtech) companies|credit bureaus?|right[- ]?holders|"
        r"(?:authori[sz]ed )?distributors?|resellers?|intermediar(?:y|ies)|(?:[\w-]+ )?(?:developers?|publishers?)|"
        # "registry operators", "mobile network operators" (one operator is as often the company)
        r"(?:[\w-]+ )?operators|"
        r"exhibitors?|"
        # "fraud prevention agencies", "credit reference agencies", "travel agencies" (an
        # authority's agencies, and a debt collection agency, are read as theirs first)
        r"(?:(?!and |or )[\w-]+ )?(?!and |or )[\w-]+ agenc(?:y|ies)",
        "third_party",
    ),
    (
        r"(?:other |unaffiliated |non-affiliated |certain |selected |select |authori[sz]ed )?third[- ]parties|"
        # "to a third party for a business purpose": the noun alone, not "a third-party website"
        r"(?:a|any|another|one) third[- ]party(?=\s+(?:for|who|that|which|in|as|with|to|and|or|"
        r"unless|if|when|where|acting|such|including|outside|under|without|at|on|of|we|you)\b|"
        r"\s*[,.;:)(]|\s*$)|"
        r"manufacturers|"
        r"third[- ]party (?:companies|organi[sz]ations|businesses|websites|services)|other "
        r"(?:companies|organi[sz]ations|businesses|parties|users|members|visitors|persons)|"
        r"the public|anyone with (?:the|a|access to the) link|organi[sz]ations participating|"
        r"unrelated (?:third )?parties|other (?:\w+ )?"
        r"(?:users|members|customers|people|attendees|participants|collaborators|players)|"
        r"co-?organi[sz]ers",
        "third_party",
    ),
]
# The people on the other side of a service, as the one shared "with": "we share with the
# Driver the Rider's pickup location", "with that user", "with your employer". Read only after
# "with" in a sentence of sharing that names no recipient of the kinds above.
# Who may see or reach what is shown: "may be accessed by others", "viewable by anyone".
_OTHER_PEOPLE = (
    r"others|anyone|everyone|other people|(?:other|another) (?:users?|members?|players?|"
    r"customers?|participants?|people)"
)
SEEN_BY_OTHERS = re.compile(
    # ("might be read, collected, and used by others who access it")
    r"\b(?:(?:read|collected|used|copied|accessed|viewed|seen),?\s+(?:(?:and|or)\s+)?)*"
    r"(?:accessed|viewed|seen|viewable|visible|accessible|available|shown|displayed|found|read|"
    rf"collected|used|copied)\s+(?:to|by)\s+({_OTHER_PEOPLE})\b",
    re.IGNORECASE,
)
# "others will be able to see certain information", "other users may see that you visited";
# those who oversee an account or a meeting ("account owners can see ...", "Meeting hosts,
# participants, and invitees may be able to see your email", "their account owner will have
# access to messages")
_OVERSEERS = (
    r"(?:account owners?|(?:account |team |group |workspace )?administrators?|(?:meeting |event "
    r"|webinar )?hosts?|(?:meeting )?participants|invitees|attendees|organi[sz]ers?|moderators?)"
)
OTHERS_SEE = re.compile(
    rf"\b({_OTHER_PEOPLE}|{_OVERSEERS}(?:,? (?:and|or) {_OVERSEERS}|, {_OVERSEERS}){{0,3}}) "
    r"(?:may|can|could|will|would)(?: also)?(?: be able to)? (?:see|view|find|access|read|watch|"
    r"have access to)\b",
    re.IGNORECASE,
)
COUNTERPARTY = re.compile(
    r"(?<![\w-])(?:with|to)\s+(?:the|other|each|that|those|these|relevant|any|your|such|"
    r"appropriate)\s+"
    r"((?:other\s+|affected\s+|relevant\s+|requesting\s+)?(?:complainants?|claimants?|requesters?|"
    r"requestors?|persons?|people|individuals|organi[sz]ations?|entities|drivers?|riders?|passengers?|users?|members?|customers?|employers?|"
    r"retailers?|merchants?|sellers?|buyers?|hosts?|guests?|landlords?|tenants?|schools?|"
    r"organi[sz]ers?|administrators?|operators?|participants?|players?|recipients?|"
    r"contacts?|friends?|followers?|hospitals?|pharmac(?:y|ies)|doctors?|clinicians?|"
    r"(?:other )?part(?:y|ies)))(?![\w-])",
    re.IGNORECASE,
)
RECIPIENT_HEADS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE), role)
    for p, role in _RECIPIENT_HEADS
]
NOT_A_MODIFIER = frozenset(
    """a an the our your their its his her with to by for of from and or as such these those
    this that any all some certain other may can will we you they it is are be been being has
    have had share shares shared disclose disclosed disclosing provide provided providing send
    allow allows allowing permit permits permitting enable enables enabling
    sent use used using including include includes e.g. i.e. also only who which whom where
    when if not no nor but than then so do does did via through in on at into onto about
    among between within without upon under over each every both either neither following
    like namely specifically example instance personal information data authorize authorise
    permit allow allows require requires help helps enable engage engages hire hires work works
    partner retain instruct ask contract use uses rely inform informs notify notifies contact
    contacts show shows display displays tell tells assist assists employ employs""".split()
)
# Companies a notice may name: two or more capitalised words, or one with a telltale ending.
COMPANY = re.compile(
    r"(?<![\w-])(?:[A-Z][A-Za-z0-9&.'-]*(?:[®™])?(?: (?:[A-Z][A-Za-z0-9&.'-]*|of|&|de|la|"
    r"for)(?:[®™])?){0,4})(?:,? (?:Inc|LLC|Ltd|GmbH|S\.A|SAS|B\.V|AG|plc|Corp|Co)\.?)?"
)
NOT_COMPANIES = frozenset(
    """We Our You Your The This These Those If When Where For In On At By To As Such Some Any All
    Other Certain Please Note Personal Data Information Services Service Site Sites Website App
    Apps Notice Policy Privacy Terms Use Cookies Cookie EU EEA UK US U.S. USA
    Union States United Kingdom Europe European California CCPA GDPR PIPL Act Law Section
    Article Art Chapter Paragraph Clause Recital
    Contact Us Rights Right Do Not Sell Share My And Or It They He She I A An Also However Additionally
    For example Examples Including Include Third Parties Party Customer Customers Users User How
    What Why Who Whom Which See Read Visit Learn More Click Here HTML HTML5 Flash JavaScript
    Android iOS Windows Mac Apple Chrome Firefox Safari Edge SMS MMS API APIs URL IP GPS ID PDF
    FAQ""".split()
)
NAMED_LIST_LEAD = re.compile(
    r"(?<![\w-])(?:such as|including|includes|include|e\.g\.,?|for example,?|like|namely|"
    r"using|(?:provided|operated|offered|powered|supplied) by)(?![\w-])",
    re.IGNORECASE,
)

# -- purposes ---------------------------------------------------------------------------------
# pattern -> (fideslang data use, DPV purpose, CCPA business purpose or None)
PURPOSES: list[tuple[re.Pattern[str], str, str, str | None]] = [
    (
        _words(
            r"fraud",
            r"secur(?:e|ity)",
            r"protect (?:against|the (?:security|safety))",
            r"abuse",
            r"illegal activit(?:y|ies)",
            r"safety",
        ),
        "essential.fraud_detection",
        "dpv:FraudPreventionAndDetection",
        "security_integrity",
    ),
    (
        _words(
            r"compl(?:y|iance) with (?:\w+ ){0,3}(?:law|legal|regulat)",
            r"legal (?:obligations?|"
            r"requirements?|process)",
            r"required by law",
            r"law enforcement",
            r"court orders?",
            r"subpoenas?",
        ),
        "essential.legal_obligation",
        "dpv:LegalCompliance",
        "legal_compliance",
    ),
    (
        _words(
            r"(?:process|complete|fulfil?l|deliver|ship) (?:\w+ ){0,2}(?:orders?|purchases?|"
            r"transactions?|payments?)",
            r"payments?",
            r"billing",
            r"invoic(?:e|es|ing)",
        ),
        "essential.service.payment_processing",
        "dpv:ServiceProvision",
        "performing_services",
    ),
    (
        _words(
            r"customer (?:service|support|care)",
            r"respond to (?:your )?(?:\w+ ){0,3}"
            r"(?:inquir|questions|requests|comments)",
            r"support",
            r"help you",
        ),
        "essential.service.operations.support",
        "dpv:CommunicationForCustomerCare",
        "performing_services",
    ),
    (
        _words(
            r"targeted advertising",
            r"interest[- ]based advertising",
            r"personali[sz]ed "
            r"(?:ads|advertising|advertisements)",
            r"retarget",
            r"cross[- ]context",
            r"advertis(?:e|ing|ements?)",
            r"ads",
        ),
        "marketing.advertising",
        "dpv:Advertising",
        "advertising_marketing_services",
    ),
    (
        _words(
            r"marketing",
            r"promotion(?:s|al)?",
            r"newsletters?",
            r"offers?",
            r"sweepstakes",
            r"contests?",
            r"loyalty",
            r"rewards",
        ),
        "marketing.communications",
        "dpv:Marketing",
        "advertising_marketing_services",
    ),
    (
        _words(
            r"analy(?:se|ze|sis|tics)",
            r"measure",
            r"statistic(?:s|al)",
            r"audience measurement",
            r"understand (?:how|our|customer)",
            r"research",
        ),
        "analytics.reporting",
        "dpv:ServiceUsageAnalytics",
        "internal_research",
    ),
    (
        _words(
            r"personali[sz](?:e|ation|ed)",
            r"customi[sz](?:e|ed|ation)",
            r"tailor(?:ed)?",
            r"recommendations?",
            r"relevant",
        ),
        "personalize.content",
        "dpv:Personalisation",
        "performing_services",
    ),
    (
        _words(
            r"improve",
            r"develop(?:ment)? (?:of )?new",
            r"optimi[sz]e",
            r"enhance",
            r"debug",
            r"troubleshoot",
            r"performance",
        ),
        "functional.service.improve",
        "dpv:ServiceOptimisation",
        "quality_and_safety",
    ),
    (
        _words(
            r"authenticat(?:e|ion)",
            r"verify (?:your )?identity",
            r"log ?in",
            r"sign ?in",
            r"account (?:creation|management|registration)",
            r"create (?:and manage )?(?:an |"
            r"your )?account",
        ),
        "essential.service.authentication",
        "dpv:ServiceRegistration",
        "performing_services",
    ),
    (
        _words(
            r"communicat(?:e|ions?)",
            r"notif(?:y|ications?)",
            r"send you (?:\w+ ){0,3}"
            r"(?:updates|notices|information|messages|emails?)",
            r"contact you",
        ),
        "essential.service.notifications",
        "dpv:CommunicationManagement",
        "performing_services",
    ),
    (
        _words(r"recruit(?:ment|ing)?", r"job applications?", r"hiring", r"candidates?"),
        "employment.recruitment",
        "dpv:ServiceProvision",
        None,
    ),
    (
        _words(
            r"provide (?:\w+ ){0,3}(?:services?|products?|platform|website|features?)",
            r"operat(?:e|ing) (?:\w+ ){0,3}(?:services?|business|website|site|platform)",
            r"run (?:\w+ ){0,2}(?:services?|site|features)",
            r"maintain",
            r"administer",
        ),
        "essential.service.operations",
        "dpv:ServiceProvision",
        "performing_services",
    ),
]
PURPOSE_LEAD = _words(
    r"(?:we )?(?:may )?use (?:\w+ ){0,8}(?:to|for)", r"purposes?", r"in order to",
    r"how we (?:may )?use", r"uses? of (?:your )?(?:personal )?(?:information|data)",
    r"why we (?:collect|use|process)", r"used (?:to|for)", r"process (?:\w+ ){0,6}(?:to|for)",
    # "To deliver your baggage to your destination, we process ...": the end before the means
    r"to [a-z]+ [^.;:]{0,160}?, we (?:\w+ ){0,2}(?:process|use|need|collect|share|handle)",
)  # fmt: skip


# The kind of data an item of a list the vocabulary above does not name is, read from its last
# word ("ticket number", "bidding history", "chat duration"): the head noun says the kind when
# the item itself is unknown. Only heads that say one kind; "information", "data" and "details"
# say none.
HEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys("number numbers id ids identifier identifiers".split(), "user.unique_id"),
    **dict.fromkeys(
        "history histories activity activities usage duration durations timestamp timestamps "
        "behaviour behavior interactions clicks visits".split(),
        "user.behavior",
    ),
    **dict.fromkeys("preferences settings".split(), "user.account.settings"),
    **dict.fromkeys(
        "messages comments posts reviews feedback content contents photos pictures videos "
        "images recordings uploads notes answers responses".split(),
        "user.content",
    ),
    **dict.fromkeys("address addresses".split(), "user.contact.address"),
    **dict.fromkeys("location locations whereabouts".split(), "user.location"),
}
